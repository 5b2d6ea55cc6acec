"""Hostile input to every route that reads a body, through real HTTP: deep or huge JSON, too many keys, NUL and bad
UTF-8, the wrong content type, unbounded answers. Each gets a 4xx with a plain message, never a 5xx; nothing is
stored in part; and on a child's form the page comes back with their words kept and the problem explained.

The routes are read from the app itself, so a new route is swept without anyone adding it here.
"""

from __future__ import annotations

import inspect
import re
import uuid
from collections.abc import Callable
from typing import Any

import asyncpg
import httpx
import pytest
from support import ROLES, ROOT, Client, Council

MB = 1024 * 1024
JSON = {"content-type": "application/json", "accept": "application/json"}
HTML = {"accept": "text/html"}
SURVEY = "my_life_11_17"  # a survey with a free-text question, opened by anonymous link
# Form routes children post from a page: the page comes back with their words.
CHILD_FORMS = {"/send/{instrument_id:str}", "/s/{token:str}"}
# Words no error message may show: signs of a stack trace or a library speaking instead of us.
NOT_PLAIN = re.compile(r"Traceback|msgspec|asyncpg|Exception|litestar|\$\.|\bNone\b|\\x00|Errno", re.IGNORECASE)
NOBODY = 999_999_999  # an id no row has: acting on a real one (a new access code) would sign the child out
VALUES = {
    "instrument_id": "something_good",
    "token": "not-a-real-link",
    "submission_id": NOBODY,
    "child_id": NOBODY,
    "staff_id": NOBODY,
    "alert_id": NOBODY,
    "complaint_id": NOBODY,
    "opening_id": NOBODY,
    "request_id": NOBODY,
    "action_id": NOBODY,
    "note_id": NOBODY,
    "action": "points",
    "name": "children.csv",
    "file_path": "heard.css",
}


def _deep(levels: int) -> bytes:
    return b'{"a":' * levels + b"1" + b"}" * levels


def _big(size: int) -> bytes:
    return b'{"text":"' + b"a" * size + b'"}'


def _many_keys(count: int) -> bytes:
    return b"{" + b",".join(b'"k%d":1' % i for i in range(count)) + b"}"


# name -> (body, headers); each is wrong for every route that reads a JSON body.
HOSTILE: dict[str, tuple[bytes, dict[str, str]]] = {
    "nested 1,000 deep": (_deep(1000), JSON),
    "nested 100,000 deep": (b"[" * 100_000 + b"]" * 100_000, JSON),
    "2 MB": (_big(2 * MB), JSON),
    "9.5 MB": (_big(int(9.5 * MB)), JSON),
    "40,000 keys": (_many_keys(40_000), JSON),
    "invalid UTF-8": (b'{"text": "caf\xc3(\xff"}', JSON),
    "JSON as text/plain": (b'{"text": "hello"}', {"content-type": "text/plain", "accept": "application/json"}),
    "JSON with no content type": (b'{"text": "hello"}', {"accept": "application/json"}),
    "not JSON at all": (b"\x00\x01\x02garbage", JSON),
}


class BodyRoute:
    def __init__(self, method: str, path: str, body: str, allowed: frozenset[str] | None, limit: int | None) -> None:
        self.method, self.path, self.body, self.allowed, self.limit = method, path, body, allowed, limit

    def url(self) -> str:
        path = self.path
        for name, value in VALUES.items():
            for kind in ("int", "str", "path"):
                path = path.replace(f"{{{name}:{kind}}}", str(value))
        return path

    def __repr__(self) -> str:
        return f"{self.method} {self.path}"


def _body_kind(handler: Any) -> str:
    """What a handler reads: "json", "form" (urlencoded or multipart) or "none"."""
    data = handler.parsed_fn_signature.parameters.get("data")
    if data is None:
        return "form" if handler.opt.get("keeps_words") or handler.opt.get("reads_form") else "none"
    media = getattr(getattr(data.kwarg_definition, "media_type", None), "value", "application/json")
    return "json" if media == "application/json" else "form"


