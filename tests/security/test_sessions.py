"""Sessions end: at a fixed lifetime however active (staff 12 hours, children 8), on sign-out with the browser told
to clear what it kept, and when someone else signs in on the same browser."""

from __future__ import annotations

from collections.abc import Callable

import asyncpg
import pytest
from support import PASSWORD, Client, Council

CLEAR = '"cache", "cookies", "storage"'


async def _age(db: asyncpg.Connection, client: Client, hours: float) -> None:
    """Make the client's session `hours` old while it stays active (seen a moment ago)."""
    from heard.accounts.secrets import token_hash

    await db.execute(
        "update sessions set created_at = now() - make_interval(secs => $2), last_seen_at = now() "
        "where token_hash = $1",
        token_hash(client.cookies["heard_session"]),
        hours * 3600,
    )


async def test_a_childs_session_ends_after_8_hours_however_active(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    await _age(db, ava, 7.9)
    assert (await ava.get("/api/session/")).status_code == 200
    await _age(db, ava, 8.01)
    assert (await ava.get("/api/session/")).status_code == 401


async def test_a_staff_session_ends_after_12_hours_however_active(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    worker = await clients().as_staff(council.staff["worker"])
    await _age(db, worker, 11.9)
    assert (await worker.get("/api/session/")).status_code == 200
    await _age(db, worker, 12.01)
    assert (await worker.get("/api/session/")).status_code == 401


@pytest.mark.parametrize("variable", ["HEARD_SESSION_STAFF_HOURS", "HEARD_SESSION_CHILD_HOURS"])
@pytest.mark.parametrize("value", ["0", "200", "eight"])
def test_a_session_lifetime_out_of_range_is_refused_naming_the_variable(variable: str, value: str) -> None:
    from heard import settings
    from heard.errors import ConfigurationError

    env = {"DATABASE_URL": "postgresql://x@h/d", "REDIS_URL": "redis://h/0", "HEARD_SECRET_KEY": "k" * 40}
    with pytest.raises(ConfigurationError, match=f"{variable} is not valid"):
        settings.load({**env, variable: value})
    assert settings.load({**env, variable: "24"}).app is not None


@pytest.mark.parametrize(("method", "path"), [("DELETE", "/api/session"), ("POST", "/api/session/everywhere")])
async def test_signing_out_tells_the_browser_to_clear_its_data(
    method: str, path: str, council: Council, clients: Callable[[], Client]
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    r = await ava.request(method, path)
    assert r.status_code == 200
    assert r.headers["clear-site-data"] == CLEAR


async def test_signing_out_on_the_page_tells_the_browser_to_clear_its_data(
    council: Council, clients: Callable[[], Client]
) -> None:
    worker = await clients().as_staff(council.staff["worker"])
    r = await worker.post("/sign-out", data={"_csrf_token": worker.headers["x-csrftoken"]})
    assert r.status_code == 303 and r.headers["clear-site-data"] == CLEAR
    assert (await worker.get("/api/session/")).status_code == 401


async def test_a_new_sign_in_ends_the_browsers_previous_session(
    council: Council, clients: Callable[[], Client]
) -> None:
    shared = await clients().as_child(council.codes["Ava"])  # the tablet in the children's home
    avas = shared.cookies["heard_session"]
    r = await shared.post("/api/session/child", json={"code": council.codes["Ben"]})
    assert r.status_code == 201
    assert (await shared.get("/api/session/")).json()["id"] == council.children["Ben"]
    replay = await clients().prepare()
    replay.cookies.set("heard_session", avas)
    assert (await replay.get("/api/session/")).status_code == 401, "Ava's session must end when Ben signs in"


async def test_a_new_staff_sign_in_on_the_page_ends_the_previous_session(
    council: Council, clients: Callable[[], Client]
) -> None:
    shared = await clients().as_staff(council.staff["worker"])
    before = shared.cookies["heard_session"]
    r = await shared.post("/staff/sign-in", data={"email": council.staff["iro"], "password": PASSWORD})
    assert r.status_code == 303, r.text
    replay = await clients().prepare()
    replay.cookies.set("heard_session", before)
    assert (await replay.get("/api/session/")).status_code == 401
