"""The demo portal, followed link by link: no page fails and no link leads nowhere; the same
for the REST API's hyperlinks.

The whole demo is loaded once (catalog with parsed specs, usage, releases, sunset notices)
and crawled breadth-first from the home page, as an admin (who may open every page) and as a
member of one team (who must not be shown links to pages that refuse them). Pages of one kind
are sampled (a few per view), so the crawl covers every kind of page in a few hundred
requests.
"""

import re
from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.contrib.auth import get_user_model
from django.urls import Resolver404, resolve

from catalog.models import Membership
from tests.conftest import client_for

PAGES = 450  # requests per crawl at most
PER_VIEW = 3  # pages per view (as many again with a query string, and as htmx fragments)
# Not pages: downloads, the API and its docs, the admin (Django's own), sign-out, static files.
SKIPPED = re.compile(r"^/(?:api/|admin/|static/|accounts/logout|spec-files/)|[?&]format=|/raw/?$")


class _Links(HTMLParser):
    """The links of a page: (address, whether htmx fetches it) for each ``<a href>`` and each
    ``hx-get`` (the fragments a page loads or swaps in)."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag == "a" and named.get("href") is not None:
            self.links.append((named["href"], False))
        if named.get("hx-get") is not None:
            self.links.append((named["hx-get"], True))


def _links(page_url: str, html: str) -> list[tuple[str, bool]]:
    parser = _Links()
    parser.feed(html)
    return [(urljoin(page_url, href), htmx) for href, htmx in parser.links]


def _view(path: str) -> str:
    """The view a path leads to: /apis/payments/ and /apis/ledger/ are one kind of page."""
    try:
        return resolve(path).view_name
    except Resolver404:
        return path  # visited, to report the 404


def crawl(client) -> tuple[dict[str, int], list[str]]:
    """(status of every page and fragment visited, problems found)."""
    per_view: Counter = Counter()
    statuses: dict[str, int] = {}
    problems: list[str] = []
    queue = deque([("/", False, "start")])
    queued = {("/", False)}
    while queue and len(statuses) < PAGES:
        url, htmx, referrer = queue.popleft()
        response = client.get(url, headers={"HX-Request": "true"} if htmx else {})
        statuses[url] = response.status_code
        if response.status_code != 200:
            kind = "fragment" if htmx else "page"
            problems.append(f"{kind} {url} answered {response.status_code} (from {referrer})")
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        for link, fetched in _links(url, response.content.decode()):
            parts = urlsplit(link)
            if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
                continue
            if "??" in link or parts.query.startswith("?"):
                problems.append(f"{url} links to a malformed address {link!r}")
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if (target, fetched) in queued or SKIPPED.search(target):
                continue
            view = (_view(parts.path), bool(parts.query), fetched)
            if per_view[view] >= PER_VIEW:
                continue
            per_view[view] += 1
            queued.add((target, fetched))
            queue.append((target, fetched, url))
    return statuses, problems


def visited_views(statuses: dict[str, int]) -> set[str]:
    return {_view(urlsplit(url).path) for url in statuses}


# Every part of the portal: a crawl that misses one of these lost its way, or a page lost its
# only link.
EVERYONE = {
    "catalog:api-list", "catalog:api-detail", "catalog:version-detail", "catalog:team-list",
    "catalog:team-detail", "catalog:my-apis", "token-list", "governance:rule-list",
    "governance:rule-detail", "governance:version-lint", "governance:team-scorecard",
    "governance:release-history", "governance:release-detail", "usage:consumer-list",
    "usage:consumer-detail", "notifications:sunset-list", "notifications:sunset-detail",
    "notifications:preferences", "notifications:channel-deliveries",
}  # fmt: skip
ADMINS = EVERYONE | {"governance:ruleset-list", "governance:approvals", "notifications:policy"}


def test_every_page_an_admin_reaches_answers(demo, db):
    admin = get_user_model().objects.create_superuser("crawler", "crawler@example.com", "x")
    statuses, problems = crawl(client_for(admin))
    assert problems == []
    assert ADMINS - visited_views(statuses) == set()


def test_a_team_member_is_not_shown_links_that_refuse_them(demo, db):
    member = Membership.objects.select_related("user").order_by("pk").first().user
    statuses, problems = crawl(client_for(member))
    assert problems == []
    assert EVERYONE - visited_views(statuses) == set()


def _api_links(value, found: list[str]) -> None:
    if isinstance(value, dict):
        for item in value.values():
            _api_links(item, found)
    elif isinstance(value, list):
        for item in value:
            _api_links(item, found)
    elif isinstance(value, str) and value.startswith("http://testserver/api/v1/"):
        found.append(value.removeprefix("http://testserver"))


def test_every_api_resource_an_admin_reaches_answers(demo, db):
    admin = get_user_model().objects.create_superuser("api-crawler", "api@example.com", "x")
    client = client_for(admin)
    queue, queued, views, problems = deque(["/api/v1/"]), {"/api/v1/"}, Counter(), []
    visited: set[str] = set()
    while queue and len(visited) < PAGES:
        url = queue.popleft()
        visited.add(url)
        response = client.get(url, HTTP_ACCEPT="application/json")
        if response.status_code != 200:
            problems.append(f"{url} answered {response.status_code}: {response.content[:200]}")
            continue
        if response["Content-Type"] != "application/json":
            continue  # a spec document's own bytes (YAML or JSON as uploaded)
        links: list[str] = []
        _api_links(response.json(), links)
        for link in links:
            path = urlsplit(link).path
            view = (_view(path), bool(urlsplit(link).query))
            if link in queued or views[view] >= PER_VIEW:
                continue
            views[view] += 1
            queued.add(link)
            queue.append(link)
    assert problems == []
    reached = visited_views(dict.fromkeys(visited, 200))
    assert {
        "v1:api-list", "v1:api-detail", "v1:api-version-detail", "v1:team-list", "v1:team-detail",
        "v1:consumer-list", "v1:consumer-detail", "v1:release-list", "v1:release-detail",
        "v1:spec-detail",
        "v1:spec-operations", "v1:ruleset-list",
    } <= reached  # fmt: skip
