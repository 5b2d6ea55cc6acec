"""Schemathesis over the OpenAPI schema, in process, as a child, as each staff role and signed out: no 500s, no schema
violations.

The app is built with heard.app.create_app and driven through schemathesis' ASGI transport, on the session's real
PostgreSQL and Redis. Every check schemathesis has is on, with nothing relaxed: every error an operation can answer
with is declared in the schema with its body (heard.web.errors.ErrorBody), and input objects say `additionalProperties:
false` because the app refuses unknown fields. Each operation gets a few positive and a few negative examples
(bounded and derandomised). Anything a check finds fails the test with schemathesis' report and a curl line to
reproduce it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import asyncpg
import hypothesis
import pyotp
import pytest
import schemathesis
from hypothesis import HealthCheck, given
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import FailureGroup
from schemathesis.generation import GenerationMode
from schemathesis.python import asgi
from support import PASSWORD, ROLES, TOTP_SECRET, Council, make_council

EXAMPLES = 5
EXAMPLES_PER_ROLE = 2  # each single role mostly meets 401/403; the all-roles account and the child go deep
# Routes that end the fuzzer's own session (it would fuzz the rest signed out) or sign somebody in (their answers
# are covered in tests/platform/test_security.py, and repeated guesses are rightly rate-limited).
SKIP = {
    ("DELETE", "/api/session"),
    ("POST", "/api/session/everywhere"),
    ("POST", "/api/session/child"),
    ("POST", "/api/session/staff"),
    ("POST", "/api/session/totp"),
}
# Schema-valid data may still break a rule the schema cannot say (a date in the future, an id that is not there).
ACCEPTABLE_ANSWERS_TO_VALID_DATA = ["2xx", "401", "403", "404", "409", "422"]
STAFF = [*ROLES, "everyone"]  # one account per role, and one holding every role


def fuzz_settings(examples: int) -> hypothesis.settings:
    return hypothesis.settings(
        max_examples=examples,
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
        for name in [k for k in os.environ if k.startswith("HEARD_")]:
            mp.delenv(name)
        mp.setenv("DATABASE_URL", database_url)
        mp.setenv("REDIS_URL", redis_url)
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
    email = f"everyone@{council.slug}.example"
    await db.execute(
        """insert into staff (council_id, email, name, roles, password_hash, totp_secret, totp_enabled_at)
           select council_id, $2, 'Every Role', $3, password_hash, totp_secret, totp_enabled_at
           from staff where council_id = $1 and 'admin' = any(roles)""",
        council.id,
        email,
        ROLES,
    )
    council.staff["everyone"] = email
    return council


def _signed_in(app: Any, who: str, council: Council) -> tuple[asgi.ASGIClient, dict[str, str]]:
    """A client signed in through the real endpoints (or not, for "anonymous"), and the CSRF header our apps send."""
    client = asgi.get_client(app).__enter__()
    assert client.get("/").status_code == 200
    headers = {"x-csrftoken": client.cookies["csrftoken"]}
    if who == "child":
        r = client.post("/api/session/child", json={"code": council.codes["Ava"]}, headers=headers)
        assert r.status_code == 201, r.text
    elif who != "anonymous":
        r = client.post("/api/session/staff", json={"email": council.staff[who], "password": PASSWORD}, headers=headers)
        assert r.status_code == 201, r.text
        if who in {"admin", "everyone"}:  # the accounts with an authenticator app
            r = client.post("/api/session/totp", json={"code": pyotp.TOTP(TOTP_SECRET).now()}, headers=headers)
            assert r.status_code == 200, r.text
    return client, headers


def _fuzz(operation: Any, client: asgi.ASGIClient, headers: dict[str, str], examples: int) -> list[str]:
    load_all_checks()
    checks = list(CHECKS.get_all())
    problems: list[str] = []
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

        @fuzz_settings(examples)
        @given(case=operation.as_strategy(generation_mode=mode))
        def run(case: Any) -> None:
            response = case.call(session=client, headers=headers)
            try:
                case.validate_response(response, checks=checks, headers=headers)
            except FailureGroup as group:
                report = "; ".join(f"{f.title}: {f.message}"[:300] for f in group.exceptions)
                raise AssertionError(
                    f"{report}\n{case.as_curl_command()[:600]} -> {response.status_code} {response.text[:300]}"
                ) from None

        try:
            run()
        except hypothesis.errors.Unsatisfiable:  # no negative example exists for an operation without inputs
            continue
        except (Exception, BaseExceptionGroup) as exc:  # schemathesis' report names the check and the case
            problems.append(f"{operation.method.upper()} {operation.path} ({mode}): {exc}")
    return problems


@pytest.mark.parametrize("who", ["child", "anonymous", *STAFF])
def test_the_api_survives_fuzzing_with_every_check(app: Any, fuzz_council: Council, who: str) -> None:
    client, headers = _signed_in(app, who, fuzz_council)
    reader, reader_headers = (client, headers) if who == "everyone" else _signed_in(app, "everyone", fuzz_council)
    cookie = "; ".join(f"{k}={v}" for k, v in reader.cookies.items())
    config = SchemathesisConfig.from_dict(
        {"checks": {"positive_data_acceptance": {"expected-statuses": ACCEPTABLE_ANSWERS_TO_VALID_DATA}}}
    )
    schema = schemathesis.openapi.from_asgi(
        "/schema/openapi.json", app, config=config, headers={**reader_headers, "cookie": cookie}
    )
    operations = [result.ok() for result in schema.get_all_operations()]
    to_fuzz = [op for op in operations if (op.method.upper(), op.path.rstrip("/") or "/") not in SKIP]
    assert len(to_fuzz) > 60, f"the schema has only {len(to_fuzz)} operations to fuzz"
    examples = EXAMPLES if who in {"child", "everyone"} else EXAMPLES_PER_ROLE
    problems = [problem for op in to_fuzz for problem in _fuzz(op, client, headers, examples)]
    for used in {id(client): client, id(reader): reader}.values():
        used.__exit__()
    assert problems == [], "\n\n".join(problems)
