"""Show/hide conditions: one table of cases, evaluated by Python and by conditions.js in Chromium."""

import itertools

import msgspec
import pytest
from surveys_browser import chromium

import surveys
from surveys import STATIC_DIR
from surveys._conditions import _candidates, evaluate, references, visible
from surveys.schemas import Condition, Question


def eq(q, v):
    return {"op": "equals", "question": q, "value": v}


def ne(q, v):
    return {"op": "not_equals", "question": q, "value": v}


# (condition, answers, expected)
CASES = [
    (eq("a", "yes"), {"a": ["yes"]}, True),
    (eq("a", "yes"), {"a": ["no"]}, False),
    (eq("a", "yes"), {}, False),
    (eq("a", "yes"), {"a": []}, False),
    (eq("a", "yes"), {"a": ["  yes \n"]}, True),
    (eq("a", "yes"), {"a": ["", "   "]}, False),
    (eq("a", "yes"), {"a": ["\u00a0yes"]}, False),  # only ASCII whitespace is trimmed, in both
    (eq("pets", "dog"), {"pets": ["cat", "dog"]}, True),
    (ne("a", "yes"), {"a": ["no"]}, True),
    (ne("a", "yes"), {"a": ["yes"]}, False),
    (ne("a", "yes"), {}, False),  # a comparison on a blank answer is false
    (ne("a", "yes"), {"a": [" "]}, False),
    (ne("pets", "dog"), {"pets": ["cat", "dog"]}, False),
    ({"op": "not", "condition": eq("a", "yes")}, {}, True),  # but not-equals-via-not is true when blank
    ({"op": "in", "question": "a", "values": ["no", "not_sure"]}, {"a": ["not_sure"]}, True),
    ({"op": "in", "question": "a", "values": ["no", "not_sure"]}, {"a": ["yes"]}, False),
    ({"op": "in", "question": "a", "values": ["no"]}, {}, False),
    ({"op": "answered", "question": "a"}, {"a": ["x"]}, True),
    ({"op": "answered", "question": "a"}, {"a": ["  "]}, False),
    ({"op": "answered", "question": "a"}, {}, False),
    ({"op": "not_answered", "question": "a"}, {}, True),
    ({"op": "not_answered", "question": "a"}, {"a": [""]}, True),
    ({"op": "not_answered", "question": "a"}, {"a": ["0"]}, False),
    ({"op": "gte", "question": "n", "value": 5}, {"n": ["5"]}, True),
    ({"op": "gte", "question": "n", "value": 5}, {"n": ["4"]}, False),
    ({"op": "gte", "question": "n", "value": 5}, {"n": ["4.99"]}, False),
    ({"op": "gte", "question": "n", "value": 5}, {"n": ["10"]}, True),
    ({"op": "gte", "question": "n", "value": 5}, {"n": ["007"]}, True),
    ({"op": "gte", "question": "n", "value": 5}, {"n": ["٧"]}, True),  # Arabic-Indic seven
    ({"op": "gte", "question": "n", "value": 5}, {"n": ["۳"]}, False),  # Persian three
    ({"op": "gte", "question": "n", "value": 5}, {"n": ["seven"]}, False),
    ({"op": "gte", "question": "n", "value": 5}, {"n": ["1e3"]}, False),
    ({"op": "gte", "question": "n", "value": 5}, {"n": ["+6"]}, False),
    ({"op": "gte", "question": "n", "value": 5}, {}, False),
    ({"op": "lte", "question": "n", "value": 0}, {"n": ["-1"]}, True),
    ({"op": "lte", "question": "n", "value": 0}, {"n": [" 0 "]}, True),
    ({"op": "lte", "question": "n", "value": 0}, {"n": ["1"]}, False),
    ({"op": "lte", "question": "n", "value": 0}, {"n": [""]}, False),
    ({"op": "all", "of": [eq("a", "no"), {"op": "gte", "question": "n", "value": 3}]}, {"a": ["no"], "n": ["3"]}, True),
    ({"op": "all", "of": [eq("a", "no"), {"op": "gte", "question": "n", "value": 3}]}, {"a": ["no"]}, False),
    ({"op": "any", "of": [eq("a", "no"), {"op": "answered", "question": "b"}]}, {"b": ["hi"]}, True),
    ({"op": "any", "of": [eq("a", "no"), {"op": "answered", "question": "b"}]}, {}, False),
    ({"op": "not", "condition": {"op": "any", "of": [eq("a", "no"), eq("a", "not_sure")]}}, {"a": ["yes"]}, True),
    ({"op": "not", "condition": {"op": "not_answered", "question": "a"}}, {"a": ["x"]}, True),
    (eq("constructor", "x"), {}, False),  # ids that are JavaScript object keys are still just ids
]


