"""``tipline keys …`` (list, generate, rotate, retire) and ``tipline purge``."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

err = Console(stderr=True)
keys_app = typer.Typer(help="Encryption keys: list, rotate, retire.", no_args_is_help=True)


def _open():
    from tipline.cli import _open as open_store

    try:
        return open_store()
    except Exception as e:  # a malformed key or key file: say so, not a traceback
        from tipline.security.crypto import KeyError_

        if isinstance(e, KeyError_):
            err.print(f"[red]error:[/] {e}", highlight=False)
            raise typer.Exit(2) from None
        raise


def _bar() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                    TimeRemainingColumn(), console=err, transient=True, disable=not err.is_terminal)


@keys_app.command("list")
def keys_list() -> None:
    """Every key: its id, whether it is current, and how many records use it."""
    from tipline.service.keys import key_file_mode, list_keys

    tipline = _open()
    infos = list_keys(tipline)
    source = f"key file {tipline.keys.path}" if key_file_mode(tipline) else "TIPLINE_SECRET_KEY"
    tipline.close()
    for k in infos:
        state = "current" if k.current else ("old" if k.in_ring else "MISSING")
        rows = ", ".join(f"{t} {n}" for t, n in sorted(k.rows.items())) or "no records"
        print(f"{k.kid}\t{state}\t{rows}")
    err.print(f"keys from {source}")
    if any(not k.in_ring for k in infos):
        err.print("[red]some records use a key that is not in the key ring: they cannot be read[/]")
        raise typer.Exit(1)


@keys_app.command("generate")
def keys_generate() -> None:
    """Print a new random key (base64) for TIPLINE_SECRET_KEY; nothing is stored."""
    from tipline.security.crypto import generate_key

    print(generate_key())


@keys_app.command("rotate")
def keys_rotate(
    resume: Annotated[bool, typer.Option(
        "--resume", help="Make no new key: move the records still under an older key to the current one "
                         "(after an interrupted rotation, or after changing TIPLINE_SECRET_KEY).")] = False,
    batch: Annotated[int, typer.Option("--batch", min=1, max=100_000, help="Records per transaction.")] = 500,
) -> None:
    """Make a new current key and re-encrypt every record with it (the old keys stay until retired)."""
    from tipline.security.crypto import KeyError_
    from tipline.service import keys

    tipline = _open()
    try:
        if not resume:
            kid = keys.new_key(tipline)
            err.print(f"new current key {kid}")
        total = keys.stale(tipline)
        with _bar() as progress:
            task = progress.add_task("re-encrypting", total=total)
            moved = keys.reencrypt(tipline, batch=batch, on_progress=lambda n: progress.advance(task, n))
    except keys.KeyRefused as e:
        err.print(f"[red]refused:[/] {e}", highlight=False)
        raise typer.Exit(2) from None
    except KeyError_ as e:  # a record that does not decrypt: the rows before it are done, none lost
        err.print(f"[red]error:[/] {e}; the records before it are re-encrypted, run "
                  "`tipline keys rotate --resume` once it is dealt with", highlight=False)
        raise typer.Exit(1) from None
    finally:
        tipline.close()
    err.print(f"{moved} records re-encrypted under key {tipline.keys.current}; older keys can now be retired "
              "(`tipline keys list`, `tipline keys retire <id>`)")


@keys_app.command("retire")
def keys_retire(kid: Annotated[str, typer.Argument(help="The id of the old key (see `tipline keys list`).")]) -> None:
    """Remove an old key; refused while it is current or any record still uses it."""
    from tipline.service import keys

    tipline = _open()
    try:
        keys.retire(tipline, kid)
    except keys.KeyRefused as e:
        err.print(f"[red]refused:[/] {e}", highlight=False)
        raise typer.Exit(2) from None
    finally:
        tipline.close()
    if tipline.keys.path is None:
        err.print(f"no record uses key {kid}: remove it from TIPLINE_OLD_SECRET_KEYS")
    else:
        err.print(f"key {kid} removed from {tipline.keys.path}")


def purge(
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Count what would be erased; change nothing.")]
    = False,
    report: Annotated[list[str] | None, typer.Option(
        "--report", help="Erase this report now, whatever its age (a request received by phone or mail); "
                         "repeatable. Retention is not applied then.")] = None,
) -> None:
    """Erase the personal data of reports past their retention period (TIPLINE_RETENTION_DAYS)."""
    from tipline.service.retention import erase_by_reference
    from tipline.service.retention import purge as run_purge

    tipline = _open()
    if report:
        try:
            outcomes = [(ref, erase_by_reference(tipline, ref, dry_run=dry_run)) for ref in report]
        finally:
            tipline.close()
        for ref, outcome in outcomes:
            print(f"{ref}\t{outcome or 'no such report'}")
        if any(outcome is None for _, outcome in outcomes):
            raise typer.Exit(1)
        return
    days = tipline.settings.retention_days
    try:
        with _bar() as progress:
            task = progress.add_task("erasing", total=None)
            result = run_purge(tipline, dry_run=dry_run, on_progress=lambda n: progress.advance(task, n))
    finally:
        tipline.close()
    for status, n in sorted(result.erased.items()):
        print(f"{status}\t{n}\t(after {days[status]} days)")
    verb = "would erase" if dry_run else "erased"
    err.print(f"{verb} the personal data of {result.total} reports"
              + ("" if dry_run else f" and {result.follow_ups} follow-ups"))
