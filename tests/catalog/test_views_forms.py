"""The owning team's forms: bad input shows as form errors and changes nothing."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from catalog.forms import ApiForm, add_service_errors
from catalog.models import Api, AuditEvent, Lifecycle, MetadataField, SpecDocument, Version
from catalog.services import Actor, version_create
from tests.callbacks import queued_tasks
from tests.catalog.view_helpers import SPEC
from tests.conftest import client_for

ACTOR = Actor.system("test")
UPLOAD = "/apis/payments/versions/1.0.0/spec/upload/"
EDIT_VERSION = "/apis/payments/versions/1.0.0/edit/"

BILLION_LAUGHS = b"""\
openapi: 3.0.0
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
"""


@pytest.fixture
def editor(teammate):
    return client_for(teammate)


@pytest.fixture
def version(api):
    return version_create(actor=ACTOR, api=api, version="1.0.0")


def errors_of(response) -> dict:
    assert response.status_code == 400
    return response.context["form"].errors


def upload(client, content: bytes, name: str = "api.yaml"):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, content)})


# --- Spec upload


def test_it_attaches_an_uploaded_spec_and_queues_its_reading(
    editor, version, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        response = upload(editor, SPEC)

    assert response.status_code == 302
    assert response["Location"] == "/apis/payments/versions/1.0.0/"
    version.refresh_from_db()
    assert bytes(version.spec.content) == SPEC
    assert version.spec.status == SpecDocument.Status.PENDING
    # The parse task, enqueued once the upload is committed.
    assert len(queued_tasks(callbacks)) == 1


@pytest.mark.parametrize(
    "content, message",
    [
        (b"openapi: 3.1.0\ninfo: [unclosed\n", "line"),
        (b"title: Not a spec\nitems: [1, 2]\n", "OpenAPI"),
        (BILLION_LAUGHS, "alias"),
        (b"", "empty"),
    ],
    ids=["malformed-yaml", "not-openapi", "alias-bomb", "empty"],
)
def test_it_refuses_a_bad_spec_with_a_form_error_and_stores_nothing(
    editor, version, content, message
):
    errors = errors_of(upload(editor, content))

    assert message.lower() in " ".join(errors["file"]).lower()
    assert not SpecDocument.objects.exists()
    version.refresh_from_db()
    assert version.spec_id is None
    assert not AuditEvent.objects.filter(action="version.spec").exists()


def test_it_refuses_a_spec_over_the_size_limit(editor, version, settings):
    settings.PORTAL_SPEC_MAX_BYTES = 2048

    errors = errors_of(upload(editor, b"openapi: 3.1.0\n" + b"#" * 3000 + b"\n"))

    assert "the limit is 2.0\xa0KB" in errors["file"][0]
    assert not SpecDocument.objects.exists()


def test_it_asks_for_a_file(editor, version):
    assert "This field is required." in errors_of(editor.post(UPLOAD, {}))["file"]


# --- Version lifecycle and dates


def test_it_releases_and_deprecates_a_version(editor, version):
    response = editor.post(EDIT_VERSION, {"lifecycle": Lifecycle.RELEASED})
    assert response.status_code == 302

    editor.post(
        EDIT_VERSION,
        {"lifecycle": Lifecycle.DEPRECATED, "released_on": "2026-01-01", "sunset_on": "2099-01-01"},
    )

    version.refresh_from_db()
    assert version.lifecycle == Lifecycle.DEPRECATED
    assert version.sunset_on == datetime.date(2099, 1, 1)


def test_it_refuses_a_sunset_before_the_deprecation(editor, version):
    errors = errors_of(
        editor.post(
            EDIT_VERSION,
            {
                "lifecycle": Lifecycle.DRAFT,
                "deprecated_on": "2026-06-01",
                "sunset_on": "2026-05-01",
            },
        )
    )

    assert errors["sunset_on"] == ["The sunset date cannot be before the deprecation date."]
    version.refresh_from_db()
    assert version.sunset_on is None and version.deprecated_on is None


def test_it_offers_only_the_lifecycle_moves_that_are_allowed(editor, version):
    errors = errors_of(editor.post(EDIT_VERSION, {"lifecycle": Lifecycle.RETIRED}))
    assert "Select a valid choice" in errors["lifecycle"][0]
    assert Version.objects.get().lifecycle == Lifecycle.DRAFT


def test_it_refuses_a_successor_from_another_api(editor, version, other_team):
    from tests.factories import ApiFactory

    stranger = version_create(actor=ACTOR, api=ApiFactory(team=other_team), version="9.0.0")
    errors = errors_of(
        editor.post(EDIT_VERSION, {"lifecycle": Lifecycle.DRAFT, "successor": stranger.pk})
    )
    assert "successor" in errors


def test_it_refuses_a_date_that_is_not_a_date(editor, version):
    errors = errors_of(editor.post(EDIT_VERSION, {"lifecycle": "draft", "sunset_on": "soon"}))
    assert errors["sunset_on"] == ["Enter a valid date."]


# --- New version


def test_it_creates_a_version(editor, api):
    response = editor.post("/apis/payments/versions/new/", {"version": "1.2.0", "notes": "First."})
    assert response["Location"] == "/apis/payments/versions/1.2.0/"
    assert Version.objects.get().notes == "First."


@pytest.mark.parametrize(
    "text, message",
    [
        ("1.0", "is not a semantic version"),
        ("1.0.0", "already has a version 1.0.0"),
        ("", "required"),
    ],
    ids=["not-semver", "duplicate", "blank"],
)
def test_it_refuses_a_bad_version(editor, version, text, message):
    errors = errors_of(editor.post("/apis/payments/versions/new/", {"version": text}))
    assert message in errors["version"][0]
    assert Version.objects.count() == 1


# --- Edit API


def api_post(**changes) -> dict:
    data = {"name": "Payments API", "audience": "internal", "tags": "money"}
    return data | changes


def test_it_edits_the_api_with_tags_and_metadata(editor, api):
    MetadataField.objects.create(key="tier", label="Tier", kind="choice", choices=["1", "2"])
    MetadataField.objects.create(key="pii", label="Handles PII", kind="boolean", required=True)
    MetadataField.objects.create(key="rps", label="Peak requests/s", kind="number")
    MetadataField.objects.create(key="since", label="Live since", kind="date")

    response = editor.post(
        "/apis/payments/edit/",
        api_post(
            name="Payments",
            tags="Money, cards , ",
            docs_url="https://docs.example.com",
            meta_tier="2",
            meta_pii="false",
            meta_rps="120",
            meta_since="2024-02-29",
        ),
    )

    assert response.status_code == 302
    api.refresh_from_db()
    assert api.name == "Payments" and api.tags == ["cards", "money"]
    assert api.metadata == {"tier": "2", "pii": False, "rps": 120, "since": "2024-02-29"}
    assert AuditEvent.objects.filter(action="api.update").count() == 1


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"name": ""}, "name"),
        ({"audience": "everyone"}, "audience"),
        ({"repository_url": "javascript:alert(1)"}, "repository_url"),
        ({"meta_rps": "lots"}, "meta_rps"),
        ({"meta_pii": ""}, "meta_pii"),
    ],
    ids=["no-name", "bad-audience", "script-url", "not-a-number", "required-metadata"],
)
def test_it_refuses_bad_api_fields(editor, api, changes, field):
    MetadataField.objects.create(key="rps", label="Peak requests/s", kind="number")
    MetadataField.objects.create(key="pii", label="Handles PII", kind="boolean", required=True)

    errors = errors_of(
        editor.post("/apis/payments/edit/", api_post(**{"meta_pii": "true"} | changes))
    )

    assert field in errors
    assert Api.objects.get().name == "Payments API"
    assert not AuditEvent.objects.filter(action="api.update").exists()


def test_it_shows_the_services_metadata_errors_on_their_fields(db):
    field = MetadataField(key="tier", label="Tier")
    form = ApiForm({}, metadata_fields=[field])
    form.is_valid()
    from django.core.exceptions import ValidationError

    add_service_errors(
        form, ValidationError({"metadata.tier": "Tier: nope", "metadata.gone": "no such field"})
    )

    assert form.errors["meta_tier"] == ["Tier: nope"]
    assert "no such field" in form.non_field_errors()
