"""The HTTP edge: domain errors to status codes, plain-language validation errors, sessions, security headers.

Every error the API answers with has one body, `ErrorBody`, and the OpenAPI schema says so for each operation:
`document_errors` adds what the edge itself can answer (400 for input, 401/403 for guards and CSRF, 404 for a path
id, 413 for a body, 503 when the database is down) and a handler's own `responses=error_responses(...)` adds what
its service raises (404, 409, 422, 429).
"""

from __future__ import annotations

import logging
import re
import traceback
from collections.abc import AsyncGenerator
from datetime import timedelta
from typing import Any

import asyncpg
import msgspec
from arq.connections import ArqRedis
from litestar import Request, Response
from litestar._openapi.schema_generation.plugins.struct import StructSchemaPlugin
from litestar.connection import ASGIConnection
from litestar.di import NamedDependency
from litestar.enums import ScopeType
from litestar.exceptions import HTTPException, NotAuthorizedException, PermissionDeniedException, ValidationException
from litestar.handlers import BaseRouteHandler, HTTPRouteHandler
from litestar.openapi.datastructures import ResponseSpec
from litestar.openapi.spec import Schema
from litestar.params import HeaderParameter
from litestar.response import Redirect
from litestar.routes import BaseRoute, HTTPRoute
from litestar.types import ASGIApp, Message, Receive, Scope, Send
from litestar.typing import FieldDefinition

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


class FieldProblem(msgspec.Struct, frozen=True, omit_defaults=True):
    """One field that is wrong, named as the person filled it in, and what to do about it."""

    field: str
    message: str
    code: str | None = None  # a machine-readable reason, where the form has one (answers to a survey)


class ErrorBody(msgspec.Struct, frozen=True):
    """The body of every error response: the status, a sentence a person can act on, and the fields concerned."""

    status_code: int
    detail: str
    errors: list[FieldProblem]


ERROR_DESCRIPTIONS = {
    400: "The request is malformed, or a value has the wrong type, size or form; `errors` names each field.",
    401: "Nobody is signed in, or the session has ended.",
    403: "Signed in, but not allowed to do this; or a form was sent without its CSRF token.",
    404: "No such record, or it is not yours to see (the two look the same on purpose).",
    409: "The request clashes with the current state of the record, or the same Idempotency-Key is still in use.",
    413: "The request body is larger than 1 MB.",
    422: "The request breaks a rule the schema cannot express; `errors` names the field.",
    429: "Too many attempts: wait the number of seconds in the Retry-After header.",
    503: "The database cannot be reached; nothing was stored. Try again after Retry-After seconds.",
}


def error_responses(*statuses: int, report: type | None = None) -> dict[int, ResponseSpec]:
    """OpenAPI declarations for error statuses a handler answers with, each with the shared `ErrorBody`.

    `report` is a body some handlers give instead on a 422: a report of everything wrong (an import's rows).
    """
    body: Any = ErrorBody if report is None else ErrorBody | report
    return {
        status: ResponseSpec(
            data_container=body if status == 422 else ErrorBody,
            description=ERROR_DESCRIPTIONS[status],
            generate_examples=False,
        )
        for status in statuses
    }


_UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_NOT_INPUT = frozenset({"self", "request", "state", "scope", "headers", "cookies", "query", "socket", "body"})


def document_errors(route: BaseRoute) -> None:
    """Add to each schema operation of `route` the errors the HTTP edge itself can answer it with."""
    if not isinstance(route, HTTPRoute):
        return
    for handler in route.route_handlers:
        if handler.resolve_include_in_schema():
            statuses = _edge_statuses(handler, has_path_ids=bool(route.path_parameters))
            handler.responses = {**error_responses(*statuses), **(handler.responses or {})}


def _edge_statuses(handler: HTTPRouteHandler, *, has_path_ids: bool) -> list[int]:
    provided = set(handler.resolve_dependencies())
    inputs = [name for name in handler.parsed_fn_signature.parameters if name not in provided | _NOT_INPUT]
    statuses = [503]  # the session and nearly every handler read the database
    if inputs:
        statuses.append(400)
    if "data" in inputs:
        statuses += [413, 404, 422]  # a body names records that may not exist, and has rules a schema cannot say
    if handler.resolve_guards():
        statuses += [401, 403]
    elif handler.http_methods & _UNSAFE:
        statuses.append(403)  # CSRF
    if has_path_ids:
        statuses.append(404)
    return statuses


