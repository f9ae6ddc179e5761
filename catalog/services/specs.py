import dataclasses
import hashlib
import logging

import orjson
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import OperationalError, transaction
from django.utils import timezone

import speclib
from catalog.models import Api, Operation, SpecDocument, Version
from catalog.services.apis import api_refresh_rollups
from catalog.services.audit import Actor, audit_record
from catalog.signals import spec_ready

logger = logging.getLogger(__name__)


def spec_validate(content: bytes) -> "speclib.LoadedDocument":
    """Checks an upload before anything is stored: size, syntax, hostile shapes, OpenAPI.

    Runs in the web process, so every parser guard of speclib applies here too.
    Raises ValidationError({"spec": ...}) with the parser's message and line.
    """
    try:
        loaded = speclib.load_document(content, max_bytes=settings.PORTAL_SPEC_MAX_BYTES)
        speclib.detect_format(loaded.data)
    except speclib.SpecError as exc:
        where = f" (line {exc.line})" if exc.line else ""
        raise ValidationError({"spec": f"{exc.message}{where}"}, code=exc.code) from None
    return loaded


def spec_store(*, content: bytes, filename: str, actor: Actor) -> SpecDocument:
    """Validates and stores an upload, once per distinct content (sha256).

    Must run inside a transaction; the parse task is enqueued when it commits.
    """
    spec_validate(content)
    digest = hashlib.sha256(content).hexdigest()
    spec, created = SpecDocument.objects.get_or_create(
        sha256=digest,
        defaults={
            "content": content,
            "size": len(content),
            "filename": filename[:255],
            "uploaded_by": actor.user,
        },
    )
    if created:
        transaction.on_commit(lambda: _enqueue_processing(spec.pk))
    return spec


def _enqueue_processing(spec_id: int) -> None:
    from catalog.tasks import spec_process_task

    spec_process_task.delay(spec_id)


@transaction.atomic
def version_attach_spec(
    *, actor: Actor, version: Version, content: bytes, filename: str
) -> SpecDocument:
    """Stores the upload and makes it the version's spec. Nothing is stored on bad input."""
    spec = spec_store(content=content, filename=filename, actor=actor)
    previous = version.spec_id
    if previous != spec.pk:
        Version.objects.filter(pk=version.pk).update(spec=spec, updated_at=timezone.now())
        version.spec = spec
        api_refresh_rollups(api=version.api)
        audit_record(
            actor=actor,
            action="version.spec",
            target=version,
            api=version.api,
            before={"spec": previous},
            after={"spec": spec.pk, "sha256": spec.sha256},
        )
        if spec.status == SpecDocument.Status.READY:  # parsed before: no spec_process will run
            _announce_ready(spec)
    return spec


def _announce_ready(spec: SpecDocument) -> None:
    """Tells other apps (governance lints it) that a document's versions may be read.

    send_robust: a receiver's bug is logged, it must not undo the catalog's own work.
    """
    for receiver, result in spec_ready.send_robust(sender=SpecDocument, spec=spec):
        if isinstance(result, Exception):
            logger.error("spec_ready receiver %s failed: %r", receiver, result)


def spec_process(*, spec_id: int) -> None:
    """Parses a stored document and records what it declares (format, servers, operations).

    Safe to run twice and concurrently: the row is locked, a finished document is
    left alone, and operations are replaced, never appended. Bad content marks the
    document failed with the parser's message; it does not raise.
    """
    with transaction.atomic():
        spec = SpecDocument.objects.select_for_update().filter(pk=spec_id).first()
        if spec is None or spec.status in (SpecDocument.Status.READY, SpecDocument.Status.FAILED):
            return
        SpecDocument.objects.filter(pk=spec_id).update(status=SpecDocument.Status.PROCESSING)
    spec.refresh_from_db()
    try:
        parsed = speclib.parse_spec(bytes(spec.content), max_bytes=settings.PORTAL_SPEC_MAX_BYTES)
        _spec_save_extraction(spec, parsed)
    except speclib.SpecError as exc:
        _spec_fail(spec, code=exc.code, message=exc.message, line=exc.line)
    except OperationalError:
        raise  # the database is away: the task retries
    except Exception:
        # A bug must neither leave the document "parsing" forever nor kill the worker.
        logger.exception("unexpected error while parsing spec %s", spec.sha256[:12])
        _spec_fail(
            spec,
            code="internal-error",
            line=None,
            message="The portal could not read this document (an internal error).",
        )


@transaction.atomic
def _spec_save_extraction(spec: SpecDocument, parsed: "speclib.ParsedSpec") -> None:
    spec = SpecDocument.objects.select_for_update().get(pk=spec.pk)
    if spec.status == SpecDocument.Status.READY:
        return
    extraction = parsed.extraction
    spec.operations.all().delete()
    Operation.objects.bulk_create(
        Operation(
            spec=spec,
            position=position,
            method=_text(op.method, 10),
            path=_text(op.path, 2000),
            operation_id=_text(op.operation_id, 300),
            summary=_text(op.summary, 500),
            description=_text(op.description),
            tags=[_text(tag, 200) for tag in op.tags],
            deprecated=op.deprecated,
            detail=_storable(_ordered(op.detail)),
        )
        for position, op in enumerate(extraction.operations)
    )
    spec.syntax = parsed.document.syntax
    spec.openapi_family = parsed.format.family
    spec.openapi_version = _text(parsed.format.declared, 20)
    spec.title = _text(extraction.title, 300)
    spec.description = _text(extraction.description)
    spec.info_version = _text(extraction.api_version, 100)
    spec.servers = _storable(_as_dicts(extraction.servers))
    spec.tags = _storable(_as_dicts(extraction.tags))
    spec.status = SpecDocument.Status.READY
    spec.error_code = spec.error = ""
    spec.processed_at = timezone.now()
    spec.save()
    for api in Api.objects.filter(versions__spec=spec).distinct():
        api_refresh_rollups(api=api)
    _announce_ready(spec)


# PostgreSQL text and jsonb cannot hold NUL characters, which a document may contain in any
# string; they become U+FFFD (the replacement character) in what the portal stores.
def _text(value, limit: int | None = None) -> str:
    text = str(value or "").replace("\x00", "\ufffd")
    return text[:limit] if limit else text


def _storable(value):
    return orjson.loads(orjson.dumps(value).replace(b"\\u0000", b"\\ufffd"))


def _ordered(detail):
    _keep_property_order(detail)
    return detail


def _keep_property_order(node) -> None:
    """jsonb stores object keys sorted by length, so the document's order of schema
    properties is kept beside them in `x-property-order` for the docs view."""
    if isinstance(node, dict):
        properties = node.get("properties")
        if isinstance(properties, dict) and len(properties) > 1:
            node["x-property-order"] = list(properties)
        for child in node.values():
            _keep_property_order(child)
    elif isinstance(node, list):
        for child in node:
            _keep_property_order(child)


def _as_dicts(items) -> list[dict]:
    return [dataclasses.asdict(item) if dataclasses.is_dataclass(item) else item for item in items]


def _spec_fail(spec: SpecDocument, *, code: str, message: str, line: int | None) -> None:
    logger.info("spec %s failed to parse: %s", spec.sha256[:12], code)
    SpecDocument.objects.filter(pk=spec.pk).update(
        status=SpecDocument.Status.FAILED,
        error_code=code[:40],
        error=message,
        error_line=line,
        processed_at=timezone.now(),
    )
