"""Every route the app has, as every role: only the roles its guards name get through, and every answer,
whoever asks, carries the security headers."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable

import asyncpg
import httpx
import pytest
from routes import PUBLIC, Route, app_routes
from support import ROLES, Client, Council

WHO = ["anonymous", "child", *ROLES]
# The query a page needs to show anything (without it the answer is a clear 400 naming the missing parameter).
QUERIES = {
    "/dashboards/teams/export.csv": "table=teams",
    "/dashboards/cicc/export.csv": "table=themes",
    "/dashboards/board/export.csv": "table=comparisons",
    "/api/complaints/reports": "kind=quarterly&year=2025&quarter=1",
    "/api/admin/privacy/export": "reference={reference}",
}
ROUTES = app_routes()


def test_every_route_is_guarded_or_public_on_purpose() -> None:
    unguarded = sorted((r.method, r.path) for r in ROUTES if r.allowed is None and (r.method, r.path) not in PUBLIC)
    assert unguarded == [], "routes with no guard that are not on the public allow-list"
    gone = sorted(set(PUBLIC) - {(r.method, r.path) for r in ROUTES})
    assert gone == [], "the public allow-list names routes that no longer exist"
    guarded = [r for r in ROUTES if r.allowed is not None]
    assert len(guarded) > 100, f"only {len(guarded)} guarded routes found: the enumeration is broken"
    assert all(r.allowed for r in guarded), [r.path for r in guarded if not r.allowed]


async def _world(council: Council, clients: Callable[[], Client]) -> dict[str, object]:
    """Real rows for the path parameters: Ava's worry (with its alert) and her complaint."""
    ava = await clients().as_child(council.codes["Ava"])
    worry = {"kind": "statement", "text": "He hits me and I am scared to go home tonight", "audience": ["worker"]}
    r = await ava.post("/api/submissions", json=worry, headers={"Idempotency-Key": uuid.uuid4().hex})
    assert r.status_code == 201, r.text
    submission_id = r.json()["id"]
    complaint = {"kind": "complaint", "text": "Nobody told me I was moving", "audience": ["complaints"]}
    r = await ava.post("/api/submissions", json=complaint, headers={"Idempotency-Key": uuid.uuid4().hex})
    assert r.status_code == 201, r.text
    # worker B is nobody's signed-in role in the sweep, so an admin's action on them (switching off) spoils nothing
    return {
        "submission_id": submission_id,
        "child_id": council.children["Ava"],
        "staff_id": council.staff_ids["worker_b"],
    }


async def _ids(db: asyncpg.Connection, council: Council, world: dict[str, object]) -> dict[str, object]:
    alert_id = await db.fetchval("select id from alerts where submission_id = $1", world["submission_id"])
    complaint_id = await db.fetchval("select id from complaints where council_id = $1", council.id)
    assert alert_id and complaint_id, "the worry raised no alert or the complaint opened no case"
    return {
        **world,
        "reference": f"{council.slug}-Ava",
        "alert_id": alert_id,
        "complaint_id": complaint_id,
        "action": "points",
        "action_id": 1,
        "note_id": 1,
        "stage": 1,
        "document": "letter.pdf",
        "opening_id": 1,
        "request_id": 1,
        "instrument_id": "worried",
        "token": "not-a-real-link",
        "name": "children.csv",
        "file_path": "heard.css",
        "path": "swagger",
    }


def assert_security_headers(r: httpx.Response, where: str) -> None:
    csp = r.headers.get("content-security-policy", "")
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp, where
    assert r.headers.get("strict-transport-security", "").startswith("max-age="), where
    assert r.headers.get("x-content-type-options") == "nosniff", where
    assert r.headers.get("referrer-policy") == "no-referrer", where
    assert r.headers.get("x-frame-options") == "DENY", where
    if not r.request.url.path.startswith("/static/"):
        assert r.headers.get("cache-control") == "no-store", where


