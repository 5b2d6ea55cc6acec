"""What the edge accepts as a request body, checked before a handler sees it: size, content type, shape and text.

- Over the route's limit (1 MB; imports more): 413, refused from the Content-Length before a byte is read, or as
  soon as the bytes read pass it (Litestar, with the limit set where it honours it: the app and the route).
- Not the content type the route reads: 415, before reading.
- JSON nested deeper than MAX_DEPTH or with more than MAX_KEYS keys: 400, before decoding (msgspec would recurse,
  and a decoded object of 40,000 keys costs more than refusing it).
- Bytes that are not UTF-8: 400; a NUL (which PostgreSQL cannot keep in text): 422; each naming the field.
- A form is read strictly as UTF-8. A route whose page gives the child's words back (`opt={"keeps_words": True}`)
  gets the form with the problems noted in `form_problems(request)`; any other form with a problem is refused
  (422) before its handler runs.
"""

from __future__ import annotations

import codecs
import re
from typing import Any
from urllib.parse import unquote_to_bytes

import msgspec
import numpy as np
from litestar import Request
from litestar.datastructures import FormMultiDict
from litestar.enums import RequestEncodingType
from litestar.exceptions import HTTPException
from litestar.types import Empty

from heard.web.words import field_label, reader

MAX_BODY = 1024 * 1024
IMPORT_BODY = 8 * 1024 * 1024  # three CSV files of up to 900,000 characters each, base64 in the page's form
MAX_DEPTH = 32
MAX_KEYS = 2_000

KEEPS_WORDS = "keeps_words"
READS_FORM = "reads_form"  # a handler that calls `forms.read_form` itself, with no `data` parameter to say so
_JSON = re.compile(r"^application/([a-z0-9.+-]*\+)?json$")
_FORMS = frozenset({RequestEncodingType.URL_ENCODED.value, RequestEncodingType.MULTI_PART.value})
_STRING = re.compile(rb'"[^"]*"')  # once escapes are gone
_STRUCTURE = bytes(range(256)).translate(None, b"[]{}:")  # every byte but these, to delete
_NUL_ESCAPE = "\\u0000"

NOT_UTF8 = "not_utf8"
NUL = "bad_character"


class BadBody(HTTPException):
    """A body the edge refuses, with the field it concerns where there is one."""

    def __init__(self, status_code: int, detail: str, field: str | None = None) -> None:
        super().__init__(status_code=status_code, detail=detail)
        self.field = field


class HeardRequest(Request[Any, Any, Any]):
    """Litestar's request, reading its body only in the content type its route reads, and within the edge's rules."""

    async def body(self) -> bytes:
        if self._body is Empty and self._connection_state.body is Empty:
            _check_content_type(self)
            body = await super().body()
            if self.content_type[0] == RequestEncodingType.URL_ENCODED:
                _read_form_once(self, body)
            return body
        return await super().body()

    async def json(self) -> Any:
        if self._json is Empty and self._connection_state.json is Empty:
            self._json = self._connection_state.json = decode_json(await self.body())
        return await super().json()

    async def form(self) -> FormMultiDict:
        if self._form is Empty and self._connection_state.form is Empty:
            _check_content_type(self)
            if self.content_type[0] == RequestEncodingType.URL_ENCODED:
                await self.body()  # reads the form strictly, once
        return await super().form()


def form_problems(request: Request[Any, Any, Any]) -> list[tuple[str, str]]:
    """(field, NUL or NOT_UTF8) for each field of the posted form that could not be kept as sent."""
    return list(getattr(request.state, "form_problems", []))


# ---- content type ---------------------------------------------------------------------------------


def _check_content_type(request: Request[Any, Any, Any]) -> None:
    wanted = _reads(request)
    if wanted is None or not _has_body(request):
        return
    given = request.content_type[0]
    if wanted == "json" and not _JSON.match(given):
        raise BadBody(415, "Send this as JSON, with the header Content-Type: application/json.")
    if wanted == "form" and given not in _FORMS:
        raise BadBody(415, "Send this as a form (application/x-www-form-urlencoded or multipart/form-data).")


def _reads(request: Request[Any, Any, Any]) -> str | None:
    """What the route reads from the body: "json", "form", or None when it reads nothing we check."""
    handler = request.scope.get("route_handler")
    if handler is None:
        return None
    if handler.opt.get(KEEPS_WORDS) or handler.opt.get(READS_FORM):
        return "form"
    data = handler.parsed_fn_signature.parameters.get("data")
    if data is None:
        return None
    media = getattr(getattr(data.kwarg_definition, "media_type", None), "value", RequestEncodingType.JSON.value)
    return "json" if media == RequestEncodingType.JSON.value else "form"


def _has_body(request: Request[Any, Any, Any]) -> bool:
    length = request.headers.get("content-length")
    return bool(length and length.strip() != "0") or "transfer-encoding" in request.headers


# ---- JSON -----------------------------------------------------------------------------------------


