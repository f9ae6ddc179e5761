"""The navigation link to the rulesets: for reviewers and admins, at no query per page."""

import pytest
from django.contrib.auth.models import Group

from accounts.access import REVIEWERS_GROUP
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

LINK = 'href="/governance/rulesets/"'


@pytest.mark.parametrize("name", ["reviewer", "admin_user"])
def test_it_links_the_rulesets_for_people_who_govern(request, name):
    html = client_for(request.getfixturevalue(name)).get("/teams/").content.decode()
    assert LINK in html


@pytest.mark.parametrize("name", ["owner", "outsider"])
def test_it_leaves_the_link_out_for_everyone_else(request, name, anonymous_read):
    assert LINK not in client_for(request.getfixturevalue(name)).get("/teams/").content.decode()
    assert LINK not in client_for(None).get("/teams/").content.decode()


def test_it_reads_the_role_at_sign_in(outsider):
    client = client_for(outsider)
    outsider.groups.add(Group.objects.get_or_create(name=REVIEWERS_GROUP)[0])
    assert LINK not in client.get("/teams/").content.decode()  # until the next sign-in

    client.force_login(outsider)
    assert LINK in client.get("/teams/").content.decode()


def test_it_marks_the_current_page(reviewer):
    html = client_for(reviewer).get("/governance/rulesets/").content.decode()
    assert f'{LINK} aria-current="page"' in html


def test_it_costs_no_query(reviewer, django_assert_num_queries):
    client = client_for(reviewer)
    with django_assert_num_queries(3):  # session, user, teams with counts
        assert LINK in client.get("/teams/").content.decode()
