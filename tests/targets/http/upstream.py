"""A small HTTP/1.1 server with the behaviours the recording proxy must pass through.

Standard library only; run with /usr/bin/python3 [HOST] (default 127.0.0.1; "::1" listens on IPv6
loopback only). Prints "ready port=<port>" when listening.

  GET  /fast               200 "ok"
  GET  /slow?ms=N          200 after N milliseconds
  GET  /chunked?n=K        200, K chunks of 100 bytes (Transfer-Encoding: chunked)
  POST /echo               200, the number of body bytes received (Content-Length or chunked)
  GET  /close-midway       promises 100 bytes, sends 10, closes the connection
  GET  /no-length?bytes=N  200 without Content-Length (N bytes, default 500), ended by closing the connection
  GET  /ws                 101 Switching Protocols (Upgrade: echo), then echoes raw bytes
  HEAD /fast               headers only
"""

import socket
import socketserver
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send_body(self, body, status=200):
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        url = urlparse(self.path)
        query = parse_qs(url.query)
        if url.path == "/fast":
            self.send_body(b"ok")
        elif url.path == "/slow":
            time.sleep(int(query.get("ms", ["100"])[0]) / 1000.0)
            self.send_body(b"slow")
        elif url.path == "/big":  # one write, faster than any client reads
            self.send_body(b"x" * int(query.get("bytes", ["1000000"])[0]))
        elif url.path == "/chunked":
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for _ in range(int(query.get("n", ["10"])[0])):
                self.wfile.write(b"64\r\n" + b"x" * 100 + b"\r\n")
                self.wfile.flush()
            self.wfile.write(b"0\r\n\r\n")
        elif url.path == "/close-midway":
            self.send_response(200)
            self.send_header("Content-Length", "100")
            self.end_headers()
            self.wfile.write(b"y" * 10)
            self.wfile.flush()
            self.close_connection = True
        elif url.path == "/no-length":
            self.send_response(200)
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(b"z" * int(query.get("bytes", ["500"])[0]))
            self.close_connection = True
        elif url.path == "/ws":
            self.send_response(101)
            self.send_header("Upgrade", "echo")
            self.send_header("Connection", "Upgrade")
            self.end_headers()
            self.wfile.flush()
            while True:
                data = self.connection.recv(65536)
                if not data:
                    break
                self.connection.sendall(data)
            self.close_connection = True
        else:
            self.send_body(b"not found", 404)

    def do_POST(self):
        received = 0
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            while True:
                size = int(self.rfile.readline().strip(), 16)
                if size == 0:
                    self.rfile.readline()
                    break
                received += len(self.rfile.read(size))
                self.rfile.readline()
        else:
            length = int(self.headers.get("Content-Length", "0"))
            while received < length:
                chunk = self.rfile.read(min(65536, length - received))
                if not chunk:
                    break
                received += len(chunk)
        self.send_body(str(received).encode())


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


if __name__ == "__main__":
    host = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1"
    Server.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
    server = Server((host, 0), Handler)
    print("ready port=%d" % server.server_address[1], flush=True)
    server.serve_forever()
