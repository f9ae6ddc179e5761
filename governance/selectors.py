"""Functions that read governance data for pages and the API. No writes here."""

import difflib
from collections.abc import Callable

from django.db import connection
from django.db.models import Avg, Count, F, Max, Min, OuterRef, Prefetch, Q, QuerySet, Subquery

from catalog.models import Api, Team, Version
from governance.engine import BUILTINS
from governance.models import (
    LintFinding,
    LintRun,
    RelintBatch,
    Ruleset,
    RulesetAssignment,
    RulesetRevision,
)

Resolver = Callable[[Api], RulesetRevision | None]


def ruleset_resolver() -> Resolver:
    """A function giving the ruleset revision that governs an API, None meaning the built-in
    default. Precedence: the team's assignment, then the audience's, then the organisation
    default. Reads the assignments once (two queries), so it suits loops over many APIs."""
    assignments = list(RulesetAssignment.objects.all())
    latest = {
        revision.ruleset_id: revision
        for revision in RulesetRevision.objects.filter(
            ruleset_id__in={a.ruleset_id for a in assignments}
        )
        .select_related("ruleset")
        .order_by("ruleset_id", "-number")
        .distinct("ruleset_id")
    }
    by_team = {a.team_id: a.ruleset_id for a in assignments if a.scope == "team"}
    by_audience = {a.audience: a.ruleset_id for a in assignments if a.scope == "audience"}
    default = next((a.ruleset_id for a in assignments if a.scope == "organisation"), None)

    def resolve(api: Api) -> RulesetRevision | None:
        ruleset_id = by_team.get(api.team_id) or by_audience.get(api.audience) or default
        return latest.get(ruleset_id)

    return resolve


def ruleset_for_api(api: Api) -> RulesetRevision | None:
    """The revision that governs `api` (team > audience > organisation), or None for the
    built-in `portal:recommended`."""
    return ruleset_resolver()(api)


def organisation_ruleset() -> RulesetRevision | None:
    """The latest revision of the organisation default, or None for the built-in one."""
    assignment = RulesetAssignment.objects.filter(scope="organisation").first()
    return ruleset_latest_revision(assignment.ruleset) if assignment else None


def ruleset_latest_revision(ruleset: Ruleset) -> RulesetRevision | None:
    return ruleset.revisions.select_related("ruleset").order_by("-number").first()


def lint_rules_named(name: str) -> tuple[RulesetRevision | None, str] | None:
    """The rules to lint a posted document with, as (stored revision, built-in name): a
    built-in ruleset by its name, a stored ruleset's latest revision by its slug, the
    organisation default for ""; None when no ruleset has that name."""
    if name in BUILTINS:
        return None, name
    if not name:
        return organisation_ruleset(), ""
    ruleset = Ruleset.objects.filter(slug=name).first()
    return (ruleset_latest_revision(ruleset), "") if ruleset is not None else None


def rulesets_with_latest() -> QuerySet[Ruleset]:
    """Rulesets with their latest revision number and how many scopes use them."""
    latest = RulesetRevision.objects.filter(ruleset=OuterRef("pk")).order_by("-number")
    return Ruleset.objects.annotate(
        latest_number=Subquery(latest.values("number")[:1]),
        latest_at=Subquery(latest.values("created_at")[:1]),
        assignment_count=Count("assignments", distinct=True),
    ).order_by("name")


def rulesets_with_revisions() -> QuerySet[Ruleset]:
    """As rulesets_with_latest, with every revision (newest first) and its author."""
    revisions = RulesetRevision.objects.select_related("created_by").order_by("-number")
    return rulesets_with_latest().prefetch_related(Prefetch("revisions", queryset=revisions))


def revision_diff(old: RulesetRevision, new: RulesetRevision) -> list[str]:
    """The unified diff of two revisions' texts, line by line."""
    return list(
        difflib.unified_diff(
            old.source.splitlines(),
            new.source.splitlines(),
            fromfile=f"r{old.number}",
            tofile=f"r{new.number}",
            lineterm="",
        )
    )


