"""Schema resources by URI: where ``$ref`` and ``$dynamicRef`` lead, and the meta-schemas Ajv
ships (read from the ``jsonschema-specifications`` package that comes with ``jsonschema``,
adjusted to Ajv's copies)."""

from __future__ import annotations

import importlib.util
import re
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urldefrag, urljoin

import orjson

from .dialects import DRAFT4_META, DRAFT6_META, DRAFT7_META

__all__ = [
    "SCHEMA_DIR",
    "Registry",
    "bundled_schema",
    "join_uri",
    "meta_schemas",
    "normalize_uri",
]

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"

# Keywords whose value is one subschema, a list of them, or a map of them.
SINGLE = frozenset(
    (
        "not",
        "if",
        "then",
        "else",
        "additionalProperties",
        "additionalItems",
        "contains",
        "propertyNames",
        "unevaluatedProperties",
        "unevaluatedItems",
    )
)
LISTS = frozenset(("allOf", "anyOf", "oneOf", "prefixItems"))
MAPS = frozenset(("properties", "patternProperties", "definitions", "$defs", "dependentSchemas"))


def normalize_uri(uri: str) -> str:
    return uri[:-1] if uri.endswith("#") else uri


def join_uri(base: str, reference: str) -> str:
    """``reference`` resolved against ``base`` (``urljoin`` gives up on schemes like ``urn:``)."""
    if not base:
        return reference
    if reference.startswith("#"):
        return urldefrag(base)[0] + reference
    if _SCHEME.match(reference):
        return reference
    return urljoin(base, reference)


def subschemas(schema: dict[str, Any]):
    """(key path, subschema) for every subschema written directly in ``schema``."""
    for key, value in schema.items():
        if key in SINGLE or (key == "items" and not isinstance(value, list)):
            yield (key,), value
        elif key in LISTS or (key == "items" and isinstance(value, list)):
            if isinstance(value, list):
                for index, item in enumerate(value):
                    yield (key, index), item
        elif (key in MAPS or key == "dependencies") and isinstance(value, dict):
            for name, item in value.items():
                if key != "dependencies" or isinstance(item, dict | bool):
                    yield (key, name), item


class Registry:
    """Schemas by absolute URI, with their embedded resources and anchors."""

    def __init__(self) -> None:
        self.resources: dict[str, Any] = {}
        self.anchors: dict[tuple[str, str], Any] = {}
        self.bases: dict[int, str] = {}  # id(subschema) -> base URI of the resource it is in
        # (base, reference) -> (resource, fragment): a schema repeats its references (the
        # OpenAPI 2.0 schema's 229 are 76 texts), and parsing URIs is most of resolving them
        self._split: dict[tuple[str, str], tuple[str, str]] = {}

    def add(self, schema: Any, uri: str, id_keyword: str) -> None:
        uri = normalize_uri(uri)
        if uri not in self.resources:
            self.resources[uri] = schema
        self._scan(schema, uri, id_keyword)

    def _scan(self, schema: Any, base: str, id_keyword: str) -> None:
        if not isinstance(schema, dict):
            return
        own = schema.get(id_keyword)
        if isinstance(own, str) and own:
            absolute = join_uri(base, own)
            resource, fragment = urldefrag(absolute)
            if fragment and not fragment.startswith("/"):
                self.anchors[(normalize_uri(resource), fragment)] = schema
            if resource and resource != base:
                self.resources.setdefault(normalize_uri(resource), schema)
            base = normalize_uri(resource) or base
        for keyword in ("$anchor", "$dynamicAnchor"):
            name = schema.get(keyword)
            if isinstance(name, str):
                self.anchors.setdefault((base, name), schema)
        self.bases[id(schema)] = base
        for _path, sub in subschemas(schema):
            self._scan(sub, base, id_keyword)

    def base_of(self, schema: Any, default: str) -> str:
        return self.bases.get(id(schema), default)

    def resolve(self, ref: str, base: str) -> tuple[Any, str, str] | None:
        """The schema a reference points at, its base URI and its resource URI, or None."""
        split = self._split.get((base, ref))
        if split is None:
            resource, fragment = urldefrag(join_uri(base, ref))
            split = self._split[(base, ref)] = (normalize_uri(resource), fragment)
        resource, fragment = split
        root = self.resources.get(resource)
        if root is None:
            return None
        if not fragment:
            return root, resource, resource
        if not fragment.startswith("/"):
            target = self.anchors.get((resource, fragment))
            return None if target is None else (target, self.base_of(target, resource), resource)
        node = root
        for raw in fragment[1:].split("/"):
            segment = unquote(raw).replace("~1", "/").replace("~0", "~")
            if isinstance(node, dict) and segment in node:
                node = node[segment]
            elif isinstance(node, list) and segment.isdigit() and int(segment) < len(node):
                node = node[int(segment)]
            else:
                return None
        return node, self.base_of(node, resource), resource


