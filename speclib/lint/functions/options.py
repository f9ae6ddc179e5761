"""The options each core function accepts, as JSON Schemas with Spectral's error texts.

The shapes and messages are those of Spectral's ``optionSchemas`` (spectral-functions 1.x), so
a ruleset refused by Spectral for its ``functionOptions`` is refused here with the same words.
"""

from __future__ import annotations

from typing import Any

__all__ = ["CASING_TYPES", "OPTIONS"]

CASING_TYPES = ("flat", "camel", "pascal", "kebab", "cobol", "snake", "macro")


def _invalid(name: str, examples: str) -> str:
    return f'"{name}" function has invalid options specified. Example valid options: {examples}'


_PATTERN_EXAMPLES = (
    '{ "match": "^Stoplight" }, { "notMatch": "Swagger" }, '
    '{ "match": "Stoplight", "notMatch": "Swagger" }'
)


def _regex_option(option: str) -> dict[str, Any]:
    return {
        "type": "string",
        "errorMessage": (
            f'"pattern" function and its "{option}" option must be string or RegExp instance'
        ),
    }


OPTIONS: dict[str, dict[str, Any] | None] = {
    "truthy": None,
    "falsy": None,
    "defined": None,
    "undefined": None,
    "alphabetical": {
        "type": ["object", "null"],
        "properties": {"keyedBy": {"type": "string"}},
        "additionalProperties": False,
        "errorMessage": {
            "type": _invalid("alphabetical", 'null (no options), { "keyedBy": "my-key" }'),
        },
    },
    "casing": {
        "required": ["type"],
        "type": "object",
        "properties": {
            "type": {
                "type": "string",
                "enum": list(CASING_TYPES),
                "errorMessage": '"casing" function and its "type" option accept the following '
                "values: " + ", ".join(CASING_TYPES),
            },
            "disallowDigits": {"type": "boolean", "default": False},
            "separator": {
                "type": "object",
                "required": ["char"],
                "additionalProperties": False,
                "properties": {
                    "char": {
                        "type": "string",
                        "maxLength": 1,
                        "errorMessage": '"casing" function and its "separator.char" option '
                        'accepts only char, i.e. "I" or "/"',
                    },
                    "allowLeading": {"type": "boolean"},
                },
            },
        },
        "additionalProperties": False,
        "errorMessage": {
            "type": _invalid(
                "casing", '{ "type": "camel" }, { "type": "pascal", "disallowDigits": true }'
            ),
        },
    },
    "enumeration": {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "values": {
                "type": "array",
                "items": {"type": ["string", "number", "null", "boolean"]},
                "errorMessage": '"enumeration" and its "values" option support only arrays of '
                'primitive values, i.e. ["Berlin", "London", "Paris"]',
            },
        },
        "required": ["values"],
        "errorMessage": {
            "type": _invalid(
                "enumeration",
                '{ "values": ["Berlin", "London", "Paris"] }, { "values": [2, 3, 5, 8, 13, 21] }',
            ),
        },
    },
    "length": {
        "type": "object",
        "properties": {"min": {"type": "number"}, "max": {"type": "number"}},
        "minProperties": 1,
        "additionalProperties": False,
        "errorMessage": {
            "type": _invalid("length", '{ "min": 2 }, { "max": 5 }, { "min": 0, "max": 10 }'),
        },
    },
    "pattern": {
        "type": "object",
        "additionalProperties": False,
        "properties": {"match": _regex_option("match"), "notMatch": _regex_option("notMatch")},
        "minProperties": 1,
        "errorMessage": {
            "type": _invalid("pattern", _PATTERN_EXAMPLES),
            "minProperties": _invalid("pattern", _PATTERN_EXAMPLES),
        },
    },
    "schema": {
        "additionalProperties": False,
        "properties": {
            "schema": {"type": "object"},
            "dialect": {
                "enum": ["auto", "draft4", "draft6", "draft7", "draft2019-09", "draft2020-12"],
                "default": "auto",
            },
            "allErrors": {"type": "boolean", "default": False},
        },
        "required": ["schema"],
        "type": "object",
        "errorMessage": {
            "type": '"schema" function has invalid options specified. Example valid options: '
            '{ "schema": { /* any JSON Schema can be defined here */ } , '
            '{ "schema": { "type": "object" }, "dialect": "auto" }',
        },
    },
    "unreferencedReusableObject": {
        "type": "object",
        "properties": {
            "reusableObjectsLocation": {
                "type": "string",
                "format": "json-pointer-uri-fragment",
                "errorMessage": '"unreferencedReusableObject" and its "reusableObjectsLocation" '
                'option support only valid JSON Pointer fragments, i.e. "#", "#/foo", '
                '"#/paths/~1user"',
            },
        },
        "additionalProperties": False,
        "required": ["reusableObjectsLocation"],
        "errorMessage": {
            "type": _invalid(
                "unreferencedReusableObject",
                '{ "reusableObjectsLocation": "#/components/schemas" }, '
                '{ "reusableObjectsLocation": "#/$defs" }',
            ),
            "required": '"unreferencedReusableObject" function is missing '
            '"reusableObjectsLocation" option. Example valid options: '
            '{ "reusableObjectsLocation": "#/components/schemas" }, '
            '{ "reusableObjectsLocation": "#/$defs" }',
        },
    },
}


def _properties_option(name: str, examples: str, pair: str) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {
            "properties": {
                "type": "array",
                "items": {"type": "string"},
                "minItems": 2,
                "errorMessage": f'"{name}" requires at least two enumerated "properties", i.e. '
                f"{pair}",
            },
        },
        "additionalProperties": False,
        "required": ["properties"],
        "errorMessage": {"type": _invalid(name, examples)},
    }


OPTIONS["xor"] = _properties_option(
    "xor",
    '{ "properties": ["country", "street"] }, { "properties": ["one", "two", "three"] }, etc.',
    '["country", "street"], ["one", "two", "three"], etc.',
)
OPTIONS["or"] = _properties_option(
    "or",
    '{ "properties": ["default", "example"] }, '
    '{ "properties": ["title", "summary", "description"] }, etc.',
    '["default", "example"], ["title", "summary", "description"], etc.',
)
