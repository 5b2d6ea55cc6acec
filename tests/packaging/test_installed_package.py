"""The installed wheel, not the checkout: built, installed into a fresh virtualenv and run from outside the
repository by docker/install.sh (what the image runs), it trains, migrates and serves every page without a 5xx."""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import httpx
import pytest
from support import (
    ROLES,
    ROOT,
    Client,
    Council,
    Process,
    drop_database,
    free_port,
    heard_env,
    make_council,
    wait_until,
    with_database,
)

from heard.db import connect

# Building and installing the wheel and training the model take several minutes on a shared two-core machine.
pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800)]

# Files in the package folders that nothing reads at run time: documentation, and the published-instrument
# checksums only tests/surveys reads from the checkout.
NOT_PACKAGE_DATA = {
    "nlp/data/README.md",
    "nlp/data/outsiders/fresh6/BRIEF.md",
    "nlp/data/outsiders/fresh7/BRIEF.md",
    "nlp/data/outsiders/fresh8/BRIEF.md",
    "nlp/data/outsiders/fresh9/BRIEF.md",
    "nlp/data/outsiders/fresh10/BRIEF.md",
    "nlp/data/outsiders/fresh11/BRIEF.md",
    "nlp/data/outsiders/fresh12/BRIEF.md",
    "nlp/data/outsiders/fresh13/BRIEF.md",
    "nlp/data/outsiders/fresh14/BRIEF.md",
    "nlp/resources/lexicons/README.md",
    "surveys/instruments/README.md",
    "surveys/instruments/published.sha256",
}
PAGES_PER_VISITOR = 400  # a bound, so a page that links to endless new addresses fails rather than hangs


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtualenv (no system site-packages) with the wheel installed and the model trained from it."""
    venv = tmp_path_factory.mktemp("installed") / "venv"
    base_python = getattr(sys, "_base_executable", sys.executable)  # the interpreter under our own venv
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HEARD_", "PYTHONPATH", "VIRTUAL_ENV"))}
    env["PYTHON"] = base_python
    done = subprocess.run(
        ["sh", str(ROOT / "docker" / "install.sh"), str(ROOT), str(venv)],
        env=env,
        cwd=venv.parent,
        capture_output=True,
        text=True,
        timeout=1500,
        check=False,
    )
    assert done.returncode == 0, f"docker/install.sh failed:\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
    return venv


def _site_packages(venv: Path) -> Path:
    return next((venv / "lib").glob("python3*/site-packages"))


def test_the_venv_is_clean_and_runs_the_installed_code(installed: Path) -> None:
    cfg = (installed / "pyvenv.cfg").read_text()
    assert "include-system-site-packages = false" in cfg
    where = subprocess.run(
        [str(installed / "bin" / "python"), "-c", "import heard, nlp, surveys, dashboards; print(heard.__file__)"],
        cwd="/",
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": os.environ["PATH"]},
    ).stdout
    assert where.startswith(str(_site_packages(installed))), where


def test_every_file_of_the_source_tree_is_installed(installed: Path) -> None:
    tracked = subprocess.run(
        ["git", "ls-files", "platform", "nlp", "surveys", "dashboards"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    site = _site_packages(installed)
    missing = [
        name
        for name in tracked
        if name not in NOT_PACKAGE_DATA and not (site / name.removeprefix("platform/")).exists()
    ]
    assert not missing, f"files the installed package lacks (add their kind to package-data): {missing}"
    assert (site / "nlp" / "data" / "corpus.jsonl").exists(), "the training corpus is not installed"


def test_the_model_is_trained_from_the_package_and_predicts(installed: Path) -> None:
    assert (_site_packages(installed) / "nlp" / "model" / "meta.json").exists()
    done = subprocess.run(
        [str(installed / "bin" / "heard"), "nlp", "predict"],
        input='{"id": 1, "text": "my mums boyfriend hit me and I am scared to go home"}\n',
        cwd="/",
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
        env={"PATH": os.environ["PATH"]},
    )
    line = json.loads(done.stdout)
    assert line["id"] == 1
    assert line["safeguarding"]["level"] == "urgent", line


# Run by the installed interpreter from "/": the templates, the stylesheet and the fonts must come from the package.
RENDER_PDFS = """
import asyncio, datetime, sys
from types import SimpleNamespace
import surveys
from dashboards import _complaints, _complaints_export
from heard import pdf
sent = SimpleNamespace(created_at=datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC), read_at=None, language="ar",
                       replies=[])
