"""JavaScript regular expressions run by Python's re, and the refusal of catastrophic ones."""

from __future__ import annotations

import time

import pytest

from speclib.lint.functions.jsregex import RegexError, compile_js, from_option, split_slashed

# (source, flags, value, JavaScript's RegExp.prototype.test result), checked against Node.
SAME_AS_JAVASCRIPT = [
    (r"^abc$", "", "abc\n", False),  # $ ignores no final newline
    (r"^a$", "m", "a\nb", True),
    (r"a.b", "", "a\nb", False),
    (r"a.b", "s", "a\nb", True),
    (r"\d+", "", "٣", False),  # \d is ASCII
    (r"\w+$", "", "über", True),
    (r"\bfoo\b", "", "foo.bar", True),
    (r"[^]", "", "\n", True),
    (r"[]", "", "a", False),
    (r"(?<x>a)\k<x>", "", "aa", True),
    (r"\1(a)", "", "a", True),  # a reference to a group not closed yet matches nothing
    (r"[\D]", "", "1", False),
    (r"[^a\D]", "", "1", True),
    (r"\cJ", "", "\n", True),
    (r"ABC", "i", "abc", True),
    (r"{}", "", "/a/{}", True),
    (r"\u{1F600}", "u", "\U0001f600", True),
    (r"^[A-Za-z0-9-._~:/?#\[\]@!\$&'()*+,;=]*$", "", "get:/pets/{id}", False),
    # Without u, i compares upper cases and never a non-ASCII character with an ASCII one.
    ("k", "i", "\u212a", False),  # the Kelvin sign
    ("s", "i", "\u017f", False),  # the long s
    ("i", "i", "\u0130", False),
    ("[A-Z]", "i", "\u0131", False),
    (r"\w", "i", "\u017f", False),
    (r"\W", "i", "\u017f", True),
    (r"[^\W]", "i", "\u212a", False),
    ("[^a-z]", "i", "\u017f", True),
    ("[^a-z]", "i", "Q", False),
    (r"[^\x00-\x7f]", "i", "\u212a", True),
    ("[Z-a]", "i", "z", True),
    ("[^Z-a]", "i", "B", True),
    ("^[a-f0-9]+$", "i", "DEADbeef", True),
    ("(a)\\1", "i", "aA", True),  # a back-reference ignores case too
    ("\u00e9", "i", "\u00c9", True),
    ("k", "iu", "\u212a", True),  # with u, by case folding
    (r"\w", "iu", "\u017f", True),
]


@pytest.mark.parametrize(("source", "flags", "value", "expected"), SAME_AS_JAVASCRIPT)
def test_it_matches_as_javascript_does(source, flags, value, expected):
    assert compile_js(source, flags).test(value) is expected


def test_it_reads_spectrals_slashed_form():
    assert split_slashed("/^a/i") == ("^a", "i")
    assert split_slashed("^a") == ("^a", "")
    assert from_option("/^A/i").test("abc")


@pytest.mark.parametrize("source", ["(", "a{2,1}", "*a", "(?<a>x)(?<a>y)"])
def test_it_refuses_invalid_javascript(source):
    with pytest.raises(RegexError, match="Invalid regular expression"):
        compile_js(source)


def test_it_refuses_invalid_flags():
    with pytest.raises(RegexError, match="Invalid flags supplied to RegExp constructor 'x'"):
        compile_js("a", "x")


@pytest.mark.parametrize(
    "source",
    [
        r"(a+)+$",
        r"(\w+\s?)+$",
        r"(a|a)*",
        r"(\d|\w)+",
        r"(a*)*",
        r"^(([a-z])+.)+[A-Z]([a-z])+$",
        r".*a.*b.*c",
    ],
)
def test_it_refuses_patterns_that_backtrack_catastrophically(source):
    with pytest.raises(RegexError, match="exponential or high polynomial time"):
        compile_js(source)


@pytest.mark.parametrize(
    "source",
    [
        r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$",
        r"^([a-z]+-)*[a-z]+$",
        r"(,\s*\w+)*",
        r"(foo|bar)+",
        r"^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}$",
        r"([a-z]+)(,\1)*",
        r"^\s*\w+\s*=\s*\w+\s*$",
        r"^https?://.*/.*$",
    ],
)
def test_it_accepts_repetitions_that_stay_linear(source):
    pattern = compile_js(source)
    start = time.perf_counter()
    pattern.test("a" * 30_000 + "!")
    assert time.perf_counter() - start < 1


@pytest.mark.parametrize(
    ("source", "literal"),
    [
        ("eval\\(", "eval("),
        ("<script", "<script"),
        ("example\\.com", "example.com"),
        ("\\?", "?"),
        ("a\\\\b", "a\\b"),
        ("\\/x-y", "/x-y"),
        ("{}", None),  # a literal in JavaScript too, but not taken as one here
        (".+\\/$", None),
        ("a\\d", None),
        ("x|y", None),
        ("ab", "ab"),
    ],
)
def test_a_pattern_of_plain_text_is_tested_as_a_substring(source: str, literal):
    regex = compile_js(source)
    assert regex.literal == literal
    if literal is not None:
        for value in ["", literal, f"a {literal} b", literal[:-1], literal.upper(), "eval ("]:
            assert (literal in value) == regex.test(value), value
    assert compile_js(source, "i").literal is None  # flags change what it matches


@pytest.mark.parametrize("flags", ["", "u"])
@pytest.mark.parametrize("source", ["^x-", "^\\/", "x-", "^a\\.b", "^x-$", "^\u00e9", "[x]-"])
def test_the_fast_tests_of_plain_patterns_answer_as_the_expression(source: str, flags: str):
    regex = compile_js(source, flags)
    values = ["", "x-", "x-a", "ax-", "X-a", "/p", "a/", "a.b", "axb", "\u00e9", "x"]
    expected = [regex.compiled.search(value) is not None for value in values]
    assert [regex.test(value) for value in values] == expected
    assert any(expected)
