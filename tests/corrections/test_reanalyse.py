"""`heard nlp reanalyse`: stored submissions read again by the current model, through the worker's own store;
resumable, raising alerts but never lowering them."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

import asyncpg
import pytest
from correction_seed import analyse, submission
from support import ROOT, Council

from heard.settings import SafeguardingSettings
from heard.submissions import jobs


@pytest.fixture(scope="module")
def analyser():  # type: ignore[no-untyped-def]
    import nlp

    return nlp.Analyser.load()


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "heard", "nlp", "reanalyse", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )


async def _reanalyse(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return await asyncio.to_thread(_run, env, *args)


async def _analysis(db: asyncpg.Connection, submission_id: int) -> asyncpg.Record:
    return await db.fetchrow(
        "select model_version, revision, safeguarding_level from analyses where submission_id = $1", submission_id
    )


@pytest.mark.timeout(600)
async def test_reanalyse_catches_up_with_the_current_model_and_carries_on_after_an_interruption(
    council: Council, db: asyncpg.Connection, env: dict[str, str], analyser: object
) -> None:
    version = analyser.version  # type: ignore[attr-defined]
    hurt = await submission(db, council, "My carer hits me with a belt and I am scared to go home tonight")
    await analyse(db, council, hurt, themes=("placement",), version="old-model")
    never = await submission(db, council, "I love my new school and my teacher")
    calm = await submission(db, council, "We went to the park on Saturday")
    await analyse(db, council, calm, level="urgent", categories=("abuse",), version="old-model")
    blank = await submission(db, council, "   ", answers={"happiness": "ok"})
    elsewhere = await submission(db, await _other_council(db), "I want to see my sister more")

    # A run stopped after its first batch...
    first = await jobs.reanalyse_batch(
        db,
        SafeguardingSettings(),
        analyser,
        after=0,
        limit=1,
        version=analyser.version,
        council_id=council.id,  # type: ignore[arg-type]
    )
    assert (first.last_id, first.analysed) == (hurt, 1)
    # ...and the next run does only the rest.
    run = await _reanalyse(env, "--council", council.slug, "--batch-size", "2")
    assert run.returncode == 0, run.stderr
    assert f"Reanalysed 2 submissions with model {version}" in run.stdout
    assert "Reanalysing" in run.stderr  # the progress bar
    assert [(await _analysis(db, s))["model_version"] for s in (hurt, never, calm)] == [version] * 3
    assert [(await _analysis(db, s))["revision"] for s in (hurt, never, calm)] == [2, 1, 2]
    assert await _analysis(db, blank) is None  # no words to read
    assert await _analysis(db, elsewhere) is None  # another council's, not asked for

    alerts = {r["submission_id"]: r for r in await db.fetch("select * from alerts where council_id = $1", council.id)}
    assert alerts[hurt]["level"] == "urgent" and alerts[hurt]["source"] == "model"  # raised by the new reading
    assert (await _analysis(db, calm))["safeguarding_level"] == "none"
    assert alerts[calm]["level"] == "urgent" and alerts[calm]["status"] == "open"  # never lowered

    again = await _reanalyse(env, "--council", council.slug)
    assert again.returncode == 0, again.stderr
    assert "Reanalysed 0 submissions" in again.stdout
    assert (await _analysis(db, hurt))["revision"] == 2

    forced = await _reanalyse(env, "--council", council.slug, "--all")
    assert forced.returncode == 0, forced.stderr
    assert "Reanalysed 3 submissions" in forced.stdout
    assert [(await _analysis(db, s))["revision"] for s in (hurt, never, calm)] == [3, 2, 3]


def test_reanalyse_names_an_unknown_council(env: dict[str, str]) -> None:
    run = _run(env, "--council", "no-such-council")
    assert run.returncode == 2
    assert "no council with the slug 'no-such-council'" in run.stderr


async def _other_council(db: asyncpg.Connection) -> Council:
    from support import make_council

    return await make_council(db)


def test_reanalyse_uses_the_model_the_settings_name(tmp_path: Path, env: dict[str, str]) -> None:
    run = _run({**env, "HEARD_MODEL_DIR": str(tmp_path)})
    assert run.returncode == 1
    assert f"no trained model in {tmp_path}" in run.stderr


async def test_reanalyse_names_an_unknown_council_and_a_bad_batch_size_and_touches_nothing(
    council: Council, db: asyncpg.Connection, env: dict[str, str]
) -> None:
    sent = await submission(db, council, "My carer hits me with a belt and I am scared to go home tonight")
    unknown = await _reanalyse(env, "--council", "no-such-council")
    assert unknown.returncode == 2
    assert "there is no council with the slug 'no-such-council'" in unknown.stderr
    bad = await _reanalyse(env, "--batch-size", "lots")
    assert bad.returncode == 2
    assert "--batch-size" in bad.stderr and "invalid int value" in bad.stderr
    assert await _analysis(db, sent) is None
