"""Who called what: an event's host, method and path to an API version and operation, and
its credential to a consumer.

The index is built from the catalog (each version's servers and its spec's operations)
and kept per process until the catalog or the credentials change; one cheap query per
batch tells. Each host has one trie of full templates (server base path + operation
path); relative servers (`/v1`) match on any host.
"""

import re
from dataclasses import dataclass, field

from django.db.models import Count, Max

from catalog.models import Lifecycle, Operation, SpecDocument, Version
from usage.engine.matcher import PathMatcher, normalise_template
from usage.models import Consumer, ConsumerCredential

# Where several versions serve one host and path (minor versions sharing a server), the
# call is the released one's, then a deprecated one's, and the newest among equals.
_PREFERENCE = {
    Lifecycle.RELEASED: 4,
    Lifecycle.DEPRECATED: 3,
    Lifecycle.RETIRED: 2,
    Lifecycle.IN_REVIEW: 1,
    Lifecycle.DRAFT: 0,
}
_VARIABLE = re.compile(r"\{[^{}]*\}")
_CACHE_LIMIT = 200_000


def normalise_host(host: str) -> str:
    """Lower case, without port or trailing dot."""
    host = host.strip().lower()
    if host.startswith("["):  # an IPv6 literal keeps its colons
        return host.split("]")[0] + "]"
    return host.split(":")[0].rstrip(".")


def split_server(url: str) -> tuple[str, str]:
    """(host, base path) of a server URL; the host is '' for a relative URL."""
    url = url.strip()
    if "://" in url:
        rest = url.split("://", 1)[1]
        host, slash, path = rest.partition("/")
        return normalise_host(host), "/" + path if slash else "/"
    return "", url if url.startswith("/") else "/" + url


@dataclass
class Attribution:
    """The index: paths to versions and operations, credentials and slugs to consumers."""

    hosts: dict[str, PathMatcher] = field(default_factory=dict)
    host_patterns: list[tuple[re.Pattern[str], PathMatcher]] = field(default_factory=list)
    anywhere: PathMatcher = field(default_factory=PathMatcher)
    every: PathMatcher = field(default_factory=PathMatcher)
    versions: dict[tuple[str, str], int] = field(default_factory=dict)
    credentials: dict[str, int] = field(default_factory=dict)
    consumers: dict[str, int] = field(default_factory=dict)
    _resolved: dict[tuple[str, str, str], tuple[int | None, str]] = field(default_factory=dict)
    _operations: dict[int, dict[str, str]] = field(default_factory=dict)
    _by_host: dict[str, list[PathMatcher]] = field(default_factory=dict)

    def resolve(self, host: str, method: str, path: str) -> tuple[int | None, str]:
        """(version id, operation) for a call; (id, '') when only the version is known,
        (None, '') when nothing serves the host and path."""
        key = (host, method, path)
        found = self._resolved.get(key)
        if found is None:
            found = self._resolve(host, method.upper(), path)
            if len(self._resolved) >= _CACHE_LIMIT:
                self._resolved.clear()
            self._resolved[key] = found
        return found

    def _matchers(self, raw_host: str) -> list[PathMatcher]:
        """The tries to ask for a host as logged, in order; remembered per host (a log
        has few)."""
        found = self._by_host.get(raw_host)
        if found is None:
            host = normalise_host(raw_host) if raw_host else ""
            if not host:
                found = [self.every]
            else:
                found = [self.hosts[host]] if host in self.hosts else []
                found += [m for pattern, m in self.host_patterns if pattern.fullmatch(host)]
                found.append(self.anywhere)
            if len(self._by_host) >= _CACHE_LIMIT:
                self._by_host.clear()
            self._by_host[raw_host] = found
        return found

    def _resolve(self, host: str, method: str, path: str) -> tuple[int | None, str]:
        fallback = None
        for matcher in self._matchers(host):
            match = matcher.match(method, path)
            if match is None:
                continue
            if match.value is not None:
                return match.value
            fallback = fallback or match.fallback
        return (fallback[0], "") if fallback else (None, "")

    def operation_of(self, version_id: int, named: str) -> str | None:
        """A version's operation named by operationId or "METHOD /path", as its spec
        writes it; None when the version has no such operation."""
        if version_id not in self._operations:
            self._operations[version_id] = _operation_names(version_id)
        names = self._operations[version_id]
        return names.get(named) or names.get(_normalised(named))


