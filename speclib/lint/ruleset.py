"""Spectral rulesets: loading, ``extends``, rule merging, aliases and validation.

The merging follows Spectral's ``Ruleset`` class: rules of an extended ruleset are inherited
with their ``enabled`` state, or re-enabled by ``[name, "recommended"|"all"|"off"]``; a rule
given again by name only changes its severity (``"warn"``, ``0``...) or turns it on or off
(``true``/``false``); a rule given as an object is new, or merged over the inherited one. A
rule of the ruleset itself is enabled when it is ``recommended`` (the default).

Everything is checked when the ruleset is loaded (unknown functions, JSONPath that does not
parse, unknown aliases, bad severities, unsafe regular expressions...), so a bad ruleset is a
``RulesetError`` naming the rule and the problem, never a failure half-way through a lint.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from .aliases import expand_given, validate_aliases
from .formats import FORMAT_NAMES, canonical_format
from .jsonpath import JsonPathError, parse_path
from .overrides import OverrideSet
from .rulesource import BUILTIN_RULESETS, read_definition, resolve_extension
from .types import RulesetError, Severity

__all__ = ["Rule", "Ruleset", "Then", "build_ruleset", "parse_severity"]

_RULESET_KEYS = frozenset(
    {"extends", "rules", "aliases", "overrides", "formats", "documentationUrl", "description",
     "functions", "functionsDir", "parserOptions"}
)  # fmt: skip
_RULE_KEYS = frozenset(
    {"given", "then", "severity", "formats", "resolved", "recommended", "message", "description",
     "documentationUrl", "type", "tags", "extensions"}
)  # fmt: skip
_SEVERITIES = {"error": 0, "warn": 1, "info": 2, "hint": 3, "off": -1}
_OFF = -1


def parse_severity(value: Any, where: str) -> int:
    """Spectral's severities: names, 0 to 3, or -1 / "off"; anything else is refused."""
    if isinstance(value, str) and value in _SEVERITIES:
        return _SEVERITIES[value]
    if isinstance(value, int) and not isinstance(value, bool) and -1 <= value <= 3:
        return value
    raise RulesetError(
        f"{where}: severity must be one of error, warn, info, hint, off (or 0 to 3), not {value!r}"
    )


class Then:
    """One ``then`` of a rule: the function, its options and the ``field`` it is called on."""

    __slots__ = ("field", "function", "function_name", "options")

    def __init__(
        self, field: str | None, function: Callable[..., Any], function_name: str, options: Any
    ) -> None:
        self.field = field
        self.function = function
        self.function_name = function_name
        self.options = options

    def __repr__(self) -> str:
        return f"Then({self.function_name!r}, field={self.field!r})"


class Rule:
    """One rule after merging; a ruleset that changes an extended rule changes a ``copy()``."""

    __slots__ = (
        "aliases", "description", "documentation_url", "enabled", "formats", "given", "message",
        "name", "pointer_overrides", "recommended", "resolved", "severity", "then",
    )  # fmt: skip

    def __init__(
        self,
        name: str,
        given: tuple[str, ...],
        then: tuple[Then, ...],
        severity: int = int(Severity.WARN),
        enabled: bool = True,
        recommended: bool = True,
        resolved: bool = True,
        formats: tuple[str, ...] | None = None,
        message: str | None = None,
        description: str | None = None,
        documentation_url: str | None = None,
        aliases: Mapping[str, Any] | None = None,  # of the ruleset that defined it
        pointer_overrides: dict[str, dict[str, int]] | None = None,
    ) -> None:
        self.name = name
        self.given = given
        self.then = then
        self.severity = severity
        self.enabled = enabled
        self.recommended = recommended
        self.resolved = resolved
        self.formats = formats
        self.message = message
        self.description = description
        self.documentation_url = documentation_url
        self.aliases = aliases if aliases is not None else {}
        self.pointer_overrides = pointer_overrides if pointer_overrides is not None else {}

    def copy(self) -> Rule:
        """A shallow copy, to change without touching the ruleset this one belongs to."""
        twin = Rule.__new__(Rule)
        for name in Rule.__slots__:
            setattr(twin, name, getattr(self, name))
        return twin

    def __repr__(self) -> str:
        return f"Rule({self.name!r}, severity={self.severity}, enabled={self.enabled})"

    def given_for(self, formats: frozenset[str]) -> list[str]:
        """The rule's JSONPath expressions with aliases expanded for the document's formats."""
        return [path for given in self.given for path in expand_given(self.aliases, given, formats)]

    def matches_format(self, formats: frozenset[str]) -> bool:
        return self.formats is None or not formats.isdisjoint(self.formats)

    def severity_for(self, pointer: str, source_patterns: list[str]) -> int:
        """The severity at a JSON pointer of a document, after pointer-scoped overrides."""
        severity, closest = self.severity, ""
        for pattern in source_patterns:
            for prefix, override in self.pointer_overrides.get(pattern, {}).items():
                if len(prefix) >= len(closest) and (
                    pointer == prefix or pointer.startswith(prefix + "/")
                ):
                    closest, severity = prefix, override
        return severity