shown = surveys.show_submission(None, None, None, "أريد أن أبقى", "en")
one = pdf.render("pdf/submission.html", title="Message H-000001", s=sent, shown=shown, words_dir="rtl")
report = _complaints.Report(kind="annual", title="Complaints annual report 2025-26", council="Anytown",
    starts_on=datetime.date(2025, 4, 1), ends_on=datetime.date(2026, 3, 31), quotes=[], actions=[],
    tables=[_complaints.Table(key="k", title="Who complained", rows=[_complaints.Row("Child", 7)], total=7)])
two = asyncio.run(_complaints_export.to_pdf(report, publication=True))
sys.stdout.buffer.write(len(one).to_bytes(8, "big") + one + two)
"""


def test_the_installed_package_makes_tagged_pdfs_with_its_own_fonts(installed: Path) -> None:
    import io

    import pikepdf
    import pypdf

    done = subprocess.run(
        [str(installed / "bin" / "python"), "-c", RENDER_PDFS],
        cwd="/",
        capture_output=True,
        timeout=300,
        check=False,
        env={"PATH": os.environ["PATH"]},
    )
    assert done.returncode == 0, done.stderr.decode()[-4000:]
    size = int.from_bytes(done.stdout[:8], "big")
    for made, words in [(done.stdout[8 : 8 + size], "أريد أن أبقى"), (done.stdout[8 + size :], "Who complained")]:
        with pikepdf.open(io.BytesIO(made)) as doc:
            assert "/StructTreeRoot" in doc.Root and str(doc.Root.Lang) == "en-GB"
            fonts = {str(f.BaseFont).split("+")[-1] for p in doc.pages for f in p.Resources.Font.values()}
            assert fonts <= {"Heard-Sans", "Heard-Sans-Bold"}, fonts
        assert words in pypdf.PdfReader(io.BytesIO(made)).pages[0].extract_text()


@pytest.fixture(scope="module")
def served(
    installed: Path, postgres_url: str, redis_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Process, Council, list[str]]]:
    """An empty database migrated by the installed `heard migrate`, a council, and the installed `heard serve`."""
    name = f"heard_pkg_{secrets.token_hex(4)}"
    asyncio.run(_create_database(postgres_url, name))
    url = with_database(postgres_url, name)
    folder = tmp_path_factory.mktemp("served")
    env = heard_env(url, redis_url)
    env.pop("PYTHONPATH", None)
    heard = str(installed / "bin" / "heard")
    try:
        migrated = subprocess.run([heard, "migrate"], env=env, cwd=folder, capture_output=True, text=True, check=False)
        assert migrated.returncode == 0, migrated.stderr
        assert migrated.stdout.startswith("Applied: "), migrated.stdout
        council = asyncio.run(_council(url))
        routes = _get_routes(installed, env, folder)
        proc = _serve(heard, env, folder)
        try:
            yield proc, council, routes
        finally:
            proc.stop()
    finally:
        asyncio.run(drop_database(postgres_url, name))


async def _create_database(server_url: str, name: str) -> None:
    admin = await connect(server_url)
    try:
        await admin.execute(f'create database "{name}"')
    finally:
        await admin.close()


async def _council(url: str) -> Council:
    conn = await connect(url)
    try:
        return await make_council(conn)
    finally:
        await conn.close()


def _serve(heard: str, env: dict[str, str], folder: Path) -> Process:
    port = free_port()
    log = folder / "web.log"
    with log.open("ab") as handle:
        popen = subprocess.Popen(
            [heard, "serve", "--port", str(port)], env=env, cwd=folder, stdout=handle, stderr=handle
        )
    proc = Process(popen, log, f"http://127.0.0.1:{port}")

    def up() -> bool:
        if popen.poll() is not None:
            raise AssertionError(f"the installed web server exited:\n{proc.log()}")
        try:
            return httpx.get(f"{proc.url}/health/live", timeout=1).status_code == 200
        except httpx.HTTPError:
            return False

    try:
        wait_until(up, timeout=120, what="the installed web server")
    except BaseException:
        proc.stop()
        raise
    return proc


def _get_routes(venv: Path, env: dict[str, str], cwd: Path) -> list[str]:
    """Every GET path of the installed app's route table, read from the app itself."""
    script = (
        "import json\nfrom heard.app import create_app\n"
        "print(json.dumps(sorted({r.path for r in create_app().routes "
        "for h in getattr(r, 'route_handlers', []) if 'GET' in getattr(h, 'http_methods', ())})))"
    )
    done = subprocess.run(
        [str(venv / "bin" / "python"), "-c", script], env=env, cwd=cwd, capture_output=True, text=True, check=True
    )
    paths: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return paths


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("href", "src"):
            if values.get(key):
                self.found.append(str(values[key]))
        if tag == "form" and (values.get("method") or "get").lower() == "get" and values.get("action"):
            self.found.append(str(values["action"]))


