"""Domain errors and validation failures to one error body, with the status the HTTP edge answers each with.

HeardError (heard.errors)                    ErrorBody, status
├── Invalid                                  422  (a rule the schema cannot express)
├── Unauthorised                             401  (a page redirects to sign in)
├── Forbidden                                403
├── NotFound                                 404
├── Conflict                                 409
├── TooManyRequests                          429  + Retry-After
└── Unavailable                              503  + Retry-After (a page: nothing was sent, here is what you wrote)
ValidationException (litestar)               400  each field named as the person filled it in
HTTPException (litestar)                     its own status; CSRF, malformed JSON and body size reworded
└── BadBody (heard.web.bodies)               413/415/400/422 naming the field; a page keeps the form's words
asyncpg.DataError                            422  a value the database cannot keep (404 for such an id in the path)
asyncpg connection errors, ConnectionError,  503  the database cannot be reached
TimeoutError
Exception                                    500  logged with where it happened, never with what was sent
"""

from __future__ import annotations

import logging
import re
import traceback
from typing import Any

import asyncpg
import msgspec
from litestar import Request, Response
from litestar.background_tasks import BackgroundTask
from litestar.exceptions import HTTPException, InternalServerException, ValidationException
from litestar.response import Redirect

from heard import audit, db, errors
from heard.i18n import Catalogue
from heard.web.bodies import BadBody
from heard.web.words import ENGLISH, field_label, reader

log = logging.getLogger(__name__)

STATUS: dict[type[errors.HeardError], int] = {
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


def _body(status: int, detail: str, field: str | None = None, extra: list[dict[str, str]] | None = None) -> ErrorBody:
    problems = extra if extra is not None else ([{"field": field, "message": detail}] if field else [])
    return ErrorBody(status_code=status, detail=detail, errors=[FieldProblem(**p) for p in problems])


def domain_error(request: Request[Any, Any, Any], exc: errors.HeardError) -> Response[Any]:
    status = next((code for kind, code in STATUS.items() if isinstance(exc, kind)), 400)
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
_LENGTH = re.compile(r"Expected `(?P<kind>str|array|object)` of length (?P<op>[<>]=) (?P<n>\d+)")
_BOUND = re.compile(r"Expected `(?P<kind>int|float)` (?P<op>[<>]=?) (?P<n>-?[\d.]+)")
_CHOICE = re.compile(r"Invalid enum value '(?P<value>[^']*)'")
_EXPECTED = re.compile(r"Expected `(?P<want>[^`]+)`, got `(?P<got>[^`]+)`")
# What a value should have been, in words (msgspec names types; a person reads these).
_WANT = {
    "int": "invalid.whole_number",
    "float": "invalid.number",
    "date": "invalid.date",
    "datetime": "invalid.date",
    "str": "invalid.text",
    "array": "invalid.list",
    "bool": "invalid.yes_no",
}


def explain_validation(message: str, ui: Catalogue = ENGLISH) -> tuple[str | None, str]:
    """Turn msgspec's message into (the field's name as sent, a sentence in ``ui``'s words naming it as the page
    does). The field stays machine-readable, for the page to mark and the JSON API to name; the sentence is for a
    person."""
    match = _MSGSPEC_AT.match(message.strip())
    raw = match.group("message") if match else message
    path = (match.group("path") or "") if match else ""
    field = path.replace("[...]", "").lstrip(".").replace("[", ".").replace("]", "") or None
    if m := _UNKNOWN.search(raw) or _MISSING.search(raw):
        name = ".".join(p for p in (field, m.group("name")) if p)
        key = "invalid.unknown_field" if m.re is _UNKNOWN else "invalid.required"
        return name, ui.gettext(key, field=field_label(_field_name(name), ui))
    if "malformed" in raw.lower() or "truncated" in raw.lower():
        return None, ui.gettext("invalid.not_json")
    label = field_label(_field_name(field or ""), ui) if field else ui.gettext("invalid.this_value")
    return field, ui.gettext(_reason(raw), field=label, **_values(raw))


def _reason(raw: str) -> str:
    """The catalogue key of what is wrong with a value, from msgspec's message."""
    if m := _LENGTH.search(raw):
        many = m.group("kind") != "str"
        return (
            ("invalid.too_many" if many else "invalid.too_long")
            if m.group("op") == "<="
            else ("invalid.too_few" if many else "invalid.too_short")
        )
    if m := _BOUND.search(raw):
        return "invalid.too_big" if m.group("op").startswith("<") else "invalid.too_small"
    if _CHOICE.search(raw):
        return "invalid.not_a_choice"
    if m := _EXPECTED.search(raw):
        return _WANT.get(m.group("want"), "invalid.other")
    if "date" in raw.lower():
        return "invalid.date"
    if "matching regex" in raw:
        return "invalid.format"
    return "invalid.other"


def _values(raw: str) -> dict[str, str]:
    """The numbers and the value msgspec's message names, for the sentence."""
    if m := _LENGTH.search(raw) or _BOUND.search(raw):
        n = m.group("n")
        if m.re is _BOUND and m.group("op") in {">", "<"}:  # "more than 0" in words is "at least" the next step
            n = str(int(float(n)) + (1 if m.group("op") == ">" else -1)) if m.group("kind") == "int" else n
        return {"limit": f"{int(float(n)):,}" if float(n).is_integer() else n}
    if m := _CHOICE.search(raw):
        return {"value": m.group("value")[:40]}  # what was sent, said back, but never a page of it
    return {}


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
    return {"field": _field_name(field or str(key or "")), "message": sentence}


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
    refusal = None
    if exc.status_code == 403:
        why = "csrf" if "CSRF" in detail else "cross_site" if "another website" in detail else "role"
        refusal = BackgroundTask(_audit_refusal, request, why)
    if exc.status_code == 403 and "CSRF" in detail:
        detail = reader(request).gettext("error_page.expired")
    if exc.status_code == 413:
        detail = reader(request).gettext("error_page.too_big", limit=_limit(request))
    if _wants_html(request) and (isinstance(exc, BadBody) or exc.status_code == 413):
        return _person_page(request, exc.status_code, "There is a problem", detail, _kept_form(request))
    field = exc.field if isinstance(exc, BadBody) else None
    return Response(
        _body(exc.status_code, detail, field), status_code=exc.status_code, headers=exc.headers, background=refusal
    )


def _limit(request: Request[Any, Any, Any]) -> str:
    handler = request.scope.get("route_handler")
    resolve = getattr(handler, "resolve_request_max_body_size", None)
    size = resolve() if resolve is not None else None
    return f"{(size or 0) / (1024 * 1024):g} MB"


def _kept_form(request: Request[Any, Any, Any]) -> dict[str, list[str]]:
    """The form the edge read (its NULs taken out), to give back on the error page."""
    form = request._connection_state.form
    if not isinstance(form, dict):
        return {}
    return {
        name: [v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)]
        for name, value in form.items()
    }


