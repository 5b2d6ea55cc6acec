"""Quotes reach the CiCC only approved, redacted and consented; published updates reach children and the public."""

from __future__ import annotations

import re

from dash_seed import QUARTER, add_child, add_submission, refresh, staff
from support import Client, Council

import dashboards
from dashboards import services
from dashboards.schemas import ActionIn, ChildTextIn, DecisionIn, DoneIn
from heard import i18n

Q = QUARTER.slug
RAW = "My carer Jade Smith at 12 Elm Road won't let me call my brother on 07700 900123"
REDACTED = "My carer [name] at [address] won't let me call my brother on [phone]"
TO_COUNCIL = ("worker", "council")


async def test_only_approved_redacted_quotes_from_consenting_children_appear(
    db, client: Client, clients, council: Council
):
    agrees = await add_child(db, council, share_quotes=True)
    refuses = await add_child(db, council, share_quotes=False)
    approved = await add_submission(
        db, council, agrees, themes=("family_contact",), free_text=RAW, redacted=REDACTED, audience=TO_COUNCIL
    )
    waiting = await add_submission(
        db,
        council,
        agrees,
        themes=("family_contact",),
        free_text="I never get asked",
        redacted="Nobody asks me what I think about contact",
        audience=TO_COUNCIL,
    )
    private = await add_submission(
        db,
        council,
        refuses,
        themes=("family_contact",),
        free_text="secret words",
        redacted="My private redacted words",
        audience=TO_COUNCIL,
    )
    await refresh(db, council)
    officer = await clients().as_staff(council.staff["participation_officer"])
    listing = (await officer.get("/dashboards/quotes", params={"quarter": Q})).text
    assert REDACTED.replace("'", "&#39;") in listing and "My private redacted words" not in listing
    assert "Jade" not in listing and "07700" not in listing
    r = await officer.post(f"/dashboards/quotes/{approved}", data={"decision": "approve"}, follow_redirects=False)
    assert r.status_code == 303
    # The child who did not agree cannot be quoted, even by asking for it directly.
    assert (await officer.post(f"/dashboards/quotes/{private}", data={"decision": "approve"})).status_code == 404

    await client.as_staff(council.staff["cicc_member"])
    page = (await client.get("/dashboards/cicc", params={"quarter": Q})).text
    quotes = re.findall(r'<blockquote class="quote">(.*?)</blockquote>', page, re.S)
    assert quotes == [REDACTED.replace("'", "&#39;")]
    for words in ("Jade", "Elm Road", "07700", "Nobody asks me", "My private redacted words", "secret words"):
        assert words not in page
    assert waiting  # seeded, never approved

    # Consent withdrawn: the approved quote is gone.
    await db.execute("update children set share_quotes = false where id = $1", agrees)
    page = (await client.get("/dashboards/cicc", params={"quarter": Q})).text
    assert "<blockquote" not in page


async def test_quotes_are_not_shown_for_a_filtered_group(db, client: Client, council: Council):
    child = await add_child(db, council, share_quotes=True, uasc=True)
    sid = await add_submission(
        db, council, child, themes=("identity",), redacted="I want halal food", audience=TO_COUNCIL
    )
    await services.decide_quote(db, _officer(council), sid, True)
    await client.as_staff(council.staff["participation_officer"])
    assert "I want halal food" in (await client.get("/dashboards/cicc", params={"quarter": Q})).text
    filtered = (await client.get("/dashboards/cicc", params={"quarter": Q, "cohort": "uasc:yes"})).text
    assert "I want halal food" not in filtered


def _officer(council: Council):
    return staff(council, "participation_officer")


