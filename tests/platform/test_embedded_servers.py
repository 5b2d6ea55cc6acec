"""Embedded servers belong to their command: two `heard demo` installs on one machine share nothing, and each
stops its own PostgreSQL and Redis when it is stopped."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

import httpx
import psutil
import pytest
from support import ROOT, Client, free_port, wait_until

from heard import embedded
from heard.demo import demo_code

pytestmark = pytest.mark.slow


@dataclass
class Demo:
    folder: Path
    popen: subprocess.Popen[bytes]
    url: str

    def log(self) -> str:
        return (self.folder / "demo.log").read_text(errors="replace")


def _start_demo(folder: Path) -> Demo:
    folder.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HEARD_", "PYTEST", "DATABASE_URL", "REDIS_URL"))}
    env.update(
        PYTHONPATH=f"{ROOT / 'platform'}{os.pathsep}{ROOT}",
        HEARD_DATA_DIR=str(folder / "data"),
        HEARD_MODEL_DIR=str(ROOT / "nlp" / "model"),  # trained by `make test` already; training again is minutes
        OMP_NUM_THREADS="1",
        OPENBLAS_NUM_THREADS="1",
    )
    port = free_port()
    with (folder / "demo.log").open("ab") as log:
        popen = subprocess.Popen(
            [sys.executable, "-m", "heard", "demo", "--port", str(port)], env=env, cwd=folder, stdout=log, stderr=log
        )
    return Demo(folder, popen, f"http://127.0.0.1:{port}")


def _ready(demo: Demo) -> bool:
    if demo.popen.poll() is not None:
        raise AssertionError(f"heard demo exited:\n{demo.log()}")
    try:
        return httpx.get(f"{demo.url}/health/ready", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


async def _my_texts(demo: Demo, code: str, say: str | None = None) -> list[str]:
    async with Client(base_url=demo.url, timeout=30) as child:
        await child.as_child(code)
        if say:
            r = await child.post(
                "/api/submissions",
                json={"kind": "statement", "text": say},
                headers={"Idempotency-Key": str(uuid.uuid4())},
            )
            assert r.status_code == 201, r.text
        mine = (await child.get("/api/submissions/")).json()
    return [str(item["text"]) for item in mine]


def _servers_of(demo: Demo) -> list[psutil.Process]:
    """The demo's PostgreSQL and Redis, found by the pid files in its own data folder."""
    data = demo.folder / "data"
    found = []
    for pid_file in (data / "postgres" / "postmaster.pid", data / "redis" / "redis.pid"):
        assert pid_file.exists(), f"{pid_file} was not written"
        found.append(psutil.Process(int(pid_file.read_text().split()[0])))
    return found


async def test_two_demos_share_nothing_and_each_stops_its_own_servers(tmp_path: Path) -> None:
    demos = [_start_demo(tmp_path / "a"), _start_demo(tmp_path / "b")]
    try:
        for demo in demos:
            wait_until(lambda d=demo: _ready(d), timeout=300, interval=0.5, what=f"heard demo in {demo.folder}")
        a, b = demos
        code = demo_code(0)  # the same demo child in both installs
        said = f"only install a has this {uuid.uuid4().hex[:8]}"
        assert any(said in text for text in await _my_texts(a, code, say=said))
        assert not any(said in text for text in await _my_texts(b, code))

        servers = {demo.folder.name: _servers_of(demo) for demo in demos}
        for demo in demos:  # every server listens inside its own folder, never on a shared port
            sock = embedded.redis_socket(demo.folder / "data" / "redis")
            assert sock.exists() and str(demo.folder) in str(sock)
            assert (demo.folder / "data" / "postgres" / ".s.PGSQL.5432").exists()
        pids = {p.pid for group in servers.values() for p in group}
        assert len(pids) == 4, "the two installs share a server"
        everything = [p for group in servers.values() for p in group]
        everything += [c for demo in demos for c in psutil.Process(demo.popen.pid).children(recursive=True)]
    finally:
        for demo in demos:
            if demo.popen.poll() is None:
                demo.popen.send_signal(signal.SIGTERM)
        for demo in demos:
            try:
                demo.popen.wait(90)
            except subprocess.TimeoutExpired:
                demo.popen.kill()
                raise
    left = [f"{p.pid} {p.name()}" for p in everything if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
    assert not left, f"still running after SIGTERM: {left}\n{demos[0].log()[-2000:]}\n{demos[1].log()[-2000:]}"
    for demo in demos:
        assert demo.popen.returncode in (0, 128 + signal.SIGTERM, -signal.SIGTERM), demo.log()[-3000:]
