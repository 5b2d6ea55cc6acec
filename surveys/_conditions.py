"""Show/hide conditions: evaluation (mirrored exactly by static/conditions.js) and static analysis.

Semantics, identical in Python and JavaScript:

- An answer is the list of values posted for a question. Values are trimmed of ASCII
  whitespace; blank values are dropped. A question with no values left is *blank*, and
  so is every question that is hidden: conditions see only the answers to visible
  questions.
- ``answered`` is true when the question is not blank; ``not_answered`` when it is.
- Every comparison on a blank answer is false: ``equals``, ``not_equals``, ``in``,
  ``gte`` and ``lte``. So ``not_equals`` means "answered, and not with this value",
  while ``not`` over ``equals`` is also true when blank.
- ``equals`` / ``in`` hold when any value matches (several for multiple choice);
  ``not_equals`` holds when no value matches.
- ``gte`` / ``lte`` read a value as a whole or decimal number (Arabic-Indic and Persian
  digits are read as 0-9); a value that is not a number never compares true.
- ``all`` is true when every part is; ``any`` when at least one is; ``not`` inverts.

On a face scale, authors may write ``gte``/``lte`` against the 1-5 score; the loader
compiles those into ``in`` over the matching point ids, so neither evaluator needs to
know the scale.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping, Sequence

from .schemas import (
    AllOf,
    Answered,
    AnyOf,
    Comparison,
    Condition,
    Equals,
    Gte,
    In,
    Lte,
    Not,
    NotAnswered,
    NotEquals,
    Question,
)

__all__ = ["evaluate", "present", "references", "satisfiable", "visible"]

_ASCII_SPACE = " \t\n\r\f\v"
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?", re.ASCII)
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_MAX_CASES = 50_000


def present(values: Sequence[str] | None) -> list[str]:
    """The non-blank values, trimmed."""
    return [t for t in (v.strip(_ASCII_SPACE) for v in values or ()) if t]


def as_number(value: str) -> float | None:
    value = value.translate(_DIGITS)
    return float(value) if _NUMBER.fullmatch(value) else None


def _compare(node: Comparison, values: list[str]) -> bool:
    if isinstance(node, Answered):
        return bool(values)
    if isinstance(node, NotAnswered):
        return not values
    if not values:
        return False
    if isinstance(node, Equals):
        return node.value in values
    if isinstance(node, NotEquals):
        return node.value not in values
    if isinstance(node, In):
        return any(v in node.values for v in values)
    numbers = [n for n in map(as_number, values) if n is not None]
    if isinstance(node, Gte):
        return any(n >= node.value for n in numbers)
    return any(n <= node.value for n in numbers)


def evaluate(condition: Condition, answers: Mapping[str, Sequence[str]]) -> bool:
    """Whether ``condition`` holds for ``answers`` (question id → posted values)."""
    if isinstance(condition, AllOf):
        return all(evaluate(part, answers) for part in condition.of)
    if isinstance(condition, AnyOf):
        return any(evaluate(part, answers) for part in condition.of)
    if isinstance(condition, Not):
        return not evaluate(condition.condition, answers)
    return _compare(condition, present(answers.get(condition.question)))


def visible(questions: Sequence[Question], answers: Mapping[str, Sequence[str]]) -> list[Question]:
    """The questions shown, in order; a hidden question's answer counts as blank for later ones."""
    seen: dict[str, Sequence[str]] = {}
    shown: list[Question] = []
    for question in questions:
        if question.show_if is None or evaluate(question.show_if, seen):
            shown.append(question)
            seen[question.id] = answers.get(question.id, ())
    return shown


def references(condition: Condition) -> Iterator[Comparison]:
    """Every comparison in the tree, depth first."""
    if isinstance(condition, AllOf | AnyOf):
        for part in condition.of:
            yield from references(part)
    elif isinstance(condition, Not):
        yield from references(condition.condition)
    else:
        yield condition


def _candidates(question: Question, condition: Condition) -> list[list[str]]:
    """Representative answers for ``question``: enough to find any combination that makes a condition true."""
    blank: list[str] = []
    if question.is_choice:
        if question.type != "multiple_choice":
            return [blank, *([o.id] for o in question.options)]
        mentioned = {v for c in references(condition) if c.question == question.id for v in _mentioned(c)}
        relevant = [o.id for o in question.options if o.id in mentioned]
        relevant += [o.id for o in question.options if o.id not in mentioned][:1]
        subsets = itertools.chain.from_iterable(itertools.combinations(relevant, n) for n in range(1, 11))
        return [blank, *(list(s) for s in subsets)]
    if question.type == "number":
        low = question.min if question.min is not None else -(10**9)
        high = question.max if question.max is not None else 10**9
        points = {low, high}
        for c in references(condition):
            if c.question == question.id and isinstance(c, Gte | Lte):
                points.update({c.value - 1, c.value, c.value + 1})
        return [blank, *([str(p)] for p in sorted(points) if low <= p <= high)]
    return [blank, ["x"]]


def _mentioned(comparison: Comparison) -> tuple[str, ...]:
    if isinstance(comparison, Equals | NotEquals):
        return (comparison.value,)
    return comparison.values if isinstance(comparison, In) else ()


def satisfiable(condition: Condition, questions: Mapping[str, Question]) -> bool:
    """Whether some combination of answers to the referenced questions makes ``condition`` true.

    Checks every combination of representative answers; a tree too large to check is
    assumed satisfiable.
    """
    ids = sorted({c.question for c in references(condition)})
    domains = [_candidates(questions[i], condition) for i in ids]
    cases = 1
    for domain in domains:
        cases *= len(domain)
    if cases > _MAX_CASES:
        return True
    return any(evaluate(condition, dict(zip(ids, combo, strict=True))) for combo in itertools.product(*domains))
