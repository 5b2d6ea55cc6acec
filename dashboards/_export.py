"""Exports of published tables: CSV for any table, and the board's quarterly report as a PDF (fpdf2)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from dashboards.schemas import Table
from heard import documents

_FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]
NOTE = "Numbers from 1 to 5, and some others that would let them be worked out, are shown as 'c'."


def csv_bytes(table: Table) -> bytes:
    """The table exactly as the page shows it, suppressed cells included as 'c'."""
    rows = [table.columns, *([row.label, *row.cells] for row in table.rows)]
    return documents.to_csv(rows).encode("utf-8-sig")


def report_pdf(title: str, intro: str, tables: Sequence[Table]) -> bytes:
    """An A4 landscape report: a title, a note on suppression, then each table with its note."""
    pdf = FPDF(orientation="landscape", format="A4")
    pdf.set_title(title)
    pdf.set_lang("en-GB")
    pdf.set_creator("Heard")
    family = _fonts(pdf)
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font(family, "B", 16)
    pdf.multi_cell(0, 9, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, "", 10)
    pdf.multi_cell(0, 5, f"{intro} {NOTE}", new_x="LMARGIN", new_y="NEXT")
    for table in tables:
        _table(pdf, family, table)
    return bytes(pdf.output())


def _fonts(pdf: FPDF) -> str:
    for folder in _FONT_DIRS:
        if (folder / "DejaVuSans.ttf").exists():
            pdf.add_font("DejaVu", "", str(folder / "DejaVuSans.ttf"))
            pdf.add_font("DejaVu", "B", str(folder / "DejaVuSans-Bold.ttf"))
            return "DejaVu"
    return "Helvetica"


def _table(pdf: FPDF, family: str, table: Table) -> None:
    pdf.ln(4)
    pdf.set_font(family, "B", 12)
    pdf.multi_cell(0, 7, table.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, "", 8)
    first = 3.0
    widths = (first, *([1.0] * (len(table.columns) - 1)))
    with pdf.table(col_widths=widths, text_align="LEFT", headings_style=FontFace(emphasis="BOLD")) as out:
        out.row(table.columns)
        for row in table.rows:
            out.row([row.label, *row.cells])
    if table.note:
        pdf.set_font(family, "", 8)
        pdf.multi_cell(0, 4, table.note, new_x="LMARGIN", new_y="NEXT")
