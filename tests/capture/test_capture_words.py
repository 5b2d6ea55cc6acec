"""Every word a child reads is in their language: each child page asks the catalogue only for keys every language has."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from types import SimpleNamespace

import jinja2
import pytest

import surveys
from dashboards.schemas import THEMES
from heard import i18n
from heard.app import TEMPLATE_DIRS
from heard.complaints.schemas import ChildComplaint, ChildOutcome
from heard.privacy.schemas import KIND_LABELS
from heard.templating import FILTERS
from heard.web.pages import languages

NOW = datetime(2026, 11, 23, 14, 5, tzinfo=UTC)
PLACEMENTS = (
    "foster",
    "kinship",
    "residential",
    "supported_lodgings",
    "semi_independent",
    "independent",
    "staying_put",
    "placed_with_parents",
    "secure",
    "other",
)


class Recorder:
    """A catalogue that remembers every key a page asked it for."""

    def __init__(self, lang: str) -> None:
        self.catalogue = i18n.catalogue(lang)
        self.lang, self.direction = self.catalogue.lang, self.catalogue.direction
        self.name, self.reviewed = self.catalogue.name, self.catalogue.reviewed
        self.used: set[str] = set()

    def gettext(self, key: str, /, **params: object) -> str:
        self.used.add(key)
        return self.catalogue.gettext(key, **params)

    __call__ = gettext

    def translate(self, english: str, /) -> str:
        return self.catalogue.translate(english)


@pytest.fixture(scope="module")
def env() -> jinja2.Environment:
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATE_DIRS), autoescape=True)
    environment.filters.update(FILTERS)
    return environment


def _context(ui: Recorder, **extra: object) -> dict[str, object]:
    user = SimpleNamespace(name="Ava", is_staff=False)
    request = SimpleNamespace(cookies={"heard_held": "x"})
    return {
        "lang": ui.lang,
        "dir": ui.direction,
        "ui": ui,
        "languages": languages(),
        "here": "/home",
        "translation_notice": not ui.reviewed,
        "date": lambda moment: str(moment),
        "user": user,
        "request": request,
        "csrf_input": "",
        "idle_minutes": 60,
        "warning_minutes": 5,
        **extra,
    }


def _pages(lang: str) -> list[tuple[str, dict[str, object]]]:
    worried = surveys.latest("worried")
    life = surveys.latest("my_life_4_7")
    _, errors = surveys.validate_answers(worried, {"danger_now": ["maybe"]}, lang)
    sent = SimpleNamespace(id=7, kind="statement", instrument="worried", created_at=NOW, safeguarding="none")
    urgent = SimpleNamespace(id=8, kind="statement", instrument="worried", created_at=NOW, safeguarding="urgent")
    item = SimpleNamespace(id=7, created_at=NOW, read_at=NOW, replies=[1], text="hello", audience=["worker"])
    reply = SimpleNamespace(from_name="Sam", created_at=NOW, body="Thank you")
    message = SimpleNamespace(id=7, created_at=NOW, read_at=None, replies=[reply], text="hello")
    update = SimpleNamespace(
        id=1, theme="placement", theme_label="Where I live", you_said="x", we_did="y", lang="en", dir="ltr"
    )
    published = SimpleNamespace(
        id=1, theme="placement", you_said="x", we_did="y", lang="en", dir="ltr", done_on=date(2026, 6, 20)
    )
    waiting_update = SimpleNamespace(id=2, theme="money", you_said="x", we_did="y", lang=lang, dir="ltr", done_on=None)
    complaint = ChildComplaint(
        reference="C-1",
        received_on=date(2026, 3, 1),
        happened_on=date(2026, 2, 1),
        words="w",
        language="ar",
        stage=2,
        status="closed",
        progress="closed",
        due_on=None,
        letter="l",
        ombudsman=True,
        outcomes=[
            ChildOutcome(point=1, outcome="upheld", yours=True, about=None),
            ChildOutcome(point=2, outcome="not_upheld", yours=False, about="Moves"),
        ],
    )
    waiting = ChildComplaint(
        reference="C-2",
        received_on=date(2026, 3, 1),
        happened_on=None,
        words=None,
        language=None,
        stage=1,
        status="open",
        progress="due",
        due_on=date(2026, 3, 13),
        letter=None,
        ombudsman=False,
        outcomes=[],
    )
    summary = SimpleNamespace(
        known_as="Ava",
        birth_month=date(2014, 3, 1),
        legal_status="child_in_care",
        placement_type="foster",
        preferred_language="ar",
        messages=1,
        replies=2,
        drafts=0,
        complaints=3,
        staff_reads=1,
        allocated=["worker", "iro"],
        words_kept_until=date(2040, 3, 1),
    )
    form = {
        "instrument": worried,
        "title": worried.wording(worried.title, lang),
        "action": "/send/worried",
        "values": {},
        "errors": [],
        "key": "web-12345678",
        "audiences": ["worker", "iro", "complaints", "council"],
        "audience": "worker",
        "restored": True,
        "draft_url": "/send/worried/draft",
    }
    offer = SimpleNamespace(id="worried", title="x", language="en", done=False, has_draft=True, closes_on=date.today())
    done = SimpleNamespace(id="my_life_8_11", title="x", language="en", done=True, has_draft=False, closes_on=None)
    thread = SimpleNamespace(
        open=True,
        statement_read_at=NOW,
        statement_read_by="Sam",
        messages=[
            SimpleNamespace(side="staff", from_name="Sam", created_at=NOW, body="Hi", read_at=None, read_by=None),
            SimpleNamespace(side="child", from_name="", created_at=NOW, body="Thanks", read_at=NOW, read_by="Sam"),
        ],
    )
    promise = {"title": "x", "lines": ["y"], "help_now": True, "replies": True}
    nudge = SimpleNamespace(offered=True, email="a@example.org", phone="+447400123456")
    return [
        ("home_child.html", {}),
        (
            "sign_in_child.html",
            {
                "error": "That code did not work. Please check your card, or ask your worker for a new one.",
                "code": "ABCD",
            },
        ),
        ("landing.html", {"signed_out": False}),
        ("landing.html", {"signed_out": True}),
        ("help.html", {}),
        ("dashboards/public.html", {"councils": [("x", "x")], "chosen": lang}),
        ("dashboards/public.html", {"councils": []}),
        ("dashboards/public.html", {"council": "x", "slug": "x", "updates": [published, waiting_update]}),
        ("dashboards/public.html", {"council": "x", "slug": "x", "updates": []}),
        ("capture/send.html", {"statements": [offer], "review": [offer], "surveys": [offer, done]}),
        ("capture/send.html", {"statements": [], "review": [], "surveys": []}),
        ("capture/form.html", form),
        ("capture/form.html", {**form, "errors": errors, "restored": False}),
        (
            "capture/form.html",
            {**form, "instrument": life, "title": life.wording(life.title, lang), "audiences": [], "easy_read": True},
        ),
        (
            "capture/form.html",
            {**form, "instrument": life, "title": life.wording(life.title, lang), "audiences": [], "easy_read": False},
        ),
        ("capture/receipt.html", {"sent": sent, "reference": "H-000007", "anonymous": False}),
        (
            "capture/receipt.html",
            {"sent": sent, "reference": "H-000007", "anonymous": False, "answer_by": date(2026, 6, 8)},
        ),
        ("capture/receipt.html", {"sent": urgent, "reference": "H-000008", "anonymous": False}),
        ("capture/receipt.html", {"sent": sent, "reference": "A-1", "anonymous": True}),
        (
            "capture/messages.html",
            {
                "items": [item],
                "titles": {7: "x"},
                "complaints": [complaint, waiting],
                "updates": [update],
                "themes": {1: "x"},
                "unread": {7: 2},
                "nudge": SimpleNamespace(offered=True),
            },
        ),
        ("capture/messages.html", {"items": [], "titles": {}, "complaints": [], "updates": [], "unread": {}}),
        (
            "capture/message.html",
            {
                "s": message,
                "title": "x",
                "lines": [],
                "advocate_on": NOW,
                "who": ["x"],
                "conversation": thread,
                "sent": True,
                "error": "x",
                "promise": promise,
            },
        ),
        (
            "capture/message.html",
            {
                "s": message,
                "title": "x",
                "lines": [],
                "advocate_on": None,
                "who": ["x"],
                "conversation": SimpleNamespace(open=False, messages=[]),
                "promise": None,
            },
        ),
        (
            "capture/message_nudge.html",
            {"current": nudge, "typed": {"email": "x"}, "errors": {"email": "x", "phone": "y"}, "done": ""},
        ),
        ("capture/message_nudge.html", {"current": nudge, "typed": {}, "errors": {}, "done": "saved"}),
        ("capture/message_nudge.html", {"current": nudge, "typed": {}, "errors": {}, "done": "removed"}),
        (
            "capture/message_nudge.html",
            {"current": SimpleNamespace(offered=False, email=None, phone=None), "typed": {}, "errors": {}, "done": ""},
        ),
        ("capture/closed.html", {"heading": "x", "body": "y"}),
        ("help.html", {}),
        (
            "accessibility.html",
            {
                "en": i18n.catalogue("en"),
                "prepared": "7 December 2026",
                "council": SimpleNamespace(name="x", accessibility_contact="a@b.uk"),
            },
        ),
        (
            "person_error.html",
            {
                "heading": "There is a problem",
                "message": "Nothing was sent",
                "sending": True,
                "action": "/send/worried",
                "fields": [("text", "hi")],
                "kept": ["hi"],
            },
        ),
        (
            "person_error.html",
            {
                "heading": "Something went wrong",
                "sending": False,
                "action": "/home",
                "kept": [],
                "message": "Something went wrong on our side and we have recorded it. Please go back and try again.",
            },
        ),
        (
            "privacy/child.html",
            {
                "summary": summary,
                "requests": [
                    SimpleNamespace(kind=k, created_at=NOW, status=s, decision_reason="r")
                    for k, s in zip(KIND_LABELS, ("open", "approved", "refused"), strict=True)
                ],
                "kinds": KIND_LABELS,
                "sent": True,
                "error": "Choose what you would like us to do.",
                "form": {},
            },
        ),
    ]


@pytest.mark.parametrize("lang", i18n.SUPPORTED)
def test_every_child_page_uses_only_keys_every_language_has(env, lang):
    english = i18n.catalogue("en")
    for template, extra in _pages(lang):
        ui = Recorder(lang)
        html = env.get_template(template).render(_context(ui, **extra))
        assert f'lang="{ui.lang}" dir="{ui.direction}"' in html, template
        unknown = {key for key in ui.used if not english.has(key)}
        assert not unknown, f"{template} asks for keys English does not have: {sorted(unknown)}"
        untranslated = {key for key in ui.used if not ui.catalogue.has(key)}
        assert not untranslated, f"{template} in {lang} falls back to English for {sorted(untranslated)}"


def test_every_language_translates_every_english_key():
    assert i18n.incomplete() == {}
    for lang in i18n.SUPPORTED[1:]:
        assert not i18n.catalogue(lang).reviewed, f"{lang} must say it has not been checked by a translator"


def test_words_other_layers_write_in_english_are_said_in_the_childs_language():
    english = i18n.catalogue("en")
    for kind, label in KIND_LABELS.items():
        assert english.gettext(f"privacy.kind.{kind}") == label
    for placement in PLACEMENTS:
        assert english.has(f"placement.{placement}")
    sentences = [
        "Choose what you would like us to do.",
        "That code did not work. Please check your card, or ask your worker for a new one.",
        "Your code has 12 letters and numbers, like ABCD-EFGH-JKMN. Please check your card.",
    ]
    sentences += THEMES.values()
    for lang in i18n.SUPPORTED[1:]:
        for sentence in sentences:
            assert i18n.catalogue(lang).translate(sentence) != sentence, (lang, sentence)


class _Visible(HTMLParser):
    """The text a reader sees (and hears: aria-labels), leaving out what is marked as English (lang="en")."""

    VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"})

    def __init__(self) -> None:
        super().__init__()
        self.langs: list[str | None] = []
        self.text: list[str] = []

    def _english(self) -> bool:
        return next((lang for lang in reversed(self.langs) if lang), "") == "en"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag not in self.VOID:
            self.langs.append(found.get("lang"))
        if not self._english() and found.get("aria-label"):
            self.text.append(found["aria-label"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self.langs:
            self.langs.pop()

    def handle_data(self, data: str) -> None:
        if not self._english():
            self.text.append(data)


_LATIN = re.compile(r"[A-Za-z]{3,}")


@pytest.mark.parametrize("lang", i18n.SUPPORTED[1:])
def test_no_english_is_written_into_a_childs_page(env, lang):
    """Every word on a child's page comes from their catalogue (or is marked as English): a template that writes
    "Sign out" in English fails here, in every language but English."""
    words = i18n.catalogue(lang)
    every = words.keys()
    allowed = {w for key in every for w in _LATIN.findall(words.gettext(key))}
    allowed |= {
        "Heard",
        "hello",
        "Thank",
        "Thanks",
        "you",
        "Sam",
        "Ava",
        "Moves",
        "about",
        "ABCD",
    }  # the pages' test data
    for template, extra in _pages(lang):
        ui = Recorder(lang)
        html = env.get_template(template).render(_context(ui, **extra))
        seen = _Visible()
        seen.feed("<body" + html.split("<body", 1)[1] if "<body" in html else html)
        english = {w for w in _LATIN.findall(" ".join(seen.text)) if w not in allowed}
        assert not english, f"{template} in {lang} writes English the catalogue does not give: {sorted(english)}"
