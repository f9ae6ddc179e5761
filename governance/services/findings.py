"""Storing a run's findings, and telling new findings from inherited ones."""

from catalog.models import Version
from governance import engine
from governance.models import LintFinding, LintRun

FindingKey = tuple[str, tuple[str, ...]]
SEVERITY_COUNTS = ("errors", "warnings", "infos", "hints")  # by Spectral's severity number


def _text(value, limit: int | None = None) -> str:
    # PostgreSQL text cannot hold NUL, which messages quoting the document may contain.
    text = str(value).replace("\x00", "\ufffd")
    return text[:limit] if limit else text


def finding_key(code: str, path) -> FindingKey:
    return (_text(code, 200), tuple(_text(segment) for segment in path))


def findings_store(run: LintRun, findings, inherited: set[FindingKey]) -> dict[str, int]:
    """Saves the engine's findings for `run` in bulk; returns the counts per severity.

    A finding is new unless `inherited` holds its (code, path).
    """
    counts = dict.fromkeys(SEVERITY_COUNTS, 0)
    rows = []
    for finding in findings:
        severity = min(max(int(finding.severity), 0), 3)
        counts[SEVERITY_COUNTS[severity]] += 1
        code, path = finding_key(finding.code, finding.path)
        start, end = finding.range.start, finding.range.end
        rows.append(
            LintFinding(
                run=run,
                code=code,
                severity=severity,
                message=_text(finding.message),
                path=list(path),
                start_line=max(start.line, 0),
                start_character=max(start.character, 0),
                end_line=max(end.line, 0),
                end_character=max(end.character, 0),
                documentation_url=_text(finding.documentation_url or "", 500),
                is_new=(code, path) not in inherited,
            )
        )
    LintFinding.objects.bulk_create(rows, batch_size=2000)
    return counts


def previous_keys(run: LintRun, ruleset) -> set[FindingKey]:
    """The (code, path) of every finding of the previous version's document under the same
    rules, for forward-only governance. Empty when there is no previous version.

    A document used by several versions is compared with the version before the oldest of
    them: the version where these bytes first appeared. When the previous document was
    never linted with these rules (a new ruleset revision), it is linted here for the
    comparison only and nothing is stored, so old versions keep the results they had.
    """
    previous_spec = _previous_spec(run.spec_id)
    if previous_spec is None:
        return set()
    earlier = (
        LintRun.objects.filter(
            spec_id=previous_spec,
            revision=run.revision,
            builtin=run.builtin,
            status=LintRun.Status.DONE,
        )
        .order_by("-created_at", "-id")
        .first()
    )
    if earlier is not None:
        return {
            (code, tuple(path))
            for code, path in LintFinding.objects.filter(run=earlier).values_list("code", "path")
        }
    content = Version.objects.filter(spec_id=previous_spec).values_list("spec__content", flat=True)
    report = engine.lint_bytes(bytes(content[0]), ruleset, source="previous")
    if engine.parser_failure(report):
        return set()
    return {finding_key(finding.code, finding.path) for finding in report.findings}


def _previous_spec(spec_id: int) -> int | None:
    """The document of the version before the first version (of the first API) using spec_id."""
    users = Version.objects.filter(spec_id=spec_id).order_by("api_id").values_list("api_id")
    if not users:
        return None
    api_id = users[0][0]
    # Newest first (the model's order); the versions after our document's oldest are older.
    specs = list(
        Version.objects.filter(api_id=api_id, spec__isnull=False).values_list("spec_id", flat=True)
    )
    oldest = len(specs) - 1 - specs[::-1].index(spec_id)
    return next((other for other in specs[oldest + 1 :] if other != spec_id), None)
