"""A complaints report as CSV and as PDF (fpdf2, with a Unicode font when the system has one)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from fpdf import FPDF

from dashboards._complaints import Report, ShownTable

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
SUPPRESSION_NOTE = (
    "To protect children's privacy, numbers from 1 to 5 are shown as c, and where a total would reveal one, "
    "another number is hidden too."
)
SIGNPOST = (
    "If you are unhappy with how the council dealt with your complaint, you can ask the Local Government and "
    "Social Care Ombudsman to look at it: www.lgo.org.uk, 0300 061 0614."
)


def to_csv(report: Report, *, publication: bool) -> str:
    """One line per figure: section, item, value; then the quotes."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["section", "item", "value"])
    for table in report.shown(publication=publication):
        writer.writerows([table.title, label, value] for label, value in table.rows)
        if table.total is not None:
            writer.writerow([table.title, "Total", table.total])
    writer.writerows(["What children said", quote.theme, quote.text] for quote in report.quotes)
    return out.getvalue()


class _Pdf(FPDF):
    """A plain, readable A4 document with page numbers."""

    family = "Helvetica"

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font(self.family, size=9)
        self.cell(0, 10, f"Page {self.page_no()}", align="C")


def _text(pdf: _Pdf, text: str) -> str:
    """Core fonts only cover Latin-1; without DejaVu, anything else becomes '?' rather than failing."""
    if pdf.family != "Helvetica":
        return text
    return text.replace("…", "...").replace("’", "'").encode("latin-1", "replace").decode("latin-1")


def _new_pdf(report: Report) -> _Pdf:
    pdf = _Pdf(format="A4")
    if (FONT_DIR / "DejaVuSans.ttf").exists() and (FONT_DIR / "DejaVuSans-Bold.ttf").exists():
        pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
        pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        pdf.family = "DejaVu"
    pdf.set_title(_text(pdf, report.title))
    pdf.set_author(_text(pdf, report.council))
    pdf.set_lang("en-GB")
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    return pdf


def _heading(pdf: _Pdf, text: str, size: int) -> None:
    pdf.set_font(pdf.family, "B", size)
    pdf.multi_cell(0, size * 0.6, _text(pdf, text), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def _para(pdf: _Pdf, text: str) -> None:
    pdf.set_font(pdf.family, "", 11)
    pdf.multi_cell(0, 6, _text(pdf, text), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def _table(pdf: _Pdf, table: ShownTable) -> None:
    _heading(pdf, table.title, 12)
    pdf.set_font(pdf.family, "", 11)
    rows = [*table.rows, *([("Total", table.total)] if table.total is not None else [])]
    with pdf.table(col_widths=(4, 1), text_align=("LEFT", "RIGHT")) as grid:
        grid.row([_text(pdf, "Item"), "Number"])
        for label, value in rows:
            grid.row([_text(pdf, label), value])
    if table.note:
        _para(pdf, table.note)
    pdf.ln(3)


def to_pdf(report: Report, *, publication: bool) -> bytes:
    pdf = _new_pdf(report)
    _heading(pdf, report.title, 18)
    _para(pdf, f"{report.council}. {report.starts_on.isoformat()} to {report.ends_on.isoformat()}.")
    _para(pdf, SUPPRESSION_NOTE if publication else "Internal version: not for publication.")
    for table in report.shown(publication=publication):
        _table(pdf, table)
    if report.quotes:
        _heading(pdf, "What children said", 14)
        for quote in report.quotes:
            _para(pdf, f"{quote.theme}: “{quote.text}”")
    if report.actions:
        _heading(pdf, "Learning actions", 14)
        for action in report.actions:
            done = f", done {action.completed_on.isoformat()}" if action.completed_on else ""
            owner = "" if publication else f"{action.owner}; "
            status = action.status.replace("_", " ")
            _para(pdf, f"{action.description} ({owner}due {action.due_on.isoformat()}; {status}{done})")
    _para(pdf, SIGNPOST)
    return bytes(pdf.output())
