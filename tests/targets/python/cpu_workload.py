"""A CPU-bound Python workload for bench_python: the same amount of work in each round (recursive calls, so the
stack changes all the time), the duration of each round printed as "round <seconds>".

Usage: cpu_workload.py [--rounds N]   (default 6); prints "ready pid=<pid>" first and waits for a line on stdin, so
that the sampler is attached before the first round.
"""

import os
import sys
import time


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def one_round():
    return sum(fib(18) for _ in range(100))


def main():
    rounds = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 6
    print(f"ready pid={os.getpid()}", flush=True)
    sys.stdin.readline()
    for _ in range(rounds):
        started = time.perf_counter()
        one_round()
        print(f"round {time.perf_counter() - started:.6f}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
