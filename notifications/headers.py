"""The HTTP headers that announce a deprecation to every caller, and ready-made
gateway configuration that adds them.

`Deprecation` (RFC 9745) is a structured-field Date, `@` and seconds since the epoch;
`Sunset` (RFC 8594) is an HTTP-date; `Link` points to the migration note with
rel="deprecation" and rel="sunset".
"""

import json
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.http import http_date

from catalog.models import Version
from notifications.clock import day_start


@dataclass(frozen=True)
class DeprecationHeaders:
    deprecation: str | None
    sunset: str | None
    link: str | None

    def items(self) -> list[tuple[str, str]]:
        """The headers that apply, in the order gateways should send them."""
        pairs = [("Deprecation", self.deprecation), ("Sunset", self.sunset), ("Link", self.link)]
        return [(name, value) for name, value in pairs if value]


def migration_url(version: Version) -> str:
    path = reverse("notifications:migration-note", args=[version.api.slug, version.version])
    return settings.PORTAL_BASE_URL + path


def version_headers(version: Version) -> DeprecationHeaders:
    """The header values for a version: none for one that is neither deprecated nor has
    a sunset date."""
    deprecation = sunset = None
    if version.deprecated_on:
        deprecation = f"@{int(day_start(version.deprecated_on).timestamp())}"
    if version.sunset_on:
        sunset = http_date(day_start(version.sunset_on).timestamp())
    links = []
    if deprecation or sunset:
        url = migration_url(version)
        if deprecation:
            links.append(f'<{url}>; rel="deprecation"; type="text/html"')
        if sunset:
            links.append(f'<{url}>; rel="sunset"; type="text/html"')
    return DeprecationHeaders(deprecation, sunset, ", ".join(links) or None)


def nginx_snippet(version: Version, headers: DeprecationHeaders) -> str:
    lines = [f"# {version}: in the location that proxies this version."]
    for name, value in headers.items():
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        lines.append(f'add_header {name} "{escaped}" always;')
    return "\n".join(lines) + "\n"


def envoy_snippet(version: Version, headers: DeprecationHeaders) -> str:
    # JSON strings are valid YAML double-quoted scalars, so any value is quoted safely.
    lines = [
        f"# {version}: on the route (or virtual host) of this version.",
        "response_headers_to_add:",
    ]
    for name, value in headers.items():
        lines.append(f"  - header: {{key: {name}, value: {json.dumps(value)}}}")
        lines.append("    append_action: OVERWRITE_IF_EXISTS_OR_ADD")
    return "\n".join(lines) + "\n"


def kong_snippet(version: Version, headers: DeprecationHeaders) -> str:
    lines = [
        f"# {version}: on the service or route of this version (decK / declarative config).",
        "plugins:",
        "  - name: response-transformer",
        "    config:",
        "      add:",
        "        headers:",
    ]
    lines += [f"          - {json.dumps(f'{name}:{value}')}" for name, value in headers.items()]
    return "\n".join(lines) + "\n"


def gateway_snippets(version: Version) -> dict[str, str]:
    headers = version_headers(version)
    if not headers.items():
        return {}
    return {
        "nginx": nginx_snippet(version, headers),
        "envoy": envoy_snippet(version, headers),
        "kong": kong_snippet(version, headers),
    }
