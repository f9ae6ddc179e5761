"""The demo's pages pass axe-core's checks (WCAG 2 A and AA rules, contrast included) at a
desktop width and a phone width, and none of them scrolls sideways on a phone.

Each page is rendered by Django's test client as the person would see it, then laid out in
Chromium with the portal's stylesheet (axe-core is bundled by axe-playwright-python). Only
the first paint is checked: fragments that htmx loads later have pages of their own here.
"""

import shutil
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from playwright.sync_api import sync_playwright

from catalog.models import Membership, SpecDocument
from governance.models import LintJob, Release
from governance.services import lint_job_execute
from tests.conftest import client_for

pytestmark = pytest.mark.browser

CSS = Path(__file__).resolve().parents[1] / "static" / "portal" / "portal.css"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
WIDTHS = (1280, 390)
PAGES = (
    "/",
    "/apis/payments/",
    "/apis/payments/versions/1.3.2/",
    "/teams/",
    "/teams/payments/",
    "/me/apis/",
    "/usage/consumers/",
    "/usage/consumers/checkout-web/",
    "/usage/unattributed/",
    "/notifications/sunsets/",
    "/notifications/sunsets/data-exports/1.0.0/",
    "/notifications/preferences/",
    "/notifications/apis/payments/versions/1.3.2/migration/",
    "/governance/approvals/",
    "/governance/rules/",
    "/governance/rules/operation-tags/",
    "/governance/rulesets/",
    "/governance/findings/",
    "/governance/findings/operation-description/",
    "/governance/apis/shipments/versions/1.2.0/lint/",
    "/governance/teams/logistics/scorecard/",
    "/accounts/tokens/",
    "/activity/",
    "/governance/apis/payments/compare/",
)


def audit(client, paths, posted=()) -> list[str]:
    """Problems of each page at each width; `posted` are (path, form data, status) whose
    answer to a POST is the page (a form's errors, a result)."""
    # Every page is fetched before Playwright starts: its event loop would give the ORM a
    # connection of its own, outside the demo's transaction.
    pages = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        pages[path] = response.content.decode()
    for path, data, status in posted:
        response = client.post(path, data)
        assert response.status_code == status, path
        pages[f"{path} (posted)"] = response.content.decode()
    problems, css, axe = [], CSS.read_text(), Axe()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        chromium = browser.new_page()
        for path, html in pages.items():
            for width in WIDTHS:
                chromium.set_viewport_size({"width": width, "height": 900})
                chromium.set_content(html)
                chromium.add_style_tag(content=css)
                for violation in axe.run(chromium).response["violations"]:
                    targets = [" ".join(node["target"]) for node in violation["nodes"][:3]]
                    problems.append(f"{path} at {width} px: {violation['id']} on {targets}")
                wide = chromium.evaluate("document.documentElement.scrollWidth")
                if wide > width:
                    problems.append(f"{path} at {width} px: {wide} px wide, scrolls sideways")
        browser.close()
    return problems


def test_the_pages_an_admin_sees_pass_axe(demo, db):
    admin = get_user_model().objects.create_superuser("a11y", "a11y@example.com", "x")
    client = client_for(admin)
    release = Release.objects.order_by("pk").first()
    paths = (*PAGES, release.get_absolute_url(), "/governance/rulesets/new/")
    assert audit(client, paths) == []


def test_the_pages_a_team_member_sees_pass_axe(demo, db):
    member = Membership.objects.select_related("user").order_by("pk").first().user
    pages = [p for p in PAGES if p not in ("/governance/approvals/", "/governance/rulesets/")]
    assert audit(client_for(member), ["/apis/payments/versions/new/", *pages]) == []


def test_the_lint_page_and_its_answers_pass_axe(demo, db, settings):
    """The form, its errors, a result with findings, and a job's page waiting and done."""
    member = Membership.objects.select_related("user").order_by("pk").first().user
    client = client_for(member)
    text = bytes(
        SpecDocument.objects.filter(versions__api__slug="search-tuning").latest("pk").content
    )
    posted = [
        ("/governance/lint/", {"text": text.decode()}, 200),
        ("/governance/lint/", {"text": ""}, 400),
    ]
    assert audit(client, ["/governance/lint/"], posted) == []
    settings.PORTAL_LINT_SYNC_MAX_BYTES = 10
    job_url = client.post("/governance/lint/", {"text": text.decode()})["Location"]
    assert audit(client, [job_url]) == []
    lint_job_execute(job_id=str(LintJob.objects.get().pk))
    assert audit(client, [job_url]) == []
