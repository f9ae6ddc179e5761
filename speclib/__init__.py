"""Safe reading of uploaded OpenAPI documents (hostile input) for the portal catalog.

Plain Python, no Django. The usual entry point is :func:`parse_spec`; every
refusal is a :class:`SpecError` with a stable ``code``. No ``$ref`` is ever
fetched: nothing in this package opens a network connection or a file.
"""

from .detect import SpecFormat, detect_format
from .errors import ERROR_CODES, SpecError
from .extract import Extraction, Server, Tag, extract
from .loading import LoadedDocument, load_document
from .operations import Operation
from .refs import Unresolved, follow, lookup, pointer_tokens, unresolved_refs
from .spec import ParsedSpec, parse_spec
from .views import Budget, deref_view

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
