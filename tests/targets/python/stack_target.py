"""A Python program with known stacks, for the tests of the Python stack reader (standard library only).

Threads (chain, waiter and churn are known_threads.py's):
  chain   -- Chain().level_01() -> ... -> Chain.level_10(), which burns CPU in a one-line loop
  sleeper -- time.sleep() inside sleeper()
  waiter  -- threading.Event().wait() inside waiter()
  churn   -- only with --churn: churn() calling churn_a() -> churn_b() -> churn_c() in a tight loop, a stack
             that changes all the time (for the racy-read tests)
  deep    -- only with --deep: recurse() 300 levels deep, then time.sleep() in bottom(): a stack longer than
             CPython's first data-stack chunk
  (native) -- only with --native-thread: a thread started with pthread_create that runs no Python (pause())
It prints "thread <name> tid=<native id>" for each, then "ready pid=<pid>" once all of them run,
and exits on SIGTERM.
"""

import ctypes
import os
import signal
import sys
import threading
import time

from known_threads import chain, churn, started, waiter


def sleeper():
    started["sleeper"].set()
    while True:
        time.sleep(0.5)


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


started.update({name: threading.Event() for name in ("sleeper", "deep")})


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
