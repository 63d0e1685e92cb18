"""Staff accounts: passwords (argon2id), TOTP with recovery codes, lockout, sessions, tokens."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from staffkit import PASSWORD, code_for, make_user
from tipline.security.passwords import totp_step
from tipline.service import accounts
from tipline.store.tables import AuditRow, UserRow


def test_password_is_stored_as_argon2id_and_totp_secret_encrypted(tipline):
    user = make_user(tipline)
    with tipline.db.read() as s:
        row = s.get(UserRow, user.id)
    assert row.password_hash.startswith("$argon2id$")
    assert PASSWORD not in row.password_hash
    assert user.totp_secret.encode() not in row.totp_secret
    assert all(code not in str(row.recovery_codes) for code in user.recovery_codes)


@pytest.mark.parametrize(("email", "role", "password", "agency", "field"), [
    ("not-an-email", "analyst", PASSWORD, None, "email"),
    ("a@hotline.example", "janitor", PASSWORD, None, "role"),
    ("a@hotline.example", "analyst", "short", None, "password"),
    ("a@hotline.example", "liaison", PASSWORD, None, "agency"),
])
def test_bad_accounts_are_refused_naming_the_field(tipline, email, role, password, agency, field):
    with pytest.raises(accounts.AccountError, match=f"^{field}:"):
        accounts.add_user(tipline, email, role, password, agency=agency)
    assert accounts.count_users(tipline) == 0


def test_duplicate_email_is_refused_and_the_first_account_kept(tipline):
    first = make_user(tipline, "Dup@Hotline.example")
    with pytest.raises(accounts.AccountError, match="already exists"):
        make_user(tipline, "dup@hotline.example")
    assert [u.id for u in accounts.list_users(tipline)] == [first.id]


def test_sign_in_needs_password_then_code(tipline):
    user = make_user(tipline)
    token = accounts.sign_in(tipline, user.email, PASSWORD)
    assert accounts.session_principal(tipline, token) is None  # half-open: no access yet
    assert not accounts.second_factor(tipline, token, "000000")
    assert accounts.second_factor(tipline, token, code_for(user.totp_secret))
    principal = accounts.session_principal(tipline, token)
    assert principal is not None and principal.id == f"user:{user.id}" and principal.can("reports:read")


def test_a_totp_code_works_once():
    import pyotp

    secret = pyotp.random_base32()
    now = datetime.now(UTC).timestamp()
    code = pyotp.TOTP(secret).at(now)
    step = totp_step(secret, code, None, now)
    assert step is not None
    assert totp_step(secret, code, step, now) is None  # replay refused


def test_recovery_code_works_once(tipline):
    user = make_user(tipline)
    t1 = accounts.sign_in(tipline, user.email, PASSWORD)
    assert accounts.second_factor(tipline, t1, user.recovery_codes[0].upper())
    t2 = accounts.sign_in(tipline, user.email, PASSWORD)
    assert not accounts.second_factor(tipline, t2, user.recovery_codes[0])


def test_password_guessing_locks_the_account(tipline):
    user = make_user(tipline)
    for _ in range(accounts.FREE_ATTEMPTS - 1):
        with pytest.raises(accounts.LoginRefused) as e:
            accounts.sign_in(tipline, user.email, "wrong password guess")
        assert e.value.locked_until is None
    with pytest.raises(accounts.LoginRefused) as e:
        accounts.sign_in(tipline, user.email, "wrong password guess")
    assert e.value.locked_until is not None
    # Locked: even the right password is refused until the lock ends…
    with pytest.raises(accounts.LoginRefused):
        accounts.sign_in(tipline, user.email, PASSWORD)
    # …and it works again after it.
    later = e.value.locked_until + timedelta(seconds=1)
    token = accounts.sign_in(tipline, user.email, PASSWORD, now=later)
    assert token
    with tipline.db.read() as s:
        actions = [a for (a,) in s.execute(select(AuditRow.action)).all()]
    assert actions.count("login.failed") == accounts.FREE_ATTEMPTS
    assert "login.refused_locked" in actions


def test_unknown_email_and_wrong_password_look_the_same(tipline):
    make_user(tipline)
    for email, password in (("nobody@hotline.example", PASSWORD), ("ana@hotline.example", "wrong password!")):
        with pytest.raises(accounts.LoginRefused) as e:
            accounts.sign_in(tipline, email, password)
        assert e.value.locked_until is None


def test_idle_sessions_expire(tipline):
    user = make_user(tipline)
    token = accounts.sign_in(tipline, user.email, PASSWORD)
    assert accounts.second_factor(tipline, token, code_for(user.totp_secret))
    later = datetime.now(UTC) + accounts.SESSION_IDLE + timedelta(minutes=1)
    assert accounts.session_principal(tipline, token, now=later) is None


def test_disabled_account_loses_its_sessions(tipline):
    user = make_user(tipline)
    token = accounts.sign_in(tipline, user.email, PASSWORD)
    assert accounts.second_factor(tipline, token, code_for(user.totp_secret))
    accounts.set_disabled(tipline, user.email, True)
    assert accounts.session_principal(tipline, token) is None
    with pytest.raises(accounts.LoginRefused):
        accounts.sign_in(tipline, user.email, PASSWORD)


def test_tokens_carry_their_scopes_and_can_be_revoked(tipline):
    with pytest.raises(accounts.AccountError, match=r"^scope:"):
        accounts.add_token(tipline, "bot", ["reports:read", "everything"])
    token = accounts.add_token(tipline, "bot", ["reports:read"])
    p = accounts.token_principal(tipline, token)
    assert p is not None and p.can("reports:read") and not p.can("reports:write")
    assert accounts.token_principal(tipline, token + "x") is None
    assert accounts.revoke_token(tipline, "bot") == 1
    assert accounts.token_principal(tipline, token) is None


def test_the_demo_has_a_staff_account_and_a_queue(settings, capsys):
    from tipline.cli import load_demo
    from tipline.service import cases
    from tipline.service.context import Tipline

    path = load_demo(settings, reports=20)
    printed = capsys.readouterr().err
    assert "admin@demo.example" in printed
    demo = Tipline.open(settings.model_copy(update={"database_url": f"sqlite:///{path}"}))
    try:
        [admin] = accounts.list_users(demo)
        from tipline.security.roles import Principal, Role

        page = cases.queue(demo, Principal.for_role(f"user:{admin.id}", Role.admin))
        assert page.total == 20
        assert "networks found" in printed  # the demo's networks are built, so case pages show them
        assert [i.priority for i in page.items] == sorted((i.priority for i in page.items), reverse=True)
    finally:
        demo.close()
