"""Every published figure equals a recount from the raw rows: random councils, every table, every filter.

For each seed a council gets random children (every age band, and ages no band covers), random statements,
survey answers, review views, anonymous answers and parents' feedback over eight quarters. The CiCC and Board
figures are then fetched as JSON for every filter and split, as CSV for every table and as the HTML page, and
checked three ways: the CSV and the page print exactly the JSON's cells; every shown count equals the count
made here, in Python, straight from `submissions`, `analyses`, `replies` and `children` (never from the
rollups); every share equals the share of those counts, and is 'c' whenever either of its counts is hidden.
"""

from __future__ import annotations

import csv
import io
import random
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import asyncpg
import pytest
from dash_seed import QUARTER, add_child, add_submission, answer, refresh
from support import Client, Council
from test_pages import table_rows

from dashboards._board import FROM_ADULTS, MEASURES, TREND_QUARTERS, WELLBEING
from dashboards.schemas import (
    AGE_BANDS,
    ALL_GROUP,
    ATTRIBUTES,
    FACES,
    SENTIMENTS,
    THEMES,
    YES_NO,
    Quarter,
    cohort_label,
)

sys.path.append(str(Path(__file__).parents[1] / "documents"))  # the PDF tests' reader of tagged tables
from reading import table_cells

LONDON = ZoneInfo("Europe/London")
QUARTERS = [QUARTER.previous(i) for i in reversed(range(TREND_QUARTERS))]
EVERYONE = cohort_label(ALL_GROUP)
SOME_THEMES = sorted(THEMES)[:5]
PLACEMENTS = ["foster", "foster", "kinship", "residential", "semi_independent", "independent"]
Cells = dict[tuple[str, str], int]  # (group, category) -> n; category '*' is the group's total


# ---- a random council ---------------------------------------------------------------------------


async def seed_council(db: asyncpg.Connection, council: Council, rng: random.Random) -> None:
    """Children of every kind, and what they (and some parents and anonymous children) sent, over 8 quarters."""
    children = []
    for _ in range(rng.randint(20, 45)):
        age = rng.choice([3, 6, 9, 10, 13, 14, 16, 17, 19, 22, 26])
        leaver = age >= 18
        children.append(await add_child(
            db, council, age=age, legal_status="care_leaver" if leaver else "child_in_care",
            placement=rng.choice(PLACEMENTS), out_of_area=rng.random() < 0.3, uasc=rng.random() < 0.15,
            disability=rng.random() < 0.2,
        ))  # fmt: skip
    for quarter in QUARTERS:
        busy = quarter in (QUARTER, QUARTER.previous())
        for child in children:
            for _ in range(rng.choice([0, 1, 1, 2]) if busy else rng.choice([0, 0, 1])):
                await _statement(db, council, child, quarter, rng)
            if busy and rng.random() < 0.6:
                await _survey(db, council, child, quarter, rng)
            if rng.random() < 0.3:
                await add_submission(db, council, child, kind="review", at=_when(quarter, rng),
                                     used_in_review=rng.random() < 0.7)  # fmt: skip
        for _ in range(rng.randint(0, 4) if busy else 0):
            await _survey(db, council, None, quarter, rng)  # an anonymous link's answers
            parent = await add_submission(
                db,
                council,
                None,
                kind="survey",
                at=_when(quarter, rng),
                themes=tuple(rng.sample(SOME_THEMES, 2)),
                audience=("council",),
            )
            await db.execute(
                "update submissions set instrument = $2, instrument_version = 1 where id = $1",
                parent,
                rng.choice(list(FROM_ADULTS)),
            )
    await refresh(db, council, *QUARTERS)


def _when(quarter: Quarter, rng: random.Random) -> datetime:
    return datetime.combine(quarter.starts, datetime.min.time(), UTC) + timedelta(days=rng.randint(3, 85), hours=11)


async def _statement(
    db: asyncpg.Connection, council: Council, child: int, quarter: Quarter, rng: random.Random
) -> None:
    at = _when(quarter, rng)
    read = rng.choice([None, timedelta(hours=3), timedelta(hours=30), timedelta(days=5), timedelta(days=12)])
    submission = await add_submission(
        db, council, child, at=at, themes=tuple(rng.sample(SOME_THEMES, rng.randint(1, 2))),
        sentiment=rng.choice(list(SENTIMENTS)), read_after=read,
    )  # fmt: skip
    if rng.random() < 0.3:  # a reply can come before the statement is marked read
        await db.execute(
            "insert into replies (submission_id, staff_id, body, created_at) values ($1, $2, 'Thanks', $3)",
            submission,
            council.staff_ids["worker"],
            at + timedelta(hours=rng.choice([1, 50])),
        )


