"""Capture rules: what a child is offered, drafts, sending answers once, forms held over an expired session."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from typing import Any

import asyncpg
import msgspec

import surveys
from heard import queue
from heard.capture import queries
from heard.capture.schemas import AnswerIn, Draft, Fields, InstrumentSummary
from heard.errors import Invalid, NotFound
from heard.principal import Principal
from heard.submissions import services as submissions
from heard.submissions.schemas import AnswerValue, Receipt, SubmissionIn
from surveys.schemas import AlertLevel

Screen = Callable[[SubmissionIn], submissions.ScreenResult]

STATEMENTS = (
    "get_ready_meeting",
    "worker_visiting",
    "something_good",
    "worried",
    "change_something",
    "where_i_live",
    "planning_future",
    "complaint",
)
REVIEW = "my_views_for_review"
AUDIENCES = ("worker", "iro", "complaints", "council")
_LEGAL = {"child_in_care": "looked_after", "care_leaver": "care_leaver"}
_RANK = {"none": 0, "concern": 1, "urgent": 2}
MAX_FIELDS = 200
NOT_OFFERED = "That is not something you can fill in here."

ADVOCATE_JOB = "pass_on_advocate_request"  # heard.advocacy.jobs passes every request on


class AnswersInvalid(Invalid):
    """Answers that cannot be accepted; `errors` has one per question, worded in the child's language."""

    def __init__(self, errors: list[surveys.FieldError]) -> None:
        super().__init__(errors[0].message, field=errors[0].question)
        self.errors = errors


