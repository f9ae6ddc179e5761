"""lint(): matches, messages, resolved paths, formats, overrides and parser findings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from speclib.lint import Severity, lint
from speclib.lint.document import Document, Inventory
from speclib.lint.jsonpath import Automaton, parse_path

DOC = b"""openapi: 3.0.3
info:
  title: T
  version: "1"
paths:
  /pets:
    get:
      responses:
        '200':
          $ref: '#/components/responses/Ok'
    post:
      description: Add
      responses:
        '201':
          $ref: '#/components/responses/Ok'
components:
  responses:
    Ok:
      description: ""
"""


def codes(report) -> list[tuple[str, tuple]]:
    return [(finding.code, finding.path) for finding in report.findings]


def test_it_renders_spectral_message_templates(make_ruleset) -> None:
    ruleset = make_ruleset(
        {
            "rules": {
                "tmpl": {
                    "description": "Described.",
                    "message": "{{error}}|{{property}}|{{path}}|{{value}}|{{description}}|"
                    '#{{print("property")}}|{{nope}}',
                    "given": "$.info",
                    "then": {"field": "title", "function": "always"},
                },
                "desc-only": {
                    "description": "Only the description.",
                    "given": "$.info",
                    "then": {"function": "always"},
                },
            }
        }
    )
    report = lint(DOC, ruleset)
    messages = {finding.code: finding.message for finding in report.findings}
    assert messages["tmpl"] == 'seen info/title|title|#/info/title|T|Described.|"title" property |'
    assert messages["desc-only"] == "Only the description."


@pytest.mark.parametrize(
    ("path", "dot", "escaped"),
    [  # each pair as Spectral's printPath (spectral-runtime) printed it
        (("paths", "/pets", "get", "tags", 0), "paths./pets.get.tags[0]",
         "#/paths/~1pets/get/tags/0"),
        (("paths", "/a.b", "x y", 1), "paths./a.b['x y'][1]", "#/paths/~1a.b/x%20y/1"),
        ((), "", "#"),
        (("responses", "200"), "responses[200]", "#/responses/200"),
        (("a", ""), "a['']", "#/a/"),
        (("a", "0x1F", "1e3", "Infinity", "1_0"), "a[0x1F][1e3][Infinity].1_0",
         "#/a/0x1F/1e3/Infinity/1_0"),
        (("paths", "/pets/{id}", "get"), "paths./pets/{id}.get", "#/paths/~1pets~1%7Bid%7D/get"),
        (("k~1x", "é", "–"), "k/x.é.–", "#/k~1x/%C3%A9/–"),
    ],
)  # fmt: skip
def test_it_prints_paths_as_spectral_does(path: tuple, dot: str, escaped: str) -> None:
    from speclib.lint.message import print_path

    assert (print_path(path, "dot"), print_path(path, "escaped-pointer")) == (dot, escaped)


def test_it_reports_missing_fields_at_the_closest_path(make_ruleset) -> None:
    ruleset = make_ruleset(
        {
            "rules": {
                "contact": {
                    "message": "{{property}} {{error}}",
                    "given": "$",
                    "then": {"field": "info.contact", "function": "falsy"},
                }
            }
        }
    )
    (finding,) = lint(DOC, ruleset).findings
    assert finding.path == ("info",)
    assert finding.message == "info.contact is missing"
    assert (finding.range.start.line, finding.range.end.line) == (1, 3)


def test_it_maps_resolved_findings_to_their_definition_once(make_ruleset) -> None:
    ruleset = make_ruleset(
        {
            "rules": {
                "resolved": {
                    "given": "$.paths[*][*].responses[*]",
                    "then": {"field": "description", "function": "falsy"},
                },
                "raw": {
                    "resolved": False,
                    "given": "$.paths[*][*].responses[*]",
                    "then": {"field": "description", "function": "falsy"},
                },
            }
        }
    )
    found = codes(lint(DOC, ruleset))
    assert ("resolved", ("components", "responses", "Ok", "description")) in found
    assert found.count(("resolved", ("components", "responses", "Ok", "description"))) == 1
    assert ("raw", ("paths", "/pets", "get", "responses", "200")) in found
    assert ("raw", ("paths", "/pets", "post", "responses", "201")) in found


def test_it_applies_then_fields_keys_and_relative_paths(make_ruleset) -> None:
    ruleset = make_ruleset(
        {
            "rules": {
                "keys": {"given": "$.paths", "then": {"field": "@key", "function": "always"}},
                "relative": {"given": "$.paths", "then": {"field": "$..description",
                                                          "function": "always"}},
                "explicit": {"given": "$.info", "then": {"function": "atChild"}},
            }
        }
    )  # fmt: skip
    found = codes(lint(DOC, ruleset))
    assert ("keys", ("paths", "/pets")) in found
    assert ("relative", ("paths", "/pets", "post", "description")) in found
    assert ("explicit", ("info",)) in found  # "child" does not exist: the closest path


def test_it_filters_rules_by_format(make_ruleset) -> None:
    ruleset = make_ruleset(
        {
            "rules": {
                "v2": {"formats": ["oas2"], "given": "$", "then": {"function": "always"}},
                "v3": {"formats": ["oas3_0"], "given": "$", "then": {"function": "always"}},
                "v31": {"formats": ["oas3.1"], "given": "$", "then": {"function": "always"}},
            }
        }
    )
    report = lint(DOC, ruleset)
    assert report.format == "oas3.0"
    assert [finding.code for finding in report.findings] == ["v3"]
    swagger = lint(b'{"swagger": "2.0", "info": {}, "paths": {}}', ruleset)
    assert swagger.format == "oas2" and [f.code for f in swagger.findings] == ["v2"]


def test_it_warns_of_documents_that_no_format_of_the_ruleset_recognises(make_ruleset) -> None:
    # Spectral's document-wide warning, in its words (checked against the Spectral CLI).
    rules = {"r": {"given": "$.info", "then": {"field": "description", "function": "falsy"}}}
    ruleset = make_ruleset({"formats": ["oas3_1", "oas2", "oas3.1"], "rules": rules})
    report = lint(b'{"asyncapi": "2.6.0",\n "info": {"title": "t"}}', ruleset)
    [finding] = report.findings
    assert (finding.code, finding.path, finding.severity) == ("unrecognized-format", (), 1)
    assert finding.message == (
        "The provided document does not match any of the registered formats "
        "[OpenAPI 3.1.x, OpenAPI 2.0 (Swagger)]"
    )
    assert (finding.range.start, finding.range.end) == ((0, 0), (1, 22))
    assert lint(b'{"asyncapi": "2.6.0"}', ruleset, ignore_unknown_format=True).findings == []
    assert lint(b'{"swagger": "2.0", "info": {}}', ruleset).findings[0].code == "r"
    # A YAML document that is one scalar spans the whole text, as Spectral's parser has it.
    for text, end in ((b"hello", (0, 5)), (b"hello # note\n\n", (2, 0)), (b'"hi"\n...\n', (2, 0))):
        [finding] = lint(text, ruleset).findings
        assert (finding.range.start, finding.range.end) == ((0, 0), end)
    # Whatever the document holds where a format is looked for, it is no format and no error.
    huge = b"1" * 5000  # more digits than int() and str() take
    odd = [b"type: [{}]\nenum: 1\n", b"openapi: {a: 1}\n", b"$schema: [1]\n", b"[]"]
    odd += [b"openapi: " + huge, b"asyncapi: " + huge, b"swagger: " + huge]
    for document in odd:
        assert codes(lint(document, ruleset)) == [("unrecognized-format", ())]
    # A ruleset without formats applies to any document and warns of nothing.
    assert codes(lint(b'{"info": {}}', make_ruleset({"rules": rules}))) == [("r", ("info",))]


@pytest.mark.parametrize(
    ("formats", "document"),
    [
        (["asyncapi2"], b"asyncapi: 2.6.0\ninfo: {}\n"),
        (["asyncapi3"], b"asyncapi: 3.0.0\ninfo: {}\n"),
        (["arazzo1.0"], b"arazzo: 1.0.1\ninfo: {}\n"),
        (["json-schema-2020-12"],
         b"$schema: https://json-schema.org/draft/2020-12/schema\ninfo: {}\n"),
        (["json-schema-draft7"], b'$schema: "http://json-schema.org/draft-07/schema#"\ninfo: {}\n'),
        (["json-schema-loose"], b"type: object\ninfo: {}\n"),
    ],
)  # fmt: skip
def test_it_recognises_the_formats_beyond_openapi(make_ruleset, formats, document) -> None:
    rules = {"r": {"given": "$.info", "then": {"field": "description", "function": "falsy"}}}
    report = lint(document, make_ruleset({"formats": formats, "rules": rules}))
    assert codes(report) == [("r", ("info",))]  # the closest path to the missing field
    openapi = lint(DOC, make_ruleset({"formats": formats, "rules": rules}))
    assert codes(openapi) == [("unrecognized-format", ())]


def test_it_applies_overrides_by_file_and_pointer(make_ruleset, tmp_path: Path) -> None:
    ruleset = make_ruleset(
        {
            "rules": {"r": {"given": "$.paths[*][*]", "then": {"function": "always"}}},
            "overrides": [
                {"files": ["legacy/**/*.yaml"], "rules": {"r": "off"}},
                {"files": ["api.yaml#/paths/~1pets/post"], "rules": {"r": "error"}},
            ],
        },
        base_dir=tmp_path,
    )
    legacy = lint(DOC, ruleset, source=str(tmp_path / "legacy" / "v1" / "api.yaml"))
    assert legacy.findings == []
    current = lint(DOC, ruleset, source=str(tmp_path / "api.yaml"))
    severities = {finding.path[-1]: finding.severity for finding in current.findings}
    assert severities == {"get": Severity.WARN, "post": Severity.ERROR}


def test_it_reports_refused_documents_as_parser_findings(make_ruleset) -> None:
    ruleset = make_ruleset({"rules": {"r": {"given": "$", "then": {"function": "always"}}}})
    report = lint(b"openapi: 3.0.0\ninfo: {}\ninfo: {}\n", ruleset, source="dup.yaml")
    (finding,) = report.findings
    assert finding.code == "parser" and finding.severity == Severity.ERROR
    assert finding.range.start.line == 2
    assert lint(b"a: [1, 2", ruleset).findings[0].code == "parser"
    bomb = b"a: &a [x, x, x, x, x, x, x, x, x]\n" + b"".join(
        b"%s: &%s [*%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s]\n"
        % ((bytes([98 + i]),) * 2 + (bytes([97 + i]),) * 9)
        for i in range(8)
    )
    assert lint(bomb, ruleset).findings[0].code == "parser"


def test_it_reports_numeric_yaml_keys_like_spectral(make_ruleset) -> None:
    ruleset = make_ruleset({"rules": {"r": {"given": "$.nothing", "then": {"function": "always"}}}})
    text = (
        b"openapi: 3.0.0\npaths:\n  /a:\n    get:\n      responses:\n"
        b"        200:\n          description: ok\n"
    )
    (finding,) = lint(text, ruleset).findings
    assert finding.code == "parser"
    assert finding.message == "Mapping key must be a string scalar rather than number"
    assert finding.path == ("paths", "/a", "get", "responses", "200")
    assert (finding.range.start.line, finding.range.start.character) == (5, 8)
    assert (finding.range.end.line, finding.range.end.character) == (5, 11)


def test_it_reports_boolean_keys_and_keys_under_sequences_and_merges(make_ruleset) -> None:
    ruleset = make_ruleset({"rules": {"r": {"given": "$.nothing", "then": {"function": "always"}}}})
    text = b"a:\n  - true: 1\n    '2': quoted\n    !!str 3: tagged\nb:\n  <<: {4: x}\n"
    problems = {(f.path, f.message[-7:]) for f in lint(text, ruleset).findings}
    assert problems == {(("a", 0, "true"), "boolean"), (("b", "<<", "4"), " number")}


def test_yaml_ranges_count_lines_and_characters_as_libyaml_marks_do() -> None:
    """Ranges come from the loader's tape (character offsets); every kind of line break and
    characters beyond ASCII must land where libyaml's own marks put them (in UTF-16 units)."""
    from yaml._yaml import CParser
    from yaml.events import ScalarEvent

    from speclib.lint.positions import yaml_ranges

    text = (
        "a: 1\r\nb: 'é😀'\rc: x\x85d: y\u2028e: z\u2029f: |\n  text\n\n  more\n\ng: [1, 2]\n"
    ).encode()
    parser, expected, key = CParser(text), {}, None
    while (event := parser.get_event()).__class__.__name__ != "StreamEndEvent":
        if isinstance(event, ScalarEvent):
            if key is None:
                key = event.value
            else:
                start, end = event.start_mark, event.end_mark
                expected[key] = ((start.line, start.column), (end.line, end.column))
                key = None
    ranges, _ = yaml_ranges(text, [(name,) for name in "abcde"])
    got = {
        path[0]: ((r.start.line, r.start.character), (r.end.line, r.end.character))
        for path, r in ranges.items()
    }
    # Spectral counts UTF-16 units: the emoji that ends b's value counts twice.
    (b_start, (b_line, b_end)) = expected["b"]
    expected["b"] = (b_start, (b_line, b_end + 1))
    assert got == {name: expected[name] for name in "abcde"}
    ranges, _ = yaml_ranges(text, [("f",), ("g",), ("g", 1)])
    block = ranges[("f",)]  # a blank line follows it: it ends after the last line break
    assert ((block.start.line, block.start.character), (block.end.line, block.end.character)) == (
        (5, 3),
        (9, 0),
    )
    assert (ranges[("g",)].start.character, ranges[("g", 1)].end.character) == (2, 8)


