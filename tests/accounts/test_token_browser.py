"""The tokens page in Chromium: create a token, see it once, revoke it; no CSP errors."""

import os
import shutil

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from playwright.sync_api import expect, sync_playwright

from accounts.models import ApiToken

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]


def session_cookie(user) -> str:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return session.session_key


def test_it_creates_shows_once_and_revokes_a_team_token(live_server, owner):
    cookie = session_cookie(owner)
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    errors: list[str] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            context = browser.new_context(base_url=live_server.url)
            context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])
            page = context.new_page()
            page.on("console", lambda m: m.type == "error" and errors.append(m.text))

            page.goto("/accounts/tokens/")
            page.get_by_label("Name").fill("payments CI")
            page.get_by_label("Owner").select_option(label="Team Payments")
            page.get_by_label("write:specs: push versions and specs").check()
            page.get_by_role("button", name="Create token").click()

            expect(page.get_by_role("alert")).to_contain_text("will not be shown again")
            secret = page.locator("pre code").first.inner_text()
            assert secret.startswith("ptk_")
            page.get_by_role("link", name="Done").click()
            expect(page.get_by_text(secret)).to_have_count(0)

            page.get_by_role("link", name="Revoke payments CI").click()
            page.get_by_role("button", name="Revoke the token").click()
            expect(page.get_by_role("status")).to_contain_text("is revoked")
            browser.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    token = ApiToken.objects.get()
    assert token.team.slug == "payments" and token.revoked_at is not None
    assert sorted(token.scopes) == ["read", "write:specs"]
    assert errors == [], f"the browser console had errors (CSP?): {errors}"