def _app_body_routes() -> list[BodyRoute]:
    """Every route with a method that carries a body, with what it reads, whom its guards admit and its body limit."""
    from routes import _admits, built_app  # the same reading of guards as the route-access test

    app = built_app()
    found = []
    for route in app.routes:
        for handler in getattr(route, "route_handlers", []):
            methods = set(getattr(handler, "http_methods", ())) & {"POST", "PUT", "PATCH", "DELETE"}
            if not methods:
                continue
            guards = [g for layer in handler.ownership_layers for g in (layer.guards or [])]
            allowed: frozenset[str] | None = None
            for guard in guards:
                allowed = _admits(guard) if allowed is None else allowed & _admits(guard)
            for method in sorted(methods):
                found.append(
                    BodyRoute(method, route.path, _body_kind(handler), allowed, handler.resolve_request_max_body_size())
                )
    return found


BODY_ROUTES = _app_body_routes()


def test_the_sweep_sees_every_route_that_reads_a_body() -> None:
    kinds = {r.body for r in BODY_ROUTES}
    assert kinds == {"json", "form", "none"}
    assert len([r for r in BODY_ROUTES if r.body == "json"]) > 30
    assert {r.path for r in BODY_ROUTES if r.body == "form"} >= CHILD_FORMS | {
        "/sign-in",
        "/send/{instrument_id:str}/draft",
    }


def test_a_handler_that_reads_its_own_form_says_so() -> None:
    """A handler calling `read_form` has no `data` parameter to tell the edge it reads a form; without READS_FORM
    (or KEEPS_WORDS) a JSON or text body would reach it as an empty form instead of being refused (415) unread,
    and this sweep would send it nothing hostile."""
    from routes import built_app

    unmarked = sorted(
        f"{method} {route.path}"
        for route in built_app().routes
        for handler in getattr(route, "route_handlers", [])
        for method in set(getattr(handler, "http_methods", ())) & {"POST", "PUT", "PATCH", "DELETE"}
        if "read_form(" in inspect.getsource(handler.fn) and _body_kind(handler) != "form"
    )
    assert unmarked == []


def test_every_route_has_a_body_limit_and_only_imports_exceed_a_megabyte() -> None:
    unlimited = [r for r in BODY_ROUTES if r.limit is None]
    assert unlimited == []
    larger = sorted({r.path for r in BODY_ROUTES if (r.limit or 0) > MB})
    assert larger and all("onboarding" in p for p in larger), larger


async def _count_stored(db: asyncpg.Connection, council: Council) -> tuple[int, ...]:
    """Rows a request could have left behind: submissions, drafts, held forms, complaints, privacy requests."""
    row = await db.fetchrow(
        """select (select count(*) from submissions where council_id = $1),
                  (select count(*) from drafts d join children c on c.id = d.child_id where c.council_id = $1),
                  (select count(*) from held_forms),
                  (select count(*) from complaints where council_id = $1),
                  (select count(*) from privacy_requests where council_id = $1)""",
        council.id,
    )
    assert row is not None
    return tuple(row)


def _plain(r: httpx.Response) -> str:
    """The message a person reads in a JSON error, checked to be a sentence of ours."""
    assert r.headers.get("content-type", "").startswith("application/json"), (r.status_code, r.text[:200])
    detail = r.json()["detail"]
    assert isinstance(detail, str) and len(detail) > 10 and (detail[0].isupper() or detail[0] in "'“"), detail
    assert not NOT_PLAIN.search(detail), detail
    return detail


async def _everyone(council: Council, clients: Callable[[], Client], db: asyncpg.Connection) -> Client:
    """A staff member holding every role (and so an authenticator app, as admins have), so every staff route is
    reached; named admin@... so the test client passes the second step."""
    email = f"admin@all.{council.slug}.example"
    await db.execute(
        """insert into staff (council_id, email, name, roles, password_hash, totp_secret, totp_enabled_at)
           select council_id, $2, 'Every Role', $3, password_hash, totp_secret, totp_enabled_at
           from staff where council_id = $1 and 'admin' = any(roles)""",
        council.id,
        email,
        ROLES,
    )
    return await clients().as_staff(email)


def _who(route: BodyRoute) -> str:
    if route.allowed is None:
        return "anonymous"
    return "child" if "child" in route.allowed else "staff"


