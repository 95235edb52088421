"""A Flask app for the record end-to-end tests: `/usr/bin/python3 -m flask --app flask_app run`.

  GET /fast            200 "ok"
  GET /cpu?ms=N        200 after burning CPU in pure Python for about N milliseconds
  GET /sleep?ms=N      200 after time.sleep(N / 1000)
  GET /hidden?ms=N     the same as /sleep: the tests leave it out with the URL filters

The cpu and sleep bodies name the serving process and thread: "cpu pid=<pid> tid=<native thread id>".
"""

import os
import threading
import time

from flask import Flask, request

app = Flask(__name__)


def burn_cpu(ms):
    deadline = time.monotonic() + ms / 1000.0
    total = 0
    while time.monotonic() < deadline:
        for i in range(1000):
            total += i * i
    return total


@app.route("/fast")
def fast():
    return "ok"


@app.route("/cpu")
def cpu_bound():
    burn_cpu(int(request.args.get("ms", "100")))
    return "cpu pid=%d tid=%d" % (os.getpid(), threading.get_native_id())


@app.route("/sleep")
@app.route("/hidden")
def sleep_bound():
    time.sleep(int(request.args.get("ms", "100")) / 1000.0)
    return "sleep pid=%d tid=%d" % (os.getpid(), threading.get_native_id())
