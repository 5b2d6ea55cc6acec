"""Cookies, CSRF, security headers, sign-in rate limits, TOTP, sign-out and idle timeout."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import asyncpg
import pytest
from support import PASSWORD, Client, Council, fresh_totp


async def test_session_cookie_is_httponly_samesite_and_secure_in_production(
    council: Council, database_url: str, redis_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The served test app runs on plain http; here the app is built as production would run it."""
    from litestar.testing import AsyncTestClient

    from heard import settings
    from heard.app import create_app

    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("REDIS_URL", redis_url)
    monkeypatch.setenv("HEARD_SECRET_KEY", "s" * 48)
    monkeypatch.delenv("HEARD_SECURE_COOKIES", raising=False)
    monkeypatch.delenv("HEARD_DEMO", raising=False)
    settings.get.cache_clear()
    try:
        async with AsyncTestClient(create_app(), base_url="https://testserver.local") as c:
            await c.get("/")
            r = await c.post(
                "/api/session/child",
                json={"code": council.codes["Ava"]},
                headers={"x-csrftoken": c.cookies["csrftoken"]},
            )
            assert r.status_code == 201
            cookie = r.headers["set-cookie"].lower()
            assert (
                "heard_session=" in cookie and "httponly" in cookie and "secure" in cookie and "samesite=lax" in cookie
            )
    finally:
        settings.get.cache_clear()


async def test_a_post_without_the_csrf_token_is_refused_and_stores_nothing(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    del ava.headers["x-csrftoken"]
    r = await ava.post(
        "/api/submissions", json={"kind": "statement", "text": "hello"}, headers={"Idempotency-Key": uuid.uuid4().hex}
    )
    assert r.status_code == 403
    assert "expired or was not sent from Heard" in r.json()["detail"]
    assert await db.fetchval("select count(*) from submissions where child_id = $1", council.children["Ava"]) == 0


async def test_a_form_post_without_the_csrf_token_is_refused(client: Client) -> None:
    await client.get("/sign-in")
    r = await client.post("/sign-in", data={"code": "ABCD-EFGH-JKMN"})
    assert r.status_code == 403


@pytest.mark.parametrize(
    "path", ["/", "/sign-in", "/api/session/", "/health/live", "/static/heard.css", "/no-such-page"]
)
async def test_every_response_carries_the_security_headers(client: Client, path: str) -> None:
    r = await client.get(path)
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert r.headers["strict-transport-security"].startswith("max-age=")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"


async def test_the_api_schema_is_hidden_from_the_public(
    client: Client, council: Council, clients: Callable[[], Client]
) -> None:
    assert (await client.get("/schema/openapi.json")).status_code == 401
    ava = await clients().as_child(council.codes["Ava"])
    assert (await ava.get("/schema/openapi.json")).status_code == 403
    worker = await clients().as_staff(council.staff["worker"])
    r = await worker.get("/schema/openapi.json")
    assert r.status_code == 200 and "/api/submissions" in r.json()["paths"]


async def _guessed(db: asyncpg.Connection, key: str, times: int = 10) -> None:
    """A guesser's earlier wrong tries, spaced out as a patient guesser would (the backoff forces it)."""
    await db.execute(
        "insert into sign_in_attempts (key, succeeded, at) "
        "select $1, false, now() - make_interval(secs => 60 + g * 30) from generate_series(1, $2) g",
        key,
        times,
    )


def _wrong(real: str) -> str:
    return real[:5] + ("AAAA" if real[5:9] != "AAAA" else "BBBB") + real[9:]


async def test_guessing_a_childs_code_is_stopped_per_code_not_just_per_address(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    guesser = await clients().prepare()
    real = council.codes["Ava"]
    for _ in range(3):
        assert (await guesser.post("/api/session/child", json={"code": _wrong(real)})).status_code == 401
    r = await guesser.post("/api/session/child", json={"code": _wrong(real)})
    assert r.status_code == 429, "a fourth try straight away is slowed down"
    assert 1 <= int(r.headers["retry-after"]) <= 2
    await _guessed(db, f"code:{real[:4]}")
    r = await guesser.post("/api/session/child", json={"code": real})
    assert r.status_code == 429, "the right code must not work from a guesser's browser once the code is blocked"
    assert int(r.headers["retry-after"]) > 60
    assert "Too many tries" in r.json()["detail"]
    # Ben lives in the same children's home (same address) and can still sign in.
    ben = await clients().prepare()
    assert (await ben.post("/api/session/child", json={"code": council.codes["Ben"]})).status_code == 201


async def test_a_blocked_code_is_explained_on_the_page_in_the_childs_language(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    from heard import i18n

    guesser = await clients().prepare()
    real = council.codes["Ben"]
    arabic = {"accept-language": "ar"}
    r = await guesser.post("/sign-in", data={"code": _wrong(real)}, headers=arabic)
    assert r.status_code == 400 and i18n.catalogue("ar").gettext("sign_in.error.wrong") in r.text
    await _guessed(db, f"code:{real[:4]}")
    r = await guesser.post("/sign-in", data={"code": real}, headers=arabic)
    assert r.status_code == 429
    locked = i18n.catalogue("ar").gettext("sign_in.error.too_many", minutes=9)
    assert locked in r.text and "Too many tries" not in r.text
    assert 'lang="ar"' in r.text and 'dir="rtl"' in r.text
    english = await guesser.post("/sign-in", data={"code": real})
    assert "Too many tries. Please wait 9 minutes and try again" in english.text


async def test_staff_password_guessing_is_limited_per_account(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    c = await clients().prepare()
    email = council.staff["worker_b"]
    for _ in range(3):
        assert (await c.post("/api/session/staff", json={"email": email, "password": "wrong"})).status_code == 401
    assert (await c.post("/api/session/staff", json={"email": email, "password": "wrong"})).status_code == 429
    await _guessed(db, f"account:{email}")
    r = await c.post("/api/session/staff", json={"email": email, "password": PASSWORD})
    assert r.status_code == 429


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"code": "12"}, 422, "Your code has 12 letters and numbers"),
        ({"code": ""}, 400, "“Your code” is too short"),
        ({"code": "ABCD-EFGH-JKMN", "extra": 1}, 400, "We do not take “extra” here"),
        ({}, 400, "Fill in “Your code”."),
    ],
)
async def test_bad_sign_in_input_is_explained(
    client: Client, body: dict[str, object], status: int, message: str
) -> None:
    await client.prepare()
    r = await client.post("/api/session/child", json=body)
    assert r.status_code == status
    assert message in r.json()["detail"]