@pytest.mark.timeout(900)
async def test_every_hostile_body_to_every_route_gets_a_plain_4xx_and_stores_nothing(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    who = {
        "anonymous": await clients().prepare(),
        "child": await clients().as_child(council.codes["Ava"]),
        "staff": await _everyone(council, clients, db),
    }
    before = await _count_stored(db, council)
    problems: list[str] = []
    for route in BODY_ROUTES:
        client = who[_who(route)]
        for name, (body, headers) in HOSTILE.items():
            if route.body == "none" and name not in {"2 MB", "9.5 MB"}:
                continue
            sent = {**headers, "x-csrftoken": client.headers["x-csrftoken"], "Idempotency-Key": uuid.uuid4().hex}
            try:
                r = await client.request(route.method, route.url(), content=body, headers=sent)
            except httpx.RemoteProtocolError:  # the server may close the connection on a body it will not read
                continue
            problem = _judge(route, name, len(body), r)
            if problem:
                problems.append(f"{problem}: {_who(route)} {route} {name} -> {r.status_code}: {r.text[:160]}")
    assert problems == [], "\n".join(problems)
    assert await _count_stored(db, council) == before


def _judge(route: BodyRoute, name: str, size: int, r: httpx.Response) -> str | None:
    """What is wrong with the answer to one hostile body, or None."""
    if r.status_code >= 500:
        return "server error"
    if route.body == "none":  # a route that reads no body never reads this one either
        return None
    if size > (route.limit or 0):  # refused unread: over the limit, or (first) in a type the route does not read
        return None if r.status_code in {413, 415} else "a body over the route's limit should be refused unread"
    if route.body != "none" and not 400 <= r.status_code < 500:
        return "accepted"
    if route.body == "json" and "content type" in name and r.status_code != 415:
        return "JSON with the wrong content type should be 415"
    if route.body == "json" and name.startswith(("nested", "40,000")) and r.status_code != 400:
        return "should be 400"
    if r.status_code == 404 and "{" not in route.path and route.body != "none":
        return "a bad body is not a missing record"
    if 400 <= r.status_code < 500 and r.headers.get("content-type", "").startswith("application/json"):
        try:
            _plain(r)
        except AssertionError as exc:
            return f"not a plain message ({exc})"
    return None


# ---- the body limit ------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [int(1.1 * MB), 2 * MB, int(9.5 * MB)])
async def test_a_body_over_a_megabyte_is_refused_signed_out_before_it_is_read(client: Client, size: int) -> None:
    await client.prepare()
    r = await client.post("/api/session/child", content=_big(size), headers=JSON)
    assert r.status_code == 413
    assert "1 MB" in _plain(r)


async def test_a_signed_out_form_over_a_megabyte_is_not_held(client: Client, db: asyncpg.Connection) -> None:
    await client.prepare()
    held = await db.fetchval("select count(*) from held_forms")
    form = {"_csrf_token": client.cookies["csrftoken"], "what_good": "a" * (3 * MB)}
    r = await client.post("/send/something_good", data=form, headers=HTML)
    assert r.status_code == 413
    assert "too big" in r.text or "too much" in r.text
    assert await db.fetchval("select count(*) from held_forms") == held


async def test_an_import_may_be_larger_than_a_megabyte(council: Council, clients: Callable[[], Client]) -> None:
    admin = await clients().as_staff(council.staff["admin"])
    header = "reference,known_as,birth_month,legal_status,placement_type\n"
    rows = "".join(f"R{i:07d},Child {i},2012-05,child_in_care,foster\n" for i in range(30_000))
    assert 1.2 * MB < len(header + rows) < 900_000 * 3
    r = await admin.post("/api/admin/onboarding/check", json={"children": (header + rows)[:899_000]}, headers=JSON)
    assert r.status_code != 413 and r.status_code < 500, r.text[:300]


# ---- depth, keys and the content type ------------------------------------------------------------


async def test_deep_json_signed_out_is_a_400_saying_so(client: Client) -> None:
    await client.prepare()
    for body in (_deep(1000), b"[" * 5000 + b"]" * 5000):
        r = await client.post("/api/session/child", content=body, headers=JSON)
        assert r.status_code == 400, r.text[:200]
        assert "nested" in _plain(r)


async def test_json_with_too_many_keys_is_a_400_saying_so(council: Council, clients: Callable[[], Client]) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    r = await ava.post("/api/submissions", content=_many_keys(40_000), headers={**JSON, "Idempotency-Key": "k" * 12})
    assert r.status_code == 400
    assert "keys" in _plain(r) or "fields" in _plain(r)


@pytest.mark.parametrize("content_type", ["text/plain", None, "application/x-www-form-urlencoded", "text/csv"])
async def test_json_in_another_content_type_is_a_415(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection, content_type: str | None
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    headers = {"accept": "application/json", "Idempotency-Key": uuid.uuid4().hex}
    if content_type:
        headers["content-type"] = content_type
    body = b'{"kind": "statement", "text": "hello"}'
    r = await ava.post("/api/submissions", content=body, headers=headers)
    assert r.status_code == 415, r.text[:200]
    assert "application/json" in _plain(r)
    assert await db.fetchval("select count(*) from submissions where council_id = $1", council.id) == 0


async def test_json_marked_as_json_with_a_charset_is_accepted(council: Council, clients: Callable[[], Client]) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    headers = {"content-type": "application/json; charset=utf-8", "Idempotency-Key": uuid.uuid4().hex}
    r = await ava.post("/api/submissions", content=b'{"kind": "statement", "text": "hello"}', headers=headers)
    assert r.status_code == 201, r.text


async def test_a_form_sent_as_json_to_a_page_is_a_415(council: Council, clients: Callable[[], Client]) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    r = await ava.post("/send/something_good", json={"what_good": "x"}, headers={"accept": "application/json"})
    assert r.status_code == 415, r.text[:200]


# ---- answers, NUL and UTF-8 through the API --------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ({"q": "a" * 900_000}, "answers"),
        ({"q": "a" * 20_001}, "answers"),
        ({f"q{i}": 1 for i in range(201)}, "answers"),
        ({"q": ["a" * 201]}, "answers"),
        ({"q": ["a"] * 51}, "answers"),
    ],
    ids=["900 KB", "one over the text limit", "201 answers", "a long choice", "51 choices"],
)
async def test_answers_are_bounded_in_count_and_size(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection, answers: dict[str, Any], field: str
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    body = {"kind": "survey", "answers": answers}
    r = await ava.post("/api/submissions", json=body, headers={"Idempotency-Key": uuid.uuid4().hex})
    assert r.status_code in {400, 413, 422}, r.text[:200]
    if r.status_code != 413:
        assert any(e["field"].startswith(field) for e in r.json()["errors"]), r.text[:300]
        _plain(r)
    assert await db.fetchval("select count(*) from submissions where council_id = $1", council.id) == 0


async def test_answers_up_to_the_limits_are_kept(council: Council, clients: Callable[[], Client]) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    body = {"kind": "survey", "answers": {"q": "a" * 20_000, "r": ["x"] * 50}}
    r = await ava.post("/api/submissions", json=body, headers={"Idempotency-Key": uuid.uuid4().hex})
    assert r.status_code == 201, r.text[:300]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "statement", "text": "he hurts me\u0000 at night"}, "text"),
        ({"kind": "survey", "answers": {"q": "a\u0000b"}}, "answers.q"),
        ({"kind": "survey", "answers": {"q\u0000": "ab"}}, "answers"),
        ({"kind": "survey", "answers": {"q": ["a\u0000"]}}, "answers.q"),
    ],
    ids=["text", "an answer", "an answer's name", "a choice"],
)
async def test_a_nul_in_a_childs_words_is_refused_naming_the_field(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection, body: dict[str, Any], field: str
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    r = await ava.post("/api/submissions", json=body, headers={"Idempotency-Key": uuid.uuid4().hex})
    assert r.status_code in {400, 422}, r.text[:200]
    assert r.json()["errors"][0]["field"].startswith(field), r.text
    assert "No such record" not in r.text
    _plain(r)
    assert await db.fetchval("select count(*) from submissions where council_id = $1", council.id) == 0


async def test_a_nul_sent_to_a_capture_response_is_refused_naming_the_answer(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    body = {"answers": {"what_good": "I passed\u0000 my test"}}
    r = await ava.post(
        "/api/instruments/something_good/responses", json=body, headers={"Idempotency-Key": uuid.uuid4().hex}
    )
    assert r.status_code in {400, 422}, r.text[:200]
    assert r.json()["errors"][0]["field"] == "answers.what_good", r.text
    r = await ava.put("/api/instruments/something_good/draft", json=body)
    assert r.status_code in {400, 422} and r.json()["errors"][0]["field"] == "answers.what_good", r.text
    assert await _count_stored(db, council) == (0, 0, await db.fetchval("select count(*) from held_forms"), 0, 0)


async def test_invalid_utf8_in_json_is_refused_naming_the_field(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    body = b'{"kind": "statement", "text": "caf\xc3(\xff"}'
    r = await ava.post("/api/submissions", content=body, headers={**JSON, "Idempotency-Key": uuid.uuid4().hex})
    assert r.status_code == 400, r.text[:200]
    assert r.json()["errors"][0]["field"] == "text", r.text
    assert "UTF-8" in _plain(r)
    assert await db.fetchval("select count(*) from submissions where council_id = $1", council.id) == 0


async def test_a_lone_surrogate_is_refused_not_a_server_error(council: Council, clients: Callable[[], Client]) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    body = b'{"kind": "statement", "text": "broken \\ud800 pair"}'
    r = await ava.post("/api/submissions", content=body, headers={**JSON, "Idempotency-Key": uuid.uuid4().hex})
    assert r.status_code == 400, r.text[:200]
    _plain(r)


async def test_a_number_too_big_for_the_database_is_a_bad_value_not_a_missing_record(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    body = {"kind": "survey", "instrument": "something_good", "instrument_version": 2**63, "text": "hi"}
    r = await ava.post("/api/submissions", json=body, headers={"Idempotency-Key": uuid.uuid4().hex})
    assert r.status_code in {400, 422}, r.text[:200]
    _plain(r)
    far = await ava.get(f"/api/submissions/{2**70}", headers={"accept": "application/json"})
    assert far.status_code == 404  # a path id nothing can match is no such record
    assert await db.fetchval("select count(*) from submissions where council_id = $1", council.id) == 0


async def test_a_nul_in_a_query_is_refused_naming_it(council: Council, clients: Callable[[], Client]) -> None:
    admin = await clients().as_staff(council.staff["admin"])
    r = await admin.get("/api/admin/privacy/export", params={"reference": "R\x00"}, headers=JSON)
    assert r.status_code in {400, 422}, r.text[:200]
    assert r.json()["errors"][0]["field"] == "reference", r.text
    _plain(r)


# ---- the children's forms: words kept, the problem explained ------------------------------------------


def _form(client: Client, **fields: str) -> dict[str, str]:
    return {"_csrf_token": client.cookies["csrftoken"], "_key": uuid.uuid4().hex, **fields}


async def test_a_nul_in_a_childs_form_brings_the_page_back_with_their_words(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    words = "I passed my theory test\x00 and my carer cried"
    r = await ava.post("/send/something_good", data=_form(ava, what_good=words), headers=HTML)
    assert r.status_code in {400, 422}
    assert "I passed my theory test and my carer cried" in r.text  # kept, less the character no page can show
    assert 'aria-invalid="true"' in r.text and "character" in r.text
    assert await db.fetchval("select count(*) from submissions where council_id = $1", council.id) == 0


async def test_the_problem_is_explained_in_the_childs_language(council: Council, clients: Callable[[], Client]) -> None:
    from heard.i18n import catalogue

    ava = await clients().as_child(council.codes["Ava"])
    ava.cookies.set("heard_lang", "ar")
    r = await ava.post("/send/something_good", data=_form(ava, what_good="مرحبا\x00 بك"), headers=HTML)
    assert r.status_code in {400, 422}
    assert "مرحبا بك" in r.text
    assert catalogue("ar").gettext("error.bad_character") in r.text


async def test_bad_utf8_in_a_childs_form_brings_the_page_back_naming_the_answer(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    body = f"_csrf_token={ava.cookies['csrftoken']}&_key={uuid.uuid4().hex}&what_good=caf%C3%28%FF+ok".encode()
    r = await ava.post(
        "/send/something_good",
        content=body,
        headers={**HTML, "content-type": "application/x-www-form-urlencoded"},
    )
    assert r.status_code in {400, 422}
    assert "ok" in r.text and 'aria-invalid="true"' in r.text
    assert await db.fetchval("select count(*) from submissions where council_id = $1", council.id) == 0


async def test_a_long_answer_is_never_cut_the_page_says_so_and_keeps_it_all(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    words = "my words " * 2_500 + "THE END"
    assert len(words) > 20_000
    r = await ava.post("/send/something_good", data=_form(ava, what_good=words), headers=HTML)
    assert r.status_code == 400
    assert "THE END" in r.text  # every word is still on the page
    assert "20,000" in r.text
    assert await db.fetchval("select count(*) from submissions where council_id = $1", council.id) == 0


async def test_a_nul_in_an_anonymous_link_form_brings_the_page_back(
    council: Council, client: Client, db: asyncpg.Connection
) -> None:
    token = await _anonymous_link(council, db)
    await client.prepare()
    form = {"_csrf_token": client.cookies["csrftoken"], "_key": uuid.uuid4().hex}
    page = await client.get(f"/s/{token}", headers=HTML)
    assert page.status_code == 200, page.text[:300]
    text_field = re.search(r'<textarea[^>]*name="([^"]+)"', page.text)
    assert text_field, "the survey has no free-text question"
    form[text_field.group(1)] = "school is ok\x00 mostly"
    r = await client.post(f"/s/{token}", data=form, headers=HTML)
    assert r.status_code in {400, 422}
    assert "school is ok mostly" in r.text and 'aria-invalid="true"' in r.text
    assert await db.fetchval("select count(*) from submissions where council_id = $1", council.id) == 0


async def _anonymous_link(council: Council, db: asyncpg.Connection) -> str:
    token = f"link-{uuid.uuid4().hex}"
    await db.execute(
        """insert into survey_openings (council_id, instrument, access, token, legal_statuses, opens_on, closes_on)
           values ($1, $2, 'anonymous_link', $3, '{child_in_care}', current_date - 1, current_date + 7)""",
        council.id,
        SURVEY,
        token,
    )
    return token


async def test_a_nul_in_the_sign_in_code_is_explained_on_the_page(client: Client) -> None:
    await client.prepare()
    r = await client.post(
        "/sign-in", data={"_csrf_token": client.cookies["csrftoken"], "code": "ABCD\x00EFGH"}, headers=HTML
    )
    assert 400 <= r.status_code < 500
    assert "<form" in r.text and "There is a problem" in r.text


# ---- static paths and the address --------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/static/heard.css%00x",
        "/static/%00",
        "/static/%FF%FE",
        "/static/..%2f..%2fpyproject.toml",
        "/static/" + "a" * 5000,
    ],
)
async def test_junk_static_paths_are_not_found(client: Client, path: str) -> None:
    r = await client.get(path)
    assert r.status_code in {400, 404}, r.text[:200]
    assert "[tool" not in r.text


@pytest.mark.parametrize("path", ["/api/s/%00/responses", "/send/%00", "/api/instruments/%FF"])
async def test_junk_in_a_path_id_is_not_a_server_error(
    council: Council, clients: Callable[[], Client], path: str
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    r = await ava.get(path, headers={"accept": "application/json"})
    assert 400 <= r.status_code < 500, r.text[:200]


# ---- someone else's idempotency key ------------------------------------------------------------------

SECURITY_BRANCH = (ROOT / "platform/heard/db/migrations/0008_security.sql").exists()


@pytest.mark.skipif(not SECURITY_BRANCH, reason="an Idempotency-Key belongs to its sender: fixed on branch security")
async def test_another_childs_idempotency_key_is_a_new_submission_that_reveals_nothing(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    ben = await clients().as_child(council.codes["Ben"])
    key = uuid.uuid4().hex
    mine = await ava.post(
        "/api/submissions", json={"kind": "statement", "text": "he hits me"}, headers={"Idempotency-Key": key}
    )
    assert mine.status_code == 201
    theirs = await ben.post(
        "/api/submissions", json={"kind": "statement", "text": "probe"}, headers={"Idempotency-Key": key}
    )
    assert theirs.status_code == 201, theirs.text
    assert theirs.json()["id"] != mine.json()["id"] and theirs.headers["Idempotent-Replayed"] == "false"
    assert await db.fetchval("select count(*) from submissions where child_id = $1", council.children["Ben"]) == 1
