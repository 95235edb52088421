"""web-perfmonitor's demo server: a small web app to profile, standard library only.

  GET /          the list of endpoints
  GET /fast      answers at once
  GET /cpu       CPU-slow: counts primes for about 1.5 s
  GET /io        I/O-slow: waits 1.2 s on a socket that never answers in time
  GET /nested    a handler calling three levels of functions, the slow one at the bottom

Prints "demo server listening on http://HOST:PORT" when ready. Usage: demo_server.py [--port N]
With --send-traffic URL it serves nothing: it sends one round of requests to URL (the workbench's
proxy) and prints each answer's status and time.
"""

import argparse
import json
import socket
import sys
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# One round of demo traffic: fast requests around each slow kind (the workbench sends the same).
TRAFFIC = ["/fast", "/cpu", "/fast", "/io", "/nested", "/fast"]


def count_primes(seconds):
    deadline = time.monotonic() + seconds
    count, candidate = 0, 2
    while time.monotonic() < deadline:
        if all(candidate % d for d in range(2, int(candidate ** 0.5) + 1)):
            count += 1
        candidate += 1
    return count


def wait_for_slow_backend(seconds):
    # A socket pair whose other end never writes: the thread blocks in the kernel like on a slow database.
    reader, writer = socket.socketpair()
    try:
        reader.settimeout(seconds)
        try:
            reader.recv(1)
        except socket.timeout:
            pass
    finally:
        reader.close()
        writer.close()
    return "backend timed out"


def load_order_lines():
    return [{"item": i, "price": i * 3 % 17} for i in range(2000)]


def price_order(lines):
    total = 0
    for _ in range(40):
        total = sum(line["price"] for line in lines)
    return total + count_primes(1.0)


def render_order():
    lines = load_order_lines()
    return {"lines": len(lines), "total": price_order(lines)}


class DemoHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    routes = {
        "/fast": lambda: {"ok": True},
        "/cpu": lambda: {"primes": count_primes(1.5)},
        "/io": lambda: {"backend": wait_for_slow_backend(1.2)},
        "/nested": render_order,
    }

    def log_message(self, fmt, *args):
        sys.stdout.write("%s %s\n" % (self.address_string(), fmt % args))
        sys.stdout.flush()

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        handler = self.routes.get(path)
        if path == "/":
            body, status = {"endpoints": sorted(self.routes)}, 200
        elif handler is None:
            body, status = {"error": "no such endpoint"}, 404
        else:
            body, status = handler(), 200
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def send_traffic(base_url):
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # straight to the proxy
    for path in TRAFFIC:
        started = time.monotonic()
        with opener.open(base_url.rstrip("/") + path, timeout=30) as answer:
            print("%s %d in %.2f s" % (path, answer.status, time.monotonic() - started), flush=True)


def main():
    parser = argparse.ArgumentParser(description="web-perfmonitor's demo server")
    parser.add_argument("--port", type=int, default=0, help="port to listen on (0: any free port)")
    parser.add_argument("--send-traffic", metavar="URL", help="send one round of requests to URL and exit")
    args = parser.parse_args()
    if args.send_traffic:
        send_traffic(args.send_traffic)
        return
    server = ThreadingHTTPServer(("127.0.0.1", args.port), DemoHandler)
    print("demo server listening on http://127.0.0.1:%d" % server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
