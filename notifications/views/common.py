"""Lookups shared by the notification pages."""

from django.http import Http404

from catalog import selectors as catalog
from catalog.models import Version


def version_or_404(slug: str, version: str) -> Version:
    found = catalog.version_page(slug, version)
    if found is None:
        raise Http404("There is no such version.")
    return found
