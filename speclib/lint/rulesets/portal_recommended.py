"""The portal's recommended governance ruleset: Spectral's ``spectral:oas`` (its recommended
rules) plus the organisation's own checks, which docs/rules.md explains one by one.

It asks for a semantic ``info.version``, the audience in ``info.x-audience``, a sunset date on
deprecated operations, an ``operationId`` and tags on every operation (as errors: the two
Spectral rules that warn about them are switched off in favour of these), RFC 9457 problem
details for error responses, and no secrets in examples.
"""

from __future__ import annotations

from typing import Any

__all__ = ["DOCUMENTATION_URL", "RULESET"]

DOCUMENTATION_URL = "docs/rules.md"

_OPERATIONS = "$.paths[*][?(@property.match(/^(get|put|post|delete|options|head|patch|trace)$/))]"
_DEPRECATED_OPERATIONS = (
    "$.paths[*][?(@property.match(/^(get|put|post|delete|options|head|patch|trace)$/) "
    "&& @.deprecated === true)]"
)
_ERROR_RESPONSES = "$.paths[*][*].responses[?(@property.match(/^([45][0-9X][0-9X]|default)$/))]"
# Semantic Versioning 2.0.0's own expression (linear: every repetition is delimited).
_SEMVER = (
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$"
)
# Shapes of real credentials: AWS access keys, GitHub, Slack, Stripe and Google API keys,
# private key blocks and JSON Web Tokens.
_SECRETS = (
    r"(AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36,}|xox[baprs]-[A-Za-z0-9-]{10,}"
    r"|sk_live_[0-9a-zA-Z]{16,}|AIza[0-9A-Za-z_-]{35}|-----BEGIN [A-Z ]*PRIVATE KEY-----"
    r"|eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})"
)
_CREDENTIAL_NAMES = (
    r"/^(password|passwd|pwd|secret|client_?secret|api_?key|apikey|access_?token|"
    r"refresh_?token|private_?key|token)$/i"
)
# What a credential in an example may hold: nothing, a mask, or an obvious placeholder.
_PLACEHOLDER = (
    r"^(|\*+|x+|X+|\.\.\.|<[^<>]*>|\{\{[^{}]*\}\}|\$\{[^{}]*\}|string|password|secret|"
    r"token|changeme|example|redacted|REDACTED)$"
)


def _doc(rule: str) -> str:
    return f"{DOCUMENTATION_URL}#{rule}"


RULES: dict[str, Any] = {
    # Replaced by portal-operation-id and portal-operation-tags (errors, not warnings).
    "operation-operationId": "off",
    "operation-tags": "off",
    "portal-info-version-semver": {
        "description": "info.version is a semantic version (MAJOR.MINOR.PATCH).",
        "message": 'info.version must be a semantic version such as "1.4.0", not {{value}}.',
        "severity": "error",
        "given": "$.info",
        "then": {"field": "version", "function": "pattern", "functionOptions": {"match": _SEMVER}},
        "documentationUrl": _doc("portal-info-version-semver"),
    },
    "portal-info-audience": {
        "description": "info.x-audience says who may use the API: internal, partner or public.",
        "message": 'info must name its audience in "x-audience": internal, partner or public.',
        "severity": "error",
        "given": "$.info",
        "then": [
            {"field": "x-audience", "function": "truthy"},
            {
                "field": "x-audience",
                "function": "enumeration",
                "functionOptions": {"values": ["internal", "partner", "public"]},
            },
        ],
        "documentationUrl": _doc("portal-info-audience"),
    },
    "portal-deprecated-operation-sunset": {
        "description": "A deprecated operation announces its removal date in x-sunset.",
        "message": 'A deprecated operation must give its removal date in "x-sunset" '
        '(an ISO 8601 date such as "2026-06-30").',
        "severity": "error",
        "given": _DEPRECATED_OPERATIONS,
        "then": {
            "field": "x-sunset",
            "function": "schema",
            "functionOptions": {
                "schema": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}([Tt ].*)?$"}
            },
        },
        "documentationUrl": _doc("portal-deprecated-operation-sunset"),
    },
    "portal-operation-id": {
        "description": "Every operation has an operationId.",
        "message": 'Operation must have an "operationId".',
        "severity": "error",
        "given": _OPERATIONS,
        "then": {"field": "operationId", "function": "truthy"},
        "documentationUrl": _doc("portal-operation-id"),
    },
    "portal-operation-tags": {
        "description": "Every operation has at least one tag.",
        "message": 'Operation must have a non-empty "tags" array.',
        "severity": "error",
        "given": _OPERATIONS,
        "then": {
            "field": "tags",
            "function": "schema",
            "functionOptions": {"schema": {"type": "array", "minItems": 1}},
        },
        "documentationUrl": _doc("portal-operation-tags"),
    },
    "portal-error-response-problem-json": {
        "description": "Error responses (4xx, 5xx, default) are RFC 9457 problem details.",
        "message": 'Error responses must describe an "application/problem+json" body '
        "(RFC 9457 problem details).",
        "severity": "warn",
        "formats": ["oas3"],
        "given": _ERROR_RESPONSES,
        "then": {
            "field": "content",
            "function": "schema",
            "functionOptions": {
                "schema": {"type": "object", "required": ["application/problem+json"]}
            },
        },
        "documentationUrl": _doc("portal-error-response-problem-json"),
    },
    "portal-no-secrets-in-examples": {
        "description": "Examples hold no real keys, tokens or private keys.",
        "message": "Examples must not contain secrets: this value looks like an access key, "
        "a token or a private key.",
        "severity": "error",
        "given": [
            "$..example",
            "$..example..*",
            "$..x-example",
            "$..x-example..*",
            "$..examples..*",
        ],
        "then": {"function": "pattern", "functionOptions": {"notMatch": _SECRETS}},
        "documentationUrl": _doc("portal-no-secrets-in-examples"),
    },
    "portal-no-passwords-in-examples": {
        "description": "Credential fields in examples hold placeholders, not values.",
        "message": "Examples must not contain credentials: use a placeholder such as "
        '"********" or "<api-key>".',
        "severity": "error",
        "given": [
            "$..[?(@property === 'example' || @property === 'x-example')]"
            f"..[?(@property && @property.match({_CREDENTIAL_NAMES}))]",
            f"$..examples..[?(@property && @property.match({_CREDENTIAL_NAMES}))]",
        ],
        "then": {"function": "pattern", "functionOptions": {"match": _PLACEHOLDER}},
        "documentationUrl": _doc("portal-no-passwords-in-examples"),
    },
}

RULESET: dict[str, Any] = {
    "extends": [["spectral:oas", "recommended"]],
    "documentationUrl": DOCUMENTATION_URL,
    "rules": RULES,
}
