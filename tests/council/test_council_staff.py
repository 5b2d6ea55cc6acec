"""Staff management by a council's admin: invite, roles, allocations, switching off, resets, recovery codes."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import asyncpg
import pyotp
import pytest
from support import PASSWORD, Client, Council, axe_violations, sign_in_admin

NEW_PASSWORD = "a brand new password for heard"
LINK = re.compile(r"http://[^\s<\"]+/staff/set-up/[A-Za-z0-9_-]+")


async def admin(clients: Callable[[], Client], council: Council) -> Client:
    return await clients().as_staff(council.staff["admin"])


def invite_form(council: Council, email: str, **extra: object) -> dict[str, object]:
    return {"email": email, "name": "Nia Newstarter", "team": "North team", "roles": ["worker"], **extra}


async def invite(client: Client, council: Council, email: str) -> str:
    r = await client.post("/admin/staff", data=invite_form(council, email))
    assert r.status_code == 200, r.text
    link = LINK.search(r.text)
    assert link, r.text
    return path(link.group(0))


def path(url: str) -> str:
    """The link's path: the test server's address is not the HEARD_BASE_URL the link is made with."""
    return "/staff/set-up/" + url.rsplit("/", 1)[1]


async def set_up(clients: Callable[[], Client], url: str, password: str = NEW_PASSWORD) -> tuple[str, str]:
    """Open the link, choose the password and enrol; returns (authenticator secret, the page after)."""
    person = await clients().prepare()
    page = await person.get(url)
    assert page.status_code == 200, page.text
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', page.text)
    assert secret, page.text
    done = await person.post(
        url, data={"password": password, "confirm": password, "code": pyotp.TOTP(secret.group(1)).now()}
    )
    assert done.status_code == 200, done.text
    return secret.group(1), done.text


_SPENT: dict[str, int] = {}


def next_code(secret: str) -> str:
    """A code of a later step than any this test spent: set-up spends its code, and a code works once. The next
    step is accepted for clock drift; beyond that, wait for it."""
    totp = pyotp.TOTP(secret)
    step = max(int(time.time()) // totp.interval + 1, _SPENT.get(secret, -1) + 1)
    while step > int(time.time()) // totp.interval + 1:
        time.sleep(0.5)
    _SPENT[secret] = step
    return totp.generate_otp(step)


async def sign_in(clients: Callable[[], Client], email: str, password: str, secret: str | None = None) -> Client:
    person = await clients().prepare()
    r = await person.post("/api/session/staff", json={"email": email, "password": password})
    assert r.status_code == 201, r.text
    if secret:
        r = await person.post("/api/session/totp", json={"code": next_code(secret)})
        assert r.status_code == 200, r.text
    return person


async def test_an_invited_member_of_staff_sets_a_password_and_signs_in(
    clients: Callable[[], Client], council: Council, db: asyncpg.Connection
) -> None:
    boss = await admin(clients, council)
    email = f"nia@{council.slug}.example"
    url = await invite(boss, council, email)
    row = await db.fetchrow("select roles, team, council_id from staff where email = $1", email)
    assert (row["roles"], row["team"], row["council_id"]) == (["worker"], "North team", council.id)
    # Before setting up, no password works.
    refused = await (await clients().prepare()).post("/api/session/staff", json={"email": email, "password": PASSWORD})
    assert refused.status_code == 401
    secret, page = await set_up(clients, url)
    assert "Your recovery codes" in page
    nia = await sign_in(clients, email, NEW_PASSWORD, secret)
    assert (await nia.get("/api/session")).json()["roles"] == ["worker"]
    listing = (await boss.get("/admin/staff")).text
    assert "Nia Newstarter" in listing


async def test_set_up_link_mistakes_are_explained_and_the_link_still_works(
    clients: Callable[[], Client], council: Council
) -> None:
    url = await invite(await admin(clients, council), council, f"oops@{council.slug}.example")
    person = await clients().prepare()
    page = (await person.get(url)).text
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', page).group(1)  # type: ignore[union-attr]
    code = pyotp.TOTP(secret).now()
    for sent, said in [
        ({"password": "short", "confirm": "short", "code": code}, "Choose a password of at least 12 characters."),
        ({"password": NEW_PASSWORD, "confirm": NEW_PASSWORD + "x", "code": code}, "The two passwords are not the same"),
        ({"password": NEW_PASSWORD, "confirm": NEW_PASSWORD, "code": "000000"}, "That code is not right"),
    ]:
        r = await person.post(url, data=sent)
        assert r.status_code == 400
        assert said in r.text
    secret_again, _ = await set_up(clients, url)
    assert secret_again == secret  # the same authenticator entry, not a new one each time the page is opened


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (
            {"roles": ["wizard"]},
            "“wizard” is not one of Heard&#39;s roles. Choose from: Social worker or personal adviser",
        ),
        ({"roles": []}, "Choose at least one role."),
        ({"email": "nobody"}, "Enter an email address"),
        ({"name": ""}, "Enter the person&#39;s name"),
    ],
)
async def test_a_bad_invitation_is_refused_and_nobody_is_added(
    clients: Callable[[], Client], council: Council, db: asyncpg.Connection, change: dict[str, object], said: str
) -> None:
    boss = await admin(clients, council)
    before = await db.fetchval("select count(*) from staff where council_id = $1", council.id)
    form = {k: v for k, v in {**invite_form(council, f"x@{council.slug}.example"), **change}.items() if v != []}
    r = await boss.post("/admin/staff", data=form)
    assert r.status_code == 400
    assert said in r.text
    assert await db.fetchval("select count(*) from staff where council_id = $1", council.id) == before


async def test_inviting_an_email_already_on_staff_says_so(
    clients: Callable[[], Client], council: Council, db: asyncpg.Connection
) -> None:
    boss = await admin(clients, council)
    r = await boss.post("/admin/staff", data=invite_form(council, council.staff["worker"].upper()))
    assert r.status_code == 400
    assert f"{council.staff['worker']} is already on Heard&#39;s staff list" in r.text
    assert (
        await db.fetchval(
            "select count(*) from staff_setup_links l join staff s on s.id = l.staff_id where s.council_id = $1",
            council.id,
        )
        == 0
    )


async def test_single_sign_on_only_staff_get_no_link(
    clients: Callable[[], Client], council: Council, db: asyncpg.Connection
) -> None:
    boss = await admin(clients, council)
    email = f"sso@{council.slug}.example"
    r = await boss.post("/admin/staff", data=invite_form(council, email, sso_only="1"))
    assert r.status_code == 200
    assert "signs in with your council's single sign-on" in r.text
    assert not LINK.search(r.text)
    assert await db.fetchval("select sso_only from staff where email = $1", email) is True


async def test_the_sign_in_page_tells_a_switched_off_account_only_with_the_right_password(
    clients: Callable[[], Client], council: Council
) -> None:
    boss = await admin(clients, council)
    assert (await boss.post(f"/admin/staff/{council.staff_ids['iro']}/disable")).status_code == 303
    form = await clients().prepare()

    page = await form.post("/staff/sign-in", data={"email": council.staff["iro"], "password": PASSWORD})
    assert page.status_code == 400
    assert "This account has been switched off. Ask your Heard administrator if you need it back." in page.text
    assert (await form.get("/api/session")).status_code == 401
    page = await form.post("/staff/sign-in", data={"email": council.staff["iro"], "password": PASSWORD + "x"})
    assert page.status_code == 400
    assert "do not match an account" in page.text and "switched off" not in page.text


async def test_disabling_ends_every_session_at_once_and_enabling_restores_sign_in(
    clients: Callable[[], Client], council: Council, db: asyncpg.Connection
) -> None:
    boss = await admin(clients, council)
    worker = await clients().as_staff(council.staff["worker"])
    assert (await worker.get("/api/session")).status_code == 200
    staff_id = council.staff_ids["worker"]
    r = await boss.post(f"/admin/staff/{staff_id}/disable")
    assert r.status_code == 303
    assert (await worker.get("/api/session")).status_code == 401
    again = await (await clients().prepare()).post(
        "/api/session/staff", json={"email": council.staff["worker"], "password": PASSWORD}
    )
    assert again.status_code == 401
    assert again.json()["detail"] == (
        "This account has been switched off. Ask your Heard administrator if you need it back."
    )
    guess = await (await clients().prepare()).post(
        "/api/session/staff", json={"email": council.staff["worker"], "password": PASSWORD + "x"}
    )
    assert guess.status_code == 401
    assert guess.json()["detail"] == "That email address and password do not match an account."
    assert "Switched off" in (await boss.get(f"/admin/staff/{staff_id}?done=disabled")).text
    assert (await boss.post(f"/admin/staff/{staff_id}/enable")).status_code == 303
    await clients().as_staff(council.staff["worker"])
    actions = [
        r["action"]
        for r in await db.fetch(
            "select action from audit_log where subject_kind = 'staff' and subject_id = $1 order by id", staff_id
        )
    ]
    assert actions[-3:] == ["staff_disabled", "staff_enabled", "signed_in"]


async def test_changing_roles_and_team_applies_at_once(
    clients: Callable[[], Client], council: Council, db: asyncpg.Connection
) -> None:
    boss = await admin(clients, council)
    worker = await clients().as_staff(council.staff["worker"])
    staff_id = council.staff_ids["worker"]
    r = await boss.post(f"/admin/staff/{staff_id}/roles", data={"roles": ["worker", "iro"], "team": "Leaving care"})
    assert r.status_code == 303
    row = await db.fetchrow("select roles, team from staff where id = $1", staff_id)
    assert (sorted(row["roles"]), row["team"]) == (["iro", "worker"], "Leaving care")
    assert (await worker.get("/api/session")).status_code == 401  # signs in again with the new roles
    bad = await boss.post(f"/admin/staff/{staff_id}/roles", data={"roles": ["worker", "wizard"]})
    assert bad.status_code == 400
    assert "“wizard” is not one of Heard&#39;s roles. Choose from: Social worker or personal adviser" in bad.text


async def test_the_last_admin_cannot_be_disabled_or_demoted(
    clients: Callable[[], Client], council: Council, db: asyncpg.Connection
) -> None:
    boss = await admin(clients, council)
    admin_id = council.staff_ids["admin"]
    for path, form in [
        (f"/admin/staff/{admin_id}/disable", {}),
        (f"/admin/staff/{admin_id}/roles", {"roles": ["worker"]}),
    ]:
        r = await boss.post(path, data=form)
        assert r.status_code == 409
        assert "is this council&#39;s last administrator" in r.text
    row = await db.fetchrow("select roles, disabled_at from staff where id = $1", admin_id)
    assert (row["roles"], row["disabled_at"]) == (["admin"], None)
    # With a second admin, the first may step down.
    second = council.staff_ids["duty_manager"]
    assert (
        await boss.post(f"/admin/staff/{second}/roles", data={"roles": ["duty_manager", "admin"]})
    ).status_code == 303
    assert (await boss.post(f"/admin/staff/{admin_id}/roles", data={"roles": ["worker"]})).status_code == 303


async def test_a_password_reset_stops_the_old_password_and_the_new_link_works(
    clients: Callable[[], Client], council: Council, db: asyncpg.Connection
) -> None:
    boss = await admin(clients, council)
    worker = await clients().as_staff(council.staff["worker"])
    r = await boss.post(f"/admin/staff/{council.staff_ids['worker']}/password")
    assert r.status_code == 200
    assert "Their old password has stopped working" in r.text
    url = path(LINK.search(r.text).group(0))  # type: ignore[union-attr]
    assert (await worker.get("/api/session")).status_code == 401
    old = await (await clients().prepare()).post(
        "/api/session/staff", json={"email": council.staff["worker"], "password": PASSWORD}
    )
    assert old.status_code == 401
    secret, _ = await set_up(clients, url)
    await sign_in(clients, council.staff["worker"], NEW_PASSWORD, secret)
    used = await (await clients().prepare()).get(url)
    assert used.status_code == 410
    assert "already been used" in used.text


async def test_resetting_an_authenticator_lets_them_enrol_again(
    clients: Callable[[], Client], council: Council, db: asyncpg.Connection
) -> None:
    url = await invite(await admin(clients, council), council, f"lost@{council.slug}.example")
    await set_up(clients, url)
    staff_id = await db.fetchval("select id from staff where email = $1", f"lost@{council.slug}.example")
    boss = await admin(clients, council)
    assert (await boss.post(f"/admin/staff/{staff_id}/authenticator")).status_code == 303
    row = await db.fetchrow("select totp_secret, totp_enabled_at from staff where id = $1", staff_id)
    assert (row["totp_secret"], row["totp_enabled_at"]) == (None, None)
    assert await db.fetchval("select count(*) from staff_recovery_codes where staff_id = $1", staff_id) == 0


async def test_a_recovery_code_passes_the_authenticator_step_once(
    clients: Callable[[], Client], council: Council, db: asyncpg.Connection
) -> None:
    email = f"phone@{council.slug}.example"
    url = await invite(await admin(clients, council), council, email)
    _, page = await set_up(clients, url)
    codes = re.findall(r"<li><code>([A-Z0-9]{5}-[A-Z0-9]{5})</code></li>", page)
    assert len(codes) == 10
    stored = await db.fetch(
        "select code_hash from staff_recovery_codes r join staff s on s.id = r.staff_id where s.email = $1", email
    )
    assert all(r["code_hash"].startswith("$argon2id$") and codes[0] not in r["code_hash"] for r in stored)
    person = await sign_in(clients, email, NEW_PASSWORD)
    assert (await person.get("/api/session")).status_code == 401  # the authenticator step is still to do
    r = await person.post("/staff/recovery-codes/use", data={"code": codes[0].lower()})
    assert r.status_code == 303
    assert (await person.get("/api/session")).status_code == 200
    other = await sign_in(clients, email, NEW_PASSWORD)
    r = await other.post("/staff/recovery-codes/use", data={"code": codes[0]})
    assert r.status_code == 400
    assert "has been used already" in r.text


async def test_the_council_chooses_which_roles_must_use_an_authenticator(
    clients: Callable[[], Client], council: Council, db: asyncpg.Connection
) -> None:
    worker = await clients().as_staff(council.staff["worker"])  # no requirement stored: workers need none
    assert (await worker.get("/api/session")).status_code == 200
    await db.execute("insert into council_settings (council_id, totp_roles) values ($1, '{worker,admin}')", council.id)
    assert (await worker.get("/api/session")).json()["detail"] == "Please enter the code from your authenticator app."
    board = await clients().as_staff(council.staff["board_member"])
    assert (await board.get("/api/session")).status_code == 200


async def test_an_admin_allocates_a_child_to_a_worker(
    clients: Callable[[], Client], council: Council, db: asyncpg.Connection
) -> None:
    boss = await admin(clients, council)
    worker_b = council.staff_ids["worker_b"]
    r = await boss.post(f"/admin/staff/{worker_b}/allocate", data={"reference": f"{council.slug}-Dee"})
    assert r.status_code == 303
    assert (
        await db.fetchval(
            "select count(*) from allocations where staff_id = $1 and child_id = $2", worker_b, council.children["Dee"]
        )
        == 1
    )
    bad = await boss.post(f"/admin/staff/{worker_b}/allocate", data={"reference": "NOPE-1"})
    assert bad.status_code == 400
    assert "There is no child with the case reference &#39;NOPE-1&#39;." in bad.text
    not_worker = await boss.post(
        f"/admin/staff/{council.staff_ids['board_member']}/allocate", data={"reference": f"{council.slug}-Dee"}
    )
    assert not_worker.status_code == 400
    assert "Only a member of staff with the worker role" in not_worker.text


async def test_another_councils_staff_are_not_found(
    clients: Callable[[], Client], council: Council, db: asyncpg.Connection
) -> None:
    from support import make_council

    other = await make_council(db)
    boss = await admin(clients, council)
    r = await boss.post(f"/admin/staff/{other.staff_ids['worker']}/disable")
    assert r.status_code == 404
    assert await db.fetchval("select disabled_at from staff where id = $1", other.staff_ids["worker"]) is None


@pytest.mark.browser
async def test_staff_pages_pass_axe(page, council: Council) -> None:  # type: ignore[no-untyped-def]
    await sign_in_admin(page, council)
    await page.goto("/admin/staff")
    assert await axe_violations(page) == []
    await page.fill("#email", f"axe@{council.slug}.example")
    await page.fill("#name", "Axe Tester")
    await page.check("#role-new-worker")
    await page.click("form[action='/admin/staff'] button[type=submit]")
    await page.wait_for_selector("#set-up-link")
    assert await axe_violations(page) == []
    await page.goto(f"/admin/staff/{council.staff_ids['admin']}")
    await page.click(f"form[action='/admin/staff/{council.staff_ids['admin']}/disable'] button")
    await page.wait_for_selector(".error-summary")
    assert "last administrator" in await page.inner_text(".error-summary")
    assert await axe_violations(page) == []


async def test_any_member_of_staff_may_enrol_an_authenticator_and_make_recovery_codes(
    clients: Callable[[], Client], council: Council, db: asyncpg.Connection
) -> None:
    board = await clients().as_staff(council.staff["board_member"])  # a role no council requires it of
    page = (await board.get("/staff/authenticator")).text
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', page).group(1)  # type: ignore[union-attr]
    r = await board.post("/staff/totp", data={"code": pyotp.TOTP(secret).now()})
    assert r.status_code == 303
    assert await db.fetchval(
        "select totp_enabled_at is not null from staff where id = $1", council.staff_ids["board_member"]
    )
    assert "Your authenticator app is set up" in (await board.get("/staff/authenticator")).text
    made = await board.post("/staff/recovery-codes/")
    assert len(re.findall(r"<li><code>[A-Z0-9]{5}-[A-Z0-9]{5}</code></li>", made.text)) == 10
    assert "Your old codes no longer work" in made.text


async def test_guessing_recovery_codes_is_stopped(
    clients: Callable[[], Client], council: Council, db: asyncpg.Connection
) -> None:
    email = f"guess@{council.slug}.example"
    url = await invite(await admin(clients, council), council, email)
    _, page = await set_up(clients, url)
    right = re.findall(r"<li><code>([A-Z0-9]{5}-[A-Z0-9]{5})</code></li>", page)[0]
    person = await sign_in(clients, email, NEW_PASSWORD)
    for _ in range(5):
        r = await person.post("/staff/recovery-codes/use", data={"code": "AAAAA-BBBBB"})
        assert "is not right" in r.text
    r = await person.post("/staff/recovery-codes/use", data={"code": right})
    assert r.status_code == 400
    assert "Too many wrong codes. Try again in" in r.text
    assert (await person.get("/api/session")).status_code == 401
