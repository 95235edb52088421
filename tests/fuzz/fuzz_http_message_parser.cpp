// libFuzzer target for the proxy's parsing path: arbitrary bytes, split at arbitrary points, fed
// to the request and the response parser. Checks the parser's own promises, not just "no crash".

#include "capture/HttpMessageParser.h"

#include <cstdint>
#include <cstdlib>

using wpm::HttpMessageParser;

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

void feedInPieces(HttpMessageParser::Kind kind, const uint8_t* data, size_t size)
{
    HttpMessageParser parser(kind);
    int begun = 0;
    int completed = 0;
    parser.onBegin = [&] { ++begun; };
    parser.onComplete = [&](const HttpMessageParser::Message& message) {
        ++completed;
        check(message.bodyBytes >= 0 && message.bodyBytes <= qint64(size));
    };
    parser.answersHead = [&] { return (size & 1) != 0; };
    // The first byte chooses the piece size, so the same message is also parsed across splits.
    const size_t piece = size > 0 ? 1 + data[0] % 17 : 1;
    size_t offset = 0;
    while (offset < size) {
        const size_t length = std::min(piece, size - offset);
        const qsizetype parsed = parser.feed(reinterpret_cast<const char*>(data) + offset, qsizetype(length));
        check(parsed >= 0 && size_t(parsed) <= length);
        if (parser.failure() != HttpMessageParser::Failure::None || parser.upgraded()) {
            check(parser.feed(reinterpret_cast<const char*>(data), qsizetype(size)) == 0); // stays stopped
            break;
        }
        check(size_t(parsed) == length); // without failure or upgrade, every byte is consumed
        offset += length;
    }
    check(completed <= begun);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    feedInPieces(HttpMessageParser::Kind::Request, data, size);
    feedInPieces(HttpMessageParser::Kind::Response, data, size);
    return 0;
}
