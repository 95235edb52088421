"""Threads started after a sampler began, for the test that their samples carry Python frames at once
(standard library only; tst_latethreads).

It prints "ready pid=<pid>", then for each line "start N" on its standard input starts N threads, 20 ms apart, each
running late_worker() (a CPU loop on one line), and prints "thread late<i> tid=<native id> at=<ns>" for each once it
runs, with the time.monotonic_ns() (CLOCK_MONOTONIC) at which it entered late_worker.
It exits on SIGTERM or when its standard input closes.
"""

import os
import signal
import sys
import threading
import time


def late_worker(running, entered):
    entered.append(time.monotonic_ns())
    running.set()
    total = 0
    while True: total = (total * 31 + 7) & 0xFFFFFF  # noqa: E701 (one line: one expected line number)


def start_threads(count, first):
    for i in range(first, first + count):
        running = threading.Event()
        entered = []
        thread = threading.Thread(target=late_worker, args=(running, entered), name="late%d" % i, daemon=True)
        thread.start()
        running.wait()
        print("thread late%d tid=%d at=%d" % (i, thread.native_id, entered[0]), flush=True)
        time.sleep(0.02)


def main():
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    print("ready pid=%d" % os.getpid(), flush=True)
    started = 0
    for line in sys.stdin:
        words = line.split()
        if len(words) == 2 and words[0] == "start":
            start_threads(int(words[1]), started)
            started += int(words[1])
    os._exit(0)


if __name__ == "__main__":
    main()