async def _survey(db: asyncpg.Connection, council: Council, child: int | None, quarter: Quarter, rng) -> None:
    answers = {
        "feel_safe_home": answer("feel_safe_home", choice=rng.choice(list(YES_NO))),
        "trusted_adult": answer("trusted_adult", choice=rng.choice(list(YES_NO))),
        "happiness": answer("happiness", choice=rng.choice(list(FACES))),
        "life_satisfaction": answer("life_satisfaction", number=rng.randint(0, 10)),
    }
    keep = rng.sample(list(answers), rng.randint(1, 4))
    await add_submission(db, council, child, kind="survey", at=_when(quarter, rng),
                         answers={k: answers[k] for k in keep})  # fmt: skip


# ---- the recount, from raw rows -----------------------------------------------------------------


@dataclass(frozen=True)
class Sent:
    id: int
    child_id: int | None
    kind: str
    instrument: str | None
    local: datetime
    first_response: datetime | None
    used_in_review: bool
    answers: dict[str, object]
    themes: tuple[str, ...]
    sentiment: str | None


class Recount:
    """Counts made directly from the raw rows, one quarter at a time."""

    def __init__(self, children: dict[int, asyncpg.Record], sent: list[Sent]) -> None:
        self.children = children
        self.sent = sent

    @classmethod
    async def load(cls, db: asyncpg.Connection, council: Council) -> Recount:
        children = {r["id"]: r for r in await db.fetch("select * from children where council_id = $1", council.id)}
        rows = await db.fetch(
            """select s.*, a.themes, a.sentiment,
                      (select min(r.created_at) from replies r where r.submission_id = s.id) as replied_at
               from submissions s left join analyses a on a.submission_id = s.id where s.council_id = $1""",
            council.id,
        )
        sent = []
        for r in rows:
            first = min((t for t in (r["read_at"], r["replied_at"]) if t is not None), default=None)
            sent.append(Sent(
                r["id"], r["child_id"], r["kind"], r["instrument"], r["created_at"].astimezone(LONDON),
                first, r["used_in_review_at"] is not None, r["answers"], tuple(r["themes"] or ()), r["sentiment"],
            ))  # fmt: skip
        return cls(children, sent)

    def childrens(self, quarter: Quarter) -> list[Sent]:
        """A child's (or an anonymous child's) submissions of the quarter; parents' and carers' are not."""
        ends = quarter.previous(-1).starts
        return [
            s for s in self.sent
            if quarter.starts <= s.local.date() < ends and s.instrument not in FROM_ADULTS and s.kind != "feedback"
        ]  # fmt: skip

    def groups(self, child_id: int | None, quarter: Quarter) -> dict[str, str]:
        """The child's value of each attribute at the quarter's last day; 'unknown' for an anonymous child."""
        if child_id is None:
            return dict.fromkeys(ATTRIBUTES, "unknown")
        c = self.children[child_id]
        last = quarter.previous(-1).starts - timedelta(days=1)
        born = c["birth_month"]
        age = last.year - born.year - ((last.month, last.day) < (born.month, born.day))
        band = next((b for b in AGE_BANDS if int(b.split("-")[0]) <= age <= int(b.split("-")[1])), "other")
        return {
            "age": band,
            "legal": c["legal_status"],
            "placement": c["placement_type"],
            "area": "out" if c["placed_out_of_area"] else "in",
            "uasc": "yes" if c["uasc"] else "no",
            "disability": "yes" if c["disability"] else "no",
            "over21": "yes" if c["legal_status"] == "care_leaver" and age >= 21 else "no",
        }

    def cube(self, quarter: Quarter, items: list[tuple[int | None, str]]) -> Cells:
        """(child, category) items counted for everyone and every group, by category and in total."""
        cells: Cells = Counter()
        for child_id, category in items:
            groups = [ALL_GROUP, *(f"{a}:{v}" for a, v in self.groups(child_id, quarter).items())]
            for group in groups:
                cells[(group, category)] += 1
                cells[(group, ALL_GROUP)] += 1
        return cells

    def measure(self, key: str, quarter: Quarter) -> Cells:
        subs = self.childrens(quarter)
        if key.startswith("theme:"):
            theme = key.removeprefix("theme:")
            return self.cube(quarter, [(s.child_id, s.sentiment or "") for s in subs if theme in s.themes])
        if key == "statements":
            return self.cube(quarter, [(s.child_id, s.local.strftime("%Y-%m")) for s in subs if s.kind == "statement"])
        if key == "views_in_review":
            return self.cube(quarter, [(s.child_id, "reached" if s.used_in_review else "not_reached")
                                       for s in subs if s.kind == "review"])  # fmt: skip
        if key == "response":
            return self.cube(quarter, [(s.child_id, _band(s)) for s in subs if s.kind == "statement"])
        if key in ("feel_safe_home", "trusted_adult", "happiness", "life_satisfaction"):
            return self.cube(quarter, self._latest(key, subs))
        return Counter()  # alerts and complaint clocks: none in these councils

    def _latest(self, question: str, subs: list[Sent]) -> list[tuple[int | None, str]]:
        """Each person's latest answer to the question this quarter."""
        found: dict[int, tuple[int | None, str]] = {}
        for s in sorted(subs, key=lambda s: (s.local, s.id)):
            if s.instrument and question in s.answers:
                value = s.answers[question]
                category = _life(value) if question == "life_satisfaction" else str(value)
                found[s.child_id if s.child_id is not None else -s.id] = (s.child_id, category)
        return list(found.values())

    def adults(self, quarter: Quarter) -> dict[str, Counter[str]]:
        ends = quarter.previous(-1).starts
        counted: dict[str, Counter[str]] = defaultdict(Counter)
        for s in self.sent:
            if quarter.starts <= s.local.date() < ends and s.instrument in FROM_ADULTS:
                counted["Responses"][s.instrument] += 1
                for theme in s.themes:
                    counted[f"About {THEMES[theme].lower()}"][s.instrument] += 1
        return counted


