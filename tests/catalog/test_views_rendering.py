"""The pieces the pages render with: sanitised Markdown, schema outlines, countdowns."""

import datetime
import re

import pytest
from django.utils import timezone

from catalog.markdown import markdown_to_html
from catalog.templatetags.catalog_ui import sunset_countdown
from catalog.templatetags.schemas import schema_view, type_label


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "[x](javascript:alert(1))",
        '<a href="JaVaScRiPt:alert(1)">x</a>',
        "<img src=x onerror=alert(1)>",
        '<p style="position:fixed">x</p>',
        "<iframe src=https://evil.example></iframe>",
        '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    ],
)
def test_it_strips_scripts_handlers_styles_and_script_links_from_markdown(text):
    html = str(markdown_to_html(text)).lower()
    for needle in ("<script", "javascript:", "onerror", "style=", "<iframe", "data:", "alert"):
        assert needle not in html


def test_it_keeps_ordinary_markdown():
    html = markdown_to_html(
        "# Title\n\n*Hi* [docs](https://d.example) `code`\n\n| a |\n|---|\n| 1 |"
    )
    assert "<h2>Title</h2>" in html and "<h1" not in html  # the page owns its <h1>
    assert "<em>Hi</em>" in html and "<code>code</code>" in html
    assert '<a href="https://d.example" rel="noopener noreferrer nofollow">docs</a>' in html
    assert "<table>" in html


@pytest.mark.parametrize(
    ("text", "levels"),
    [
        ("# A\n\n## B", ["2", "3"]),
        ("## A\n\n### B\n\n## C", ["2", "3", "2"]),  # sections written from "##"
        ("### Only", ["2"]),
        ("<h4>Raw</h4>\n\n#### Marked", ["2", "3"]),  # "#" is h2, so "####" is h5
    ],
)
def test_its_headings_start_at_h2_whatever_level_the_author_began_with(text, levels):
    html = markdown_to_html(text)
    assert re.findall(r"<h([1-6])", html) == levels
    assert re.findall(r"</h([1-6])>", html) == levels


def test_its_code_blocks_can_be_scrolled_from_the_keyboard():
    html = markdown_to_html(
        "Run:\n\n    curl -H 'Authorization: Bearer $TOKEN' https://api.example.com/x"
    )
    assert '<pre tabindex="0"><code>' in html


def test_it_escapes_text_in_schemas():
    html = schema_view(
        {"type": "object", "properties": {"<b>": {"type": "string", "description": "<script>"}}}
    )
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;" in html


def test_it_outlines_nested_schemas_with_details_required_markers_and_enums():
    schema = {
        "x-ref": "#/components/schemas/Order",
        "type": "object",
        "required": ["id"],
        "properties": {
            "id": {"type": "string", "format": "uuid"},
            "lines": {
                "type": "array",
                "items": {
                    "x-ref": "#/components/schemas/Line",
                    "type": "object",
                    "properties": {"kind": {"type": "string", "enum": ["a", "b"], "default": "a"}},
                },
            },
            "parent": {"$ref": "#/components/schemas/Order", "x-circular": True},
            "extra": {"$ref": "other.yaml#/X", "x-unresolved": "external"},
        },
    }

    html = str(schema_view(schema))

    assert html.startswith('<div class="schema"><p class="schema-type">Order</p>')
    assert '<code class="prop-name">id</code> <span class="prop-type">string (uuid)</span>' in html
    assert '<span class="required">required</span>' in html
    assert '<details><summary class="prop-head"><code class="prop-name">lines</code>' in html
    assert "array of Line" in html
    assert "One of: <code>a</code>, <code>b</code>" in html and "Default: <code>a</code>" in html
    assert "Order (circular reference)" in html
    assert "other.yaml#/X (unresolved: external)" in html


def test_it_bounds_the_depth_of_a_schema_outline():
    schema: dict = {"type": "string"}
    for _ in range(40):
        schema = {"type": "object", "properties": {"next": schema}}

    html = str(schema_view(schema))

    assert html.count("<details>") == 8
    assert "Deeper levels are not shown." in html


@pytest.mark.parametrize(
    "schema, label",
    [
        ({"type": ["string", "null"]}, "string or null"),
        ({"oneOf": [{"type": "string"}]}, "one of"),
        ({"allOf": [{"properties": {"a": {}}}]}, "object"),
        ({"type": "integer", "nullable": True}, "integer or null"),
        ({}, "any"),
    ],
)
def test_it_names_schema_types(schema, label):
    assert type_label(schema) == label


def test_it_folds_all_of_parts_into_one_property_list():
    schema = {
        "allOf": [
            {"properties": {"a": {"type": "string"}}, "required": ["a"]},
            {"properties": {"b": {"type": "integer"}}},
        ]
    }
    html = str(schema_view(schema))
    assert '<code class="prop-name">a</code>' in html and '<code class="prop-name">b</code>' in html


@pytest.mark.parametrize(
    "days, text",
    [
        (-1, "sunset passed"),
        (0, "sunsets today"),
        (1, "sunsets tomorrow"),
        (12, "sunsets in 12 days"),
    ],
)
def test_it_counts_down_to_a_sunset(days, text):
    assert sunset_countdown(timezone.localdate() + datetime.timedelta(days=days)) == text
