"""The session cookie to a Principal in scope["user"], before any handler runs."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlsplit

import asyncpg
from litestar import Request
from litestar.enums import ScopeType
from litestar.exceptions import PermissionDeniedException
from litestar.types import ASGIApp, Receive, Scope, Send

from heard import db, errors, settings
from heard.principal import Principal
from heard.web.errors import unavailable_page
from heard.web.forms import read_form

SESSION_COOKIE = "heard_session"

SessionLookup = Callable[[asyncpg.Connection, str], Awaitable[Principal | None]]
"""Who a session token belongs to, or None. Sessions are accounts', and accounts builds on this layer, so the
assembly hands their lookup to the middleware."""


class SessionMiddleware:
    """Resolve the session cookie to a Principal in scope["user"] (None when signed out).

    The connection is returned to the pool before the handler runs: a request that held it through its
    handler and after-response work while asking for another could exhaust the pool.
    """

    def __init__(self, app: ASGIApp, lookup: SessionLookup) -> None:
        self.app = app
        self.lookup = lookup

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == ScopeType.HTTP:
            try:
                scope["user"] = await self._principal(scope)
            except errors.Unavailable:
                if not _is_page_form(scope):
                    raise
                # A person's form post while the database is down: give their words back rather than lose them.
                request: Request[Any, Any, Any] = Request(scope, receive)
                words = await read_form(request)
                await unavailable_page(request, words).to_asgi_response(app=None, request=request)(scope, receive, send)
                return
            if _cross_site(scope):
                raise PermissionDeniedException(CROSS_SITE)
        await self.app(scope, receive, send)

    async def _principal(self, scope: Scope) -> Principal | None:
        token = _cookie(scope, SESSION_COOKIE)
        if not token or scope["path"].startswith(("/static/", "/health/")):
            return None
        pool: asyncpg.Pool = scope["litestar_app"].state.db_pool
        async with db.acquire(pool) as conn:
            return await self.lookup(conn, token)


CROSS_SITE = "This request came from another website, so Heard refused it. Go back to Heard and try again."
_UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def _cross_site(scope: Scope) -> bool:
    """A state-changing request a browser says came from another site (Sec-Fetch-Site, else Origin).

    This is on top of the CSRF token: a browser sends these headers on every such request and a page on another
    site cannot change them. A client that sends neither (an app, a script) is left to the token.
    """
    if scope.get("method") not in _UNSAFE:
        return False
    headers = dict(scope.get("headers", []))
    fetch_site = headers.get(b"sec-fetch-site", b"").decode("latin-1").strip().lower()
    if fetch_site:
        return fetch_site not in ("same-origin", "none")
    origin = headers.get(b"origin", b"").decode("latin-1").strip().lower()
    if not origin:
        return False
    host = headers.get(b"host", b"").decode("latin-1").strip().lower()
    allowed = {urlsplit(settings.get().app.base_url.lower()).netloc, host}
    return origin == "null" or urlsplit(origin).netloc not in allowed


def _is_page_form(scope: Scope) -> bool:
    """A form a person posted from a page (file uploads excluded: a page cannot hand a file back)."""
    if scope.get("method") != "POST" or scope["path"].startswith("/api/"):
        return False
    return dict(scope.get("headers", [])).get(b"content-type", b"").startswith(b"application/x-www-form-urlencoded")


def _cookie(scope: Scope, name: str) -> str | None:
    for key, value in scope.get("headers", []):
        if key == b"cookie":
            for part in value.decode("latin-1").split(";"):
                k, _, v = part.strip().partition("=")
                if k == name:
                    return v
    return None
