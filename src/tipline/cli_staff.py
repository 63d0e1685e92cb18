"""``tipline users``, ``tipline tokens`` and ``tipline triage``: staff accounts, machine tokens, priorities."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.console import Console

from tipline.config import get_settings

err = Console(stderr=True)
users_app = typer.Typer(help="Staff accounts (the first one made is how a new hotline gets its admin).",
                        no_args_is_help=True)
tokens_app = typer.Typer(help="API tokens for machines, each with explicit scopes.", no_args_is_help=True)
triage_app = typer.Typer(help="The triage queue's priorities.", no_args_is_help=True)


def _open():
    from tipline.service.context import Tipline

    return Tipline.open(get_settings())


def _fail(message: str) -> None:
    err.print(f"error: {message}", highlight=False)
    raise typer.Exit(2)


@users_app.command("add")
def users_add(
    email: Annotated[str, typer.Argument(help="The staff member's e-mail address (their sign-in name).")],
    role: Annotated[str, typer.Option("--role", help="analyst, supervisor, liaison or admin.")],
    name: Annotated[str, typer.Option("--name", help="Shown to colleagues; default: the e-mail's local part.")] = "",
    agency: Annotated[str | None, typer.Option("--agency", help="A liaison's agency (required for liaisons).")] = None,
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read the password from stdin.")] = False,
) -> None:
    """Create an account; prints its TOTP secret and recovery codes once, to give to the person."""
    from tipline.service.accounts import AccountError, add_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = typer.prompt("Password (at least 12 characters)", hide_input=True, confirmation_prompt=True)
    app = _open()
    try:
        new = add_user(app, email, role, password, name=name, agency=agency, actor="cli")
    except AccountError as e:
        _fail(str(e))
    finally:
        app.close()
    print(f"created {new.email} ({role})")
    print(f"TOTP secret: {new.totp_secret}")
    print(f"authenticator URI: {new.totp_uri}")
    print("recovery codes (each works once; keep them offline):")
    for code in new.recovery_codes:
        print(f"  {code}")


@users_app.command("list")
def users_list() -> None:
    """Every account with its role, agency and state."""
    from tipline.service.accounts import list_users

    app = _open()
    for u in list_users(app):
        state = "disabled" if u.disabled else "active"
        print(f"{u.email}\t{u.role}\t{u.agency or '-'}\t{state}\t{u.last_login_at or 'never signed in'}")
    app.close()


@users_app.command("disable")
def users_disable(email: str, enable: Annotated[bool, typer.Option("--enable", help="Enable again.")] = False) -> None:
    """Disable an account (its sessions end at once), or enable it again."""
    from tipline.service.accounts import AccountError, set_disabled

    app = _open()
    try:
        set_disabled(app, email, not enable)
    except AccountError as e:
        _fail(str(e))
    finally:
        app.close()


@tokens_app.command("add")
def tokens_add(
    name: Annotated[str, typer.Argument(help="Which machine or partner the token is for.")],
    scope: Annotated[list[str], typer.Option("--scope", help="reports:read, reports:write, networks:read, "
                                                             "stats:read… (repeat the option).")],
    agency: Annotated[str | None, typer.Option("--agency", help="Limit to cases referred to this agency.")] = None,
    days: Annotated[int | None, typer.Option("--days", min=1, help="Expire after this many days.")] = None,
) -> None:
    """Create a bearer token; it is printed once and stored only as a hash."""
    from tipline.service.accounts import AccountError, add_token

    app = _open()
    try:
        token = add_token(app, name, scope, agency=agency, days=days)
    except AccountError as e:
        _fail(str(e))
    finally:
        app.close()
    print(token)


@tokens_app.command("revoke")
def tokens_revoke(name: str) -> None:
    """Revoke every live token with this name."""
    from tipline.service.accounts import revoke_token

    app = _open()
    n = revoke_token(app, name)
    app.close()
    if not n:
        _fail(f"no live token named {name!r}")
    err.print(f"revoked {n} token(s)")


@triage_app.command("rescore")
def triage_rescore() -> None:
    """Recompute every open case's priority (deadlines come closer with time; run it hourly)."""
    from tipline.service.cases import rescore_all

    app = _open()
    n = rescore_all(app)
    app.close()
    err.print(f"rescored {n} open cases")
