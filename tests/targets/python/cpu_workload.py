"""A CPU-bound Python workload for bench_python: for each line read on stdin, one round of the same work
(recursive calls, so the stack changes all the time), then "round <wall> <waited>": the round's duration and how
much of it the thread spent runnable but waiting for a CPU (from its schedstat), both in seconds. Waiting for a CPU
is what the rest of a busy machine costs; the remainder is running plus being held stopped by a sampler.
Prints "ready pid=<pid>" first; exits at the end of its input.
"""

import os
import sys
import threading
import time


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def one_round():
    return sum(fib(18) for _ in range(300))


def waited_seconds(schedstat):
    with open(schedstat) as file:
        return int(file.read().split()[1]) / 1e9


def main():
    schedstat = f"/proc/self/task/{threading.get_native_id()}/schedstat"
    print(f"ready pid={os.getpid()}", flush=True)
    for _ in sys.stdin:
        waited = waited_seconds(schedstat)
        started = time.perf_counter()
        one_round()
        wall = time.perf_counter() - started
        print(f"round {wall:.6f} {waited_seconds(schedstat) - waited:.6f}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
