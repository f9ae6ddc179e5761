"""The ruleset pages: who may see them, the diff between revisions, assignments."""

import pytest

from governance.models import RelintBatch, RulesetAssignment
from tests.callbacks import queued_tasks
from tests.conftest import client_for
from tests.governance.factories import RulesetFactory, RulesetRevisionFactory

pytestmark = pytest.mark.django_db

PAGES = [
    "/governance/rulesets/",
    "/governance/rulesets/new/",
    "/governance/rulesets/house/",
    "/governance/rulesets/house/revise/",
]


@pytest.fixture
def ruleset():
    ruleset = RulesetFactory(slug="house", name="House style")
    RulesetRevisionFactory(ruleset=ruleset, number=1, source="rules:\n  a: 1\n  b: 2\n")
    RulesetRevisionFactory(ruleset=ruleset, number=2, source="rules:\n  a: 1\n  c: 3\n", note="c")
    return ruleset


@pytest.mark.parametrize("name", ["owner", "teammate", "outsider"])
def test_it_refuses_the_pages_to_people_who_do_not_govern(ruleset, request, name):
    client = client_for(request.getfixturevalue(name))
    for url in PAGES:
        assert client.get(url).status_code == 403, url
    assert client.post("/governance/assignments/", {"scope": "organisation"}).status_code == 403
    assert client.post("/governance/rulesets/adopt/").status_code == 403
    assert not RulesetAssignment.objects.exists()


def test_it_sends_anonymous_visitors_to_sign_in(ruleset, anonymous_read):
    for url in PAGES:
        response = client_for(None).get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("name", ["reviewer", "admin_user"])
def test_it_shows_the_pages_to_reviewers_and_admins(ruleset, request, name):
    client = client_for(request.getfixturevalue(name))
    for url in PAGES:
        assert client.get(url).status_code == 200, url


def test_it_shows_the_changes_between_revisions(ruleset, reviewer):
    page = client_for(reviewer).get("/governance/rulesets/house/").content.decode()

    assert "Changes from revision 1 to 2" in page
    assert "<del>-  b: 2</del>" in page
    assert "<ins>+  c: 3</ins>" in page


def test_it_shows_an_earlier_revision_without_a_diff_for_the_first(ruleset, reviewer):
    page = client_for(reviewer).get("/governance/rulesets/house/?revision=1").content.decode()

    assert "Revision 1" in page and "b: 2" in page
    assert "Changes from" not in page


def test_it_assigns_a_ruleset_to_a_team_and_queues_a_relint(
    ruleset, reviewer, team, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        response = client_for(reviewer).post(
            "/governance/assignments/", {"scope": "team", "team": team.slug, "ruleset": "house"}
        )

    assert response.status_code == 302
    assert RulesetAssignment.objects.get().team == team
    assert RelintBatch.objects.get().reason == "House style assigned to Payments"
    assert len(queued_tasks(callbacks)) == 1


def test_it_refuses_a_team_assignment_without_a_team(ruleset, reviewer):
    response = client_for(reviewer).post(
        "/governance/assignments/", {"scope": "team", "ruleset": "house"}, follow=True
    )
    assert "Choose the team." in response.content.decode()
    assert not RulesetAssignment.objects.exists()


def test_it_polls_the_relint_progress_only_while_one_runs(ruleset, reviewer):
    client = client_for(reviewer)
    RelintBatch.objects.create(reason="House style revised", total=4, done=1, created_by=reviewer)
    RelintBatch.objects.update(created_at="2026-03-14T09:26:00Z", started_at="2026-03-14T09:26:01Z")
    partial = client.get(
        "/governance/rulesets/", headers={"HX-Request": "true", "HX-Target": "relints"}
    ).content.decode()
    assert partial.lstrip().startswith('<section id="relints"')
    assert 'hx-trigger="every 3s"' in partial and 'value="25"' in partial
    when = '<time datetime="2026-03-14T09:26:00+00:00">14 Mar 2026, 09:26</time>'
    assert f"1 of 4 linted · {when} by reviewer" in partial

    RelintBatch.objects.update(done=4, finished_at="2026-01-01T00:00Z")
    page = client.get("/governance/rulesets/").content.decode()
    assert "every 3s" not in page


def test_it_reads_the_ruleset_list_in_a_constant_number_of_queries(
    ruleset, reviewer, django_assert_max_num_queries
):
    client = client_for(reviewer)
    client.get("/governance/rulesets/")
    with django_assert_max_num_queries(20) as few:
        client.get("/governance/rulesets/")
    for _ in range(10):
        RulesetRevisionFactory(ruleset=RulesetFactory())
        RelintBatch.objects.create(reason="more")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/governance/rulesets/")


def test_it_reads_a_ruleset_page_in_a_constant_number_of_queries(
    ruleset, reviewer, django_assert_max_num_queries
):
    client = client_for(reviewer)
    client.get("/governance/rulesets/house/")
    with django_assert_max_num_queries(20) as few:
        client.get("/governance/rulesets/house/")
    for number in range(3, 15):
        RulesetRevisionFactory(ruleset=ruleset, number=number, source=f"rules: {{}}\n# {number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/governance/rulesets/house/").status_code == 200
