"""CSV export shape: one column per question across every version, stable codes, sensitive questions left out."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from .schemas import Answer, Instrument

__all__ = ["FIXED_COLUMNS", "export_columns", "export_row"]

FIXED_COLUMNS = ("instrument", "version", "language", "channel")


def export_columns(instrument_versions: Iterable[Instrument]) -> list[str]:
    """Column names for every version of one instrument.

    Questions are ordered by first appearance, oldest version first, so publishing a new
    version only ever adds columns at the end. A question that is sensitive in any version
    is left out, as are information blocks.
    """
    versions = sorted(instrument_versions, key=lambda i: i.version)
    if len({i.id for i in versions}) > 1:
        raise ValueError("export_columns takes versions of one instrument")
    sensitive = {q.id for i in versions for q in i.questions if q.sensitive}
    columns = dict.fromkeys(FIXED_COLUMNS)
    for instrument in versions:
        for question in instrument.questions:
            if question.answerable and question.id not in sensitive:
                columns.setdefault(question.id)
    return list(columns)


def export_row(
    columns: Sequence[str], instrument: Instrument, answers: Mapping[str, Answer], *, language: str, channel: str
) -> list[str]:
    """One submission as cells under ``columns`` (from ``export_columns``); blank where not answered or not asked.

    Choices are option ids joined with ``;``. Sensitive answers are never written, even if
    a column asks for them. Cells are as the child wrote them: whoever writes them to a file guards them
    against spreadsheet formulas (the service's `heard.documents`).
    """
    fixed = {"instrument": instrument.id, "version": str(instrument.version), "language": language, "channel": channel}
    sensitive = {q.id for q in instrument.questions if q.sensitive}
    return [
        fixed[column] if column in fixed else "" if column in sensitive else _cell(answers.get(column))
        for column in columns
    ]


def _cell(answer: Answer | None) -> str:
    if answer is None:
        return ""
    if answer.choices:
        return ";".join(answer.choices)
    if answer.text is not None:
        return answer.text
    if answer.number is not None:
        return str(answer.number)
    return answer.month_year or ""
