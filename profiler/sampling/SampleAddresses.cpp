#include "SampleAddresses.h"

namespace wpm {

NewCodeAddresses newCodeAddresses(const QList<StoredSample>& samples, const QStringList& modules, KnownCodeOffsets& known)
{
    NewCodeAddresses found;
    for (const StoredSample& stored : samples) {
        for (const FrameAddress& address : stored.stack.frames) {
            if (address.module == 0 || address.module >= quint32(modules.size()))
                continue;
            QSet<quint64>& offsets = known[address.module];
            if (offsets.contains(address.offset))
                continue;
            offsets.insert(address.offset);
            found.addresses.append({ modules.at(qsizetype(address.module)), address.offset });
            found.frames.append(address);
        }
    }
    return found;
}

} // namespace wpm
