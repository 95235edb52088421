"""A Flask app for the record end-to-end tests: `/usr/bin/python3 -m flask --app flask_app run`.

  GET /fast            200 "ok"
  GET /cpu?ms=N        200 after burning CPU in pure Python for about N milliseconds
  GET /sleep?ms=N      200 after time.sleep(N / 1000)
  GET /hidden?ms=N     the same as /sleep: the tests leave it out with the URL filters

The cpu and sleep bodies name the serving process and thread: "cpu pid=<pid> tid=<native thread id>"
(handler_work.py beside this file does the work the three apps share).
"""

import time

from flask import Flask, request

from handler_work import burn_cpu, served_by

app = Flask(__name__)


@app.route("/fast")
def fast():
    return "ok"


@app.route("/cpu")
def cpu_bound():
    burn_cpu(int(request.args.get("ms", "100")))
    return served_by("cpu")


@app.route("/sleep")
@app.route("/hidden")
def sleep_bound():
    time.sleep(int(request.args.get("ms", "100")) / 1000.0)
    return served_by("sleep")