def _band(s: Sent) -> str:
    if s.first_response is None:
        return "none"
    minutes = (s.first_response - s.local).total_seconds() / 60
    return "within_1d" if minutes <= 1440 else "within_3d" if minutes <= 4320 else "within_7d" if minutes <= 10080 \
        else "later"  # fmt: skip


def _life(value: object) -> str:
    n = int(value)  # type: ignore[call-overload]
    return "0-4" if n <= 4 else "5-6" if n <= 6 else "7-8" if n <= 8 else "9-10"


# ---- checking what is published -----------------------------------------------------------------


class Checker:
    def __init__(self) -> None:
        self.checked = 0
        self.hidden = 0

    def count(self, shown: str, expected: int, where: str) -> None:
        if shown == "c":
            self.hidden += 1
            return
        assert int(shown.replace(",", "")) == expected, f"{where}: published {shown}, the raw rows give {expected}"
        self.checked += 1

    def share(self, shown: str, part: tuple[str, int], whole: tuple[str, int], where: str) -> None:
        if "c" in (part[0], whole[0]):
            assert shown == "c", f"{where}: a share of a hidden count is shown ({shown})"
            return
        expected = "–" if whole[1] == 0 else f"{round(100 * part[1] / whole[1])}%"
        assert shown == expected, f"{where}: published {shown}, the raw rows give {expected}"
        self.checked += 1


def _groups_of(split: str | None) -> list[str]:
    return [ALL_GROUP] + ([f"{split}:{v}" for v in ATTRIBUTES[split][1]] if split else [])


