"""API tokens: random secrets handed out once and kept only as salted scrypt hashes.

A token is `marsad_` + 32 random URL-safe bytes. What the store keeps is
`scrypt$n$r$p$salt$hash` (hex), so a stolen database gives no usable token, and checking
compares in constant time. scrypt comes with Python's hashlib (OpenSSL), nothing to install.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

PREFIX = "marsad_"
# scrypt cost: 2^14 rounds, 8 blocks, 1 lane = 16 MiB and ~50 ms a check; high enough
# for a high-entropy secret, low enough for an API that checks on every write.
_N, _R, _P = 2 ** 14, 8, 1


def new_token() -> str:
    """Return a fresh random token."""
    return PREFIX + secrets.token_urlsafe(32)


def hash_token(token: str, salt: bytes | None = None) -> str:
    """Return the salted scrypt hash of `token`, as kept at rest."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.scrypt(token.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def verify_token(token: str, stored: str) -> bool:
    """Return True when `token` is the one whose hash is `stored`."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        got = hashlib.scrypt(token.encode("utf-8"), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p),
                             dklen=len(digest) // 2)
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(got.hex(), digest)
