#pragma once
// Flame-graph layout as a pure function: call tree, width and minimum width in, rectangles out.
// Views only paint the rectangles (and choose flame or icicle orientation from `depth`).

#include "profile/CallTree.h"

#include <QByteArrayView>
#include <QList>
#include <QtGlobal>

namespace wpm {

// 0xAARRGGBB, the same type and layout as QRgb (which lives in Qt Gui, which profiler/ does not link):
// a view passes it straight to QColor::fromRgb().
using Rgb = quint32;

struct FlameRect {
    NodeId node = kNoNode;
    int depth = 0; // the root ("all") is depth 0, its children depth 1, ...
    double x = 0; // left edge, 0 <= x <= width
    double width = 0; // node.totalSamples / tree.totalSamples() * width
    Rgb colour = 0;
};

// The root is emitted at depth 0 spanning the whole width, in kRootColour. Children are laid out left
// to right in CallTree::sortedChildren() order, starting at their parent's left edge (self time is the
// gap on the right). Rectangles narrower than minWidth are dropped with their whole subtree, like
// flamegraph.pl --minwidth. Positions come from integer sample offsets, so they do not drift.
// Ordered by (depth, x). Empty when the tree has no samples or width <= 0.
QList<FlameRect> layoutFlameGraph(const CallTree& tree, double width, double minWidth);

inline constexpr Rgb kRootColour = 0xffc8c8c8; // neutral grey for "all"

// 32-bit FNV-1a: h = 0x811c9dc5; for each byte b: h = (h ^ b) * 0x01000193 mod 2^32.
// In JavaScript: h = Math.imul(h ^ b, 0x01000193) >>> 0 over the UTF-8 bytes (TextEncoder).
quint32 fnv1a32(QByteArrayView bytes);

// Colour of a frame, stable across runs (unlike qHash, which is seeded per process) so live
// refreshes do not flicker and the web renderer can compute the same colours. Exact formula, with
// h = fnv1a32(UTF-8 of frame.function), b0 = h & 0xff, b1 = (h >>> 8) & 0xff, b2 = (h >>> 16) & 0xff
// and integer division (Math.floor in JavaScript):
//   native (warm, flamegraph.pl "hot"): r = 205 + b2*50/255, g = b0*230/255,       b = b1*55/255
//   Python (green/blue):                r = 40 + b0*80/255,  g = 170 + b1*70/255,  b = 140 + b2*100/255
// Alpha is 0xff. Only the function name is hashed: the same function is one colour everywhere.
Rgb frameColour(const Frame& frame);

} // namespace wpm