class Ruleset:
    """Rules after ``extends`` and rule merging; ``overrides`` apply per document source."""

    __slots__ = ("base_dir", "definition", "formats", "functions", "overrides", "rules")

    def __init__(
        self,
        rules: dict[str, Rule],
        formats: tuple[str, ...] = (),
        overrides: OverrideSet | None = None,
        definition: dict[str, Any] | None = None,
        base_dir: Path | None = None,
        functions: Mapping[str, Callable[..., Any]] | None = None,
    ) -> None:
        self.rules = rules
        self.formats = formats  # every format it names, in Spectral's order (its messages show it)
        self.overrides = overrides
        self.definition = definition if definition is not None else {}
        self.base_dir = base_dir
        self.functions = functions

    def __repr__(self) -> str:
        return f"Ruleset({len(self.rules)} rules, formats={sorted(self.formats)})"

    def for_source(self, source: str) -> Ruleset:
        """The ruleset that applies to the document ``source`` (its ``overrides`` merged)."""
        if self.overrides is None:
            return self
        return self.overrides.apply(self, source)


def build_ruleset(
    definition: Any,
    *,
    base_dir: Path | None,
    name: str,
    functions: Mapping[str, Callable[..., Any]],
    severity: str = "recommended",
    explicit: bool = False,
    stack: tuple[str, ...] = (),
    top: bool = True,
    builtin: bool = False,
) -> Ruleset:
    """Build one ruleset definition (a dict in Spectral's shape) into rules. The options of a
    built-in ruleset's functions are not checked again at every load (its tests check them):
    that was half the time of building ``spectral:oas``, at the start of every ``portal lint``."""
    if not isinstance(definition, dict):
        raise RulesetError(f"{name}: a ruleset must be a mapping, not {type(definition).__name__}")
    _check_keys(definition, name)
    aliases = definition.get("aliases") or {}
    validate_aliases(aliases, name)
    formats = _formats(definition.get("formats"), name)
    rules: dict[str, Rule] = {}
    # Spectral's order: the ruleset's own, its extended rulesets', its rules'.
    inherited_formats: dict[str, None] = dict.fromkeys(formats or ())
    for extension, ext_severity, ext_explicit in _extensions(definition, name):
        ext_def, ext_dir, ext_name = resolve_extension(extension, base_dir, name, stack)
        extended = build_ruleset(
            ext_def, base_dir=ext_dir, name=ext_name, functions=functions, severity=ext_severity,
            explicit=ext_explicit, stack=(*stack, ext_name), top=False,
            builtin=ext_name in BUILTIN_RULESETS,
        )  # fmt: skip
        inherited_formats.update(dict.fromkeys(extended.formats))
        for rule in extended.rules.values():
            copy = rule.copy()
            if ext_explicit:
                copy.enabled = _enabled_by(copy, ext_severity)
            rules[copy.name] = copy
    own = definition.get("rules") or {}
    if not isinstance(own, dict):
        raise RulesetError(f"{name}: `rules` must be a mapping of rule names to rules")
    for rule_name, value in own.items():
        rule = _merge_rule(
            rules.get(rule_name), str(rule_name), value, definition, functions, builtin=builtin
        )
        if rule.formats is None and formats is not None and rule_name not in rules:
            rule.formats = formats
        if rule_name not in rules:
            rule.enabled = _enabled_by(rule, severity)
        if rule.formats:
            inherited_formats.update(dict.fromkeys(rule.formats))
        doc_url = definition.get("documentationUrl")
        if isinstance(doc_url, str) and rule.documentation_url is None:
            rule.documentation_url = f"{doc_url}#{rule_name}"
        rules[str(rule_name)] = rule
    overrides = definition.get("overrides")
    override_set = None
    if top and overrides:
        override_set = OverrideSet(overrides, base_dir, name)
    return Ruleset(
        rules=rules,
        formats=tuple(inherited_formats),
        overrides=override_set,
        definition=definition,
        base_dir=base_dir,
        functions=functions,
    )


