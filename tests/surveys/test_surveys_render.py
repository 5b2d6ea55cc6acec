"""The question macros render every built-in instrument as accessible HTML; survey.js enhances it in Chromium."""

import json
from html.parser import HTMLParser

import jinja2
import pytest
from surveys_browser import chromium

import surveys
from heard.i18n import SUPPORTED, catalogue

PAGE = """{% from "surveys/_questions.html" import form_attributes, intro, error_summary, questions %}
<!doctype html>
<html lang="{{ ui.lang }}" dir="{{ ui.direction }}"><head><meta charset="utf-8"><title>{{ title }}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main>
<h1>{{ title }}</h1>
<form method="post" action="/send" {{ form_attributes(ui, draft_url=draft_url, one_at_a_time=one_at_a_time) }}>
<input type="hidden" name="_csrf_token" value="token-123">
{{ error_summary(errors, ui, instrument, lang) }}
{{ intro(instrument, lang, easy_read=easy_read) }}
{{ questions(instrument, lang, ui, values=values, errors=errors, easy_read=easy_read) }}
<button type="submit" class="hq-button">{{ ui.gettext("send") }}</button>
</form></main></body></html>
"""


@pytest.fixture(scope="module")
def env():
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(surveys.TEMPLATE_DIR), autoescape=True, undefined=jinja2.StrictUndefined
    )


def render(env, instrument, lang="en", values=None, errors=(), draft_url=None, one_at_a_time=False, easy_read=False):
    return env.from_string(PAGE).render(
        instrument=instrument,
        lang=lang,
        ui=catalogue(lang),
        values=values or {},
        errors=list(errors),
        title=instrument.wording(instrument.title, lang).text,
        draft_url=draft_url,
        one_at_a_time=one_at_a_time,
        easy_read=easy_read,
    )


class Page(HTMLParser):
    """Collects the elements the structure checks need."""

    def __init__(self, html):
        super().__init__()
        self.elements = []
        self.stack = []
        self.text = {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, **{k: (v if v is not None else "") for k, v in attrs}, "_parents": list(self.stack)}
        self.elements.append(element)
        if tag not in ("input", "meta", "br", "link"):
            self.stack.append(element)

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()["tag"] == tag:
                break

    def handle_data(self, data):
        if self.stack:
            self.stack[-1].setdefault("_text", "")
            self.stack[-1]["_text"] += data

    def all(self, tag, **attrs):
        return [e for e in self.elements if e["tag"] == tag and all(e.get(k) == v for k, v in attrs.items())]


def check_structure(html):
    page = Page(html)
    ids = [e["id"] for e in page.elements if "id" in e]
    assert len(ids) == len(set(ids)), "ids are unique"
    labels = {e.get("for") for e in page.all("label")}
    for control in page.elements:
        if control["tag"] in ("input", "select", "textarea") and control.get("type") != "hidden":
            assert control.get("id") in labels, f"control {control.get('name')} has a label"
            assert control.get("name"), "every control posts a value"
        for ref in control.get("aria-describedby", "").split():
            assert ref in ids, f"aria-describedby points at {ref}"
    for fieldset in page.all("fieldset"):
        assert any(e["tag"] == "legend" and fieldset in e["_parents"] for e in page.elements), "fieldset has a legend"
    for emoji in page.all("span", **{"class": "hq-emoji"}):
        assert emoji.get("aria-hidden") == "true"
    for block in page.elements:
        if "data-show-if" in block:
            json.loads(block["data-show-if"])
        if block.get("lang"):
            assert block.get("dir") in ("ltr", "rtl")
    for button in page.all("button", **{"class": "hq-read-aloud"}):
        assert button["data-read-aloud"].strip() and "hidden" in button
    return page


def test_every_builtin_instrument_renders_in_every_language(env):
    for versions in surveys.builtin_instruments().values():
        for instrument in versions.values():
            for lang in SUPPORTED:
                page = check_structure(render(env, instrument, lang, easy_read=instrument.id == "my_life_4_7"))
                blocks = [e for e in page.elements if "data-question-id" in e]
                assert [b["data-question-id"] for b in blocks] == [q.id for q in instrument.questions]


def test_face_scale_is_radios_with_visible_labels_and_hidden_emoji(env):
    page = Page(render(env, surveys.latest("my_life_8_11"), "ar"))
    radios = page.all("input", name="happiness")
    assert [r["value"] for r in radios] == ["very_sad", "sad", "ok", "happy", "very_happy"]
    assert all(r["type"] == "radio" for r in radios)
    texts = [e.get("_text") for e in page.elements if e.get("class") == "hq-option__text" and e.get("lang") == "ar"]
    assert "حزين جدًا" in texts
    assert page.all("html")[0]["dir"] == "rtl"


