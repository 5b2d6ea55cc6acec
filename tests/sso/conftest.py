"""A loopback OpenID Connect provider, and a Heard web process configured to sign staff in with it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from oidc_provider import CLIENT_ID, CLIENT_SECRET, Provider, start
from support import Process, _spawn, free_port, wait_until


@pytest.fixture(scope="session")
def provider() -> Iterator[Provider]:
    found = start(free_port())
    yield found
    assert found.server is not None
    found.server.shutdown()
    found.server.server_close()


@pytest.fixture(scope="session")
def sso_web(env: dict[str, str], logs_dir: Path, provider: Provider) -> Iterator[Process]:
    """`heard serve` with HEARD_OIDC_* pointing at the loopback provider."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    sso_env = {
        **env,
        "HEARD_OIDC_ISSUER": provider.url,
        "HEARD_OIDC_CLIENT_ID": CLIENT_ID,
        "HEARD_OIDC_CLIENT_SECRET": CLIENT_SECRET,
        "HEARD_OIDC_REDIRECT_URL": f"{url}/staff/sso/callback",
    }
    log_path = logs_dir / f"sso-web-{port}.log"
    proc = Process(_spawn(["serve", "--port", str(port), "--workers", "1"], sso_env, log_path), log_path, url)

    def up() -> bool:
        if proc.popen.poll() is not None:
            raise AssertionError(f"web server exited:\n{proc.log()}")
        try:
            return httpx.get(f"{url}/health/live", timeout=1).status_code == 200
        except httpx.HTTPError:
            return False

    wait_until(up, timeout=60, what="the single sign-on web server")
    yield proc
    proc.stop()
