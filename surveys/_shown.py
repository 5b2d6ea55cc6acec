"""A submission as a reader sees it: each question's wording, the chosen options' labels, and the free text once."""

from __future__ import annotations

from collections.abc import Mapping

import msgspec

from ._stored import instrument_version, read_answers
from .schemas import Answer, Direction, Instrument

__all__ = ["Shown", "ShownAnswer", "show_submission", "shown_sections", "typed_words"]


class ShownAnswer(msgspec.Struct, frozen=True, kw_only=True):
    """One answer: the question's wording in the reader's language, then the labels chosen or the words written."""

    question: str
    lang: str
    dir: Direction
    choices: tuple[str, ...] = ()
    text: str | None = None
    """The child's words exactly as written (or a number or month as given)."""


class Shown(msgspec.Struct, frozen=True, kw_only=True):
    answers: tuple[ShownAnswer, ...] = ()
    words: str | None = None
    """Free text that is under no question above (a plain statement); never a second copy of an answer."""


def show_submission(
    instrument_id: str | None,
    version: int | None,
    stored: Mapping[str, object] | None,
    free_text: str | None,
    lang: str,
) -> Shown:
    """What every page (inbox, alert, complaint, PDF, quotes) shows of one submission."""
    instrument = instrument_version(instrument_id, version)
    if instrument is None:
        return Shown(answers=_unknown(stored), words=(free_text or "").strip() or None)
    answers = read_answers(instrument, stored)
    shown = tuple(_one(instrument, answer, lang) for answer in answers.values())
    written = [a.text.strip() for a in answers.values() if a.text and a.text.strip()]
    words = (free_text or "").strip()
    if not words or words in written or words == "\n\n".join(written) or all(p in written for p in _parts(words)):
        return Shown(answers=shown)
    return Shown(answers=shown, words=words)


def typed_words(
    instrument_id: str | None, version: int | None, stored: Mapping[str, object] | None, free_text: str | None
) -> str:
    """Everything the child typed, once, for analysis and redaction: the free text, then each free-text answer
    not already in it (a survey's free text is its themed answers joined). Never a chosen option's id.

    With no instrument to tell typed words from option ids (a plain statement, or an instrument no longer
    shipped), the free text and then each string answer not already in it.
    """
    words = (free_text or "").strip()
    instrument = instrument_version(instrument_id, version)
    if instrument is None:
        extra = [v for v in (stored or {}).values() if isinstance(v, str)]
    else:
        extra = [a.text for a in read_answers(instrument, stored).values() if a.text is not None]
    for text in (t.strip() for t in extra):
        if text and text not in words:
            words = f"{words}\n\n{text}" if words else text
    return words


def _parts(words: str) -> list[str]:
    return [p.strip() for p in words.split("\n\n") if p.strip()]


def _one(instrument: Instrument, answer: Answer, lang: str) -> ShownAnswer:
    question = instrument.question(answer.question)
    asked = instrument.question_text(question, lang)
    labels = tuple(
        instrument.wording(option.label, lang).text for c in answer.choices if (option := question.option(c))
    )
    text = answer.text
    if text is None and answer.number is not None:
        text = str(answer.number)
    if text is None and answer.month_year is not None:
        text = answer.month_year
    return ShownAnswer(question=asked.text, lang=asked.lang, dir=asked.dir, choices=labels, text=text)


def _unknown(stored: Mapping[str, object] | None) -> tuple[ShownAnswer, ...]:
    """Answers with no instrument to word them (sent through the plain API): the key as the question."""
    shown = []
    for key, value in (stored or {}).items():
        if isinstance(value, list):
            shown.append(
                ShownAnswer(
                    question=key.replace("_", " ").capitalize(),
                    lang="en",
                    dir="ltr",
                    choices=tuple(str(v) for v in value),
                )
            )
        elif value is not None:
            shown.append(
                ShownAnswer(question=key.replace("_", " ").capitalize(), lang="en", dir="ltr", text=str(value))
            )
    return tuple(shown)


def shown_sections(shown: Shown, words_heading: str = "In their own words") -> list[tuple[str, str]]:
    """The same, as (heading, text) sections for a plain-text document such as a PDF."""
    sections = [(a.question, ", ".join(a.choices) if a.choices else a.text or "") for a in shown.answers]
    if shown.words:
        sections.append((words_heading, shown.words))
    return sections
