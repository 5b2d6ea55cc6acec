"""PostgreSQL down means 503, never a false "sent": the API says so plainly, and a child's form gives their words back.

The test runs its own PostgreSQL cluster (pgserver's binaries, in a temporary folder), never the shared one, and stops
it under a running `heard serve`.
"""

from __future__ import annotations

import html
import os
import re
import shlex
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import Client, Council, free_port, heard_env, make_council, start_web

from heard import embedded
from heard.db import connect
from heard.db.migrate import migrate

pytestmark = pytest.mark.slow

WORDS = "My placement is ok but I miss my sister & I want to see her more <3"


class OwnPostgres:
    """A PostgreSQL cluster this test starts and stops at will."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.url = embedded.start_postgres(folder)
        self._user = "pgserver" if os.geteuid() == 0 else None  # pgserver runs the server as its own user under root

    def stop(self) -> None:
        from pgserver._commands import pg_ctl

        pg_ctl(["-w", "-m", "fast", "stop"], pgdata=self.folder, user=self._user)

    def start(self) -> None:
        from pgserver._commands import pg_ctl

        # The options pgserver started it with (no TCP, its own socket folder), as PostgreSQL recorded them.
        options = shlex.split((self.folder / "postmaster.opts").read_text())[3:]
        log = str(self.folder / "log")
        pg_ctl(["-w", "-o", shlex.join(options), "-l", log, "start"], pgdata=self.folder, user=self._user)

    def running(self) -> bool:
        return (self.folder / "postmaster.pid").exists()


@pytest.fixture
def own_postgres(tmp_path: Path) -> Iterator[OwnPostgres]:
    pg = OwnPostgres(tmp_path / "postgres")
    yield pg
    if pg.running():
        pg.stop()


async def _stored(url: str, council_id: int) -> list[str]:
    conn = await connect(url)
    try:
        rows = await conn.fetch("select answers from submissions where council_id = $1 order by id", council_id)
    finally:
        await conn.close()
    return [str(r["answers"]) for r in rows]


async def test_with_postgres_down_a_child_gets_a_plain_503_and_keeps_what_they_typed(
    own_postgres: OwnPostgres, logs_dir: Path
) -> None:
    conn = await connect(own_postgres.url)
    await migrate(conn)
    council: Council = await make_council(conn)
    await conn.close()
    # Redis is not running at all: the outbox keeps the work, which this test does not look at.
    web = start_web(heard_env(own_postgres.url, f"redis://127.0.0.1:{free_port()}/0"), logs_dir)
    try:
        async with Client(base_url=web.url, timeout=30) as ava:
            await ava.as_child(council.codes["Ava"])
            before = await ava.post(
                "/api/submissions", json={"kind": "statement", "text": "hello"}, headers={"Idempotency-Key": "k-before"}
            )
            assert before.status_code == 201, before.text

            own_postgres.stop()

            r = await ava.post(
                "/api/submissions", json={"kind": "statement", "text": WORDS}, headers={"Idempotency-Key": "k-down-1"}
            )
            assert r.status_code == 503, r.text
            assert r.headers["retry-after"] == "30"
            assert r.json()["detail"].startswith("Heard cannot save anything right now, so nothing was sent.")

            form = {"_csrf_token": ava.cookies["csrftoken"], "_key": uuid.uuid4().hex, "what_good": WORDS}
            page = await ava.post("/send/something_good", data=form, headers={"accept": "text/html"})
            assert page.status_code == 503
            assert page.headers["content-type"].startswith("text/html")
            assert "Nothing was sent" in page.text
            assert html.escape(WORDS) in page.text, "the child's words are not on the page"
            assert "<3" not in page.text  # shown as text, never as markup
            resend = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', page.text))
            assert {k: html.unescape(v) for k, v in resend.items()} == form
            assert 'action="/send/something_good"' in page.text

            home = await ava.get("/home", headers={"accept": "text/html"})
            assert home.status_code == 503 and "Heard is not available just now" in home.text

            own_postgres.start()

            again = await ava.post(
                "/send/something_good",
                data={k: html.unescape(v) for k, v in resend.items()},
                headers={"accept": "text/html"},
            )
            assert again.status_code == 303 and again.headers["location"].startswith("/sent/"), again.text
    finally:
        web.stop()
    stored = await _stored(own_postgres.url, council.id)
    assert len(stored) == 2 and WORDS in stored[1], "the words were not sent once, after PostgreSQL returned"