class ClosedStructSchema(StructSchemaPlugin):
    """Litestar's schema for msgspec Structs, saying `additionalProperties: false` where the Struct forbids them.

    Our input Structs refuse unknown fields (400); without this the schema would promise they are ignored.
    """

    def to_openapi_schema(self, field_definition: FieldDefinition, schema_creator: Any) -> Schema:
        schema = super().to_openapi_schema(field_definition, schema_creator)
        if _forbids_unknown(field_definition.type_):
            schema.additional_properties = False
        _copy_item_rules(schema, field_definition.type_)
        return schema


# msgspec's JSON Schema keyword -> litestar Schema attribute.
_RULES = {
    "minLength": "min_length",
    "maxLength": "max_length",
    "pattern": "pattern",
    "minimum": "minimum",
    "maximum": "maximum",
    "exclusiveMinimum": "exclusive_minimum",
    "exclusiveMaximum": "exclusive_maximum",
}


def _copy_item_rules(schema: Schema, struct: Any) -> None:
    """Value rules litestar's schema leaves out, taken from msgspec's own schema of the Struct: rules on list items
    (`list[Annotated[str, Meta(min_length=1)]]`), on optional values, and bounds of 0 (`ge=0`). Without them the
    schema admits values the app refuses."""
    try:
        own = msgspec.json.schema(struct)
    except (TypeError, ValueError):  # a type msgspec cannot describe: leave litestar's schema as it is
        return
    definition = own.get("$defs", {}).get(struct.__name__, own)
    for name, rules in definition.get("properties", {}).items():
        prop = (schema.properties or {}).get(name)
        if isinstance(prop, Schema):
            _merge_rules(prop, rules)


def _merge_rules(prop: Schema, rules: dict[str, Any]) -> None:
    for keyword, attribute in _RULES.items():
        if keyword in rules and getattr(prop, attribute) is None:
            setattr(prop, attribute, rules[keyword])
    if isinstance(rules.get("items"), dict) and isinstance(prop.items, Schema):
        _merge_rules(prop.items, rules["items"])
    branches = [b for b in (prop.one_of or ()) if isinstance(b, Schema)]
    for branch_rules in rules.get("anyOf", ()):
        kind = branch_rules.get("type")
        same = [b for b in branches if kind is not None and getattr(b.type, "value", b.type) == kind]
        if kind != "null" and len(same) == 1:
            _merge_rules(same[0], branch_rules)


def _forbids_unknown(struct: Any) -> bool:
    return bool(getattr(struct.__struct_config__, "forbid_unknown_fields", False))


def _body(status: int, detail: str, field: str | None = None, extra: list[dict[str, str]] | None = None) -> ErrorBody:
    problems = extra if extra is not None else ([{"field": field, "message": detail}] if field else [])
    return ErrorBody(status_code=status, detail=detail, errors=[FieldProblem(**p) for p in problems])


def domain_error(request: Request[Any, Any, Any], exc: errors.HeardError) -> Response[Any]:
    status = next((code for kind, code in _STATUS.items() if isinstance(exc, kind)), 400)
    headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, errors.TooManyRequests) else None
    if isinstance(exc, errors.Unavailable):
        log.error("a dependency is unavailable: %s", type(exc.__cause__).__name__)
        if _wants_html(request):
            return unavailable_page(request, {})
        headers = {"Retry-After": "30"}
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
    if _wants_html(request):
        return unavailable_page(request, {})
    return Response(_body(503, db.DATABASE_DOWN), status_code=503, headers={"Retry-After": "30"})


