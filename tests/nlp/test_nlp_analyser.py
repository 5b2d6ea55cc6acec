"""The Analyser's public shape, language detection and topics."""

from __future__ import annotations

import pytest

from nlp import Analysis, Safeguarding
from nlp._language import detect_language
from nlp.topics import find_topics


def test_analyse_returns_the_full_struct(analyser):
    result = analyser.analyse("I miss my mum and want more contact. My sw Kerry never rings back")
    assert isinstance(result, Analysis)
    assert isinstance(result.safeguarding, Safeguarding)
    assert "family_contact" in result.themes
    assert "Kerry" not in result.redacted
    assert result.model_version == analyser.version
    assert (result.language, result.needs_translation) == ("en", False)


def test_analyse_many_matches_analyse(analyser):
    texts = ["my carer hits me", "I love football", "ok"]
    assert analyser.analyse_many(texts) == [analyser.analyse(t) for t in texts]


def test_model_can_raise_but_never_drops_a_rule_hit(analyser):
    assert analyser.analyse("my forster carer hits me wen i dont eat").safeguarding.level == "urgent"


def test_short_english_and_text_speak_stay_english():
    for text in ["ok", "idk tbh lol", "later curfew lol", "kms fr", "nothing to say really. its fine"]:
        assert detect_language(text) == "en"


def test_other_languages_are_marked_for_translation(analyser):
    result = analyser.analyse("من می خواهم با مادرم صحبت کنم")
    assert result.language == "fa"
    assert result.needs_translation


def test_a_new_topic_is_emerging():
    food = ["nice", "fine", "good", "rubbish", "spicy", "cold"]
    rooms = ["bedroom", "kitchen", "lounge", "garden"]
    previous = [f"the food in the house is {f} and the {r} is ok" for f in food for r in rooms]
    bus = ["late again", "not here yet", "still missing", "not topped up"]
    places = ["college", "my job", "contact", "the gym"]
    current = previous[:10] + [f"my bus pass money is {b} so i cannot get to {p}" for b in bus for p in places]
    topics = find_topics(current, previous)
    emerging = [t for t in topics if t.emerging]
    assert emerging
    assert any("bus" in " ".join(t.terms) or "pass" in " ".join(t.terms) for t in emerging)
    assert all(3 <= len(t.quotes) <= 5 for t in emerging)


# A long ordinary text (five sentences, nothing said about harm) whose whole-text score the model alone puts over
# its flag threshold: the function words of many sentences add up. Written for this test.
LONG_ORDINARY = (
    "I don't like how strict it is here. We have to be in by nine and the wifi goes off at ten. At my last place I "
    "could stay out later. Staff say it's the same for everyone but I'm nearly seventeen. I think it should depend "
    "on your age."
)


def test_a_long_ordinary_text_is_not_flagged_by_the_model_alone_but_goes_to_a_person(analyser):
    from nlp._features import feature_text

    if analyser.models.predict([feature_text(LONG_ORDINARY)]).flag[0] < analyser.thresholds.flag:
        pytest.skip("this model does not score the text over its flag threshold; nothing to hold back")
    result = analyser.analyse(LONG_ORDINARY)
    assert result.safeguarding.level == "none"
    assert result.confirm  # a person looks at what the model alone would have flagged


def test_a_worry_told_in_two_sentences_of_a_long_text_is_still_flagged(analyser):
    text = (
        "College is going well and I passed my level 1. I've got a Saturday job at the bakery. My carers are kind. "
        "The man who runs the car wash says I owe him for the phone he gave me and I have to work nights to pay it "
        "off. I'd like driving lessons for my birthday."
    )
    assert analyser.analyse(text).safeguarding.level != "none"
