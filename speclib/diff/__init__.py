"""The breaking-change differ: two OpenAPI documents in, the changes between them out.

Plain Python, no Django. ``compare(base, revision)`` returns a DiffResult whose changes carry
oasdiff's rule ids and levels (error: breaks consumers, warning: may break, info: changelog
only), the operation, and the JSON pointer and source line on both sides.
"""

from .compare import compare
from .documents import UnresolvedReference
from .model import Change, Level, Location
from .options import DiffOptions, DiffResult, Ignore
from .render import render_json, render_markdown, render_text
from .rules import Rule, catalogue

__all__ = [
    "Change",
    "DiffOptions",
    "DiffResult",
    "Ignore",
    "Level",
    "Location",
    "Rule",
    "UnresolvedReference",
    "catalogue",
    "compare",
    "render_json",
    "render_markdown",
    "render_text",
]
