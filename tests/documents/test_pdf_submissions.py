"""A submission or a review's views as a PDF for the case record: tagged, titled, in the child's language and
direction, the child's words once and as written, the package's own fonts, and only for staff who may read it."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest
from reading import assert_accessible, once, read
from support import Client, Council

from heard import pdf

TRICKY = 'I want to stay with my carers <b>Jo</b> & "Sam" — not <script>move</script> me'
# DejaVu Sans and Noto Sans Ethiopic from heard/fonts, by their @font-face names
PACKAGE_FONTS = {"Heard-Sans", "Heard-Sans-Bold", "Heard-Ethiopic", "Heard-Ethiopic-Bold"}
ARABIC = "أريد أن أبقى مع عائلتي الحاضنة"
TIGRINYA = "ምስ ኣላዪተይ ክቕመጥ እደሊ"


async def _send(child: Client, text: str, *, kind: str = "statement", audience: list[str], language: str = "en") -> int:
    body = {"kind": kind, "text": text, "audience": audience, "language": language}
    r = await child.post("/api/submissions", json=body, headers={"Idempotency-Key": uuid.uuid4().hex})
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


async def test_a_review_pdf_is_tagged_and_has_the_childs_words_once_as_written(
    council: Council, clients: Callable[[], Client]
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    sent = await _send(ava, TRICKY, kind="review", audience=["iro"])
    iro = await clients().as_staff(council.staff["iro"])
    r = await iro.get(f"/staff/submissions/{sent}/pdf")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/pdf"
    assert r.headers["content-disposition"] == f'attachment; filename="H-{sent:06d}.pdf"'
    found = read(r.content)
    assert_accessible(found, title=f"Views for my review H-{sent:06d}")
    assert once(found.text, TRICKY), found.text
    assert "In their own words" in found.text and "Printed from Heard for the child's case record" in found.text
    assert found.fonts <= PACKAGE_FONTS, found.fonts


async def test_a_reply_is_printed_under_the_childs_words(council: Council, clients: Callable[[], Client]) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    sent = await _send(ava, "can I go on the school trip?", audience=["worker"])
    worker = await clients().as_staff(council.staff["worker"])
    assert (
        await worker.post(f"/api/inbox/{sent}/replies", json={"body": "Yes! I've signed the form."})
    ).status_code == 201
    found = read((await worker.get(f"/staff/submissions/{sent}/pdf")).content)
    assert_accessible(found, title=f"Message H-{sent:06d}")
    assert "Replies" in found.text and "Reply from Worker" in found.text
    assert once(found.text, "Yes! I've signed the form.") and once(found.text, "can I go on the school trip?")


async def test_an_arabic_statement_is_printed_right_to_left_in_a_font_with_its_letters(
    council: Council, clients: Callable[[], Client]
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    sent = await _send(ava, ARABIC, audience=["worker"], language="ar")
    worker = await clients().as_staff(council.staff["worker"])
    content = (await worker.get(f"/staff/submissions/{sent}/pdf")).content
    found = read(content)
    assert_accessible(found, title=f"Message H-{sent:06d}")
    assert once(found.text, ARABIC), found.text
    # Every glyph is from the package's DejaVu Sans, which has the Arabic letters: nothing fell back to a system
    # font (the image has none) or to a missing-glyph box.
    assert found.fonts <= PACKAGE_FONTS, found.fonts
    assert "\ufffd" not in found.text
    assert _right_to_left(content, ARABIC)


async def test_a_tigrinya_statement_is_printed_in_the_packages_ethiopic_font(
    council: Council, clients: Callable[[], Client]
) -> None:
    """DejaVu has no Ethiopic letters and the image has no system fonts: Noto Sans Ethiopic ships in heard/fonts."""
    ava = await clients().as_child(council.codes["Ava"])
    sent = await _send(ava, TIGRINYA, audience=["worker"], language="ti")
    worker = await clients().as_staff(council.staff["worker"])
    found = read((await worker.get(f"/staff/submissions/{sent}/pdf")).content)
    assert once(found.text, TIGRINYA), found.text
    assert "Heard-Ethiopic" in found.fonts and found.fonts <= PACKAGE_FONTS, found.fonts


def _right_to_left(content: bytes, words: str) -> bool:
    """The Arabic line is set from the right: its text starts further right than the English lines above it."""
    import io

    import pypdf

    starts: dict[str, float] = {}

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            starts.setdefault(text.strip(), tm[4] * cm[0] + cm[4])

    pypdf.PdfReader(io.BytesIO(content)).pages[0].extract_text(visitor_text=visit)
    arabic = [x for text, x in starts.items() if any("\u0600" <= ch <= "\u06ff" for ch in text)]
    latin = [x for text, x in starts.items() if text.startswith("In their own words")]
    assert arabic and latin, starts
    return min(arabic) > min(latin) + 100


async def test_a_worker_gets_no_pdf_of_a_child_not_allocated_to_them(
    council: Council, clients: Callable[[], Client]
) -> None:
    cai = await clients().as_child(council.codes["Cai"])
    sent = await _send(cai, "from Cai, who is worker B's", audience=["worker"])
    worker = await clients().as_staff(council.staff["worker"])
    r = await worker.get(f"/staff/submissions/{sent}/pdf")
    assert r.status_code == 404
    assert b"worker B" not in r.content


def test_the_fonts_are_the_packages_own() -> None:
    assert pdf.FONT_DIR.parent.name == "heard" and pdf.FONT_DIR.name == "fonts"
    assert (pdf.FONT_DIR / "DejaVuSans.ttf").is_file() and (pdf.FONT_DIR / "DejaVuSans-Bold.ttf").is_file()
    assert "bitstream-vera" in (pdf.FONT_DIR / "LICENSE.txt").read_text()
    assert (pdf.FONT_DIR / "NotoSansEthiopic-Regular.ttf").is_file()
    assert "SIL Open Font License" in (pdf.FONT_DIR / "LICENSE-Noto.txt").read_text()


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/track.png",
        "http://127.0.0.1:6379/",
        "file:///etc/passwd",
        pdf._FONT_URL + "../pdf.py",
        pdf._FONT_URL + "%2e%2e/pdf.py",
    ],
)
def test_a_pdf_fetches_nothing_but_the_packages_fonts(url: str) -> None:
    with pytest.raises(ValueError, match="only the fonts Heard ships"):
        pdf._PackageFonts().fetch(url)
