"""A FastAPI app for the record end-to-end tests: `/usr/bin/python3 -m uvicorn fastapi_app:app`.

  GET /fast            200 "ok"
  GET /cpu?ms=N        200 after burning CPU for about N ms in an `async def` handler (on the
                       event loop's thread)
  GET /sleep?ms=N      200 after time.sleep(N / 1000) in a plain `def` handler (on a worker thread
                       of the thread pool, as FastAPI runs blocking handlers)
  GET /hidden?ms=N     the same as /sleep: the tests leave it out with the URL filters

handler_work.py does the work of the cpu and sleep handlers; their bodies name the serving process and thread.
"""

import time

from fastapi import FastAPI
from fastapi.responses import PlainTextResponse

from handler_work import burn_cpu, served_by

app = FastAPI()


@app.get("/fast", response_class=PlainTextResponse)
async def fast():
    return "ok"


@app.get("/cpu", response_class=PlainTextResponse)
async def cpu_bound(ms: int = 100):
    burn_cpu(ms)
    return served_by("cpu")


@app.get("/sleep", response_class=PlainTextResponse)
@app.get("/hidden", response_class=PlainTextResponse)
def sleep_bound(ms: int = 100):
    time.sleep(ms / 1000.0)
    return served_by("sleep")
