"""Command line: ``tipline hash FILES… [--format json]`` and offline hash-list tools.

``hash_app`` is mounted by ``tipline.cli`` as ``tipline hash``: hashing files is its default
command (``tipline hash a.jpg b.mp4``), and ``tipline.cli`` adds ``tipline hash match`` (against
the store's banks) to it. ``lists_app`` (convert a hash list between formats, match files against
one) is mounted as ``tipline hashlist``. Nothing here touches the database.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import click
import typer
from rich.console import Console
from rich.table import Table
from typer.core import TyperGroup

from tipline.hashing.bank import Banks
from tipline.hashing.errors import HashingError
from tipline.hashing.formats import FORMATS, read_text, write
from tipline.hashing.hasher import hash_file, hash_files
from tipline.hashing.pdq import MATCH_THRESHOLD

err = Console(stderr=True)


class Output(StrEnum):
    table = "table"
    json = "json"


def hash_command(
    files: Annotated[list[Path], typer.Argument(help="Image or other files to hash.")],
    format: Annotated[Output, typer.Option("--format", "-f", help="table for people, json for programs.")]
    = Output.table,
) -> None:
    """Hash files: PDQ (as stored, and as displayed when EXIF rotates it), quality, MD5, SHA-256;
    for a video, its vPDQ frames.

    Only the hashes are printed; nothing is stored or sent. Exit code 1 when a file could not be
    hashed (its row says why).
    """
    rows = hash_files(files)
    if format is Output.json:
        sys.stdout.write(json.dumps(rows, indent=2) + "\n")
    else:
        # hashes are copied by people: never truncate or fold them; the file name and note wrap
        table = Table(box=None, pad_edge=False)
        table.add_column("file", overflow="fold")
        table.add_column("pdq", min_width=64, no_wrap=True)
        table.add_column("quality", justify="right")
        table.add_column("md5", min_width=32, no_wrap=True)
        table.add_column("note", overflow="fold")
        for r in rows:
            note = r["error"] or (f"as displayed: {r['pdq_oriented']}" if r["pdq_oriented"] else "")
            if r.get("vpdq"):
                note = f"video: {len(r['vpdq'])} vPDQ frames (--format json prints them)"
            table.add_row(str(r["file"]), r["pdq"] or "-", "" if r["quality"] is None else str(r["quality"]),
                          r["md5"] or "-", str(note))
        out = Console()
        if not out.is_terminal:
            out = Console(width=240)  # piped: one row per line
        out.print(table)
    if any(r["error"] is not None for r in rows):
        raise typer.Exit(1)


class _FilesByDefault(TyperGroup):
    """``tipline hash FILES…`` runs the hidden ``files`` command; ``tipline hash match …`` the subcommand.
    (Click has no default subcommand; a file literally called ``match`` is hashed as ``./match``.)"""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = ["files", *args]
        return super().parse_args(ctx, args)


hash_app = typer.Typer(
    cls=_FilesByDefault, no_args_is_help=True,
    help="Hash files on this machine (PDQ for pictures, vPDQ for videos, MD5, SHA-256); they never leave it.\n\n"
         "tipline hash FILES… [--format json]   hash files\n\n"
         "tipline hash match FILES…             hash files and match them against the banks")
hash_app.command("files", hidden=True)(hash_command)


lists_app = typer.Typer(help="Hash lists (ThreatExchange, HMA formats), offline.", no_args_is_help=True)


def _read_list(path: Path, list_format: str | None, signal_type: str | None):
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        err.print(f"[red]error:[/] {path}: {e}")
        raise typer.Exit(2) from None
    result = read_text(text, format=list_format, signal_type=signal_type)
    for number, reason in result.errors:
        err.print(f"{path}:{number}: {reason}", highlight=False, soft_wrap=True)
    return result


@lists_app.command("convert")
def convert_command(
    source: Annotated[Path, typer.Argument(help="A hash list: signal lines, dataset CSV or HMA JSON.")],
    to: Annotated[str, typer.Option(help=f"Output format: {', '.join(FORMATS)}.")] = "lines",
    signal_type: Annotated[str | None, typer.Option(help="Type of bare hashes (e.g. pdq).")] = None,
    threatexchange_names: Annotated[bool, typer.Option(help="Write video_md5/video_sha256 for md5/sha256.")]
    = False,
) -> None:
    """Convert a hash list between formats (written to standard output)."""
    if to not in FORMATS:
        err.print(f"[red]error:[/] --to must be one of {', '.join(FORMATS)}")
        raise typer.Exit(2)
    result = _read_list(source, None, signal_type)
    count = write(result.records, sys.stdout, to, threatexchange_names=threatexchange_names)
    err.print(f"{count} hashes, {len(result.errors)} lines refused")
    if result.errors:
        raise typer.Exit(1)


@lists_app.command("match")
def match_command(
    hash_list: Annotated[Path, typer.Argument(help="The hash list to match against.")],
    files: Annotated[list[Path], typer.Argument(help="Files to hash and match.")],
    max_distance: Annotated[int, typer.Option(help="Largest PDQ distance that matches.")] = MATCH_THRESHOLD,
    signal_type: Annotated[str | None, typer.Option(help="Type of bare hashes in the list.")] = None,
) -> None:
    """Hash files and print the list's hashes they match (rotations and flips included), as JSON lines."""
    result = _read_list(hash_list, None, signal_type)
    banks = Banks()
    bank = banks.bank(hash_list.name)
    for i, r in enumerate(result.records):
        try:
            bank.add(i, r.signal_type, r.value)
        except HashingError as e:
            err.print(f"{hash_list}: {r.value}: {e}")
    for path in files:
        hashed = hash_file(path)
        if hashed.error:
            err.print(f"{path}: {hashed.error}", highlight=False)
        for m in banks.match_file(hashed, max_distance=max_distance):
            sys.stdout.write(json.dumps({"file": str(path), **m.as_dict()}) + "\n")
