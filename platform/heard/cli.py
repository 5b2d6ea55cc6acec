"""The `heard` command: serve, worker, migrate, demo, council, nlp, report."""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from heard import settings
from heard.errors import ConfigurationError

if TYPE_CHECKING:
    from arq.connections import ArqRedis
    from asyncpg import Pool

    from heard.embedded import Embedded
    from heard.inbox.schemas import TrainingItem
    from nlp import Analyser


def use_servers() -> Embedded:
    """Point DATABASE_URL and REDIS_URL at embedded servers when the environment names none; the caller stops
    what the returned object started."""
    from heard import embedded

    data_dir = Path(os.environ.get("HEARD_DATA_DIR", ".heard"))
    servers = embedded.Embedded(data_dir)
    for name, url in servers.ensure().items():
        os.environ[name] = url
        print(f"Using embedded {'PostgreSQL' if name == 'DATABASE_URL' else 'Redis'} in {data_dir}/", file=sys.stderr)
    settings.get.cache_clear()
    return servers


def cmd_migrate(_: argparse.Namespace) -> int:
    from heard import db
    from heard.db.migrate import migrate

    async def run() -> list[str]:
        conn = await db.connect(settings.get().db.url)
        try:
            return await migrate(conn)
        finally:
            await conn.close()

    applied = asyncio.run(run())
    print("Applied: " + ", ".join(applied) if applied else "Database is up to date.")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    proxies = settings.get().app.proxies  # fail now, with the variable's name, rather than inside a worker
    uvicorn.run(
        "heard.app:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        # Only a named load balancer's X-Forwarded-For is believed (uvicorn's own default believes this machine).
        proxy_headers=bool(proxies),
        forwarded_allow_ips=proxies or None,
        log_config=None,
        access_log=False,
    )
    return 0


def cmd_worker(args: argparse.Namespace) -> int:
    from heard import worker

    worker.run(burst=args.burst)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from heard import demo

    cmd_migrate(args)
    ensure_model()
    print(asyncio.run(demo.seed(settings.get().db.url, settings.get().safeguarding)))
    if args.no_serve:
        return 0
    worker = subprocess.Popen([sys.executable, "-m", "heard", "worker"])
    try:
        args.workers = 1
        return cmd_serve(args)
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:  # a job that will not end must not outlive the demo or its servers
            worker.kill()
            worker.wait()


def model_dir() -> Path:
    """Where the theming model is: HEARD_MODEL_DIR, else the package's own nlp/model."""
    from nlp._paths import DEFAULT_MODEL_DIR

    return Path(os.environ.get("HEARD_MODEL_DIR") or DEFAULT_MODEL_DIR)


def cmd_council_create(args: argparse.Namespace) -> int:
    """`heard council create`: the council and its first admin, and the one-time link that admin opens."""
    from heard import db
    from heard.council import services
    from heard.errors import Conflict, Invalid

    config = settings.get()

    async def run() -> str:
        conn = await db.connect(config.db.url)
        try:
            link = await services.create_council(
                conn,
                config.safeguarding,
                config.app.base_url,
                slug=args.slug,
                name=args.name,
                admin_email=args.admin_email,
                admin_name=args.admin_name,
            )
        finally:
            await conn.close()
        return (
            f"Created {args.name.strip()} ({args.slug.strip()}) and its first administrator, "
            f"{args.admin_email.strip().lower()}.\n"
            f"Send them this link; it works once, until {link.expires_at:%Y-%m-%d %H:%M} UTC, to set a password "
            f"and an authenticator app:\n{link.url}"
        )

    try:
        print(asyncio.run(run()))
    except (Conflict, Invalid) as exc:
        print(f"heard council create: {exc.message}", file=sys.stderr)
        return 1
    return 0


def ensure_model() -> None:
    """Train the theming model when none is built yet (a fresh clone or install)."""
    import nlp.cli

    out = model_dir()
    if not (out / "meta.json").exists():
        print(f"Training the theming model into {out} (first run only)...", file=sys.stderr)
        nlp.cli.main(["train", "--out", str(out)])


