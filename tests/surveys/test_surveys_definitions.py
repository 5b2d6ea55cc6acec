"""Loading instrument definitions: bad ones are rejected with a clear message; built-in ones load."""

import hashlib
from pathlib import Path

import pytest

import surveys
from heard.i18n import SUPPORTED
from surveys._loader import INSTRUMENTS_DIR

BAD = Path(__file__).parent / "bad"
VERSIONS = Path(__file__).parent / "versions"


@pytest.mark.parametrize(
    ("name", "question", "problem"),
    [
        ("unknown_reference", "why", "show_if refers to unknown question 'nope'"),
        ("forward_reference", "why", "show_if refers to 'safe', which is not an earlier question"),
        ("unknown_option", "why", "option 'maybe', which question 'safe' does not have"),
        ("contradictory", "why", "show_if can never be true"),
        ("contradictory_numbers", "why", "contradict each other"),
        ("number_out_of_range", "why", "'score' is between 0 and 10, never gte 11"),
        ("scale_out_of_range", "why", "the face scale 'mood' scores 1 to 5, never gte 6"),
        ("duplicate_question", "safe", "duplicate question id 'safe'"),
        ("duplicate_option", "pet", "duplicate option id 'cat'"),
        ("missing_default_text", "safe", "wording has no text in the default language 'en'"),
        ("missing_option_label", "pet", "option 'dog' label has no text in the default language 'en'"),
        ("undeclared_language", "safe", "'de', which is not declared in [languages]"),
        ("compare_free_text", "hello", "only choice questions can be compared with options"),
        ("info_reference", "why", "an information block with no answer"),
        ("themed_missing", "why", "must say whether it is themed"),
        ("wrong_field_type", "age", "Expected `int | null`, got `str`"),
        ("number_without_range", "age", "needs min and max"),
        ("invalid_toml", None, "not valid TOML"),
    ],
)
def test_bad_definition_is_rejected_naming_file_question_and_problem(name, question, problem):
    path = BAD / f"{name}.toml"
    with pytest.raises(surveys.DefinitionError) as caught:
        surveys.load_instrument(path)
    error = caught.value
    assert error.file == str(path)
    assert error.question == question
    assert problem in error.problem
    assert str(error).startswith(f"{path}: " + (f"question '{question}': " if question else ""))


def test_every_bad_fixture_is_covered():
    tested = {p.stem for p in BAD.glob("*.toml")}
    assert len(tested) == 18


def test_every_builtin_instrument_loads_with_the_required_set():
    instruments = surveys.builtin_instruments()
    assert set(instruments) == {
        "my_life_4_7",
        "my_life_8_11",
        "my_life_11_17",
        "my_life_leavers",
        "get_ready_meeting",
        "worker_visiting",
        "something_good",
        "worried",
        "change_something",
        "where_i_live",
        "planning_future",
        "complaint",
        "my_views_for_review",
        "feedback_parents",
        "feedback_carers",
    }
    assert instruments["complaint"][1].kind == "complaint"
    assert instruments["my_views_for_review"][1].kind == "review"
    assert instruments["worried"][1].kind == "statement"
    assert surveys.builtin_instruments() is instruments


def test_builtin_wording_exists_in_every_supported_language():
    for versions in surveys.builtin_instruments().values():
        for instrument in versions.values():
            assert set(instrument.languages) == set(SUPPORTED)
            assert instrument.translation_reviewed is False
            texts = [instrument.title, instrument.intro]
            for question in instrument.questions:
                texts += [question.text, *(o.label for o in question.options)]
            for text in texts:
                assert set(text) == set(SUPPORTED), (instrument.id, text)
                assert all(value.strip() for value in text.values())


