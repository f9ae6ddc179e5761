"""Lint a document before pushing it: the page for `POST /api/v1/lint`. Nothing is stored; a
document too large to lint during the request becomes a job that the page waits for."""

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from governance import selectors, services
from governance.forms import LintTryForm
from governance.models import LintJob, Ruleset, RulesetAssignment, Severity
from governance.views.lint import SEVERITY_KEYS
from governance.views.rules import rule_doc_url

SHOWN = 200  # findings listed on the page; the counts by rule cover all of them


class _LintRate(SimpleRateThrottle):
    """The API's write rate (PORTAL_RATE_WRITE) per person: a lint costs CPU."""

    scope = "write"

    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": "lint-page", "ident": f"user-{request.user.pk}"}


@require_http_methods(["GET", "POST"])
@login_required
def lint_try(request: HttpRequest) -> HttpResponse:
    rulesets = list(Ruleset.objects.order_by("name").values_list("slug", "name"))
    posted = request.method == "POST"
    form = LintTryForm(
        request.POST if posted else None, request.FILES if posted else None, rulesets=rulesets
    )
    if not posted:  # the one asked for (a ruleset's page links here), else the person's team's
        asked = request.GET.get("ruleset", "")
        known = bool(asked) and asked in dict(form.fields["ruleset"].choices)
        form.initial["ruleset"] = asked if known else _team_ruleset(request.user) or ""
    context: dict[str, Any] = {"form": form}
    if not (form.is_bound and form.is_valid()):
        return render(request, "governance/lint_try.html", context, status=400 if posted else 200)
    rate = _LintRate()
    if not rate.allow_request(request, None):
        form.add_error(None, "You have linted many documents in a short time: wait a minute.")
        response = render(request, "governance/lint_try.html", context, status=429)
        response["Retry-After"] = str(max(int(rate.wait() or 1), 1))
        return response
    rules = selectors.lint_rules_named(form.cleaned_data["ruleset"])
    if rules is None:  # deleted since the form was drawn
        form.add_error("ruleset", "This ruleset no longer exists; choose another.")
        return render(request, "governance/lint_try.html", context, status=400)
    revision, builtin = rules
    content, filename = form.cleaned_data["content"], form.cleaned_data["filename"]
    if len(content) > settings.PORTAL_LINT_SYNC_MAX_BYTES:
        job = services.lint_job_create(
            owner=f"user-{request.user.pk}",
            content=content,
            revision=revision,
            builtin=builtin,
            source=filename,
        )
        return redirect("governance:lint-try-job", job.pk)
    try:
        result = services.lint_document(
            content=content, revision=revision, builtin=builtin, source=filename
        )
    except services.LintFailed as exc:
        form.add_error(None, str(exc))
        return render(request, "governance/lint_try.html", context, status=422)
    context |= {"filename": filename, **lint_result(result, content)}
    return render(request, "governance/lint_try.html", context)


@require_GET
@login_required
def lint_try_job(request: HttpRequest, pk) -> HttpResponse:
    """A queued lint's page: it polls itself until the worker is done, then shows the result
    (without source lines: the document is dropped once linted)."""
    job = LintJob.objects.filter(pk=pk, owner=f"user-{request.user.pk}").first()
    if job is None:
        raise Http404("There is no such lint, or it has expired.")
    context: dict[str, Any] = {"job": job, "filename": job.source}
    if job.status == LintJob.Status.DONE:
        context |= lint_result(job.result, None)
    template = "governance/lint_try_job.html"
    if request.headers.get("HX-Request"):
        template += "#job"
    return render(request, template, context)


def _team_ruleset(user) -> str | None:
    """The slug of the ruleset assigned to one of the person's teams, if any."""
    return (
        RulesetAssignment.objects.filter(
            scope=RulesetAssignment.Scope.TEAM, team__memberships__user=user
        )
        .order_by("team__name")
        .values_list("ruleset__slug", flat=True)
        .first()
    )


def lint_result(result: dict, content: bytes | None) -> dict[str, Any]:
    """A lint result in Spectral's shape as the page shows it: counts by rule, and the first
    findings by severity, each with the source lines around it when the document is at hand."""
    findings = result["findings"]
    rules: dict[tuple[int, str], int] = {}
    for finding in findings:
        key = (finding["severity"], finding["code"])
        rules[key] = rules.get(key, 0) + 1
    lines = content.decode("utf-8", "replace").removeprefix("\ufeff").split("\n") if content else []
    shown = sorted(findings, key=lambda f: (f["severity"], f["range"]["start"]["line"]))[:SHOWN]
    groups: list[dict[str, Any]] = []
    for finding in shown:
        severity = finding["severity"]
        if not groups or groups[-1]["severity"] != severity:
            name = SEVERITY_KEYS[severity]
            label = Severity(severity).label
            groups.append({"severity": severity, "name": name, "label": label, "items": []})
        start, end = finding["range"]["start"]["line"], finding["range"]["end"]["line"]
        groups[-1]["items"].append(
            {
                "finding": finding,
                "start": start + 1,
                "end": end + 1,
                "lines": _around(lines, start, end),
                "doc_url": rule_doc_url(finding["code"], ""),
            }
        )
    return {
        "result": result,
        "rule_rows": [
            {"severity": SEVERITY_KEYS[severity], "code": code, "count": count}
            | {"label": Severity(severity).label, "doc_url": rule_doc_url(code, "")}
            for (severity, code), count in sorted(rules.items())
        ],
        "finding_groups": groups,
        "hidden": max(len(findings) - SHOWN, 0),
    }


def _around(lines: list[str], start: int, end: int, context: int = 2, span: int = 6):
    """(1-based number, text, covered) of the lines around a finding, as on a version's page."""
    if not lines:
        return []
    last = min(end, start + span - 1)
    numbers = range(max(start - context, 0), min(last + context, len(lines) - 1) + 1)
    return [(n + 1, lines[n].rstrip("\r")[:500], start <= n <= end) for n in numbers]
