"""A one-file Django project for the record end-to-end tests:
`/usr/bin/python3 django_app.py runserver [--noreload] 127.0.0.1:0`.

It serves the endpoints handler_work.py lists, with the work that module does for them.
"""

import sys
import time

from django.conf import settings
from django.http import HttpResponse
from django.urls import path

from handler_work import burn_cpu, served_by

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    SECRET_KEY="only-for-tests",
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    LOGGING_CONFIG=None,
)


def fast(request):
    return HttpResponse("ok")


def cpu_bound(request):
    burn_cpu(int(request.GET.get("ms", "100")))
    return HttpResponse(served_by("cpu"))


def sleep_bound(request):
    time.sleep(int(request.GET.get("ms", "100")) / 1000.0)
    return HttpResponse(served_by("sleep"))


urlpatterns = [
    path("fast", fast),
    path("cpu", cpu_bound),
    path("sleep", sleep_bound),
    path("hidden", sleep_bound),
]

if __name__ == "__main__":
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
