"""Test support: real servers, real processes, real HTTP; no mocks of our own database, queue or web layer."""

from __future__ import annotations

import asyncio
import contextlib
import email
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import msgspec
import pyotp
from aiosmtpd.controller import Controller

from heard import db as heard_db
from heard import embedded, settings
from heard.accounts import secrets as heard_secrets
from heard.db import connect
from heard.db.migrate import migrate
from heard.demo import SHOWN_CODES, demo_code

_DEMO_LOOKUPS = frozenset(demo_code(i)[:4] for i in SHOWN_CODES)

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PASSWORD = "correct horse battery staple"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
_PASSWORD_HASH = heard_secrets.hash_secret(PASSWORD)


async def free_access_code(conn: asyncpg.Connection) -> tuple[str, str]:
    """A new access code and its lookup part, the lookup not yet held by any child.

    The lookup part is short and tests make thousands of children, so a fresh code can collide with one already
    given out; the demo council, seeded into the same database by its tests, prints fixed codes, so their lookups
    are never handed out here either.
    """
    code, lookup = heard_secrets.new_access_code()
    while lookup in _DEMO_LOOKUPS or await conn.fetchval(
        "select exists(select 1 from children where access_code_lookup = $1)", lookup
    ):
        code, lookup = heard_secrets.new_access_code()
    return code, lookup