def qn(key, show_if=None):
    return {"id": key, "type": "free_text", "themed": False, "text": {"en": key}, "show_if": show_if}


# (questions, answers, visible ids)
PAGES = [
    (
        [qn("a"), qn("b", eq("a", "no")), qn("c", {"op": "answered", "question": "b"})],
        {"a": ["no"], "b": ["because"], "c": ["x"]},
        ["a", "b", "c"],
    ),
    # b is hidden, so its answer counts as blank for c even though a value was posted
    (
        [qn("a"), qn("b", eq("a", "no")), qn("c", {"op": "answered", "question": "b"})],
        {"a": ["yes"], "b": ["because"], "c": ["x"]},
        ["a"],
    ),
    (
        [qn("a"), qn("b", eq("a", "no")), qn("c", {"op": "not_answered", "question": "b"})],
        {"a": ["yes"], "b": ["because"]},
        ["a", "c"],
    ),
    ([qn("a"), qn("b", ne("a", "yes"))], {}, ["a"]),
    ([qn("constructor"), qn("b", {"op": "not_answered", "question": "constructor"})], {}, ["constructor", "b"]),
    ([qn("a"), qn("b", {"op": "not", "condition": eq("a", "yes")})], {}, ["a", "b"]),
]


def _condition(raw):
    return msgspec.convert(raw, Condition)


@pytest.mark.parametrize(("condition", "answers", "expected"), CASES)
def test_python_evaluates_the_table(condition, answers, expected):
    assert evaluate(_condition(condition), answers) is expected


@pytest.mark.parametrize(("questions", "answers", "expected"), PAGES)
def test_python_hides_follow_ups_of_hidden_questions(questions, answers, expected):
    loaded = [msgspec.convert(q, Question) for q in questions]
    assert [q.id for q in visible(loaded, answers)] == expected


def _js_questions(questions):
    return [{"id": q["id"], "showIf": q["show_if"]} for q in questions]


@pytest.mark.browser
def test_javascript_evaluates_the_same_table_in_chromium():
    with chromium() as browser:
        page = browser.new_page()
        page.set_content("<!doctype html><title>conditions</title>")
        page.add_script_tag(path=str(STATIC_DIR / "conditions.js"))
        got = page.evaluate(
            "cases => cases.map(([c, a]) => window.HeardConditions.evaluate(c, a))",
            [[c, a] for c, a, _ in CASES],
        )
        pages = page.evaluate(
            "pages => pages.map(([q, a]) => window.HeardConditions.visibleIds(q, a))",
            [[_js_questions(q), a] for q, a, _ in PAGES],
        )
    python = [evaluate(_condition(c), a) for c, a, _ in CASES]
    assert got == python == [e for _, _, e in CASES]
    assert pages == [e for _, _, e in PAGES]


@pytest.mark.browser
def test_javascript_agrees_on_every_builtin_condition():
    """Every real condition, against every representative answer, gives the same result in both."""
    cases = []
    for versions in surveys.builtin_instruments().values():
        for instrument in versions.values():
            by_id = {q.id: q for q in instrument.questions}
            for question in instrument.questions:
                if question.show_if is None:
                    continue
                ids = sorted({c.question for c in references(question.show_if)})
                domains = [_candidates(by_id[i], question.show_if) for i in ids]
                for combo in itertools.product(*domains):
                    cases.append((msgspec.to_builtins(question.show_if), dict(zip(ids, combo, strict=True))))
    assert len(cases) > 20
    with chromium() as browser:
        page = browser.new_page()
        page.set_content("<!doctype html><title>conditions</title>")
        page.add_script_tag(path=str(STATIC_DIR / "conditions.js"))
        got = page.evaluate("cases => cases.map(([c, a]) => window.HeardConditions.evaluate(c, a))", cases)
    assert got == [evaluate(_condition(c), a) for c, a in cases]
