"""The rule screen reads disclosures in context: negation, hypotheticals, the past and other people."""

import time

import pytest

from nlp import screen


@pytest.mark.parametrize("text", ["I don't feel safe", "dont feel safe at home", "i do not feel safe here"])
def test_not_feeling_safe_is_flagged(text):
    assert screen(text).level != "none"


@pytest.mark.parametrize(
    "text",
    [
        "I don't feel unsafe",
        "I feel safe with my carer",
        "nobody hurts me here",
        "I'm not suicidal, just stressed about exams",
        "my carer helps when I'm sad",
        "I don't get bullied anymore and I'm happy",
        "tooth has been killing me",
        "my mum hit the roof when I got into uni",
    ],
)
def test_safe_uses_of_scary_words_are_not_flagged(text):
    assert screen(text).level == "none"


def test_past_self_harm_is_a_concern():
    result = screen("I used to cut myself")
    assert (result.level, result.categories) == ("concern", ("self_harm",))


def test_carer_hitting_is_urgent_abuse_with_the_phrase_as_trigger():
    result = screen("my carer hits me")
    assert (result.level, result.categories) == ("urgent", ("abuse",))
    assert result.triggers == ("hits me",)


def test_text_speak_disclosure_is_urgent_and_trigger_is_the_childs_words():
    result = screen("kms fr. not even joking this time")
    assert result.level == "urgent"
    assert "self_harm" in result.categories
    assert "kms" in result.triggers


@pytest.mark.parametrize(
    ("text", "level", "category"),
    [
        ("I want to kill myself tonight", "urgent", "self_harm"),
        ("some older boys keep asking me to hold stuff for them", "concern", "exploitation"),
        ("nobody checks if I've eaten", "concern", "neglect"),
        ("I've run away and I'm not going back", "urgent", "missing"),
        ("a boy at school said he will stab me after school", "urgent", "violence"),
    ],
)
def test_labelling_guide_examples(text, level, category):
    result = screen(text)
    assert result.level == level
    assert category in result.categories


def test_hypothetical_and_third_party_lower_but_keep_the_hit():
    assert screen("if I went home my dad would hit me").level == "concern"
    assert screen("my little brother keeps running off").level == "concern"


def test_screen_is_fast_enough_for_a_web_request():
    screen("warm up")
    texts = ["my carer hits me with her slipper when i dont eat my tea. she did it today"] * 50
    texts += ["I like my new school and my carer is nice, we went bowling at the weekend"] * 50
    times = []
    for text in texts:
        start = time.perf_counter()
        screen(text)
        times.append(time.perf_counter() - start)
    assert sorted(times)[len(times) // 2] < 0.005
