#pragma once
// Escaping of untrusted text (URLs, symbol and file names) for the formats the reports are written in.

#include <QString>
#include <QStringView>

namespace wpm {

// `&<>"'` as entities, for HTML text and attribute values.
QString htmlEscaped(QStringView text);

// A JSON string literal (with quotes) that is also safe inside an HTML <script> element: `<`, `>`,
// `&`, U+2028 and U+2029 are \u-escaped, so `</script>` or `<!--` cannot end or alter the element.
void appendJsonString(QString& out, QStringView text);
QString jsonString(QStringView text);

// Markdown (CommonMark, GFM tables) inline text that shows literally: every character that could start
// markup (\ ` * _ [ ] < > | ~ # ! & : $ anywhere, + - . = at the start) is backslash-escaped, line
// breaks become spaces, and
// text longer than maxLength code points is cut with an ellipsis (0 = no limit).
QString markdownEscaped(QStringView text, qsizetype maxLength = 0);

} // namespace wpm
