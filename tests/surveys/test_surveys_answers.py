"""validate_answers: typed answers for visible questions, errors in the child's language."""

from pathlib import Path

import pytest

import surveys

DEMO = Path(__file__).parent / "versions" / "demo"


@pytest.fixture(scope="module")
def life():
    return surveys.latest("my_life_11_17")


def codes(errors):
    return {e.question: e.code for e in errors}


def test_good_answers_become_typed_answers_recording_the_version(life):
    answers, errors = surveys.validate_answers(
        life,
        {
            "age": ["14"],
            "in_care_since-month": ["3"],
            "in_care_since-year": ["2019"],
            "happiness": ["happy"],
            "feel_safe_home": ["yes"],
            "life_satisfaction": ["7"],
            "best_thing": ["  My carer makes pancakes\r\non Sundays  "],
            "_csrf_token": ["abc"],
            "stray": ["x"],
        },
        "en",
    )
    assert errors == []
    assert answers["age"].number == 14
    assert answers["in_care_since"].month_year == "2019-03"
    assert answers["happiness"].choices == ("happy",)
    assert answers["best_thing"].text == "My carer makes pancakes\non Sundays"
    assert {a.version for a in answers.values()} == {1}
    assert {a.instrument for a in answers.values()} == {"my_life_11_17"}
    assert "stray" not in answers


def test_answers_to_hidden_questions_are_dropped(life):
    answers, errors = surveys.validate_answers(
        life, {"feel_safe_home": ["yes"], "why_not_safe": ["typed earlier"]}, "en"
    )
    assert "why_not_safe" not in answers and errors == []
    answers, _ = surveys.validate_answers(life, {"feel_safe_home": ["no"], "why_not_safe": ["someone shouts"]}, "en")
    assert answers["why_not_safe"].text == "someone shouts"


@pytest.mark.parametrize(
    ("form", "question", "code", "english", "arabic"),
    [
        ({"age": ["fourteen"]}, "age", "not_a_number", "Write a whole number, like 7", "اكتب عددًا صحيحًا، مثل 7"),
        ({"age": ["14.5"]}, "age", "not_a_number", "Write a whole number", "اكتب عددًا صحيحًا"),
        ({"age": ["30"]}, "age", "out_of_range", "Write a number from 11 to 17", "اكتب رقمًا من 11 إلى 17"),
        (
            {"happiness": ["ecstatic"]},
            "happiness",
            "unknown_option",
            "Choose one of the answers shown",
            "اختر إحدى الإجابات المعروضة",
        ),
        (
            {"feel_safe_home": ["yes", "no"]},
            "feel_safe_home",
            "choose_one",
            "Choose only one answer",
            "اختر إجابة واحدة فقط",
        ),
        (
            {"best_thing": ["x" * 20_001]},
            "best_thing",
            "too_long",
            "use 20,000 characters or fewer",
            "يرجى استخدام 20,000 حرفًا أو أقل",
        ),
        (
            {"in_care_since-month": ["13"], "in_care_since-year": ["2019"]},
            "in_care_since",
            "month_year_invalid",
            "Write a real month and year",
            "اكتب شهرًا وسنة صحيحين",
        ),
        (
            {"in_care_since-month": ["5"], "in_care_since-year": [""]},
            "in_care_since",
            "month_year_invalid",
            "Write a real month and year",
            "اكتب شهرًا وسنة صحيحين",
        ),
        (
            {"in_care_since": ["2019-5x"]},
            "in_care_since",
            "month_year_invalid",
            "Write a real month and year",
            "اكتب شهرًا وسنة صحيحين",
        ),
    ],
)
def test_each_error_in_english_and_arabic(life, form, question, code, english, arabic):
    for language, expected in (("en", english), ("ar", arabic)):
        answers, errors = surveys.validate_answers(life, form, language)
        assert codes(errors) == {question: code}
        assert expected in errors[0].message
        assert question not in answers
        assert errors[0].field == life.question(question).field_id()


