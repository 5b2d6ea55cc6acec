"""The one shape answers are stored in (``submissions.answers``), written and read only here.

``submissions.answers`` is a JSON object: question id → value, one key per answered question,
nothing for a question left blank or not shown. The value depends on the question's type:

=====================================================  =============================================
question type                                          stored value
=====================================================  =============================================
single_choice, face_scale, yes_no_not_sure             the chosen option id: ``"yes"``
multiple_choice                                        the chosen option ids, in the options' order:
                                                       ``["my_worker", "where_i_live"]``
number                                                 a JSON number: ``6``
free_text                                              the child's words as they wrote them
month_year                                             ``"YYYY-MM"``
=====================================================  =============================================

Every reader — capture's own pages and CSV export, the dashboards' rollups, the subject-access export —
turns a stored object back into typed ``Answer`` values with ``read_answers``, never by reading the JSON.
A value that does not fit its question (an option the instrument no longer has, text where a number
belongs) is left out rather than guessed at; a question the instrument does not have is left out too.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

import msgspec

from ._loader import builtin_instruments
from .schemas import Answer, Instrument, Question

__all__ = ["StoredValue", "adult_instruments", "instrument_version", "read_answers", "store_answers"]

StoredValue = str | int | list[str]


def store_answers(instrument: Instrument, answers: Mapping[str, Answer]) -> dict[str, StoredValue]:
    """Typed answers in the stored shape (see the module docstring)."""
    stored: dict[str, StoredValue] = {}
    for key, answer in answers.items():
        question = instrument.question(key)
        if question.is_choice:
            stored[key] = list(answer.choices) if question.type == "multiple_choice" else answer.choices[0]
        elif answer.number is not None:
            stored[key] = answer.number
        elif answer.text is not None:
            stored[key] = answer.text
        elif answer.month_year is not None:
            stored[key] = answer.month_year
    return stored


def read_answers(instrument: Instrument, stored: Mapping[str, object] | None) -> dict[str, Answer]:
    """Stored answers back as typed ``Answer`` values, in the instrument's question order."""
    found: dict[str, Answer] = {}
    if not stored:
        return found
    for question in instrument.questions:
        if question.answerable and question.id in stored:
            answer = _read(instrument, question, stored[question.id])
            if answer is not None:
                found[question.id] = answer
    return found


def _read(instrument: Instrument, question: Question, value: object) -> Answer | None:
    blank = Answer(question=question.id, instrument=instrument.id, version=instrument.version)
    if question.is_choice:
        given = value if isinstance(value, list) else [value]
        known = {o.id for o in question.options}
        chosen = tuple(v for v in given if isinstance(v, str) and v in known)
        if not chosen or (question.type != "multiple_choice" and len(chosen) > 1):
            return None
        return _with(blank, choices=chosen)
    if question.type == "number":
        if isinstance(value, bool) or not isinstance(value, int | float) or value != int(value):
            return None
        return _with(blank, number=int(value))
    if not isinstance(value, str):
        return None
    if question.type == "month_year":
        return _with(blank, month_year=value)
    return _with(blank, text=value)


def _with(blank: Answer, **values: object) -> Answer:
    return msgspec.structs.replace(blank, **values)


@cache
def instrument_version(instrument_id: str | None, version: int | None) -> Instrument | None:
    """The built-in instrument a submission answered, or None (a plain statement, or one no longer shipped)."""
    if instrument_id is None:
        return None
    versions = builtin_instruments().get(instrument_id, {})
    return versions.get(version) if version is not None else None


@cache
def adult_instruments() -> tuple[str, ...]:
    """Instruments filled in by parents or carers, not children: their answers never count as children's."""
    adults = {"parent", "carer"}
    return tuple(
        sorted(
            key
            for key, versions in builtin_instruments().items()
            if any(adults & set(i.audience.legal_status) for i in versions.values())
        )
    )
