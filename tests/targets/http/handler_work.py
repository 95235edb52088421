"""The work behind the framework apps' handlers (flask_app, fastapi_app, django_app), the same in each.

The endpoints every app serves:
  GET /fast            200 "ok"
  GET /cpu?ms=N        200 after burning CPU in pure Python for about N milliseconds (burn_cpu)
  GET /sleep?ms=N      200 after time.sleep(N / 1000)
  GET /hidden?ms=N     the same as /sleep: the tests leave it out with the URL filters

The cpu and sleep bodies name the serving process and thread: "cpu pid=<pid> tid=<native thread id>" (served_by).
"""

import os
import threading
import time


def burn_cpu(ms):
    deadline = time.monotonic() + ms / 1000.0
    total = 0
    while time.monotonic() < deadline:
        for i in range(1000):
            total += i * i
    return total


def served_by(kind):
    return "%s pid=%d tid=%d" % (kind, os.getpid(), threading.get_native_id())
