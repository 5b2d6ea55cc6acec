"""A child's lost card: the allocated worker or an admin makes a new access code and prints it."""

from __future__ import annotations

import re
from collections.abc import Callable

import asyncpg
import pytest
from support import Client, Council, axe_violations

CODE = re.compile(r"<code>([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})</code>")


async def new_code(client: Client, child_id: int) -> str:
    r = await client.post(f"/staff/children/{child_id}/access-code")
    assert r.status_code == 200, r.text
    found = CODE.search(r.text)
    assert found, r.text
    return found.group(1)


async def test_the_allocated_worker_replaces_a_lost_card_and_the_old_code_stops_at_once(
    clients: Callable[[], Client], council: Council, db: asyncpg.Connection
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    worker = await clients().as_staff(council.staff["worker"])
    confirm = await worker.get(f"/staff/children/{council.children['Ava']}/access-code")
    assert "Their old code stops working straight away" in confirm.text
    code = await new_code(worker, council.children["Ava"])
    assert code != council.codes["Ava"]
    assert (await ava.get("/api/session")).status_code == 401  # signed out everywhere
    old = await (await clients().prepare()).post("/api/session/child", json={"code": council.codes["Ava"]})
    assert old.status_code == 401
    await clients().as_child(code)
    audited = await db.fetchval(
        "select count(*) from audit_log where action = 'issued_access_code' and child_id = $1 and actor_id = $2",
        council.children["Ava"],
        council.staff_ids["worker"],
    )
    assert audited == 1


async def test_an_admin_may_replace_any_card_in_the_council(clients: Callable[[], Client], council: Council) -> None:
    boss = await clients().as_staff(council.staff["admin"])
    code = await new_code(boss, council.children["Dee"])
    await clients().as_child(code)


@pytest.mark.parametrize("who", ["worker_b", "iro", "duty_officer"])
async def test_staff_not_allocated_as_the_childs_worker_cannot(
    clients: Callable[[], Client], council: Council, who: str
) -> None:
    someone = await clients().as_staff(council.staff[who])
    for r in (
        await someone.get(f"/staff/children/{council.children['Ava']}/access-code"),
        await someone.post(f"/staff/children/{council.children['Ava']}/access-code"),
    ):
        assert r.status_code == 404
        assert "No child with that reference is allocated to you." in r.text
    await clients().as_child(council.codes["Ava"])  # the card still works


async def test_a_child_of_another_council_is_not_found(
    clients: Callable[[], Client], council: Council, db: asyncpg.Connection
) -> None:
    from support import make_council

    other = await make_council(db)
    boss = await clients().as_staff(council.staff["admin"])
    assert (await boss.post(f"/staff/children/{other.children['Ava']}/access-code")).status_code == 404
    await clients().as_child(other.codes["Ava"])


@pytest.mark.browser
async def test_the_card_prints_alone_and_both_pages_pass_axe(page, council: Council) -> None:  # type: ignore[no-untyped-def]
    from test_council_staff import sign_in_admin

    await sign_in_admin(page, council)
    await page.goto(f"/staff/children/{council.children['Ben']}/access-code")
    assert await axe_violations(page) == []
    await page.click("main form button[type=submit]")
    await page.wait_for_selector(".code-card")
    assert await axe_violations(page) == []
    assert council.slug + "-Ben" in await page.inner_text(".code-card")
    await page.emulate_media(media="print")
    assert not await page.is_visible(".site-header")
    assert not await page.is_visible("text=Print this card now")
    assert await page.is_visible(".code-card")


async def test_a_worker_finds_their_childrens_cards_from_home(clients: Callable[[], Client], council: Council) -> None:
    worker = await clients().as_staff(council.staff["worker"])
    assert "/staff/children" in (await worker.get("/home")).text
    listing = (await worker.get("/staff/children")).text
    assert f'href="/staff/children/{council.children["Ava"]}/access-code"' in listing
    assert f'href="/staff/children/{council.children["Ben"]}/access-code"' in listing
    assert "Cai" not in listing  # worker B's