def with_database(url: str, name: str) -> str:
    """The same server URL with another database name (works for host and unix-socket URLs)."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until(predicate, timeout: float = 20.0, interval: float = 0.1, what: str = "condition") -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(interval)


async def wait_for(coro_fn, timeout: float = 30.0, interval: float = 0.2, what: str = "condition"):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while True:
        value = await coro_fn()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what} (last value {value!r})")
        await asyncio.sleep(interval)


def heard_env(database_url: str, redis_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HEARD_", "PYTEST"))}
    env.update(
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        HEARD_SECRET_KEY=secrets.token_hex(32),
        HEARD_SECURE_COOKIES="false",
        HEARD_LOG_LEVEL="INFO",
        PYTHONUNBUFFERED="1",
        OMP_NUM_THREADS="1",
        OPENBLAS_NUM_THREADS="1",
    )
    env.update(extra)
    return env


@dataclass
class Process:
    """A child process of ours (web or worker) whose output we keep for assertions."""

    popen: subprocess.Popen[bytes]
    log_path: Path
    url: str = ""

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def kill(self) -> None:
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGKILL)
            self.popen.wait(10)

    def stop(self) -> None:
        if self.popen.poll() is None:
            self.popen.terminate()
            try:
                self.popen.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()


def _spawn(args: list[str], env: dict[str, str], log_path: Path) -> subprocess.Popen[bytes]:
    with log_path.open("ab") as handle:  # the child keeps its own copy of the descriptor
        return subprocess.Popen([sys.executable, "-m", "heard", *args], env=env, cwd=ROOT, stdout=handle, stderr=handle)


def start_web(env: dict[str, str], log_dir: Path, workers: int = 1) -> Process:
    port = free_port()
    log_path = log_dir / f"web-{port}.log"
    args = ["serve", "--port", str(port), "--workers", str(workers)]
    proc = Process(_spawn(args, env, log_path), log_path, f"http://127.0.0.1:{port}")

    def up() -> bool:
        if proc.popen.poll() is not None:
            raise AssertionError(f"web server exited:\n{proc.log()}")
        try:
            return httpx.get(f"{proc.url}/health/live", timeout=1).status_code == 200
        except httpx.HTTPError:
            return False

    wait_until(up, timeout=60, what="the web server")
    return proc


def start_worker(env: dict[str, str], log_dir: Path, name: str = "worker") -> Process:
    log_path = log_dir / f"{name}-{time.monotonic_ns()}.log"
    return Process(_spawn(["worker"], env, log_path), log_path)


@dataclass
class Council:
    """A council made for one test: one staff member per role, two workers, children allocated to them."""

    id: int
    slug: str
    staff: dict[str, str] = field(default_factory=dict)  # role or name -> email
    staff_ids: dict[str, int] = field(default_factory=dict)
    children: dict[str, int] = field(default_factory=dict)  # name -> id
    codes: dict[str, str] = field(default_factory=dict)  # name -> access code


ROLES = [
    "worker",
    "iro",
    "duty_officer",
    "duty_manager",
    "head_of_service",
    "complaints_officer",
    "participation_officer",
    "cicc_member",
    "board_member",
    "admin",
]


async def make_council(conn: asyncpg.Connection) -> Council:
    """Worker A has Ava and Ben; worker B has Cai; the IRO chairs Ava's reviews; Dee is nobody's."""
    slug = f"t-{secrets.token_hex(5)}"
    council = Council(
        id=await conn.fetchval(
            "insert into councils (slug, name) values ($1, $2) returning id", slug, f"Test council {slug}"
        ),
        slug=slug,
    )
    people = [(role, [role]) for role in ROLES] + [("worker_b", ["worker"])]
    for name, roles in people:
        email = f"{name}@{slug}.example"
        council.staff[name] = email
        council.staff_ids[name] = await conn.fetchval(
            """insert into staff (council_id, email, name, roles, password_hash, totp_secret, totp_enabled_at)
               values ($1, $2, $3, $4, $5, $6, $7) returning id""",
            council.id,
            email,
            name.replace("_", " ").title(),
            roles,
            _PASSWORD_HASH,
            TOTP_SECRET if "admin" in roles else None,
            _now() if "admin" in roles else None,
        )
    for name, status in [
        ("Ava", "child_in_care"),
        ("Ben", "child_in_care"),
        ("Cai", "care_leaver"),
        ("Dee", "child_in_care"),
    ]:
        code, lookup = await free_access_code(conn)
        council.codes[name] = code
        council.children[name] = await conn.fetchval(
            """insert into children (council_id, reference, known_as, birth_month, legal_status, placement_type,
                   access_code_lookup, access_code_hash)
               values ($1, $2, $3, '2012-05-01', $4, 'foster', $5, $6) returning id""",
            council.id,
            f"{slug}-{name}",
            name,
            status,
            lookup,
            heard_secrets.hash_secret(code),
        )
    for child, staff, relation in [
        ("Ava", "worker", "worker"),
        ("Ben", "worker", "worker"),
        ("Cai", "worker_b", "worker"),
        ("Ava", "iro", "iro"),
    ]:
        await conn.execute(
            "insert into allocations (council_id, child_id, staff_id, relation, starts_on) values ($1,$2,$3,$4,'2020-01-01')",
            council.id,
            council.children[child],
            council.staff_ids[staff],
            relation,
        )
    return council


def _now():  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    return datetime.now(UTC)


_TOTP_STEPS: dict[str, int] = {}


def fresh_totp(email: str) -> str:
    """A TOTP code this account has not used: a code works once (a later step than the last accepted), so a test
    signing the same admin in again takes the next step, accepted for clock drift, or waits for one."""
    totp = pyotp.TOTP(TOTP_SECRET)
    step = max(int(time.time()) // totp.interval, _TOTP_STEPS.get(email, -1) + 1)
    while step > int(time.time()) // totp.interval + 1:
        time.sleep(0.5)
    _TOTP_STEPS[email] = step
    return totp.generate_otp(step)


async def sign_in_admin(page, council: Council) -> None:  # type: ignore[no-untyped-def]
    """Sign the council's admin in through the pages, authenticator step included, with a code not yet spent."""
    email = council.staff["admin"]
    await page.goto("/staff/sign-in")
    await page.fill("#email", email)
    await page.fill("#password", PASSWORD)
    await page.click("button[type=submit]")
    await page.wait_for_url("**/staff/totp")
    await page.fill("#code", fresh_totp(email))
    await page.click("button[type=submit]")
    await page.wait_for_url("**/home")


class Client(httpx.AsyncClient):
    """An HTTP client that carries the CSRF token the way our pages and apps do."""

    _email = ""

    async def prepare(self) -> Client:
        await self.get("/")
        token = self.cookies.get("csrftoken")
        assert token, "no CSRF cookie was set"
        self.headers["x-csrftoken"] = token
        return self

    async def as_child(self, code: str) -> Client:
        await self.prepare()
        r = await self.post("/api/session/child", json={"code": code})
        assert r.status_code == 201, r.text
        return self

    async def as_staff(self, email: str) -> Client:
        await self.prepare()
        r = await self.post("/api/session/staff", json={"email": email, "password": PASSWORD})
        assert r.status_code == 201, r.text
        if email.startswith("admin@"):
            self._email = email
            await self.pass_totp()
        return self

    async def pass_totp(self) -> None:
        r = await self.post("/api/session/totp", json={"code": fresh_totp(self._email)})
        assert r.status_code == 200, r.text


