"""Tokens of API clients: 32 random bytes shown once, stored as their SHA-256 (a token is random and
long, so a fast hash is enough: nothing to guess from it, unlike a password)."""

import hashlib
import secrets

PREFIX = "gdtx_"
SHOWN = 10  # characters kept in clear to tell tokens apart: "gdtx_" + 5 random ones


def new_token() -> str:
    return PREFIX + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_prefix(token: str) -> str:
    return token[:SHOWN]