def _normalised(operation: str) -> str:
    method, _, path = operation.strip().partition(" ")
    return f"{method.upper()} {normalise_template(path.strip())}"


def _operation_names(version_id: int) -> dict[str, str]:
    names = {}
    rows = Operation.objects.filter(spec__versions=version_id).values_list(
        "method", "path", "operation_id"
    )
    for method, path, operation_id in rows:
        text = f"{method.upper()} {path}"
        names[_normalised(text)] = text
        if operation_id:
            names[operation_id] = text
    return names


def _fingerprint() -> tuple:
    versions = Version.objects.aggregate(
        n=Count("pk"), changed=Max("updated_at"), parsed=Max("spec__processed_at")
    )
    credentials = ConsumerCredential.objects.aggregate(n=Count("pk"), last=Max("pk"))
    consumers = Consumer.objects.aggregate(n=Count("pk"), last=Max("pk"))
    return (*versions.values(), *credentials.values(), *consumers.values())


_cached: tuple[tuple, Attribution] | None = None


def attribution_index() -> Attribution:
    """The index for the catalog as it is now, rebuilt only when it changed."""
    global _cached
    fingerprint = _fingerprint()
    if _cached is None or _cached[0] != fingerprint:
        _cached = (fingerprint, attribution_build())
    return _cached[1]


def attribution_build() -> Attribution:
    """Builds the index from the catalog: a few queries, and one trie insert per server
    and operation."""
    index = Attribution()
    versions = list(
        Version.objects.values(
            "id", "api__slug", "version", "lifecycle", "major", "minor", "patch", "spec_id"
        )
    )
    index.versions = {(row["api__slug"], row["version"]): row["id"] for row in versions}
    ready = {row["spec_id"] for row in versions if row["spec_id"]}
    servers = dict(
        SpecDocument.objects.filter(pk__in=ready, status=SpecDocument.Status.READY).values_list(
            "pk", "servers"
        )
    )
    operations: dict[int, list[tuple[str, str]]] = {}
    for spec_id, method, path in Operation.objects.filter(spec_id__in=servers).values_list(
        "spec_id", "method", "path"
    ):
        operations.setdefault(spec_id, []).append((method.upper(), path))
    for row in versions:
        if row["spec_id"] in servers:
            rank = (_PREFERENCE.get(row["lifecycle"], 0), row["major"], row["minor"], row["patch"])
            urls = [s.get("url") for s in servers[row["spec_id"]] if isinstance(s, dict)]
            _add_version(index, row["id"], rank, urls or ["/"], operations.get(row["spec_id"], []))
    index.credentials = dict(ConsumerCredential.objects.values_list("value", "consumer_id"))
    index.consumers = dict(Consumer.objects.values_list("slug", "pk"))
    return index


def _add_version(index: Attribution, version_id, rank, urls, operations) -> None:
    for url in urls:
        if not isinstance(url, str):
            continue
        host, base = split_server(url)
        matchers = [index.every, _matcher_for(index, host)]
        base = base.rstrip("/")
        for matcher in matchers:
            matcher.add_base(base or "/", (version_id, ""), rank)
            for method, path in operations:
                matcher.add(base + path, method, (version_id, f"{method} {path}"), rank)


def _matcher_for(index: Attribution, host: str) -> PathMatcher:
    if not host:
        return index.anywhere
    if "{" not in host:
        return index.hosts.setdefault(host, PathMatcher())
    pattern = ".+?".join(re.escape(part) for part in _VARIABLE.split(host))
    for existing, matcher in index.host_patterns:
        if existing.pattern == pattern:
            return matcher
    matcher = PathMatcher()
    index.host_patterns.append((re.compile(pattern), matcher))
    return matcher
