"""Compare any two versions of an API: what breaks, what changes, and which consumers of the
older one the breaking changes reach, with the changelog as Markdown to download."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from catalog import selectors as catalog_selectors
from catalog.models import SpecDocument, Version
from catalog.views.access import catalog_reader
from governance.compare import comparison_impact, versions_compare
from governance.forms import CompareForm
from governance.selectors_releases import changes_by_operation, impact_for_page

MARKDOWN = "text/markdown; charset=utf-8"


@require_GET
@catalog_reader
def version_compare(request: HttpRequest, slug: str) -> HttpResponse:
    api = catalog_selectors.api_page(slug)
    if api is None:
        raise Http404("There is no such API.")
    versions = {
        version.version: version
        for version in Version.objects.filter(api=api, spec__status=SpecDocument.Status.READY)
    }
    asked = "base" in request.GET or "revision" in request.GET
    data = request.GET if asked else _defaults(list(versions))
    form = CompareForm(data, versions=list(versions))
    context = {"api": api, "form": form, "enough": len(versions) >= 2}
    if form.is_valid():
        base = versions[form.cleaned_data["base"]]
        revision = versions[form.cleaned_data["revision"]]
        comparison = versions_compare(base, revision)
        if request.GET.get("format") == "md" and not comparison.failed:
            response = HttpResponse(comparison.changelog, content_type=MARKDOWN)
            name = f"{api.slug}-{base.version}-to-{revision.version}.md"
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response
        context |= {
            "base": base,
            "revision": revision,
            "comparison": comparison,
            "groups": changes_by_operation(comparison.changes),
            "impact": impact_for_page(comparison_impact(base, comparison)),
        }
    return render(request, "governance/version_compare.html", context)


def _defaults(names: list[str]) -> dict[str, str] | None:
    """The newest version against the one before it (names come newest first)."""
    return {"base": names[1], "revision": names[0]} if len(names) >= 2 else None