def test_yaml_columns_count_utf16_units_as_spectral_does() -> None:
    """libyaml counts code points; Spectral, in JavaScript, counts UTF-16 units, so a character
    beyond the BMP before a finding's end counts twice (Spectral 6.16.3's range for this
    document's info-contact finding: 1:5 to 1:34)."""
    from speclib.lint import builtin_ruleset

    text = 'openapi: 3.0.0\ninfo: {title: "\U0001f600\U0001f600", version: "1"}\npaths: {}\n'
    report = lint(text.encode(), builtin_ruleset("spectral:oas"))
    (finding,) = [f for f in report.findings if f.code == "info-contact"]
    assert finding.range.to_spectral() == {
        "start": {"line": 1, "character": 5},
        "end": {"line": 1, "character": 34},
    }


def test_it_reports_unresolvable_refs_and_keeps_cycles(make_ruleset) -> None:
    ruleset = make_ruleset(
        {"rules": {"r": {"given": "$..[?(@.type)]", "then": {"function": "always"}}}}
    )
    doc = {
        "openapi": "3.1.0",
        "components": {"schemas": {
            "Node": {"type": "object",
                     "properties": {"next": {"$ref": "#/components/schemas/Node"}}},
            "Broken": {"$ref": "#/components/schemas/Missing"},
        }},
    }  # fmt: skip
    report = lint(json.dumps(doc, indent=1).encode(), ruleset)
    found = codes(report)
    assert ("invalid-ref", ("components", "schemas", "Broken", "$ref")) in found
    assert ("r", ("components", "schemas", "Node")) in found


