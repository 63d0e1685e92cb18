"""The ``tipline`` command."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

from tipline.config import Settings, get_settings

app = typer.Typer(help="tipline: a tipline for hotlines and police cyber units fighting sextortion.",
                  no_args_is_help=True, pretty_exceptions_enable=False)
db_app = typer.Typer(help="The database.", no_args_is_help=True)
app.add_typer(db_app, name="db")
audit_app = typer.Typer(help="The tamper-evident audit log.", no_args_is_help=True)
app.add_typer(audit_app, name="audit")


def _mount_hashing() -> None:
    from tipline.hashing.cli import hash_app, lists_app

    app.add_typer(hash_app, name="hash")  # `hash match` is added below, next to the bank commands
    app.add_typer(lists_app, name="hashlist")


_mount_hashing()


def _mount_staff() -> None:
    from tipline.cli_staff import tokens_app, triage_app, users_app

    app.add_typer(users_app, name="users")
    app.add_typer(tokens_app, name="tokens")
    app.add_typer(triage_app, name="triage")


_mount_staff()


def _mount_data_protection() -> None:
    from tipline.security.cli import keys_app, purge

    app.add_typer(keys_app, name="keys")
    app.command("purge")(purge)


_mount_data_protection()


def _mount_stats() -> None:
    from tipline.stats.cli import stats_command

    app.command("stats", help="Counts, shares, money and trends of the reports (table, CSV or JSON).")(stats_command)


_mount_stats()


def _mount_networks() -> None:
    from tipline.link.cli import networks_app

    app.add_typer(networks_app, name="networks")


_mount_networks()


bank_app = typer.Typer(help="Hash banks in the store: lists of hashes that platforms match against.",
                       no_args_is_help=True)
app.add_typer(bank_app, name="bank")


@bank_app.command("list")
def bank_list() -> None:
    """Every bank with its source and size."""
    from tipline.service.hashbank import bank_counts

    tipline = _open()
    for name, source, enabled, count in bank_counts(tipline):
        print(f"{name}\t{source}\t{'matching' if enabled else 'off'}\t{count}")
    tipline.close()


@bank_app.command("import")
def bank_import(
    file: Annotated[Path, typer.Argument(help="A hash list: ThreatExchange lines or dataset CSV, or HMA JSON.")],
    name: Annotated[str, typer.Option("--name", help="The bank to add to (created if new).")],
    list_format: Annotated[str | None, typer.Option("--format", help="lines, csv or hma; guessed if absent.")] = None,
    source: Annotated[str, typer.Option("--source", help="Where the list comes from.")] = "partner",
) -> None:
    """Add a list's hashes to a bank; bad lines are named and skipped (exit code 1)."""
    from tipline.hashing import read_text
    from tipline.service.hashbank import HashIn, add_hashes

    try:
        result = read_text(file.read_text(encoding="utf-8-sig"), format=list_format)
    except (OSError, UnicodeDecodeError, ValueError) as e:
        err.print(f"[red]error:[/] {file}: {e}")
        raise typer.Exit(2) from None
    _print_line_errors(file, result.errors)
    tipline = _open()
    added = add_hashes(tipline, name, [HashIn(r.signal_type, r.value) for r in result.records], source,
                       actor="cli:bank-import")
    tipline.close()
    err.print(f"bank {name}: {added} new hashes, {len(result.records) - added} already there, "
              f"{len(result.errors)} bad lines")
    if result.errors:
        raise typer.Exit(1)


