"""The threads whose stacks the Python test targets (stack_target.py, truth_target.py) know in advance
(standard library only):
  chain   -- Chain().level_01() -> ... -> Chain.level_10(), which burns CPU in a one-line loop
  waiter  -- threading.Event().wait() inside waiter()
  churn   -- churn() calling churn_a() -> churn_b() -> churn_c() in a tight loop, a stack that changes all the time
Each sets started[<its name>] once it runs; a target adds the events of its own threads to `started`.
The tests find the expected line numbers by reading this file: keep each level's call on the line after its "def".
"""

import threading

started = {name: threading.Event() for name in ("chain", "waiter", "churn")}


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