def cmd_nlp(args: argparse.Namespace) -> int:
    """`heard nlp ...`: nlp's own commands, with two that need the database: `train --with-corrections` and
    `reanalyse`."""
    import nlp.cli

    rest = with_model_dir(list(args.rest))
    if rest[:1] == ["reanalyse"]:
        return reanalyse(rest[1:])
    if rest[:1] == ["train"] and "--with-corrections" in rest:
        return train_with_corrections([a for a in rest if a != "--with-corrections"])
    return int(nlp.cli.main(rest))


def with_model_dir(rest: list[str]) -> list[str]:
    """HEARD_MODEL_DIR is where `heard nlp train` writes and `predict`/`evaluate` read, unless told otherwise."""
    if not os.environ.get("HEARD_MODEL_DIR") or "-h" in rest or "--help" in rest:
        return rest
    option = {"train": "--out", "predict": "--model", "evaluate": "--model"}.get(rest[0] if rest else "")
    if option is None or any(a == option or a.startswith(option + "=") for a in rest):
        return rest
    return [rest[0], option, str(model_dir()), *rest[1:]]


def train_with_corrections(train_args: list[str]) -> int:
    """Train on the corpus plus every staff correction in the database (written to a JSON Lines file for
    `--extra`, in the corpus's format, and removed afterwards)."""
    import msgspec

    import nlp.cli
    from heard import db
    from heard.inbox import services

    servers = use_servers()

    async def export() -> tuple[list[TrainingItem], int]:
        conn = await db.connect(settings.get().db.url)
        try:
            return await services.training_items(conn)
        finally:
            await conn.close()

    try:
        items, left_out = asyncio.run(export())
    finally:
        servers.stop()
    gone = f" ({left_out} left out: the words are no longer kept, or the worry has no kind)" if left_out else ""
    print(f"Including {len(items)} staff correction{'' if len(items) == 1 else 's'}{gone}.", flush=True)
    with tempfile.TemporaryDirectory(prefix="heard-corrections-") as folder:
        path = Path(folder) / "corrections.jsonl"
        path.write_bytes(b"".join(msgspec.json.encode(item) + b"\n" for item in items))
        return int(nlp.cli.main([*train_args, "--extra", str(path)]))


def reanalyse(argv: list[str]) -> int:
    """`heard nlp reanalyse`: read stored submissions again with the current model, in batches."""
    p = argparse.ArgumentParser(
        prog="heard nlp reanalyse",
        description="Analyse stored submissions again with the current model: those it has not analysed yet, "
        "so a run that was stopped carries on where it left off. Alerts are raised, never lowered.",
    )
    p.add_argument("--all", action="store_true", help="every submission with words, whichever model read it")
    p.add_argument("--council", metavar="SLUG", help="one council's submissions only (default: every council's)")
    p.add_argument("--model", type=Path, default=None, help="model directory (default: HEARD_MODEL_DIR or nlp/model)")
    p.add_argument("--batch-size", type=int, default=200, help="submissions analysed and stored together")
    args = p.parse_args(argv)
    servers = use_servers()
    try:
        return _reanalyse(args)
    finally:
        servers.stop()


def _reanalyse(args: argparse.Namespace) -> int:
    import nlp

    config = settings.get()
    council_id = asyncio.run(_council_id(config, args.council)) if args.council else None
    try:
        analyser = nlp.Analyser.load(args.model or (Path(config.app.model_dir) if config.app.model_dir else None))
    except nlp.ModelNotFound as exc:
        print(f"heard nlp reanalyse: error: {exc}", file=sys.stderr)
        return 1
    run = Reanalysis(analyser=analyser, force=args.all, batch=max(1, args.batch_size), council_id=council_id)
    seen, analysed, notices = asyncio.run(run.go(config))
    print(
        f"Reanalysed {analysed} submission{'' if analysed == 1 else 's'} with model {analyser.version}"
        f" ({seen - analysed} with no words to read); {notices} alert notification{'' if notices == 1 else 's'} queued."
    )
    return 0


async def _council_id(config: settings.Settings, slug: str) -> int:
    from heard import db
    from heard.council import queries

    conn = await db.connect(config.db.url)
    try:
        found = await queries.council_by_slug(conn, slug)
    finally:
        await conn.close()
    if found is None:
        raise ConfigurationError(f"there is no council with the slug {slug!r}")
    return found[0]


