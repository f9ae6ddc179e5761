"""Turns a document into the bytes a team would commit: YAML or JSON, stable byte for byte.

The YAML writer is our own because the documents hold only mappings, lists, strings,
numbers, booleans and null, and ruamel's round-trip emitter takes seconds for the
demo's eighty documents. Strings are written plain only when no YAML 1.1 or 1.2
reader could take them for anything else; otherwise double-quoted, JSON style.
"""

import json
import re
from typing import Any

INDICATORS = set("-?:,[]{}#&*!|>'\"%@` ")
# Plain scalars some YAML reader would resolve to a boolean, null, number or date.
WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", ".inf", ".nan"}
NUMBER_OR_DATE = re.compile(
    r"[-+]?(\.?[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?|0[xob][0-9a-fA-F_]+|[0-9]+(:[0-9]+)+)"
    r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*"
)


def document_bytes(document: dict[str, Any], *, syntax: str) -> bytes:
    if syntax == "json":
        return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode()
    return ("\n".join(_block(document, 0)) + "\n").encode()


def _block(value: dict | list, indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            lines += _entry(f"{pad}{_scalar(str(key))}:", item, indent + 2)
        return lines
    for item in value:
        if _nested(item):
            inner = _block(item, indent + 2)
            lines += [f"{pad}- {inner[0][indent + 2 :]}", *inner[1:]]
        else:
            lines += _entry(f"{pad}-", item, indent + 2)
    return lines


def _entry(head: str, item: Any, indent: int) -> list[str]:
    if _nested(item):
        return [head, *_block(item, indent)]
    if isinstance(item, str) and _literal_ok(item):
        pad = " " * indent
        body = item.removesuffix("\n").split("\n")
        chomp = "" if item.endswith("\n") else "-"
        return [f"{head} |{chomp}", *(f"{pad}{line}" if line else "" for line in body)]
    return [f"{head} {_scalar(item)}"]


def _nested(item: Any) -> bool:
    return isinstance(item, dict | list) and len(item) > 0


def _literal_ok(text: str) -> bool:
    """Multi-line text reads best as a `|` block, when the block can hold it exactly."""
    lines = text.removesuffix("\n").split("\n")
    return (
        len(lines) > 1
        and not text.endswith("\n\n")
        and not lines[0].startswith(" ")
        and "\t" not in text
        and all(line == "" or line.strip() for line in lines)
    )


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return json.dumps(value)
    if isinstance(value, dict | list):
        return "{}" if isinstance(value, dict) else "[]"
    return value if _plain_ok(value) else json.dumps(value, ensure_ascii=False)


def _plain_ok(text: str) -> bool:
    return (
        text != ""
        and text[0] not in INDICATORS
        and text == text.strip()
        and text.isprintable()
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and text.lower() not in WORDS
        and NUMBER_OR_DATE.fullmatch(text) is None
    )
