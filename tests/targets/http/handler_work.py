"""The work behind the framework apps' handlers (flask_app, fastapi_app, django_app), the same in each:
CPU burnt in pure Python, and the body that names the serving process and thread."""

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
