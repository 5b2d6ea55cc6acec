"""PDF documents for the case record: plain text with real fonts and a document title."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from fpdf import FPDF

# DejaVu Sans ships with the package (fonts/, with its licence), so the image's PDFs have real fonts without a
# system font package; the system folders are a fallback for a tree without it.
FONT_DIR = Path(__file__).parent / "fonts"
_FONT_DIRS = [FONT_DIR, Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]


def _font() -> Path | None:
    """DejaVu Sans (covers Latin, Greek, Cyrillic and more), the package's own; else the core font."""
    for folder in _FONT_DIRS:
        if (folder / "DejaVuSans.ttf").exists():
            return folder
    return None


def document(title: str, sections: Sequence[tuple[str, str]], *, footer: str = "") -> bytes:
    """A simple A4 document: a title, then each (heading, text) section."""
    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.set_lang("en-GB")
    pdf.set_creator("Heard")
    folder = _font()
    family = "DejaVu" if folder else "Helvetica"
    if folder:
        pdf.add_font("DejaVu", "", str(folder / "DejaVuSans.ttf"))
        pdf.add_font("DejaVu", "B", str(folder / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    pdf.set_font(family, "B", 16)
    pdf.multi_cell(0, 9, _safe(title, folder), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for heading, text in sections:
        pdf.set_font(family, "B", 12)
        pdf.multi_cell(0, 7, _safe(heading, folder), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(family, "", 11)
        pdf.multi_cell(0, 6, _safe(text or "–", folder), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    if footer:
        pdf.ln(4)
        pdf.set_font(family, "", 9)
        pdf.multi_cell(0, 5, _safe(footer, folder), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _safe(text: str, folder: Path | None) -> str:
    """The core font has Latin-1 only: anything else becomes '?' rather than failing the download."""
    return text if folder else text.encode("latin-1", "replace").decode("latin-1")
