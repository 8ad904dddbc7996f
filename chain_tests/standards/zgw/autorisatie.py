"""ZGW authorisation as the VNG specifications define it: every call carries ``Authorization: Bearer <JWT>``, a
JWT signed HS256 with the secret the zaaksysteem's Autorisaties API holds for the client id, with the claims
``iss``, ``iat``, ``client_id``, ``user_id`` and ``user_representation``. The zaaksysteem checks the signature,
the token's age and the scopes the client was given for the operation.

PyJWT signs and verifies; the adapter makes a fresh token for every request (:class:`ZgwJwt`), so a long run
never presents one past its expiry. The secret is never logged: httpx sees only the signed token.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Generator
from dataclasses import dataclass

import httpx
import jwt

ALGORITME = "HS256"
MAX_LEEFTIJD = 3600  # seconds a token is accepted after its iat (open-zaak's default expiry)
SPELING = 60  # seconds of clock difference allowed between client and server


def maak_jwt(client_id: str, secret: str, gebruiker: str = "ketentest", nu: float | None = None) -> str:
    claims = {
        "iss": client_id,
        "iat": int(time.time() if nu is None else nu),
        "client_id": client_id,
        "user_id": gebruiker,
        "user_representation": gebruiker,
    }
    return jwt.encode(claims, secret, algorithm=ALGORITME)


class ZgwJwt(httpx.Auth):
    """httpx authentication with a fresh ZGW JWT per request."""

    def __init__(self, client_id: str, secret: str) -> None:
        self._client_id, self._secret = client_id, secret

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = "Bearer " + maak_jwt(self._client_id, self._secret)
        yield request


@dataclass(frozen=True)
class Geweigerd(Exception):
    """The call is not allowed: 401 (no or an invalid token) or 403 (a valid client without the scope)."""

    status: int
    code: str
    detail: str


def controleer(authorization: str | None, geheim_van: Callable[[str], str | None], nu: float | None = None) -> str:
    """The client id of a valid ``Authorization`` header; :class:`Geweigerd` (401) when it is missing, not a
    JWT, signed with another secret or algorithm, from an unknown client, or too old."""
    if not authorization or not authorization.startswith("Bearer "):
        raise Geweigerd(401, "not_authenticated", "Authenticatiegegevens ontbreken (Authorization: Bearer <JWT>).")
    token = authorization.removeprefix("Bearer ").strip()
    try:
        ongecontroleerd = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError as exc:
        raise Geweigerd(401, "jwt-invalid", f"De JWT is onleesbaar: {exc}.") from None
    client_id = ongecontroleerd.get("client_id")
    geheim = geheim_van(client_id) if isinstance(client_id, str) else None
    if geheim is None:
        raise Geweigerd(401, "jwt-invalid", f"Onbekende client_id {client_id!r}.")
    try:
        claims = jwt.decode(token, geheim, algorithms=[ALGORITME], options={"require": ["iat"]}, leeway=SPELING)
    except jwt.ImmatureSignatureError:
        raise Geweigerd(401, "jwt-expired", f"De JWT van {client_id!r} komt uit de toekomst (iat).") from None
    except jwt.PyJWTError as exc:
        raise Geweigerd(401, "jwt-invalid", f"De JWT van {client_id!r} is niet geldig: {exc}.") from None
    leeftijd = (time.time() if nu is None else nu) - float(claims["iat"])
    if leeftijd > MAX_LEEFTIJD + SPELING or leeftijd < -SPELING:
        raise Geweigerd(401, "jwt-expired", f"De JWT van {client_id!r} is verlopen of komt uit de toekomst (iat).")
    return str(client_id)
