"""Corrections only from staff who may read the submission, only with the form's CSRF token, only with labels the
model knows; anything else is refused in plain words and nothing is written."""

from __future__ import annotations

from collections.abc import Callable

import asyncpg
import pytest
from correction_seed import analyse, corrections, post_correction, submission
from support import Client, Council

GOOD = {"themes": ["placement"], "sentiment": "negative", "safeguarding_level": "none"}


async def _nothing_written(db: asyncpg.Connection, submission_id: int) -> None:
    assert await corrections(db, submission_id) == []
    assert await db.fetchval("select count(*) from alerts where submission_id = $1", submission_id) == 0
    audited = await db.fetchval(
        "select count(*) from audit_log where action = 'corrected_analysis' and subject_id = $1", submission_id
    )
    assert audited == 0


async def test_staff_whose_role_is_not_to_read_childrens_words_are_refused(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    sid = await submission(db, council, "I do not like my bedroom")
    await analyse(db, council, sid, themes=("placement",))
    for role in ["duty_officer", "complaints_officer", "participation_officer", "admin"]:
        other = await clients().as_staff(council.staff[role])
        assert (await post_correction(other, sid, **GOOD)).status_code == 403, role
        assert (await other.post(f"/api/inbox/{sid}/analysis", json=GOOD)).status_code == 403, role
    child = await clients().as_child(council.codes["Ava"])
    assert (await post_correction(child, sid, **GOOD)).status_code == 403
    await _nothing_written(db, sid)


async def test_a_worker_the_child_is_not_allocated_to_is_refused_as_if_it_did_not_exist(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    sid = await submission(db, council, "I do not like my bedroom")
    await analyse(db, council, sid, themes=("placement",))
    stranger = await clients().as_staff(council.staff["worker_b"])  # allocated to Cai, not Ava
    assert (await post_correction(stranger, sid, **GOOD)).status_code == 404
    assert (await stranger.post(f"/api/inbox/{sid}/analysis", json=GOOD)).status_code == 404
    assert (await stranger.get(f"/api/inbox/{sid}/analysis")).status_code == 404
    await _nothing_written(db, sid)
    denied = await db.fetchval(
        "select count(*) from audit_log where action = 'denied' and subject_id = $1 and actor_id = $2",
        sid,
        council.staff_ids["worker_b"],
    )
    assert denied == 3


async def test_a_correction_without_the_csrf_token_is_refused(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    sid = await submission(db, council, "I do not like my bedroom")
    staff = await clients().as_staff(council.staff["worker"])
    del staff.headers["x-csrftoken"]
    assert (await post_correction(staff, sid, csrf=False, **GOOD)).status_code == 403
    assert (await staff.post(f"/api/inbox/{sid}/analysis", json=GOOD)).status_code == 403
    await _nothing_written(db, sid)


@pytest.mark.parametrize(
    ("fields", "message", "focus"),
    [
        (
            {**GOOD, "themes": ["placement", "dragons"]},
            "'dragons' is not one of Heard's themes. Choose themes from the list.",
            "theme-family_contact",
        ),
        (
            {**GOOD, "sentiment": "furious"},
            "'furious' is not a sentiment. Choose positive, negative, mixed or neutral.",
            "sentiment-positive",
        ),
        ({"themes": ["placement"]}, "Choose how the child sounds: positive, negative, mixed or neutral.", None),
        (
            {**GOOD, "safeguarding_level": "catastrophic"},
            "'catastrophic' is not a safeguarding level. Choose none, concern or urgent.",
            "level-none",
        ),
        (
            {**GOOD, "safeguarding_level": "concern"},
            "Choose at least one kind of worry for the concern level.",
            "category-abuse",
        ),
        (
            {**GOOD, "safeguarding_level": "urgent", "safeguarding_categories": ["gossip"]},
            "'gossip' is not a kind of worry. Choose kinds of worry from the list.",
            "category-abuse",
        ),
    ],
)
async def test_wrong_input_is_explained_on_the_page_and_nothing_is_written(
    fields: dict[str, object],
    message: str,
    focus: str | None,
    council: Council,
    clients: Callable[[], Client],
    db: asyncpg.Connection,
) -> None:
    sid = await submission(db, council, "I do not like my bedroom")
    staff = await clients().as_staff(council.staff["worker"])
    r = await post_correction(staff, sid, **fields)
    assert r.status_code == 400
    assert message.replace("'", "&#39;") in r.text
    if focus:
        assert f'href="#{focus}"' in r.text  # the error summary takes the keyboard to the group
    assert 'id="theme-placement" name="themes" value="placement" checked' in r.text  # what was chosen is kept
    await _nothing_written(db, sid)


async def test_the_json_api_explains_wrong_input_too(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    sid = await submission(db, council, "I do not like my bedroom")
    staff = await clients().as_staff(council.staff["worker"])
    r = await staff.post(f"/api/inbox/{sid}/analysis", json={**GOOD, "themes": ["dragons"]})
    assert r.status_code == 422
    assert r.json()["errors"] == [
        {"field": "themes", "message": "'dragons' is not one of Heard's themes. Choose themes from the list."}
    ]
    r = await staff.post(f"/api/inbox/{sid}/analysis", json={**GOOD, "mood": "grumpy"})
    assert r.status_code == 400
    assert r.json()["errors"][0]["field"] == "mood"
    await _nothing_written(db, sid)
