#!/usr/bin/env python3
"""Reads a message saved by smtp_server.py with Python's own e-mail parser and prints what the e-mail
notifier tests check, as JSON: decoded headers, body parts, attachments (saved into --attachments-dir)."""

import argparse
import email
import email.policy
import json
import os

parser = argparse.ArgumentParser()
parser.add_argument("eml")
parser.add_argument("--attachments-dir", required=True)
args = parser.parse_args()

with open(args.eml, "rb") as source:
    message = email.message_from_binary_file(source, policy=email.policy.default)
result = {name.lower(): str(message[name]) for name in ("Subject", "From", "To", "Date", "Message-ID")}
result["content_type"] = message.get_content_type()
result["parts"] = []
for part in message.walk():
    if part.is_multipart():
        continue
    entry = {"content_type": part.get_content_type(), "filename": part.get_filename()}
    if part.get_filename():
        path = os.path.join(args.attachments_dir, os.path.basename(part.get_filename()))
        with open(path, "wb") as out:
            out.write(part.get_payload(decode=True))
        entry["saved"] = path
    else:
        entry["text"] = part.get_content()
    result["parts"].append(entry)
print(json.dumps(result))
