"""UI message catalogues: every language, English fallback, direction and negotiation."""

import ast
import string
from pathlib import Path

import pytest

from heard import i18n


def test_supported_languages_and_directions():
    assert i18n.SUPPORTED == ("en", "ar", "fa", "ps", "ti")
    assert [i18n.direction(lang) for lang in i18n.SUPPORTED] == ["ltr", "rtl", "rtl", "rtl", "ltr"]
    assert i18n.direction("ar-EG") == "rtl"
    for lang in i18n.SUPPORTED:
        assert i18n.catalogue(lang).direction == i18n.direction(lang)


def test_only_english_is_marked_reviewed():
    assert i18n.catalogue("en").reviewed
    assert not any(i18n.catalogue(lang).reviewed for lang in i18n.SUPPORTED[1:])


def _placeholders(text):
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_catalogue_translates_every_english_key_with_the_same_placeholders():
    english = i18n.catalogue("en")
    shared = frozenset(k for k in english.keys() if not k.startswith(i18n.ENGLISH_ONLY))  # noqa: SIM118
    for lang in i18n.SUPPORTED[1:]:
        other = i18n.catalogue(lang)
        assert other.keys() == shared, lang
        for key in shared:
            assert _placeholders(other.gettext(key)) == _placeholders(english.gettext(key)), (lang, key)


def test_required_ui_keys_exist():
    english = i18n.catalogue("en")
    for key in (
        "send",
        "save_draft",
        "next",
        "back",
        "sign_in",
        "sign_out",
        "get_help_now.body",
        "who_can_see.worker",
        "who_can_see.iro",
        "who_can_see.complaints",
        "who_can_see.council_anonymous",
        "safety_notice",
        "receipt.title",
        "receipt.next_title",
        "my_messages",
        "skip_to_main",
        "translation_not_checked",
        "error_summary.title",
    ):
        assert english.has(key), key
    assert english.gettext("error_summary.title") == "There is a problem"
    for lang in i18n.SUPPORTED:
        body = i18n.catalogue(lang).gettext("get_help_now.body")
        assert "0800 1111" in body and "999" in body


def test_missing_keys_fall_back_to_english_then_to_the_key():
    arabic = i18n.catalogue("ar")
    arabic._messages = {k: v for k, v in arabic._messages.items() if k != "send"}  # simulate a gap
    try:
        assert arabic.gettext("send") == "Send"
    finally:
        i18n.catalogue.cache_clear()
    assert i18n.catalogue("ar").gettext("no.such.key") == "no.such.key"


def test_params_are_filled_and_unknown_placeholders_left_alone():
    english = i18n.catalogue("en")
    assert english.gettext("error.out_of_range", min=0, max=10) == "Write a number from 0 to 10"
    assert english.gettext("error.out_of_range", min=0) == "Write a number from 0 to {max}"
    assert english("receipt.reference", reference="H-123") == "Your reference is H-123"


def test_catalogue_is_cached_and_unknown_language_gets_english():
    assert i18n.catalogue("fa") is i18n.catalogue("fa")
    assert i18n.catalogue("de").lang == "en"


@pytest.mark.parametrize(
    ("header", "cookie", "expected"),
    [
        (None, None, "en"),
        ("", "", "en"),
        ("ar-SY,ar;q=0.9,en;q=0.5", None, "ar"),
        ("de-DE,de;q=0.9,ti;q=0.4,en;q=0.3", None, "ti"),
        ("en;q=0.2, ps;q=0.8", None, "ps"),
        ("fa-AF", None, "fa"),
        ("prs", None, "fa"),
        ("ar;q=0, en", None, "en"),
        ("ar", "ti", "ti"),
        ("ar", "klingon", "ar"),
        ("*", None, "en"),
        ("ar;q=nonsense, fa", None, "fa"),
    ],
)
def test_negotiate_prefers_the_cookie_then_the_browser(header, cookie, expected):
    assert i18n.negotiate(header, cookie) == expected


def test_i18n_imports_nothing_from_heard_or_litestar():
    tree = ast.parse(Path(i18n.__file__ or "").read_text(encoding="utf-8"))
    imported = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    imported += [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    assert imported and not [name for name in imported if name.startswith(("heard", "litestar"))]