def test_my_life_surveys_share_stable_question_ids_and_types():
    shared = {
        "feel_safe_home": "yes_no_not_sure",
        "trusted_adult": "yes_no_not_sure",
        "feel_settled": "yes_no_not_sure",
        "happiness": "face_scale",
        "life_satisfaction": "number",
        "knows_why_in_care": "yes_no_not_sure",
        "involved_in_decisions": "single_choice",
        "knows_how_to_complain": "yes_no_not_sure",
        "good_friend": "yes_no_not_sure",
        "trust_social_worker": "yes_no_not_sure",
    }
    for name in ("my_life_8_11", "my_life_11_17", "my_life_leavers"):
        instrument = surveys.latest(name)
        for question_id, kind in shared.items():
            assert instrument.question(question_id).type == kind, (name, question_id)
        assert instrument.question("life_satisfaction").min == 0
        assert instrument.question("life_satisfaction").max == 10
        themed = [q for q in instrument.questions if q.type == "free_text" and q.themed]
        assert instrument.questions[-1] in themed


def test_young_children_survey_has_easy_read_and_read_aloud():
    instrument = surveys.latest("my_life_4_7")
    assert instrument.audience.completed_with_adult
    assert all(q.easy_read for q in instrument.questions if q.type == "yes_no_not_sure")
    assert instrument.question("happiness").read_aloud
    spoken = instrument.read_aloud(instrument.question("feel_safe_home"), "ar", easy_read=True)
    assert spoken.lang == "ar" and spoken.dir == "rtl"
    assert "نعم" in spoken.text


def test_feelings_picker_raises_alerts_as_documented():
    feelings = surveys.latest("worried").question("feelings")
    levels = {o.id: o.raises_alert for o in feelings.options}
    assert levels["scared"] == levels["unsafe"] == "urgent"
    assert levels["unhappy"] == "concern"
    assert levels["sad"] is None
    assert all(o.emoji and o.label["en"] for o in feelings.options)
    home = surveys.latest("where_i_live").question("home_feeling")
    assert home.option("unhappy_here").raises_alert == "concern"


def test_complaint_tells_children_about_advocates_and_asks_if_they_want_one():
    complaint = surveys.latest("complaint")
    assert "advocate" in complaint.question("advocate_right").text["en"]
    assert complaint.question("want_advocate").required


def test_face_scale_gte_is_compiled_to_point_ids():
    condition = surveys.latest("my_life_8_11").question("happiness_why").show_if
    assert condition is not None
    assert condition.values == ("very_sad", "sad")  # type: ignore[union-attr]


def test_versions_side_by_side_and_latest():
    loaded = {p.stem: surveys.load_instrument(p) for p in sorted((VERSIONS / "demo").glob("v*.toml"))}
    assert [i.version for i in loaded.values()] == [1, 2]
    assert surveys.latest("my_life_8_11").version == max(surveys.builtin_instruments()["my_life_8_11"])
    with pytest.raises(KeyError, match="no built-in instrument 'nope'"):
        surveys.latest("nope")


def test_missing_translation_falls_back_to_default_language_with_its_direction():
    instrument = surveys.load_instrument(VERSIONS / "demo" / "v1.toml")
    title = instrument.wording(instrument.title, "ar")
    assert (title.text, title.lang, title.dir) == ("عرض", "ar", "rtl")
    intro = instrument.wording(instrument.intro, "ar")
    assert (intro.text, intro.lang, intro.dir) == ("Two versions of one survey.", "en", "ltr")


def test_published_versions_are_frozen():
    """A published file never changes: new wording goes in a new version (then add its checksum)."""
    recorded = {}
    for line in (INSTRUMENTS_DIR / "published.sha256").read_text().splitlines():
        digest, name = line.split()
        recorded[name] = digest
    for path in INSTRUMENTS_DIR.glob("*/v*.toml"):
        name = f"{path.parent.name}/{path.name}"
        assert name in recorded, f"{name} is not recorded in published.sha256"
        assert hashlib.sha256(path.read_bytes()).hexdigest() == recorded[name], f"published {name} was edited"


def test_only_instruments_for_the_youngest_go_one_question_at_a_time():
    stepped = {
        i.id for versions in surveys.builtin_instruments().values() for i in versions.values() if i.one_at_a_time
    }
    assert stepped == {"my_life_4_7"}
