"""Settings from the environment, one frozen Struct per concern."""

from __future__ import annotations

import functools
import ipaddress
import os
from collections.abc import Mapping
from typing import Annotated

import msgspec

from heard.errors import ConfigurationError

Minutes = Annotated[int, msgspec.Meta(ge=1, le=24 * 60)]


class DatabaseSettings(msgspec.Struct, frozen=True, kw_only=True):
    """PostgreSQL: DATABASE_URL and the pool size."""

    url: str
    pool_min: Annotated[int, msgspec.Meta(ge=1, le=100)] = 2
    pool_max: Annotated[int, msgspec.Meta(ge=1, le=200)] = 20


class RedisSettings(msgspec.Struct, frozen=True, kw_only=True):
    """Redis for the arq queue: REDIS_URL."""

    url: str


class QueueSettings(msgspec.Struct, frozen=True, kw_only=True):
    """Background work: how long a job may run, and when unfinished work is handed out again."""

    job_timeout_seconds: Annotated[int, msgspec.Meta(ge=1, le=3600)] = 60
    requeue_after_seconds: Annotated[int, msgspec.Meta(ge=1, le=86400)] = 120
    unsent_after_seconds: Annotated[int, msgspec.Meta(ge=1, le=3600)] = 10


_DAY = "(Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
_SCHEDULE = rf"^{_DAY}-{_DAY} \d\d:\d\d-\d\d:\d\d$"


class SafeguardingSettings(msgspec.Struct, frozen=True, kw_only=True):
    """Targets for acknowledging alerts, when they escalate, and where notifications go."""

    urgent_ack_minutes: Minutes = 15
    urgent_escalate_minutes: Minutes = 60
    concern_ack_minutes: Minutes = 240
    concern_escalate_minutes: Minutes = 1440
    office_hours: Annotated[str, msgspec.Meta(pattern=_SCHEDULE)] = "Mon-Fri 09:00-17:00"
    timezone: str = "Europe/London"
    emergency_duty_email: str = ""
    emergency_duty_phone: str = ""  # the number a child is given beside 999 and Childline
    smtp_url: str = ""
    mail_folder: str = ".heard/mail"
    mail_from: str = "heard@localhost"
    webhook_url: str = ""
    webhook_secret: str = ""
    # GOV.UK Notify: the installation's API key; each council's template ids and duty numbers (its settings page)
    notify_api_key: str = ""
    notify_base_url: str = "https://api.notifications.service.gov.uk"
    notify_email_template_id: str = ""
    notify_sms_template_id: str = ""
    notify_sms_numbers: tuple[str, ...] = ()
    teams_webhook_url: str = ""  # a Microsoft Teams channel's incoming webhook
    # Words the screen cannot read (a language it has no lexicon for) are read by a person by the end of this
    # many working days after the day they arrive.
    reading_working_days: Annotated[int, msgspec.Meta(ge=1, le=10)] = 1


Days = Annotated[int, msgspec.Meta(ge=1, le=36500)]


class RetentionSettings(msgspec.Struct, frozen=True, kw_only=True):
    """How long each kind of record is kept before the retention job removes it (HEARD_RETAIN_*)."""

    words_years_after_25: Annotated[int, msgspec.Meta(ge=0, le=80)] = 6  # a child's words: years after their 25th
    anonymous_words_years: Annotated[int, msgspec.Meta(ge=1, le=80)] = 6  # words sent through anonymous links
    drafts_days: Days = 30
    held_forms_days: Days = 1
    sessions_days: Days = 7  # ended or idle sessions (they stop working after the idle limit anyway)
    sign_in_attempts_days: Days = 90
    notifications_days: Days = 365  # sent safeguarding notifications and their delivery attempts
    audit_years: Annotated[int, msgspec.Meta(ge=1, le=100)] = 7
    sso_handshakes_days: Days = 1


class OidcSettings(msgspec.Struct, frozen=True, kw_only=True):
    """Single sign-on for staff with OpenID Connect; off while HEARD_OIDC_ISSUER is empty."""

    issuer: str = ""  # e.g. https://login.microsoftonline.com/<tenant id>/v2.0
    client_id: str = ""
    client_secret: str = ""
    redirect_url: str = ""  # e.g. https://heard.example.gov.uk/staff/sso/callback, registered with the provider
    scopes: str = "openid email profile"
    email_claim: str = "email"  # Entra ID may need preferred_username
    button_label: str = "Sign in with your council account"

    @property
    def enabled(self) -> bool:
        return bool(self.issuer)

    def __post_init__(self) -> None:
        if not self.enabled:
            return
        for name in ("client_id", "client_secret", "redirect_url"):
            if not getattr(self, name):
                raise ValueError(f"HEARD_OIDC_{name.upper()} must be set when HEARD_OIDC_ISSUER is")
        for name in ("issuer", "redirect_url"):
            if not _secure_url(getattr(self, name)):
                raise ValueError(f"HEARD_OIDC_{name.upper()} must be an https:// address (http only on this machine)")


