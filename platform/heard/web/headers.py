"""Security headers on every response: errors, 404s and static files included."""

from __future__ import annotations

from litestar.types import Message, Scope

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"strict-transport-security", b"max-age=63072000; includeSubDomains"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
_SECURITY_NAMES = frozenset(name for name, _ in SECURITY_HEADERS) | {b"cache-control"}


async def add_security_headers(message: Message, scope: Scope) -> None:
    """A before-send hook, so every response carries the headers: errors, 404s and static files included."""
    if message["type"] == "http.response.start":
        headers = [h for h in message.get("headers", []) if h[0].lower() not in _SECURITY_NAMES]
        no_store = [] if scope["path"].startswith("/static/") else [(b"cache-control", b"no-store")]
        message["headers"] = [*headers, *SECURITY_HEADERS, *no_store]
