"""Load instrument definitions from TOML and reject bad ones with a message naming file, question and problem.

Published versions sit side by side (``instruments/<id>/v<version>.toml``) and are never
edited once published: a changed question is a new version. Every answer records the
version it was given in, so old answers keep their meaning.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import msgspec

from heard.i18n import SUPPORTED, catalogue

from ._conditions import references, satisfiable
from .schemas import (
    AllOf,
    AnyOf,
    Condition,
    Equals,
    Gte,
    In,
    Instrument,
    Lte,
    Not,
    NotEquals,
    Option,
    Question,
    Text,
)

__all__ = ["INSTRUMENTS_DIR", "DefinitionError", "builtin_instruments", "latest", "load_instrument"]

INSTRUMENTS_DIR = Path(__file__).parent / "instruments"
_FACES = ("😢", "🙁", "😐", "🙂", "😄")
_FACE_IDS = ("very_sad", "sad", "ok", "happy", "very_happy")
_YES_NO = ("yes", "no", "not_sure")
_MAX_BUTTONS = 11


class DefinitionError(ValueError):
    """An instrument definition that must not be loaded."""

    def __init__(self, file: str | Path, question: str | None, problem: str) -> None:
        self.file = str(file)
        self.question = question
        self.problem = problem
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.file}: question '{self.question}'" if self.question else self.file
        return f"{where}: {self.problem}"


def load_instrument(path: str | Path) -> Instrument:
    """Read, decode and check one instrument file."""
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise DefinitionError(path, None, f"not valid TOML: {exc}") from None
    try:
        instrument = msgspec.convert(raw, Instrument)
    except msgspec.ValidationError as exc:
        raise DefinitionError(path, _question_at(raw, str(exc)), str(exc)) from None
    return _Checker(path, instrument).run()


def _question_at(raw: Mapping[str, Any], message: str) -> str | None:
    found = re.search(r"\$\.questions\[(\d+)\]", message)
    if not found:
        return None
    questions = raw.get("questions", [])
    index = int(found.group(1))
    entry = questions[index] if isinstance(questions, list) and index < len(questions) else None
    return str(entry.get("id", f"#{index + 1}")) if isinstance(entry, dict) else f"#{index + 1}"


class _Checker:
    """The rules a decoded instrument must pass; fills in standard options along the way."""

    def __init__(self, path: Path, instrument: Instrument) -> None:
        self.path = path
        self.instrument = instrument

    def fail(self, question: str | None, problem: str) -> DefinitionError:
        return DefinitionError(self.path, question, problem)

    def run(self) -> Instrument:
        self.check_unique_ids()
        questions = tuple(self.check_type(q) for q in self.instrument.questions)
        self.instrument = msgspec.structs.replace(self.instrument, questions=questions)
        self.check_languages()
        compiled = tuple(self.check_condition(i, q) for i, q in enumerate(questions))
        return msgspec.structs.replace(self.instrument, questions=compiled)

    def check_unique_ids(self) -> None:
        seen: set[str] = set()
        for question in self.instrument.questions:
            if question.id in seen:
                raise self.fail(question.id, f"duplicate question id '{question.id}'")
            seen.add(question.id)
            options = [o.id for o in question.options]
            for option in options:
                if options.count(option) > 1:
                    raise self.fail(question.id, f"duplicate option id '{option}'")

    # -- types -------------------------------------------------------------------------------

    def check_type(self, question: Question) -> Question:
        if question.is_choice:
            return self.check_choice(question)
        if question.options:
            raise self.fail(question.id, f"a {question.type} question has no options")
        if question.type == "free_text" and question.themed is None:
            raise self.fail(question.id, "free text must say whether it is themed (themed = true or false)")
        if question.type == "number":
            self.check_number(question)
        if question.type == "info" and question.required:
            raise self.fail(question.id, "an information block has no answer, so cannot be required")
        return question

    def check_choice(self, question: Question) -> Question:
        if question.type == "yes_no_not_sure":
            return self.standard_options(question, _YES_NO, ("answer.yes", "answer.no", "answer.not_sure"), None)
        if question.type == "face_scale":
            keys = tuple(f"face.{n}" for n in range(1, 6))
            question = self.standard_options(question, _FACE_IDS, keys, _FACES)
            if any(not o.emoji for o in question.options):
                raise self.fail(question.id, "every face scale point needs an emoji")
            options = tuple(msgspec.structs.replace(o, score=n) for n, o in enumerate(question.options, 1))
            return msgspec.structs.replace(question, options=options)
        if len(question.options) < 2:
            raise self.fail(question.id, "a choice question needs at least two options")
        return question

    def standard_options(
        self, question: Question, ids: tuple[str, ...], keys: tuple[str, ...], emoji: tuple[str, ...] | None
    ) -> Question:
        """The standard options in every declared supported language, unless the author wrote their own."""
        if question.options:
            if tuple(o.id for o in question.options) != ids:
                raise self.fail(question.id, f"a {question.type} question's options must be {', '.join(ids)}")
            return question
        langs = [lang for lang in SUPPORTED if lang in self.instrument.languages]
        options = tuple(
            Option(
                id=option_id,
                label={lang: catalogue(lang).gettext(key) for lang in langs},
                emoji=emoji[n] if emoji else None,
            )
            for n, (option_id, key) in enumerate(zip(ids, keys, strict=True))
        )
        return msgspec.structs.replace(question, options=options)

    def check_number(self, question: Question) -> None:
        if question.min is None or question.max is None:
            raise self.fail(question.id, "a number question needs min and max")
        if question.min >= question.max:
            raise self.fail(question.id, f"min ({question.min}) must be less than max ({question.max})")
        if question.buttons and question.max - question.min >= _MAX_BUTTONS:
            raise self.fail(question.id, f"a number shown as buttons can have at most {_MAX_BUTTONS} choices")
        if question.buttons and not (question.min_label and question.max_label):
            raise self.fail(question.id, "a number shown as buttons needs min_label and max_label")

    # -- languages ---------------------------------------------------------------------------

    def check_languages(self) -> None:
        instrument = self.instrument
        if instrument.default_language not in instrument.languages:
            raise self.fail(None, f"default language '{instrument.default_language}' is not in [languages]")
        self.check_text(None, "title", instrument.title, required=True)
        self.check_text(None, "intro", instrument.intro, required=True)
        self.check_text(None, "easy_read_intro", instrument.easy_read_intro, required=False)
        for question in instrument.questions:
            self.check_text(question.id, "wording", question.text, required=True)
            for name in ("hint", "easy_read", "read_aloud", "min_label", "max_label"):
                self.check_text(question.id, name, getattr(question, name), required=False)
            for option in question.options:
                self.check_text(question.id, f"option '{option.id}' label", option.label, required=True)

    def check_text(self, question: str | None, name: str, text: Text, *, required: bool) -> None:
        languages = self.instrument.languages
        for lang in text:
            if lang not in languages:
                raise self.fail(question, f"{name} has text in '{lang}', which is not declared in [languages]")
        default = self.instrument.default_language
        if (required or text) and not text.get(default, "").strip():
            raise self.fail(question, f"{name} has no text in the default language '{default}'")

    # -- conditions --------------------------------------------------------------------------

    def check_condition(self, index: int, question: Question) -> Question:
        if question.show_if is None:
            return question
        earlier = {q.id: q for q in self.instrument.questions[:index]}
        ids = {q.id for q in self.instrument.questions}
        for comparison in references(question.show_if):
            target = comparison.question
            if target not in ids:
                raise self.fail(question.id, f"show_if refers to unknown question '{target}'")
            if target not in earlier:
                raise self.fail(
                    question.id,
                    f"show_if refers to '{target}', which is not an earlier question "
                    "(conditions may refer only to questions before them)",
                )
            if not earlier[target].answerable:
                raise self.fail(question.id, f"show_if refers to '{target}', an information block with no answer")
        condition = self.compile(question.id, question.show_if, earlier)
        if not satisfiable(condition, earlier):
            raise self.fail(
                question.id,
                "show_if can never be true, so the question is unreachable (its conditions contradict each other)",
            )
        return msgspec.structs.replace(question, show_if=condition)

    def compile(self, owner: str, node: Condition, questions: Mapping[str, Question]) -> Condition:
        """Check each comparison against its question; turn face-scale scores into point ids."""
        if isinstance(node, AllOf | AnyOf):
            return type(node)(of=tuple(self.compile(owner, part, questions) for part in node.of))
        if isinstance(node, Not):
            return Not(condition=self.compile(owner, node.condition, questions))
        target = questions[node.question]
        if isinstance(node, Equals | NotEquals | In):
            self.check_options(owner, node, target)
        elif isinstance(node, Gte | Lte):
            return self.compile_threshold(owner, node, target)
        return node

    def check_options(self, owner: str, node: Equals | NotEquals | In, target: Question) -> None:
        if not target.is_choice:
            raise self.fail(
                owner,
                f"show_if uses '{node.__struct_config__.tag}' on '{target.id}', a {target.type} "
                "question; only choice questions can be compared with options",
            )
        values = node.values if isinstance(node, In) else (node.value,)
        for value in _unknown(values, target.options):
            problem = f"show_if refers to option '{value}', which question '{target.id}' does not have"
            if not isinstance(node, NotEquals):
                problem += ", so that comparison can never be true"
            raise self.fail(owner, problem)

    def compile_threshold(self, owner: str, node: Gte | Lte, target: Question) -> Condition:
        op = "gte" if isinstance(node, Gte) else "lte"
        if target.type == "face_scale":
            ids = tuple(o.id for o in target.options if o.score is not None and _holds(node, o.score))
            if not ids:
                raise self.fail(
                    owner,
                    f"show_if can never be true: the face scale '{target.id}' scores 1 to 5, never {op} {node.value}",
                )
            return In(question=target.id, values=ids)
        if target.type != "number":
            raise self.fail(
                owner,
                f"show_if uses '{op}' on '{target.id}', a {target.type} question; "
                "only number and face scale questions can be compared with numbers",
            )
        if (target.max is not None and op == "gte" and node.value > target.max) or (
            target.min is not None and op == "lte" and node.value < target.min
        ):
            raise self.fail(
                owner,
                f"show_if can never be true: '{target.id}' is between {target.min} and "
                f"{target.max}, never {op} {node.value}",
            )
        return node


def _holds(node: Gte | Lte, score: int) -> bool:
    return score >= node.value if isinstance(node, Gte) else score <= node.value


def _unknown(values: Iterable[str], options: Iterable[Option]) -> list[str]:
    known = {o.id for o in options}
    return [v for v in values if v not in known]


@functools.cache
def builtin_instruments() -> dict[str, dict[int, Instrument]]:
    """Every built-in instrument: id → version → instrument (loaded once)."""
    found: dict[str, dict[int, Instrument]] = {}
    for path in sorted(INSTRUMENTS_DIR.glob("*/v*.toml")):
        instrument = load_instrument(path)
        if instrument.id != path.parent.name:
            raise DefinitionError(path, None, f"id '{instrument.id}' does not match its folder '{path.parent.name}'")
        if path.stem != f"v{instrument.version}":
            raise DefinitionError(path, None, f"version {instrument.version} does not match the file name")
        found.setdefault(instrument.id, {})[instrument.version] = instrument
    return {key: dict(sorted(versions.items())) for key, versions in sorted(found.items())}


def latest(instrument_id: str) -> Instrument:
    """The newest version of a built-in instrument."""
    try:
        versions = builtin_instruments()[instrument_id]
    except KeyError:
        raise KeyError(f"no built-in instrument '{instrument_id}'") from None
    return versions[max(versions)]