def _check_keys(definition: dict[str, Any], name: str) -> None:
    if "functions" in definition or "functionsDir" in definition:
        raise RulesetError(
            f"{name}: custom functions (`functions`, `functionsDir`) are JavaScript files and "
            "cannot run in this engine; use the built-in core and OpenAPI functions"
        )
    unknown = sorted(set(definition) - _RULESET_KEYS)
    if unknown:
        raise RulesetError(f"{name}: unknown ruleset field(s): {', '.join(unknown)}")
    if not any(key in definition for key in ("rules", "extends", "overrides")):
        raise RulesetError(f"{name}: a ruleset needs `rules`, `extends` or `overrides`")


def _extensions(definition: dict[str, Any], name: str) -> list[tuple[Any, str, bool]]:
    raw = definition.get("extends")
    if raw is None:
        return []
    entries = raw if isinstance(raw, list) else [raw]
    result: list[tuple[Any, str, bool]] = []
    for entry in entries:
        if isinstance(entry, list):
            if len(entry) != 2 or entry[1] not in ("recommended", "all", "off"):
                raise RulesetError(
                    f"{name}: an `extends` entry with a severity must be [ruleset, "
                    f'"recommended" | "all" | "off"], not {entry!r}'
                )
            result.append((entry[0], entry[1], True))
        elif isinstance(entry, str | dict):
            result.append((entry, "recommended", False))
        else:
            raise RulesetError(f"{name}: invalid `extends` entry {entry!r}")
    return result


def _enabled_by(rule: Rule, severity: str) -> bool:
    return severity == "all" or (severity == "recommended" and rule.recommended)


def _formats(value: Any, where: str) -> tuple[str, ...] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise RulesetError(f"{where}: `formats` must be a list of format names")
    unknown = sorted({item for item in value if canonical_format(item) not in FORMAT_NAMES})
    if unknown:
        raise RulesetError(f"{where}: unknown format(s) {', '.join(unknown)}")
    return tuple(dict.fromkeys(canonical_format(item) for item in value))


def _merge_rule(
    existing: Rule | None,
    name: str,
    value: Any,
    definition: dict[str, Any],
    functions: Mapping[str, Callable[..., Any]],
    *,
    builtin: bool = False,
) -> Rule:
    where = f'rule "{name}"'
    if isinstance(value, bool | str | int):
        if existing is None:
            raise RulesetError(f"{where}: cannot change a rule that no extended ruleset defines")
        rule = existing.copy()
        if isinstance(value, bool):
            rule.enabled = value
            return rule
        rule.severity = parse_severity(value, where)
        rule.enabled = rule.severity != _OFF
        return rule
    if not isinstance(value, dict):
        raise RulesetError(f"{where}: a rule must be a mapping, a severity or true/false")
    unknown = sorted(set(value) - _RULE_KEYS)
    if unknown:
        raise RulesetError(f"{where}: unknown field(s) {', '.join(unknown)}")
    if existing is not None:
        return _overlay(existing, value, where, definition, functions, builtin=builtin)
    if "given" not in value or "then" not in value:
        raise RulesetError(f'{where}: a rule needs at least "given" and "then"')
    rule = Rule(name=name, given=(), then=(), aliases=definition.get("aliases") or {})
    return _overlay(rule, value, where, definition, functions, new=True, builtin=builtin)


