"""The HTTP edge: domain errors to status codes, plain-language validation errors, sessions, security headers."""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncGenerator
from datetime import timedelta
from typing import Any

import asyncpg
from arq.connections import ArqRedis
from litestar import Request, Response
from litestar.connection import ASGIConnection
from litestar.di import NamedDependency
from litestar.enums import ScopeType
from litestar.exceptions import HTTPException, NotAuthorizedException, PermissionDeniedException, ValidationException
from litestar.handlers import BaseRouteHandler
from litestar.params import HeaderParameter
from litestar.response import Redirect
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from heard import db, errors, settings
from heard.accounts import queries as account_queries
from heard.accounts.schemas import Principal
from heard.accounts.secrets import token_hash

log = logging.getLogger(__name__)

SESSION_COOKIE = "heard_session"

# Handler parameters filled by the app's dependencies (declared once in app.py), marked as such for Litestar.
Conn = NamedDependency[asyncpg.Connection]
DbPool = NamedDependency[asyncpg.Pool]
Queue = NamedDependency[ArqRedis]

_STATUS: dict[type[errors.HeardError], int] = {
    errors.Invalid: 422,
    errors.Unauthorised: 401,
    errors.Forbidden: 403,
    errors.NotFound: 404,
    errors.Conflict: 409,
    errors.TooManyRequests: 429,
    errors.Unavailable: 503,
}


def _body(
    status: int, detail: str, field: str | None = None, extra: list[dict[str, str]] | None = None
) -> dict[str, Any]:
    errs = extra if extra is not None else ([{"field": field, "message": detail}] if field else [])
    return {"status_code": status, "detail": detail, "errors": errs}


def domain_error(request: Request[Any, Any, Any], exc: errors.HeardError) -> Response[Any]:
    status = next((code for kind, code in _STATUS.items() if isinstance(exc, kind)), 400)
    headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, errors.TooManyRequests) else None
    if status == 401 and _wants_html(request):
        return Redirect(path=_sign_in_path(request))
    return Response(_body(status, exc.message, exc.field), status_code=status, headers=headers)


def _wants_html(request: Request[Any, Any, Any]) -> bool:
    return not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", "")


def _sign_in_path(request: Request[Any, Any, Any]) -> str:
    return "/staff/sign-in" if request.url.path.startswith("/staff") else "/sign-in"


_MSGSPEC_AT = re.compile(r"^(?P<message>.*?)(?: - at `\$(?P<path>[^`]*)`)?$")
_UNKNOWN = re.compile(r"Object contains unknown field `(?P<name>[^`]+)`")
_MISSING = re.compile(r"Object missing required field `(?P<name>[^`]+)`")
_TOO_LONG = re.compile(r"Expected `(str|array)` of length <= (?P<n>\d+)")
_TOO_SHORT = re.compile(r"Expected `(str|array)` of length >= (?P<n>\d+)")
_EXPECTED = re.compile(r"Expected `(?P<want>[^`]+)`, got `(?P<got>[^`]+)`")


def explain_validation(message: str) -> tuple[str | None, str]:
    """Turn msgspec's message into (field, a sentence a person can act on)."""
    match = _MSGSPEC_AT.match(message.strip())
    raw = match.group("message") if match else message
    path = (match.group("path") or "") if match else ""
    field = path.lstrip(".").replace("[", ".").replace("]", "") or None
    if m := _UNKNOWN.search(raw):
        name = ".".join(p for p in (field, m.group("name")) if p)
        return name, f"'{name}' is not a field we accept; remove it."
    if m := _MISSING.search(raw):
        name = ".".join(p for p in (field, m.group("name")) if p)
        return name, f"'{name}' is required."
    if m := _TOO_LONG.search(raw):
        return field, f"'{field}' is too long: the most is {int(m.group('n')):,}" + (
            " characters." if m.group(1) == "str" else " items."
        )
    if m := _TOO_SHORT.search(raw):
        return field, f"'{field}' is too short: it needs at least {int(m.group('n')):,}."
    if m := _EXPECTED.search(raw):
        return field, f"'{field}' should be {m.group('want')}, not {m.group('got')}."
    if "malformed" in raw.lower() or "JSON is malformed" in raw or "truncated" in raw.lower():
        return None, "The request body is not valid JSON."
    return field, (f"'{field}': {raw}" if field else raw)


_MISSING_PARAM = re.compile(r"Missing required (?P<source>\w+) parameter '(?P<key>[^']+)'")


def validation_error(request: Request[Any, Any, Any], exc: ValidationException) -> Response[Any]:
    details = [_detail(item) for item in exc.extra if isinstance(item, dict)] if isinstance(exc.extra, list) else []
    if not details and (m := _MISSING_PARAM.search(exc.detail)):
        details = [{"field": m.group("key"), "message": f"The {m.group('key')} {m.group('source')} is required."}]
    if not details:
        field, message = explain_validation(exc.detail)
        details = [{"field": field or "", "message": message}]
    return Response(_body(400, details[0]["message"], extra=details), status_code=400)


