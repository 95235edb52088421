#!/usr/bin/env python3
"""A loopback SMTP server for the e-mail notifier tests, on Debian's python3-aiosmtpd. Every message is
saved as <n>.eml in --maildir with <n>.json beside it (envelope, login, whether TLS was on).
--user/--password require AUTH; --cert/--key offer STARTTLS and require it (with --implicit-tls: TLS from
the first byte instead). Prints "PORT <n>" once listening."""

import argparse
import json
import os
import signal
import socket
import ssl
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class Saver:
    def __init__(self, maildir):
        self.maildir = maildir
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.maildir, str(self.count))
        with open(base + ".eml", "wb") as out:
            out.write(envelope.original_content)
        login = session.auth_data.login.decode() if session.authenticated and session.auth_data else None
        with open(base + ".json", "w", encoding="utf-8") as out:
            json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos, "login": login,
                       "tls": server.transport.get_extra_info("ssl_object") is not None}, out)
        return "250 Message accepted"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--maildir", required=True)
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--implicit-tls", action="store_true")
    args = parser.parse_args()

    def authenticate(server, session, envelope, mechanism, auth_data):
        good = auth_data.login.decode() == args.user and auth_data.password.decode() == args.password
        # handled=False: aiosmtpd answers 535 itself when the login is refused
        return AuthResult(success=good, handled=False, auth_data=auth_data)

    options = {}
    if args.user:
        # Under implicit TLS aiosmtpd does not count the connection as TLS for AUTH, yet it is.
        options.update(authenticator=authenticate, auth_required=True,
                       auth_require_tls=bool(args.cert) and not args.implicit_tls)
    if args.cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)
        if args.implicit_tls:
            options.update(ssl_context=context)
        else:
            options.update(tls_context=context, require_starttls=True)
    port = free_port()
    controller = Controller(Saver(args.maildir), hostname="127.0.0.1", port=port, **options)
    controller.start()
    print("PORT %d" % port, flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *unused: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    sys.exit(main())
