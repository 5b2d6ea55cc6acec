"""`heard nlp train --with-corrections`: every corrected submission becomes a training item in the corpus's format."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import asyncpg
import msgspec
from correction_seed import analyse, post_correction, submission
from support import ROOT, Client, Council

from heard.inbox import services


async def test_each_corrected_submission_is_exported_with_the_correction_over_the_analysis(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    answers = {"what_good": "Going to football with my friends", "good_feeling": "very_happy"}
    sid = await submission(db, council, "My carer never lets me see my dad", answers=answers)
    await db.execute(  # answers to a survey: what the child typed is taught, the option id they chose is not
        "update submissions set instrument = 'something_good', instrument_version = 1 where id = $1", sid
    )
    await analyse(
        db, council, sid, themes=("placement",), sentiment="negative", level="concern", categories=("neglect",)
    )
    staff = await clients().as_staff(council.staff["worker"])
    first = {"themes": ["placement"], "sentiment": "negative", "safeguarding_level": "none"}
    assert (await post_correction(staff, sid, **first)).status_code == 303
    latest = await db.fetchval(  # a correction that names only themes (as another tool may send)
        "insert into analysis_corrections (submission_id, staff_id, themes) values ($1, $2, $3) returning id",
        sid,
        council.staff_ids["worker"],
        ["family_contact", "friends_activities"],
    )
    items, _ = await services.training_items(db)
    mine = [i for i in items if i.id.startswith("correction-") and i.text.startswith("My carer never lets me see")]
    assert len(mine) == 1, "one item per corrected submission: its latest correction"
    line = json.loads(msgspec.json.encode(mine[0]))
    assert line == {
        "id": f"correction-{latest}",
        "text": "My carer never lets me see my dad\n\nGoing to football with my friends",
        "themes": ["family_contact", "friends_activities"],
        "sentiment": "negative",  # left null by the correction: the model's
        "safeguarding": {"level": "concern", "categories": ["neglect"]},
        "pii": [],
        "kind": "statement",
    }


async def test_an_erased_childs_corrected_words_are_left_out(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    sid = await submission(db, council, "Please forget everything I wrote about my uncle", child="Ben")
    staff = await clients().as_staff(council.staff["worker"])
    r = await post_correction(staff, sid, themes=["family_contact"], sentiment="neutral", safeguarding_level="none")
    assert r.status_code == 303
    await db.execute("update children set erased_at = now() where id = $1", council.children["Ben"])
    items, _ = await services.training_items(db)
    assert not any("my uncle" in i.text for i in items)


async def test_training_with_corrections_includes_them_all(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection, env: dict[str, str], tmp_path: Path
) -> None:
    sid = await submission(db, council, "The bus pass money has not come and I cannot get to college")
    staff = await clients().as_staff(council.staff["worker"])
    r = await post_correction(
        staff, sid, themes=["money", "education_work"], sentiment="negative", safeguarding_level="none"
    )
    assert r.status_code == 303
    expected = len((await services.training_items(db))[0])
    assert expected >= 1
    real_model = ROOT / "nlp" / "model" / "meta.json"
    real_before = real_model.read_bytes() if real_model.exists() else None
    out = tmp_path / "model"
    # Every twentieth corpus item stands in for the corpus: what is checked is that the corrections go in, and a
    # full training (which `make model` and the packaging test already run) would take minutes.
    corpus = tmp_path / "corpus.jsonl"
    lines = (ROOT / "nlp" / "data" / "corpus.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    corpus.write_text("".join(lines[::20]), encoding="utf-8")
    train = ["nlp", "train", "--with-corrections", "--data", str(corpus), "--out", str(out)]
    result = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "heard", *train],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr
    noun = "correction" if expected == 1 else "corrections"
    assert f"Including {expected} staff {noun}" in result.stdout
    meta = json.loads((out / "meta.json").read_text())
    assert meta["counts"]["extra"] == expected
    assert meta["counts"]["items"] == len(lines[::20]) + expected
    assert f"written to {out}" in result.stdout
    if real_before is not None:
        assert real_model.read_bytes() == real_before, "the real model was overwritten"
