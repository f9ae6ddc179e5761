"""PUT /api/v1/apis/{slug}/versions/{version}/spec: a CI pipeline pushes its document."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import ApiToken, Scope
from accounts.tokens import token_revoke
from catalog.models import AuditEvent, Lifecycle, SpecDocument, Version
from catalog.services import Actor
from catalog.tasks import spec_process_task
from tests.api.conftest import PETS_JSON, PETS_YAML, api_client_for, assert_problem, issue
from tests.factories import MembershipFactory, VersionFactory

URL = "/api/v1/apis/payments/versions/1.0.0/spec"

ALIAS_BOMB = b"""openapi: 3.0.0
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""
BAD_DOCUMENTS = {
    "malformed-yaml": (b"openapi: 3.0.0\ninfo: [unclosed\npaths: {}\n", "application/yaml"),
    "malformed-json": (b'{"openapi": "3.1.0", "info": ', "application/json"),
    "not-openapi": (b'{"hello": "world"}', "application/json"),
    "alias-bomb": (ALIAS_BOMB, "application/yaml"),
    "deep-json": (b"[" * 10_000 + b"]" * 10_000, "application/json"),
    "deep-yaml": (b"a: " + b"[" * 10_000 + b"]" * 10_000, "text/yaml"),
    "not-utf8": (b"openapi: 3.0.0\ninfo: \xff\xfe\n", "application/octet-stream"),
    "empty-document": (b"   \n# nothing\n", "application/yaml"),
}


@pytest.fixture
def recorded_enqueues(monkeypatch) -> list[int]:
    """The spec ids sent to the parse task (the broker is not needed to see the call)."""
    calls: list[int] = []
    monkeypatch.setattr(spec_process_task, "delay", calls.append)
    return calls


def state() -> tuple[int, int, int]:
    return Version.objects.count(), SpecDocument.objects.count(), AuditEvent.objects.count()


def push(client, body: bytes = PETS_JSON, content_type="application/json", url=URL):
    return client.put(url, body, content_type=content_type)