def _overlay(
    rule: Rule,
    value: dict[str, Any],
    where: str,
    definition: dict[str, Any],
    functions: Mapping[str, Callable[..., Any]],
    new: bool = False,
    builtin: bool = False,
) -> Rule:
    rule = rule.copy()
    if "given" in value:
        rule.given = _given(value["given"], where)
        rule.aliases = definition.get("aliases") or {}
    if "then" in value:
        rule.then = _thens(value["then"], where, functions, check_options=not builtin)
    if "severity" in value:
        rule.severity = parse_severity(value["severity"], where)
    for key, attribute in (("resolved", "resolved"), ("recommended", "recommended")):
        if key in value:
            if not isinstance(value[key], bool):
                raise RulesetError(f"{where}: `{key}` must be true or false")
            setattr(rule, attribute, value[key])
    for key, attribute in (
        ("message", "message"),
        ("description", "description"),
        ("documentationUrl", "documentation_url"),
    ):
        if key in value:
            if not isinstance(value[key], str):
                raise RulesetError(f"{where}: `{key}` must be text")
            setattr(rule, attribute, value[key])
    if "formats" in value:
        rule.formats = _formats(value["formats"], where)
    rule.enabled = True if not new else rule.enabled
    _check_given(rule, where)
    return rule


def _given(value: Any, where: str) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    if not items or not all(isinstance(item, str) and item for item in items):
        raise RulesetError(f"{where}: `given` must be a JSONPath expression or a list of them")
    return tuple(items)


def _check_given(rule: Rule, where: str) -> None:
    for given in rule.given:
        for path in expand_given(rule.aliases, given, None, where=where):
            try:
                parse_path(path)
            except JsonPathError as exc:
                raise RulesetError(f"{where}: {exc}") from None


def _thens(
    value: Any,
    where: str,
    functions: Mapping[str, Callable[..., Any]],
    *,
    check_options: bool = True,
) -> tuple:
    items = value if isinstance(value, list) else [value]
    if not items:
        raise RulesetError(f"{where}: `then` is empty")
    result = []
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("function"), str):
            raise RulesetError(f'{where}: each `then` needs a "function" name')
        function_name = item["function"]
        function = functions.get(function_name)
        if function is None:
            raise RulesetError(f'{where}: unknown function "{function_name}"')
        field_name = item.get("field")
        if field_name is not None and not isinstance(field_name, str):
            raise RulesetError(f"{where}: `then.field` must be text")
        options = item.get("functionOptions")
        if check_options:
            _check_options(function, function_name, options, where)
        result.append(Then(field_name, function, function_name, options))
    return tuple(result)


def _check_options(function: Any, function_name: str, options: Any, where: str) -> None:
    """Options are checked by the function's own ``validate_options`` when it has one; the
    regular expressions of ``pattern`` are always compiled (and refused when unsafe)."""
    validate = getattr(function, "validate_options", None)
    try:
        if validate is not None:
            validate(options)
        if function_name == "pattern" and isinstance(options, dict):
            from .jsonpath.regex import compile_regex

            for key in ("match", "notMatch"):
                if isinstance(options.get(key), str):
                    text = options[key]
                    slashed = re.fullmatch(r"/(.+)/([a-z]*)", text, re.DOTALL)
                    compile_regex(*(slashed.groups() if slashed else (text, "")))
    except (ValueError, TypeError) as exc:
        raise RulesetError(
            f'{where}: invalid options for function "{function_name}": {exc}'
        ) from None


def load_definition(source: str | bytes | dict, name: str) -> Any:
    """The ruleset definition in ``source`` (YAML or JSON text, or a mapping)."""
    return read_definition(source, name)
