"""Staff accounts: creation, password + TOTP sign-in with lockout, sessions, machine API tokens.

Every sign-in, failure, lockout and token change is an audit event (ids only, never a password,
code or e-mail typed by someone who is not a user).
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import uuid6
from email_validator import EmailNotValidError, validate_email
from sqlalchemy import delete, func, select

from tipline.security import passwords
from tipline.security.roles import SCOPES, Principal, Role
from tipline.service.context import Tipline
from tipline.store import audit
from tipline.store.tables import ApiTokenRow, StaffSessionRow, UserRow

FREE_ATTEMPTS = 5  # failures before the account locks
LOCK_BASE = timedelta(minutes=15)  # doubled at each further failure, up to LOCK_MAX
LOCK_MAX = timedelta(hours=24)
SESSION_IDLE = timedelta(minutes=30)
SESSION_MAX = timedelta(hours=12)
MFA_WINDOW = timedelta(minutes=5)  # between the password and the code
MFA_ATTEMPTS = 5


class AccountError(ValueError):
    """Bad input for an account (the message says which field and why)."""


class LoginRefused(Exception):
    """Wrong e-mail, password or code, or a locked account; ``locked_until`` is set for the last."""

    def __init__(self, locked_until: datetime | None = None) -> None:
        super().__init__("login refused")
        self.locked_until = locked_until


@dataclass
class NewUser:
    id: uuid.UUID
    email: str
    totp_secret: str
    totp_uri: str
    recovery_codes: list[str]


def _aad(user_id: uuid.UUID) -> bytes:
    return f"user:{user_id}:totp".encode()


def _sha(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def normalise_email(email: str) -> str:
    try:
        return validate_email(email, check_deliverability=False).normalized.lower()
    except EmailNotValidError as e:
        raise AccountError(f"email: {e}") from None


def add_user(app: Tipline, email: str, role: str, password: str, name: str = "", agency: str | None = None,
             actor: str = "cli") -> NewUser:
    """Create an account with its TOTP secret and recovery codes (shown once, to give to the person)."""
    email = normalise_email(email)
    try:
        role_ = Role(role)
    except ValueError:
        raise AccountError(f"role: must be one of {', '.join(r.value for r in Role)}") from None
    if role_ is Role.liaison and not (agency or "").strip():
        raise AccountError("agency: a police liaison needs the agency whose cases they will see")
    try:
        passwords.check_strength(password, email)
    except passwords.WeakPassword as e:
        raise AccountError(f"password: {e}") from None
    secret = passwords.new_totp_secret()
    codes = passwords.new_recovery_codes()
    user_id = uuid6.uuid7()
    kid, blob = app.keys.encrypt(secret.encode(), _aad(user_id))
    with app.db.write() as session:
        if session.execute(select(UserRow.id).where(UserRow.email == email)).first():
            raise AccountError(f"email: an account for {email} already exists")
        session.add(UserRow(
            id=user_id, email=email, name=name or email.split("@")[0], role=role_.value,
            agency=(agency or "").strip() or None, password_hash=passwords.hash_password(password),
            key_id=kid, totp_secret=blob, totp_confirmed=False,
            recovery_codes=[passwords.hash_recovery_code(c) for c in codes], failed_logins=0,
            disabled=False, created_at=datetime.now(UTC)))
        session.flush()
        audit.append(session, actor, "user.created", "user", str(user_id), {"role": role_.value})
    return NewUser(user_id, email, secret, passwords.provisioning_uri(secret, email), codes)


def count_users(app: Tipline) -> int:
    with app.db.read() as session:
        return session.execute(select(func.count()).select_from(UserRow)).scalar_one()


def list_users(app: Tipline) -> list[UserRow]:
    with app.db.read() as session:
        return list(session.execute(select(UserRow).order_by(UserRow.email)).scalars())


def set_disabled(app: Tipline, email: str, disabled: bool, actor: str = "cli") -> None:
    email = normalise_email(email)
    with app.db.write() as session:
        user = session.execute(select(UserRow).where(UserRow.email == email)).scalar_one_or_none()
        if user is None:
            raise AccountError(f"email: no account for {email}")
        user.disabled = disabled
        if disabled:
            session.execute(delete(StaffSessionRow).where(StaffSessionRow.user_id == user.id))
        audit.append(session, actor, "user.disabled" if disabled else "user.enabled", "user", str(user.id))


# --- sign-in ---------------------------------------------------------------------------------------


def sign_in(app: Tipline, email: str, password: str, now: datetime | None = None) -> str:
    """Check the password; returns a half-open session token (the TOTP code comes next)."""
    now = now or datetime.now(UTC)
    try:
        email = normalise_email(email)
    except AccountError:
        email = ""
    # A refusal is raised after the commit: the failure count and the audit event must stay.
    refused: LoginRefused | None = None
    token = secrets.token_urlsafe(32)
    with app.db.write() as session:
        user = session.execute(select(UserRow).where(UserRow.email == email)).scalar_one_or_none() if email else None
        ok = passwords.verify_password(user.password_hash if user else None, password)  # constant work
        if user is None:
            audit.append(session, "anonymous", "login.failed", "user", None, {"reason": "unknown"})
            refused = LoginRefused()
        elif user.locked_until and user.locked_until > now:
            audit.append(session, f"user:{user.id}", "login.refused_locked", "user", str(user.id))
            refused = LoginRefused(user.locked_until)
        elif not ok or user.disabled:
            _failed(session, user, now, "password" if not ok else "disabled")
            refused = LoginRefused(user.locked_until if user.locked_until and user.locked_until > now else None)
        else:
            if passwords.needs_rehash(user.password_hash):
                user.password_hash = passwords.hash_password(password)
            session.add(StaffSessionRow(id=_sha(token), user_id=user.id, mfa_done=False, created_at=now,
                                        last_seen_at=now, expires_at=now + MFA_WINDOW))
            audit.append(session, f"user:{user.id}", "login.password_ok", "user", str(user.id))
    if refused is not None:
        raise refused
    return token


def _failed(session, user: UserRow, now: datetime, reason: str) -> None:
    user.failed_logins += 1
    extra = user.failed_logins - FREE_ATTEMPTS
    if extra >= 0:
        user.locked_until = now + min(LOCK_BASE * (2 ** min(extra, 10)), LOCK_MAX)
    audit.append(session, f"user:{user.id}", "login.failed", "user", str(user.id),
                 {"reason": reason, "failures": user.failed_logins,
                  **({"locked_until": user.locked_until.isoformat()} if extra >= 0 else {})})


def second_factor(app: Tipline, token: str, code: str, now: datetime | None = None) -> bool:
    """Complete a half-open session with a TOTP or a recovery code; True when signed in."""
    now = now or datetime.now(UTC)
    with app.db.write() as session:
        row = session.get(StaffSessionRow, _sha(token))
        if row is None or row.mfa_done or row.expires_at <= now:
            return False
        user = session.get(UserRow, row.user_id)
        if user is None or user.disabled or (user.locked_until and user.locked_until > now):
            return False
        secret = app.keys.decrypt(user.key_id, user.totp_secret, _aad(user.id)).decode()
        step = passwords.totp_step(secret, code, user.totp_last_step, now.timestamp())
        method = "totp"
        if step is None:
            hashed = passwords.hash_recovery_code(code)
            if hashed in (user.recovery_codes or []):
                user.recovery_codes = [c for c in user.recovery_codes if c != hashed]
                method = "recovery_code"
            else:
                _failed(session, user, now, "code")
                if user.failed_logins >= FREE_ATTEMPTS:
                    session.delete(row)
                return False
        else:
            user.totp_last_step = step
        user.totp_confirmed = True
        user.failed_logins = 0
        user.locked_until = None
        user.last_login_at = now
        row.mfa_done = True
        row.last_seen_at = now
        row.expires_at = now + SESSION_MAX
        audit.append(session, f"user:{user.id}", "login.succeeded", "user", str(user.id),
                     {"method": method, "recovery_codes_left": len(user.recovery_codes or [])})
    return True


def sign_out(app: Tipline, token: str) -> None:
    with app.db.write() as session:
        row = session.get(StaffSessionRow, _sha(token))
        if row is not None:
            session.delete(row)
            audit.append(session, f"user:{row.user_id}", "logout", "user", str(row.user_id))


def _principal(user: UserRow) -> Principal:
    return Principal.for_role(f"user:{user.id}", Role(user.role), agency=user.agency, name=user.name)


def session_principal(app: Tipline, token: str, now: datetime | None = None) -> Principal | None:
    """The signed-in staff member of a session cookie, or None (expired, idle, not fully signed in)."""
    now = now or datetime.now(UTC)
    with app.db.read() as session:
        row = session.get(StaffSessionRow, _sha(token))
        if row is None or not row.mfa_done or row.expires_at <= now or now - row.last_seen_at > SESSION_IDLE:
            return None
        user = session.get(UserRow, row.user_id)
        if user is None or user.disabled:
            return None
        principal = _principal(user)
        stale = now - row.last_seen_at > timedelta(minutes=1)
    if stale:  # at most one write a minute per session
        with app.db.write() as session:
            row = session.get(StaffSessionRow, _sha(token))
            if row is not None:
                row.last_seen_at = now
    return principal


def half_open(app: Tipline, token: str, now: datetime | None = None) -> bool:
    """True when the token is a session waiting for its second factor."""
    now = now or datetime.now(UTC)
    with app.db.read() as session:
        row = session.get(StaffSessionRow, _sha(token))
        return row is not None and not row.mfa_done and row.expires_at > now


# --- machine tokens --------------------------------------------------------------------------------


def add_token(app: Tipline, name: str, scopes: list[str], agency: str | None = None, actor: str = "cli",
              days: int | None = None) -> str:
    """A new bearer token with ``scopes``; returned once, stored as its SHA-256."""
    unknown = sorted(set(scopes) - SCOPES)
    if unknown or not scopes:
        raise AccountError(f"scope: {', '.join(unknown) or 'none given'}; choose from {', '.join(sorted(SCOPES))}")
    token = "tlk_" + secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    with app.db.write() as session:
        token_id = uuid6.uuid7()
        session.add(ApiTokenRow(id=token_id, name=name, token_hash=_sha(token), scopes=sorted(set(scopes)),
                                agency=agency, created_by=actor, created_at=now,
                                expires_at=now + timedelta(days=days) if days else None))
        session.flush()
        audit.append(session, actor, "token.created", "api_token", str(token_id), {"scopes": sorted(set(scopes))})
    return token


def revoke_token(app: Tipline, name: str, actor: str = "cli") -> int:
    now = datetime.now(UTC)
    with app.db.write() as session:
        rows = session.execute(select(ApiTokenRow).where(ApiTokenRow.name == name,
                                                         ApiTokenRow.revoked_at.is_(None))).scalars().all()
        for row in rows:
            row.revoked_at = now
            audit.append(session, actor, "token.revoked", "api_token", str(row.id))
        return len(rows)


def token_principal(app: Tipline, token: str, now: datetime | None = None) -> Principal | None:
    now = now or datetime.now(UTC)
    with app.db.read() as session:
        row = session.execute(select(ApiTokenRow).where(ApiTokenRow.token_hash == _sha(token))).scalar_one_or_none()
        if row is None or row.revoked_at is not None or (row.expires_at and row.expires_at <= now):
            return None
        return Principal(id=f"token:{row.id}", role=None, scopes=frozenset(row.scopes), agency=row.agency,
                         name=row.name)
