"""Gateway log lines: each format parsed, attributed and stored once; bad lines counted."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from usage.attribution import attribution_index
from usage.engine.calls import Malformed
from usage.engine.logformats import PARSERS
from usage.models import IngestRun, UnattributedDaily, UsageDaily, UsageEvent
from usage.services import ingest, usage_import_stream
from usage.services.results import IngestResult, Window
from usage.services.rows import call_row, lines_to_rows

NOW = timezone.now().replace(microsecond=0) - datetime.timedelta(minutes=3)
LOCAL = NOW.strftime("%d/%b/%Y:%H:%M:%S +0000")
PLUS_2 = datetime.timezone(datetime.timedelta(hours=2))


def nginx_json(n: int, **extra) -> str:
    return json.dumps(
        {
            "time_iso8601": NOW.isoformat(),
            "request_method": "GET",
            "request_uri": f"/payments/v1/refunds/{n}?expand=all",
            "host": "api.example.com",
            "status": "200",
            "request_id": f"req-{n}",
            "client_id": "orders-client",
        }
        | extra
    )


def combined(n: int) -> str:
    return (
        f'10.0.0.{n} - orders-client [{LOCAL}] "GET /payments/v1/refunds/{n} HTTP/1.1" 200 512 '
        f'"-" "curl/8.0" "api.example.com" "req-{n}"'
    )


def envoy(n: int) -> str:
    return json.dumps(
        {
            "start_time": NOW.isoformat().replace("+00:00", "Z"),
            "method": "POST",
            "path": "/payments/v2/refunds",
            "protocol": "HTTP/1.1",
            "response_code": 201,
            "authority": "api.example.com:443",
            "request_id": f"envoy-{n}",
            "client_id": "billing-client",
        }
    )


def kong(n: int) -> str:
    return json.dumps(
        {
            "started_at": int(NOW.timestamp() * 1000),
            "request": {
                "method": "GET",
                "uri": "/payments/v1/refunds",
                "headers": {"host": "api.example.com"},
                "id": f"kong-{n}",
            },
            "response": {"status": 503},
            "consumer": {"username": "orders-client", "id": "8d5c"},
        }
    )


def test_it_parses_each_format():
    assert PARSERS["nginx-json"](nginx_json(1).encode()).path == "/payments/v1/refunds/1?expand=all"
    call = PARSERS["nginx-combined"](combined(2).encode())
    assert (call.method, call.host, call.credential, call.status) == (
        "GET",
        "api.example.com",
        "orders-client",
        200,
    )
    assert call.occurred_at == NOW
    assert PARSERS["envoy"](envoy(3).encode()).host == "api.example.com:443"
    assert PARSERS["kong"](kong(4).encode()).status == 503


def test_it_reads_the_plain_combined_format_with_a_default_host():
    line = f'10.0.0.1 - - [{LOCAL}] "GET /payments/v1/refunds HTTP/1.1" 200 5 "-" "curl/8.0"'
    call = PARSERS["nginx-combined"](line.encode(), "api.example.com")
    assert (call.host, call.credential) == ("api.example.com", "")


@pytest.mark.parametrize(
    ("parser", "line", "reason"),
    [
        ("nginx-json", b"{broken", "bad-json"),
        ("nginx-json", b"[1]", "bad-json"),
        ("nginx-json", nginx_json(1, status="OK").encode(), "bad-status"),
        ("nginx-json", nginx_json(1, time_iso8601="soon").encode(), "bad-timestamp"),
        ("nginx-json", nginx_json(1, request_uri="/a\r\nX: 1").encode(), "control-characters"),
        ("nginx-combined", b"garbage", "bad-line"),
        (
            "nginx-combined",
            b'1 - - [99/Foo/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 1',
            "bad-timestamp",
        ),
        ("nginx-combined", b"\xff\xfe", "not-utf8"),
        ("kong", b'{"request": {}}', "bad-timestamp"),
        # Times that UTC cannot hold: an OverflowError, refused as a bad time.
        (
            "nginx-json",
            nginx_json(1, time_iso8601="0001-01-01T00:30:00+01:00").encode(),
            "bad-timestamp",
        ),
        (
            "nginx-combined",
            b'1 - - [01/Jan/0001:00:30:00 +0100] "GET / HTTP/1.1" 200 1',
            "bad-timestamp",
        ),
    ],
)
def test_it_refuses_bad_lines_with_a_reason(parser, line, reason):
    with pytest.raises(Malformed) as refused:
        PARSERS[parser](line)
    assert refused.value.reason == reason


def _import(log_format: str, lines: list[str], **options) -> IngestRun:
    run = IngestRun.objects.create(kind="stream", log_format=log_format, source="test")
    stream = io.BytesIO("\n".join(lines).encode() + b"\n")
    return usage_import_stream(run=run, stream=stream, **options)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("log_format", "make"),
    [("nginx-json", nginx_json), ("nginx-combined", combined), ("envoy", envoy), ("kong", kong)],
)
def test_it_imports_each_format_once(v1, v2, orders, billing, log_format, make):
    lines = [make(n) for n in range(5)]
    first = _import(log_format, lines, chunk_lines=2)
    again = _import(log_format, lines)

    assert (first.received, first.accepted, first.rejected, first.status) == (5, 5, 0, "done")
    assert (again.accepted, again.duplicates) == (0, 5)
    assert sum(UsageDaily.objects.values_list("calls", flat=True)) == 5
    assert UsageEvent.objects.count() == 5
    assert not UnattributedDaily.objects.exclude(reason="no-operation").exists()


LOCAL_PLUS_2 = (NOW + datetime.timedelta(hours=2)).strftime("%d/%b/%Y:%H:%M:%S +0200")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("log_format", "line"),
    [
        ("nginx-json", nginx_json(1)),
        ("nginx-json", nginx_json(2, request_method="get", status="-", client_id="")),
        ("nginx-json", nginx_json(3, request_uri="https://api.example.com/payments/v1/refunds")),
        ("nginx-json", nginx_json(4, time_iso8601=(NOW.astimezone(PLUS_2)).isoformat())),
        ("nginx-json", nginx_json(5, request_uri="/payments/v1/" + "x" * 2100)),
        ("nginx-combined", combined(6)),
        ("nginx-combined", combined(7).replace(LOCAL, LOCAL_PLUS_2).replace("GET", "Get")),
        ("nginx-combined", combined(8).replace("curl/8.0", 'curl \\"8\\"')),
        ("envoy", envoy(9)),
        ("kong", kong(10)),
    ],
)
def test_it_makes_the_same_row_on_the_fast_way_and_the_checked_way(v1, orders, log_format, line):
    index = attribution_index()
    window = Window.now()
    checked_way = call_row(PARSERS[log_format](line.encode(), ""), index, window)

    rows = lines_to_rows(
        [line.encode()], log_format, default_host="", index=index, result=IngestResult()
    )

    assert rows == [checked_way]
    assert rows[0][2].utcoffset() == datetime.timedelta(0)


@pytest.mark.django_db
def test_it_counts_injected_lines_as_refused_and_keeps_the_rest(v1, orders):
    lines = [nginx_json(1), "\x1b[2J\x1b[H fake line", nginx_json(2, request_uri="/\x07")]
    run = _import("nginx-json", lines)

    assert (run.received, run.accepted, run.rejected) == (3, 1, 2)
    assert run.rejections == {"bad-json": 1, "control-characters": 1}
    assert all("\x1b" not in sample["detail"] for sample in run.samples)
    assert [sample["index"] for sample in run.samples] == [2, 3]


@pytest.mark.django_db
def test_the_command_imports_a_file(v1, orders, tmp_path):
    log = tmp_path / "access.log"
    log.write_text("\n".join(nginx_json(n) for n in range(4)) + "\n")
    out = io.StringIO()

    call_command("usage_import", str(log), "--format", "nginx-json", stdout=out)

    assert "4 lines, 4 new calls" in out.getvalue()
    run = IngestRun.objects.get()
    assert (run.kind, run.offset) == ("file", log.stat().st_size)


@pytest.mark.django_db
def test_the_command_fails_on_a_missing_file(tmp_path):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="No such file"):
        call_command("usage_import", str(tmp_path / "nope.log"), "--format", "kong")


def test_it_marks_a_run_failed_when_the_import_breaks(v1, tmp_path, monkeypatch):
    path = tmp_path / "access.log"
    path.write_text(nginx_json(1) + "\n")
    run = IngestRun.objects.create(kind="file", log_format="nginx-json", source=str(path))

    def broken(**options):
        raise ValueError("a bug, say")

    monkeypatch.setattr(ingest, "usage_import_stream", broken)
    ingest.usage_import_file(run_id=run.pk)  # returns: the worker goes on with its next job

    run.refresh_from_db()
    assert run.status == IngestRun.Status.FAILED and run.error == "a bug, say"
    assert run.finished_at is not None
