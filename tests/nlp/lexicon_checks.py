"""The two checks every lexicon test file makes: a kind is flagged at its level in its language, a look-alike is
not flagged."""

from nlp import screen
from nlp._foreign import read


def assert_flagged_at_level(text: str, level: str, category: str, language: str) -> None:
    result = screen(text)
    assert (result.level, category in result.categories) == (level, True), (result.categories, result.triggers)
    assert language in read(text).languages


def assert_quiet(text: str) -> None:
    result = screen(text)
    assert result.level == "none", result.triggers