def test_it_builds_the_resolved_view_inside_ref_holders_only() -> None:
    target = {"type": "object", "properties": {"id": {"type": "integer"}}}
    raw = {
        "info": {"title": "t", "contact": {"name": "n"}},
        "paths": {"/a": {"get": {"schema": {"$ref": "#/components/schemas/A"}}}},
        "components": {
            "schemas": {"A": target, "B": {"items": {"$ref": "#/components/schemas/B"}}}
        },
    }
    inventory = Inventory(Document("doc.json", json.dumps(raw).encode(), raw, "json"))
    view = inventory.resolved
    assert view["info"] is raw["info"]  # nothing to resolve below: the raw object itself
    assert view["paths"] is not raw["paths"]
    assert view["paths"]["/a"]["get"]["schema"] is target
    assert view["components"]["schemas"]["A"] is target
    assert inventory.is_circular("#/components/schemas/B")
    assert [ref for _, ref in inventory.refs_of(inventory.root)] == [
        "#/components/schemas/B",
        "#/components/schemas/A",
    ]


def test_it_indexes_refs_from_the_raw_walk_as_from_its_own_pass() -> None:
    raw = {
        "a": {"$ref": "#/b", "list": [{"$ref": "#/c"}, {"plain": {}}]},
        "b": {"deep": {"deeper": {"$ref": "#/a"}}, "other": {"x": 1}},
        "c": {"$ref": 7},  # not a string: no reference
    }
    walked = Inventory(Document("doc.json", b"{}", raw, "json"))
    members = Automaton([parse_path("$..['$ref']")]).run(raw)[0]
    walked.index_refs(walked.root, members)
    own = Inventory(Document("doc.json", b"{}", raw, "json"))
    assert sorted(walked.refs_of(walked.root), key=str) == sorted(own.refs_of(own.root), key=str)
    assert walked._indexed(walked.root)[1] == own._indexed(own.root)[1]


