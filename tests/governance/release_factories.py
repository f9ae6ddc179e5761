"""Documents, versions and releases for the release tests."""

import hashlib

from catalog.models import Audience, Lifecycle, SpecDocument, Version
from catalog.services import Actor
from governance.models import LintRun, Release
from governance.services import release_check, release_submit
from tests.factories import ApiFactory, VersionFactory

PETS_V1 = b"""openapi: 3.0.3
info: {title: Pets, version: 1.0.0}
paths:
  /pets:
    get:
      operationId: listPets
      responses: {'200': {description: ok}}
  /pets/{id}:
    get:
      operationId: getPet
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {'200': {description: ok}}
"""
# /pets/{id} removed (breaking), /owners added.
PETS_BREAKING = b"""openapi: 3.0.3
info: {title: Pets, version: 1.1.0}
paths:
  /pets:
    get:
      operationId: listPets
      responses: {'200': {description: ok}}
  /owners:
    get:
      operationId: listOwners
      responses: {'200': {description: ok}}
"""
# Only /owners added.
PETS_ADDITION = PETS_V1.replace(
    b"paths:\n",
    b"paths:\n  /owners:\n    get:\n      operationId: "
    b"listOwners\n      responses: {'200': {description: ok}}\n",
)


def spec_of(content: bytes, *, lint_errors: int = 0) -> SpecDocument:
    """A stored, parsed document with a finished lint run."""
    spec, _ = SpecDocument.objects.get_or_create(
        sha256=hashlib.sha256(content).hexdigest(),
        defaults={
            "content": content,
            "size": len(content),
            "filename": "pets.yaml",
            "status": SpecDocument.Status.READY,
            "syntax": SpecDocument.Syntax.YAML,
        },
    )
    LintRun.objects.get_or_create(
        spec=spec,
        builtin="portal:recommended",
        engine_version="test",
        defaults={"status": LintRun.Status.DONE, "errors": lint_errors, "score": 100},
    )
    return spec


def released(api, version: str = "1.0.0", content: bytes = PETS_V1) -> Version:
    major, minor, patch = (int(part) for part in version.split("."))
    return VersionFactory(
        api=api,
        version=version,
        major=major,
        minor=minor,
        patch=patch,
        lifecycle=Lifecycle.RELEASED,
        spec=spec_of(content),
    )


def draft(api, version: str, content: bytes, *, lint_errors: int = 0) -> Version:
    major, minor, patch = (int(part) for part in version.split("."))
    return VersionFactory(
        api=api,
        version=version,
        major=major,
        minor=minor,
        patch=patch,
        lifecycle=Lifecycle.DRAFT,
        spec=spec_of(content, lint_errors=lint_errors),
    )


def submitted(user, version: Version) -> Release:
    """Submitted by `user` and checked (as the worker would), so in review or released."""
    release = release_submit(actor=Actor.of_user(user), version=version)
    release_check(release_id=release.pk)
    release.refresh_from_db()
    return release


def public_api(team):
    return ApiFactory(team=team, slug="public-pets", name="Public Pets", audience=Audience.PUBLIC)
