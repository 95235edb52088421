#pragma once
// Interns frames to dense ids so a call tree stores one small integer per node instead of strings.

#include "profile/Frame.h"

#include <QHash>
#include <QList>

namespace wpm {

using FrameId = qint32;
inline constexpr FrameId kNoFrame = -1;

class FrameTable {
public:
    // The id of an equal frame already interned, or a new id (ids are 0, 1, 2, ... in insertion order).
    FrameId intern(const Frame& frame);
    // kNoFrame when no equal frame was interned.
    FrameId find(const Frame& frame) const;

    const Frame& frame(FrameId id) const { return m_frames.at(id); }
    const QList<Frame>& frames() const { return m_frames; }
    qsizetype size() const { return m_frames.size(); }
    bool contains(FrameId id) const { return id >= 0 && id < m_frames.size(); }

private:
    QList<Frame> m_frames;
    QHash<Frame, FrameId> m_ids;
};

} // namespace wpm