def token_hash(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


# ---- what a child is offered ---------------------------------------------------------------------


def suits(instrument: surveys.Instrument, profile: queries.ChildProfile) -> bool:
    """Whether an instrument's audience includes this child (legal status and age)."""
    audience = instrument.audience
    statuses = audience.legal_status
    if statuses and "anyone" not in statuses and _LEGAL.get(profile.legal_status) not in statuses:
        return False
    too_young = audience.age_min is not None and profile.age < audience.age_min
    return not (too_young or (audience.age_max is not None and profile.age > audience.age_max))


async def profile(conn: asyncpg.Connection, principal: Principal) -> queries.ChildProfile:
    found = await queries.child_profile(conn, principal.id)
    if found is None or principal.kind != "child":
        raise NotFound(NOT_OFFERED)
    return found


def offered(child: queries.ChildProfile, lang: str) -> dict[str, list[InstrumentSummary]]:
    """Statements, the review form and open surveys for this child, titled in `lang`."""

    def summary(instrument: surveys.Instrument, opening: queries.OpenSurvey | None = None) -> InstrumentSummary:
        title = instrument.wording(instrument.title, lang)
        return InstrumentSummary(
            id=instrument.id,
            version=instrument.version,
            kind=instrument.kind,
            title=title.text,
            language=title.lang,
            has_draft=instrument.id in child.drafts,
            opening_id=opening.id if opening else None,
            closes_on=opening.closes_on if opening else None,
            done=opening.done if opening else False,
        )

    statements = [summary(i) for key in STATEMENTS if suits(i := surveys.latest(key), child)]
    review = [summary(i) for i in [surveys.latest(REVIEW)] if suits(i, child)]
    surveys_open = [summary(surveys.latest(o.instrument), o) for o in child.surveys if _builtin(o.instrument)]
    return {"statements": statements, "review": review, "surveys": surveys_open}


def _builtin(instrument_id: str) -> bool:
    return instrument_id in surveys.builtin_instruments()


def instrument_for(child: queries.ChildProfile, instrument_id: str) -> tuple[surveys.Instrument, int | None]:
    """The instrument if this child may fill it in now, with the survey opening it answers."""
    if instrument_id in (*STATEMENTS, REVIEW) and suits(instrument := surveys.latest(instrument_id), child):
        return instrument, None
    for opening in child.surveys:
        if opening.instrument == instrument_id and not opening.done and _builtin(instrument_id):
            return surveys.latest(instrument_id), opening.id
    raise NotFound(NOT_OFFERED, field="instrument")


def default_audience(instrument: surveys.Instrument, relations: list[str]) -> str:
    """Whom a form goes to unless the child chooses: the person it is meant for, else their worker, else the council."""
    wanted = {"complaint": "complaints", "review": "iro", "statement": "worker"}.get(instrument.kind, "council")
    if wanted in (*relations, "complaints", "council"):
        return wanted
    return "worker" if "worker" in relations and instrument.kind != "survey" else "council"


def audience_choices(relations: list[str]) -> list[str]:
    """Who a child may choose: the relations they have now, the complaints team, the council without a name."""
    return [a for a in AUDIENCES if a in relations or a in ("complaints", "council")]


# ---- forms ---------------------------------------------------------------------------------------


def clean_fields(form: Mapping[str, list[str]]) -> Fields:
    """A posted form kept as typed, minus the page's own fields and fields no page has (too many, or misnamed)."""
    kept: Fields = {}
    for name, values in list(form.items())[:MAX_FIELDS]:
        if name in ("_csrf_token", "_key", "_easy", "_easy_switch") or len(name) > 80:
            continue
        kept[name] = [v for v in values[:50] if isinstance(v, str)]  # never cut: a long answer is explained
    return kept


def draft_fields(form: Mapping[str, list[str]]) -> Fields:
    """A form kept for later: as `clean_fields`, and whether it showed easy words, so it reopens as it was left."""
    kept = clean_fields(form)
    easy = (form.get("_easy") or [""])[0]
    if easy in ("0", "1"):
        kept["_easy"] = [easy]
    return kept


def fields_from_json(instrument: surveys.Instrument, answers: Mapping[str, Any]) -> Fields:
    """JSON answers as form fields; a key that is no question of the instrument is refused by name."""
    known = {q.id for q in instrument.questions if q.answerable}
    fields: Fields = {}
    for key, raw in answers.items():
        if key not in known:
            raise Invalid(f"'answers.{key}' is not a question in '{instrument.id}'.", field=f"answers.{key}")
        try:
            value = msgspec.convert(raw, AnswerIn)
        except msgspec.ValidationError as exc:
            raise Invalid(f"'answers.{key}': {exc}", field=f"answers.{key}") from None
        fields[key] = value if isinstance(value, list) else [str(value)]
    return fields


def validate(
    instrument: surveys.Instrument, fields: Fields, lang: str, words_nothing: str
) -> dict[str, surveys.Answer]:
    """Typed answers, or AnswersInvalid naming each question (and refusing a response with no answer at all)."""
    answers, errors = surveys.validate_answers(instrument, fields, lang)
    if errors:
        raise AnswersInvalid(errors)
    if not answers:
        first = next(q for q in instrument.questions if q.answerable)
        raise AnswersInvalid(
            [surveys.FieldError(question=first.id, field=first.field_id(), code="required", message=words_nothing)]
        )
    return answers


def with_feelings(
    instrument: surveys.Instrument, answers: Mapping[str, surveys.Answer], text: submissions.ScreenResult
) -> submissions.ScreenResult:
    """The text screen, raised by any feelings answer that raises an alert (source 'feelings' when it is higher)."""
    found = [*surveys.alerting_choices(instrument, answers), *_unsafe_answers(instrument, answers)]
    if not found:
        return text
    level = max((lvl for _, _, lvl in found), key=_RANK.__getitem__)
    if _RANK[level] <= _RANK[text.level]:
        return text
    triggers = tuple(
        f"{instrument.wording(instrument.question(q).text, 'en').text} {instrument.wording(o.label, 'en').text}"
        for q, option, _ in found
        if (o := instrument.question(q).option(option)) is not None
    )
    return submissions.ScreenResult(
        level=level,
        categories=text.categories,
        triggers=(*text.triggers, *triggers),
        source="feelings",
        screened=text.screened,
    )


# Answers that raise an alert whatever the instrument's options say: published instrument versions are frozen, and
# a child who answers "No" to "Do you feel safe where you live?" must reach a person in every version.
UNSAFE_ANSWERS: dict[tuple[str, str], AlertLevel] = {("feel_safe_home", "no"): "concern"}


def _unsafe_answers(
    instrument: surveys.Instrument, answers: Mapping[str, surveys.Answer]
) -> list[tuple[str, str, AlertLevel]]:
    shown = {q.id for q in surveys.visible_questions(instrument, answers)}
    return [
        (question, choice, level)
        for (question, choice), level in UNSAFE_ANSWERS.items()
        if question in shown and (answer := answers.get(question)) is not None and choice in answer.choices
    ]


class Sending(msgspec.Struct, frozen=True, kw_only=True):
    """One response on its way: what was typed, whom it is for, and the key that makes it once."""

    instrument: surveys.Instrument
    fields: Fields
    language: str
    key: str
    audience: str = "worker"
    opening_id: int | None = None
    nothing_message: str = "Answer at least one question before sending"


def submission_in(sending: Sending, answers: Mapping[str, surveys.Answer]) -> SubmissionIn:
    instrument = sending.instrument
    return SubmissionIn(
        kind=instrument.kind,
        text=surveys.themed_text(instrument, answers),
        answers=dict(surveys.store_answers(instrument, answers)),
        instrument=instrument.id,
        instrument_version=instrument.version,
        audience=[sending.audience],  # type: ignore[list-item]
        anonymous=sending.audience == "council",
        language=sending.language,
    )


async def send(
    conn: asyncpg.Connection, principal: Principal, sending: Sending, screen: Screen, *, channel: str
) -> tuple[Receipt, bool, submissions.Work]:
    """Validate and store a child's response once; the draft goes, an advocate request is recorded."""
    if sending.audience not in AUDIENCES:
        raise Invalid("Choose who can see this.", field="audience")
    answers = validate(sending.instrument, sending.fields, sending.language, sending.nothing_message)
    data = submission_in(sending, answers)
    verdict = with_feelings(sending.instrument, answers, screen(data))
    async with conn.transaction():
        receipt, created, work = await submissions.create(conn, principal, data, sending.key, verdict, channel=channel)
        if created:
            work += await _after(conn, principal.council_id, principal.id, receipt.id, sending.opening_id, data.answers)
            await queries.delete_draft(conn, principal.id, sending.instrument.id)
    return receipt, created, work


async def _after(
    conn: asyncpg.Connection,
    council_id: int,
    child_id: int | None,
    submission_id: int,
    opening_id: int | None,
    answers: Mapping[str, AnswerValue],
) -> submissions.Work:
    """Link the response to its opening; pass on a request for an advocate (returns the outbox work)."""
    if opening_id is not None:
        await queries.set_opening(conn, submission_id, opening_id)
    if child_id is None or answers.get("want_advocate") != "yes":
        return []
    request_id = await queries.request_advocate(conn, council_id, submission_id, child_id)
    # The advocacy package's job passes every request on, whichever page it came from (capture may not import it).
    outbox_id = await queue.add(conn, ADVOCATE_JOB, f"advocate:{request_id}", request_id=request_id)
    return [(outbox_id, ADVOCATE_JOB, {"request_id": request_id})] if request_id and outbox_id else []


# ---- drafts and held forms ---------------------------------------------------------------------


async def save_draft(
    conn: asyncpg.Connection, principal: Principal, instrument_id: str, fields: Fields, key: str | None = None
) -> None:
    """Keep the form as typed; a late autosave from a form already sent (same key) is ignored."""
    child = await profile(conn, principal)
    instrument, _ = instrument_for(child, instrument_id)
    if key and await queries.key_used(conn, principal.council_id, principal.id, key):
        return
    await queries.save_draft(conn, principal.id, instrument.id, draft_fields(fields))


async def draft(conn: asyncpg.Connection, principal: Principal, instrument_id: str) -> Fields | None:
    return await queries.draft(conn, principal.id, instrument_id)


async def delete_draft(conn: asyncpg.Connection, principal: Principal, instrument_id: str) -> None:
    await queries.delete_draft(conn, principal.id, instrument_id)


async def hold(conn: asyncpg.Connection, token: str, instrument_id: str, fields: Fields) -> None:
    """Keep what a signed-out child posted, against the token in their cookie, until they sign in again."""
    if instrument_id not in surveys.builtin_instruments():
        raise NotFound(NOT_OFFERED, field="instrument")
    await queries.hold(conn, token_hash(token), instrument_id, draft_fields(fields))


async def claim_held(conn: asyncpg.Connection, principal: Principal, token: str) -> str | None:
    """Move a held form into the signed-in child's draft; returns its instrument id."""
    async with conn.transaction():
        held = await queries.take_held(conn, token_hash(token))
        if held is None:
            return None
        instrument_id, fields = held
        child = await profile(conn, principal)
        try:
            instrument_for(child, instrument_id)
        except NotFound:
            return None
        await queries.save_draft(conn, principal.id, instrument_id, fields)
    return instrument_id


async def draft_with_time(conn: asyncpg.Connection, principal: Principal, instrument_id: str) -> Draft | None:
    return await queries.draft_row(conn, principal.id, instrument_id)


async def put_draft(conn: asyncpg.Connection, principal: Principal, instrument_id: str, fields: Fields) -> Draft:
    kept = clean_fields(fields)
    saved = await queries.save_draft(conn, principal.id, instrument_id, kept)
    return Draft(instrument=instrument_id, fields=kept, updated_at=saved)