def _secure_url(url: str) -> bool:
    """https, or plain http to this machine only (a provider a test runs on loopback)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in {"127.0.0.1", "localhost", "::1"})


class AppSettings(msgspec.Struct, frozen=True, kw_only=True):
    """The web service: HEARD_* variables."""

    secret_key: Annotated[str, msgspec.Meta(min_length=32)]
    demo: bool = False
    base_url: str = "http://127.0.0.1:8000"
    secure_cookies: bool = True
    session_idle_minutes: Minutes = 30
    session_warning_minutes: Minutes = 2
    # However active, a session ends this long after signing in (a shared or lost device is not signed in forever).
    session_staff_hours: Annotated[int, msgspec.Meta(ge=1, le=168)] = 12
    session_child_hours: Annotated[int, msgspec.Meta(ge=1, le=168)] = 8
    data_dir: str = ".heard"
    model_dir: str = ""  # the trained theming model; empty means the one `heard nlp train` builds in nlp/model
    log_level: str = "INFO"
    # Addresses or networks (comma-separated) of the load balancers whose X-Forwarded-For is believed; from anyone
    # else the header is a claim a guesser makes up to escape the per-address sign-in limit.
    trusted_proxies: str = ""

    @property
    def proxies(self) -> list[str]:
        return [p.strip() for p in self.trusted_proxies.split(",") if p.strip()]

    def __post_init__(self) -> None:
        for proxy in self.proxies:
            try:
                ipaddress.ip_network(proxy, strict=False)
            except ValueError:
                raise ValueError(
                    f"HEARD_TRUSTED_PROXIES: '{proxy}' is not an IP address or network (like 10.0.0.0/8)"
                ) from None


class Settings(msgspec.Struct, frozen=True, kw_only=True):
    """Every concern's settings together."""

    db: DatabaseSettings
    redis: RedisSettings
    queue: QueueSettings
    safeguarding: SafeguardingSettings
    app: AppSettings
    retention: RetentionSettings
    oidc: OidcSettings