async def _audit_refusal(request: Request[Any, Any, Any], why: str) -> None:
    """A guard's or the CSRF check's refusal, in the audit log after the answer went (capped per minute)."""
    try:
        async with db.acquire(request.app.state.db_pool) as conn:
            await audit.refused(
                conn, request.scope.get("user"), "route", None, why=why, method=request.method, path=request.url.path
            )
    except Exception:  # the refusal stands whether or not it could be written down
        log.warning("could not audit a refusal: %s", why)


def database_down(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    log.error("database unavailable: %s", type(exc).__name__)
    if _wants_html(request):
        return unavailable_page(request, {})
    return Response(_body(503, db.DATABASE_DOWN), status_code=503, headers={"Retry-After": "30"})


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
    """An error page in plain words (a child's in their language), with what the person's form carried (if anything)
    to send again."""
    engine = request.app.template_engine.engine  # type: ignore[union-attr]
    fields = [(name, value) for name, values in form.items() for value in values]
    ui = reader(request)
    context = {
        "ui": ui,
        "lang": ui.lang,
        "dir": ui.direction,
        "heading": heading,
        "message": message,
        "sending": request.method != "GET",
        "action": request.url.path,
        "fields": fields,
        "kept": [value for name, value in fields if value.strip() and not name.startswith("_")],
    }
    html = engine.get_template("person_error.html").render(context)
    return Response(html, media_type="text/html", status_code=status, headers=headers)


def bad_value(request: Request[Any, Any, Any], exc: asyncpg.DataError) -> Response[Any]:
    """A value the database cannot keep: in the path, nothing can match it (404); anywhere else it is a bad value."""
    if any(isinstance(v, int) and not -(2**63) <= v < 2**63 for v in request.path_params.values()):
        return Response(_body(404, "No such record."), status_code=404)
    query = next((k for k, v in request.query_params.items() if "\x00" in v), None)
    if query is not None:
        message = f"The {query} query has a character we cannot keep (NUL); take it out."
        return Response(_body(422, message, query), status_code=422)
    log.warning("a value the database refused on %s %s: %s", request.method, request.url.path, type(exc).__name__)
    message = "A value sent cannot be kept: a number is too big, or text holds a character we cannot store."
    if _wants_html(request):
        return _person_page(request, 422, "There is a problem", message, _kept_form(request))
    return Response(_body(422, message), status_code=422)


def server_error(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    """Anything unexpected: logged with where it happened (never its message, which may quote what was sent)."""
    where = "".join(traceback.format_tb(exc.__traceback__)[-8:])
    log.error("unexpected %s on %s %s", type(exc).__name__, request.method, request.url.path, extra={"stack": where})
    sorry = "Something went wrong on our side and we have recorded it. Please go back and try again."
    if _wants_html(request):
        return _person_page(request, 500, "Something went wrong", sorry, {})
    return Response(_body(500, sorry), status_code=500)


def no_such_file(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    """A static path no file can have (a NUL, a name too long for the disk): not found."""
    return Response(_body(404, "No such file."), status_code=404)


# The static files router's own: a path the file system refuses to look up is a file that is not there.
STATIC_EXCEPTION_HANDLERS: dict[Any, Any] = {ValueError: no_such_file, InternalServerException: no_such_file}

EXCEPTION_HANDLERS: dict[Any, Any] = {
    Exception: server_error,
    asyncpg.DataError: bad_value,
    errors.HeardError: domain_error,
    ValidationException: validation_error,
    HTTPException: http_error,
    asyncpg.PostgresConnectionError: database_down,
    asyncpg.CannotConnectNowError: database_down,
    asyncpg.InterfaceError: database_down,
    ConnectionError: database_down,
    TimeoutError: database_down,
}
