"""Staff single sign-on against a loopback OpenID Connect provider: a full sign-in, and every refusal with no session."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import asyncpg
import pytest
from oidc_provider import Provider
from support import Client, Council, Process

SESSIONS = "select count(*) from sessions where staff_id = $1"


async def _sign_in(web: Process, provider: Provider, email: str, fault: str = "") -> tuple[Client, object]:
    provider.email, provider.fault = email, fault
    client = Client(base_url=web.url, timeout=20, follow_redirects=True)
    response = await client.get("/staff/sso/start")
    return client, response


async def test_a_full_sign_in_makes_a_session_like_a_password_sign_in(
    sso_web: Process, provider: Provider, council: Council, db: asyncpg.Connection
) -> None:
    admin = council.staff_ids["admin"]
    client, r = await _sign_in(sso_web, provider, council.staff["admin"].upper())
    try:
        assert r.status_code == 200, r.text
        assert str(r.url).endswith("/home")
        assert [h.status_code for h in r.history] == [302, 302, 303]
        me = (await client.get("/api/session")).json()
        assert (me["kind"], me["id"], me["totp_required"]) == ("staff", admin, False)
        session = await db.fetchrow("select totp_passed from sessions where staff_id = $1", admin)
        assert session["totp_passed"] is True
        assert (
            await db.fetchval(
                "select detail->>'method' from audit_log where action = 'signed_in' and actor_id = $1", admin
            )
            == "sso"
        )
        assert "heard_sso_state" not in client.cookies
        callback = str(r.history[1].headers["location"])
        client.cookies.set("heard_sso_state", parse_qs(urlsplit(callback).query)["state"][0], path="/staff/sso")
        replay = await client.get(callback)
        assert replay.status_code == 400
        assert "took too long or was already used" in replay.text
    finally:
        await client.aclose()


@pytest.mark.parametrize(
    ("fault", "message"),
    [
        (
            "bad_signature",
            "The sign-in&#39;s signature is not valid: it was not signed by your council&#39;s sign-in service.",
        ),
        ("wrong_audience", "The sign-in was issued for a different application, not Heard."),
        ("expired", "The sign-in has expired."),
        ("wrong_nonce", "The sign-in does not match the one Heard started (the nonce differs)."),
    ],
)
async def test_a_bad_token_is_refused_with_a_clear_message_and_no_session(
    sso_web: Process, provider: Provider, council: Council, db: asyncpg.Connection, fault: str, message: str
) -> None:
    client, r = await _sign_in(sso_web, provider, council.staff["worker"], fault)
    try:
        assert r.status_code == 400
        assert message in r.text
        assert "heard_session" not in client.cookies
        assert await db.fetchval(SESSIONS, council.staff_ids["worker"]) == 0
        assert (await client.get("/api/session")).status_code == 401
    finally:
        await client.aclose()


async def test_an_unknown_or_disabled_email_is_refused(
    sso_web: Process, provider: Provider, council: Council, db: asyncpg.Connection
) -> None:
    client, r = await _sign_in(sso_web, provider, f"stranger@{council.slug}.example")
    await client.aclose()
    assert r.status_code == 400
    assert f"There is no Heard account for stranger@{council.slug}.example." in r.text
    await db.execute("update staff set disabled_at = now() where id = $1", council.staff_ids["iro"])
    client, r = await _sign_in(sso_web, provider, council.staff["iro"])
    await client.aclose()
    assert r.status_code == 400 and "There is no Heard account for" in r.text
    assert await db.fetchval(SESSIONS, council.staff_ids["iro"]) == 0
    assert (
        await db.fetchval(
            "select count(*) from audit_log where action = 'sso_refused' and reason like $1", f"%{council.slug}%"
        )
        == 2
    )


async def test_a_callback_from_another_browser_or_an_error_is_refused(sso_web: Process, provider: Provider) -> None:
    async with Client(base_url=sso_web.url, timeout=20) as client:
        forged = await client.get("/staff/sso/callback", params={"code": "x", "state": "made-up"})
        assert forged.status_code == 400
        assert "This sign-in was not started in this browser." in forged.text
        denied = await client.get(
            "/staff/sso/callback", params={"error": "access_denied", "error_description": "User cancelled"}
        )
        assert denied.status_code == 400 and "did not sign you in: User cancelled." in denied.text


async def test_single_sign_on_is_off_without_settings(web: Process) -> None:
    async with Client(base_url=web.url, timeout=20) as client:
        r = await client.get("/staff/sso/start")
    assert r.status_code == 404
    assert "Single sign-on is not set up" in r.text
