"""OpenID Connect for staff single sign-on: discovery, PKCE, the code exchange and ID token checks.

The flow is the authorization code flow with PKCE (S256), a random state bound to the browser by a cookie and
to a server-side handshake row (used once, for ten minutes), and a nonce carried into the ID token. The ID token's
RS256 signature is checked against the provider's JWKS, and its issuer, audience, expiry and nonce are checked
before its email claim is matched to an existing, enabled staff account; accounts are never created here.

A sign-in through the council's identity provider counts as having passed TOTP: the provider is where the
council enforces multi-factor authentication for its staff, so Heard does not ask a second time.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from typing import Any
from urllib.parse import urlencode

import asyncpg
import httpx
import jwt
import msgspec

from heard import audit
from heard.accounts import queries
from heard.accounts import secrets as account_secrets
from heard.errors import Invalid, Unauthorised, Unavailable
from heard.principal import Principal
from heard.settings import OidcSettings

HANDSHAKE_MINUTES = 10
CACHE_SECONDS = 3600
LEEWAY_SECONDS = 60
ALGORITHMS = ["RS256"]

UNAVAILABLE = "Your council's sign-in service is not answering. Try again in a few minutes, or sign in with a password."
RETRY = "Please go back to the sign-in page and try again."


class Discovery(msgspec.Struct, frozen=True, kw_only=True):
    """The parts of the provider's openid-configuration Heard uses."""

    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    token_endpoint_auth_methods_supported: list[str] = msgspec.field(default_factory=lambda: ["client_secret_basic"])


class Handshake(msgspec.Struct, frozen=True, kw_only=True):
    """One sign-in in flight: the state (also in the browser's cookie), the nonce and the PKCE verifier."""

    state: str
    nonce: str
    code_verifier: str


_discovery: dict[str, tuple[float, Discovery]] = {}
_jwks: dict[str, tuple[float, jwt.PyJWKSet]] = {}


async def _get_json(url: str) -> Any:
    try:
        async with httpx.AsyncClient(timeout=5, follow_redirects=False) as client:
            response = await client.get(url, headers={"accept": "application/json"})
            response.raise_for_status()
            return response.json()
    except (httpx.HTTPError, ValueError):
        raise Unavailable(UNAVAILABLE) from None


async def discover(config: OidcSettings) -> Discovery:
    """The provider's endpoints from {issuer}/.well-known/openid-configuration, cached for an hour."""
    cached = _discovery.get(config.issuer)
    if cached and cached[0] > time.monotonic():
        return cached[1]
    raw = await _get_json(config.issuer.rstrip("/") + "/.well-known/openid-configuration")
    try:
        found = msgspec.convert(raw, Discovery)
    except msgspec.ValidationError:
        raise Unavailable(UNAVAILABLE) from None
    if found.issuer != config.issuer:
        raise Unavailable(
            "Your council's sign-in service is set up wrongly: its issuer does not match Heard's setting."
        )
    _discovery[config.issuer] = (time.monotonic() + CACHE_SECONDS, found)
    return found


async def _signing_keys(discovery: Discovery, *, fresh: bool = False) -> jwt.PyJWKSet:
    cached = _jwks.get(discovery.jwks_uri)
    if cached and cached[0] > time.monotonic() and not fresh:
        return cached[1]
    try:
        keys = jwt.PyJWKSet.from_dict(await _get_json(discovery.jwks_uri))
    except jwt.PyJWKSetError:
        raise Unavailable(UNAVAILABLE) from None
    _jwks[discovery.jwks_uri] = (time.monotonic() + CACHE_SECONDS, keys)
    return keys


async def signing_key(discovery: Discovery, kid: str | None) -> jwt.PyJWK:
    """The JWKS key with this id; the set is fetched again once when the id is new (the provider rotated keys)."""
    for fresh in (False, True):
        keys = await _signing_keys(discovery, fresh=fresh)
        matches = [k for k in keys.keys if kid is None or k.key_id == kid]
        if matches:
            return matches[0]
    raise Unauthorised(f"The sign-in was signed with a key your council's sign-in service does not publish. {RETRY}")


def new_handshake() -> Handshake:
    return Handshake(
        state=secrets.token_urlsafe(32), nonce=secrets.token_urlsafe(32), code_verifier=secrets.token_urlsafe(64)
    )


