"""The case page's steps at the current stage, in order: acknowledge, investigate, respond, escalate (or close).

Each step is done, current (the one to do now, shown open), later (collapsed until it is reached) or missed (an
earlier step nobody recorded, which stays available, collapsed). A complaint made more than a year after the
events starts with the decision whether to consider it.
"""

from __future__ import annotations

from typing import Literal

import msgspec

from heard.complaints._rules import missing_outcomes
from heard.complaints.schemas import Case

StepName = Literal["late-decision", "acknowledge", "investigate", "respond", "escalate"]
StepState = Literal["done", "current", "later", "missed"]


class Step(msgspec.Struct, frozen=True, kw_only=True):
    name: StepName
    state: StepState


def _done(case: Case, name: StepName) -> bool:
    record = case.stage_record(case.stage)
    assert record is not None
    if name == "late-decision":
        return case.late_decision is not None
    if name == "acknowledge":
        return record.acknowledged_on is not None
    if name == "investigate":
        heard_panel = case.stage < 3 or record.panel_report_on is not None
        return bool(case.points) and not missing_outcomes(case) and heard_panel
    if name == "respond":
        return record.responded_on is not None
    return False  # escalating or closing ends the stage: an open case is never past it


def steps(case: Case) -> list[Step]:
    """The steps of the current stage of an open case (none once it has ended)."""
    if case.status != "open":
        return []
    names: list[StepName] = ["acknowledge", "investigate", "respond", "escalate"]
    if case.made_late:
        names.insert(0, "late-decision")
    done = [_done(case, n) for n in names]
    # The step to do now follows the last one done; an earlier step left unrecorded does not hold the case back.
    last = max((i for i, d in enumerate(done) if d), default=-1)
    current = next(i for i in range(last + 1, len(names)) if not done[i])
    if case.made_late and not done[0]:
        current = 0  # the rules refuse every later step until lateness is decided
    return [
        Step(name=n, state="done" if d else "current" if i == current else "later" if i > current else "missed")
        for i, (n, d) in enumerate(zip(names, done, strict=True))
    ]


def current(case: Case) -> StepName | None:
    return next((s.name for s in steps(case) if s.state == "current"), None)
