"""A webhook receiver on loopback for the tests: it records what it gets and answers as
told (a status, a hang, a redirect)."""

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Behaviour:
    statuses: list[int] = field(default_factory=list)  # answered in turn; 200 once used up
    hang_seconds: float = 0.0
    location: str = ""  # a redirect target, answered with 307
    received: list[dict] = field(default_factory=list)


class Receiver:
    def __init__(self) -> None:
        self.behaviour = Behaviour()
        behaviour = self.behaviour

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the http.server API
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                behaviour.received.append({"headers": dict(self.headers), "body": body})
                if behaviour.hang_seconds:
                    threading.Event().wait(behaviour.hang_seconds)
                if behaviour.location:
                    self.send_response(307)
                    self.send_header("Location", behaviour.location)
                else:
                    status = behaviour.statuses.pop(0) if behaviour.statuses else 200
                    self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks/sunsets"

    def __enter__(self) -> "Receiver":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