def code_challenge(verifier: str) -> str:
    """PKCE S256: base64url(sha256(verifier)) without padding."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def authorization_url(discovery: Discovery, config: OidcSettings, handshake: Handshake) -> str:
    params = {
        "response_type": "code",
        "client_id": config.client_id,
        "redirect_uri": config.redirect_url,
        "scope": config.scopes,
        "state": handshake.state,
        "nonce": handshake.nonce,
        "code_challenge": code_challenge(handshake.code_verifier),
        "code_challenge_method": "S256",
    }
    separator = "&" if "?" in discovery.authorization_endpoint else "?"
    return discovery.authorization_endpoint + separator + urlencode(params)


async def exchange(discovery: Discovery, config: OidcSettings, code: str, verifier: str) -> str:
    """Swap the authorization code for tokens at the token endpoint; returns the ID token."""
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": config.redirect_url}
    form["code_verifier"] = verifier
    basic = "client_secret_basic" in discovery.token_endpoint_auth_methods_supported
    if not basic:
        form |= {"client_id": config.client_id, "client_secret": config.client_secret}
    auth = httpx.BasicAuth(config.client_id, config.client_secret) if basic else None
    try:
        async with httpx.AsyncClient(timeout=10, follow_redirects=False, auth=auth) as client:
            response = await client.post(discovery.token_endpoint, data=form)
    except httpx.HTTPError:
        raise Unavailable(UNAVAILABLE) from None
    body = _json_or_empty(response)
    if response.status_code != 200 or not isinstance(body.get("id_token"), str):
        reason = body.get("error_description") or body.get("error") or f"status {response.status_code}"
        raise Unauthorised(f"Your council's sign-in service would not complete the sign-in ({reason}). {RETRY}")
    return str(body["id_token"])


def _json_or_empty(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


_TOKEN_ERRORS: list[tuple[type[Exception], str]] = [
    (jwt.ExpiredSignatureError, "The sign-in has expired."),
    (jwt.InvalidAudienceError, "The sign-in was issued for a different application, not Heard."),
    (jwt.InvalidIssuerError, "The sign-in came from a different sign-in service than your council's."),
    (
        jwt.InvalidSignatureError,
        "The sign-in's signature is not valid: it was not signed by your council's sign-in service.",
    ),
    (jwt.ImmatureSignatureError, "The sign-in is dated in the future; check this computer's clock."),
    (jwt.MissingRequiredClaimError, "The sign-in is missing information Heard needs."),
]


async def verify(discovery: Discovery, config: OidcSettings, id_token: str, nonce: str) -> dict[str, Any]:
    """The ID token's claims once its signature, issuer, audience, expiry and nonce all check out."""
    try:
        header = jwt.get_unverified_header(id_token)
    except jwt.DecodeError:
        raise Unauthorised(f"The sign-in could not be read. {RETRY}") from None
    if header.get("alg") not in ALGORITHMS:
        raise Unauthorised(f"The sign-in was signed in a way Heard does not accept. {RETRY}")
    key = await signing_key(discovery, header.get("kid"))
    try:
        claims: dict[str, Any] = jwt.decode(
            id_token,
            key=key.key,
            algorithms=ALGORITHMS,
            audience=config.client_id,
            issuer=config.issuer,
            leeway=LEEWAY_SECONDS,
            options={"require": ["exp", "iat", "iss", "aud", "sub"]},
        )
    except jwt.InvalidTokenError as exc:
        message = next((text for kind, text in _TOKEN_ERRORS if isinstance(exc, kind)), "The sign-in is not valid.")
        raise Unauthorised(f"{message} {RETRY}") from None
    if not hmac.compare_digest(str(claims.get("nonce", "")), nonce):
        raise Unauthorised(f"The sign-in does not match the one Heard started (the nonce differs). {RETRY}")
    return claims


def email_from(claims: dict[str, Any], config: OidcSettings) -> str:
    email = claims.get(config.email_claim)
    if not isinstance(email, str) or "@" not in email:
        raise Unauthorised(
            f"Your council's sign-in service did not say which email address you use ({config.email_claim})."
        )
    if claims.get("email_verified") is False:
        raise Unauthorised("Your council's sign-in service has not verified your email address.")
    return email.strip().lower()


# Handshakes are kept against a hash of the state (`queries.insert_handshake`).
def _state_hash(state: str) -> bytes:
    return hashlib.sha256(state.encode()).digest()


async def save_handshake(conn: asyncpg.Connection, handshake: Handshake) -> None:
    await queries.insert_handshake(conn, _state_hash(handshake.state), handshake.nonce, handshake.code_verifier)


async def take_handshake(conn: asyncpg.Connection, state: str, browser_state: str | None) -> Handshake:
    """The handshake this browser started, used up; refused when the state is unknown, stale or from elsewhere."""
    if not state or not browser_state or not hmac.compare_digest(state, browser_state):
        raise Invalid(f"This sign-in was not started in this browser. {RETRY}", field="state")
    taken = await queries.take_handshake(conn, _state_hash(state), HANDSHAKE_MINUTES)
    if taken is None or not taken.fresh:
        raise Invalid(f"This sign-in took too long or was already used. {RETRY}", field="state")
    return Handshake(state=state, nonce=taken.nonce, code_verifier=taken.code_verifier)


async def start(conn: asyncpg.Connection, config: OidcSettings) -> tuple[str, Handshake]:
    """Begin a sign-in: the provider's address to send the browser to, and the handshake it carries."""
    discovery = await discover(config)
    handshake = new_handshake()
    await save_handshake(conn, handshake)
    return authorization_url(discovery, config, handshake), handshake


async def finish(
    conn: asyncpg.Connection, config: OidcSettings, *, code: str, state: str, browser_state: str | None
) -> tuple[str, Principal]:
    """Complete a sign-in: check everything, then start a session exactly as a password sign-in does."""
    try:
        handshake = await take_handshake(conn, state, browser_state)
        discovery = await discover(config)
        id_token = await exchange(discovery, config, code, handshake.code_verifier)
        claims = await verify(discovery, config, id_token, handshake.nonce)
        email = email_from(claims, config)
        account = await queries.staff_by_email(conn, email)
        if account is None or account.disabled:
            raise Unauthorised(f"There is no Heard account for {email}. Ask your Heard administrator to add you.")
    except (Invalid, Unauthorised) as exc:
        await audit.record(conn, None, "sso_refused", "staff", None, reason=exc.message)
        raise
    token, token_hash = account_secrets.new_session_token()
    # TOTP counts as passed: the council's identity provider enforces multi-factor authentication.
    await queries.insert_session(conn, token_hash, account.council_id, staff_id=account.id, totp_passed=True)
    principal = Principal(kind="staff", id=account.id, council_id=account.council_id, name="", session_hash=token_hash)
    await audit.record(conn, principal, "signed_in", "staff", account.id, method="sso", subject=str(claims["sub"]))
    return token, principal
