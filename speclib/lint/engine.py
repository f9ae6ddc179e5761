"""``lint()``: run a ruleset over one document, as Spectral would, and report findings.

1. Parse with speclib's safe loader; a refused document is one ``parser`` finding.
2. Collect every enabled rule's ``given`` paths (aliases expanded for the detected formats)
   into two automata, one for the raw document and one for the resolved view, and walk each
   document once (see jsonpath/walk.py).
3. For each match, apply ``then.field`` and call the function; map each result's path back to
   where it is defined (through ``$ref``s for resolved rules), render the message, de-duplicate
   by (code, source, path, message) as Spectral does.
4. Compute source ranges only for the paths that have findings, then sort.
"""

from __future__ import annotations

import contextlib
import gc
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import SpecError
from ..loading import DEFAULT_MAX_BYTES, load_document
from .document import Document, Inventory
from .formats import FORMAT_NAMES, detect_formats
from .jsonpath import Automaton, parse_path
from .message import print_path, render
from .overrides import glob_match
from .positions import json_ranges, yaml_ranges
from .ruleset import Rule, Ruleset
from .targets import UNDEFINED, lint_targets, to_path
from .types import Finding, FunctionContext, FunctionResult, JsonPath, Position, Range, Severity

__all__ = ["LintReport", "lint"]

_ZERO = Range(Position(0, 0), Position(0, 0))


class LintReport:
    """The findings of one lint, the document's format, and the rule functions that raised."""

    __slots__ = ("failures", "findings", "format")

    def __init__(
        self, findings: list[Finding], format: str | None, failures: list[str] | None = None
    ) -> None:
        self.findings = findings
        self.format = format
        self.failures = failures if failures is not None else []

    def to_spectral(self) -> list[dict[str, Any]]:
        return [finding.to_spectral() for finding in self.findings]


class _Pending(NamedTuple):
    """A finding before its range is known."""

    rule: Rule | None
    code: str
    message: str
    document: Document
    path: JsonPath
    severity: int


def lint(
    data: bytes,
    ruleset: Ruleset,
    *,
    source: str = "document",
    base_dir: Path | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    allow_hosts: frozenset[str] = frozenset(),
    ignore_unknown_format: bool = False,
) -> LintReport:
    """Lint one document; never raises for a bad document (it becomes a ``parser`` finding).

    A document that none of the ruleset's formats match gets Spectral's
    ``unrecognized-format`` warning unless ``ignore_unknown_format``."""
    with _cycle_collector_paused():
        return _lint(data, ruleset, source, base_dir, max_bytes, allow_hosts, ignore_unknown_format)


