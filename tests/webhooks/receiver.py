"""A webhook receiver for the tests: an HTTP server on 127.0.0.1 in a thread of its own, which
records what it is sent and answers with the statuses it is told to, 200 after those."""

import hashlib
import hmac
import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Received:
    path: str
    headers: dict
    body: bytes

    @property
    def payload(self):
        return json.loads(self.body)

    @property
    def event(self):
        return self.headers["X-Faqbase-Event"]

    def signed_with(self, secret):
        """What a receiving developer would write: the HMAC of the raw body, compared in
        constant time with the header."""
        expected = "sha256=" + hmac.new(secret.encode(), self.body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, self.headers["X-Faqbase-Signature"])


class Receiver:
    def __init__(self):
        self.received = []
        self.answers = []  # (status, headers) to answer next, in order
        self.delay_seconds = 0
        self.port = 0
        self.server = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/hooks"

    def answer_next(self, status, headers=None):
        self.answers.append((status, headers or {}))

    def start(self):
        """Listen (again on the same port, after a stop): the receiver coming back up."""
        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), self.handler_class())
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self):
        """Stop listening: a delivery now meets a refused connection."""
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    def events(self):
        return [request.event for request in self.received]

    def handler_class(self):
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                time.sleep(receiver.delay_seconds)
                receiver.received.append(Received(self.path, dict(self.headers), body))
                status, headers = receiver.answers.pop(0) if receiver.answers else (200, {})
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format, *args):
                """Quiet: the tests read what was received, not a log."""

        return Handler
