"""Request dependencies: the open store, and the token checks for reads and writes.

A token arrives as `Authorization: Bearer TOKEN`. Checking one against the store's
scrypt hashes costs tens of milliseconds, so a token that passed is remembered (by its
SHA-256, never in clear) for a minute; a revoked token stops working within that time.
"""

from __future__ import annotations

import hashlib
import threading
import time

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ..store import Store
from ._settings import Settings

_bearer = HTTPBearer(auto_error=False, description="A token from `marsad token create NAME`.")
REMEMBER_S = 60.0


class TokenChecker:
    """Checks bearer tokens against the store, remembering recent successes."""

    def __init__(self, store: Store):
        self.store = store
        self._seen: dict[str, tuple[str, float]] = {}
        self._lock = threading.Lock()

    def name_of(self, token: str) -> str | None:
        key = hashlib.sha256(token.encode("utf-8")).hexdigest()
        now = time.monotonic()
        with self._lock:
            hit = self._seen.get(key)
            if hit and now - hit[1] < REMEMBER_S:
                return hit[0]
        name = self.store.check_token(token)
        if name is not None:
            with self._lock:
                self._seen[key] = (name, now)
        return name


def get_store(request: Request) -> Store:
    return request.app.state.store


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def _check(request: Request, credentials: HTTPAuthorizationCredentials | None) -> str:
    if credentials is None or not credentials.credentials:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "a token is needed: Authorization: Bearer TOKEN",
                            headers={"WWW-Authenticate": "Bearer"})
    name = request.app.state.tokens.name_of(credentials.credentials)
    if name is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "unknown or revoked token",
                            headers={"WWW-Authenticate": "Bearer"})
    return name


def require_write(request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(_bearer)) -> str:
    """Return the name of the caller's token; 401 without a valid one."""
    return _check(request, credentials)


def require_read(request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(_bearer)) -> None:
    """Let anyone read a public desk; on a private one, ask for a valid token."""
    if request.app.state.settings.private:
        _check(request, credentials)
