"""Who counts as a browser on the server itself: the demo's keys and the first coordinator.

The inputs are what Streamlit 1.67 gives a page: ``st.context.ip_address`` (``None`` for
``127.0.0.1`` and ``::1``, and when there is no browser at all), and the Host and Origin
headers of the browser's connection. tests/e2e/test_this_machine.py checks the same in Chromium.
"""

from __future__ import annotations

import pytest

from workshop.addresses import is_this_machine


@pytest.mark.parametrize(
    "address, host, origin, local",
    [
        # The server's own browser, however it names the server.
        (None, "localhost:8501", "http://localhost:8501", True),
        (None, "127.0.0.1:8501", "http://127.0.0.1:8501", True),
        (None, "[::1]:8501", "http://[::1]:8501", True),
        (None, "LOCALHOST:8501", None, True),
        # Listening on "::", a local IPv4 browser arrives as an IPv4-mapped IPv6 address.
        ("::ffff:127.0.0.1", "127.0.0.1:8501", "http://127.0.0.1:8501", True),
        ("127.0.0.2", "localhost:8501", None, True),
        # Visitors on the hall's network or the internet.
        ("192.168.1.20", "192.168.1.10:8501", "http://192.168.1.10:8501", False),
        ("::ffff:192.168.1.20", "192.168.1.10:8501", None, False),
        ("fe80::1", "[fe80::2]:8501", None, False),
        ("203.0.113.5", "localhost:8501", "http://localhost:8501", False),  # headers are the visitor's to write
        # No browser (AppTest, a bare script): no Host, so not this machine.
        (None, None, None, False),
        (None, "", None, False),
        # A page elsewhere whose name points at 127.0.0.1 in the server's own browser (DNS rebinding),
        # or a reverse proxy on the machine passing on the name its visitor used.
        (None, "evil.example:8501", "http://evil.example:8501", False),
        (None, "projektberedskap.lindesberg.se", "https://projektberedskap.lindesberg.se", False),
        (None, "localhost:8501", "http://evil.example", False),
        # Nonsense is not loopback.
        ("unknown", "localhost:8501", None, False),
    ],
)
def test_only_a_browser_on_the_server_itself_counts_as_this_machine(address, host, origin, local):
    assert is_this_machine(address, host, origin) is local
