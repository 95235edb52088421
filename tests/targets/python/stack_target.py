"""A Python program with known stacks, for the tests of the Python stack reader (standard library only).

Threads:
  chain   -- Chain().level_01() -> ... -> Chain.level_10(), which burns CPU in a one-line loop
  sleeper -- time.sleep() inside sleeper()
  waiter  -- threading.Event().wait() inside waiter()
  churn   -- only with --churn: churn() calling churn_a() -> churn_b() -> churn_c() in a tight loop, a stack
             that changes all the time (for the racy-read tests)
  deep    -- only with --deep: recurse() 300 levels deep, then time.sleep() in bottom(): a stack longer than
             CPython's first data-stack chunk
  (native) -- only with --native-thread: a thread started with pthread_create that runs no Python (pause())
It prints "thread <name> tid=<native id>" for each, then "ready pid=<pid>" once all of them run,
and exits on SIGTERM. The tests find the expected line numbers by reading this file: keep each
level's call on the line after its "def".
"""

import ctypes
import os
import signal
import sys
import threading
import time


class Chain:
    def level_01(self):
        return self.level_02()

    def level_02(self):
        return self.level_03()

    def level_03(self):
        return self.level_04()

    def level_04(self):
        return self.level_05()

    def level_05(self):
        return self.level_06()

    def level_06(self):
        return self.level_07()

    def level_07(self):
        return self.level_08()

    def level_08(self):
        return self.level_09()

    def level_09(self):
        return self.level_10()

    def level_10(self):
        started["chain"].set()
        total = 0
        while True: total = (total * 31 + 7) & 0xFFFFFF  # noqa: E701 (one line: one expected line number)


def chain():
    Chain().level_01()


def sleeper():
    started["sleeper"].set()
    while True:
        time.sleep(0.5)


def waiter():
    started["waiter"].set()
    threading.Event().wait()


def churn_c(n):
    return n * 2 + 1


def churn_b(n):
    return churn_c(n) + churn_c(n + 1)


def churn_a(n):
    return churn_b(n) - churn_b(n - 1)


def churn():
    started["churn"].set()
    n = 0
    while True:
        n = churn_a(n) & 0xFFFF


DEPTH = 300


def bottom():
    started["deep"].set()
    while True:
        time.sleep(0.5)


def recurse(n):
    if n == 0:
        return bottom()
    return recurse(n - 1)


def deep():
    recurse(DEPTH - 1)


started = {name: threading.Event() for name in ("chain", "sleeper", "waiter", "churn", "deep")}


def main():
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    functions = [chain, sleeper, waiter]
    functions += [churn] if "--churn" in sys.argv else []
    functions += [deep] if "--deep" in sys.argv else []
    threads = [threading.Thread(target=function, name=function.__name__, daemon=True) for function in functions]
    for thread in threads:
        thread.start()
    if "--native-thread" in sys.argv:
        libc = ctypes.CDLL(None)
        handle = ctypes.c_ulong()
        libc.pthread_create(ctypes.byref(handle), None, ctypes.cast(libc.pause, ctypes.c_void_p), None)
    for thread in threads:
        started[thread.name].wait()
        print(f"thread {thread.name} tid={thread.native_id}")
    time.sleep(0.05)  # let each thread get past set() into its loop or wait
    print(f"ready pid={os.getpid()}", flush=True)
    while True:
        signal.pause()


if __name__ == "__main__":
    sys.exit(main())
