"""Quality roll-ups on an API that other apps compute (the lint result of governance)."""

from catalog.cache import catalog_changed
from catalog.models import Api, LintStatus


def api_set_quality(
    *, api: Api, lint_status: str, lint_score: int | None, lint_version: str = ""
) -> None:
    """Records the lint status and score of an API's newest version with a spec, and which
    version that is (a draft's, say, while the latest release is older).

    Derived data, so no audit event; safe to call any number of times.
    """
    if lint_status and lint_status not in LintStatus.values:
        raise ValueError(f"{lint_status!r} is not a lint status")
    if lint_score is not None and not 0 <= lint_score <= 100:
        raise ValueError(f"a score is between 0 and 100, not {lint_score}")
    Api.objects.filter(pk=api.pk).update(
        lint_status=lint_status, lint_score=lint_score, lint_version=lint_version
    )
    api.lint_status, api.lint_score, api.lint_version = lint_status, lint_score, lint_version
    catalog_changed()
