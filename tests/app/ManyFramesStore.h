#pragma once
// A store holding one request's window of samples whose every frame is a distinct code address in a real
// module (a test's own executable, with its DWARF), so that symbolizing them is long, real work.

#include "capture/RequestRecord.h"
#include "sampling/SampleStore.h"

#include <memory>

namespace wpm::test {

struct ManyFrames {
    int samples = 3000;
    int framesPerSample = 100; // each one a code address no other sample has
    qint64 startNs = 1'000'000;
    qint64 sampleNs = 1'000'000; // 1 kHz
};

// Every frame a distinct address of `modulePath`'s code from `firstOffset` on, all of one thread.
inline std::shared_ptr<SampleStore> storeOfManyFrames(const QString& modulePath, quint64 firstOffset, ManyFrames shape)
{
    auto store = std::make_shared<SampleStore>();
    const quint32 module = store->internModule(modulePath);
    for (int sample = 0; sample < shape.samples; ++sample) {
        RawStack stack;
        stack.complete = true;
        for (int frame = 0; frame < shape.framesPerSample; ++frame)
            stack.frames.append({ module, firstOffset + quint64(sample * shape.framesPerSample + frame) * 2 });
        store->append(4242, 4242, shape.startNs + sample * shape.sampleNs, ThreadState::Running, stack);
    }
    return store;
}

// The request whose time window the store's samples fill.
inline RequestRecord requestOverManyFrames(const QString& path, ManyFrames shape)
{
    RequestRecord record;
    record.id = 1;
    record.method = QStringLiteral("GET");
    record.target = record.path = path;
    record.status = 200;
    record.startNs = shape.startNs;
    record.endNs = shape.startNs + shape.samples * shape.sampleNs;
    record.startTime = QDateTime::currentDateTimeUtc();
    return record;
}

} // namespace wpm::test