def _detail(item: dict[str, Any]) -> dict[str, str]:
    """One validation failure: the field it concerns and a sentence about it."""
    key, source = item.get("key"), getattr(item.get("source"), "value", item.get("source"))
    message = str(item.get("message", ""))
    if source == "header":  # the handler's parameter is named like the header: idempotency_key
        key = "-".join(part.capitalize() for part in str(key).split("_"))
    if source in {"header", "query", "path", "cookie"}:
        return {"field": str(key), "message": f"The {key} {source} is not valid: {message}"}
    field, sentence = explain_validation(message if "- at `" in message or not key else f"{message} - at `$.{key}`")
    field = _field_name(field or str(key or ""))
    return {"field": field, "message": sentence.replace(f"'data.{field}'", f"'{field}'")}


def _field_name(path: str) -> str:
    """'data.audience.0' -> 'audience': the name a person filled in, not the decoder's path."""
    parts = [p for p in path.split(".") if p and not p.isdigit()]
    if parts and parts[0] == "data":
        parts = parts[1:]
    return ".".join(parts)


def http_error(request: Request[Any, Any, Any], exc: HTTPException) -> Response[Any]:
    if exc.status_code == 401 and _wants_html(request):
        return Redirect(path=_sign_in_path(request))
    detail = exc.detail
    if "JSON is malformed" in detail or "Malformed" in detail or "truncated" in detail:
        detail = "The request body is not valid JSON."
    if exc.status_code == 403 and "CSRF" in detail:
        detail = "This form has expired or was not sent from Heard. Go back, reload the page and try again."
    return Response(_body(exc.status_code, detail), status_code=exc.status_code, headers=exc.headers)


def database_down(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    log.error("database unavailable: %s", type(exc).__name__)
    message = "Heard cannot save anything right now. Nothing was sent. Please try again in a few minutes."
    return Response(_body(503, message), status_code=503, headers={"Retry-After": "30"})


def out_of_range(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    """A number too big for the database (an id from nowhere): nothing can match it."""
    return Response(_body(404, "No such record."), status_code=404)


EXCEPTION_HANDLERS: dict[Any, Any] = {
    asyncpg.DataError: out_of_range,
    errors.HeardError: domain_error,
    ValidationException: validation_error,
    HTTPException: http_error,
    asyncpg.PostgresConnectionError: database_down,
    asyncpg.CannotConnectNowError: database_down,
    asyncpg.InterfaceError: database_down,
    ConnectionError: database_down,
    TimeoutError: database_down,
}


class SessionMiddleware:
    """Resolve the session cookie to a Principal in scope["user"] (None when signed out).

    The connection is returned to the pool before the handler runs: a request that held it through its
    handler and after-response work while asking for another could exhaust the pool.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == ScopeType.HTTP:
            scope["user"] = await self._principal(scope)
        await self.app(scope, receive, send)

    async def _principal(self, scope: Scope) -> Principal | None:
        token = _cookie(scope, SESSION_COOKIE)
        if not token or scope["path"].startswith(("/static/", "/health/")):
            return None
        pool: asyncpg.Pool = scope["litestar_app"].state.db_pool
        idle = timedelta(minutes=settings.get().app.session_idle_minutes)
        async with db.acquire(pool) as conn:
            return await account_queries.resolve_session(conn, token_hash(token), idle)


async def provide_connection(db_pool: NamedDependency[asyncpg.Pool]) -> AsyncGenerator[asyncpg.Connection, None]:
    """Litestar dependency: one connection per request, returned to the pool afterwards."""
    async with db.acquire(db_pool) as conn:
        yield conn


def _cookie(scope: Scope, name: str) -> str | None:
    for key, value in scope.get("headers", []):
        if key == b"cookie":
            for part in value.decode("latin-1").split(";"):
                k, _, v = part.strip().partition("=")
                if k == name:
                    return v
    return None


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


async def add_security_headers(message: Message, scope: Scope) -> None:
    """A before-send hook, so every response carries the headers: errors, 404s and static files included."""
    if message["type"] == "http.response.start":
        headers = [h for h in message.get("headers", []) if h[0].lower() not in _SECURITY_NAMES]
        no_store = [] if scope["path"].startswith("/static/") else [(b"cache-control", b"no-store")]
        message["headers"] = [*headers, *SECURITY_HEADERS, *no_store]


_SECURITY_NAMES = frozenset(name for name, _ in SECURITY_HEADERS) | {b"cache-control"}

IDEMPOTENCY_KEY = HeaderParameter(
    name="Idempotency-Key",
    min_length=8,
    max_length=200,
    pattern=r"^[A-Za-z0-9._:-]+$",
    description="A new random key for each new submission; send the same key again to retry safely.",
)


# Guards: declared once on a controller; they read the Principal the session middleware put in scope.
def signed_in(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
    user = connection.scope.get("user")
    if user is None:
        raise NotAuthorizedException("Please sign in.")
    if user.needs_totp:
        raise NotAuthorizedException("Please enter the code from your authenticator app.")


def child_only(connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler) -> None:
    signed_in(connection, handler)
    if connection.scope["user"].kind != "child":
        raise PermissionDeniedException("This page is for children and young people.")


def staff_only(connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler) -> None:
    signed_in(connection, handler)
    if connection.scope["user"].kind != "staff":
        raise PermissionDeniedException("This page is for council staff.")


def roles(*allowed: str) -> Any:
    """A guard admitting staff with any of `allowed` roles."""

    def guard(connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler) -> None:
        staff_only(connection, handler)
        if not connection.scope["user"].has_role(*allowed):
            raise PermissionDeniedException("Your role does not include this.")

    return guard
