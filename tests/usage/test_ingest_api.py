"""POST /api/v1/usage/events: formats, limits, rate limits, access, problems."""

import datetime
import json

import pytest
from django.utils import timezone

from accounts.models import Scope
from tests.api.conftest import api_client_for, assert_problem, issue
from usage.models import UsageEvent, VersionDaily

pytestmark = pytest.mark.django_db
URL = "/api/v1/usage/events"


def _events(count: int, **fields) -> list[dict]:
    when = (timezone.now() - datetime.timedelta(minutes=1)).isoformat()
    return [
        {
            "id": f"event-{n}",
            "timestamp": when,
            "method": "GET",
            "host": "api.example.com",
            "path": f"/payments/v1/refunds/{n}",
            "status": 200,
            "credential": "orders-client",
        }
        | fields
        for n in range(count)
    ]


def _post(secret: str, body, content_type="application/json"):
    data = body if isinstance(body, (bytes, str)) else json.dumps(body)
    return api_client_for(secret=secret).post(URL, data, content_type=content_type)


def test_it_ingests_a_json_array(v1, orders, ingest_secret):
    response = _post(ingest_secret, _events(3))

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["received"], body["accepted"], body["rejected"]) == (3, 3, 0)
    assert VersionDaily.objects.get(version=v1).calls == 3


def test_it_ingests_json_lines_and_counts_bad_lines(v1, orders, ingest_secret):
    lines = "\n".join(json.dumps(event) for event in _events(2)) + "\n{not json\n\n"

    response = _post(ingest_secret, lines, content_type="application/x-ndjson")

    body = response.json()
    assert (body["received"], body["accepted"], body["rejected"]) == (3, 2, 1)
    assert body["rejections"] == {"bad-json": 1}


def test_it_answers_a_resend_with_duplicates(v1, orders, ingest_secret):
    _post(ingest_secret, _events(2))
    body = _post(ingest_secret, _events(2)).json()

    assert (body["accepted"], body["duplicates"]) == (0, 2)
    assert UsageEvent.objects.count() == 2


def test_it_refuses_a_body_that_is_not_a_json_array(ingest_secret):
    assert_problem(_post(ingest_secret, "{}"), 400)
    assert_problem(_post(ingest_secret, "[1, 2"), 400)


def test_it_refuses_too_many_events_with_413(settings, v1, ingest_secret):
    settings.PORTAL_USAGE_BATCH_MAX_EVENTS = 2
    body = assert_problem(_post(ingest_secret, _events(3)), 413)
    assert "at most 2" in body["detail"]
    assert not UsageEvent.objects.exists()


def test_it_refuses_a_body_over_the_byte_limit_with_413(settings, ingest_secret):
    settings.PORTAL_USAGE_BATCH_MAX_BYTES = 1024
    assert_problem(_post(ingest_secret, _events(20)), 413)


def test_it_rate_limits_with_retry_after(settings, v1, ingest_secret):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"write": "100/min", "ingest": "2/min"},
    }
    for _ in range(2):
        assert _post(ingest_secret, _events(1)).status_code == 200
    response = _post(ingest_secret, _events(1))
    assert_problem(response, 429)
    assert int(response["Retry-After"]) > 0


@pytest.mark.parametrize(
    ("scopes", "status"),
    [
        ([Scope.INGEST], 200),
        ([Scope.READ, Scope.WRITE_SPECS], 403),
        ([Scope.READ], 403),
    ],
)
def test_it_needs_the_ingest_scope(team, v1, scopes, status):
    response = _post(issue(team=team, scopes=scopes), _events(1))
    assert response.status_code == status


def test_it_keeps_an_ingest_token_out_of_the_catalog(ingest_secret):
    response = api_client_for(secret=ingest_secret).get("/api/v1/apis/")
    assert_problem(response, 403)


@pytest.mark.parametrize(
    ("name", "status"),
    [("anonymous", 401), ("outsider", 403), ("owner", 403), ("admin_user", 200)],
)
def test_it_lets_people_in_only_as_admins(persona, v1, name, status):
    response = api_client_for(persona(name)).post(
        URL, json.dumps(_events(1)), content_type="application/json"
    )
    assert response.status_code == status
