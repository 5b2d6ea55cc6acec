"""A guesser is slowed down, then blocked, per code, account and address; the real holder still signs in on a
device they used before; the child's worker hears that the code is being guessed; and only a trusted load balancer
says where a request came from."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import asyncpg
import pytest
from support import PASSWORD, Client, Council, Process, heard_env, start_web


def _wrong(real: str) -> str:
    return real[:5] + ("AAAA" if real[5:9] != "AAAA" else "BBBB") + real[9:]


async def _guessed(db: asyncpg.Connection, key: str, times: int = 12) -> None:
    """A patient guesser's earlier wrong tries, spaced out as the backoff forces (the holder signed in before)."""
    await db.execute("update sign_in_attempts set at = now() - interval '1 hour' where key = $1 and succeeded", key)
    await db.execute(
        "insert into sign_in_attempts (key, succeeded, at) "
        "select $1, false, now() - make_interval(secs => 30 + g * 30) from generate_series(1, $2) g",
        key,
        times,
    )


async def test_a_guesser_is_blocked_but_the_child_still_signs_in_on_their_own_device(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    real = council.codes["Ava"]
    phone = await clients().as_child(real)  # Ava's own phone: she signed in here before
    assert phone.cookies.get("heard_device")
    guesser = await clients().prepare()
    for _ in range(3):
        assert (await guesser.post("/api/session/child", json={"code": _wrong(real)})).status_code == 401
    await _guessed(db, f"code:{real[:4]}")
    r = await guesser.post("/api/session/child", json={"code": _wrong(real)})
    assert r.status_code == 429 and int(r.headers["retry-after"]) > 60
    r = await guesser.post("/api/session/child", json={"code": real})
    assert r.status_code == 429, "a browser that never signed in as Ava stays blocked, even with the right code"
    await phone.delete("/api/session")
    r = await phone.post("/api/session/child", json={"code": real})
    assert r.status_code == 201, r.text
    assert (await phone.get("/api/session/")).json()["id"] == council.children["Ava"]
    # Her success does not reset the guesser's count.
    assert (await guesser.post("/api/session/child", json={"code": real})).status_code == 429


async def test_a_forged_device_cookie_does_not_get_past_the_block(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    real = council.codes["Ben"]
    await _guessed(db, f"code:{real[:4]}")
    guesser = await clients().prepare()
    guesser.cookies.set("heard_device", f"child:{council.children['Ben']}.{'0' * 32}")
    assert (await guesser.post("/api/session/child", json={"code": real})).status_code == 429


async def test_a_guesser_is_blocked_but_the_staff_member_still_signs_in_on_their_own_computer(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    email = council.staff["worker"]
    laptop = await clients().as_staff(email)
    await laptop.delete("/api/session")
    await _guessed(db, f"account:{email}")
    guesser = await clients().prepare()
    r = await guesser.post("/api/session/staff", json={"email": email, "password": PASSWORD})
    assert r.status_code == 429
    r = await laptop.post("/api/session/staff", json={"email": email, "password": PASSWORD})
    assert r.status_code == 201, r.text
    r = await laptop.post("/api/session/staff", json={"email": email, "password": "wrong"})
    assert r.status_code == 401, "a known device still needs the right password"


async def test_the_childs_worker_is_told_their_code_is_being_guessed_once(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    real = council.codes["Ava"]
    worker = await clients().as_staff(council.staff["worker"])
    assert "trying to guess" not in (await worker.get("/staff/inbox")).text
    guesser = await clients().prepare()
    for _ in range(3):
        assert (await guesser.post("/api/session/child", json={"code": _wrong(real)})).status_code == 401
    page = (await worker.get("/staff/inbox")).text
    assert "Someone may be trying to guess Ava&#39;s sign-in code" in page or "guess Ava's sign-in code" in page
    await _guessed(db, f"code:{real[:4]}", times=2)
    await db.execute(
        "delete from sign_in_attempts where key = $1 and at > now() - interval '20 seconds'", f"code:{real[:4]}"
    )  # let the guesser try again now, as if they had waited
    assert (await guesser.post("/api/session/child", json={"code": _wrong(real)})).status_code == 401
    told = await db.fetchval("select count(*) from staff_notices where child_id = $1", council.children["Ava"])
    assert told == 1, "one notice per quarter of an hour, however many tries"
    other = await clients().as_staff(council.staff["worker_b"])
    assert "trying to guess" not in (await other.get("/staff/inbox")).text


async def test_a_spoofed_forwarded_for_from_an_untrusted_client_is_ignored(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    guesser = await clients().prepare()
    r = await guesser.post(
        "/api/session/child", json={"code": _wrong(council.codes["Cai"])}, headers={"X-Forwarded-For": "203.0.113.9"}
    )
    assert r.status_code == 401
    keys = await db.fetch("select key from sign_in_attempts where key like 'ip:%' and at > now() - interval '5 s'")
    assert "ip:203.0.113.9" not in {k["key"] for k in keys}
    assert "ip:127.0.0.1" in {k["key"] for k in keys}


@pytest.fixture(scope="module")
def behind_proxy(database_url: str, redis_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Process]:
    """The web service told that this machine is its load balancer."""
    env = heard_env(database_url, redis_url, HEARD_TRUSTED_PROXIES="127.0.0.1/32, ::1")
    proc = start_web(env, Path(tmp_path_factory.mktemp("proxy-logs")))
    yield proc
    proc.stop()


async def test_the_forwarded_for_of_a_trusted_proxy_is_honoured(
    council: Council, behind_proxy: Process, db: asyncpg.Connection
) -> None:
    async with Client(base_url=behind_proxy.url, timeout=20) as c:
        await c.prepare()
        r = await c.post(
            "/api/session/child",
            json={"code": _wrong(council.codes["Dee"])},
            headers={"X-Forwarded-For": "198.51.100.7"},
        )
        assert r.status_code == 401
    assert await db.fetchval("select exists(select 1 from sign_in_attempts where key = 'ip:198.51.100.7')")


def test_a_trusted_proxy_that_is_not_an_address_is_refused_naming_the_variable() -> None:
    from heard import settings
    from heard.errors import ConfigurationError

    env = {"DATABASE_URL": "postgresql://x@h/d", "REDIS_URL": "redis://h/0", "HEARD_SECRET_KEY": "k" * 40,
           "HEARD_TRUSTED_PROXIES": "10.0.0.0/8, loadbalancer"}  # fmt: skip
    with pytest.raises(ConfigurationError, match=r"HEARD_TRUSTED_PROXIES.*'loadbalancer' is not an IP address"):
        settings.load(env)
    assert settings.load({**env, "HEARD_TRUSTED_PROXIES": "10.0.0.0/8, 192.168.1.4"}).app.proxies == [
        "10.0.0.0/8",
        "192.168.1.4",
    ]
