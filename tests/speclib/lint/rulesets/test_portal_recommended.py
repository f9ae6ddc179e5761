"""The portal's recommended governance ruleset: each rule on a document that breaks it and on
one that keeps it, and its documentation."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from speclib.lint import builtin_ruleset, lint
from speclib.lint.rulesets.portal_recommended import RULES

BASE = """openapi: 3.0.3
info:
  title: Orders
  version: 1.4.0
  description: Orders.
  contact: {name: Team, url: 'https://x.test', email: team@x.test}
  x-audience: partner
servers: [{url: 'https://api.x.test'}]
tags: [{name: orders, description: Orders.}]
paths:
  /orders:
    get:
      operationId: listOrders
      description: Lists orders.
      tags: [orders]
      responses:
        '200':
          description: The orders.
          content:
            application/json:
              example: {token: '<token>', items: []}
        '404':
          description: None.
          content:
            application/problem+json:
              example: {title: Not found, status: 404}
"""


@cache
def _ruleset():
    return builtin_ruleset("portal:recommended")


def _codes(text: str) -> list[tuple[str, tuple]]:
    report = lint(text.encode(), _ruleset(), source="doc.yaml")
    assert report.failures == []
    return [(finding.code, finding.path) for finding in report.findings]


def test_it_finds_nothing_in_a_document_that_keeps_every_rule():
    assert _codes(BASE) == []


_EXAMPLE = ("paths", "/orders", "get", "responses", "200", "content", "application/json", "example")
_GET = ("paths", "/orders", "get")
BROKEN = {
    "portal-info-version-semver": (
        BASE.replace("version: 1.4.0", "version: v1"),
        ("info", "version"),
    ),
    "portal-info-audience": (
        BASE.replace("x-audience: partner", "x-audience: everyone"),
        ("info", "x-audience"),
    ),
    "portal-deprecated-operation-sunset": (
        BASE.replace("      tags: [orders]\n", "      tags: [orders]\n      deprecated: true\n"),
        _GET,
    ),
    "portal-operation-id": (BASE.replace("      operationId: listOrders\n", ""), _GET),
    "portal-operation-tags": (
        BASE.replace("tags: [orders]\n      responses", "tags: []\n      responses"),
        (*_GET, "tags"),
    ),
    "portal-error-response-problem-json": (
        BASE.replace("application/problem+json:", "application/json:"),
        (*_GET, "responses", "404", "content"),
    ),
    "portal-no-secrets-in-examples": (
        BASE.replace("items: []", "items: [AKIAIOSFODNN7EXAMPLE]"),
        (*_EXAMPLE, "items", 0),
    ),
    "portal-no-passwords-in-examples": (
        BASE.replace("token: '<token>'", "token: hunter2"),
        (*_EXAMPLE, "token"),
    ),
}


@pytest.mark.parametrize("rule", sorted(BROKEN))
def test_it_reports_a_broken_rule_where_it_is_broken(rule):
    text, path = BROKEN[rule]
    assert _codes(text) == [(rule, path)]


def test_it_accepts_a_sunset_date_on_a_deprecated_operation():
    text = BASE.replace(
        "      tags: [orders]\n",
        "      tags: [orders]\n      deprecated: true\n      x-sunset: 2026-06-30\n",
    )
    assert _codes(text) == []


@pytest.mark.parametrize("version", ["1.0.0", "2.10.3-rc.1", "1.0.0+build.5"])
def test_it_accepts_semantic_versions(version):
    assert _codes(BASE.replace("version: 1.4.0", f"version: {version}")) == []


def test_it_switches_off_the_spectral_rules_it_replaces():
    rules = _ruleset().rules
    assert rules["operation-operationId"].severity == -1
    assert rules["operation-tags"].severity == -1
    assert rules["operation-description"].severity == 1


def test_it_documents_every_rule_in_docs_rules_md():
    docs = (Path(__file__).resolve().parents[4] / "docs" / "rules.md").read_text(encoding="utf-8")
    headings = set(re.findall(r"^## (\S+)$", docs, re.MULTILINE))
    for name, rule in RULES.items():
        if isinstance(rule, str):
            continue
        assert rule["documentationUrl"] == f"docs/rules.md#{name}"
        assert name in headings
        assert rule["description"] and rule["message"]
