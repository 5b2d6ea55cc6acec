"""The complaints officer's pages: open cases, a case with its timeline and one small form per step, reports."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import asyncpg
import msgspec
from litestar import Controller, Request, Response, get, post
from litestar.enums import MediaType
from litestar.params import FromPath, FromQuery
from litestar.response import Template
from markupsafe import Markup, escape

from heard import errors, pdf
from heard.complaints import _clock, _flow, _rules, queries, services
from heard.complaints.schemas import Case, ComplaintIn
from heard.i18n import direction
from heard.principal import Principal
from heard.web.bodies import READS_FORM
from heard.web.dependencies import Conn
from heard.web.forms import read_form, single, step_or_page, to_struct
from heard.web.guards import roles
from heard.web.pages import staff_page

STYLESHEET = (Path(__file__).parent / "static" / "complaints.css").read_bytes()
User = Request[Principal, Any, Any]
_LISTS = {"tags": ",", "points": "\n"}
_VERBATIM = {"letter", "child_letter"}

LABELS: dict[str, Any] = {
    "clocks": {kind: _rules.clock_label(kind) for kind in _rules.CLOCKS},
    "due": {**_clock.STATUS_WORDS, "ended": "Stopped early"},
    "status": _rules.STATUS_WORDS,
    "stages": _rules.STAGE_NAMES,
    "outcomes": {"upheld": "Upheld", "partly_upheld": "Partly upheld", "not_upheld": "Not upheld"},
    "complainants": {"child": "Child or young person", "parent": "Parent", "carer": "Carer",
                     "advocate": "Advocate or someone on the child's behalf", "other": "Someone else"},
    "channels": {"heard": "Heard", "phone": "Phone", "letter": "Letter", "email": "Email", "in_person": "In person"},
    "advocacy": {"accepted": "Accepted", "declined": "Declined", "not_sure": "Not sure yet"},
    "ombudsman": {"pending": "Awaiting decision", "upheld": "Upheld", "partly_upheld": "Partly upheld",
                  "not_upheld": "Not upheld", "not_investigated": "Not investigated"},
    "actions": {"planned": "Planned", "in_progress": "In progress", "done": "Done", "dropped": "Dropped"},
}  # fmt: skip


# The two letters a stage's response can be printed as: the file's name, the record's field and the title's words.
LETTERS = {
    "letter.pdf": ("letter", "Response"),
    "child-letter.pdf": ("child_letter", "Response for the child"),
}


def text_direction(text: str) -> str:
    """'rtl' or 'ltr' from the text's first letter, as a page's dir="auto" decides it (WeasyPrint has no auto)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


def _written_in(text: str, language: str) -> bool:
    """Whether a letter is in the child's language, as far as can be told: it has letters English does not use and
    reads in that language's direction (a letter written in English to a child who wrote in Arabic is English)."""
    foreign = any(ch.isalpha() and ord(ch) > 0x7F for ch in text)
    return bool(language) and not language.startswith("en") and foreign and direction(language) == text_direction(text)


_ISO_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")


def dates_kept_whole(text: str) -> Markup:
    """The text, escaped, with each ISO date marked as a date that never breaks across lines on a narrow screen."""
    parts = _ISO_DATE.split(text)  # text, date, text, date, ..., text
    tag = Markup('<time class="date" datetime="{0}">{0}</time>')
    return Markup("").join(tag.format(part) if n % 2 else escape(part) for n, part in enumerate(parts))


def _values(form: dict[str, str]) -> dict[str, Any]:
    """A step's form as the values its payload takes (for `to_struct`): blank fields left out, so their defaults (or
    'required') apply; themes split at commas and points at line ends; letters kept exactly as typed. Fields named
    with a leading underscore (the CSRF token) are the page's, not the step's."""
    values: dict[str, Any] = {}
    for key, raw in form.items():
        if key.startswith("_"):
            continue
        if key in _LISTS:
            parts = [part.strip() for part in raw.split(_LISTS[key]) if part.strip()]
            values[key] = [p.lower() for p in parts] if key == "tags" else parts
        elif raw.strip():
            values[key] = raw if key in _VERBATIM else raw.strip()
    return values


def _said(exc: errors.HeardError) -> errors.HeardError:
    """The error as these pages word it: a date the payload refused names its field and the form a date takes."""
    field, message = exc.field, exc.message
    refused = isinstance(exc.__cause__, msgspec.ValidationError)  # from `to_struct`, not a rule of the procedure
    if refused and ("RFC3339" in message or ("date" in message.lower() and field and field.endswith("_on"))):
        return errors.Invalid(f"'{field}' should be a date, like 2026-03-31.", field=field)
    return exc


async def _child_id(conn: asyncpg.Connection, council_id: int, data: dict[str, str]) -> dict[str, str]:
    """The new-complaint form names a child by case reference; the payload wants the id."""
    ref = data.pop("child_reference", "").strip()
    if ref:
        child_id = await queries.child_by_reference(conn, council_id, ref)
        if child_id is None:
            raise errors.Invalid("There is no child with that case reference in your council.", field="child_reference")
        data["child_id"] = str(child_id)
    return data