def spec_lint_run(spec_id: int | None) -> LintRun | None:
    """The run to show for a document: its newest finished run, else its newest run (queued
    or running). During a re-lint the previous result stays visible until the new one is in."""
    if spec_id is None:
        return None
    runs = LintRun.objects.filter(spec_id=spec_id).select_related("revision__ruleset")
    finished = runs.filter(status__in=[LintRun.Status.DONE, LintRun.Status.FAILED])
    return finished.order_by("-created_at", "-id").first() or runs.order_by("-created_at").first()


def version_lint_run(version: Version) -> LintRun | None:
    return spec_lint_run(version.spec_id)


def lint_findings(run: LintRun) -> QuerySet[LintFinding]:
    """A run's findings, worst first, then in document order."""
    return LintFinding.objects.filter(run=run).order_by(
        "severity", "start_line", "start_character", "code", "id"
    )


def lint_finding_counts(run: LintRun) -> dict:
    """Findings per (severity, code), for grouping findings by severity and rule."""
    rows = (
        LintFinding.objects.filter(run=run)
        .values("severity", "code")
        .annotate(count=Count("id"), new=Count("id", filter=Q(is_new=True)))
        .order_by("severity", "-count", "code")
    )
    return {"rules": list(rows)}


def api_latest_linted_version(api: Api) -> Version | None:
    """The newest version (by semantic version) that has a spec: the one an API is judged by."""
    return (
        Version.objects.filter(api=api, spec__isnull=False)
        .order_by("-major", "-minor", "-patch", "prerelease")
        .first()
    )


def team_lint_score(team: Team) -> float | None:
    """The mean score of the team's APIs that have one (each API's is its latest version's)."""
    return Api.objects.filter(team=team, lint_score__isnull=False).aggregate(
        score=Avg("lint_score")
    )["score"]


def team_scorecard(team: Team) -> list[dict]:
    """Each version with a spec of the team's APIs, oldest first per API, with the score of
    its document's newest finished run: the trend of the team's scorecard page."""
    latest = LintRun.objects.filter(spec_id=OuterRef("spec_id"), status=LintRun.Status.DONE)
    latest = latest.order_by("-created_at", "-id")
    rows = (
        Version.objects.filter(api__team=team, spec__isnull=False)
        .annotate(
            score=Subquery(latest.values("score")[:1]),
            errors=Subquery(latest.values("errors")[:1]),
            warnings=Subquery(latest.values("warnings")[:1]),
        )
        .order_by("api__name", "major", "minor", "patch", "created_at")
        .values("api__slug", "api__name", "version", "created_at", "score", "errors", "warnings")
    )
    return list(rows)


def relint_batches() -> QuerySet[RelintBatch]:
    return RelintBatch.objects.select_related("ruleset", "created_by")


def lint_rule_counts(run: LintRun) -> list[dict]:
    """Findings per rule, worst severity first, then the most frequent: code, severity,
    count, how many are new in this version, and the rule's documentation URL."""
    return list(
        LintFinding.objects.filter(run=run)
        .values("severity", "code")
        .annotate(
            count=Count("id"),
            new=Count("id", filter=Q(is_new=True)),
            documentation_url=Max("documentation_url"),
        )
        .order_by("severity", "-count", "code")
    )


UNFINISHED_RUNS = (LintRun.Status.QUEUED, LintRun.Status.RUNNING)


def spec_relinting(spec_id: int, shown: LintRun) -> bool:
    """Whether a run newer than the one shown is still queued or running (a re-lint)."""
    return (
        LintRun.objects.filter(spec_id=spec_id, status__in=UNFINISHED_RUNS)
        .exclude(pk=shown.pk)
        .exists()
    )


def scorecard_team(slug: str) -> Team | None:
    return Team.objects.filter(slug=slug).first()


def team_apis_by_score(team: Team) -> QuerySet[Api]:
    """The team's APIs with their roll-ups, for the scorecard: lowest score first (the ones
    to fix), APIs never linted last."""
    return (
        Api.objects.filter(team=team)
        .only("slug", "name", "latest_version", "lint_status", "lint_score")
        .order_by(F("lint_score").asc(nulls_last=True), "name", "id")
    )