def test_errors_are_linked_and_typed_values_are_kept(env):
    life = surveys.latest("my_life_11_17")
    form = {
        "age": ["fourteen"],
        "feel_safe_home": ["no"],
        "why_not_safe": ["<script>alert(1)</script>"],
        "in_care_since-month": ["13"],
        "in_care_since-year": ["2019"],
        "happiness": ["sad"],
    }
    _, errors = surveys.validate_answers(life, form, "en")
    html = render(env, life, "en", values=form, errors=errors)
    page = check_structure(html)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    age = page.all("input", name="age")[0]
    assert age["value"] == "fourteen" and age["aria-invalid"] == "true"
    assert "hq-age-error" in age["aria-describedby"].split()
    assert page.all("input", name="feel_safe_home", value="no")[0].get("checked") == ""
    assert page.all("input", name="happiness", value="sad")[0].get("checked") == ""
    month = page.all("select", name="in_care_since-month")[0]
    assert month["aria-invalid"] == "true"
    summary_links = [e["href"] for e in page.all("a")]
    assert summary_links == ["#hq-age", "#hq-in_care_since-month"]
    assert "There is a problem" in html


def test_multiple_choice_has_checkboxes_and_a_hint(env):
    page = check_structure(render(env, surveys.latest("worried")))
    boxes = page.all("input", name="feelings")
    assert boxes and all(b["type"] == "checkbox" for b in boxes)
    assert any(e.get("id") == "hq-feelings-hint" for e in page.elements)


def test_one_at_a_time_and_draft_attributes(env):
    page = Page(render(env, surveys.latest("worried"), draft_url="/drafts/1", one_at_a_time=True))
    form = page.all("form")[0]
    assert form["data-draft-url"] == "/drafts/1" and "data-one-at-a-time" in form
    assert "style" not in {k for e in page.elements for k in e}
    assert not page.all("script")


STYLE = (surveys.STATIC_DIR / "survey.css").read_text()


def _open(browser, html, *, js=True):
    page = browser.new_page(java_script_enabled=js)
    page.set_content(html.replace("</head>", f"<style>{STYLE}</style></head>"))
    if js:
        page.add_script_tag(path=str(surveys.STATIC_DIR / "conditions.js"))
        page.add_script_tag(path=str(surveys.STATIC_DIR / "survey.js"))
    return page


@pytest.mark.browser
def test_axe_finds_no_violations_in_english_and_arabic(env):
    from axe_playwright_python.sync_playwright import Axe

    life = surveys.latest("my_life_11_17")
    form = {"age": ["x"], "feel_safe_home": ["no"]}
    _, errors = surveys.validate_answers(life, form, "ar")
    with chromium() as browser:
        for lang, values, errs in (("en", {}, []), ("ar", form, errors)):
            page = _open(browser, render(env, life, lang, values=values, errors=errs))
            results = Axe().run(page)
            assert results.violations_count == 0, results.generate_report()


@pytest.mark.browser
def test_survey_js_shows_follow_ups_live_and_disables_hidden_ones(env):
    with chromium() as browser:
        page = _open(browser, render(env, surveys.latest("my_life_8_11")))
        follow_up = page.locator("#hq-why_not_safe-block")
        assert follow_up.is_hidden()
        assert page.locator("#hq-why_not_safe").is_disabled()
        page.locator("label[for=hq-feel_safe_home-no]").click()
        assert follow_up.is_visible()
        page.locator("#hq-why_not_safe").fill("someone shouts")
        page.locator("label[for=hq-feel_safe_home-yes]").click()
        assert follow_up.is_hidden()
        assert page.locator("#hq-why_not_safe").input_value() == "someone shouts"
        page.locator("#hq-happiness-very_sad").check()
        assert page.locator("#hq-happiness_why-block").is_visible()


@pytest.mark.browser
def test_without_javascript_every_question_is_shown(env):
    with chromium() as browser:
        page = _open(browser, render(env, surveys.latest("my_life_8_11")), js=False)
        assert page.locator("#hq-why_not_safe-block").is_visible()
        assert page.locator(".hq-read-aloud").first.is_hidden()