@dataclass(frozen=True)
class Reanalysis:
    """One `heard nlp reanalyse` run: what to read again, with which model, how many at a time."""

    analyser: Analyser
    force: bool
    batch: int
    council_id: int | None = None

    async def go(self, config: settings.Settings) -> tuple[int, int, int]:
        """(submissions looked at, analysed, alert notifications queued), with a progress bar on stderr."""
        from heard import db, queue

        pool = await db.create_pool(config.db)
        redis = queue.connect_redis(config.redis.url)
        try:
            return await self._batches(pool, redis, config)
        finally:
            await redis.aclose()
            await pool.close()

    async def _batches(self, pool: Pool, redis: ArqRedis, config: settings.Settings) -> tuple[int, int, int]:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        from heard import db, queue
        from heard.submissions import jobs

        version = None if self.force else self.analyser.version
        async with db.acquire(pool) as conn:
            total = await jobs.count_stale(conn, version, self.council_id)
        seen = analysed = notices = 0
        columns = (TextColumn("Reanalysing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
        with Progress(*columns, console=Console(stderr=True)) as progress:
            task = progress.add_task("reanalyse", total=total)
            after: int | None = 0
            while after is not None:
                async with db.acquire(pool) as conn:
                    done = await jobs.reanalyse_batch(
                        conn,
                        config.safeguarding,
                        self.analyser,
                        after=after,
                        limit=self.batch,
                        version=version,
                        council_id=self.council_id,
                    )
                await queue.dispatch(pool, redis, done.work)  # the worker's relay sends them if Redis is down
                seen, analysed, notices = seen + done.seen, analysed + done.analysed, notices + len(done.work)
                progress.advance(task, done.seen)
                after = done.last_id
        return seen, analysed, notices


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="heard", description="Heard: the voice of the child platform.")
    sub = p.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="serve the web app")
    for sp in (serve, demo := sub.add_parser("demo", help="migrate, load a demo council, serve web and worker")):
        sp.add_argument("--host", default=os.environ.get("HEARD_HOST", "127.0.0.1"))
        sp.add_argument("--port", type=int, default=int(os.environ.get("HEARD_PORT", "8000")))
        sp.add_argument("--workers", type=int, default=1)
    serve.set_defaults(func=cmd_serve, servers=True)
    demo.add_argument("--no-serve", action="store_true", help="load the demo data and stop")
    demo.set_defaults(func=cmd_demo, servers=True)
    worker = sub.add_parser("worker", help="run the background worker")
    worker.add_argument("--burst", action="store_true", help="stop when the queue is empty")
    worker.set_defaults(func=cmd_worker, servers=True)
    sub.add_parser("migrate", help="apply database migrations").set_defaults(func=cmd_migrate, servers=True)
    council = sub.add_parser("council", help="set up a council").add_subparsers(dest="council_command", required=True)
    create = council.add_parser("create", help="create a council and its first admin; prints a one-time link")
    create.add_argument("--slug", required=True, help="short name in lower case, e.g. north-shire")
    create.add_argument("--name", required=True, help="the council's name, e.g. 'North Shire Council'")
    create.add_argument("--admin-email", required=True, help="the first administrator's email address")
    create.add_argument("--admin-name", default="", help="the first administrator's name (default: from the email)")
    create.set_defaults(func=cmd_council_create, servers=True)
    nlp_cmd = sub.add_parser(
        "nlp", help="train [--with-corrections], predict, evaluate, topics, reanalyse", add_help=False
    )
    nlp_cmd.add_argument("rest", nargs=argparse.REMAINDER)
    nlp_cmd.set_defaults(func=cmd_nlp, servers=False)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    # SIGTERM (docker stop, systemd, a test) unwinds like Ctrl-C, so the embedded servers are stopped below.
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    servers = None
    try:
        if args.servers:
            if args.command == "demo":
                os.environ.setdefault("HEARD_DEMO", "1")
            servers = use_servers()
            settings.get()
        return int(args.func(args))
    except ConfigurationError as exc:
        print(f"heard: {exc}", file=sys.stderr)
        return 2
    finally:
        if servers is not None:
            servers.stop()


def _exit_on_sigterm(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


if __name__ == "__main__":
    sys.exit(main())