# The lines of a stored document that excerpts need, cut out by PostgreSQL: a page of
# findings on a 13 MB document then moves a few kilobytes, not the whole document, and
# lines are split at "\n" only, as the lint engine numbers them (str.splitlines would also
# split at U+2028 and other separators, and shift every line after one). Documents are
# valid UTF-8: the parser refuses others before any lint.
_SOURCE_LINES_SQL = """
    SELECT line.number, left(rtrim(line.text, E'\\r'), %s)
    FROM catalog_specdocument AS document
    CROSS JOIN LATERAL unnest(string_to_array(convert_from(document.content, 'UTF8'), E'\\n'))
        WITH ORDINALITY AS line(text, number)
    JOIN unnest(%s::bigint[]) AS wanted(number) ON wanted.number = line.number
    WHERE document.id = %s
"""


def source_excerpts(
    run: LintRun, findings: list[LintFinding], context: int = 2, width: int = 500, span: int = 6
) -> list[tuple[LintFinding, list[tuple[int, str, bool]]]]:
    """Each finding with the source lines around it: (1-based number, text cut at `width`
    characters, whether the finding covers it). A finding over more than `span` lines (one
    on a whole object can cover the document) shows its first `span`. One query for the
    whole page of findings."""

    def numbers(finding: LintFinding) -> range:
        start = finding.start_line + 1
        end = min(finding.end_line + 1, start + span - 1)
        return range(max(start - context, 1), end + context + 1)

    wanted = sorted({number for finding in findings for number in numbers(finding)})
    lines: dict[int, str] = {}
    if wanted:
        with connection.cursor() as cursor:
            cursor.execute(_SOURCE_LINES_SQL, [width, wanted, run.spec_id])
            lines = dict(cursor.fetchall())
    if 1 in lines:
        lines[1] = lines[1].removeprefix("\ufeff")  # a UTF-8 byte order mark

    def around(finding: LintFinding) -> list[tuple[int, str, bool]]:
        start, end = finding.start_line + 1, finding.end_line + 1
        return [(n, lines[n], start <= n <= end) for n in numbers(finding) if n in lines]

    return [(finding, around(finding)) for finding in findings]


def catalog_findings_by_rule(team: Team | None = None, code: str | None = None) -> dict:
    """Every API's current lint result (the newest finished run of its newest version with a
    spec, as its page shows), by rule: which rules the catalog breaks, in how many APIs and
    which. A rule's severity is the worst any ruleset gives it. Three queries, however many
    APIs; only `team`'s APIs when given, only the rule `code` when given."""
    versions = (
        Version.objects.filter(spec__isnull=False)
        .select_related("api__team")
        .only("version", "spec_id", "api__slug", "api__name", "api__team__slug", "api__team__name")
        .order_by("api_id", "-major", "-minor", "-patch", "prerelease")
        .distinct("api_id")
    )
    if team is not None:
        versions = versions.filter(api__team=team)
    by_spec: dict[int, list[Version]] = {}
    for version in versions:
        by_spec.setdefault(version.spec_id, []).append(version)
    finished = [LintRun.Status.DONE, LintRun.Status.FAILED]
    runs = {
        run_id: spec_id
        for run_id, spec_id, status in LintRun.objects.filter(
            spec_id__in=list(by_spec), status__in=finished
        )
        .order_by("spec_id", "-created_at", "-id")
        .distinct("spec_id")
        .values_list("id", "spec_id", "status")
        if status == LintRun.Status.DONE
    }
    rules: dict[str, dict] = {}
    findings = LintFinding.objects.filter(run_id__in=list(runs))
    if code is not None:
        findings = findings.filter(code=code)
    counted = (
        findings.values_list("run_id", "code")
        .annotate(count=Count("id"), worst=Min("severity"))
        .order_by()
    )
    for run_id, rule_code, count, worst in counted:
        rule = rules.setdefault(
            rule_code, {"code": rule_code, "severity": worst, "findings": 0, "apis": []}
        )
        rule["severity"] = min(rule["severity"], worst)
        for version in by_spec[runs[run_id]]:
            rule["findings"] += count
            rule["apis"].append({"version": version, "count": count})
    for rule in rules.values():
        rule["apis"].sort(key=lambda item: (-item["count"], item["version"].api.name))
    ordered = sorted(
        rules.values(),
        key=lambda rule: (rule["severity"], -len(rule["apis"]), -rule["findings"], rule["code"]),
    )
    return {
        "rules": ordered,
        "linted": sum(len(by_spec[spec_id]) for spec_id in set(runs.values())),
        "with_findings": len({item["version"].api_id for r in ordered for item in r["apis"]}),
    }
