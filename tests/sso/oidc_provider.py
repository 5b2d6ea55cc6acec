"""A tiny OpenID Connect provider on loopback for tests: discovery, JWKS, /authorize and /token, with faults on demand."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

CLIENT_ID = "heard-test-client"
CLIENT_SECRET = "test-client-secret"
KID = "test-key-1"


@dataclass
class Provider:
    """What the provider does next: whose email to put in the token, and which fault to make, if any."""

    url: str = ""
    email: str = ""
    fault: str = ""  # '', 'bad_signature', 'wrong_audience', 'expired', 'wrong_nonce', 'no_email'
    key: Any = field(default_factory=lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048))
    other_key: Any = field(default_factory=lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048))
    codes: dict[str, dict[str, str]] = field(default_factory=dict)
    token_requests: int = 0
    server: ThreadingHTTPServer | None = None

    def jwks(self) -> dict[str, Any]:
        public = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [{**public, "kid": KID, "use": "sig", "alg": "RS256"}]}

    def id_token(self, nonce: str) -> str:
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": self.url,
            "sub": "subject-" + self.email,
            "aud": "someone-else" if self.fault == "wrong_audience" else CLIENT_ID,
            "iat": now - (7200 if self.fault == "expired" else 0),
            "exp": now + (-3600 if self.fault == "expired" else 300),
            "nonce": "not-the-nonce" if self.fault == "wrong_nonce" else nonce,
        }
        if self.fault != "no_email":
            claims["email"] = self.email
        key = self.other_key if self.fault == "bad_signature" else self.key
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": KID})


def _handler(provider: Provider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def _json(self, body: dict[str, Any], status: int = 200) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            if parts.path == "/.well-known/openid-configuration":
                self._json({
                    "issuer": provider.url,
                    "authorization_endpoint": f"{provider.url}/authorize",
                    "token_endpoint": f"{provider.url}/token",
                    "jwks_uri": f"{provider.url}/jwks",
                    "token_endpoint_auth_methods_supported": ["client_secret_basic"],
                    "id_token_signing_alg_values_supported": ["RS256"],
                })  # fmt: skip
            elif parts.path == "/jwks":
                self._json(provider.jwks())
            elif parts.path == "/authorize":
                self._authorize({k: v[0] for k, v in parse_qs(parts.query).items()})
            else:
                self._json({"error": "not_found"}, 404)

        def _authorize(self, q: dict[str, str]) -> None:
            assert q["client_id"] == CLIENT_ID and q["response_type"] == "code"
            assert q["code_challenge_method"] == "S256"
            code = secrets.token_urlsafe(16)
            provider.codes[code] = q
            self.send_response(302)
            self.send_header("location", q["redirect_uri"] + "?" + urlencode({"code": code, "state": q["state"]}))
            self.end_headers()

        def do_POST(self) -> None:
            length = int(self.headers.get("content-length", 0))
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            provider.token_requests += 1
            expected = "Basic " + base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
            request = provider.codes.pop(form.get("code", ""), None)
            if self.headers.get("authorization") != expected:
                return self._json({"error": "invalid_client"}, 401)
            if request is None or form.get("redirect_uri") != request["redirect_uri"]:
                return self._json({"error": "invalid_grant"}, 400)
            digest = hashlib.sha256(form.get("code_verifier", "").encode()).digest()
            if base64.urlsafe_b64encode(digest).rstrip(b"=").decode() != request["code_challenge"]:
                return self._json({"error": "invalid_grant", "error_description": "PKCE verifier does not match"}, 400)
            return self._json(
                {"access_token": "at", "token_type": "Bearer", "id_token": provider.id_token(request["nonce"])}
            )

    return Handler


def start(port: int) -> Provider:
    provider = Provider(url=f"http://127.0.0.1:{port}")
    provider.server = ThreadingHTTPServer(("127.0.0.1", port), _handler(provider))
    threading.Thread(target=provider.server.serve_forever, daemon=True).start()
    return provider