def decode_json(body: bytes) -> Any:
    """The body as Python values, after checking its shape; raises BadBody naming what is wrong."""
    if not body:
        return None
    check_shape(body)
    try:
        value = msgspec.json.decode(body)
    except RecursionError:
        raise BadBody(400, f"The request body is nested too deeply: at most {MAX_DEPTH} levels.") from None
    except msgspec.DecodeError as exc:
        if "UTF-8" in str(exc):
            where = _nul_path(msgspec.json.decode(_escaped(body))) if _decodes(_escaped(body)) else None
            detail = f"'{where}' is not UTF-8 text." if where else "The request body is not UTF-8 text."
            raise BadBody(400, detail, where) from None
        raise BadBody(400, "The request body is not valid JSON.") from None
    if _NUL_ESCAPE.encode() in body and (where := _nul_path(value)) is not None:
        raise BadBody(422, f"'{where}' has a character we cannot keep (NUL, \\u0000); take it out.", where)
    return value


def check_shape(body: bytes) -> None:
    """Refuse JSON nested deeper than MAX_DEPTH or holding more than MAX_KEYS keys, without decoding it.

    Strings go first (their escapes, then their contents), so a child's "[[[" is not nesting; what is left of a
    megabyte is measured in tens of milliseconds.
    """
    unescaped = body.replace(b"\\\\", b"").replace(b'\\"', b"")
    structure = _STRING.sub(b"", unescaped).translate(None, _STRUCTURE)
    if structure.count(b":") > MAX_KEYS:
        raise BadBody(400, f"The request body has too many keys: at most {MAX_KEYS:,}.")
    brackets = structure.replace(b":", b"")
    if len(brackets) > 2 * MAX_DEPTH and _depth(brackets) > MAX_DEPTH:
        raise BadBody(400, f"The request body is nested too deeply: at most {MAX_DEPTH} levels.")


def _depth(brackets: bytes) -> int:
    """The deepest nesting of a run of brackets: a running sum in numpy (a Python loop over a megabyte of brackets
    took 0.6 s of the event loop; this takes milliseconds)."""
    steps = np.frombuffer(brackets, dtype=np.uint8)
    return int(np.cumsum(np.where((steps == ord("[")) | (steps == ord("{")), 1, -1), dtype=np.int64).max())


def _nul_path(value: Any, path: tuple[str, ...] = ()) -> str | None:
    """The field (dotted, list positions left out) of the first string or key holding a NUL."""
    if isinstance(value, str):
        return ".".join(path) or "body" if "\x00" in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            if "\x00" in key:
                return ".".join(path) or "body"
            if (found := _nul_path(item, (*path, key))) is not None:
                return found
    if isinstance(value, list):
        for item in value:
            if (found := _nul_path(item, path)) is not None:
                return found
    return None


def _nul_escape(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    return _NUL_ESCAPE, error.end


codecs.register_error("heard-nul-escape", _nul_escape)


def _escaped(body: bytes) -> bytes:
    """The body with each byte that is not UTF-8 written as a JSON NUL escape, so the field holding it can be found."""
    return body.decode("utf-8", errors="heard-nul-escape").encode()


def _decodes(body: bytes) -> bool:
    try:
        msgspec.json.decode(body)
    except (msgspec.DecodeError, RecursionError):
        return False
    return True


# ---- forms ----------------------------------------------------------------------------------------


def _read_form_once(request: Request[Any, Any, Any], body: bytes) -> None:
    """Parse a urlencoded form strictly as UTF-8 and keep it as the request's form; refuse it or note its problems."""
    fields, problems = read_form(body)
    request._connection_state.form = {k: v if len(v) > 1 else v[0] for k, v in fields.items()}
    request.state.form_problems = problems
    handler = request.scope.get("route_handler")
    if problems and not (handler is not None and handler.opt.get(KEEPS_WORDS)):
        field, problem = problems[0]
        raise BadBody(422, _form_problem(request, field, problem), field)


def _form_problem(request: Request[Any, Any, Any], field: str, problem: str) -> str:
    """What is wrong with a form's field, naming it as the page does, in the reader's words (a child's on theirs)."""
    ui = reader(request)
    return ui.gettext(f"invalid.form_{problem}", field=field_label(field, ui))


def read_form(body: bytes) -> tuple[dict[str, list[str]], list[tuple[str, str]]]:
    """A urlencoded form as field -> values, with NULs taken out and bytes that are not UTF-8 replaced, and a
    (field, problem) for each field where that happened."""
    fields: dict[str, list[str]] = {}
    problems: list[tuple[str, str]] = []
    for pair in body.split(b"&"):
        if not pair:
            continue
        raw_name, _, raw_value = pair.partition(b"=")
        name, name_problem = _text(raw_name)
        value, value_problem = _text(raw_value)
        fields.setdefault(name, []).append(value)
        if problem := name_problem or value_problem:
            problems.append((name, problem))
    return fields, problems


def _text(raw: bytes) -> tuple[str, str | None]:
    data = unquote_to_bytes(raw.replace(b"+", b" "))
    try:
        text, problem = data.decode("utf-8"), None
    except UnicodeDecodeError:
        text, problem = data.decode("utf-8", errors="replace"), NOT_UTF8
    if "\x00" in text:
        text, problem = text.replace("\x00", ""), problem or NUL
    return text, problem
