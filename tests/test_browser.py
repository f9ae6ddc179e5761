"""A person's path through the catalog, in Debian's Chromium driven by Playwright."""

import os
import re
import shutil

import pytest
from playwright.sync_api import expect, sync_playwright

from catalog.models import Audience
from catalog.services import Actor, api_create, version_create
from tests.factories import TeamFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def catalog(settings):
    settings.PORTAL_ANONYMOUS_READ = True
    actor = Actor.system("test")
    payments, search = TeamFactory(name="Payments"), TeamFactory(name="Search")
    refunds = api_create(
        actor=actor,
        team=payments,
        slug="refunds",
        name="Refunds",
        summary="Give money back to customers",
        audience=Audience.PUBLIC,
        description="# Refunds\n\nIssue **full** or partial refunds.",
    )
    version_create(actor=actor, api=refunds, version="1.2.0", lifecycle="released")
    for number in range(12):
        api_create(
            actor=actor,
            team=search,
            slug=f"index-{number}",
            name=f"Index {number}",
            summary="Search documents",
        )


@pytest.fixture
def page(live_server):
    # Playwright's sync API runs an event loop in this thread; the ORM work is done before.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page(base_url=live_server.url)
        errors: list[str] = []
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        yield page
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    assert errors == [], f"the browser console had errors (CSP?): {errors}"


def test_it_searches_as_you_type_and_opens_an_api_page(catalog, page):
    page.goto("/")
    expect(page.get_by_role("link", name="Index 0", exact=True)).to_be_visible()

    page.get_by_role("searchbox").press_sequentially("refu", delay=40)

    # The results update in place (htmx), and the URL can be shared.
    expect(page.get_by_role("link", name="Refunds", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Index 0", exact=True)).to_have_count(0)
    expect(page).to_have_url(re.compile(r"[?&]q=refu"))

    page.get_by_role("link", name="Refunds", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Refunds")
    expect(page.get_by_text("1.2.0").first).to_be_visible()
    expect(page.locator("strong", has_text="full")).to_be_visible()


def test_it_filters_by_a_facet_with_the_keyboard(catalog, page):
    page.goto("/")
    facet = page.get_by_role("checkbox", name="Payments")
    facet.focus()
    page.keyboard.press("Space")

    expect(page.get_by_role("link", name="Refunds", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Index 3", exact=True)).to_have_count(0)
