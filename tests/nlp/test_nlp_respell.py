"""Text-speak the table does not list is read by its shape: numbers for sounds, dropped vowels, one letter off,
words run together; names, English and other languages' words are left as written."""

import pytest

from nlp import screen
from nlp._normalise import normalise
from nlp._respell import respell, skeleton


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("sum1", "someone"),  # a number for a sound
        ("evry1", "everyone"),
        ("nvr", "never"),  # vowels dropped
        ("frm", "from"),
        ("msgs", "messages"),
        ("gttn", "getting"),
        ("nobdy", "nobody"),  # one letter lost
        ("scaredd", "scared"),  # one letter added
        ("murda", "murder"),  # a spelling of the sound
        ("hateithere", "hate it here"),  # run together
        ("wannadie", "wanna die"),
    ],
)
def test_text_speak_is_respelled_by_its_shape(written, meant):
    assert respell(written) == meant


@pytest.mark.parametrize("word", ["kerry", "jayden", "hoodie", "the", "maarta", "nikt", "gcse"])
def test_names_english_and_other_languages_are_left_alone(word):
    assert respell(word) is None


def test_skeleton_keeps_the_first_letter_and_the_consonants():
    assert skeleton("messages") == "msgs"


def test_a_respelled_word_keeps_its_offsets_in_the_original():
    norm = normalise("nobdy hurts me")
    assert norm.text == "nobody hurts me"
    assert norm.to_original(0, 6) == (0, 5)


def test_heavy_text_speak_disclosure_and_denial_are_read():
    assert screen("cnt tk it nemore, gna end it 2nite").level == "urgent"
    assert screen("nobdy hurts me here i promise").level == "none"


@pytest.mark.parametrize(("token", "word"), [("agn", "again"), ("evn", "even"), ("ovr", "over")])
def test_three_letters_with_only_a_first_vowel_are_respelled(token, word):
    assert respell(token) == word


@pytest.mark.parametrize("token", ["ana", "ima", "abi"])
def test_three_letters_with_a_later_vowel_are_left_as_written(token):
    assert respell(token) is None