async def _crawl(client: Client, seeds: list[str]) -> tuple[dict[str, int], list[str]]:
    """Visit the seeds and every same-site link from them; every address with its status, and the 5xx ones."""
    seen: dict[str, int] = {}
    queue = list(seeds)
    failures: list[str] = []
    while queue and len(seen) < PAGES_PER_VISITOR:
        path = queue.pop(0)
        if path in seen:
            continue
        r = await client.get(path)
        seen[path] = r.status_code
        if r.status_code >= 500:
            failures.append(f"{path} -> {r.status_code}")
        if "text/html" not in r.headers.get("content-type", ""):
            continue
        parser = _Links()
        parser.feed(r.text)
        for link in parser.found:
            absolute = urldefrag(urljoin(str(r.url), link)).url
            parts = urlsplit(absolute)
            if parts.netloc == urlsplit(str(client.base_url)).netloc and parts.path not in seen:
                queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    assert not queue or len(seen) < PAGES_PER_VISITOR, f"more than {PAGES_PER_VISITOR} pages: {sorted(seen)[:50]}"
    return seen, failures


def _seeds(routes: list[str]) -> list[str]:
    return [path for path in routes if "{" not in path]


async def test_every_page_answers_every_visitor_without_a_server_error(
    served: tuple[Process, Council, list[str]],
) -> None:
    proc, council, routes = served
    seeds = _seeds(routes)
    assert "/" in seeds and "/sign-in" in seeds, routes
    visitors: list[tuple[str, str | None]] = [("signed out", None), ("child", "Ava")] + [(role, role) for role in ROLES]
    failures: list[str] = []
    reached: set[str] = set()
    for who, name in visitors:
        async with Client(base_url=proc.url, timeout=30) as client:
            if who == "child":
                await client.as_child(council.codes[str(name)])
            elif name is not None:
                await client.as_staff(council.staff[name])
            else:
                await client.prepare()
            seen, failed = await _crawl(client, seeds)
            failures += [f"{who}: {f}" for f in failed]
            reached |= set(seen)
    errors = [line for line in proc.log().splitlines() if '"level":"error"' in line]
    assert not failures, "server errors:\n" + "\n".join(failures) + "\n" + "\n".join(errors[:3])
    # A child's forms are reached by following links (the route takes an instrument id).
    assert any(path.startswith("/send/") for path in reached), sorted(reached)
