"""A one-file Django project for the record end-to-end tests:
`/usr/bin/python3 django_app.py runserver [--noreload] 127.0.0.1:0`.

  GET /fast            200 "ok"
  GET /cpu?ms=N        200 after burning CPU in pure Python for about N milliseconds
  GET /sleep?ms=N      200 after time.sleep(N / 1000)
  GET /hidden?ms=N     the same as /sleep: the tests leave it out with the URL filters

The cpu and sleep bodies name the serving process and thread: "cpu pid=<pid> tid=<native thread id>".
"""

import os
import sys
import threading
import time

from django.conf import settings
from django.http import HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    SECRET_KEY="only-for-tests",
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    LOGGING_CONFIG=None,
)


def burn_cpu(ms):
    deadline = time.monotonic() + ms / 1000.0
    total = 0
    while time.monotonic() < deadline:
        for i in range(1000):
            total += i * i
    return total


def fast(request):
    return HttpResponse("ok")


def cpu_bound(request):
    burn_cpu(int(request.GET.get("ms", "100")))
    return HttpResponse("cpu pid=%d tid=%d" % (os.getpid(), threading.get_native_id()))


def sleep_bound(request):
    time.sleep(int(request.GET.get("ms", "100")) / 1000.0)
    return HttpResponse("sleep pid=%d tid=%d" % (os.getpid(), threading.get_native_id()))


urlpatterns = [
    path("fast", fast),
    path("cpu", cpu_bound),
    path("sleep", sleep_bound),
    path("hidden", sleep_bound),
]

if __name__ == "__main__":
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