_PERSON_PAGE = """{% extends "base.html" %}
{% block title %}{{ heading }}{% endblock %}
{% block main %}
<h1>{{ heading }}</h1>
<p>{{ message }}</p>
{% if kept %}
<form method="post" action="{{ action }}">
  <h2>What you wrote</h2>
  <p>It is kept here, so nothing you typed is lost. When you are ready, try sending it again.</p>
  {% for value in kept %}<blockquote><p>{{ value }}</p></blockquote>{% endfor %}
  {% for name, value in fields %}<input type="hidden" name="{{ name }}" value="{{ value }}">{% endfor %}
  <button type="submit">Try sending it again</button>
</form>
{% elif sending %}
<p>Go back and try again in a few minutes.</p>
{% else %}
<p><a href="{{ action }}">Try again</a> in a few minutes.</p>
{% endif %}
{% endblock %}"""
PAGE_DOWN = "Heard cannot open this page right now. Please try again in a few minutes."


def unavailable_page(request: Request[Any, Any, Any], form: dict[str, list[str]]) -> Response[Any]:
    """A 503 page for a person: nothing was sent, and whatever their form carried is on the page to send again."""
    sending = request.method != "GET"
    heading = "Nothing was sent" if sending else "Heard is not available just now"
    message = db.DATABASE_DOWN if sending else PAGE_DOWN
    return _person_page(request, 503, heading, message, form, headers={"Retry-After": "30"})


def _person_page(
    request: Request[Any, Any, Any],
    status: int,
    heading: str,
    message: str,
    form: dict[str, list[str]],
    headers: dict[str, str] | None = None,
) -> Response[Any]:
    """An error page in plain words, with what the person's form carried (if anything) to send again."""
    engine = request.app.template_engine.engine  # type: ignore[union-attr]
    fields = [(name, value) for name, values in form.items() for value in values]
    context = {
        "heading": heading,
        "message": message,
        "sending": request.method != "GET",
        "action": request.url.path,
        "fields": fields,
        "kept": [value for name, value in fields if value.strip() and not name.startswith("_")],
    }
    html = engine.from_string(_PERSON_PAGE).render(context)
    return Response(html, media_type="text/html", status_code=status, headers=headers)


def out_of_range(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    """A number too big for the database (an id from nowhere): nothing can match it."""
    return Response(_body(404, "No such record."), status_code=404)


def server_error(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    """Anything unexpected: logged with where it happened (never its message, which may quote what was sent)."""
    where = "".join(traceback.format_tb(exc.__traceback__)[-8:])
    log.error("unexpected %s on %s %s", type(exc).__name__, request.method, request.url.path, extra={"stack": where})
    sorry = "Something went wrong on our side and we have recorded it. Please go back and try again."
    if _wants_html(request):
        return _person_page(request, 500, "Something went wrong", sorry, {})
    return Response(_body(500, sorry), status_code=500)


EXCEPTION_HANDLERS: dict[Any, Any] = {
    Exception: server_error,
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
            try:
                scope["user"] = await self._principal(scope)
            except errors.Unavailable:
                if not _is_page_form(scope):
                    raise
                # A person's form post while the database is down: give their words back rather than lose them.
                request: Request[Any, Any, Any] = Request(scope, receive)
                form = await request.form()
                words = {name: [str(v) for v in form.getall(name) if isinstance(v, str)] for name in form}
                await unavailable_page(request, words).to_asgi_response(app=None, request=request)(scope, receive, send)
                return
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
# Guards are coroutines: litestar runs a plain function guard in a thread pool, a hop per request for a check
# that only reads the scope.


def _user(connection: ASGIConnection[Any, Any, Any, Any]) -> Principal:
    user: Principal | None = connection.scope.get("user")
    if user is None:
        raise NotAuthorizedException("Please sign in.")
    if user.needs_totp:
        raise NotAuthorizedException("Please enter the code from your authenticator app.")
    return user


def _staff(connection: ASGIConnection[Any, Any, Any, Any]) -> Principal:
    user = _user(connection)
    if user.kind != "staff":
        raise PermissionDeniedException("This page is for council staff.")
    return user


async def signed_in(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
    _user(connection)


async def child_only(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
    if _user(connection).kind != "child":
        raise PermissionDeniedException("This page is for children and young people.")


async def staff_only(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
    _staff(connection)


def roles(*allowed: str) -> Any:
    """A guard admitting staff with any of `allowed` roles."""

    async def guard(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
        if not _staff(connection).has_role(*allowed):
            raise PermissionDeniedException("Your role does not include this.")

    return guard
