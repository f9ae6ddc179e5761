"""Pieces shared by the catalog's pages."""

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from catalog import selectors
from catalog.models import SpecDocument, Version

UNFINISHED = (SpecDocument.Status.PENDING, SpecDocument.Status.PROCESSING)
EAGER_OPERATIONS = 40  # above this, a page would weigh megabytes and take seconds to render


def wants_partial(request: HttpRequest, target: str | None = None) -> bool:
    """htmx asked for a fragment (not a boosted page, nor a history restore after a miss),
    and, when `target` is given, a fragment for that element."""
    htmx = request.htmx
    if not htmx or htmx.boosted or htmx.history_restore_request:
        return False
    return target is None or htmx.target == target


def spec_section(version: Version | None) -> dict[str, Any]:
    """What the documentation section of a version needs, on the API and version pages."""
    spec = version.spec if version is not None and version.spec_id else None
    ready = spec is not None and spec.status == SpecDocument.Status.READY
    count = selectors.spec_operation_count(spec.pk) if ready else 0
    # A large spec lists its operations and loads each one's detail when it is opened.
    lazy = count > EAGER_OPERATIONS
    return {
        "shown_version": version,
        "spec": spec,
        "spec_ready": ready,
        "groups": _operation_groups(version, spec, lazy=lazy) if ready else [],
        "operation_count": count,
        "lazy_operations": lazy,
        "polling": spec is not None and spec.status in UNFINISHED,
    }


def _operation_groups(version: Version, spec: SpecDocument, *, lazy: bool) -> list[dict]:
    """Operations by tag, each tag with the description the spec gives it."""
    if lazy:
        groups = selectors.version_operation_outline(version)
    else:
        groups = selectors.version_operations_by_tag(version)
    described = {
        tag.get("name"): tag.get("description") for tag in spec.tags if isinstance(tag, dict)
    }
    return [
        {"name": name, "description": described.get(name) or "", "operations": operations}
        for name, operations in groups.items()
    ]


def form_page(
    request: HttpRequest,
    *,
    form: forms.Form,
    title: str,
    submit: str,
    back_url: str,
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """A page with one form; shown again with its errors (status 400) when they are bad."""
    status = 400 if form.is_bound and form.errors else 200
    page = {"form": form, "title": title, "submit": submit, "back_url": back_url}
    return render(request, "catalog/form_page.html", page | (context or {}), status=status)
