"""A case-record PDF uses the DejaVu Sans the package ships, so the image (which has no system fonts) writes
Greek, Cyrillic and accented names as they are, not as '?'."""

from __future__ import annotations

from heard import pdf


def test_the_pdf_font_is_the_packages_own() -> None:
    assert pdf._font() == pdf.FONT_DIR
    assert (pdf.FONT_DIR / "DejaVuSans.ttf").is_file() and (pdf.FONT_DIR / "DejaVuSans-Bold.ttf").is_file()
    assert "bitstream-vera" in (pdf.FONT_DIR / "LICENSE.txt").read_text()


def test_a_document_embeds_dejavu_and_keeps_non_latin_words() -> None:
    made = pdf.document("Zoë's record", [("Слова", "Γειά σου — my words")])
    assert made.startswith(b"%PDF")
    assert b"DejaVu" in made
