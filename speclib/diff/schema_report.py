"""Turning what a rule family found into Changes: the id for the site, the level, the text.

Rule families name a finding by its oasdiff id, or by the id's last part (``max-decreased``)
which :meth:`Reporter.id` completes for the site: ``request-parameter-``,
``request-body-``/``request-property-``, ``response-body-``/``response-property-``,
``response-header-``. An id the catalogue does not know for a site (oasdiff has no rule for
it) is not reported. The message's placeholders are filled by their role, read from the
words around each ``%s`` of the template (which parameter, which property, from, to...).
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

from .model import Change
from .rules import catalogue, format_text
from .schema_tree import MISSING, SchemaDiff

if TYPE_CHECKING:
    from .schemas import SchemaContext, SchemaSite

__all__ = ["Reporter", "template_roles"]

# (role, what the text before the placeholder ends with, what the text after starts with)
_ROLE_PATTERNS = (
    ("in", r"(the|of the|from the|to the) $", r"^ request parameter"),
    ("param", r"request parameter $", r""),
    ("header", r"the $", r"^ (request|response) header"),
    ("header", r"response header $", r""),
    ("media", r"(request body|response body|response schema|media type) $", r""),
    ("status", r"(status|the) $", r"^( status|$| for| \(|,)"),
    ("dimension", r"(the|body|'s property \S+|of the) $", r"^ (changed|was (widened|narrowed))"),
    ("dimension", r"the $", r"^ of property"),
    (
        "property",
        r"(the|to the|from the|from|to|for|of) $",
        r"^ (request|response)('s)? ((read-only|write-only|optional|required) )?propert",
    ),
    ("property", r"(propert(y|ies)|header's property) $", r""),
    ("from", r"from $", r""),
    ("to", r"to( a more general pattern)? $", r""),
)


@cache
def template_roles(template: str) -> tuple[str, ...]:
    """The role of each placeholder of ``template``; "value" when no pattern names it."""
    parts = template.split("%s")
    roles: list[str] = []
    for before, after in zip(parts, parts[1:], strict=False):
        role = "value"
        for name, ends, starts in _ROLE_PATTERNS:
            if re.search(ends, before) and re.search(starts, after):
                role = name
                break
        if role == "property" and "property" in roles:
            role = "dimension"  # "the %s response's property %s changed": the type or format
        roles.append(role)
    return tuple(roles)


class Reporter:
    """Makes the Changes of one site."""

    def __init__(self, ctx: SchemaContext, site: SchemaSite) -> None:
        self.ctx = ctx
        self.site = site
        self.rules = catalogue()
        prefix = {
            "parameter": ("request-parameter-", "request-parameter-property-"),
            "request-body": ("request-body-", "request-property-"),
            "response-body": ("response-body-", "response-property-"),
            "response-header": ("response-header-", None),
        }[site.kind]
        self.prefixes = prefix

    def id(self, suffix: str, *, root: bool) -> str | None:
        """The site's id for ``suffix`` at the root or a property, None when oasdiff has none."""
        prefix = self.prefixes[0 if root else 1]
        if prefix is None:
            return None
        rule_id = prefix + suffix
        return rule_id if rule_id in self.rules else None

    def change(
        self, rule_id: str | None, diff: SchemaDiff | None, *values: Any, **roles: Any
    ) -> Change | None:
        """The Change for ``rule_id`` at ``diff``, None for an unknown id.

        ``roles`` fill placeholders by role (property, from, to, ...); positional ``values``
        fill the others in order (``from_`` stands for "from", a Python keyword). The site
        fills in, param, header, status and media.
        """
        if "from_" in roles:
            roles["from"] = roles.pop("from_")
        if rule_id is None or rule_id not in self.rules:
            return None
        rule = self.rules[rule_id]
        site = self.site
        known = {
            "in": site.location,
            "param": site.name,
            "header": site.name,
            "status": site.status,
            "media": site.media_type,
            **roles,
        }
        free = iter(values)
        args: list[Any] = []
        named: dict[str, Any] = {}
        for role in template_roles(rule.template):
            value = known[role] if role in known else next(free, "")
            value = _shown(value)
            args.append(value)
            named[role if role not in named else f"{role}{len(args)}"] = value
        ctx = self.ctx
        return Change(
            id=rule_id,
            level=rule.level,
            text=format_text(rule.template, tuple(args)),
            operation=ctx.operation,
            base=ctx.location("base", diff.base_pointer if diff else site.base_pointer),
            revision=ctx.location(
                "revision", diff.revision_pointer if diff else site.revision_pointer
            ),
            args=named,
        )


def _shown(value: Any) -> Any:
    """A value as the message shows it: absent reads "undefined", lists are joined."""
    if value is MISSING:
        return "undefined"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(_shown(item)) for item in value)
    if isinstance(value, dict):
        return str(value)
    return value
