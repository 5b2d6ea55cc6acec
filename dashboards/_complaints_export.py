"""A complaints report as CSV and as a tagged PDF, both with the figures exactly as the reports page shows them."""

from __future__ import annotations

from dashboards import TEMPLATE_DIR
from dashboards._complaints import Report, view
from heard import documents, pdf

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
    rows: list[list[documents.Cell]] = [["section", "item", "value"]]
    for table in report.shown(publication=publication):
        rows += ([table.title, label, value] for label, value in table.rows)
        if table.total is not None:
            rows.append([table.title, "Total", table.total])
    rows += (["What children said", quote.theme, quote.text] for quote in report.quotes)
    return documents.to_csv(rows)


async def to_pdf(report: Report, *, publication: bool) -> bytes:
    """The report as the page shows it, as a tagged PDF (heard.pdf): the published version suppressed."""
    return await pdf.build(
        "dashboards/pdf/complaints_report.html",
        search=[TEMPLATE_DIR],
        title=report.title,
        author=report.council,
        report=view(report, publication=publication),
        suppression_note=SUPPRESSION_NOTE,
        signpost=SIGNPOST,
    )
