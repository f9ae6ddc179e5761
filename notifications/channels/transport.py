"""POSTs to addresses that users typed in, without letting them reach the inside.

The host is resolved here and every address is checked before the connection is made
to that very address (so a second DNS answer cannot swap in a private one); redirects
are followed by hand, each hop checked the same way. Loopback, private, link-local and
other non-global addresses are refused unless PORTAL_WEBHOOK_PRIVATE_NETWORKS lists them.
"""

import ipaddress
import socket
import time
from urllib.parse import urljoin

import urllib3
from django.conf import settings

from notifications.channels import Outcome

MAX_REDIRECTS = 3
MAX_BODY = 64 * 1024  # a receiver's answer is read this far, no further
REDIRECTS = {301, 302, 303, 307, 308}


class UnsafeTarget(Exception):
    """The URL is not one the portal may call."""


def _allowed_private(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    for network in settings.PORTAL_WEBHOOK_PRIVATE_NETWORKS:
        if address in ipaddress.ip_network(network, strict=False):
            return True
    return False


def checked_address(host: str, port: int) -> str:
    """One address of `host` that the portal may connect to; UnsafeTarget otherwise.

    Every address the name resolves to must pass, so a name with one public and one
    private address is refused rather than half-trusted.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise UnsafeTarget(f"{host} does not resolve: {error}") from None
    addresses = []
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            address = address.ipv4_mapped
        if not address.is_global and not _allowed_private(address):
            raise UnsafeTarget(f"{host} resolves to {address}, a private or reserved address")
        addresses.append(str(address))
    return addresses[0]


def _pool(scheme: str, host: str, address: str, port: int, timeout: float):
    timeouts = urllib3.Timeout(connect=timeout, read=timeout, total=timeout)
    if scheme == "https":
        # Connect to the checked address, but verify the certificate against the name.
        return urllib3.HTTPSConnectionPool(
            address,
            port,
            timeout=timeouts,
            retries=False,
            server_hostname=host,
            assert_hostname=host,
            cert_reqs="CERT_REQUIRED",
        )
    return urllib3.HTTPConnectionPool(address, port, timeout=timeouts, retries=False)


def _once(url: str, body: bytes, headers: dict[str, str], timeout: float):
    parts = urllib3.util.parse_url(url)
    if parts.scheme not in ("http", "https") or not parts.host:
        raise UnsafeTarget(f"{url} is not an http(s) URL")
    host = parts.host.strip("[]")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    address = checked_address(host, port)
    pool = _pool(parts.scheme, host, address, port, timeout)
    host_header = parts.host if parts.port is None else f"{parts.host}:{parts.port}"
    try:
        response = pool.urlopen(
            "POST",
            parts.request_uri,
            body=body,
            headers={**headers, "Host": host_header},
            redirect=False,
            preload_content=False,
            assert_same_host=False,
        )
        response.read(MAX_BODY)
        response.release_conn()
        return response
    finally:
        pool.close()


def post(url: str, body: bytes, headers: dict[str, str]) -> Outcome:
    """POSTs `body`, following at most three redirects, and says how it went."""
    started = time.monotonic()
    timeout = float(settings.PORTAL_WEBHOOK_TIMEOUT)

    def outcome(**fields) -> Outcome:
        return Outcome(duration_ms=int((time.monotonic() - started) * 1000), **fields)

    try:
        for _ in range(MAX_REDIRECTS + 1):
            response = _once(url, body, headers, timeout)
            location = response.headers.get("Location")
            if response.status in REDIRECTS and location:
                url = urljoin(url, location)
                continue
            if 200 <= response.status < 300:
                return outcome(ok=True, status_code=response.status)
            return outcome(
                ok=False,
                status_code=response.status,
                error=f"the receiver answered {response.status}",
                gone=response.status == 410,
            )
        return outcome(ok=False, error="too many redirects", permanent=True)
    except UnsafeTarget as refused:
        return outcome(ok=False, error=f"refused: {refused}", permanent=True)
    except urllib3.exceptions.HTTPError as error:
        return outcome(ok=False, error=f"{type(error).__name__}: {error}"[:500])