class ComplaintPages(Controller):
    """Pages for complaints officers. Every form carries the CSRF token; every read and step is audited."""

    path = "/staff/complaints"
    guards = [roles("complaints_officer")]
    include_in_schema = False

    @get("/complaints.css", cache=False)
    async def stylesheet(self) -> Response[bytes]:
        """The pages' own few styles (served here so the CSP's style-src 'self' covers them)."""
        return Response(STYLESHEET, media_type="text/css")

    @get("/")
    async def open_cases(self, request: User, conn: Conn) -> Template:
        cases = await services.list_open(conn, request.user)
        stages = {stage: [c for c in cases if c.stage == stage] for stage in (1, 2, 3)}
        context = {**staff_page(request.user), "stages": stages, "labels": LABELS}
        return Template("complaints/list.html", context=context, media_type=MediaType.HTML)

    @get("/new")
    async def new_form(self, request: User) -> Template:
        return _new_page(request.user, {}, None)

    @post("/new", status_code=303, opt={READS_FORM: True})
    async def create(self, request: User, conn: Conn) -> Any:
        typed = single(await read_form(request))

        async def open_case() -> Case:
            form = await _child_id(conn, request.user.council_id, dict(typed))
            return await services.create(conn, request.user, to_struct(ComplaintIn, _values(form)))

        async def again(exc: errors.HeardError) -> Template:
            return _new_page(request.user, typed, _said(exc))

        return await step_or_page(
            open_case(),
            done=lambda case: f"/staff/complaints/{case.id}?done=opened",
            again=again,
            refused=(errors.Invalid,),
        )

    @get("/{complaint_id:int}")
    async def case(self, request: User, conn: Conn, complaint_id: FromPath[int], done: FromQuery[str] = "") -> Template:
        return await _case_page(conn, request.user, complaint_id, done=done)

    @get("/{complaint_id:int}/stages/{stage:int}/{document:str}")
    async def letter(
        self, request: User, conn: Conn, complaint_id: FromPath[int], stage: FromPath[int], document: FromPath[str]
    ) -> Response[bytes]:
        """A stage's response letter, or the child's version of it, as a tagged PDF to print or send."""
        case = await services.get(conn, request.user, complaint_id)  # the case page's own check, audited
        record = case.stage_record(stage)
        field, heading = LETTERS.get(document, ("", ""))
        text = getattr(record, field, None) if record is not None and record.responded_on and field else None
        if not text:
            raise errors.NotFound(f"There is no response letter for stage {stage} of complaint {case.reference}.")
        language = (case.statement_language or "") if field == "child_letter" else ""
        content = await pdf.build(
            "pdf/letter.html",
            title=f"{heading}, {_rules.STAGE_NAMES[stage]}, complaint {case.reference}",
            council=await queries.council_name(conn, request.user.council_id),
            case=case,
            written_on=record.responded_on if record is not None else None,
            text=text,
            text_lang=language if _written_in(text, language) else "",
            text_dir=text_direction(text),
        )
        filename = f"{case.reference}-stage-{stage}-{document}"
        return Response(content, media_type=pdf.MEDIA_TYPE, headers=pdf.download_headers(filename))

    @post("/{complaint_id:int}/{action:str}", status_code=303, opt={READS_FORM: True})
    async def act(self, request: User, conn: Conn, complaint_id: FromPath[int], action: FromPath[str]) -> Any:
        typed = single(await read_form(request))
        if action not in services.ACTIONS:
            raise errors.NotFound("That is not a step this page can take.")
        payload_type, step = services.ACTIONS[action]

        async def take_step() -> None:
            await step(conn, request.user, complaint_id, to_struct(payload_type, _values(typed)))

        return await step_or_page(
            take_step(),
            done=f"/staff/complaints/{complaint_id}?done={action}",
            again=lambda exc: _case_page(conn, request.user, complaint_id, error=(action, _said(exc)), values=typed),
        )


def _new_page(user: Principal, values: dict[str, str], error: errors.HeardError | None) -> Template:
    context = {
        **staff_page(user),
        "labels": LABELS,
        "values": values,
        "error": error.message if error else None,
        "error_field": ((error.field if error else None) or "").split(".")[0],
        "error_form": "new",
        "today": _clock.today().isoformat(),
    }
    status = 400 if error else 200
    return Template("complaints/new.html", context=context, status_code=status, media_type=MediaType.HTML)


async def _case_page(
    conn: asyncpg.Connection,
    user: Principal,
    complaint_id: int,
    *,
    done: str = "",
    error: tuple[str, errors.HeardError] | None = None,
    values: dict[str, str] | None = None,
) -> Template:
    case = await services.get(conn, user, complaint_id)
    form, exc = error if error else ("", None)
    context = {
        **staff_page(user),
        "case": case,
        "labels": LABELS,
        "done": done if done in services.ACTIONS or done == "opened" else "",
        "error": exc.message if exc else None,
        "error_form": form,
        "error_field": ((exc.field if exc else None) or "").split(".")[0],
        "values": values or {},
        "today": _clock.today().isoformat(),
        "missing": _rules.missing_outcomes(case),
        "record": case.stage_record(case.stage),
        "steps": _flow.steps(case),
        "dates_kept_whole": dates_kept_whole,
        "earlier": [s for s in case.stages if s.stage < case.stage],
        "point_options": {str(p.id): f"{p.position}. {p.summary}" for p in case.points},
        "next_point": next((str(p.id) for p in case.points if p.outcome_at(case.stage) is None), ""),
        "action_options": {str(a.id): a.description for a in case.actions},
    }
    status = 409 if isinstance(exc, errors.Conflict) else 400 if exc else 200
    return Template("complaints/case.html", context=context, status_code=status, media_type=MediaType.HTML)


__all__ = ["ComplaintPages"]
