"""Settings come from the environment; a bad one is named; secrets have no usable default outside demo."""

from __future__ import annotations

import pytest

from heard import settings
from heard.errors import ConfigurationError

BASE = {"DATABASE_URL": "postgresql://x/y", "REDIS_URL": "redis://x", "HEARD_SECRET_KEY": "k" * 40}


def test_settings_load_from_the_environment() -> None:
    loaded = settings.load({**BASE, "HEARD_SESSION_IDLE_MINUTES": "20", "HEARD_DB_POOL_MAX": "7"})
    assert loaded.app.session_idle_minutes == 20
    assert loaded.db.pool_max == 7
    assert loaded.app.secure_cookies is True


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("HEARD_DB_POOL_MAX", "lots", "HEARD_DB_POOL_MAX is not valid: Expected `int`"),
        ("HEARD_SESSION_IDLE_MINUTES", "0", "HEARD_SESSION_IDLE_MINUTES is not valid: Expected `int` >= 1"),
        ("HEARD_SECURE_COOKIES", "perhaps", "HEARD_SECURE_COOKIES is not valid: Expected `bool`"),
        ("HEARD_SECRET_KEY", "short", "HEARD_SECRET_KEY is not valid: Expected `str` of length >= 32"),
    ],
)
def test_a_malformed_variable_is_named(variable: str, value: str, message: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        settings.load({**BASE, variable: value})
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize("missing", ["DATABASE_URL", "REDIS_URL", "HEARD_SECRET_KEY"])
def test_a_missing_variable_is_named(missing: str) -> None:
    env = {k: v for k, v in BASE.items() if k != missing}
    with pytest.raises(ConfigurationError, match=f"^{missing} is not set$"):
        settings.load(env)


def test_only_demo_mode_runs_without_a_secret() -> None:
    demo = settings.load({"DATABASE_URL": "postgresql://x/y", "REDIS_URL": "redis://x", "HEARD_DEMO": "true"})
    assert demo.app.demo and demo.app.secret_key == settings.DEMO_SECRET
    assert demo.app.secure_cookies is False
