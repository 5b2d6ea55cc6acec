"""Normalisation keeps the original and maps offsets back to it."""

from nlp._normalise import normalise


def test_text_speak_and_misspellings_are_expanded():
    n = normalise("My sw said ur forster carer is gr8, kms")
    assert n.text == "my social worker said your foster carer is great, kill myself"
    assert n.original == "My sw said ur forster carer is gr8, kms"


def test_curly_quotes_case_and_stretched_words():
    assert normalise("I’m “FINE” sooo pleaseee").text == 'i\'m "fine" so please'


def test_unalive_and_skool():
    assert normalise("thinking about unaliving myself at skool").text == "thinking about killing myself at school"


def test_offsets_map_back_to_the_original_words():
    n = normalise("honestly kms rn")
    start = n.text.index("kill myself")
    a, b = n.to_original(start, start + len("kill myself"))
    assert n.original[a:b] == "kms"


def test_words_inside_other_words_are_left_alone():
    assert normalise("swimming urgent").text == "swimming urgent"
