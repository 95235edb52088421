#pragma once
// The text of one frame inside a folded-stacks line, encoded so that its kind, module and source
// location survive a write and a read. Used by FoldedStacks; exposed for tests and other exporters.
//
// Writing:
//   Python  `qualname (file:line)`   (py-spy's convention; `qualname ()` when the file is unknown)
//   native  `symbol`, then ` [module]`, then ` (file:line)`
//     - ` [module]` is written when the module is known, when a location follows (so a native frame
//       with a file but no module reads `symbol [] (file:line)` and keeps its kind), and when the bare
//       symbol would otherwise read back differently: it is empty or ends in a ` (...)`/` [...]` group
//       (`operator()` stays bare; `foo [clone .cold]` becomes `foo [clone .cold] []`).
//     - ` (file:line)` is written when the file or the line is known.
//   `:line` is left out when the line is 0 (unless the file itself ends in `:digits`; then `:0` is kept).
// Reading, from the end of the text:
//   a trailing ` (...)` group (brackets balanced, preceded by a space) is the location, its line the
//   trailing `:digits` (an optional `-`) if any; then a trailing ` [...]` group is the module -> native;
//   a location without a module group -> Python; neither -> a bare native symbol.
// Lossy cases (everything else round-trips):
//   - `;` in any field is written as `:`, and LF/CR as a space (they would break the line format);
//   - a Python frame's module is not written (py-spy's convention has no place for it);
//   - a Python name ending in a ` [...]` group, or a file/module with unbalanced brackets, reads back
//     differently.
// (FoldedStacks adds one more: a `#` that would start a line is written as `_`.)

#include "profile/Frame.h"

#include <QString>
#include <QStringView>

namespace wpm {

QString encodeFoldedFrame(const Frame& frame);
Frame decodeFoldedFrame(QStringView text);

} // namespace wpm
