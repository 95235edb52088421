#include "profile/FrameTable.h"

namespace wpm {

FrameId FrameTable::intern(const Frame& frame)
{
    const auto it = m_ids.constFind(frame);
    if (it != m_ids.cend())
        return it.value();
    const auto id = static_cast<FrameId>(m_frames.size());
    m_frames.append(frame);
    m_ids.insert(frame, id);
    return id;
}

FrameId FrameTable::find(const Frame& frame) const
{
    return m_ids.value(frame, kNoFrame);
}

} // namespace wpm
