#!/usr/bin/env python3
"""A tiny SMTP server for the Invitations.MailKit tests (aiosmtpd, 127.0.0.1 only).

Usage: smtp_test_server.py --dir DIR --port PORT [--auth USER:PASSWORD] [--tls-cert PEM --tls-key PEM]

Every accepted message is saved as DIR/NNNN.eml (the raw DATA bytes) and DIR/NNNN.json (the envelope).
Every new connection appends a line to DIR/connections.log (the controller's own readiness probe included,
so tests compare counts before and after).
Failures are chosen by the first recipient's local part:
  tempfail@...       RCPT -> 451 4.3.0 try again later
  permfail@...       RCPT -> 550 5.1.1 mailbox unavailable
  tempfail-data@...  DATA -> 451 4.3.0 try again later
  permfail-data@...  DATA -> 554 5.6.0 message refused
  disconnect@...     RCPT -> 421 4.3.2 closing connection, then the connection is closed
  close-after@...    accepted, then the server silently closes the connection (an idle timeout)
Prints "READY <port>" on stdout when it accepts connections; stops on stdin EOF or SIGTERM.
"""
import argparse
import asyncio
import json
import os
import signal
import ssl
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Handler:
    def __init__(self, directory):
        self.directory = directory
        self.counter = 0
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@", 1)[0].lower()
        if local == "tempfail":
            return "451 4.3.0 try again later"
        if local == "permfail":
            return "550 5.1.1 mailbox unavailable"
        if local == "disconnect":
            await server.push("421 4.3.2 closing connection")
            server.transport.close()
            return "421 4.3.2 closing connection"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        local = envelope.rcpt_tos[0].split("@", 1)[0].lower() if envelope.rcpt_tos else ""
        if local == "tempfail-data":
            return "451 4.3.0 try again later"
        if local == "permfail-data":
            return "554 5.6.0 message refused"
        with self.lock:
            self.counter += 1
            n = self.counter
        base = os.path.join(self.directory, "%04d" % n)
        with open(base + ".eml.tmp", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        with open(base + ".json.tmp", "w") as f:
            json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
                       "peer": str(session.peer), "authenticated": bool(session.authenticated)}, f)
        os.replace(base + ".json.tmp", base + ".json")
        os.replace(base + ".eml.tmp", base + ".eml")
        if local == "close-after":
            asyncio.get_running_loop().call_later(0.05, server.transport.close)
        return "250 2.0.0 OK queued as %04d" % n


class CountingSMTP(SMTP):
    def __init__(self, *args, directory=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._directory = directory

    def connection_made(self, transport):
        with open(os.path.join(self._directory, "connections.log"), "a") as f:
            f.write("connect\n")
        super().connection_made(transport)


class CountingController(Controller):
    def __init__(self, handler, directory, **kwargs):
        self._directory = directory
        super().__init__(handler, **kwargs)

    def factory(self):
        return CountingSMTP(self.handler, directory=self._directory, **self.SMTP_kwargs)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--auth", default=None)
    parser.add_argument("--tls-cert", default=None)
    parser.add_argument("--tls-key", default=None)
    args = parser.parse_args()

    os.makedirs(args.dir, exist_ok=True)
    kwargs = {"hostname": "127.0.0.1", "port": args.port, "ready_timeout": 10.0}
    smtp_kwargs = {"timeout": 60}
    if args.auth:
        user, password = args.auth.split(":", 1)

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = (isinstance(auth_data, LoginPassword)
                  and auth_data.login.decode() == user and auth_data.password.decode() == password)
            # handled=False: let aiosmtpd reply "535 5.7.8" on failure instead of staying silent.
            return AuthResult(success=ok, handled=False)

        smtp_kwargs.update(authenticator=authenticator, auth_required=True, auth_require_tls=False)
    if args.tls_cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.tls_cert, args.tls_key)
        smtp_kwargs.update(tls_context=context, require_starttls=True)
    controller = CountingController(Handler(args.dir), args.dir, **kwargs, **smtp_kwargs)
    controller.start()
    print("READY %d" % args.port, flush=True)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
