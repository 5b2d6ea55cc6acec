"""Disclosures in other languages are read sentence by sentence; text nobody here can read is never "none"."""

import pytest

from nlp import screen
from nlp._foreign import LEXICONS, fold_letters, lexicon, read

# Sentences written for these tests (glosses in the comments); none comes from an evaluation set.
DISCLOSURES = [
    ("صديق أمي يضربني", "urgent", "abuse", "ar"),  # my mum's boyfriend hits me
    ("بدي موت", "urgent", "self_harm", "ar"),  # I want to die
    ("ناپدری‌ام منو می‌زنه", "urgent", "abuse", "fa"),  # my stepfather hits me
    ("کاکایم مرا لت می‌کند", "urgent", "abuse", "fa"),  # (Dari) my uncle beats me
    ("می‌خوام بمیرم", "urgent", "self_harm", "fa"),  # I want to die
    ("زما پلار ما وهي", "urgent", "abuse", "ps"),  # my father beats me
    ("باوکم لێم دەدات", "urgent", "abuse", "ku"),  # my father hits me
    ("ኣቦይ ይወቕዓኒ", "urgent", "abuse", "ti"),  # my father hits me
    ("ነብሰይ ክቐትል እደሊ", "urgent", "self_harm", "ti"),  # I want to kill myself
    ("Babai më rrah çdo ditë", "urgent", "abuse", "sq"),  # father beats me every day
    ("Bố dượng đánh em", "urgent", "abuse", "vi"),  # my stepfather hits me
    ("Ojczym mnie bije", "urgent", "abuse", "pl"),  # my stepfather hits me
    ("Chcę umrzeć", "urgent", "self_harm", "pl"),  # I want to die
    ("mera stepdad mujhe maarta hai", "urgent", "abuse", "ur"),  # Roman Urdu mixed with English
    ("menu mera peyo kutda ae", "urgent", "abuse", "pa"),  # Roman Punjabi: my father beats me
    ("میرے ابو مجھے مارتے ہیں", "urgent", "abuse", "ur"),  # my father hits me
]
DENIALS = [
    "ما حدا بيضربني هون، انا مرتاح",  # nobody hits me here, I'm comfortable
    "رح موت من الضحك",  # I'm going to die laughing
    "هیچ کس منو نمی‌زنه",  # nobody hits me
    "کەس لێم نادات",  # nobody hits me
    "askush nuk më rrah",  # nobody beats me
    "khong ai danh em",  # nobody hits me (no tone marks)
    "nikt nie bije mnie, jest ok",  # nobody hits me, it's ok
    "mujhe koi nahi maarta",  # nobody hits me
    "kiedyś ojczym mnie bił ale teraz jestem bezpieczny",  # my stepfather used to hit me, now I'm safe
]


@pytest.mark.parametrize(("text", "level", "category", "language"), DISCLOSURES)
def test_a_disclosure_in_another_language_is_flagged_in_the_request_screen(text, level, category, language):
    result = screen(text)
    assert (result.level, result.categories, result.screened) == (level, (category,), True)
    assert language in read(text).languages


@pytest.mark.parametrize("text", DENIALS)
def test_a_denial_joke_or_resolved_past_in_another_language_is_not_flagged(text):
    assert screen(text).level == "none"


def test_text_in_a_language_no_lexicon_reads_is_unscreened_not_none():
    result = screen("Me siento muy triste y mi padrastro me pega")
    assert result.screened is False


def test_plain_english_is_screened():
    assert screen("I love my carer, she makes the best pancakes").screened is True


def test_every_lexicon_compiles_and_its_patterns_are_folded():
    for path in LEXICONS.glob("*.txt"):
        lex = lexicon(path.stem)
        assert lex.rules, path.name
        assert all(fold_letters(rule.pattern.pattern) == rule.pattern.pattern for rule in lex.rules)


def test_predict_marks_unreadable_text_and_the_language(analyser):
    arabic, spanish = analyser.analyse_many(["صديق أمي يضربني", "Me siento muy triste y mi padrastro me pega"])
    assert (arabic.language, arabic.screened, arabic.safeguarding.level) == ("ar", True, "urgent")
    assert spanish.screened is False and spanish.needs_translation