def check_board(page: dict, split: str | None, recount: Recount, check: Checker) -> None:
    tables = {t["key"]: t for t in page["tables"]}
    measures = {m.key: m for m in (*MEASURES, *WELLBEING)}
    months = [(QUARTER.starts.replace(month=QUARTER.starts.month + i)).strftime("%Y-%m") for i in range(3)]
    for key, table in tables.items():
        if key == "adult_feedback":
            continue
        categories = months if key == "statements" else list(measures[key].categories)
        headline = None if key == "statements" else measures[key].headline
        cells = recount.measure(key, QUARTER)
        groups = [ALL_GROUP, *(f"age:{a}" for a in AGE_BANDS)] if key in ("happiness", "life_satisfaction") \
            else _groups_of(split)  # fmt: skip
        assert [r["label"] for r in table["rows"]] == [cohort_label(g) for g in groups], key
        for row, group in zip(table["rows"], groups, strict=True):
            shown = row["cells"]
            for category, text in zip([*categories, ALL_GROUP], shown, strict=False):
                check.count(text, cells[(group, category)], f"board {key} {group} {category}")
            if headline:
                i = categories.index(headline)
                total = len(categories)
                check.share(shown[total + 1], (shown[i], cells[(group, headline)]),
                            (shown[total], cells[(group, ALL_GROUP)]), f"board {key} {group} share")  # fmt: skip
    adults = recount.adults(QUARTER)
    for row in tables["adult_feedback"]["rows"]:
        for instrument, text in zip(FROM_ADULTS, row["cells"], strict=True):
            check.count(text, adults[row["label"]][instrument], f"adults {row['label']} {instrument}")
    _check_shares(page, recount, check)


def _check_shares(page: dict, recount: Recount, check: Checker) -> None:
    """The glance table's this-quarter and last-quarter shares, and every tile's eight quarters."""
    for m, row in zip(MEASURES, page["comparisons"]["rows"], strict=True):
        for quarter, text in ((QUARTER, row["cells"][1]), (QUARTER.previous(), row["cells"][4])):
            _share_of(m.key, m.headline, quarter, text, recount, check)
    for m, tile in zip(MEASURES, page["tiles"], strict=True):
        assert tile["key"] == m.key
        for quarter, row in zip(QUARTERS, tile["trend"]["rows"], strict=True):
            assert row["label"] == quarter.short
            _share_of(m.key, m.headline, quarter, row["cells"][0], recount, check)


def _share_of(key: str, headline: str | None, quarter: Quarter, text: str, recount: Recount, check: Checker) -> None:
    cells = recount.measure(key, quarter)
    part, whole = cells[(ALL_GROUP, headline or "")], cells[(ALL_GROUP, ALL_GROUP)]
    if text == "c":
        check.hidden += 1
        return
    check.share(text, (str(part), part), (str(whole), whole), f"{key} share, {quarter.slug}")


def check_cicc(page: dict, group: str, theme: str, recount: Recount, check: Checker) -> None:
    tables = {t["key"]: t for t in page["tables"]}
    names = {label: key for key, label in THEMES.items()}
    for row in tables["themes"]["rows"]:
        key = f"theme:{names[row['label']]}"
        this, last = recount.measure(key, QUARTER), recount.measure(key, QUARTER.previous())
        for category, text in zip([ALL_GROUP, *SENTIMENTS], row["cells"], strict=False):
            check.count(text, this[(group, category)], f"cicc {key} {group} {category}")
        check.count(row["cells"][-1], last[(group, ALL_GROUP)], f"cicc {key} {group} last quarter")
    for quarter, row in zip(QUARTERS, tables["trend"]["rows"], strict=True):
        cells = recount.measure(f"theme:{theme}", quarter)
        total, negative, share = row["cells"]
        check.count(total, cells[(group, ALL_GROUP)], f"cicc trend {theme} {group} {quarter.slug}")
        check.count(negative, cells[(group, "negative")], f"cicc trend {theme} {group} {quarter.slug} negative")
        check.share(share, (negative, cells[(group, "negative")]), (total, cells[(group, ALL_GROUP)]),
                    f"cicc trend share {quarter.slug}")  # fmt: skip