@bank_app.command("export")
def bank_export(
    name: Annotated[str, typer.Argument(help="The bank.")],
    to: Annotated[str, typer.Option("--to", help="lines (ThreatExchange), csv (ThreatExchange dataset) or hma.")]
    = "lines",
    out: Annotated[Path | None, typer.Option("--out", help="File to write; standard output if absent.")] = None,
) -> None:
    """Write a bank in a format the ThreatExchange tools or HMA load."""
    from tipline.hashing import SignalRecord, write
    from tipline.hashing.formats import FORMATS
    from tipline.service.hashbank import bank_signals

    if to not in FORMATS:
        err.print(f"[red]error:[/] --to must be one of {', '.join(FORMATS)}")
        raise typer.Exit(2)
    tipline = _open()
    signals = bank_signals(tipline, name)
    tipline.close()
    if signals is None:
        err.print(f"[red]error:[/] no bank named {name!r}")
        raise typer.Exit(2)
    records = [SignalRecord(kind, value, collab=name) for kind, value in signals]
    if out is None:
        count = write(records, sys.stdout, to, threatexchange_names=to != "lines")
    else:
        with out.open("w", encoding="utf-8") as fh:
            count = write(records, fh, to, threatexchange_names=to != "lines")
    err.print(f"exported {count} hashes")


def hash_match(
    files: Annotated[list[Path], typer.Argument(help="Pictures or videos to hash here and match against the banks.")],
    max_distance: Annotated[int, typer.Option("--max-distance", min=0, max=64,
                                              help="Largest PDQ distance (of a picture, of a video frame).")] = 31,
) -> None:
    """Hash files on this machine and match them against every enabled bank (JSON, one line a file):
    MD5/SHA-256 exactly, PDQ across rotations and flips, vPDQ by its frame percentages."""
    import json

    from tipline.hashing import hash_file
    from tipline.service.hashbank import index_of

    tipline = _open()
    banks = index_of(tipline).banks
    failed = False
    for path in files:
        hashes = hash_file(path)  # problems come back in .error; exact hashes may still match
        record: dict = {"file": str(path),
                        "matches": [m.as_dict() for m in banks.match_file(hashes, max_distance=max_distance)]}
        if hashes.error:
            failed = True
            record["error"] = hashes.error
        print(json.dumps(record))
    tipline.close()
    if failed:
        raise typer.Exit(1)


def _mount_hash_match() -> None:
    from tipline.hashing.cli import hash_app

    hash_app.command("match")(hash_match)
    # the first name it had; kept so that scripts written against it go on working
    bank_app.command("match", hidden=True, help="Same as `tipline hash match`.")(hash_match)


_mount_hash_match()
err = Console(stderr=True)

DEMO_REPORTS = 1500
DEMO_SEED = 2016


def _open(settings: Settings | None = None, upgrade: bool = True):
    from tipline.service.context import Tipline

    return Tipline.open(settings or get_settings(), upgrade=upgrade)


def _print_line_errors(file: Path, errors: list[tuple[int, str]]) -> None:
    """Each bad line of an input file as `file:line: reason`, the way compilers name them."""
    for number, reason in errors:
        err.print(f"{file}:{number}: {reason}", highlight=False, soft_wrap=True)


