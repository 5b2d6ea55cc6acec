"""Worker jobs as plain coroutines: the refresh keeps rollups current; topics are stored without example quotes."""

from __future__ import annotations

import asyncpg
from dash_seed import QUARTER, add_child, add_submission
from support import Council

from dashboards import jobs, queries
from heard.db import init_connection


async def test_the_refresh_job_picks_up_newly_analysed_submissions(db, database_url: str, council: Council):
    child = await add_child(db, council)
    await add_submission(db, council, child, themes=("money",), sentiment="negative")
    pool = await asyncpg.create_pool(database_url, min_size=1, max_size=2, init=init_connection)
    try:
        assert await jobs.refresh_dashboards({"db_pool": pool}) >= 1
    finally:
        await pool.close()
    found = await queries.facts(db, council.id, ["theme:money"], [QUARTER.starts], ["*"])
    total = next(f for f in found if f.group == "*" and f.category == "*")
    assert (total.n, total.people, total.hidden) == (1, 1, True)


async def test_emerging_topics_are_stored_from_redacted_texts_without_quotes(db, council: Council):
    child = await add_child(db, council)
    for i in range(40):
        text = "The bus pass ran out and I cannot get to college" if i % 2 else "My phone contract money is late again"
        await add_submission(db, council, child, themes=("money",), redacted=f"{text} {i}")
    found = await jobs.topics_for(db, council.id, QUARTER)
    stored = await queries.topics(db, council.id, QUARTER.starts)
    assert [t.label for t in stored] == [t.label for t in found]
    assert all(isinstance(t.terms, list) and t.n >= 0 for t in stored)