@cache
def bundled_schema(name: str) -> Any:
    return orjson.loads((SCHEMA_DIR / name).read_bytes())


@cache
def _standard_schemas(folder: str) -> dict[str, Any]:
    """The meta-schemas of one draft shipped by ``jsonschema-specifications`` (its folder
    ``schemas/<folder>``), by ``$id``, read without importing it (its import costs more than
    the whole lint of a small file). One draft's files only: a run needs one to three drafts of
    the six, and reading the others' files cost it about 3 ms."""
    spec = importlib.util.find_spec("jsonschema_specifications")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the jsonschema-specifications package is missing")
    root = Path(next(iter(spec.submodule_search_locations))) / "schemas" / folder
    schemas: dict[str, Any] = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            schema = orjson.loads(path.read_bytes())
            identifier = schema.get("$id", schema.get("id"))
            if isinstance(identifier, str):
                schemas[normalize_uri(identifier)] = schema
    return schemas


def _folder(uri: str) -> str:
    """The folder of ``jsonschema-specifications`` that holds a meta-schema URI's draft."""
    draft = _DRAFT_OF_URI.search(uri)
    if draft is None:
        raise KeyError(uri)
    return "draft" + (draft.group(1) or draft.group(2)).replace("-", "").lstrip("0")


_DRAFT_OF_URI = re.compile(r"json-schema\.org/(?:draft-(0[3-7])|draft/(20\d\d-\d\d))/")


def _standard(uri: str) -> dict[str, Any]:
    """A fresh copy of a standard meta-schema, for the changes Ajv's copies have (written and
    read again at C speed: ``copy.deepcopy`` cost an instance of draft 7 about 2 ms)."""
    return orjson.loads(orjson.dumps(_standard_schemas(_folder(uri))[normalize_uri(uri)]))


@cache
def meta_schemas(dialect: str) -> tuple[tuple[str, Any], ...]:
    """(URI, schema) of each meta-schema the Ajv instance of a dialect knows, as Ajv has them."""
    if dialect == "draft4":
        draft4 = _standard(DRAFT4_META + "#")
        # ajv-draft-04's copy: "format" is not described, ids and $schema must be URIs.
        del draft4["properties"]["format"]
        draft4["properties"]["id"]["format"] = "uri"
        draft4["properties"]["$schema"]["format"] = "uri"
        return ((DRAFT4_META, draft4),)
    if dialect == "draft7":
        draft7 = _standard(DRAFT7_META)
        draft6 = _standard(DRAFT6_META)
        for meta in (draft7, draft6):
            meta["properties"]["enum"].update(minItems=1, uniqueItems=True)
        del draft6["properties"]["patternProperties"]["propertyNames"]
        spectral_draft4 = _spectral_draft4()
        return ((DRAFT7_META, draft7), (DRAFT6_META, draft6), (DRAFT4_META, spectral_draft4))
    prefix = "https://json-schema.org/draft/2019-09/" if dialect == "draft2019-09" else None
    prefix = prefix or "https://json-schema.org/draft/2020-12/"
    return tuple(
        (uri, _standard(uri))
        for uri in _standard_schemas(_folder(prefix))
        if uri.startswith(prefix) and "format-assertion" not in uri
    )


def _spectral_draft4() -> dict[str, Any]:
    """The draft 4 meta-schema Spectral adds to its default (draft 7) Ajv instance."""
    meta = _standard(DRAFT4_META + "#")
    meta.pop("id", None)
    meta.pop("dependencies", None)
    meta = {"$schema": DRAFT7_META + "#", "$id": DRAFT4_META + "#", **meta}
    properties = meta["properties"]
    del properties["format"]
    properties["id"]["format"] = "uri"
    properties["$schema"]["format"] = "uri"
    properties["multipleOf"] = {"type": "number", "exclusiveMinimum": 0}
    properties["deprecationMessage"] = {"type": "string"}
    return meta
