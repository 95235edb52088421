#pragma once
// Shows on the live page how the symbolization of each slow request's report goes, with a Cancel that has
// the report written at once with the frames not symbolized yet left as addresses.

namespace wpm {

class CaptureEngine;
class LivePage;

// `capture` may live on another thread; it must outlive the connections (it does: the recording deletes it
// only once its thread has finished).
void showReportSymbolization(CaptureEngine* capture, LivePage* page);

} // namespace wpm