def test_it_follows_file_refs_inside_base_dir_only(
    make_ruleset, tmp_path: Path, no_network
) -> None:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "pet.yaml").write_text("type: object\ndescription: ''\n")
    root = (
        b"openapi: 3.0.0\npaths: {}\ncomponents:\n  schemas:\n"
        b"    Pet: {$ref: 'schemas/pet.yaml'}\n"
        b"    Out: {$ref: '../../etc/passwd'}\n"
        b"    Web: {$ref: 'https://example.com/s.yaml'}\n"
    )
    then = {"field": "description", "function": "falsy"}
    ruleset = make_ruleset({"rules": {"r": {"given": "$.components.schemas[*]", "then": then}}})
    report = lint(root, ruleset, source="api.yaml", base_dir=tmp_path)
    sources = {(f.code, f.source, f.path) for f in report.findings}
    assert ("r", "schemas/pet.yaml", ("description",)) in sources
    refused = {f.path[-2] for f in report.findings if f.code == "invalid-ref"}
    assert refused == {"Out", "Web"}
    assert no_network == []


def test_it_records_failing_functions_without_stopping(make_ruleset) -> None:
    ruleset = make_ruleset(
        {"rules": {"bad": {"given": "$", "then": {"function": "crash"}},
                   "good": {"given": "$", "then": {"function": "always"}}}}
    )  # fmt: skip
    report = lint(DOC, ruleset)
    assert [finding.code for finding in report.findings] == ["good"]
    assert report.failures and "boom" in report.failures[0]


