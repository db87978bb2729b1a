"""Where phones can reach this server: the join link and QR code must not say ``localhost``.

A facilitator who starts the app on the laptop that runs it opens ``http://localhost:8501``;
a join link built from that address fails on every phone that scans it. These helpers tell a
loopback address from one the hall's network can reach, and list the machine's own addresses
to offer instead. Nothing here sends a packet.
"""

from __future__ import annotations

import ipaddress
import socket
import struct
from urllib.parse import urlsplit

try:
    import fcntl
except ImportError:  # not on Linux or macOS
    fcntl = None

__all__ = ["is_loopback_url", "is_loopback_address", "is_this_machine", "machine_addresses", "base_urls_for"]


def is_loopback_url(url: str) -> bool:
    """Whether ``url`` names this machine only (``localhost``, ``127.0.0.1``, ``[::1]``).

    >>> is_loopback_url("http://localhost:8501"), is_loopback_url("http://127.0.0.1:8501/?code=X")
    (True, True)
    >>> is_loopback_url("http://[::1]:8501"), is_loopback_url("http://192.168.1.20:8501")
    (True, False)
    >>> is_loopback_url("https://projektberedskap.lindesberg.se")
    False
    """
    host = (urlsplit(url).hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def is_loopback_address(address: str | None) -> bool:
    """Whether ``address`` is this machine's own, an IPv4-mapped IPv6 loopback included.

    Python 3.11's :mod:`ipaddress` does not call ``::ffff:127.0.0.1`` loopback (a server
    listening on ``::`` sees local IPv4 browsers so), hence the unwrapping.

    >>> [is_loopback_address(a) for a in ("127.0.0.1", "::1", "::ffff:127.0.0.1", "127.5.6.7")]
    [True, True, True, True]
    >>> [is_loopback_address(a) for a in ("192.168.1.20", "::ffff:192.168.1.20", "fe80::1", "", None, "unknown")]
    [False, False, False, False, False, False]
    """
    try:
        ip = ipaddress.ip_address(str(address or "").split("%")[0])
    except ValueError:
        return False
    mapped = getattr(ip, "ipv4_mapped", None)
    return (mapped or ip).is_loopback


def _loopback_host(value: str | None) -> bool:
    # A Host header ("localhost:8501", "[::1]:8501") or an Origin ("http://127.0.0.1:8501").
    value = (value or "").strip()
    if not value:
        return False
    return is_loopback_url(value if "://" in value else f"http://{value}")


def is_this_machine(address: str | None, host: str | None, origin: str | None = None) -> bool:
    """Whether a browser runs on the server itself, from what its connection tells.

    ``address`` is the connection's peer as Streamlit reports it (``st.context.ip_address``:
    ``None`` for ``127.0.0.1`` and ``::1``, and for no browser at all), ``host`` the Host header
    of the browser's connection and ``origin`` its Origin header, when sent.

    The address must be loopback, or absent with a loopback Host: without a browser (AppTest, a
    bare script) there is no Host and so no "this machine". Host and Origin must name this
    machine too: a web page elsewhere whose name resolves to 127.0.0.1 in the server's own
    browser (DNS rebinding) sends its own name, and a reverse proxy passes on the name the
    visitor used.

    >>> is_this_machine(None, "localhost:8501"), is_this_machine(None, "127.0.0.1:8501", "http://127.0.0.1:8501")
    (True, True)
    >>> is_this_machine(None, "[::1]:8501"), is_this_machine("::ffff:127.0.0.1", "localhost:8501")
    (True, True)
    >>> is_this_machine("192.168.1.20", "192.168.1.10:8501"), is_this_machine(None, None)
    (False, False)
    >>> is_this_machine(None, "evil.example:8501"), is_this_machine(None, "localhost:8501", "http://evil.example")
    (False, False)
    """
    if address is not None and not is_loopback_address(address):
        return False
    if not _loopback_host(host):
        return False
    return origin is None or origin == "" or _loopback_host(origin)


def machine_addresses() -> list[str]:
    """This machine's IPv4 addresses other than loopback, private (hall wifi) ones first.

    Read from the network interfaces (Linux) and the host's own name resolution; an empty
    list when neither knows one.
    """
    found: set[str] = set(_interface_addresses())
    for name in {socket.gethostname(), socket.getfqdn()}:
        try:
            found |= {info[4][0] for info in socket.getaddrinfo(name, None, family=socket.AF_INET)}
        except OSError:
            continue
    usable = [a for a in found if not (ipaddress.ip_address(a).is_loopback or ipaddress.ip_address(a).is_link_local or ipaddress.ip_address(a).is_unspecified)]
    return sorted(usable, key=lambda a: (not ipaddress.ip_address(a).is_private, ipaddress.ip_address(a)))


def _interface_addresses() -> list[str]:
    """Each interface's IPv4 address, asked of the kernel (SIOCGIFADDR); none off Linux."""
    if fcntl is None:
        return []
    addresses = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:  # never connected, never sends
        for _index, name in socket.if_nameindex():
            try:
                packed = fcntl.ioctl(probe.fileno(), 0x8915, struct.pack("256s", name[:15].encode()))
            except OSError:  # an interface without an IPv4 address
                continue
            addresses.append(socket.inet_ntoa(packed[20:24]))
    return addresses


def base_urls_for(current: str, addresses: list[str]) -> list[str]:
    """The addresses phones could use instead of ``current``: same scheme and port, another host.

    >>> base_urls_for("http://localhost:8501", ["192.168.1.20", "10.0.0.5"])
    ['http://192.168.1.20:8501', 'http://10.0.0.5:8501']
    >>> base_urls_for("https://127.0.0.1", ["192.168.1.20"])
    ['https://192.168.1.20']
    """
    parts = urlsplit(current)
    port = f":{parts.port}" if parts.port else ""
    return [f"{parts.scheme or 'http'}://{address}{port}" for address in addresses]
