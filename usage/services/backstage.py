"""Declared uses from a Backstage catalog-info.yaml: each Component's `spec.consumesApis`.

Backstage names API entities, not versions. A name is matched to a catalog API by slug,
`payments`, `api:payments` or `api:default/payments`; a suffix picks the version:
`payments-v2` the newest 2.x, `payments@2.3.0` that version; no suffix, the newest
released or deprecated version. Names that match nothing are reported, not guessed.
"""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from catalog.models import Lifecycle, Version
from catalog.services.audit import Actor
from speclib.errors import SpecError
from speclib.yamlload import load_yaml
from usage.models import Consumer, DeclaredUse
from usage.services.consumers import declared_use_add

_DOCUMENT_SEPARATOR = re.compile(rb"^---[ \t]*$", re.MULTILINE)
_MAJOR = re.compile(r"^(?P<slug>.+)-v(?P<major>\d{1,9})$")  # int() refuses 4,300+ digits
LIVE = (Lifecycle.RELEASED, Lifecycle.DEPRECATED)
MAX_BYTES = 1024 * 1024


@dataclass
class BackstageImport:
    declared: list[DeclaredUse] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    components: list[str] = field(default_factory=list)


def _documents(content: bytes) -> list[dict]:
    if len(content) > MAX_BYTES:
        raise ValidationError("The file is larger than 1 MB.")
    documents = []
    for part in _DOCUMENT_SEPARATOR.split(content):
        if not part.strip():
            continue
        try:
            document = load_yaml(part, max_depth=50, max_nodes=100_000)
        except SpecError as error:
            if error.code == "empty":  # a part of comments only, such as a licence header
                continue
            raise ValidationError(f"The file is not valid YAML: {error}") from None
        if isinstance(document, dict):
            documents.append(document)
    return documents


def consumed_api_names(content: bytes) -> tuple[list[str], list[str]]:
    """(component names, API references) of every Component in a catalog-info file."""
    components, names = [], []
    for document in _documents(content):
        if str(document.get("kind", "")).lower() != "component":
            continue
        metadata = document.get("metadata") if isinstance(document.get("metadata"), dict) else {}
        spec = document.get("spec") if isinstance(document.get("spec"), dict) else {}
        components.append(str(metadata.get("name", "")))
        consumed = spec.get("consumesApis")
        if isinstance(consumed, list):
            names += [item for item in consumed if isinstance(item, str)]
    return components, names


def version_for_reference(reference: str) -> Version | None:
    """The catalog version a Backstage API reference means, or None."""
    name = reference.split(":", 1)[1] if ":" in reference else reference
    name = name.rsplit("/", 1)[-1]
    versions = Version.objects.select_related("api").order_by("-major", "-minor", "-patch")
    if "@" in name:
        slug, _, number = name.partition("@")
        return versions.filter(api__slug=slug, version=number).first()
    found = _MAJOR.match(name)
    if found and not Version.objects.filter(api__slug=name).exists():
        versions = versions.filter(api__slug=found["slug"], major=int(found["major"]))
    else:
        versions = versions.filter(api__slug=name)
    return versions.filter(lifecycle__in=LIVE).first()


def backstage_import(*, actor: Actor, consumer: Consumer, content: bytes) -> BackstageImport:
    """Declares the consumer's use of every API its catalog-info file's Components consume.
    Raises ValidationError for a file that is not YAML or has no Component. Importing the
    same file again declares nothing new."""
    components, names = consumed_api_names(content)
    if not components:
        raise ValidationError("The file has no Component entity.")
    result = BackstageImport(components=components)
    with transaction.atomic():
        for reference in dict.fromkeys(names):
            version = version_for_reference(reference)
            if version is None:
                result.unmatched.append(reference)
                continue
            result.declared.append(
                declared_use_add(
                    actor=actor,
                    consumer=consumer,
                    version=version,
                    source=DeclaredUse.Source.BACKSTAGE,
                    note=f"consumesApis: {reference}"[:300],
                )
            )
    return result
