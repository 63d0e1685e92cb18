"""Staff passwords (argon2id) and second factors (TOTP, RFC 6238, with one-time recovery codes)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# argon2-cffi's defaults are RFC 9106's second recommended option (argon2id, 64 MiB, t=3, p=4).
_HASHER = PasswordHasher()
# Verified when the e-mail is unknown, so that a wrong address takes as long as a wrong password.
_DUMMY = _HASHER.hash("not a password of anyone")
MIN_LENGTH = 12
ISSUER = "tipline"


class WeakPassword(ValueError):
    pass


def check_strength(password: str, email: str = "") -> None:
    """Length, as NIST SP 800-63B advises, rather than composition rules."""
    if len(password) < MIN_LENGTH:
        raise WeakPassword(f"the password must have at least {MIN_LENGTH} characters")
    if email and password.lower() == email.lower():
        raise WeakPassword("the password must not be the e-mail address")


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify_password(stored: str | None, password: str) -> bool:
    try:
        return _HASHER.verify(stored or _DUMMY, password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    return _HASHER.check_needs_rehash(stored)


# --- TOTP ----------------------------------------------------------------------------------------


def new_totp_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, email: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=ISSUER)


def totp_step(secret: str, code: str, last_step: int | None, at: float | None = None) -> int | None:
    """The time step ``code`` belongs to (±1 step of drift), or None. A step already used is refused,
    so a code seen over a shoulder cannot be replayed within its 30 seconds."""
    code = "".join(ch for ch in code if ch.isdigit())
    if len(code) != 6:
        return None
    totp = pyotp.TOTP(secret)
    now = int(at if at is not None else time.time())
    for drift in (0, -1, 1):
        step = now // totp.interval + drift
        if hmac.compare_digest(totp.generate_otp(step), code) and (last_step is None or step > last_step):
            return step
    return None


def new_recovery_codes(n: int = 10) -> list[str]:
    """Ten codes of 10 letters/digits (about 50 bits each), shown once, stored hashed."""
    alphabet = "23456789abcdefghjkmnpqrstuvwxyz"
    return ["-".join("".join(secrets.choice(alphabet) for _ in range(5)) for _ in range(2)) for _ in range(n)]


def hash_recovery_code(code: str) -> str:
    return hashlib.sha256(code.strip().lower().replace(" ", "").encode()).hexdigest()
