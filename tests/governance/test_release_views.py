"""Release pages: who may see and act, htmx actions with counts swapped out of band, CSRF,
changelogs as Markdown and Atom, and constant queries on the lists."""

import pytest
from django.test import Client

from governance.models import Release, ReleaseState
from tests.conftest import client_for
from tests.governance.release_factories import (
    PETS_ADDITION,
    PETS_BREAKING,
    draft,
    released,
    submitted,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_review(api, owner):
    released(api)
    return submitted(owner, draft(api, "1.1.0", PETS_BREAKING))


def act(release, action):
    return f"/governance/releases/{release.pk}/{action}/"


@pytest.mark.parametrize(
    ("name", "expected"),
    [("anonymous", 302), ("owner", 403), ("outsider", 403), ("reviewer", 200), ("admin_user", 200)],
)
def test_it_shows_the_inbox_to_reviewers_only(persona, in_review, name, expected):
    response = client_for(persona(name)).get("/governance/approvals/")
    assert response.status_code == expected
    if expected == 200:
        assert b"Payments API" in response.content and b"0 of 1" in response.content


def test_it_filters_the_inbox_by_states_ticked_and_breaking_changes(in_review, reviewer):
    client = client_for(reviewer)
    html = client.get("/governance/approvals/").content.decode()
    assert 'type="checkbox" name="state" value="in_review"' in html
    assert '<option value="unknown" selected>Any</option>' in html
    ticked = client.get("/governance/approvals/", {"state": ["in_review", "released"]})
    assert ticked.content.count(b'id="release-') == 1
    unbroken = client.get("/governance/approvals/", {"breaking": "false"})
    assert unbroken.content.count(b'id="release-') == 0  # its one release breaks the base
    broken = client.get("/governance/approvals/", {"breaking": "true"})
    assert broken.content.count(b'id="release-') == 1


def test_it_lists_the_inbox_in_constant_queries(api, owner, reviewer, django_assert_num_queries):
    released(api)
    for number in range(3):
        submitted(owner, draft(api, f"1.{number + 1}.0", PETS_BREAKING))
    client = client_for(reviewer)
    client.get("/governance/approvals/")
    with django_assert_num_queries(5):  # session, user, reviewer group, releases, counts
        response = client.get("/governance/approvals/")
    assert response.content.count(b'id="release-') == 3


def test_it_approves_from_the_inbox_with_htmx_and_updates_the_counts(in_review, reviewer):
    client = client_for(reviewer)
    response = client.post(
        act(in_review, "approve"),
        {"sha256": in_review.sha256},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET=f"release-{in_review.pk}",
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith(f'<tr id="release-{in_review.pk}"')
    assert 'id="inbox-counts" aria-live="polite" hx-swap-oob="true"' in body
    assert 'id="approvals-count" class="badge" hx-swap-oob="true"' in body
    assert Release.objects.get(pk=in_review.pk).state == ReleaseState.RELEASED


def test_it_shows_a_refusal_in_the_row(api, reviewer):
    released(api)
    mine = submitted(reviewer, draft(api, "1.1.0", PETS_BREAKING))
    response = client_for(reviewer).post(
        act(mine, "approve"), HTTP_HX_REQUEST="true", HTTP_HX_TARGET=f"release-{mine.pk}"
    )
    assert response.status_code == 403


def test_it_holds_csrf_for_htmx_actions(in_review, reviewer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reviewer)
    refused = client.post(act(in_review, "approve"), HTTP_HX_REQUEST="true")
    assert refused.status_code == 403
    assert Release.objects.get(pk=in_review.pk).state == ReleaseState.IN_REVIEW

    page = client.get("/governance/approvals/")
    token = page.context["csrf_token"]
    assert f'"X-CSRFToken": "{token}"' in page.content.decode()  # what htmx sends
    accepted = client.post(act(in_review, "approve"), HTTP_X_CSRFTOKEN=str(token))
    assert accepted.status_code == 302


def test_it_never_acts_on_get(in_review, reviewer):
    for action in ("approve", "reject", "withdraw"):
        assert client_for(reviewer).get(act(in_review, action)).status_code == 405
    assert Release.objects.get(pk=in_review.pk).state == ReleaseState.IN_REVIEW


@pytest.mark.parametrize(
    ("name", "expected"),
    [("anonymous", 302), ("outsider", 200), ("owner", 200), ("reviewer", 200)],
)
def test_it_shows_the_review_page_to_people_signed_in(persona, in_review, name, expected):
    response = client_for(persona(name)).get(in_review.get_absolute_url())
    assert response.status_code == expected
    if expected == 200:
        page = response.content.decode()
        assert "semver-major-bump-required" in page and "Changelog preview" in page
        assert ("Approve this spec" in page) == (name == "reviewer")


def test_it_links_changes_to_both_documents(in_review, reviewer):
    client = client_for(reviewer)
    page = client.get(in_review.get_absolute_url()).content.decode()
    assert f"/governance/releases/{in_review.pk}/source/?base=" in page
    response = client.get(f"/governance/releases/{in_review.pk}/source/?base=9&revision=4")
    assert response.status_code == 200
    assert 'id="base-L9" class="highlight"' in response.content.decode()
    assert 'id="revision-L4" class="highlight"' in response.content.decode()


@pytest.mark.parametrize("line", ["²", "-3", "0", "x", "99999999999"])
def test_it_ignores_a_line_that_is_not_one(in_review, reviewer, line):
    response = client_for(reviewer).get(f"/governance/releases/{in_review.pk}/source/?base={line}")

    assert response.status_code == 200
    assert 'class="highlight"' not in response.content.decode()


def test_it_lets_the_team_withdraw_and_comment_but_not_outsiders(in_review, owner, outsider):
    assert client_for(outsider).post(act(in_review, "withdraw")).status_code == 403
    assert client_for(outsider).post(act(in_review, "comment"), {"comment": "x"}).status_code == 403
    assert client_for(owner).post(act(in_review, "comment"), {"comment": "Why?"}).status_code == 302
    assert client_for(owner).post(act(in_review, "withdraw")).status_code == 302
    assert Release.objects.get(pk=in_review.pk).state == ReleaseState.WITHDRAWN


def test_it_submits_from_the_version_page(api, owner, outsider):
    version = draft(api, "1.0.0", PETS_ADDITION)
    url = f"/governance/apis/{api.slug}/versions/1.0.0/submit/"
    assert client_for(outsider).post(url).status_code == 403
    response = client_for(owner).post(url)
    release = Release.objects.get(version=version)
    assert response.status_code == 302 and response["Location"] == release.get_absolute_url()
    section = client_for(owner).get(f"/governance/apis/{api.slug}/versions/1.0.0/release/")
    assert b"Submitted" in section.content


def test_it_serves_changelogs_as_markdown_and_atom(api, owner, anonymous_read):
    released(api)
    submitted(owner, draft(api, "1.1.0", PETS_ADDITION))  # internal, clean: released at once
    client = Client()
    markdown = client.get(f"/governance/apis/{api.slug}/versions/1.1.0/changelog.md")
    assert markdown.status_code == 200
    assert markdown["Content-Type"] == "text/markdown; charset=utf-8"
    assert b"/owners" in markdown.content
    assert client.get(f"/governance/apis/{api.slug}/versions/1.0.0/changelog.md").status_code == 404

    feed = client.get(f"/governance/apis/{api.slug}/releases.atom")
    assert feed.status_code == 200 and feed["Content-Type"].startswith("application/atom+xml")
    assert b"<title>Payments API 1.1.0</title>" in feed.content


def test_it_keeps_the_feed_private_without_anonymous_read(api):
    assert Client().get(f"/governance/apis/{api.slug}/releases.atom").status_code == 302


def test_it_shows_the_release_history_in_constant_queries(
    api, owner, reviewer, django_assert_num_queries
):
    released(api)
    for number in range(3):
        submitted(owner, draft(api, f"1.{number + 1}.0", PETS_ADDITION))
    client = client_for(reviewer)
    with django_assert_num_queries(4):  # session, user, API, releases
        response = client.get(f"/governance/apis/{api.slug}/releases/")
    assert response.content.count(b"Released</span>") == 3


def test_it_counts_what_waits_for_the_reviewer_in_the_navigation(in_review, reviewer, owner):
    assert b">1</span>" in client_for(reviewer).get("/governance/approvals/count/").content
    assert client_for(owner).get("/governance/approvals/count/").content.strip() == (
        b'<span id="approvals-count" class="badge"></span>'
    )