@pytest.mark.browser
def test_survey_js_saves_a_draft_with_the_csrf_token(env):
    posted = []
    with chromium() as browser:
        page = browser.new_page()

        def capture(route):
            posted.append((route.request.post_data, route.request.headers))
            route.fulfill(status=204)

        page.route("**/drafts/7", capture)
        page.route(
            "http://heard.test/",
            lambda route: route.fulfill(
                status=200, content_type="text/html", body=render(env, surveys.latest("worried"), draft_url="/drafts/7")
            ),
        )
        page.goto("http://heard.test/")
        page.add_script_tag(path=str(surveys.STATIC_DIR / "conditions.js"))
        page.add_script_tag(path=str(surveys.STATIC_DIR / "survey.js"))
        page.locator("#hq-what_worry").fill("my brother")
        page.wait_for_function("document.querySelector('.hq-draft-status').textContent !== ''", timeout=5000)
    assert len(posted) == 1
    body, headers = posted[0]
    assert "_csrf_token=token-123" in body and "what_worry=my+brother" in body
    assert headers["x-csrftoken"] == "token-123"


@pytest.mark.browser
def test_one_at_a_time_steps_through_visible_questions(env):
    with chromium() as browser:
        page = _open(browser, render(env, surveys.latest("worried"), one_at_a_time=True))
        visible = page.locator(".hq-question:visible")
        assert visible.count() == 1
        assert page.locator(".hq-step-status").text_content() == "Question 1 of 4"
        page.get_by_role("button", name="Next").click()
        assert page.locator("#hq-feelings-block").is_visible()
        assert page.locator("button[type=submit]").is_hidden()
        next_button = page.get_by_role("button", name="Next")
        while next_button.is_visible():
            next_button.click()
        assert page.locator(".hq-step-status").text_content() == "Question 4 of 4"
        assert page.locator("button[type=submit]").is_visible()
        page.get_by_role("button", name="Back").click()
        assert page.locator("#hq-what_worry-block").is_visible()


@pytest.mark.browser
def test_one_at_a_time_keeps_drafts_read_aloud_errors_and_enter_moves_on(env):
    posted = []
    life = surveys.latest("my_life_11_17")
    _, errors = surveys.validate_answers(life, {"in_care_since-month": ["13"], "in_care_since-year": ["2019"]}, "en")
    with chromium() as browser:
        page = browser.new_page()

        def capture(route):
            posted.append(route.request.post_data)
            route.fulfill(status=204)

        page.route("**/drafts/9", capture)
        page.route("http://heard.test/send", lambda route: route.fulfill(status=200, body="sent"))
        page.route(
            "http://heard.test/",
            lambda route: route.fulfill(
                status=200,
                content_type="text/html",
                body=render(env, life, draft_url="/drafts/9", one_at_a_time=True).replace(
                    "</head>", "<link rel=stylesheet href=/survey.css></head>"
                ),
            ),
        )
        page.route(
            "http://heard.test/survey.css", lambda route: route.fulfill(status=200, content_type="text/css", body=STYLE)
        )
        page.goto("http://heard.test/")
        page.add_script_tag(path=str(surveys.STATIC_DIR / "conditions.js"))
        page.add_script_tag(path=str(surveys.STATIC_DIR / "survey.js"))
        assert page.locator("#hq-age-block").is_visible()
        page.locator("#hq-age").fill("14")
        page.locator("#hq-age").press("Enter")  # moves on; never sends the form from the first question
        assert page.url == "http://heard.test/"
        assert page.locator("#hq-in_care_since-block").is_visible() and page.locator("#hq-age-block").is_hidden()
        assert (
            page.evaluate("document.activeElement.textContent")
            .strip()
            .startswith(life.wording(life.question("in_care_since").text, "en").text)
        )
        if page.evaluate("'speechSynthesis' in window && typeof SpeechSynthesisUtterance === 'function'"):
            assert page.locator(".hq-read-aloud:visible").count() == 1
        page.wait_for_function("document.querySelector('.hq-draft-status').textContent !== ''", timeout=5000)
    assert posted and "age=14" in posted[-1], "the draft carries answers from steps no longer on screen"

    with chromium() as browser:
        page = _open(
            browser,
            render(
                env,
                life,
                values={"in_care_since-month": ["13"], "in_care_since-year": ["2019"]},
                errors=errors,
                one_at_a_time=True,
            ),
        )
        assert page.locator("#hq-in_care_since-block").is_visible(), "a returned form opens on the first problem"
        total = len(surveys.visible_questions(life, {}))
        assert page.locator(".hq-step-status").text_content() == f"Question 2 of {total}"
        page.get_by_role("button", name="Back").click()
        page.locator(".hq-error-summary a").first.click()
        assert page.locator("#hq-in_care_since-block").is_visible(), "an error link opens its question's step"
