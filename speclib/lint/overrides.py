"""Ruleset ``overrides``: rules changed for documents whose path matches a glob, optionally
at a JSON pointer only (``"api.yaml#/paths/~1users"``: severities only), as in Spectral."""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .types import RulesetError

if TYPE_CHECKING:
    from .ruleset import Ruleset

__all__ = ["OverrideSet", "glob_match"]


@lru_cache(maxsize=512)
def _glob_regex(pattern: str) -> re.Pattern[str]:
    out, index = [], 0
    while index < len(pattern):
        char = pattern[index]
        if pattern.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
            continue
        if pattern.startswith("**", index):
            out.append(".*")
            index += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "{" and "}" in pattern[index:]:
            end = pattern.index("}", index)
            out.append("(?:" + "|".join(map(re.escape, pattern[index + 1 : end].split(","))) + ")")
            index = end
        else:
            out.append(re.escape(char))
        index += 1
    return re.compile("".join(out) + r"\Z")


def glob_match(path: str, pattern: str) -> bool:
    """minimatch with ``matchBase``: a pattern without ``/`` also matches the file name."""
    path = path.replace(os.sep, "/").removeprefix("./")
    pattern = pattern.removeprefix("./")
    if _glob_regex(pattern).match(path):
        return True
    return "/" not in pattern and bool(_glob_regex(pattern).match(path.rsplit("/", 1)[-1]))


class OverrideSet:
    def __init__(self, overrides: Any, base_dir: Path | None, name: str) -> None:
        if not isinstance(overrides, list):
            raise RulesetError(f"{name}: `overrides` must be a list")
        for index, override in enumerate(overrides):
            where = f"{name}: overrides[{index}]"
            files = override.get("files") if isinstance(override, dict) else None
            if (
                not isinstance(files, list)
                or not files
                or not all(isinstance(f, str) for f in files)
            ):
                raise RulesetError(f"{where}: `files` must be a non-empty list of patterns")
            rules = override.get("rules") or {}
            if any("#" in pattern for pattern in files) and any(
                isinstance(value, dict | bool) for value in rules.values()
            ):
                raise RulesetError(
                    f"{where}: an override for a JSON pointer (file#/pointer) may only set "
                    "severities of existing rules"
                )
        self.overrides = overrides
        self.base_dir = base_dir
        self.name = name
        self._cache: dict[str, Ruleset] = {}

    def relative(self, source: str) -> str:
        if self.base_dir is None:
            return source
        return os.path.relpath(Path(source).resolve(), self.base_dir)

    def apply(self, ruleset: Ruleset, source: str) -> Ruleset:
        relative = self.relative(source)
        if relative not in self._cache:
            self._cache[relative] = self._build(ruleset, relative)
        return self._cache[relative]

    def _build(self, ruleset: Ruleset, relative: str) -> Ruleset:
        from .ruleset import Ruleset, build_ruleset, parse_severity

        whole: list[dict[str, Any]] = []
        pointers: dict[str, dict[str, dict[str, int]]] = {}
        for override in self.overrides:
            matched = False
            for pattern in override["files"]:
                file_part, hashed, pointer = pattern.partition("#")
                if not glob_match(relative, file_part):
                    continue
                if not hashed:
                    matched = True
                    continue
                for rule_name, severity in (override.get("rules") or {}).items():
                    per_file = pointers.setdefault(rule_name, {}).setdefault(file_part, {})
                    per_file[pointer] = parse_severity(severity, f'rule "{rule_name}"')
            if matched:
                whole.append(override)
        if not whole and not pointers:
            return ruleset
        base = {key: value for key, value in ruleset.definition.items() if key != "overrides"}
        result = ruleset
        if whole:
            rules: dict[str, Any] = {}
            aliases = dict(base.get("aliases") or {})
            extends: list[Any] = []
            for override in whole:
                rules.update(override.get("rules") or {})
                aliases.update(override.get("aliases") or {})
                more = override.get("extends") or []
                extends.extend(more if isinstance(more, list) else [more])
            merged = {"extends": [*extends, base], "rules": rules, "aliases": aliases}
            result = build_ruleset(
                merged, base_dir=self.base_dir, name=self.name, functions=ruleset.functions or {},
                top=False,
            )  # fmt: skip
        if result is ruleset:  # pointer overrides only: never change the shared ruleset
            rules = {name: rule.copy() for name, rule in ruleset.rules.items()}
            result = Ruleset(
                rules,
                ruleset.formats,
                None,
                ruleset.definition,
                ruleset.base_dir,
                ruleset.functions,
            )
        for rule_name, per_file in pointers.items():
            if rule_name in result.rules:
                result.rules[rule_name].pointer_overrides = per_file
                result.rules[rule_name].enabled = True
        return result
