"""A TOTP code works once: the same code is refused a second time, even inside its 30 seconds, and so is an
older one once a newer one was used."""

from __future__ import annotations

import time
from collections.abc import Callable

import pyotp
from support import PASSWORD, TOTP_SECRET, Client, Council

USED = "That code has already been used. Wait for your app to show a new one, then type that."


async def _password(clients: Callable[[], Client], email: str) -> Client:
    c = await clients().prepare()
    assert (await c.post("/api/session/staff", json={"email": email, "password": PASSWORD})).status_code == 201
    return c


async def test_the_same_code_cannot_be_used_twice_even_within_its_window(
    council: Council, clients: Callable[[], Client]
) -> None:
    email = council.staff["admin"]
    totp = pyotp.TOTP(TOTP_SECRET)
    code = totp.now()
    first = await _password(clients, email)
    assert (await first.post("/api/session/totp", json={"code": code})).status_code == 200
    onlooker = await _password(clients, email)  # someone who saw the code over the admin's shoulder
    r = await onlooker.post("/api/session/totp", json={"code": code})
    assert r.status_code == 422, r.text
    assert r.json()["errors"][0]["field"] == "code" and r.json()["errors"][0]["message"] == USED
    assert (await onlooker.get("/api/admin/privacy/requests")).status_code == 401
    # The page says it in the same plain words.
    page = await onlooker.post("/staff/totp", data={"code": code})
    assert page.status_code == 400 and "That code has already been used" in page.text


async def test_an_older_code_is_refused_once_a_newer_one_was_used(
    council: Council, clients: Callable[[], Client]
) -> None:
    email = council.staff["admin"]
    totp = pyotp.TOTP(TOTP_SECRET)
    newer = await _password(clients, email)
    assert (await newer.post("/api/session/totp", json={"code": totp.at(time.time() + 30)})).status_code == 200
    older = await _password(clients, email)
    r = await older.post("/api/session/totp", json={"code": totp.now()})
    assert r.status_code == 422 and r.json()["errors"][0]["message"] == USED


async def test_a_wrong_code_is_still_explained_as_wrong(council: Council, clients: Callable[[], Client]) -> None:
    c = await _password(clients, council.staff["admin"])
    wrong = "000000" if pyotp.TOTP(TOTP_SECRET).now() != "000000" else "111111"
    r = await c.post("/api/session/totp", json={"code": wrong})
    assert r.status_code == 422
    assert r.json()["errors"][0]["message"].startswith("That code is not right.")
