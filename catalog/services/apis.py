import datetime
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from catalog.cache import catalog_changed
from catalog.models import Api, Lifecycle, MetadataField, Operation, Team, Version
from catalog.services.audit import Actor, audit_record, snapshot

_PATH_PARAMETER = re.compile(r"\{[^}]*\}")  # {paymentId}: a name, not a word of the path
_PATH_WORD = re.compile(r"[^\W_]+(?:[-_][^\W_]+)*")  # shipping-labels, v2

API_FIELDS = [
    "slug",
    "name",
    "summary",
    "description",
    "team",
    "audience",
    "tags",
    "repository_url",
    "docs_url",
    "runbook_url",
    "metadata",
]


def metadata_clean(values: dict[str, Any]) -> dict[str, Any]:
    """Checks custom metadata against the admin's field definitions; returns typed values.

    Raises ValidationError keyed by field so forms and the API can show each error.
    """
    fields = {field.key: field for field in MetadataField.objects.all()}
    errors: dict[str, str] = {}
    cleaned: dict[str, Any] = {}
    for key in values.keys() - fields.keys():
        errors[key] = "There is no such metadata field."
    for key, field in fields.items():
        value = values.get(key)
        if value in (None, ""):
            if field.required:
                errors[key] = f"{field.label} is required."
            continue
        try:
            cleaned[key] = _metadata_value(field, value)
        except (TypeError, ValueError, ValidationError) as exc:
            errors[key] = f"{field.label}: {_message(exc)}"
    if errors:
        raise ValidationError({f"metadata.{key}": message for key, message in errors.items()})
    return cleaned


def _message(exc: Exception) -> str:
    return "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)


def _metadata_value(field: MetadataField, value: Any) -> Any:
    kind = MetadataField.Kind
    if field.kind == kind.NUMBER:
        if isinstance(value, bool):
            raise ValueError("must be a number")
        number = float(value)
        return int(number) if number.is_integer() else number
    if field.kind == kind.BOOLEAN:
        if isinstance(value, bool):
            return value
        if str(value).lower() in {"true", "yes", "1", "on"}:
            return True
        if str(value).lower() in {"false", "no", "0", "off"}:
            return False
        raise ValueError("must be yes or no")
    if field.kind == kind.DATE:
        return datetime.date.fromisoformat(str(value)).isoformat()
    if field.kind == kind.CHOICE:
        if value not in field.choices:
            raise ValueError(f"must be one of {', '.join(field.choices)}")
        return value
    if field.kind == kind.URL:
        URLValidator()(str(value))
    return str(value)


def _tags_clean(tags: list[str]) -> list[str]:
    return sorted({tag.strip().lower() for tag in tags if tag.strip()})


@transaction.atomic
def api_create(*, actor: Actor, team: Team, slug: str, name: str, **fields: Any) -> Api:
    """Creates an API owned by `team`. The caller checks the actor may act for the team."""
    fields["tags"] = _tags_clean(fields.get("tags", []))
    fields["metadata"] = metadata_clean(fields.get("metadata", {}))
    api = Api(team=team, slug=slug, name=name, **fields)
    api.full_clean(exclude=["search_vector"])
    api.save()
    api_refresh_rollups(api=api)
    audit_record(
        actor=actor, action="api.create", target=api, api=api, after=snapshot(api, API_FIELDS)
    )
    return api


@transaction.atomic
def api_update(*, actor: Actor, api: Api, **fields: Any) -> Api:
    before = snapshot(api, API_FIELDS)
    if "tags" in fields:
        fields["tags"] = _tags_clean(fields["tags"])
    if "metadata" in fields:
        fields["metadata"] = metadata_clean(fields["metadata"])
    for name, value in fields.items():
        setattr(api, name, value)
    api.full_clean(exclude=["search_vector"])
    api.save()
    api_refresh_rollups(api=api)
    audit_record(
        actor=actor,
        action="api.update",
        target=api,
        api=api,
        before=before,
        after=snapshot(api, API_FIELDS),
    )
    return api


def search_text(tags: list[str], operations) -> str:
    """The words an API is found by beyond its name and description: its tags, and the
    summary, id and literal path segments of each (summary, operation_id, path) given."""
    words = [*tags]
    for summary, operation_id, path in operations:
        # The path's words too: "which API serves /shipping-labels?" is a search.
        words += [summary, operation_id, *_PATH_WORD.findall(_PATH_PARAMETER.sub(" ", path))]
    return " ".join(dict.fromkeys(word for word in words if word))[:100_000]


def api_refresh_rollups(*, api: Api) -> None:
    """Recomputes what the catalog list reads from an API's versions.

    Lifecycles present, the next sunset date, the latest version, and the search
    text (search_text of the newest version with a spec).
    Safe to run any number of times; call it after any change to versions or specs.
    """
    versions = list(
        Version.objects.filter(api=api).only(
            "version", "lifecycle", "sunset_on", "spec_id", "major", "minor", "patch", "prerelease"
        )
    )
    api.lifecycles = sorted({version.lifecycle for version in versions})
    # From the versions already loaded: a second query for the minimum is not needed.
    api.next_sunset_on = min(
        (v.sunset_on for v in versions if v.sunset_on and v.lifecycle != Lifecycle.RETIRED),
        default=None,
    )
    visible = [v for v in versions if v.lifecycle != Lifecycle.DRAFT] or versions
    api.latest_version = visible[0].version if visible else ""
    with_spec = next((v for v in versions if v.spec_id), None)
    operations = []
    if with_spec:
        operations = Operation.objects.filter(spec_id=with_spec.spec_id).values_list(
            "summary", "operation_id", "path"
        )[:2000]
    api.search_extra = search_text(api.tags, operations)
    Api.objects.filter(pk=api.pk).update(
        lifecycles=api.lifecycles,
        next_sunset_on=api.next_sunset_on,
        latest_version=api.latest_version,
        search_extra=api.search_extra,
    )
    catalog_changed()
