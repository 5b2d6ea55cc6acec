"""Turn posted form values into typed answers, with errors worded in the child's language."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

import msgspec

from heard.i18n import catalogue

from ._conditions import present, visible
from .schemas import TEXT_LIMIT, AlertLevel, Answer, ErrorCode, FieldError, Instrument, Question

__all__ = ["alerting_choices", "form_values", "themed_text", "validate_answers", "visible_questions"]

_WHOLE = re.compile(r"-?[0-9]+", re.ASCII)
_MONTH_YEAR = re.compile(r"([0-9]{4})-([0-9]{1,2})", re.ASCII)
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_YEARS = range(1900, 2101)


class _Problem(Exception):
    """An answer that cannot be accepted; internal, never escapes this module."""

    def __init__(self, code: ErrorCode, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def form_values(instrument: Instrument, form: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """Posted values per question id; a month-year's two boxes (``<id>-month``, ``<id>-year``) become one list."""
    values: dict[str, list[str]] = {}
    for question in instrument.questions:
        if question.type == "month_year" and question.id not in form:
            parts = [*form.get(f"{question.id}-month", ()), *form.get(f"{question.id}-year", ())]
            values[question.id] = list(parts)
        else:
            values[question.id] = list(form.get(question.id, ()))
    return values


def visible_questions(instrument: Instrument, answers: Mapping[str, Answer]) -> list[Question]:
    """The questions shown for these answers, in order."""
    return visible(instrument.questions, {key: answer.values() for key, answer in answers.items()})


def validate_answers(
    instrument: Instrument, form: Mapping[str, Sequence[str]], language: str
) -> tuple[dict[str, Answer], list[FieldError]]:
    """Typed answers to the visible questions, and a problem per question that could not be accepted.

    ``form`` is what an HTML form or JSON client posted: field name → values. Answers to
    hidden questions are dropped; visibility follows the posted values, exactly as the
    browser's script saw them.
    """
    messages = catalogue(language)
    raw = form_values(instrument, form)
    answers: dict[str, Answer] = {}
    errors: list[FieldError] = []
    for question in visible(instrument.questions, raw):
        if not question.answerable:
            continue
        try:
            answer = _parse(instrument, question, raw[question.id])
        except _Problem as problem:
            message = messages.gettext(f"error.{problem.code}", **problem.params)
            errors.append(
                FieldError(question=question.id, field=question.field_id(), code=problem.code, message=message)
            )
            continue
        if answer is not None:
            answers[question.id] = answer
        elif question.required:
            errors.append(
                FieldError(
                    question=question.id,
                    field=question.field_id(),
                    code="required",
                    message=messages.gettext("error.required"),
                )
            )
    return answers, errors


def _parse(instrument: Instrument, question: Question, values: list[str]) -> Answer | None:
    """The answer to one question, ``None`` when blank; raises ``_Problem``."""
    parser = _PARSERS[question.type]
    if question.type == "free_text":
        # Keep the child's own spacing inside the answer; only the edges are trimmed.
        kept = [v.replace("\r\n", "\n").strip() for v in values if v.strip()]
    else:
        kept = present(values)
    if not kept:
        return None
    return parser(question, kept, Answer(question=question.id, instrument=instrument.id, version=instrument.version))


def _choices(question: Question, values: list[str], blank: Answer) -> Answer:
    chosen = list(dict.fromkeys(values))
    if question.type != "multiple_choice" and len(chosen) > 1:
        raise _Problem("choose_one")
    if any(question.option(v) is None for v in chosen):
        raise _Problem("unknown_option")
    order = [o.id for o in question.options]
    return msgspec.structs.replace(blank, choices=tuple(sorted(chosen, key=order.index)))


def _number(question: Question, values: list[str], blank: Answer) -> Answer:
    if len(values) > 1:
        raise _Problem("choose_one")
    text = values[0].translate(_DIGITS)
    if not _WHOLE.fullmatch(text):
        raise _Problem("not_a_number")
    number = int(text)
    low, high = question.min, question.max
    if (low is not None and number < low) or (high is not None and number > high):
        raise _Problem("out_of_range", min=low, max=high)
    return msgspec.structs.replace(blank, number=number)


def _text(question: Question, values: list[str], blank: Answer) -> Answer:
    text = "\n".join(values)
    limit = min(question.max_length, TEXT_LIMIT)
    if len(text) > limit:
        raise _Problem("too_long", limit=f"{limit:,}")
    return msgspec.structs.replace(blank, text=text)


def _month_year(question: Question, values: list[str], blank: Answer) -> Answer:
    values = [v.translate(_DIGITS) for v in values]
    if len(values) == 1 and (found := _MONTH_YEAR.fullmatch(values[0])):
        year, month = found.groups()
    elif len(values) == 2:  # the month box, then the year box
        month, year = values
    else:
        raise _Problem("month_year_invalid")
    if not (month.isdigit() and year.isdigit() and 1 <= int(month) <= 12 and int(year) in _YEARS):
        raise _Problem("month_year_invalid")
    return msgspec.structs.replace(blank, month_year=f"{int(year):04d}-{int(month):02d}")


_Parser = Callable[[Question, list[str], Answer], Answer]
_PARSERS: dict[str, _Parser] = {
    "single_choice": _choices,
    "multiple_choice": _choices,
    "face_scale": _choices,
    "yes_no_not_sure": _choices,
    "number": _number,
    "free_text": _text,
    "month_year": _month_year,
}


def themed_text(instrument: Instrument, answers: Mapping[str, Answer]) -> str:
    """The free text of themed questions, joined with blank lines, for the NLP pipeline."""
    themed = [q.id for q in instrument.questions if q.type == "free_text" and q.themed]
    return "\n\n".join(text for key in themed if (answer := answers.get(key)) and (text := answer.text))


def alerting_choices(instrument: Instrument, answers: Mapping[str, Answer]) -> list[tuple[str, str, AlertLevel]]:
    """Every chosen option that raises a safeguarding alert: (question id, option id, level)."""
    found: list[tuple[str, str, AlertLevel]] = []
    for question in visible_questions(instrument, answers):
        answer = answers.get(question.id)
        for choice in answer.choices if answer else ():
            option = question.option(choice)
            if option is not None and option.raises_alert is not None:
                found.append((question.id, option.id, option.raises_alert))
    return found