# Environment variable → (concern, field). One table so error messages can name the variable.
_VARIABLES: dict[str, tuple[str, str]] = {
    "DATABASE_URL": ("db", "url"),
    "HEARD_DB_POOL_MIN": ("db", "pool_min"),
    "HEARD_DB_POOL_MAX": ("db", "pool_max"),
    "REDIS_URL": ("redis", "url"),
    "HEARD_JOB_TIMEOUT_SECONDS": ("queue", "job_timeout_seconds"),
    "HEARD_REQUEUE_AFTER_SECONDS": ("queue", "requeue_after_seconds"),
    "HEARD_UNSENT_AFTER_SECONDS": ("queue", "unsent_after_seconds"),
    "HEARD_URGENT_ACK_MINUTES": ("safeguarding", "urgent_ack_minutes"),
    "HEARD_URGENT_ESCALATE_MINUTES": ("safeguarding", "urgent_escalate_minutes"),
    "HEARD_CONCERN_ACK_MINUTES": ("safeguarding", "concern_ack_minutes"),
    "HEARD_CONCERN_ESCALATE_MINUTES": ("safeguarding", "concern_escalate_minutes"),
    "HEARD_OFFICE_HOURS": ("safeguarding", "office_hours"),
    "HEARD_TIMEZONE": ("safeguarding", "timezone"),
    "HEARD_EMERGENCY_DUTY_EMAIL": ("safeguarding", "emergency_duty_email"),
    "HEARD_EMERGENCY_DUTY_PHONE": ("safeguarding", "emergency_duty_phone"),
    "HEARD_SMTP_URL": ("safeguarding", "smtp_url"),
    "HEARD_MAIL_FOLDER": ("safeguarding", "mail_folder"),
    "HEARD_MAIL_FROM": ("safeguarding", "mail_from"),
    "HEARD_WEBHOOK_URL": ("safeguarding", "webhook_url"),
    "HEARD_WEBHOOK_SECRET": ("safeguarding", "webhook_secret"),
    "HEARD_NOTIFY_API_KEY": ("safeguarding", "notify_api_key"),
    "HEARD_NOTIFY_BASE_URL": ("safeguarding", "notify_base_url"),
    "HEARD_NOTIFY_EMAIL_TEMPLATE_ID": ("safeguarding", "notify_email_template_id"),
    "HEARD_NOTIFY_SMS_TEMPLATE_ID": ("safeguarding", "notify_sms_template_id"),
    "HEARD_TEAMS_WEBHOOK_URL": ("safeguarding", "teams_webhook_url"),
    "HEARD_READING_WORKING_DAYS": ("safeguarding", "reading_working_days"),
    "HEARD_SECRET_KEY": ("app", "secret_key"),
    "HEARD_DEMO": ("app", "demo"),
    "HEARD_BASE_URL": ("app", "base_url"),
    "HEARD_SECURE_COOKIES": ("app", "secure_cookies"),
    "HEARD_SESSION_IDLE_MINUTES": ("app", "session_idle_minutes"),
    "HEARD_SESSION_WARNING_MINUTES": ("app", "session_warning_minutes"),
    "HEARD_SESSION_STAFF_HOURS": ("app", "session_staff_hours"),
    "HEARD_SESSION_CHILD_HOURS": ("app", "session_child_hours"),
    "HEARD_DATA_DIR": ("app", "data_dir"),
    "HEARD_MODEL_DIR": ("app", "model_dir"),
    "HEARD_LOG_LEVEL": ("app", "log_level"),
    "HEARD_TRUSTED_PROXIES": ("app", "trusted_proxies"),
    "HEARD_RETAIN_WORDS_YEARS_AFTER_25": ("retention", "words_years_after_25"),
    "HEARD_RETAIN_ANONYMOUS_WORDS_YEARS": ("retention", "anonymous_words_years"),
    "HEARD_RETAIN_DRAFTS_DAYS": ("retention", "drafts_days"),
    "HEARD_RETAIN_HELD_FORMS_DAYS": ("retention", "held_forms_days"),
    "HEARD_RETAIN_SESSIONS_DAYS": ("retention", "sessions_days"),
    "HEARD_RETAIN_SIGN_IN_ATTEMPTS_DAYS": ("retention", "sign_in_attempts_days"),
    "HEARD_RETAIN_NOTIFICATIONS_DAYS": ("retention", "notifications_days"),
    "HEARD_RETAIN_AUDIT_YEARS": ("retention", "audit_years"),
    "HEARD_RETAIN_SSO_HANDSHAKES_DAYS": ("retention", "sso_handshakes_days"),
    "HEARD_OIDC_ISSUER": ("oidc", "issuer"),
    "HEARD_OIDC_CLIENT_ID": ("oidc", "client_id"),
    "HEARD_OIDC_CLIENT_SECRET": ("oidc", "client_secret"),
    "HEARD_OIDC_REDIRECT_URL": ("oidc", "redirect_url"),
    "HEARD_OIDC_SCOPES": ("oidc", "scopes"),
    "HEARD_OIDC_EMAIL_CLAIM": ("oidc", "email_claim"),
    "HEARD_OIDC_BUTTON_LABEL": ("oidc", "button_label"),
}
_CONCERNS: dict[str, type[msgspec.Struct]] = {
    "db": DatabaseSettings,
    "redis": RedisSettings,
    "queue": QueueSettings,
    "safeguarding": SafeguardingSettings,
    "app": AppSettings,
    "retention": RetentionSettings,
    "oidc": OidcSettings,
}

# Only demo mode may run without a secret: it signs nothing that matters outside this machine.
DEMO_SECRET = "demo-only-secret-never-use-in-production-0000"  # noqa: S105 - demo mode only


def load(environ: Mapping[str, str] | None = None) -> Settings:
    """Read settings from the environment, naming the variable when one is missing or malformed."""
    env = dict(os.environ if environ is None else environ)
    if _truthy(env.get("HEARD_DEMO", "")):
        env.setdefault("HEARD_SECRET_KEY", DEMO_SECRET)
        env.setdefault("HEARD_SECURE_COOKIES", "false")
    concerns = {name: _load_concern(name, struct, env) for name, struct in _CONCERNS.items()}
    return Settings(**concerns)  # type: ignore[arg-type]


@functools.cache
def get() -> Settings:
    """The process's settings, read once."""
    return load()


def _load_concern(name: str, struct: type[msgspec.Struct], env: Mapping[str, str]) -> msgspec.Struct:
    values = {field: env[var] for var, (concern, field) in _VARIABLES.items() if concern == name and var in env}
    try:
        return msgspec.convert(values, struct, strict=False)
    except msgspec.ValidationError as exc:
        raise ConfigurationError(_explain(name, str(exc))) from None


def _explain(concern: str, message: str) -> str:
    for var, (name, field) in _VARIABLES.items():
        if name == concern and (f"`$.{field}`" in message or f"`{field}`" in message):
            if "missing required field" in message:
                return f"{var} is not set"
            return f"{var} is not valid: {message.split(' - at ')[0]}"
    return f"settings for {concern}: {message}"


def _truthy(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}