async def drop_database(admin_url: str, name: str) -> None:
    conn = await connect(admin_url)
    try:
        await conn.execute(f'drop database if exists "{name}" with (force)')
    finally:
        await conn.close()


async def axe_violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    """WCAG 2.2 AA problems axe-core finds on the page as it is now, as readable lines."""
    from axe_playwright_python.async_playwright import Axe

    results = await Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [
        f"{v['id']}: {v['help']} ({', '.join(str(n['target']) for n in v['nodes'][:3])})"
        for v in results.response["violations"]
    ]


class OwnRedis:
    """A redis-server this test starts and stops at will."""

    def __init__(self, folder: Path) -> None:
        self.folder, self.port = folder, free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        embedded.start_redis(self.folder, self.port, appendonly=True)

    def stop(self) -> None:
        pid = (self.folder / "redis.pid").read_text().strip()
        subprocess.run(["kill", "-9", pid], check=True)
        while embedded._port_open(self.port):
            time.sleep(0.05)


class Sink:
    """An SMTP server on loopback that keeps every message it is given."""

    def __init__(self) -> None:
        self.received: list[email.message.Message] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.received.append(email.message_from_bytes(envelope.content))
        return "250 Message accepted"


class Notify:
    """GOV.UK Notify's /v2/notifications/{email,sms} (and any webhook path, such as Teams'), recording each
    request's path and body in `received` and its headers in `headers`; `fail_next` answers that many with a 500."""

    def __init__(self) -> None:
        self.received: list[tuple[str, dict[str, Any]]] = []
        self.headers: list[dict[str, str]] = []
        self.fail_next = 0
        notify = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["content-length"])))
                if notify.fail_next:
                    notify.fail_next -= 1
                    self._answer(500, {"errors": [{"error": "Exception", "message": "Internal server error"}]})
                    return
                notify.received.append((self.path, body))
                notify.headers.append(dict(self.headers))
                self._answer(201 if self.path.startswith("/v2/") else 200, {"id": str(uuid.uuid4())})

            def _answer(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"

    def paths(self) -> list[str]:
        return [path for path, _ in self.received]


NOTIFY_API_KEY = f"t-{uuid.uuid4()}-{uuid.uuid4()}"
"""A key in Notify's shape (name, service id, secret); the stand-in accepts any."""


@contextlib.contextmanager
def smtp_sink() -> Iterator[tuple[Sink, int]]:
    """A running `Sink` and its port, stopped afterwards."""
    handler, port = Sink(), free_port()
    smtp = Controller(handler, hostname="127.0.0.1", port=port)
    smtp.start()
    try:
        yield handler, port
    finally:
        smtp.stop()


@contextlib.contextmanager
def notify_stand_in() -> Iterator[Notify]:
    """A running `Notify`, shut down afterwards."""
    found = Notify()
    thread = threading.Thread(target=found.server.serve_forever, daemon=True)
    thread.start()
    try:
        yield found
    finally:
        found.server.shutdown()
        found.server.server_close()


@contextlib.asynccontextmanager
async def mail_database(
    postgres_url: str, redis_url: str, smtp_port: int, notify_url: str
) -> AsyncIterator[tuple[asyncpg.Pool, settings.Settings]]:
    """A database of the test's own (so no running worker relays its outbox rows meanwhile), and settings that send
    mail to the SMTP sink on `smtp_port` and Notify's calls to the stand-in at `notify_url`."""
    name = f"heard_mail_{secrets.token_hex(4)}"
    admin = await heard_db.connect(postgres_url)
    await admin.execute(f'create database "{name}"')
    await admin.close()
    url = with_database(postgres_url, name)
    conn = await heard_db.connect(url)
    await migrate(conn)
    await conn.close()
    env = heard_env(url, redis_url, HEARD_SMTP_URL=f"smtp://127.0.0.1:{smtp_port}", HEARD_NOTIFY_API_KEY=NOTIFY_API_KEY)
    config = settings.load(env)
    config = msgspec.structs.replace(
        config, safeguarding=msgspec.structs.replace(config.safeguarding, notify_base_url=notify_url)
    )
    pool = await heard_db.create_pool(config.db)
    try:
        yield pool, config
    finally:
        await pool.close()
        await drop_database(postgres_url, name)
