"""The rules' documentation pages that findings link to, read from docs/rules.md and from
the built-in spectral:oas ruleset."""

import pytest

from tests.conftest import client_for

pytestmark = pytest.mark.django_db

PAGES = [
    "/governance/rules/",
    "/governance/rules/portal-operation-id/",
    "/governance/rules/info-contact/",
]


@pytest.mark.parametrize("name", ["owner", "outsider", "reviewer"])
def test_it_shows_the_rules_to_anyone_who_reads_the_catalog(request, name):
    client = client_for(request.getfixturevalue(name))
    for url in PAGES:
        assert client.get(url).status_code == 200, url


def test_it_sends_anonymous_visitors_to_sign_in_unless_the_catalog_is_open(settings):
    settings.PORTAL_ANONYMOUS_READ = False
    for url in PAGES:
        response = client_for(None).get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    settings.PORTAL_ANONYMOUS_READ = True
    assert client_for(None).get(PAGES[1]).status_code == 200


def test_it_serves_a_portal_rule_from_its_section_of_the_rules_document(owner):
    html = client_for(owner).get("/governance/rules/portal-deprecated-operation-sunset/")
    html = html.content.decode()

    assert "A deprecated operation announces when it goes away" in html  # docs/rules.md
    assert "x-sunset: 2026-06-30" in html
    assert "<dd>Error</dd>" in html and "portal:recommended" in html
    assert "portal-operation-id" not in html  # the next section is left out


def test_it_describes_a_spectral_rule_and_links_to_spectral(owner):
    html = client_for(owner).get("/governance/rules/info-contact/").content.decode()

    assert "spectral:oas" in html and "<dd>Warning</dd>" in html
    assert (
        'href="https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#info-contact"'
        in html
    )


def test_it_lists_every_rule_with_the_document_links_turned_into_pages(owner):
    html = client_for(owner).get("/governance/rules/").content.decode()

    assert 'href="/governance/rules/portal-info-audience/"' in html
    assert 'href="#portal' not in html  # the document's own anchors are not on this page
    assert 'href="/governance/rules/operation-tag-defined/"' in html
    assert "style=" not in html and "<script>" not in html
    assert "cuts this file" not in html  # the note for the document's editors


def test_it_answers_404_for_a_rule_it_does_not_document(owner):
    assert client_for(owner).get("/governance/rules/house-naming/").status_code == 404


def test_it_has_a_section_for_every_portal_rule(owner):
    from governance.views.rules import portal_rules

    client = client_for(owner)
    for code, rule in portal_rules().items():
        html = client.get(f"/governance/rules/{code}/").content.decode()
        assert 'aria-label="Explanation"' in html, code
        assert rule["documentationUrl"] == f"docs/rules.md#{code}"


def test_it_reads_no_table_for_the_rules(owner, django_assert_num_queries):
    client = client_for(owner)
    for url in PAGES:
        with django_assert_num_queries(2):  # session, user
            client.get(url)
