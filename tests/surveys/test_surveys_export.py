"""CSV export columns: one per question across versions, stable codes, sensitive questions left out."""

from pathlib import Path

import pytest

import surveys

DEMO = Path(__file__).parent / "versions" / "demo"


@pytest.fixture(scope="module")
def versions():
    return [surveys.load_instrument(DEMO / "v1.toml"), surveys.load_instrument(DEMO / "v2.toml")]


def test_columns_cover_every_version_in_first_appearance_order_without_sensitive(versions):
    v1, v2 = versions
    assert surveys.export_columns([v1]) == [
        "instrument",
        "version",
        "language",
        "channel",
        "feel_safe_home",
        "pets",
        "old_question",
    ]
    columns = surveys.export_columns([v2, v1])
    # a new version only ever adds columns at the end, whatever order the versions are given in
    assert columns == [
        "instrument",
        "version",
        "language",
        "channel",
        "feel_safe_home",
        "pets",
        "old_question",
        "new_first",
        "note",
    ]
    assert columns[: len(surveys.export_columns([v1]))] == surveys.export_columns([v1])
    assert "why_not_safe" not in columns


def test_rows_line_up_whatever_version_or_route(versions):
    v1, v2 = versions
    columns = surveys.export_columns(versions)
    a1, _ = surveys.validate_answers(
        v1, {"feel_safe_home": ["no"], "why_not_safe": ["secret"], "pets": ["dog", "cat"], "old_question": ["4"]}, "en"
    )
    a2, _ = surveys.validate_answers(v2, {"new_first": ["happy"], "feel_safe_home": ["yes"], "note": ["=1+1"]}, "ar")
    row1 = surveys.export_row(columns, v1, a1, language="en", channel="web")
    row2 = surveys.export_row(columns, v2, a2, language="ar", channel="app")
    assert row1 == ["demo", "1", "en", "web", "no", "cat;dog", "4", "", ""]
    assert row2 == ["demo", "2", "ar", "app", "yes", "", "", "happy", "=1+1"]  # guarded when written to a file
    assert all("secret" not in cell for cell in row1)


def test_sensitive_answers_never_exported_even_if_asked_for(versions):
    v1 = versions[0]
    answers, _ = surveys.validate_answers(v1, {"feel_safe_home": ["no"], "why_not_safe": ["secret"]}, "en")
    assert surveys.export_row(["why_not_safe"], v1, answers, language="en", channel="web") == [""]


def test_builtin_my_life_export_leaves_out_sensitive_and_info():
    life = surveys.latest("my_life_8_11")
    columns = surveys.export_columns([life])
    assert "why_not_safe" not in columns and "safe_help" not in columns
    assert {"feel_safe_home", "happiness", "life_satisfaction", "trusted_adult"} <= set(columns)


def test_mixing_instruments_is_refused(versions):
    with pytest.raises(ValueError, match="one instrument"):
        surveys.export_columns([versions[0], surveys.latest("worried")])
