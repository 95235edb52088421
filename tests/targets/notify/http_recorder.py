#!/usr/bin/env python3
"""A loopback HTTP server for the notifier tests: the Mattermost REST API v4 contract the workbench uses
(POST /api/v4/files, then POST /api/v4/posts linking the file ids) and an incoming webhook (POST /hook).

It checks what a real server would refuse (Bearer token, multipart fields, JSON fields, file ids that were
uploaded to the same channel), answers like Mattermost, and appends one JSON line per call to --record.
--behaviour injects failures: ok, status:CODE (every answer), fail-first:N (N answers 500, then ok),
hang (read the request, never answer), max-file-bytes:N (413 for larger uploads).
Prints "PORT <n>" once listening."""

import argparse
import email.parser
import email.policy
import http.server
import json
import os
import sys
import threading
import time

args = None
lock = threading.Lock()
state = {"calls": 0, "files": {}}


def record(entry):
    with lock, open(args.record, "a", encoding="utf-8") as out:
        out.write(json.dumps(entry) + "\n")


def multipart_fields(content_type, body):
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body)
    fields, files = {}, {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        filename = part.get_filename()
        data = part.get_payload(decode=True)
        if filename is not None:
            files[name] = (filename, data)
        else:
            fields[name] = data.decode()
    return fields, files


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *unused):
        pass

    def answer(self, status, payload, entry):
        entry["status"] = status
        record(entry)
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def injected_status(self):
        with lock:
            state["calls"] += 1
            call = state["calls"]
        kind, _, value = args.behaviour.partition(":")
        if kind == "status":
            return int(value)
        if kind == "fail-first" and call <= int(value):
            return 500
        return None

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        entry = {"path": self.path, "authorization": self.headers.get("Authorization"),
                 "content_type": self.headers.get("Content-Type", "")}
        if args.behaviour == "hang":
            record(dict(entry, status=None))
            time.sleep(3600)
            return
        injected = self.injected_status()
        if injected is not None:
            return self.answer(injected, {"message": "injected failure", "status_code": injected}, entry)
        if self.path == "/hook":
            return self.webhook(body, entry)
        if self.headers.get("Authorization") != "Bearer " + args.token:
            return self.answer(401, {"id": "api.context.session_expired.app_error", "status_code": 401}, entry)
        if self.path == "/api/v4/files":
            return self.upload(body, entry)
        if self.path == "/api/v4/posts":
            return self.post(body, entry)
        return self.answer(404, {"message": "no such route"}, entry)

    def webhook(self, body, entry):
        try:
            payload = json.loads(body)
        except ValueError:
            return self.answer(400, {"message": "body is not JSON"}, entry)
        entry["json"] = payload
        if not entry["content_type"].startswith("application/json") or not isinstance(payload.get("text"), str):
            return self.answer(400, {"message": "expected application/json with a text field"}, entry)
        return self.answer(200, {"ok": True}, entry)

    def upload(self, body, entry):
        if not entry["content_type"].startswith("multipart/form-data"):
            return self.answer(400, {"message": "expected multipart/form-data"}, entry)
        fields, files = multipart_fields(entry["content_type"], body)
        entry["fields"] = fields
        entry["files"] = {name: {"filename": f[0], "size": len(f[1])} for name, f in files.items()}
        if fields.get("channel_id") != args.channel:
            return self.answer(403, {"message": "no permission for this channel"}, entry)
        if "files" not in files:
            return self.answer(400, {"message": "no files part"}, entry)
        filename, data = files["files"]
        if args.max_file_bytes and len(data) > args.max_file_bytes:
            return self.answer(413, {"message": "file too large"}, entry)
        with lock:
            file_id = "file%d" % (len(state["files"]) + 1)
            state["files"][file_id] = fields["channel_id"]
        with open(os.path.join(args.files_dir, file_id + "-" + os.path.basename(filename)), "wb") as out:
            out.write(data)
        return self.answer(201, {"file_infos": [{"id": file_id, "name": filename, "size": len(data)}]}, entry)

    def post(self, body, entry):
        try:
            payload = json.loads(body)
        except ValueError:
            return self.answer(400, {"message": "body is not JSON"}, entry)
        entry["json"] = payload
        if payload.get("channel_id") != args.channel:
            return self.answer(403, {"message": "no permission for this channel"}, entry)
        if not isinstance(payload.get("message"), str) or not payload["message"]:
            return self.answer(400, {"message": "message missing"}, entry)
        for file_id in payload.get("file_ids", []):
            if state["files"].get(file_id) != payload["channel_id"]:
                return self.answer(400, {"message": "unknown file id " + str(file_id)}, entry)
        return self.answer(201, {"id": "post1", "channel_id": args.channel, "file_ids": payload.get("file_ids")}, entry)


def main():
    global args
    parser = argparse.ArgumentParser()
    parser.add_argument("--record", required=True)
    parser.add_argument("--files-dir", default=".")
    parser.add_argument("--token", default="")
    parser.add_argument("--channel", default="")
    parser.add_argument("--behaviour", default="ok")
    parser.add_argument("--max-file-bytes", type=int, default=0)
    args = parser.parse_args()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print("PORT %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