def check_board_pdf(content: bytes, page: dict, recount: Recount, check: Checker) -> None:
    """The Board pack, read back as a screen reader reads its tables: the headlines, every trend and every table
    print exactly the JSON's cells, 'c' wherever the JSON hides one, and its figures recount from the raw rows."""
    printed = table_cells(content)
    headlines, *rest = printed
    want = [*(t["trend"] for t in page["tiles"]), page["comparisons"], *page["tables"]]
    assert len(rest) == len(want), f"the pack has {len(rest)} figure tables, the JSON {len(want)}"
    assert headlines[0] == ["Measure", "Goal", "This quarter", "Target", "Status"]
    assert headlines[1:] == [[t["title"], t["goal"] or "–", t["value"], t["target"], t["status_text"]]
                             for t in page["tiles"]], "the pack's headlines differ from the JSON's"  # fmt: skip
    hidden = 0
    for rows, table in zip(rest, want, strict=True):
        assert rows[0] == table["columns"], f"pdf {table['key']}: the columns differ from the JSON's"
        assert rows[1:] == [[r["label"], *r["cells"]] for r in table["rows"]], f"pdf {table['key']}: differs"
        hidden += sum(cell == "c" for row in rows[1:] for cell in row[1:])
    assert hidden == sum(cell == "c" for t in want for r in t["rows"] for cell in r["cells"])
    # The pack's own cells, rebuilt as a page, go through the same recount as the JSON's.
    tables = [{"key": t["key"], "rows": _rows(rows)} for rows, t in zip(rest[-len(page["tables"]):], page["tables"],
                                                                        strict=True)]  # fmt: skip
    tiles = [{"key": t["key"], "trend": {"rows": _rows(rows)}} for rows, t in zip(rest, page["tiles"], strict=False)]
    comparisons = {"rows": _rows(rest[len(page["tiles"])])}
    before = check.checked
    check_board({"tables": tables, "tiles": tiles, "comparisons": comparisons}, None, recount, check)
    assert check.checked - before > 100, "the pack's figures were hardly recounted"


def _rows(printed: list[list[str]]) -> list[dict]:
    return [{"label": row[0], "cells": row[1:]} for row in printed[1:]]


async def same_everywhere(client: Client, path: str, params: dict[str, str], page: dict) -> None:
    """The HTML page and every table's CSV print exactly the JSON's cells."""
    html = (await client.get(path, params=params)).text
    for table in [*page["tables"], *([page["comparisons"]] if "comparisons" in page else [])]:
        want = {r["label"]: r["cells"] for r in table["rows"]}
        assert table_rows(html, table["key"]) == want, f"{path} {table['key']}: the page differs from the JSON"
        got = await client.get(f"{path}/export.csv", params={**params, "table": table["key"]})
        rows = list(csv.reader(io.StringIO(got.content.decode("utf-8-sig"))))
        assert {r[0]: r[1:] for r in rows[1:]} == want, f"{path} {table['key']}: the CSV differs from the JSON"
    for tile in page.get("tiles", []):
        got = await client.get(f"{path}/export.csv", params={**params, "table": tile["trend"]["key"]})
        rows = list(csv.reader(io.StringIO(got.content.decode("utf-8-sig"))))
        assert {r[0]: r[1:] for r in rows[1:]} == {r["label"]: r["cells"] for r in tile["trend"]["rows"]}


@pytest.mark.parametrize("seed", [11, 12, 13])
async def test_every_published_figure_is_the_recount_of_the_raw_rows(db, clients, council: Council, seed: int):
    rng = random.Random(seed)
    await seed_council(db, council, rng)
    recount = await Recount.load(db, council)
    check = Checker()
    board = await clients().as_staff(council.staff["board_member"])
    for split in [None, *ATTRIBUTES]:
        params = {"quarter": QUARTER.slug, **({"split": split} if split else {})}
        page = (await board.get("/api/dashboards/board", params=params)).json()
        check_board(page, split, recount, check)
        if split in (None, "placement"):
            await same_everywhere(board, "/dashboards/board", params, page)
        if split is None and seed == 11:  # one council's pack: laying out the PDF takes seconds
            pack = await board.get("/dashboards/board/report.pdf", params=params)
            assert pack.status_code == 200 and pack.headers["content-type"] == "application/pdf"
            check_board_pdf(pack.content, page, recount, check)
    cicc = await clients().as_staff(council.staff["cicc_member"])
    groups = [ALL_GROUP, *(f"{a}:{v}" for a, (_, values) in ATTRIBUTES.items() for v in values)]
    for group in groups:
        theme = rng.choice(SOME_THEMES)
        params = {"quarter": QUARTER.slug, "theme": theme, **({"cohort": group} if group != ALL_GROUP else {})}
        page = (await cicc.get("/api/dashboards/cicc", params=params)).json()
        check_cicc(page, group, theme, recount, check)
        if group in (ALL_GROUP, "age:12-15"):
            await same_everywhere(cicc, "/dashboards/cicc", params, page)
    assert check.checked > 1000 and check.hidden > 0, (check.checked, check.hidden)


def test_the_quarters_seeded_are_the_trend_quarters() -> None:
    assert QUARTERS[-1] == QUARTER and len(QUARTERS) == TREND_QUARTERS
    assert date(2025, 4, 1) == QUARTER.starts