@pytest.mark.parametrize("name", ["owner", "teammate", "admin_user"])
def test_it_creates_a_draft_version_stores_the_spec_and_enqueues_parsing(
    api, persona, name, recorded_enqueues, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = push(api_client_for(persona(name)))

    assert response.status_code == 202, response.content
    body = response.json()
    spec = SpecDocument.objects.get()
    assert body["sha256"] == spec.sha256
    assert body["status"] == "pending"
    assert body["links"]["self"].endswith(f"/api/v1/specs/{spec.sha256}/")
    assert response["Location"] == body["links"]["self"]
    version = Version.objects.get(api=api, version="1.0.0")
    assert (version.lifecycle, version.spec_id) == (Lifecycle.DRAFT, spec.pk)
    assert recorded_enqueues == [spec.pk]
    assert {e.action for e in AuditEvent.objects.all()} == {"version.create", "version.spec"}


def test_it_attaches_to_an_existing_version_with_a_team_token(api, team, recorded_enqueues):
    VersionFactory(api=api, version="1.0.0", major=1, lifecycle=Lifecycle.RELEASED)
    client = api_client_for(secret=issue(team=team, scopes=[Scope.WRITE_SPECS]))

    response = push(client, PETS_YAML, "application/yaml")

    assert response.status_code == 202
    version = Version.objects.get()
    assert version.lifecycle == Lifecycle.RELEASED
    assert bytes(version.spec.content) == PETS_YAML
    event = AuditEvent.objects.get(action="version.spec")
    assert event.actor_label == "token ci (team Payments)"


@pytest.mark.parametrize(
    "content_type", ["application/x-yaml", "text/yaml", "application/octet-stream"]
)
def test_it_takes_every_documented_media_type(api, owner, content_type):
    response = push(api_client_for(owner), PETS_YAML, content_type)

    assert response.status_code == 202, response.content
    assert Version.objects.get().spec.sha256 == response.json()["sha256"]


def test_it_takes_a_multipart_file(api, owner):
    upload = SimpleUploadedFile("pets.yaml", PETS_YAML, content_type="application/yaml")
    response = api_client_for(owner).put(URL, {"file": upload}, format="multipart")

    assert response.status_code == 202, response.content
    assert SpecDocument.objects.get().filename == "pets.yaml"


def test_it_refuses_to_create_the_version_when_told_not_to(api, owner):
    response = push(api_client_for(owner), url=f"{URL}?create=false")

    assert_problem(response, 404)
    assert state() == (0, 0, 0)


def test_it_refuses_a_version_that_is_not_semver(api, owner):
    response = push(api_client_for(owner), url="/api/v1/apis/payments/versions/latest/spec")

    body = assert_problem(response, 400)
    assert "semantic version" in body["errors"]["version"][0]
    assert state() == (0, 0, 0)


@pytest.mark.parametrize("case", sorted(BAD_DOCUMENTS))
def test_it_refuses_a_bad_document_and_stores_nothing(api, owner, case):
    VersionFactory(api=api, version="0.9.0", major=0, minor=9)
    before = state()
    body, content_type = BAD_DOCUMENTS[case]
    client = api_client_for(owner)

    response = push(client, body, content_type)

    problem = assert_problem(response, 400)
    assert "spec" in problem["errors"], problem
    assert state() == before  # not the version either: one transaction
    assert client.get("/api/v1/apis/payments/").status_code == 200  # and the process lives on


def test_it_refuses_a_document_over_the_limit_before_reading_it(api, owner, settings):
    settings.PORTAL_SPEC_MAX_BYTES = 2048
    response = push(api_client_for(owner), b"{" + b" " * 4096 + b"}")

    body = assert_problem(response, 413)
    assert "2,048" in body["detail"]
    assert state() == (0, 0, 0)


def test_it_refuses_a_multipart_file_over_the_limit(api, owner, settings):
    settings.PORTAL_SPEC_MAX_BYTES = 2048
    upload = SimpleUploadedFile("big.json", b"{" + b" " * 4096 + b"}")
    response = api_client_for(owner).put(URL, {"file": upload}, format="multipart")

    assert_problem(response, 413)
    assert state() == (0, 0, 0)


def test_it_answers_413_for_multipart_fields_over_djangos_memory_limit(api, owner, settings):
    # Django counts non-file fields against DATA_UPLOAD_MAX_MEMORY_SIZE while parsing.
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    upload = SimpleUploadedFile("pets.json", PETS_JSON)
    response = api_client_for(owner).put(
        URL, {"file": upload, "note": "n" * 4096}, format="multipart"
    )

    assert_problem(response, 413)
    assert state() == (0, 0, 0)


def test_it_answers_413_not_500_for_a_26_megabyte_upload(api, owner):
    # Over both PORTAL_SPEC_MAX_BYTES (25 MB) and Django's DATA_UPLOAD_MAX_MEMORY_SIZE.
    response = push(api_client_for(owner), b" " * (26 * 1024 * 1024))

    assert_problem(response, 413)
    assert state() == (0, 0, 0)


def test_it_refuses_an_empty_body(api, owner):
    body = assert_problem(push(api_client_for(owner), b""), 400)
    assert "request body" in body["detail"]


def test_it_refuses_an_unsupported_media_type(api, owner):
    response = push(api_client_for(owner), PETS_YAML, "text/plain")

    assert_problem(response, 415)
    assert state() == (0, 0, 0)


def test_it_refuses_a_token_of_another_team(api, other_team):
    client = api_client_for(secret=issue(team=other_team))
    before = state()

    assert_problem(push(client), 403)
    assert state() == before


def test_it_refuses_a_token_without_the_write_scope(api, team):
    client = api_client_for(secret=issue(team=team, scopes=[Scope.READ]))
    before = state()

    body = assert_problem(push(client), 403)
    assert "write:specs" in body["detail"]
    assert state() == before


def test_it_refuses_a_revoked_token(api, team):
    secret = issue(team=team)
    token_revoke(actor=Actor.system("test"), token=ApiToken.objects.get())
    before = state()

    response = push(api_client_for(secret=secret))

    assert_problem(response, 401)
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert state() == before


def test_it_refuses_an_unknown_token(api):
    assert_problem(push(api_client_for(secret="ptk_nope_nope")), 401)


@pytest.mark.parametrize("anonymous_read", [False, True])
def test_it_refuses_a_push_without_credentials(api, settings, anonymous_read):
    settings.PORTAL_ANONYMOUS_READ = anonymous_read

    assert_problem(push(api_client_for()), 401)
    assert state() == (0, 0, 0)


@pytest.mark.parametrize("name", ["outsider", "reviewer"])
def test_it_refuses_people_outside_the_team(api, persona, name):
    assert_problem(push(api_client_for(persona(name))), 403)
    assert state() == (0, 0, 0)


def test_it_lets_a_reviewer_who_is_a_member_push(api, reviewer, team):
    MembershipFactory(team=team, user=reviewer)

    assert push(api_client_for(reviewer)).status_code == 202


def test_it_rate_limits_pushes_with_the_ingest_scope(api, team, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"write": "100/min", "ingest": "2/min"},
    }
    client = api_client_for(secret=issue(team=team))

    assert push(client).status_code == 202
    assert push(client).status_code == 202
    response = push(client)

    assert_problem(response, 429)
    assert int(response["Retry-After"]) > 0


def test_it_checks_the_size_before_anything_else(api, owner, settings, django_assert_num_queries):
    settings.PORTAL_SPEC_MAX_BYTES = 2048
    client = api_client_for(owner)

    with django_assert_num_queries(0):  # not even the session: the body is refused unread
        response = push(client, b"x" * 5000)

    assert response.status_code == 413
