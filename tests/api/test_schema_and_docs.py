"""The portal's own OpenAPI document, and the Swagger UI page under our CSP."""

import os
import re
import shutil

import pytest
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import expect, sync_playwright
from ruamel.yaml import YAML


def test_it_generates_a_valid_openapi_3_1_schema_without_warnings(tmp_path):
    target = tmp_path / "schema.yaml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))

    schema = YAML(typ="safe").load(target.read_text())
    assert schema["openapi"] == "3.1.0"
    push = schema["paths"]["/api/v1/apis/{api_slug}/versions/{version}/spec"]["put"]
    assert {"application/yaml", "multipart/form-data"} <= set(push["requestBody"]["content"])
    assert set(push["responses"]) >= {"202", "401", "403", "413", "415", "429"}
    problem = push["responses"]["413"]["content"]["application/problem+json"]
    assert problem["schema"]["$ref"] == "#/components/schemas/Problem"
    assert schema["components"]["securitySchemes"]["apiToken"]["scheme"] == "bearer"


@pytest.mark.django_db
def test_it_serves_the_schema_to_anyone():
    response = Client().get("/api/schema/")

    assert response.status_code == 200
    assert b"/api/v1/apis/" in response.content


@pytest.mark.django_db
def test_it_serves_the_docs_page_with_scripts_from_files_and_no_unsafe_inline():
    client = Client()

    response = client.get("/api/docs/")

    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]+)", policy).group(1)
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    html = response.content.decode()
    # Every script is a same-origin file; the one inline style carries the nonce.
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    assert f'<style nonce="{nonce}">' in html
    assert '<a href="/">Back to the portal</a>' in html  # the page is not a dead end
    for src in re.findall(r'<script src="([^"]+)"', html):
        script = client.get(src.replace("&amp;", "&"))
        assert script.status_code == 200, src
    init = client.get("/api/docs/?script=")
    assert init["Content-Type"].startswith("application/javascript")
    assert b"SwaggerUIBundle" in init.content


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_it_renders_the_docs_in_a_browser_without_csp_violations(live_server):
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    errors: list[str] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            page = browser.new_page(base_url=live_server.url)
            page.on("console", lambda m: m.type == "error" and errors.append(m.text))
            page.goto("/api/docs/")
            expect(
                page.get_by_text("/api/v1/apis/{api_slug}/versions/{version}/spec")
            ).to_be_visible()
            expect(page.get_by_role("button", name="Authorize")).to_be_visible()
            browser.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    assert errors == [], f"the browser console had errors (CSP?): {errors}"