async def test_a_published_update_reaches_children_in_their_language_and_the_public_page(
    db, client: Client, clients, council: Council
):
    cicc = await clients().as_staff(council.staff["cicc_member"])
    r = await cicc.post(
        "/dashboards/you-said-we-did/",
        data={
            "theme": "family_contact",
            "said": "Children want more time with brothers and sisters",
            "proposal": "Weekend contact for siblings in different placements",
            "said_on": "2025-04-10",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    item = r.headers["location"]
    # A CiCC member cannot record the decision or publish.
    assert (await cicc.post(item, data={"step": "publish"})).status_code == 403

    board = await clients().as_staff(council.staff["board_member"])
    assert (
        await board.post(
            item,
            data={
                "step": "decide",
                "decision": "Agreed",
                "owner": "Fostering service",
                "decided_on": "2025-05-01",
                "taken_forward": "true",
            },
        )
    ).status_code == 303
    officer = await clients().as_staff(council.staff["participation_officer"])
    early = await officer.post(item, data={"step": "publish"})
    assert early.status_code == 400 and "Only something that has been done" in early.text
    await board.post(item, data={"step": "done", "changed": "Sibling weekends started", "done_on": "2025-06-20"})
    await officer.post(
        item,
        data={
            "step": "text",
            "lang": "en",
            "you_said": "You said you want to see your brothers and sisters more.",
            "we_did": "We started sibling weekends.",
        },
    )
    await officer.post(
        item,
        data={
            "step": "text",
            "lang": "ar",
            "you_said": "قلتم إنكم تريدون رؤية إخوتكم أكثر.",
            "we_did": "بدأنا عطلات نهاية الأسبوع للإخوة.",
        },
    )
    assert (await officer.post(item, data={"step": "publish"})).status_code == 303

    english = await dashboards.published_updates(db, council.id, "en")
    arabic = await dashboards.published_updates(db, council.id, "ar")
    farsi = await dashboards.published_updates(db, council.id, "fa")
    assert [u.we_did for u in english] == ["We started sibling weekends."]
    assert arabic[0].we_did == "بدأنا عطلات نهاية الأسبوع للإخوة." and arabic[0].dir == "rtl"
    assert farsi[0].lang == "en" and farsi[0].we_did == "We started sibling weekends."

    public = await client.get("/you-said-we-did", params={"council": council.slug, "lang": "ar"})
    assert public.status_code == 200
    assert "بدأنا عطلات نهاية الأسبوع للإخوة." in public.text and 'dir="rtl"' in public.text
    tracker = (await board.get("/dashboards/you-said-we-did/")).text
    assert "71" in tracker  # 10 April to 20 June: 71 days from said to done

    await officer.post(item, data={"step": "unpublish"})
    assert await dashboards.published_updates(db, council.id, "en") == []


async def test_the_public_page_refuses_an_unknown_language(client: Client, council: Council):
    r = await client.get("/you-said-we-did", params={"council": council.slug, "lang": "xx"})
    assert r.status_code == 400 and r.json()["errors"][0]["field"] == "lang"
    assert (await client.get("/you-said-we-did", params={"council": "no-such-council"})).status_code == 404


def _quotes_on(html: str) -> list[str]:
    return re.findall(r'<blockquote class="quote">(.*?)</blockquote>', html, re.S)


async def test_words_sent_to_my_worker_only_never_become_a_quote(db, clients, council: Council):
    child = await add_child(db, council, share_quotes=True)
    worker_only = await add_submission(
        db, council, child, themes=("placement",), redacted="Only my worker may read this", audience=("worker",)
    )
    complained = await add_submission(
        db,
        council,
        child,
        themes=("placement",),
        redacted="Part of my complaint",
        audience=TO_COUNCIL,
        kind="complaint",
    )
    await db.execute(
        """insert into complaints (council_id, child_id, submission_id, complainant, received_on)
           values ($1, $2, $3, 'child', current_date)""",
        council.id,
        child,
        complained,
    )
    worried = await add_submission(
        db, council, child, themes=("placement",), redacted="Part of a worry", audience=TO_COUNCIL
    )
    await db.execute(
        """insert into alerts (council_id, child_id, submission_id, level, source, categories)
           values ($1, $2, $3, 'concern', 'screen', '{}')""",
        council.id,
        child,
        worried,
    )
    officer = await clients().as_staff(council.staff["participation_officer"])
    listing = (await officer.get("/dashboards/quotes", params={"quarter": Q})).text
    for words in ("Only my worker may read this", "Part of my complaint", "Part of a worry"):
        assert words not in listing
    for sid in (worker_only, complained, worried):
        refused = await officer.post(f"/dashboards/quotes/{sid}", data={"decision": "approve"})
        assert refused.status_code == 404 and "did not send it to the council" in refused.text
    cicc = await clients().as_staff(council.staff["cicc_member"])
    assert _quotes_on((await cicc.get("/dashboards/cicc", params={"quarter": Q})).text) == []


async def test_the_approver_takes_more_out_before_approving(db, clients, council: Council):
    child = await add_child(db, council, share_quotes=True)
    sid = await add_submission(
        db,
        council,
        child,
        themes=("placement",),
        audience=TO_COUNCIL,
        redacted="I hate moving from Hilltop House every year",
    )
    officer = await clients().as_staff(council.staff["participation_officer"])
    too_long = await officer.post(f"/dashboards/quotes/{sid}", data={"decision": "approve", "text": "x" * 1001})
    assert too_long.status_code == 422 and "at most 1,000 characters" in too_long.text
    r = await officer.post(
        f"/dashboards/quotes/{sid}", data={"decision": "approve", "text": "I hate moving from [place] every year"}
    )
    assert r.status_code in (200, 303)
    cicc = await clients().as_staff(council.staff["cicc_member"])
    page = (await cicc.get("/dashboards/cicc", params={"quarter": Q})).text
    assert _quotes_on(page) == ["I hate moving from [place] every year"] and "Hilltop" not in page


async def test_an_update_reaches_the_children_whose_words_it_answers_in_their_language(db, clients, council: Council):
    from datetime import UTC, datetime

    said = datetime(2025, 5, 2, 10, 0, tzinfo=UTC)
    await add_submission(db, council, council.children["Ava"], themes=("family_contact",), at=said)
    await add_submission(db, council, council.children["Ben"], themes=("money",), at=said)
    long_ago = datetime(2024, 5, 2, 10, 0, tzinfo=UTC)
    await add_submission(db, council, council.children["Dee"], themes=("family_contact",), at=long_ago)
    officer = await clients().as_staff(council.staff["participation_officer"])
    r = await officer.post(
        "/dashboards/you-said-we-did/",
        data={"theme": "family_contact", "said": "More time with brothers and sisters", "said_on": "2025-04-10"},
        follow_redirects=False,
    )
    item = r.headers["location"]
    board = await clients().as_staff(council.staff["board_member"])
    await board.post(
        item,
        data={
            "step": "decide",
            "decision": "Agreed",
            "owner": "Fostering",
            "decided_on": "2025-05-01",
            "taken_forward": "true",
        },
    )
    await board.post(item, data={"step": "done", "changed": "Sibling weekends", "done_on": "2025-06-20"})
    await officer.post(
        item,
        data={
            "step": "text",
            "lang": "en",
            "you_said": "You said you miss your brothers.",
            "we_did": "We started sibling weekends.",
        },
    )
    await officer.post(
        item,
        data={
            "step": "text",
            "lang": "ar",
            "you_said": "قلتم إنكم تفتقدون إخوتكم.",
            "we_did": "بدأنا عطلات نهاية الأسبوع للإخوة.",
        },
    )
    assert (await officer.post(item, data={"step": "publish"})).status_code == 303

    ava = await clients().as_child(council.codes["Ava"])
    ava.cookies.set("lang", "ar")
    ava_page = (await ava.get("/messages", headers={"accept-language": "ar"})).text
    assert "بدأنا عطلات نهاية الأسبوع للإخوة." in ava_page, "in her language"
    for name in ("Ben", "Dee"):  # words about something else, or from long before
        other = await clients().as_child(council.codes[name])
        assert "sibling weekends" not in (await other.get("/messages")).text
    tracker = (await officer.get("/dashboards/you-said-we-did/")).text
    assert re.search(r'<td class="num">1</td></tr>', tracker), "the tracker counts one child told"


async def _published_in_english_and_arabic(db, council: Council) -> None:
    officer = staff(council, "participation_officer")
    made = await services.create(
        db, officer, ActionIn(theme="placement", said="More say in moves", said_on=QUARTER.starts)
    )
    await services.decide(
        db, officer, made.id, DecisionIn(decision="Yes", owner="Placements", decided_on=QUARTER.starts)
    )
    await services.record_done(db, officer, made.id, DoneIn(changed="Moves planned", done_on=QUARTER.starts))
    await services.set_text(
        db,
        officer,
        made.id,
        ChildTextIn(lang="en", you_said="You said moves felt sudden.", we_did="Now we plan moves with you."),
    )
    await services.set_text(
        db,
        officer,
        made.id,
        ChildTextIn(lang="ar", you_said="قلتم إن الانتقال كان مفاجئًا.", we_did="الآن نخطط للانتقال معكم."),
    )
    await services.publish(db, officer, made.id)


def _switch_to(html: str, lang: str) -> str:
    """The language switcher's link to `lang`, as the reader would follow it."""
    found = re.search(rf'<a href="(/language\?to={lang}&amp;next=[^"]*)"', html)
    assert found, f"no switcher link to {lang}"
    return found.group(1).replace("&amp;", "&")


async def test_the_public_page_speaks_the_language_the_reader_chooses(db, client: Client, council: Council):
    await _published_in_english_and_arabic(db, council)
    page = f"/you-said-we-did?council={council.slug}"
    english = await client.get(page)
    assert '<html lang="en" dir="ltr">' in english.text and "Now we plan moves with you." in english.text

    arabic = await client.get(_switch_to(english.text, "ar"), follow_redirects=True)
    words = i18n.catalogue("ar")
    assert str(arabic.url).endswith(page), "the switcher comes back to the same council's page"
    assert '<html lang="ar" dir="rtl">' in arabic.text
    for key in ("updates.title", "theme.placement"):
        assert words.gettext(key) in arabic.text
    assert "الآن نخطط للانتقال معكم." in arabic.text and "Now we plan moves with you." not in arabic.text
    assert "You said, we did" not in arabic.text and "What children and young people told" not in arabic.text

    # Farsi has no text of its own for this update: the page is in Farsi, the update in English, marked as English.
    farsi = await client.get(_switch_to(arabic.text, "fa"), follow_redirects=True)
    assert '<html lang="fa" dir="rtl">' in farsi.text
    assert i18n.catalogue("fa").gettext("updates.title") in farsi.text
    assert re.search(r'<h2 lang="en" dir="ltr">You said moves felt sudden.</h2>', farsi.text)

    # A shared link that names a language shows that one, whatever the reader chose before.
    named = await client.get("/you-said-we-did", params={"council": council.slug, "lang": "ti"})
    assert '<html lang="ti" dir="ltr">' in named.text
    assert i18n.catalogue("ti").gettext("updates.title") in named.text


async def test_the_list_of_councils_is_in_the_readers_language(client: Client):
    r = await client.get("/you-said-we-did", headers={"Accept-Language": "ps"})
    words = i18n.catalogue("ps")
    assert '<html lang="ps" dir="rtl">' in r.text and words.gettext("updates.about") in r.text
    assert "Councils using Heard" not in r.text
