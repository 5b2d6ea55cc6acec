"""The Analyser's public shape, language detection and topics."""

from __future__ import annotations

import msgspec

from nlp import Analyser, Analysis, Safeguarding
from nlp._language import detect_language
from nlp._normalise import normalise
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


# A long ordinary text (five sentences, nothing said about harm). Written for this test.
LONG_ORDINARY = (
    "I don't like how strict it is here. We have to be in by nine and the wifi goes off at ten. At my last place I "
    "could stay out later. Staff say it's the same for everyone but I'm nearly seventeen. I think it should depend "
    "on your age."
)


def test_a_long_text_is_read_window_by_window_not_as_a_whole(model_dir):
    """On a long text the function words of many sentences add up: a model whose flag threshold the whole text
    passes still does not flag it, because no two sentences of it say anything about harm."""
    from nlp._redact import feature_text

    analyser = Analyser.load(model_dir)
    score = float(analyser.models.predict([feature_text(LONG_ORDINARY)]).flag[0])
    analyser.thresholds = msgspec.structs.replace(analyser.thresholds, flag=score - 0.01)
    assert analyser.analyse(LONG_ORDINARY).safeguarding.level == "none"
    short = "We went to the park after school. Then I had my tea."
    analyser.thresholds = msgspec.structs.replace(
        analyser.thresholds, flag=float(analyser.models.predict([feature_text(short)]).flag[0]) - 0.01
    )
    assert analyser.analyse(short).safeguarding.level != "none"  # a short text is still read whole


def test_a_worry_told_in_two_sentences_of_a_long_text_is_still_flagged(analyser):
    text = (
        "College is going well and I passed my level 1. I've got a Saturday job at the bakery. My carers are kind. "
        "The man who runs the car wash says I owe him for the phone he gave me and I have to work nights to pay it "
        "off. I'd like driving lessons for my birthday."
    )
    assert analyser.analyse(text).safeguarding.level != "none"


# A Dari sentence no lexicon flags: "today I went to school with my friend".
DARI_ORDINARY = "امروز با رفیقم به مکتب رفتم"


def test_text_with_no_english_sentence_is_flagged_by_the_model_over_its_own_threshold(model_dir):
    """The model learnt the other languages from fewer items, so their text has a flag threshold of its own: the
    English one never decides there."""
    from nlp._redact import feature_text

    analyser = Analyser.load(model_dir)
    score = float(analyser.models.predict([feature_text(DARI_ORDINARY)]).flag[0])
    analyser.thresholds = msgspec.structs.replace(analyser.thresholds, flag=score - 0.01, foreign=score + 0.01)
    assert analyser.analyse(DARI_ORDINARY).safeguarding.level == "none"
    analyser.thresholds = msgspec.structs.replace(analyser.thresholds, flag=score + 0.01, foreign=score - 0.01)
    flagged = analyser.analyse(DARI_ORDINARY)
    assert flagged.safeguarding.level != "none"
    assert flagged.confirm  # the model alone raised it: a person confirms


def test_training_tunes_a_flag_threshold_for_other_languages(analyser):
    assert 0 < analyser.thresholds.foreign <= 1
    assert analyser.meta["thresholds"]["foreign"] == analyser.thresholds.foreign


def test_a_story_far_from_the_worry_does_not_hold_back_a_long_text(analyser, monkeypatch):
    """A model-only flag on a long text is read for a story, joke or denial in the window that raised it: a book
    read in English three sentences away says nothing about the worry. (The window threshold is set just under
    this model's best window, and certainty never overrides the hold, so the test reads the hold alone.)"""
    import nlp.analyser

    text = (
        "In English we are reading a story about a dragon. College is going well and I passed my level 1. My "
        "carers are kind and the food is good. I keep my hoodie zipped up now even when it's hot so nobody sees "
        "my neck since Dad got cross at contact. I'd like driving lessons for my birthday."
    )
    best = analyser._windows([text], [True])[0]
    assert "hoodie" in best.norm.text and "story" not in best.norm.text
    monkeypatch.setattr(nlp.analyser, "_WINDOW_FLAG", best.flag - 0.01)
    monkeypatch.setattr(nlp.analyser, "_SURE", 1.01)
    assert analyser._dismissed(normalise(text)).quiet  # the whole text names a story
    result = analyser.analyse(text)
    assert result.safeguarding.level != "none"
    assert result.confirm  # the model alone raised it
    story = "In English we are reading a story about a dragon. It breathes fire and burns the village down."
    assert analyser.analyse(story).safeguarding.level == "none"


# Written for this test: a threat the child laughs off. The rules read "lol" as a joke; the model is sure.
LAUGHED_OFF = "they said if i dont hold the bag for them till friday they will sort my little brother out lol"


def test_a_joke_or_story_the_rules_read_does_not_hold_back_a_model_that_is_sure(analyser, monkeypatch):
    """Where the rules read a joke and the model is sure of a worry, the higher reading stands and a person
    confirms; below that certainty the rules' reading still holds the model's flag back."""
    import nlp.analyser

    result = analyser.analyse(LAUGHED_OFF)
    assert result.safeguarding.level != "none"
    assert result.confirm
    monkeypatch.setattr(nlp.analyser, "_SURE", 1.0)
    held = analyser.analyse(LAUGHED_OFF)
    assert held.safeguarding.level == "none"
    assert held.confirm


# Written for this test: a put-down over food, and the same with a game named beside it or a sentence away.
PUT_DOWN = "She calls me a pig and a greedy cow if I ask for seconds at tea"
GAME_BESIDE = PUT_DOWN + " while we play football on the xbox"
GAME_AWAY = PUT_DOWN + ". Me and my mate played football at the park after school."


def test_a_game_named_beside_the_worry_holds_back_the_model_but_not_one_a_sentence_away(analyser, monkeypatch):
    """A story, game, house rule or joke holds back a flag the model alone raised only in the sentence the model
    scores highest: a sentence away it says nothing of the worry. (The flag threshold is set just under the
    model's score for each text, and certainty never overrides the hold, so the test reads the hold alone.)"""
    import nlp.analyser
    from nlp._redact import feature_text

    monkeypatch.setattr(nlp.analyser, "_SURE", 1.01)
    assert analyser.screen.screen(GAME_AWAY).level == "none"  # no rule reads it: any flag is the model's
    for text, held in [(GAME_BESIDE, True), (GAME_AWAY, False)]:
        assert analyser._dismissed(normalise(text)).quiet  # both name a game
        score = float(analyser.models.predict([feature_text(text)]).flag[0])
        monkeypatch.setattr(analyser, "thresholds", msgspec.structs.replace(analyser.thresholds, flag=score - 0.01))
        result = analyser.analyse(text)
        assert (result.safeguarding.level == "none") == held, text
        assert result.confirm  # either way a person confirms
