"""The rule screen reads disclosures in context: negation, hypotheticals, the past and other people."""

import time

import pytest

from nlp import screen
from nlp._rules import load_rules
from nlp._screen import default_screen


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


@pytest.mark.parametrize(
    ("text", "level", "category"),
    [
        # a lemma word matches its own written form, whatever the lookup table's lemma ("scared" -> "scare")
        ("im scared of my dad", "concern", "abuse"),
        ("i am terrified to go home", "concern", "abuse"),
        ("they dont feed us", "concern", "neglect"),  # the table's lemma of "feed" is "fee"
        # alternatives of several words, one phrase each
        ("i get left at home on my own with my baby brother", "concern", "neglect"),
        ("i am hungry all the time", "concern", "neglect"),
        ("they shout at me all the time", "concern", "abuse"),
        ("my mum is in bed all day and i look after my sister", "concern", "neglect"),
        ("I can't afford food this week", "concern", "neglect"),
        ("some men told me to keep a bag at my flat for a few days", "concern", "exploitation"),
        ("there's no point in being alive", "concern", "self_harm"),
        ("they say im a waste of space", "concern", "abuse"),
        ("i got no shoes that fit and its winter", "concern", "neglect"),
        ("they said i have to work off my debt", "concern", "exploitation"),
        ("i keep thinking about not being here", "concern", "self_harm"),
        # said indirectly, in the passive, or for pictures
        ("nobody would care if i wasnt here", "concern", "self_harm"),
        ("no one would miss me", "concern", "self_harm"),
        ("i was touched by my uncle when i was little", "concern", "abuse"),
        ("he sends me money for pictures", "urgent", "exploitation"),
        ("a man online keeps asking me for pics", "concern", "exploitation"),
        ("i want to die tbh", "urgent", "self_harm"),  # "to be honest" is not "dying to"
        # hopelessness and wanting it to end, said without the words "die" or "kill"
        ("i just want it all to stop", "concern", "self_harm"),
        ("I want everything to stop", "concern", "self_harm"),
        ("I want to end it", "concern", "self_harm"),
        ("i want to go to sleep and not wake up", "concern", "self_harm"),
        ("I cant cope anymore", "concern", "self_harm"),
        ("whats the point of anything", "concern", "self_harm"),
        ("when im cross i scratch my arms til they bleed", "concern", "self_harm"),
        # an adult named as the one doing it ("my carer grabs", not "he grabs")
        ("my carer grabs my arm really hard", "urgent", "abuse"),
        ("my partner controls my money", "concern", "abuse"),
        # punishments and put-downs
        ("my foster mum says I'm a mistake", "concern", "abuse"),
        ("they make me stand in the corner for hours", "concern", "abuse"),
        ("I get sent to bed without tea", "concern", "neglect"),
        ("I'm scared of the other young people here", "concern", "violence"),
        ("daddy hurts my tummy", "urgent", "abuse"),
        ("my carer kicked me out", "concern", "missing"),
        ("I haven't got gas or electric", "concern", "neglect"),
        ("I'm locked out of the flat again", "concern", "neglect"),
        ("he asked me to send him a picture in my underwear", "concern", "exploitation"),
        ("they said they'd share my pics if I don't send more", "urgent", "exploitation"),
        ("I have to go to different towns for them", "concern", "exploitation"),
        ("I'm being bullied every day and I can't take it", "concern", "violence"),
        # a contraction in the rule could never match the split tokens of the text
        ("I'm staying on mates' sofas", "concern", "missing"),
        ("ive been kipping on a friend's couch", "concern", "missing"),
    ],
)
def test_rules_match_the_words_they_were_written_for(text, level, category):
    result = screen(text)
    assert (result.level, category in result.categories) == (level, True), result


@pytest.mark.parametrize(
    "text",
    [
        "can i keep my money in my own bank account",
        "my mum has stopped drinking and she's got a new flat",
        "The house is dirty and I cannot sleep. Before there was war but here is safe",
        "i need to pay off my debt for my phone",
        "I was touched by her kindness",
        "pinch me, I got the job",
        "nobody would care if i was late",
        "im dying to go to the cinema",
        "the cake was to die for",
        "i nearly died laughing",
        "we watched a film about suicide in PSHE",
        "I want to end it with my boyfriend",
        "I want the bullying to stop",
        "I'm scared of the dark",
        "the food hurts my tummy",
        "can I share my photos if I want",
        "we go to different places for our holidays",
        "I used to get bullied every day at my old school",
        "the staff kick me out of the kitchen at 10",
        "I got locked out of my instagram",
        "I don't pay for gas my PA does",
        "we did a photo shoot for the school play",
        "I got kicked out of class again",
        "I grabbed my arm on the way past",
        "keep getting new sws so whats the point telling them anything",
    ],
)
def test_the_rules_fixed_for_those_words_stay_quiet_here(text):
    assert screen(text).level == "none", screen(text)


def test_every_word_in_the_rules_can_match_a_word_of_the_text():
    """The text is tokenised before matching: "i'm" becomes "i" + "am" and "cannot" "can" + "not", so a rule word
    that tokenises into two, or into another form, can never match and its rule is silently dead."""
    tokenise = default_screen().tokenise
    dead = set()
    for patterns in load_rules().patterns.values():
        for pattern in patterns:
            for step in pattern:
                for word in step.words:
                    tokens = [t.norm_ for t in tokenise(word)]
                    if tokens != [word]:
                        dead.add(f"{word} -> {' '.join(tokens)}")
    assert not dead, sorted(dead)
