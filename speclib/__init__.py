"""Safe reading of uploaded OpenAPI documents (hostile input) for the portal catalog.

Plain Python, no Django. The usual entry point is :func:`parse_spec`; every
refusal is a :class:`SpecError` with a stable ``code``. No ``$ref`` is ever
fetched: nothing in this package opens a network connection or a file.

The names below are imported on first use (PEP 562), so ``portal lint``, which needs only the
loader, does not pay for the extractor and the views at start-up; ``from speclib import X``
works as before.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .detect import SpecFormat, detect_format
    from .errors import ERROR_CODES, SpecError
    from .extract import Extraction, Server, Tag, extract
    from .loading import LoadedDocument, load_document
    from .operations import Operation
    from .refs import Unresolved, follow, lookup, pointer_tokens, unresolved_refs
    from .spec import ParsedSpec, parse_spec
    from .views import Budget, deref_view

# Each public name and the module that defines it.
_HOMES = {
    "ERROR_CODES": "errors",
    "Budget": "views",
    "Extraction": "extract",
    "LoadedDocument": "loading",
    "Operation": "operations",
    "ParsedSpec": "spec",
    "Server": "extract",
    "SpecError": "errors",
    "SpecFormat": "detect",
    "Tag": "extract",
    "Unresolved": "refs",
    "deref_view": "views",
    "detect_format": "detect",
    "extract": "extract",
    "follow": "refs",
    "load_document": "loading",
    "lookup": "refs",
    "parse_spec": "spec",
    "pointer_tokens": "refs",
    "unresolved_refs": "refs",
}

__all__ = [
    "ERROR_CODES",
    "Budget",
    "Extraction",
    "LoadedDocument",
    "Operation",
    "ParsedSpec",
    "Server",
    "SpecError",
    "SpecFormat",
    "Tag",
    "Unresolved",
    "deref_view",
    "detect_format",
    "extract",
    "follow",
    "load_document",
    "lookup",
    "parse_spec",
    "pointer_tokens",
    "unresolved_refs",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{home}", __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOMES})


class _Package(ModuleType):
    """Keeps ``speclib.extract`` the function, as the eager imports left it: importing the
    submodule of the same name (which ``parse_spec`` does) would otherwise rebind it."""

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, ModuleType) and _HOMES.get(name) == name:
            value = getattr(value, name)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
