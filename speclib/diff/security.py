"""Security: the requirements of the document and of each operation, and the schemes.

A requirement is identified by the names of the schemes it combines (``{a: [], b: []}`` is
"a AND b"); its scopes are compared scheme by scheme when it is kept.
"""

from __future__ import annotations

from typing import Any

from .run import Operation, Run, pointer

__all__ = ["compare_document_security", "compare_operation_security"]


def _requirements(node: Any, where: str) -> dict[str, tuple[dict[str, list], str]]:
    """Requirement key ("a AND b") -> (scheme -> scopes, pointer)."""
    if not isinstance(node, list):
        return {}
    found = {}
    for index, requirement in enumerate(node):
        if not isinstance(requirement, dict):
            continue
        scopes = {
            name: [s for s in value if isinstance(s, str)] if isinstance(value, list) else []
            for name, value in requirement.items()
        }
        found[" AND ".join(sorted(scopes))] = (scopes, pointer(where, index))
    return found


def _compare(run: Run, before: Any, after: Any, base_at: str, revision_at: str, *, label, kind):
    """Requirements added and removed, scopes added and removed; ``kind`` names the rule family."""
    old = _requirements(before, base_at)
    new = _requirements(after, revision_at)
    for key, (_, at) in old.items():
        if key not in new and key:
            run.emit(f"api-{kind}-removed", key, operation=label, base=at)
    for key, (scopes, at) in new.items():
        if key not in old:
            if key:
                run.emit(f"api-{kind}-added", key, operation=label, revision=at)
            continue
        base_scopes, base_at_entry = old[key]
        where = {"operation": label, "base": base_at_entry, "revision": at}
        for scheme, values in scopes.items():
            previous = base_scopes.get(scheme, [])
            for scope in previous:
                if scope not in values:
                    run.emit(f"api-{kind}-scope-removed", scope, scheme, **where)
            for scope in values:
                if scope not in previous:
                    run.emit(f"api-{kind}-scope-added", scope, scheme, **where)


def compare_operation_security(run: Run, base: Operation, revision: Operation) -> None:
    """APISecurityUpdatedCheck for one operation's own ``security``."""
    before, after = base.node.get("security"), revision.node.get("security")
    if before is None and after is None:
        return
    _compare(
        run,
        before,
        after,
        pointer(base.pointer, "security"),
        pointer(revision.pointer, "security"),
        label=revision.label,
        kind="security",
    )


def compare_document_security(run: Run) -> None:
    """APISecurityUpdatedCheck (global) and APIComponentsSecurityUpdatedCheck."""
    _compare(
        run,
        run.base.data.get("security"),
        run.revision.data.get("security"),
        "/security",
        "/security",
        label=None,
        kind="global-security",
    )
    _schemes(run)


def _scheme_map(data: dict[str, Any]) -> dict[str, Any]:
    components = data.get("components")
    schemes = components.get("securitySchemes") if isinstance(components, dict) else None
    return schemes if isinstance(schemes, dict) else {}


def _schemes(run: Run) -> None:
    old, new = _scheme_map(run.base.data), _scheme_map(run.revision.data)
    for name in old:
        if name not in new:
            run.emit("api-security-component-removed", name, base=_at(name))
    for name, scheme in new.items():
        if name not in old:
            run.emit("api-security-component-added", name, revision=_at(name))
            continue
        before, _ = run.base.deref(old[name], _at(name))
        after, _ = run.revision.deref(scheme, _at(name))
        if isinstance(before, dict) and isinstance(after, dict):
            _scheme_changed(run, name, before, after)


def _at(name: str) -> str:
    return pointer("/components/securitySchemes", name)


def _scheme_changed(run: Run, name: str, before: dict, after: dict) -> None:
    where = {"base": _at(name), "revision": _at(name)}
    if before.get("type") != after.get("type"):
        run.emit(
            "api-security-component-type-changed",
            name,
            before.get("type"),
            after.get("type"),
            **where,
        )
        return
    old_flows, new_flows = before.get("flows") or {}, after.get("flows") or {}
    if not isinstance(old_flows, dict) or not isinstance(new_flows, dict):
        return
    for flow_name, flow in new_flows.items():
        old = old_flows.get(flow_name)
        if not isinstance(flow, dict) or not isinstance(old, dict):
            continue
        for key, rule_id in (
            ("authorizationUrl", "api-security-component-oauth-url-changed"),
            ("tokenUrl", "api-security-component-oauth-token-url-changed"),
        ):
            if old.get(key) != flow.get(key):
                run.emit(rule_id, name, old.get(key), flow.get(key), **where)
        _scopes(run, name, old.get("scopes") or {}, flow.get("scopes") or {}, where)


def _scopes(run: Run, name: str, old: dict, new: dict, where: dict) -> None:
    if not isinstance(old, dict) or not isinstance(new, dict):
        return
    for scope in old:
        if scope not in new:
            run.emit("api-security-component-oauth-scope-removed", name, scope, **where)
    for scope, text in new.items():
        if scope not in old:
            run.emit("api-security-component-oauth-scope-added", name, scope, **where)
        elif old[scope] != text:
            changed = (name, scope, old[scope], text)
            run.emit("api-security-component-oauth-scope-changed", *changed, **where)
