"""A Flask app for the record end-to-end tests: `/usr/bin/python3 -m flask --app flask_app run`.

It serves the endpoints handler_work.py lists, with the work that module does for them.
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