@contextlib.contextmanager
def _cycle_collector_paused():
    """Python's cycle collector runs every few hundred new containers; a lint allocates millions
    that stay alive until it ends (the document, its resolved view, matches, compiled schemas),
    so those runs free next to nothing and cost up to a tenth of the lint on multi-megabyte
    documents (peak memory unchanged on the corpus). It resumes, and collects whatever cycles
    the lint left, when the lint is done; a caller that paused it keeps it paused."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _lint(
    data: bytes,
    ruleset: Ruleset,
    source: str,
    base_dir: Path | None,
    max_bytes: int,
    allow_hosts: frozenset[str],
    ignore_unknown_format: bool,
) -> LintReport:
    try:
        loaded = load_document(data, max_bytes=max_bytes, positions=True)
    except SpecError as exc:
        return LintReport([_parser_finding(exc, data, source)], None)
    root = Document(source, data, loaded.data, loaded.syntax, loaded.tape)
    inventory = Inventory(root, base_dir=base_dir, allow_hosts=allow_hosts, max_bytes=max_bytes)
    formats = detect_formats(loaded.data)
    applied = ruleset.for_source(source)
    run = _Run(inventory, applied, formats)
    unrecognized = None if ignore_unknown_format else _unrecognized(applied.formats, formats)
    if unrecognized is not None:
        run._add(None, "unrecognized-format", unrecognized, root, (), int(Severity.WARN))
    run.execute()
    findings = _place(run.pending, inventory, ruleset)
    return LintReport(findings, _format_name(formats), run.failures)


def _unrecognized(registered: tuple[str, ...], detected: frozenset[str]) -> str | None:
    """Spectral's message for a document that none of the ruleset's formats match (its rules
    with formats then do not run), or None."""
    if not registered or not detected.isdisjoint(registered):
        return None
    names = ", ".join(FORMAT_NAMES[name] for name in registered)
    return f"The provided document does not match any of the registered formats [{names}]"


def _format_name(formats: frozenset[str]) -> str | None:
    if "oas2" in formats:
        return "oas2"
    return next((name for name in ("oas3.0", "oas3.1", "oas3.2") if name in formats), None)


def _parser_finding(exc: SpecError, data: bytes, source: str) -> Finding:
    line = max((exc.line or 1) - 1, 0)
    lines = data.split(b"\n")
    width = len(lines[line].decode("utf-8", "replace").rstrip("\r")) if line < len(lines) else 0
    where = Range(Position(line, 0), Position(line, width))
    return Finding("parser", exc.message, (), Severity.ERROR, where, source)


class _Run:
    def __init__(self, inventory: Inventory, ruleset: Ruleset, formats: frozenset[str]) -> None:
        self.inventory = inventory
        self.ruleset = ruleset
        self.formats = formats
        self.pending: list[_Pending] = []
        self.failures: list[str] = []
        self.seen: set[tuple] = set()

    def execute(self) -> None:
        rules = [
            rule
            for rule in self.ruleset.rules.values()
            if rule.enabled and rule.severity != -1 and rule.matches_format(self.formats)
        ]
        for resolved in (False, True):
            chosen = [rule for rule in rules if rule.resolved is resolved]
            if chosen:
                self._walk(chosen, resolved)
        if any(rule.resolved for rule in rules):
            for problem in self.inventory.ref_problems():
                self._add(None, "invalid-ref", problem.message, problem.document, problem.path, 0)

    def _walk(self, rules: list[Rule], resolved: bool) -> None:
        texts: dict[str, int] = {}
        owners: list[list[Rule]] = []
        for rule in rules:
            for text in dict.fromkeys(rule.given_for(self.formats)):
                if text not in texts:
                    texts[text] = len(owners)
                    owners.append([])
                owners[texts[text]].append(rule)
        queries = [parse_path(text) for text in texts]
        if not resolved:  # the same walk indexes the $refs for the resolved view
            queries.append(parse_path("$..['$ref']"))
        automaton = Automaton(queries)
        document = self.inventory.resolved if resolved else self.inventory.root.data
        matches = automaton.run(document, dedupe=resolved)
        if not resolved:
            self.inventory.index_refs(self.inventory.root, matches.pop())
        for query_index, found in enumerate(matches):
            for rule in owners[query_index]:
                if len(rule.then) == 1 and rule.then[0].field is None:
                    self._lint_matches(rule, document, found)
                elif len(rule.then) == 1 and _one_target(rule.then[0].field) and _batch(rule):
                    self._lint_fields(rule, _batch(rule), document, found)
                else:
                    for path, value in found:
                        self._lint_node(rule, document, path, value)

    def _lint_matches(self, rule: Rule, document: Any, found: list[tuple]) -> None:
        """The usual rule (one ``then`` on the matched node itself) over all its matches: the
        same calls as ``_lint_node``'s, with what does not change between them looked up once
        (tens of thousands of matches on a big document)."""
        then = rule.then[0]
        many = _batch(rule)
        if many is not None:  # the function takes all the targets at once
            self._lint_many(rule, many, document, found, found)
            return
        raw, inventory = self.inventory.root.data, self.inventory
        for path, value in found:
            context = FunctionContext(
                document=document,
                raw=raw,
                path=path,
                given_path=path,
                rule_name=rule.name,
                formats=self.formats,
                resolver=inventory,
            )
            results = self._call(then.function, then.function_name, rule, value, then, context)
            if results:
                for result in results:
                    self._result(rule, result, path, value)

    def _lint_fields(self, rule: Rule, many: Callable, document: Any, found: list[tuple]) -> None:
        """A rule whose one ``then`` names a field, with a function that has a batch form: one
        target per match (the field's value, or the match itself when it is a scalar)."""
        field = rule.then[0].field
        simple = to_path(field) == (field,)  # one member name (no dots, no brackets)
        targets = []
        for path, value in found:
            if simple and type(value) is dict:  # what lint_targets gives, the usual way
                targets.append(((*path, field), value.get(field, UNDEFINED)))
                continue
            target_path, target = lint_targets(value, field)[0]
            targets.append(((*path, *target_path) if target_path else path, target))
        self._lint_many(rule, many, document, targets, found)

    def _lint_many(
        self, rule: Rule, many: Callable, document: Any, targets: list[tuple], found: list[tuple]
    ) -> None:
        """A function's batch form: ``many(values, options, contexts)`` yields (index, results)
        for the targets that have results, as the function would return them one by one;
        ``contexts(index)`` is the context the function would have had for that target
        (``targets`` are (path, value) pairs, ``found`` the matches they come from)."""
        then = rule.then[0]
        contexts = _Contexts(self, rule, document, targets, found)
        try:
            failing = list(many([value for _, value in targets], then.options, contexts))
        except Exception as exc:  # noqa: BLE001 - as in _call: the lint goes on without it
            name = then.function_name
            self.failures.append(f'rule "{rule.name}": function "{name}" failed: {exc!r}')
            return
        for index, results in failing:
            path, value = targets[index]
            for result in results or ():
                self._result(rule, result, path, value)

    def _lint_node(self, rule: Rule, document: Any, given_path: JsonPath, value: Any) -> None:
        for then in rule.then:
            if then.field is None:  # the usual case: the matched node itself
                targets: list[tuple[JsonPath, Any]] = [((), value)]
            else:
                targets = lint_targets(value, then.field)
            for target_path, target in targets:
                path = (*given_path, *target_path) if target_path else given_path
                context = FunctionContext(
                    document=document,
                    raw=self.inventory.root.data,
                    path=path,
                    given_path=given_path,
                    rule_name=rule.name,
                    formats=self.formats,
                    resolver=self.inventory,
                )
                results = self._call(then.function, then.function_name, rule, target, then, context)
                for result in results or ():
                    self._result(rule, result, path, target)

    def _call(
        self, function: Callable, name: str, rule: Rule, target: Any, then: Any, context: Any
    ) -> Any:
        try:
            return function(target, then.options, context)
        except Exception as exc:  # noqa: BLE001 - one broken function must not sink the lint
            self.failures.append(f'rule "{rule.name}": function "{name}" failed: {exc!r}')
            return None

    def _result(self, rule: Rule, result: FunctionResult, target_path: JsonPath, _: Any) -> None:
        result_path = result.path if result.path is not None else target_path
        document, path, full = self.inventory.locate(result_path, resolved=rule.resolved)
        variables: dict[str, Any] = {
            "property": _property(path, full),
            "error": result.message,
            "description": rule.description,
        }
        own = rule.message or ""
        # The two costlier variables only when a template may name them.
        if "path" in result.message or "path" in own:
            variables["path"] = print_path(path, "escaped-pointer")
        if "value" in result.message or "value" in own:
            variables["value"] = _value_at(document.data, path)
        error = render(result.message, variables)
        variables["error"] = error
        if rule.message is None:
            message = rule.description if rule.description is not None else error
        else:
            message = render(rule.message, variables)
        severity = self._severity(rule, document, path) if rule.pointer_overrides else rule.severity
        if severity == -1:
            return
        self._add(rule, rule.name, message.strip(), document, path, severity)

    def _severity(self, rule: Rule, document: Document, path: JsonPath) -> int:
        if not rule.pointer_overrides:
            return rule.severity
        relative = document.source
        overrides = self.ruleset.overrides
        if overrides is not None:
            relative = overrides.relative(document.source)
        patterns = [p for p in rule.pointer_overrides if glob_match(relative, p)]
        pointer = print_path(path, "pointer").removeprefix("#")
        return rule.severity_for(pointer, patterns)

    def _add(
        self, rule: Rule | None, code: str, message: str, document: Document, path: JsonPath,
        severity: int,
    ) -> None:  # fmt: skip
        key = (code, document.source, tuple(map(str, path)), message)
        if key in self.seen:
            return
        self.seen.add(key)
        self.pending.append(_Pending(rule, code, message, document, path, severity))


class _Contexts:
    """The contexts of a batch's targets, made on demand; ``paths`` and ``document`` are what
    most contexts would be read for, without making them."""

    __slots__ = ("_paths", "document", "found", "rule_name", "run", "targets")

    def __init__(
        self, run: _Run, rule: Rule, document: Any, targets: list[tuple], found: list[tuple]
    ) -> None:
        self.run = run
        self.rule_name = rule.name
        self.document = document
        self.targets = targets
        self.found = found
        self._paths: list[JsonPath] | None = None

    @property
    def paths(self) -> list[JsonPath]:
        """The targets' paths, listed when a function asks for them all (most batches have
        results for a few targets, or none, of tens of thousands)."""
        if self._paths is None:
            self._paths = [path for path, _ in self.targets]
        return self._paths

    def __call__(self, index: int) -> FunctionContext:
        run = self.run
        return FunctionContext(
            document=self.document,
            raw=run.inventory.root.data,
            path=self.targets[index][0],
            given_path=self.found[index][0],
            rule_name=self.rule_name,
            formats=run.formats,
            resolver=run.inventory,
        )


def _batch(rule: Rule) -> Callable | None:
    """The batch form of the rule's one function, if it has one (see ``_Run._lint_many``)."""
    return getattr(rule.then[0].function, "many", None)


def _one_target(field: str | None) -> bool:
    """Whether ``field`` names one target per match (not the keys, not a JSONPath)."""
    return field is not None and field != "@key" and not field.startswith("$")


def _property(path: JsonPath, full: JsonPath) -> Any:
    if len(full) > len(path):
        return print_path(full[max(len(path) - 1, 0) :], "dot")
    return path[-1] if path else ""


def _value_at(data: Any, path: JsonPath) -> Any:
    node = data
    for segment in path:
        node = node[segment]
    return node


_SEVERITIES = {int(severity): severity for severity in Severity}  # Severity(n), without its call


def _place(pending: list[_Pending], inventory: Inventory, ruleset: Ruleset) -> list[Finding]:
    """Give every finding its range (one pass per document), add YAML key problems, sort."""
    by_document: dict[str, list[_Pending]] = defaultdict(list)
    for item in pending:
        by_document[item.document.source].append(item)
    findings: list[Finding] = []
    for document in inventory.documents.values():
        items = by_document.get(document.source, [])
        paths = list(dict.fromkeys(item.path for item in items))
        problems: list = []
        if document.syntax == "json":
            ranges = json_ranges(document.text, paths) if paths else {}
        else:
            ranges, problems = yaml_ranges(document.text, paths, document.tape)
        for item in items:
            rule_url = item.rule.documentation_url if item.rule is not None else None
            findings.append(
                Finding(
                    code=item.code,
                    message=item.message,
                    path=item.path,
                    severity=_SEVERITIES[item.severity],
                    range=ranges.get(item.path, _ZERO),
                    source=document.source,
                    documentation_url=rule_url,
                )
            )
        for path, message, where in problems:
            findings.append(
                Finding("parser", message, path, Severity.ERROR, where, document.source)
            )
    root = inventory.root.source
    findings.sort(
        key=lambda f: (
            f.source != root,
            f.source or "",
            f.range.start.line,
            f.range.start.character,
            f.code,
            ",".join(map(str, f.path)),
        )
    )
    return findings