def test_required_question_left_blank(life):
    complaint = surveys.latest("complaint")
    for language, message in (("en", "Please answer this question"), ("ar", "يرجى الإجابة عن هذا السؤال")):
        _, errors = surveys.validate_answers(complaint, {"what_happened": ["   "]}, language)
        assert codes(errors) == {"what_happened": "required", "want_advocate": "required"}
        assert errors[0].message == message
        assert errors[0].field == "hq-what_happened"


def test_unsupported_language_gets_english_messages(life):
    _, errors = surveys.validate_answers(life, {"age": ["x"]}, "de")
    assert errors[0].message == "Write a whole number, like 7"


def test_eastern_arabic_digits_are_read_as_numbers(life):
    answers, errors = surveys.validate_answers(
        life, {"age": ["١٤"], "in_care_since-month": ["۳"], "in_care_since-year": ["۲۰۱۹"]}, "fa"
    )
    assert errors == []
    assert answers["age"].number == 14
    assert answers["in_care_since"].month_year == "2019-03"


def test_multiple_choice_keeps_option_order_and_drops_duplicates():
    worried = surveys.latest("worried")
    answers, errors = surveys.validate_answers(worried, {"feelings": ["scared", "sad", "scared"]}, "en")
    assert errors == [] and answers["feelings"].choices == ("sad", "scared")
    _, errors = surveys.validate_answers(worried, {"feelings": ["sad", "bored"]}, "en")
    assert codes(errors) == {"feelings": "unknown_option"}


def test_month_year_as_one_value_from_json_clients():
    answers, errors = surveys.validate_answers(
        surveys.latest("complaint"),
        {"what_happened": ["x"], "want_advocate": ["no"], "when_happened": ["2024-11"]},
        "en",
    )
    assert errors == [] and answers["when_happened"].month_year == "2024-11"


def test_alerting_choices_from_the_feelings_picker_and_where_i_live():
    worried = surveys.latest("worried")
    answers, _ = surveys.validate_answers(worried, {"feelings": ["sad", "unhappy", "unsafe"]}, "en")
    assert surveys.alerting_choices(worried, answers) == [
        ("feelings", "unhappy", "concern"),
        ("feelings", "unsafe", "urgent"),
    ]
    home = surveys.latest("where_i_live")
    answers, _ = surveys.validate_answers(home, {"home_feeling": ["unhappy_here"]}, "en")
    assert surveys.alerting_choices(home, answers) == [("home_feeling", "unhappy_here", "concern")]
    answers, _ = surveys.validate_answers(home, {"home_feeling": ["happy_here"]}, "en")
    assert surveys.alerting_choices(home, answers) == []


def test_themed_text_joins_only_themed_free_text(life):
    answers, _ = surveys.validate_answers(
        life,
        {
            "best_thing": ["My dog"],
            "change_one_thing": ["More time with my sister"],
            "anything_else": [""],
            "age": ["12"],
        },
        "en",
    )
    assert surveys.themed_text(life, answers) == "My dog\n\nMore time with my sister"
    review = surveys.latest("my_views_for_review")
    answers, _ = surveys.validate_answers(review, {"going_well": ["School"], "who_at_meeting": ["Nan"]}, "en")
    assert surveys.themed_text(review, answers) == "School"


def test_visible_questions_follow_typed_answers(life):
    answers, _ = surveys.validate_answers(life, {"happiness": ["very_sad"], "life_satisfaction": ["2"]}, "en")
    shown = [q.id for q in surveys.visible_questions(life, answers)]
    assert "happiness_why" in shown and "low_help" in shown and "why_not_safe" not in shown
    answers, _ = surveys.validate_answers(life, {"happiness": ["happy"], "life_satisfaction": ["9"]}, "en")
    shown = [q.id for q in surveys.visible_questions(life, answers)]
    assert "happiness_why" not in shown and "low_help" not in shown
