"""A web server with a call tree tens of thousands of nodes wide, for bench_gui_latency's 20k-node live
flame graph. Standard library only. Prints "ready port=<port>" when listening on 127.0.0.1.

Generated functions level0_branch0 ... level{DEPTH-1}_branch{BRANCHING-1}: each level's function calls one
of the next level's. Background walker threads each run their own fixed pool of random paths through them,
one after the other, again and again, sleeping LEAF_SLEEP in the innermost call (so every sample finds each
walker in another path, and the walkers leave the CPU to the sampler). The call tree grows with the
distinct prefixes of WALKERS * PATHS paths: about 50,000 nodes after 15 s sampled (bench_gui_latency).

  GET /fast     200 at once
  GET /cpu      200 after walking paths for 0.6 s in the handler (slower than the benchmark's threshold)
  GET /io       200 after sleeping 0.6 s
  GET /nested   200 after walking paths for 0.3 s
  anything else 404

Usage: wide_tree_app.py [--port N] [--walkers N] [--paths N]
"""

import argparse
import random
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

BRANCHING = 10
DEPTH = 7
LEAF_SPIN = 200  # loop turns in the innermost call of a request's walk: ~20 microseconds
LEAF_SLEEP = 0.002  # seconds in the innermost call of a walker's walk


def make_levels():
    """levels[level][branch] is a distinct function; each calls path[level + 1]'s function of the next level."""
    source = []
    for level in range(DEPTH):
        for branch in range(BRANCHING):
            if level + 1 < DEPTH:
                body = f"    return levels[{level + 1}][path[{level + 1}]](path, rest)\n"
            else:
                body = "    return rest()\n"
            source.append(f"def level{level}_branch{branch}(path, rest):\n{body}")
    scope = {}
    exec(compile("\n".join(source), __file__, "exec"), scope)
    levels = [[scope[f"level{level}_branch{branch}"] for branch in range(BRANCHING)] for level in range(DEPTH)]
    scope["levels"] = levels
    return levels


LEVELS = make_levels()


def random_paths(seed, count):
    generator = random.Random(seed)
    return [tuple(generator.randrange(BRANCHING) for _ in range(DEPTH)) for _ in range(count)]


def spin():
    total = 0
    for turn in range(LEAF_SPIN):
        total += turn
    return total


def pause():
    time.sleep(LEAF_SLEEP)


def walk(paths, seconds=None):
    """Forever, pausing in each path (a walker), or busy for `seconds` (a request)."""
    deadline = None if seconds is None else time.monotonic() + seconds
    rest = pause if seconds is None else spin
    while True:
        for path in paths:
            LEVELS[0][path[0]](path, rest)
            if deadline is not None and time.monotonic() >= deadline:
                return


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    request_paths = random_paths(0, 200)

    def do_GET(self):
        if self.path == "/fast":
            pass
        elif self.path == "/cpu":
            walk(self.request_paths, 0.6)
        elif self.path == "/io":
            time.sleep(0.6)
        elif self.path == "/nested":
            walk(self.request_paths, 0.3)
        else:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = b"ok\n"
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--walkers", type=int, default=8)
    parser.add_argument("--paths", type=int, default=1000)
    options = parser.parse_args()
    for walker in range(options.walkers):
        paths = random_paths(walker + 1, options.paths)
        threading.Thread(target=walk, args=(paths,), name=f"walker-{walker}", daemon=True).start()
    server = ThreadingHTTPServer(("127.0.0.1", options.port), Handler)
    print(f"ready port={server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
