"""Where ruleset definitions come from: text, mappings, files and the built-in rulesets."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..errors import SpecError
from ..loading import load_document
from .types import RulesetError

__all__ = ["BUILTIN_RULESETS", "builtin_definition", "read_definition", "resolve_extension"]

# Built-in rulesets: a name in `extends` -> the module of rulesets/ exporting RULESET.
BUILTIN_RULESETS = {
    "spectral:oas": "spectral_oas",
    "portal:recommended": "portal_recommended",
}
_MAX_RULESET_BYTES = 2 * 1024 * 1024
# Spectral also reads rulesets written as JavaScript modules; they run code, so not here.
_JAVASCRIPT = (".js", ".mjs", ".cjs", ".ts")


def read_definition(source: str | bytes | dict, name: str) -> Any:
    """Parse ruleset text (YAML or JSON, read as safely as an uploaded document) or pass a
    mapping through."""
    if isinstance(source, dict):
        return source
    if name.lower().endswith(_JAVASCRIPT):
        raise RulesetError(
            f"{name}: JavaScript rulesets are not supported (they would run code here); "
            "write the ruleset in YAML or JSON"
        )
    data = source.encode("utf-8") if isinstance(source, str) else source
    try:
        return load_document(data, max_bytes=_MAX_RULESET_BYTES, max_nodes=200_000).data
    except SpecError as exc:
        raise RulesetError(f"{name}: the ruleset cannot be read: {exc.message}") from None


def builtin_definition(name: str) -> dict[str, Any]:
    module_name = BUILTIN_RULESETS.get(name)
    if module_name is None:
        if name.startswith("spectral:"):
            raise RulesetError(
                f'"{name}" is not supported: only spectral:oas among Spectral\'s built-in rulesets'
            )
        raise RulesetError(f'unknown built-in ruleset "{name}"')
    try:
        module = importlib.import_module(f"{__package__}.rulesets.{module_name}")
    except ModuleNotFoundError:
        raise RulesetError(f'the built-in ruleset "{name}" is not installed') from None
    return module.RULESET


def resolve_extension(
    extension: Any, base_dir: Path | None, name: str, stack: tuple[str, ...]
) -> tuple[Any, Path | None, str]:
    """(definition, its base directory, its name) of one ``extends`` entry."""
    if isinstance(extension, dict):
        return extension, base_dir, f"{name} (extended mapping)"
    if not isinstance(extension, str) or not extension:
        raise RulesetError(f"{name}: invalid `extends` entry {extension!r}")
    if extension in stack:
        raise RulesetError(f"{name}: `extends` is circular: {' -> '.join((*stack, extension))}")
    if extension.startswith("spectral:") or extension in BUILTIN_RULESETS:
        return builtin_definition(extension), None, extension
    if urlsplit(extension).scheme in ("http", "https"):
        raise RulesetError(f"{name}: remote rulesets are not fetched ({extension})")
    if base_dir is None:
        raise RulesetError(
            f"{name}: cannot extend the file {extension!r}: the ruleset has no folder "
            "(only built-in rulesets can be extended here)"
        )
    path = (base_dir / extension).resolve()
    if not path.is_file():
        if extension.startswith("@") or ("/" not in extension and "." not in extension):
            raise RulesetError(
                f"{name}: the extended ruleset {extension!r} does not exist; rulesets from npm "
                "packages are not installed here: copy the package's ruleset file beside this "
                "one and extend it by its path"
            )
        raise RulesetError(f"{name}: the extended ruleset {extension!r} does not exist")
    if path.stat().st_size > _MAX_RULESET_BYTES:
        raise RulesetError(f"{name}: the extended ruleset {extension!r} is too large")
    return read_definition(path.read_bytes(), extension), path.parent, str(path)
