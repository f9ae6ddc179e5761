"""Markdown written by API owners and spec authors, rendered to HTML that is safe to show.

Anyone who can edit an API or upload a spec controls this text, so the HTML that
Markdown produces (raw HTML passes through it) is cleaned with nh3 against an
allow-list: no scripts, no event handlers, no style attributes, and links only
to http, https and mailto.
"""

import re
import threading

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe

EXTENSIONS = ["extra", "sane_lists", "toc"]
# The page around the text owns its <h1>: a "# Title" in a description becomes an <h2>, and
# a text whose sections start at "##" or "###" is shifted up so that they do too (headings
# must not skip a level after the page's own).
EXTENSION_CONFIGS = {"toc": {"baselevel": 2, "marker": ""}}
_HEADING_TAG = re.compile(r"<(/?)h([1-6])\b")

ALLOWED_TAGS = {
    *("p", "br", "hr", "blockquote", "pre", "code", "kbd", "samp", "var"),
    *("h1", "h2", "h3", "h4", "h5", "h6"),
    *("ul", "ol", "li", "dl", "dt", "dd"),
    *("strong", "em", "b", "i", "s", "del", "ins", "sub", "sup", "abbr", "mark", "small"),
    *("table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption"),
    *("a", "img", "details", "summary", "span", "div"),
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "abbr": {"title"},
    "th": {"align", "colspan", "rowspan"},
    "td": {"align", "colspan", "rowspan"},
}
URL_SCHEMES = {"http", "https", "mailto"}
# Removed with their content, not just unwrapped: their text is never prose.
DROPPED_WITH_CONTENT = {"script", "style", "template", "iframe", "object", "noscript"}


# Building a Markdown converter loads its extensions, which costs more than converting a
# short text; a spec page converts hundreds of them. One converter per thread, reset per use.
_local = threading.local()


def _converter() -> markdown_lib.Markdown:
    if not hasattr(_local, "converter"):
        _local.converter = markdown_lib.Markdown(
            extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS, output_format="html"
        )
    return _local.converter.reset()


def markdown_to_html(text: str) -> SafeString:
    """Sanitised HTML for `text`; an empty string stays empty."""
    if not text or not text.strip():
        return mark_safe("")
    html = _converter().convert(text)
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
    # A code block may scroll sideways: tabindex lets a keyboard reach and scroll it.
    focusable = _headings_from_h2(cleaned).replace("<pre>", '<pre tabindex="0">')
    return mark_safe(focusable)  # nh3 has just cleaned it (allow-list)


def _headings_from_h2(html: str) -> str:
    levels = [int(level) for _, level in _HEADING_TAG.findall(html)]
    shift = min(levels, default=2) - 2
    if shift <= 0:
        return html
    return _HEADING_TAG.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) - shift}", html)
