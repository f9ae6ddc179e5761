"""Markdown written by API owners and spec authors, rendered to HTML that is safe to show.

Anyone who can edit an API or upload a spec controls this text, so the HTML that
Markdown produces (raw HTML passes through it) is cleaned with nh3 against an
allow-list: no scripts, no event handlers, no style attributes, and links only
to http, https and mailto.
"""

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe

EXTENSIONS = ["extra", "sane_lists"]

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


def markdown_to_html(text: str) -> SafeString:
    """Sanitised HTML for `text`; an empty string stays empty."""
    if not text or not text.strip():
        return mark_safe("")
    html = markdown_lib.markdown(text, extensions=EXTENSIONS, output_format="html")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(cleaned)  # nh3 has just cleaned it against the allow-list