async def test_admins_must_pass_totp_before_anything_else(council: Council, clients: Callable[[], Client]) -> None:
    c = await clients().prepare()
    r = await c.post("/api/session/staff", json={"email": council.staff["admin"], "password": PASSWORD})
    assert r.status_code == 201
    assert (await c.post(f"/api/children/{council.children['Ava']}/access-code")).status_code == 401
    assert (await c.post("/api/session/totp", json={"code": "000000"})).status_code in {422}
    code = fresh_totp(council.staff["admin"])
    assert (await c.post("/api/session/totp", json={"code": code})).status_code == 200
    r = await c.post(f"/api/children/{council.children['Ava']}/access-code")
    assert r.status_code == 201 and len(r.json()["code"]) == 14


async def test_a_new_access_code_replaces_the_old_one(council: Council, clients: Callable[[], Client]) -> None:
    worker = await clients().as_staff(council.staff["worker"])
    r = await worker.post(f"/api/children/{council.children['Ben']}/access-code")
    new_code = r.json()["code"]
    old = await clients().prepare()
    assert (await old.post("/api/session/child", json={"code": council.codes["Ben"]})).status_code == 401
    fresh = await clients().prepare()
    assert (
        await fresh.post("/api/session/child", json={"code": new_code.lower().replace("-", " ")})
    ).status_code == 201


async def test_a_session_cookie_is_useless_after_sign_out(council: Council, clients: Callable[[], Client]) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    stolen = ava.cookies["heard_session"]
    assert (await ava.delete("/api/session/")).status_code == 200
    thief = await clients().prepare()
    thief.cookies.set("heard_session", stolen)
    assert (await thief.get("/api/session/")).status_code == 401


async def test_sign_out_everywhere_ends_every_session(council: Council, clients: Callable[[], Client]) -> None:
    phone = await clients().as_staff(council.staff["worker"])
    laptop = await clients().as_staff(council.staff["worker"])
    r = await laptop.post("/api/session/everywhere")
    assert r.json()["ended"] == 2
    assert (await phone.get("/api/session/")).status_code == 401


async def test_an_idle_session_ends(council: Council, clients: Callable[[], Client], db: asyncpg.Connection) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    await db.execute(
        "update sessions set last_seen_at = now() - interval '31 minutes' where child_id = $1", council.children["Ava"]
    )
    r = await ava.get("/api/session/")
    assert r.status_code == 401
