"""What capture's pages share beyond the page context: held drafts, idempotency keys, safe return paths, answers."""

from __future__ import annotations

import re
import secrets
from typing import Any

from litestar import Request

import surveys
from heard.capture.schemas import Fields
from heard.web.bodies import form_problems
from heard.web.pages import Words

HELD_COOKIE = "heard_held"
_KEY = re.compile(r"^[A-Za-z0-9._:-]{8,200}$")
_LOCAL = re.compile(r"^/[A-Za-z0-9/_.?=&%-]*$")


def safe_next(path: str | None) -> str:
    """Only a path on this site, never another site's address."""
    return path if path and _LOCAL.match(path) and not path.startswith("//") else "/home"


def unreadable(request: Request[Any, Any, Any], instrument: surveys.Instrument, ui: Words) -> list[surveys.FieldError]:
    """A problem for each answer the edge could not keep as sent (a NUL, bytes that are not UTF-8), in the child's
    language; the form shows their words again with the problem beside the question."""
    found: list[surveys.FieldError] = []
    for name, code in form_problems(request):
        question = next((q for q in instrument.questions if name == q.id or name.startswith(f"{q.id}-")), None)
        if question is not None and all(e.question != question.id for e in found):
            message = ui.gettext(f"error.{code}")
            found.append(
                surveys.FieldError(question=question.id, field=question.field_id(), code=code, message=message)  # type: ignore[arg-type]
            )
    return found


def key_from(fields: Fields) -> str:
    """The idempotency key the form was rendered with, or a new one when it is missing or malformed."""
    given = (fields.get("_key") or [""])[0]
    return given if _KEY.match(given) else new_key()


def new_key() -> str:
    return "web-" + secrets.token_urlsafe(18)


def answer_lines(instrument: surveys.Instrument, answers: dict[str, surveys.Answer], lang: str) -> list[dict[str, Any]]:
    """A child's answers in their language: question wording, then the answer as they chose or typed it."""
    lines = []
    for question in instrument.questions:
        answer = answers.get(question.id)
        if answer is None:
            continue
        asked = instrument.question_text(question, lang)
        if answer.choices:
            labels = [instrument.wording(o.label, lang) for c in answer.choices if (o := question.option(c))]
            shown = ", ".join(w.text for w in labels)
        else:
            shown = answer.text or answer.month_year or ("" if answer.number is None else str(answer.number))
        lines.append({"question": asked, "answer": shown, "lang": asked.lang, "dir": asked.dir})
    return lines
