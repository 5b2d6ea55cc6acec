"""The `heard` command: serve, worker, migrate, demo, nlp, report."""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
from pathlib import Path

from heard import settings
from heard.errors import ConfigurationError


def use_servers() -> None:
    """Point DATABASE_URL and REDIS_URL at embedded servers when the environment names none."""
    from heard import embedded

    data_dir = Path(os.environ.get("HEARD_DATA_DIR", ".heard"))
    for name, url in embedded.ensure_servers(data_dir).items():
        os.environ[name] = url
        print(f"Using embedded {'PostgreSQL' if name == 'DATABASE_URL' else 'Redis'} in {data_dir}/", file=sys.stderr)
    settings.get.cache_clear()


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

    settings.get()  # fail now, with the variable's name, rather than inside a worker process
    uvicorn.run(
        "heard.app:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        proxy_headers=True,
        log_config=None,
        access_log=False,
    )
    return 0


def cmd_worker(args: argparse.Namespace) -> int:
    from arq.worker import run_worker

    from heard import queue
    from heard.worker import WorkerSettings

    run_worker(WorkerSettings, redis_settings=queue.redis_settings(settings.get().redis.url), burst=args.burst)  # type: ignore[arg-type]
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
        worker.wait(timeout=10)


def ensure_model() -> None:
    """Train the theming model when none is built yet (a fresh clone)."""
    import nlp.cli

    if not (Path(nlp.__file__).parent / "model" / "meta.json").exists():
        print("Training the theming model (first run only)...", file=sys.stderr)
        nlp.cli.main(["train"])


def cmd_nlp(args: argparse.Namespace) -> int:
    import nlp.cli

    return int(nlp.cli.main(args.rest))


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
    nlp_cmd = sub.add_parser("nlp", help="train, predict, evaluate, topics", add_help=False)
    nlp_cmd.add_argument("rest", nargs=argparse.REMAINDER)
    nlp_cmd.set_defaults(func=cmd_nlp, servers=False)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        if args.servers:
            if args.command == "demo":
                os.environ.setdefault("HEARD_DEMO", "1")
            use_servers()
            settings.get()
        return int(args.func(args))
    except ConfigurationError as exc:
        print(f"heard: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
