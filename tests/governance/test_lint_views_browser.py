"""The lint section in Chromium: loaded into the version page by htmx, filtered and paged in
place, and the scorecard's SVG trend, all without a console error (the CSP reports there)."""

import pytest
from playwright.sync_api import expect

from catalog.models import Api, SpecDocument
from tests.factories import ApiFactory, TeamFactory, VersionFactory
from tests.governance.factories import LintFindingFactory, LintRunFactory, SpecDocumentFactory
from tests.test_browser import page  # noqa: F401 (fixture: Chromium, failing on console errors)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def linted(settings):
    settings.PORTAL_ANONYMOUS_READ = True
    team = TeamFactory(slug="payments", name="Payments")
    api = ApiFactory(team=team, slug="payments", name="Payments API")
    old = VersionFactory(api=api, version="0.9.0", major=0, minor=9, spec=SpecDocumentFactory())
    LintRunFactory(spec=old.spec, score=40)
    version = VersionFactory(api=api, version="1.0.0", major=1, spec=SpecDocumentFactory())
    source = "\n".join(f"line {number}" for number in range(1, 400)).encode()
    SpecDocument.objects.filter(pk=version.spec_id).update(content=source)
    run = LintRunFactory(spec=version.spec, errors=1, warnings=60, score=70)
    LintFindingFactory(run=run, code="portal-operation-id", severity=0, message="Needs an id.")
    for number in range(60):
        LintFindingFactory(
            run=run, message=f"Warning {number}.", start_line=number, end_line=number
        )
    Api.objects.filter(pk=api.pk).update(lint_status="errors", lint_score=70)


def settled(browser_page) -> None:
    """Waits until htmx has swapped and settled what it last loaded."""
    busy = browser_page.locator(".htmx-request, .htmx-swapping, .htmx-settling, .htmx-added")
    expect(busy).to_have_count(0)


def test_it_loads_filters_and_pages_the_findings_on_the_version_page(linted, page):  # noqa: F811
    page.goto("/apis/payments/versions/1.0.0/")

    section = page.locator("#lint")
    expect(section.get_by_text("Needs an id.")).to_be_visible()
    expect(section.get_by_text("Page 1 of 2")).to_be_visible()

    settled(page)  # htmx wires what it swapped in when it settles: a change before is lost
    section.get_by_label("Severity").select_option("error")
    expect(section.get_by_text("1 finding matches these filters.")).to_be_visible()
    expect(section.get_by_text("Warning 3.", exact=True)).to_have_count(0)

    settled(page)
    section.get_by_label("Severity").select_option("")
    expect(section.get_by_text("Page 1 of 2")).to_be_visible()
    settled(page)  # else the click on Next may come before htmx wires it: a plain navigation
    section.get_by_role("link", name="Next").click()
    expect(section.get_by_text("Page 2 of 2")).to_be_visible()
    expect(page).to_have_url("/apis/payments/versions/1.0.0/")  # still the version page


def test_it_draws_the_scorecard_trend(linted, page):  # noqa: F811
    page.goto("/teams/payments/")
    page.get_by_role("link", name="Lint scorecard of Payments").click()

    expect(page.get_by_role("img", name="Scores of")).to_have_attribute(
        "aria-label", "Scores of Payments API by version: 0.9.0: 40, 1.0.0: 70"
    )
    expect(page.get_by_text("Up 30")).to_be_visible()
