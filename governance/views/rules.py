"""The documentation that findings link to, one page per rule: the portal's own rules read
from docs/rules.md, and Spectral's `spectral:oas` rules with their description and a link to
Spectral's reference."""

import functools
import re
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from catalog.markdown import markdown_to_html
from catalog.views.access import catalog_reader
from speclib.lint.rulesets import portal_recommended, spectral_oas

SEVERITY_WORDS = {"error": "Error", "warn": "Warning", "info": "Information", "hint": "Hint"}
_SECTION = re.compile(r"^## (?P<code>[\w-]+)[ \t]*$", re.MULTILINE)
_ANCHOR_LINK = re.compile(r"\]\(#(?P<code>[\w-]+)\)")


def portal_rules() -> dict[str, dict[str, Any]]:
    return {code: rule for code, rule in portal_recommended.RULES.items() if isinstance(rule, dict)}


def rule_doc_url(code: str, documentation_url: str) -> str:
    """Where a finding's rule is explained: the rule's own `documentationUrl` when it is a
    web address, else the portal's page for the built-in rules, else nothing.

    Rulesets are written by people: any other scheme (javascript:, data:) is never linked.
    """
    if documentation_url.startswith(("https://", "http://")):
        return documentation_url
    if code in portal_rules() or code in spectral_oas.RULES:
        return reverse("governance:rule-detail", args=[code])
    return ""


@functools.cache
def _rules_document() -> tuple[str, dict[str, str]]:
    """docs/rules.md cut at its second-level headings: the introduction, and each rule's
    section (in Markdown) by the code its heading names. Read once per process."""
    text = (settings.BASE_DIR / "docs" / "rules.md").read_text(encoding="utf-8")
    parts = _SECTION.split(text)
    intro, rest = parts[0], parts[1:]
    return intro, {rest[i]: rest[i + 1] for i in range(0, len(rest), 2)}


def _html(markdown: str):
    """Markdown to HTML, with the document's #anchors turned into the rules' own pages."""

    def to_page(match: re.Match) -> str:
        return f"]({reverse('governance:rule-detail', args=[match['code']])})"

    return markdown_to_html(_ANCHOR_LINK.sub(to_page, markdown))


def _facts(code: str, rule: dict[str, Any], ruleset: str) -> dict[str, Any]:
    severity = rule.get("severity", "warn")
    return {
        "code": code,
        "ruleset": ruleset,
        "description": rule.get("description", ""),
        "severity": SEVERITY_WORDS.get(severity, severity),
        "recommended": rule.get("recommended", True),
        "formats": rule.get("formats") or [],
        "external_url": rule.get("documentationUrl", "")
        if str(rule.get("documentationUrl", "")).startswith("https://")
        else "",
    }


@require_GET
@catalog_reader
def rule_list(request: HttpRequest) -> HttpResponse:
    intro, _ = _rules_document()
    context = {
        "intro": _html(intro.split("\n", 1)[1] if intro.startswith("# ") else intro),
        "portal_rules": [_facts(c, r, "portal:recommended") for c, r in portal_rules().items()],
        "spectral_rules": [
            _facts(code, rule, "spectral:oas") for code, rule in sorted(spectral_oas.RULES.items())
        ],
        "spectral_url": spectral_oas.DOCUMENTATION_URL,
    }
    return render(request, "governance/rule_list.html", context)


@require_GET
@catalog_reader
def rule_detail(request: HttpRequest, code: str) -> HttpResponse:
    if code in portal_rules():
        rule = _facts(code, portal_rules()[code], "portal:recommended")
        section = _rules_document()[1].get(code, "")
    elif code in spectral_oas.RULES:
        rule = _facts(code, spectral_oas.RULES[code], "spectral:oas")
        section = ""
    else:
        raise Http404("The portal has no documentation for this rule.")
    context = {"rule": rule, "section": _html(section) if section else ""}
    return render(request, "governance/rule_detail.html", context)
