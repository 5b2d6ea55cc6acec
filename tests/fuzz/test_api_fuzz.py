"""Schemathesis over the OpenAPI schema, in process, signed in as a child and as staff: no 500s, no schema violations.

The app is built with heard.app.create_app and driven through schemathesis' ASGI transport, on the session's real
PostgreSQL and Redis. Every check schemathesis has is on. Each operation gets a few positive and a few negative
examples (bounded, derandomised), so the whole run stays well under two minutes.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import asyncpg
import hypothesis
import pyotp
import pytest
from hypothesis import HealthCheck, given
from support import PASSWORD, TOTP_SECRET, Council, make_council

import schemathesis
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.generation import GenerationMode
from schemathesis.python import asgi

EXAMPLES = 6
# Routes that end the fuzzer's own session (it would fuzz the rest signed out) or sign somebody in (their answers
# are covered in tests/platform/test_security.py, and repeated guesses are rightly rate-limited).
SKIP = {
    ("DELETE", "/api/session"),
    ("POST", "/api/session/everywhere"),
    ("POST", "/api/session/child"),
    ("POST", "/api/session/staff"),
    ("POST", "/api/session/totp"),
}
FUZZ_SETTINGS = hypothesis.settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(scope="module")
def app(database_url: str, redis_url: str) -> Iterator[Any]:
    from heard import settings
    from heard.app import create_app

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DATABASE_URL", database_url)
        mp.setenv("REDIS_URL", redis_url)
        for name in [k for k in os.environ if k.startswith("HEARD_")]:
            mp.delenv(name)
        mp.setenv("HEARD_SECRET_KEY", "f" * 48)
        mp.setenv("HEARD_SECURE_COOKIES", "false")
        settings.get.cache_clear()
        try:
            yield create_app()
        finally:
            asgi.shutdown_lifespans()
            settings.get.cache_clear()


@pytest.fixture
async def fuzz_council(db: asyncpg.Connection) -> Council:
    """A council with one more staff member who holds every role, so every staff operation is reachable."""
    council = await make_council(db)
    await db.execute(
        """insert into staff (council_id, email, name, roles, password_hash, totp_secret, totp_enabled_at)
           select council_id, 'everyone@' || $2, 'Every Role', $3, password_hash, totp_secret, totp_enabled_at
           from staff where council_id = $1 and 'admin' = any(roles)""",
        council.id,
        f"{council.slug}.example",
        [
            "worker", "iro", "duty_officer", "duty_manager", "head_of_service", "complaints_officer",
            "participation_officer", "cicc_member", "board_member", "admin",
        ],
    )  # fmt: skip
    council.staff["everyone"] = f"everyone@{council.slug}.example"
    return council


def _signed_in(app: Any, who: str, council: Council) -> tuple[asgi.ASGIClient, dict[str, str]]:
    """A client signed in through the real endpoints, and the CSRF header its forms and apps send."""
    client = asgi.get_client(app)
    client.__enter__()
    assert client.get("/").status_code == 200
    token = client.cookies["csrftoken"]
    headers = {"x-csrftoken": token}
    if who == "child":
        r = client.post("/api/session/child", json={"code": council.codes["Ava"]}, headers=headers)
        assert r.status_code == 201, r.text
    else:
        r = client.post("/api/session/staff", json={"email": council.staff[who], "password": PASSWORD}, headers=headers)
        assert r.status_code == 201, r.text
        r = client.post("/api/session/totp", json={"code": pyotp.TOTP(TOTP_SECRET).now()}, headers=headers)
        assert r.status_code == 200, r.text
    return client, headers


def _fuzz(operation: Any, client: asgi.ASGIClient, headers: dict[str, str], checks: list[Any]) -> list[str]:
    problems: list[str] = []
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

        @FUZZ_SETTINGS
        @given(case=operation.as_strategy(generation_mode=mode))
        def run(case: Any) -> None:
            response = case.call(session=client, headers=headers)
            case.validate_response(response, checks=checks, headers=headers)

        try:
            run()
        except hypothesis.errors.Unsatisfiable:  # no negative example exists for an operation without inputs
            continue
        except (Exception, BaseExceptionGroup) as exc:  # a failure report names the operation, the case and the check
            problems.append(f"{operation.method.upper()} {operation.path} ({mode}): {exc}")
    return problems


@pytest.mark.parametrize("who", ["child", "everyone"])
def test_the_api_survives_fuzzing_with_every_check(app: Any, fuzz_council: Council, who: str) -> None:
    load_all_checks()
    checks = [c for c in CHECKS.get_all() if c.__name__ not in os.environ.get("FUZZ_SKIP", "").split(",")]
    client, headers = _signed_in(app, "everyone" if who == "everyone" else "child", fuzz_council)
    staff_client, staff_headers = _signed_in(app, "everyone", fuzz_council) if who == "child" else (client, headers)
    schema_headers = {**staff_headers, "cookie": "; ".join(f"{k}={v}" for k, v in staff_client.cookies.items())}
    schema = schemathesis.openapi.from_asgi("/schema/openapi.json", app, headers=schema_headers)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 40, "the schema lost its operations"
    problems: list[str] = []
    tried = 0
    for operation in operations:
        if (operation.method.upper(), operation.path.rstrip("/") or "/") in SKIP:
            continue
        tried += 1
        problems += _fuzz(operation, client, headers, checks)
    client.__exit__()
    assert tried > 40
    assert problems == [], "\n\n".join(problems)