def _typed(data, path):
    typed, node = [], data
    for segment in path:
        if isinstance(node, list):
            segment = int(segment)
        node = node[segment] if node is not None else None
        typed.append(segment)
    return tuple(typed)


@pytest.mark.parametrize(
    "name",
    ["asana__app_components_oas.yaml", "go-swagger__ServiceManagementBody.json",
     "apisguru__ably.io_platform.json", "oai__v3.1-dev_media-type-examples.yaml",
     "twilio__twilio_api_v2010.yaml", "plaid__2020-09-14.yaml"],
)  # fmt: skip
def test_it_computes_the_ranges_spectral_reports(corpus: Path, name: str) -> None:
    from speclib import load_document
    from speclib.lint.positions import json_ranges, yaml_ranges

    expected = json.loads((corpus / "spectral" / f"{name}.json").read_text())
    source = expected[0]["source"]
    text = (corpus / source).read_bytes()
    data = load_document(text).data
    wanted = [r for r in expected if r["source"] == source and r["code"] != "parser"]
    paths = [_typed(data, r["path"]) for r in wanted]
    ranges = json_ranges(text, paths) if source.endswith(".json") else yaml_ranges(text, paths)[0]
    assert wanted
    for result, path in zip(wanted, paths, strict=True):
        assert ranges[path].to_spectral() == result["range"], result["path"]
