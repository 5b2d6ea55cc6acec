"""An unexpected error: a person gets a plain-words page, an API client a JSON body, and the log says where it
happened but never what was sent."""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from litestar import get, post
from litestar.testing import AsyncTestClient

SECRET_WORDS = "my secret words for nobody"


@get("/api/boom-for-test", include_in_schema=False)
async def boom_api() -> None:
    raise RuntimeError(SECRET_WORDS)


@post("/boom-for-test", include_in_schema=False)
async def boom_page() -> None:
    raise KeyError(SECRET_WORDS)


@pytest_asyncio.fixture
async def client(database_url: str, redis_url: str) -> AsyncIterator[AsyncTestClient]:  # type: ignore[type-arg]
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
        app = create_app()
        app.register(boom_api)
        app.register(boom_page)
        async with AsyncTestClient(app) as test_client:
            yield test_client
        settings.get.cache_clear()


async def test_an_api_client_gets_json_and_the_log_names_the_route_not_the_words(
    client: AsyncTestClient,  # type: ignore[type-arg]
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.ERROR, logger="heard.web.errors"):
        r = await client.get("/api/boom-for-test")
    assert r.status_code == 500
    assert r.json()["detail"].startswith("Something went wrong on our side")
    assert SECRET_WORDS not in r.text
    logged = [rec for rec in caplog.records if rec.name == "heard.web.errors"]
    assert logged and "RuntimeError on GET /api/boom-for-test" in logged[0].getMessage()
    assert "boom_api" in logged[0].stack  # type: ignore[attr-defined]
    assert all(SECRET_WORDS not in rec.getMessage() + str(vars(rec)) for rec in caplog.records)


async def test_a_person_gets_a_page_in_plain_words(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    await client.get("/sign-in")
    token = client.cookies.get("csrftoken")
    r = await client.post(
        "/boom-for-test", data={"_csrf_token": token or ""}, headers={"accept": "text/html", "x-csrftoken": token or ""}
    )
    assert r.status_code == 500
    assert r.headers["content-type"].startswith("text/html")
    assert "<h1>Something went wrong</h1>" in r.text
    assert "Go back and try again" in r.text
    assert SECRET_WORDS not in r.text