def _progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TimeRemainingColumn(),
                    console=err, transient=True, disable=not err.is_terminal)


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Create the schema or migrate it to the newest revision."""
    tipline = _open()
    err.print(f"database at revision {tipline.db.current_revision()} ({tipline.db.dialect})")
    tipline.close()


@audit_app.command("verify")
def audit_verify() -> None:
    """Check the audit chain; names each edited, inserted or deleted event and exits 1 if any."""
    from tipline.store import audit

    tipline = _open()
    with tipline.db.read() as session:
        breaks = audit.verify(session, keys=tipline.keys.keys)
    tipline.close()
    for b in breaks:
        err.print(f"audit event {b.event_id}: {b.reason}", highlight=False)
    if breaks:
        raise typer.Exit(1)
    err.print("audit chain intact")


@app.command("import")
def import_(file: Annotated[Path, typer.Argument(help="A JSON-lines file of reports.")]) -> None:
    """Import reports; bad lines are reported with their number and skipped (exit code 1)."""
    from tipline.service.transfer import import_lines

    if not file.is_file():
        err.print(f"[red]error:[/] {file} is not a readable file")
        raise typer.Exit(2)
    tipline = _open()
    with file.open(encoding="utf-8", errors="replace") as fh, _progress() as progress:
        task = progress.add_task("importing", total=file.stat().st_size)
        result = import_lines(tipline, fh, on_line=lambda n: progress.advance(task, n))
    tipline.close()
    _print_line_errors(file, result.errors)
    err.print(f"imported {result.imported}, already present {result.duplicates}, "
              f"failed {len(result.errors)}" + (f", erased at the source {result.erased}" if result.erased else ""))
    if result.errors:
        raise typer.Exit(1)


@app.command("extract")
def extract_(
    country: Annotated[str | None, typer.Option("--country", help="Reporter's country (ISO 3166-1), for "
                                                "national phone numbers and '$'.")] = None,
    language: Annotated[str | None, typer.Option("--language", help="fr or en, when known.")] = None,
) -> None:
    """Read a text on standard input; print the identifiers, money and signals found, as JSON."""
    import json

    from tipline.domain.report import _country, _language
    from tipline.extract import cli_main

    try:
        country = _country(country) if country else None
        language = _language(language) if language else None
    except ValueError as e:
        err.print(f"[red]error:[/] {e}")
        raise typer.Exit(2) from None
    text = sys.stdin.buffer.read().decode("utf-8", errors="replace")
    print(json.dumps(cli_main(text, country, language), ensure_ascii=False))


@app.command("reextract")
def reextract_(
    all_reports: Annotated[bool, typer.Option("--all", help="Every report, not only those read by an "
                                              "older extractor.")] = False,
) -> None:
    """Run extraction again over stored reports (after extraction has improved)."""
    from tipline.service.reextract import reextract, report_ids

    tipline = _open()
    total = len(report_ids(tipline, stale_only=not all_reports))
    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                  TimeRemainingColumn(), console=err, transient=True, disable=not err.is_terminal) as progress:
        task = progress.add_task("re-extracting", total=total)
        result = reextract(tipline, stale_only=not all_reports, on_report=lambda: progress.advance(task))
    tipline.close()
    err.print(f"re-extracted {result.done} reports, failed {len(result.failed)}")
    for report_id in result.failed:
        err.print(f"report {report_id}: its stored document no longer validates; left as it was")
    if result.failed:
        raise typer.Exit(1)


class ExportFormat(StrEnum):
    jsonl = "jsonl"


@app.command("export")
def export(
    format: Annotated[ExportFormat, typer.Option("--format", help="Output format.")] = ExportFormat.jsonl,
    out: Annotated[Path | None, typer.Option("--out", help="File to write; standard output if absent.")] = None,
) -> None:
    """Export every report (decrypted) in the interchange format."""
    from tipline.service.transfer import export_jsonl

    tipline = _open()
    if out is None:
        count = export_jsonl(tipline, sys.stdout)
    else:
        with out.open("w", encoding="utf-8") as fh:
            count = export_jsonl(tipline, fh)
    tipline.close()
    err.print(f"exported {count} reports")


@app.command("simulate")
def simulate(
    reports: Annotated[int, typer.Option("--reports", min=1, help="How many reports.")] = 1000,
    seed: Annotated[int, typer.Option("--seed", help="Same seed, same corpus.")] = 1,
    out: Annotated[Path, typer.Option("--out", help="JSON-lines file to write.")] = Path("simulated.jsonl"),
    noise: Annotated[float, typer.Option("--noise", min=0.0, max=1.0,
                                         help="Share of identifiers misspelled or left out.")] = 0.0,
) -> None:
    """Write a synthetic corpus with ground truth (groups in <out>.truth.jsonl)."""
    from tipline.simulate import write_jsonl

    count = write_jsonl(reports, seed, out, noise=noise)
    err.print(f"wrote {count} reports to {out} and their groups to {out.with_suffix('')}.truth.jsonl")


def load_demo(settings: Settings, reports: int = DEMO_REPORTS) -> Path:
    """A fresh demo database in the data directory, filled with a simulated corpus."""
    from tipline.service.context import Tipline
    from tipline.service.transfer import import_lines
    from tipline.simulate import generate

    path = (settings.data_dir / "demo.sqlite3").resolve()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    demo = settings.model_copy(update={"database_url": f"sqlite:///{path}"})
    tipline = Tipline.open(demo)
    import json

    lines = (json.dumps(sim.report) for sim in generate(reports, DEMO_SEED))
    result = import_lines(tipline, lines)
    err.print(f"demo database {path}: {result.imported} simulated reports")
    from tipline.service.networks import rebuild

    built = rebuild(tipline, actor="demo")
    err.print(f"{built.networks} networks found among them")
    _demo_admin(tipline)
    tipline.close()
    return path


def _demo_admin(tipline) -> None:
    """A staff account for the demo, so that the queue and case pages can be tried at once."""
    import secrets

    from tipline.service.accounts import add_user

    password = secrets.token_urlsafe(12)
    user = add_user(tipline, "admin@demo.example", "admin", password, name="Demo admin", actor="demo")
    err.print("staff pages: /staff — sign in as admin@demo.example with password "
              f"{password} and a recovery code as the second factor: {', '.join(user.recovery_codes[:3])} "
              f"(or add the TOTP secret {user.totp_secret} to an authenticator app)", highlight=False)


@app.command("serve")
def serve(
    demo: Annotated[bool, typer.Option("--demo", help="Start on a fresh demo database.")] = False,
    host: Annotated[str, typer.Option("--host")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port")] = 8000,
    workers: Annotated[int, typer.Option("--workers", min=1)] = 1,
    reader: Annotated[bool, typer.Option("--reader/--no-reader", help="Start the reader beside the web "
                                         "workers (--no-reader: it runs elsewhere, `tipline reader`).")] = True,
) -> None:
    """Run the web service (the embedded SQLite by default; TIPLINE_DATABASE_URL for PostgreSQL).

    Reports posted to the API are stored unread and answered at once; the reader, a separate
    process at a lower CPU priority, reads them (identifiers, links, priority) within moments.
    """
    import multiprocessing

    import uvicorn

    settings = get_settings()
    if demo:
        path = load_demo(settings)
        os.environ["TIPLINE_DATABASE_URL"] = f"sqlite:///{path}"
        get_settings.cache_clear()
    else:
        _open().close()  # create and migrate before the workers start, once
    process = None
    if reader:
        # spawn, not fork: the child opens its own engine and key ring (the environment carries the settings)
        process = multiprocessing.get_context("spawn").Process(target=_reader_process, name="tipline-reader",
                                                               daemon=True)
        process.start()
    err.print(f"tipline on http://{host}:{port}/")
    try:
        uvicorn.run("tipline.web.app:create_app", factory=True, host=host, port=port, workers=workers,
                    proxy_headers=False, log_level="info", access_log=get_settings().access_log)
    finally:
        if process is not None:
            process.terminate()
            process.join(10)


def _reader_process() -> None:
    from tipline.service import reading

    reading.lower_priority()
    _read_forever()


def _read_forever() -> None:
    import signal
    import threading

    from tipline.service import reading

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    tipline = _open(upgrade=False)  # `serve` migrated the store before starting the reader
    try:
        reading.run(tipline, stop)
    finally:
        tipline.close()


@app.command("reader")
def reader_(
    once: Annotated[bool, typer.Option("--once", help="Read what is unread now, then exit.")] = False,
) -> None:
    """Read the reports stored unread (the API's): extraction, links, priority, online linking.

    `tipline serve` starts one; run this where the reader should live apart from the web workers.
    """
    from tipline.service import reading

    if not once:
        err.print("reading unread reports (Ctrl-C stops)")
        _read_forever()
        return
    tipline = _open()
    done = reading.read_pending(tipline)
    left = len(reading.unread(tipline))
    tipline.close()
    err.print(f"read {done} reports" + (f"; {left} could not be read (see `tipline reextract`)" if left else ""))
    if left:
        raise typer.Exit(1)


if __name__ == "__main__":
    app()
