"""The one exception type speclib raises for documents it refuses.

Every refusal carries a short, stable ``code`` (safe to store, branch on and
translate) and a ``message`` written for the person who uploaded the document.
"""

from __future__ import annotations

__all__ = ["ERROR_CODES", "SpecError"]

# The complete set of codes; tests and callers may rely on it being closed.
ERROR_CODES: frozenset[str] = frozenset(
    {
        "too-large",  # over the byte limit, or more nodes than allowed
        "empty",  # nothing but whitespace or comments
        "invalid-encoding",  # not UTF-8
        "invalid-json",
        "invalid-yaml",
        "duplicate-key",  # a mapping repeats a key: one of the values would be lost
        "too-deep",  # nesting beyond the depth limit
        "alias-bomb",  # YAML aliases expand beyond the node limit
        "not-openapi",
        "unsupported-version",
        "unresolved-ref",  # the differ: a $ref to another file, to nothing, or a loop of refs
    }
)


class SpecError(Exception):
    """A document that speclib refuses to read, with a reason fit for an end user.

    ``line`` is 1-based and present when the problem has a position in the source.
    """

    def __init__(self, code: str, message: str, *, line: int | None = None) -> None:
        if code not in ERROR_CODES:
            raise ValueError(f"unknown SpecError code: {code!r}")
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"SpecError({self.code!r}, {self.message!r}, line={self.line!r})"

    def to_dict(self) -> dict[str, object]:
        """A JSON-serialisable form, for storing the refusal next to the upload."""
        return {"code": self.code, "message": self.message, "line": self.line}
