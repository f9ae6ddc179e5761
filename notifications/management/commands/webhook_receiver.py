"""A webhook receiver on loopback for trying sunset notices out: it checks each
delivery's Standard Webhooks signature and prints the notices.

    python manage.py webhook_receiver --port 8765 --secret whsec_...

Add the channel http://127.0.0.1:8765/ on /notifications/preferences/ (its secret is
shown once), and let the portal reach loopback with PORTAL_WEBHOOK_PRIVATE_NETWORKS=127.0.0.1/32.
"""

import contextlib
import hmac
import json
from http.server import BaseHTTPRequestHandler, HTTPServer

from django.core.management.base import BaseCommand

from notifications.channels.webhook import signature


class Command(BaseCommand):
    help = "Receives signed sunset webhooks on loopback and prints them."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--port", type=int, default=8765)
        parser.add_argument("--secret", default="", help="the channel's whsec_ secret")

    def handle(self, *args, port: int, secret: str, **options) -> None:
        write = self.stdout.write

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the http.server API
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                verdict = "unchecked (no --secret)"
                if secret:
                    expected = signature(
                        secret=secret,
                        message_id=self.headers.get("webhook-id", ""),
                        timestamp=int(self.headers.get("webhook-timestamp") or 0),
                        body=body,
                    )
                    given = self.headers.get("webhook-signature", "")
                    verdict = "valid" if hmac.compare_digest(expected, given) else "INVALID"
                write(f"{self.headers.get('webhook-id')}: signature {verdict}")
                for notice in json.loads(body or b"{}").get("data", {}).get("notices", []):
                    write(f"  {notice.get('message')}")
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        write(f"listening on http://127.0.0.1:{port}/ (Ctrl-C stops)")
        with contextlib.suppress(KeyboardInterrupt):
            HTTPServer(("127.0.0.1", port), Handler).serve_forever()
