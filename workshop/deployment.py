"""Several Streamlit servers behind one nginx: the proxy's site and the servers' systemd unit.

One template for the example in ``docs/deployment.md`` and for the multi-server benchmark
(``python -m workshop bench --only multi-server``), so the documented configuration is the
one that was measured (``tests/test_deployment.py`` checks the page against it).

What the proxy must do for Streamlit:

- **Sticky sessions.** A Streamlit session (its websocket, its uploads, its media files)
  lives in one server process. nginx hashes each visitor's ``pb_server`` cookie to a
  server; a visitor without one gets a random one (``$request_id``) with the first answer.
  Hashing on the address (``ip_hash``) would send a whole hall behind one router to one
  server.
- **Websockets.** ``/_stcore/stream`` is upgraded, and kept open while a wall stays open
  all evening (Streamlit pings it, the timeouts only end dead connections).
- **The visitor's address.** ``X-Forwarded-For``: without it every visitor looks like the
  server's own browser (``ui/connection.py``).
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["STREAM_TIMEOUT_SECONDS", "UPLOAD_LIMIT_MB", "nginx_site", "streamlit_unit"]

# As .streamlit/config.toml's server.maxUploadSize: nginx must let the largest backup through.
UPLOAD_LIMIT_MB = 50
# A websocket without a frame this long is dead (Streamlit pings open ones far more often).
STREAM_TIMEOUT_SECONDS = 3600


def nginx_site(backends: Sequence[str], *, listen: str = "80", server_name: str = "_", certificate: tuple[str, str] | None = None) -> str:
    """The nginx ``http`` block's part for the app: the maps, the upstream and the server.

    Parameters
    ----------
    backends : sequence of str
        The Streamlit servers, ``host:port`` each.
    listen : str
        nginx's ``listen`` argument, e.g. ``"80"`` or ``"127.0.0.1:8080"``.
    server_name : str
        The host name visitors use (``_``: any).
    certificate : (str, str), optional
        The certificate and key files: nginx then speaks TLS on ``listen`` and the
        routing cookie is ``Secure``.

    Returns
    -------
    str
        Configuration text for ``/etc/nginx/conf.d/`` (inside nginx's ``http`` block).

    Raises
    ------
    ValueError
        No backend.

    Examples
    --------
    >>> site = nginx_site(["127.0.0.1:8501", "127.0.0.1:8502"])
    >>> "hash $pb_route consistent;" in site, site.count("server 127.0.0.1:85")
    (True, 2)
    """
    if not backends:
        raise ValueError("at least one Streamlit server")
    servers = "\n".join(f"    server {backend} max_fails=1 fail_timeout=5s;" for backend in backends)
    secure = "; Secure" if certificate else ""
    tls = redirect = ""
    if certificate:
        tls = f"    ssl_certificate     {certificate[0]};\n    ssl_certificate_key {certificate[1]};\n"
        redirect = f"""
# Plain http only sends visitors to https.
server {{
    listen 80;
    server_name {server_name};
    return 301 https://$host$request_uri;
}}
"""
    forwarded = (
        "        proxy_set_header Host $host;\n"
        "        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n"
        "        proxy_set_header X-Forwarded-Proto $scheme;\n"
    )
    return f"""# Projektberedskap: {len(backends)} Streamlit server(s) behind nginx (workshop/deployment.py).

# A visitor keeps one server: the pb_server cookie is hashed to it; without one, a random
# value is hashed and sent back as the cookie.
map $cookie_pb_server $pb_route {{
    ""      $request_id;
    default $cookie_pb_server;
}}
map $cookie_pb_server $pb_new_route {{
    ""      "pb_server=$request_id; Path=/; HttpOnly; SameSite=Lax{secure}";
    default "";
}}
map $http_upgrade $pb_connection {{
    default upgrade;
    ""      close;
}}

upstream projektberedskap {{
    hash $pb_route consistent;
{servers}
}}

server {{
    listen {listen}{" ssl" if certificate else ""};
    server_name {server_name};
{tls}    client_max_body_size {UPLOAD_LIMIT_MB}m;

    location / {{
        proxy_pass http://projektberedskap;
        proxy_http_version 1.1;
{forwarded}        add_header Set-Cookie $pb_new_route always;
    }}

    # Streamlit's websocket: upgraded, and open as long as the page is.
    location /_stcore/stream {{
        proxy_pass http://projektberedskap;
        proxy_http_version 1.1;
        proxy_set_header Upgrade $http_upgrade;
        proxy_set_header Connection $pb_connection;
{forwarded}        proxy_buffering off;
        proxy_read_timeout {STREAM_TIMEOUT_SECONDS}s;
        proxy_send_timeout {STREAM_TIMEOUT_SECONDS}s;
    }}
}}
{redirect}"""


def streamlit_unit(*, directory: str = "/opt/projektberedskap", user: str = "projektberedskap", environment_file: str = "/etc/projektberedskap.env") -> str:
    """A systemd template unit: ``projektberedskap@8501.service`` is the server on port 8501.

    Start as many as the machine has cores for (``systemctl enable --now
    projektberedskap@8501 projektberedskap@8502``); each runs its own mail sender thread,
    and the outbox's row locks keep them from sending a message twice.

    Examples
    --------
    >>> "--server.port %i" in streamlit_unit()
    True
    """
    return f"""[Unit]
Description=Projektberedskap, Streamlit server on port %i
After=network-online.target postgresql.service
Wants=network-online.target

[Service]
User={user}
WorkingDirectory={directory}
# PROJEKTBEREDSKAP_DATABASE_URL, PROJEKTBEREDSKAP_PUBLIC_URL, the SMTP settings and
# STREAMLIT_SERVER_COOKIE_SECRET (the same on every server); readable by root and {user} only.
EnvironmentFile={environment_file}
ExecStart={directory}/.venv/bin/python -m streamlit run app.py --server.address 127.0.0.1 --server.port %i
Restart=on-failure
RestartSec=2

[Install]
WantedBy=multi-user.target
"""
