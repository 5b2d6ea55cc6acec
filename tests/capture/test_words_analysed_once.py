"""What the worker analyses and redacts of a survey: each thing the child typed once, never an option id."""

from __future__ import annotations

from collections.abc import Callable

import asyncpg
from capture_seed import respond
from support import Client, Council, Process, wait_for

import surveys

WANT = "More pocket money each week please"
HELP = "Ask me what I think before you decide"


async def test_a_survey_is_analysed_with_each_typed_answer_once_and_no_option_id(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection, worker: Process
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    sent = await respond(ava, "change_something", {"change_area": "my_worker", "what_change": WANT, "how_help": HELP})

    async def redacted() -> str | None:
        found: str | None = await db.fetchval("select redacted from analyses where submission_id = $1", sent["id"])
        return found

    text = await wait_for(redacted, timeout=60, what="the worker's analysis")
    assert text.count(WANT) == 1 and text.count(HELP) == 1, text
    assert "my_worker" not in text and "change_area" not in text, text


def test_words_with_no_instrument_are_the_free_text_and_each_other_string_once() -> None:
    stored = {"what": "I want a bike", "mood": "happy", "age": 12}
    assert surveys.typed_words(None, None, stored, "I want a bike") == "I want a bike\n\nhappy"
    assert surveys.typed_words("gone_instrument", 9, {"x": "more time"}, "") == "more time"
    # a known instrument: option ids never, however long
    words = surveys.typed_words("change_something", 1, {"change_area": "where_i_live", "how_help": "Call me"}, "")
    assert words == "Call me"
