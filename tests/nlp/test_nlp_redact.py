"""Personal details are replaced by typed placeholders; helpline numbers stay."""

import pytest

from nlp import redact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my sw Gemma is nice", "my sw [NAME] is nice"),
        ("can i have my sister leah's number", "can i have my sister [NAME]'s number"),
        ("a man called Dean", "a man called [NAME]"),
        ("I see Mrs Patel on Tuesday", "I see [NAME] on Tuesday"),
        ("ring me on 07700 900418 please", "ring me on [PHONE] please"),
        ("landline (0161) 496 0420", "landline [PHONE]"),
        ("+44 7700 900123", "[PHONE]"),
        ("email riley.j.morgan@gmail.com ok", "email [EMAIL] ok"),
        ("I live at 27 Holly Bank Close, SK4 2QT", "I live at [ADDRESS], [POSTCODE]"),
        ("got excluded from Kingsmead Academy", "got excluded from [SCHOOL]"),
        ("starting at the University of Leicester", "starting at the [SCHOOL]"),
        ("her insta is leahhh.x", "her insta is [HANDLE]"),
        ("add me @jay_b123", "add me [HANDLE]"),
    ],
)
def test_each_type_is_replaced(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text", ["Ring Childline on 0800 1111", "Samaritans 116 123", "NSPCC 0808 800 5000", "call 999 or 111"]
)
def test_helplines_are_kept(text):
    assert redact(text) == text


def test_ordinary_words_that_are_names_are_kept():
    assert redact("Will you help? I hope so. my insta is private") == "Will you help? I hope so. my insta is private"