async def _sweep(client: Client, who: str, values: dict[str, object]) -> list[str]:
    """Every guarded route as `who`; the problems found, as readable lines."""
    problems: list[str] = []
    for route in ROUTES:
        if route.allowed is None:
            continue
        url = route.url(values)
        if route.method == "GET" and route.path in QUERIES:
            url += "?" + QUERIES[route.path].format(**values)
        body = {} if route.method in {"POST", "PUT"} else None
        r = await client.request(route.method, url, json=body, headers={"accept": "application/json"})
        where = f"{who} {route.method} {url} -> {r.status_code}"
        assert_security_headers(r, where)
        if r.status_code >= 500:
            problems.append(f"{where}: server error {r.text[:200]}")
        elif who not in route.allowed:
            if r.status_code != (401 if who == "anonymous" else 403):
                problems.append(f"{where}: should be refused by {route.guards}")
        elif r.status_code in {401, 403}:
            problems.append(f"{where}: refused, but its guards {route.guards} admit {who} ({r.text[:120]})")
        elif route.method == "GET" and not route.has_params and r.status_code >= 400:
            problems.append(f"{where}: an allowed role cannot open it ({r.text[:120]})")
    return problems


@pytest.mark.timeout(600)
async def test_each_route_admits_exactly_the_roles_its_guards_name(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    values = await _ids(db, council, await _world(council, clients))
    signed_in: dict[str, Client] = {"anonymous": await clients().prepare()}
    signed_in["child"] = await clients().as_child(council.codes["Ben"])
    for role in ROLES:
        signed_in[role] = await clients().as_staff(council.staff[role])
    found = await asyncio.gather(*[_sweep(signed_in[who], who, values) for who in WHO])
    problems = [line for lines in found for line in lines]
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("who", ["anonymous", "child", "head_of_service"])
async def test_every_get_route_answers_with_the_security_headers(
    who: str, council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    values = await _ids(db, council, await _world(council, clients))
    client = await clients().prepare()
    if who == "child":
        await client.as_child(council.codes["Ava"])
    elif who != "anonymous":
        await client.as_staff(council.staff[who])
    public_gets = [r for r in ROUTES if r.method == "GET" and r.allowed is None and "sso" not in r.path]
    guarded_gets = [r for r in ROUTES if r.method == "GET" and r.allowed is not None]
    seen = 0
    for route in [*public_gets, *guarded_gets]:
        for accept in ("text/html", "application/json"):
            r = await client.get(route.url(values), headers={"accept": accept})
            assert_security_headers(r, f"{who} GET {r.request.url.path} ({accept}) -> {r.status_code}")
            assert r.status_code < 500, f"{who} GET {r.request.url.path} -> {r.status_code}: {r.text[:200]}"
            seen += 1
    assert seen > 150


def _route(method: str, path: str) -> Route:
    return next(r for r in ROUTES if r.method == method and r.path == path)


async def test_a_signed_out_staff_cookie_opens_nothing(council: Council, clients: Callable[[], Client]) -> None:
    worker = await clients().as_staff(council.staff["worker"])
    stolen = dict(worker.cookies.items())
    assert (await worker.get("/staff/inbox", headers={"accept": "application/json"})).status_code == 200
    r = await worker.post("/sign-out", data={"_csrf_token": worker.headers["x-csrftoken"]})
    assert r.status_code == 303
    thief = await clients().prepare()
    thief.cookies.set("heard_session", stolen["heard_session"])
    for path in ["/api/session", "/api/inbox", "/staff/inbox"]:
        r = await thief.get(path, headers={"accept": "application/json"})
        assert r.status_code == 401, f"{path} -> {r.status_code} with a signed-out cookie"
    page = await thief.get("/staff/inbox", headers={"accept": "text/html"})
    assert page.status_code in {302, 303} and page.headers["location"] == "/staff/sign-in"


async def test_a_signed_out_child_cookie_opens_nothing(council: Council, clients: Callable[[], Client]) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    stolen = ava.cookies["heard_session"]
    assert (await ava.get("/messages")).status_code == 200
    assert (await ava.post("/sign-out", data={"_csrf_token": ava.headers["x-csrftoken"]})).status_code == 303
    thief = await clients().prepare()
    thief.cookies.set("heard_session", stolen)
    r = await thief.post(
        "/api/submissions", json={"kind": "statement", "text": "not Ava"}, headers={"Idempotency-Key": uuid.uuid4().hex}
    )
    assert r.status_code == 401
    assert (await thief.get("/api/submissions", headers={"accept": "application/json"})).status_code == 401
    page = await thief.get("/messages", headers={"accept": "text/html"})
    assert page.status_code in {302, 303} and page.headers["location"] == "/sign-in"
