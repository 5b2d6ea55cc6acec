"""Every validation message is a sentence from the catalogue naming the field as its page does, never the decoder's
wording ("'child_letter' is required."); a child reads it in their own language."""

from __future__ import annotations

from collections.abc import Callable

import asyncpg
import msgspec
import pytest
from support import Client, Council

from heard import errors, i18n
from heard.capture.schemas import OpeningIn
from heard.complaints.schemas import ResponseIn
from heard.web.errors import explain_validation
from heard.web.forms import to_struct

ARABIC = i18n.catalogue("ar")


def _problem(kind: type[object], values: dict[str, object]) -> errors.Invalid:
    with pytest.raises(errors.Invalid) as caught:
        to_struct(kind, values)
    return caught.value


def test_a_missing_field_on_a_staff_form_is_named_by_its_label() -> None:
    wrong = _problem(ResponseIn, {"responded_on": "2026-11-20", "letter": "Dear Ava"})
    assert wrong.field == "child_letter", "the page still knows which field to mark"
    assert wrong.message == "Fill in “Child-friendly version”."


def test_a_survey_opened_for_nobody_says_who_it_is_for_in_plain_words() -> None:
    wrong = _problem(
        OpeningIn,
        {
            "instrument": "my_life_8_11",
            "access": "sign_in",
            "legal_statuses": [],
            "opens_on": "2026-11-23",
            "closes_on": "2026-12-23",
        },
    )
    assert (wrong.field, wrong.message) == ("legal_statuses", "Choose at least 1 for “Who it is for”.")


@pytest.mark.parametrize(
    ("message", "field", "sentence"),
    [
        ("Object missing required field `child_letter`", "child_letter", "Fill in “Child-friendly version”."),
        (
            "Expected `array` of length >= 1 - at `$.legal_statuses`",
            "legal_statuses",
            "Choose at least 1 for “Who it is for”.",
        ),
        (
            "Invalid enum value 'social' - at `$.roles[0]`",
            "roles.0",
            "“social” is not one of the choices for “Roles”. Choose one of those shown.",
        ),
        ("Expected `int` >= 4 - at `$.age_min`", "age_min", "“Youngest age” must be 4 or more."),
        ("Expected `int` <= 25 - at `$.age_max`", "age_max", "“Oldest age” must be 25 or less."),
        ("Expected `int`, got `str` - at `$.age_max`", "age_max", "Write “Oldest age” as a whole number, like 7."),
        (
            "Invalid RFC3339 encoded date - at `$.opens_on`",
            "opens_on",
            "Write “Opens on” as a real date: year-month-day, like 2027-03-31.",
        ),
        ("Expected `str` of length <= 200 - at `$.name`", "name", "“Name” is too long: use 200 characters or fewer."),
        (
            "Expected `array` of length <= 2 - at `$.legal_statuses`",
            "legal_statuses",
            "“Who it is for” has too many: choose 2 or fewer.",
        ),
        ("Object contains unknown field `mood`", "mood", "We do not take “mood” here; leave it out."),
        (
            "Expected `str` matching regex '^x$' - at `$.emergency_duty_email`",
            "emergency_duty_email",
            "“Emergency duty team email” is not written the way we need; check the example and try again.",
        ),
    ],
)
def test_each_kind_of_wrong_value_is_worded_for_a_person(message: str, field: str, sentence: str) -> None:
    assert explain_validation(message) == (field, sentence)
    assert "`" not in sentence and "'" + field + "'" not in sentence


def test_a_childs_field_is_named_in_their_language() -> None:
    field, sentence = explain_validation("Object missing required field `code`", ARABIC)
    assert field == "code", "the field stays machine-readable"
    assert sentence == "املأ «رمزك»."
    field, sentence = explain_validation("Expected `str` of length <= 4000 - at `$.message`", ARABIC)
    assert ARABIC.gettext("field.message") in sentence and "4,000" in sentence and "message" not in sentence


def test_every_field_label_a_message_can_use_is_worded_in_every_language_a_child_reads() -> None:
    english = i18n.catalogue("en")
    every = english.keys()
    child_fields = {k for k in every if k.startswith(("field.", "invalid."))}
    for lang in i18n.SUPPORTED[1:]:
        assert child_fields <= i18n.catalogue(lang).keys(), lang


async def test_the_json_api_keeps_field_names_and_gains_a_plain_message(client: Client) -> None:
    await client.prepare()
    r = await client.post("/api/session/child", json={})
    assert r.status_code == 400
    assert r.json()["errors"] == [{"field": "code", "message": "Fill in “Your code”."}]


async def test_staff_see_the_surveys_form_error_in_plain_words(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    admin = await clients().as_staff(council.staff["admin"])
    r = await admin.post(
        "/staff/surveys",
        data={"instrument": "my_life_8_11", "access": "sign_in", "opens_on": "2026-11-23", "closes_on": "2026-12-23"},
    )
    assert r.status_code == 400
    assert "Choose at least 1 for “Who it is for”." in r.text
    assert "legal_statuses&#39;" not in r.text and "is too short" not in r.text


@pytest.mark.parametrize("lang", ["en", "ar"])
async def test_a_childs_form_refused_at_the_edge_says_so_in_their_language_and_keeps_their_words(
    council: Council, clients: Callable[[], Client], lang: str
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    ava.cookies.set("heard_lang", lang)
    r = await ava.post(
        "/privacy", data={"kind": "access", "message": "please show me\x00 my file"}, headers={"Accept": "text/html"}
    )
    assert r.status_code == 422
    words = i18n.catalogue(lang)
    assert f'<html lang="{lang}" dir="{words.direction}">' in r.text
    expected = words.gettext("invalid.form_bad_character", field=words.gettext("field.message"))
    assert msgspec.json.encode(expected).decode()[1:-1] in msgspec.json.encode(r.text).decode(), "named as the page"
    assert "please show me my file" in r.text, "what the child wrote is on the page to send again"
    assert words.gettext("kept.send_again") in r.text


def test_the_analysis_labels_staff_read_come_from_the_catalogue_for_every_id_nlp_defines() -> None:
    from heard.inbox.controllers import CATEGORY_LABELS, LEVEL_LABELS
    from heard.inbox.schemas import SENTIMENT_LABELS
    from nlp.schemas import CATEGORIES, LEVELS, SENTIMENTS

    english = i18n.catalogue("en")
    for prefix, ids, shown in [
        ("staff.sentiment", SENTIMENTS, SENTIMENT_LABELS),
        ("staff.level", LEVELS, LEVEL_LABELS),
        ("staff.category", CATEGORIES, CATEGORY_LABELS),
    ]:
        assert list(shown) == list(ids), "every id, in the model's order"
        for i in ids:
            assert english.has(f"{prefix}.{i}") and shown[i] == english.gettext(f"{prefix}.{i}")
    assert CATEGORY_LABELS["self_harm"] == "Self-harm or suicidal thoughts"
