"""A Python program whose threads spend their time in native code called from Python (standard library only),
for the tests of mixed Python + native stacks.

Threads:
  sleeper    -- handle_sleep() -> sleepy_view() -> time.sleep(): a handler waiting in libc's clock_nanosleep
  compressor -- handle_compress() -> compress_view() -> zlib.compress() of a 4 MiB buffer: libz's deflate
It prints "thread <name> tid=<native id>" for each, then "ready pid=<pid>", and exits on SIGTERM.
"""

import os
import random
import signal
import sys
import threading
import time
import zlib


def sleepy_view():
    time.sleep(10)


def handle_sleep():
    started["sleeper"].set()
    while True:
        sleepy_view()


def compress_view(data):
    return len(zlib.compress(data, 9))


def handle_compress():
    words = [b"alpha", b"beta", b"gamma", b"delta", b"epsilon", b"zeta", b"eta", b"theta"]
    generator = random.Random(4)
    data = b" ".join(generator.choice(words) for _ in range(700_000))[: 4 << 20]
    started["compressor"].set()
    while True:
        compress_view(data)


started = {name: threading.Event() for name in ("sleeper", "compressor")}


def main():
    # Blocked in every thread and taken by the main thread: a handler would wait for it to hit the main thread.
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    threads = [
        threading.Thread(target=handle_sleep, name="sleeper", daemon=True),
        threading.Thread(target=handle_compress, name="compressor", daemon=True),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        started[thread.name].wait()
        print(f"thread {thread.name} tid={thread.native_id}")
    time.sleep(0.05)
    print(f"ready pid={os.getpid()}", flush=True)
    signal.sigwait({signal.SIGTERM})
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
