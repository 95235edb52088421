"""A Python program that records its own stacks, so that samples taken from outside can be checked against
them (standard library only).

Threads, each in a stack that does not change once it runs (so every sample of it can be checked); chain, waiter
and churn are known_threads.py's:
  chain   -- Chain().level_01() -> ... -> Chain.level_10(), which burns CPU in a one-line loop
  sleeper -- time.sleep() inside sleeper()
  waiter  -- threading.Event().wait() inside waiter()
  server  -- an http.server.ThreadingHTTPServer waiting for connections
  handler -- the server's handler thread for one GET, in slow_view() -> time.sleep()
  client  -- urllib waiting for that GET's response
  churn   -- only with --churn: churn() calling churn_a() -> churn_b() -> churn_c() in a tight loop, a stack that
             changes all the time (for reads that do not stop the threads)
The recorder thread takes sys._current_frames() every 2 ms and keeps each distinct stack per native thread id,
with the stacks of its callers (each caller part of it).
On SIGUSR1 the program writes them as JSON to the file given with --record (atomically, by a rename):
  {"threads": {"<tid>": [[[name, file, line], ...innermost first], ...]}, "names": {"<tid>": "chain", ...},
   "functions": {"name@file": [first line, last line]}}
It prints "thread <name> tid=<native id>" for each thread, then "ready pid=<pid>", and exits on SIGTERM.
"""

import dis
import http.server
import json
import os
import signal
import sys
import threading
import time
import urllib.request

from known_threads import chain, churn, started, waiter


def sleeper():
    started["sleeper"].set()
    time.sleep(3600)


def slow_view():
    started["handler"].set()
    time.sleep(3600)


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        threads["handler"] = threading.get_native_id()
        slow_view()

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True


def serve():
    started["server"].set()
    server.serve_forever(poll_interval=3600)  # no periodic wake-ups: one stack while it waits


def client():
    started["client"].set()
    urllib.request.urlopen(f"http://127.0.0.1:{server.server_address[1]}/slow", timeout=3600)


def function_name(code):
    return getattr(code, "co_qualname", code.co_name)  # 3.11+ has qualified names


recorded = {}  # native tid -> set of stacks
functions = {}  # "name@file" -> (first line, last line)
names = {}  # native tid -> thread name
record_lock = threading.Lock()


def record_once(own_ident):
    python_to_native = {thread.ident: thread.native_id for thread in threading.enumerate()}
    for ident, frame in sys._current_frames().items():
        if ident == own_ident or ident not in python_to_native:
            continue
        stack = []
        while frame is not None:
            code = frame.f_code
            key = f"{function_name(code)}@{code.co_filename}"
            if key not in functions:
                lines = [line for _, line in dis.findlinestarts(code) if line is not None]
                functions[key] = (code.co_firstlineno, max(lines + [code.co_firstlineno]))
            stack.append((function_name(code), code.co_filename, frame.f_lineno))
            frame = frame.f_back
        # The recorder sees a running thread only where it lets go of the GIL (a call's entry, a loop's back
        # edge), so it may never catch a caller between two of its calls; yet each caller was innermost on the
        # very line it called from. Every caller part of a stack is therefore a stack of the thread too.
        stacks = recorded.setdefault(python_to_native[ident], set())
        for depth in range(len(stack)):
            stacks.add(tuple(stack[depth:]))


def recorder():
    own = threading.get_ident()
    while True:
        with record_lock:
            record_once(own)
        time.sleep(0.002)


def dump(path):
    with record_lock:
        document = {
            "threads": {str(tid): [list(map(list, stack)) for stack in stacks] for tid, stacks in recorded.items()},
            "names": {str(tid): name for name, tid in threads.items()},
            "functions": {key: list(lines) for key, lines in functions.items()},
        }
    with open(path + ".tmp", "w") as file:
        json.dump(document, file)
    os.rename(path + ".tmp", path)


started.update({name: threading.Event() for name in ("sleeper", "server", "handler", "client")})
threads = {"main": threading.get_native_id()}


def main():
    path = sys.argv[sys.argv.index("--record") + 1] if "--record" in sys.argv else os.devnull
    # Blocked in every thread (they inherit the mask) and taken by the main thread alone: a handler would only
    # run once the signal happened to hit the main thread.
    signals = {signal.SIGUSR1, signal.SIGTERM}
    signal.pthread_sigmask(signal.SIG_BLOCK, signals)
    functions_to_run = [chain, sleeper, waiter, serve, client] + ([churn] if "--churn" in sys.argv else [])
    for function in functions_to_run:
        name = "server" if function is serve else function.__name__
        thread = threading.Thread(target=function, name=name, daemon=True)
        thread.start()
        started[name].wait()
        threads[name] = thread.native_id
    started["handler"].wait()
    threading.Thread(target=recorder, name="recorder", daemon=True).start()
    time.sleep(0.2)  # let each thread get past set() into its loop or wait, and the client into its recv
    for name, tid in threads.items():
        print(f"thread {name} tid={tid}")
    print(f"ready pid={os.getpid()}", flush=True)
    while signal.sigwait(signals) == signal.SIGUSR1:
        dump(path)
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
