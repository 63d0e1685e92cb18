"""``tipline networks``: rebuild, list, show and export the networks."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from tipline.config import get_settings

networks_app = typer.Typer(help="Networks of linked reports: rebuild them, list, show and export them.",
                           no_args_is_help=True)
err = Console(stderr=True)


class Engine(StrEnum):
    duckdb = "duckdb"
    spark = "spark"


class ExportFormat(StrEnum):
    json = "json"


def _open():
    from tipline.service.context import Tipline

    return Tipline.open(get_settings())


@networks_app.command("rebuild")
def rebuild(
    engine: Annotated[Engine, typer.Option("--engine", help="duckdb (embedded) or spark.")] = Engine.duckdb,
    snapshot: Annotated[Path | None, typer.Option(
        "--snapshot", help="Keep the Parquet snapshot in this directory (default: a temporary one).")] = None,
    master: Annotated[str, typer.Option("--spark-master", help="Spark master URL (with --engine spark).")
                      ] = "local[2]",
) -> None:
    """Find the networks again from every stored report; ids are kept where networks persist."""
    from tipline.service.networks import STEPS
    from tipline.service.networks import rebuild as run

    spark = None
    if engine == Engine.spark:
        from tipline.link.engines.spark import session

        spark = session(master)
    app = _open()
    with Progress(TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(), console=err,
                  transient=True, disable=not err.is_terminal) as bar:
        task = bar.add_task("networks", total=len(STEPS))

        def tick(step: str, total: int) -> None:
            bar.update(task, advance=1, description=step)

        result = run(app, engine=engine.value, snapshot=snapshot, spark=spark, progress=tick)
    app.close()
    err.print(f"{result.networks} networks holding {result.reports_in_networks} of {result.reports} reports; "
              f"{result.kept_ids} ids kept; {result.flagged} over-shared values flagged "
              f"({', '.join(f'{k} {v:.1f}s' for k, v in result.seconds.items())})")


@networks_app.command("backfill")
def backfill() -> None:
    """Index the evidence (script bands, recipients' name keys) of reports stored before linking."""
    from tipline.service.linking import backfill as run

    app = _open()
    changed = run(app)
    app.close()
    err.print(f"{changed} reports indexed")


@networks_app.command("list")
def list_(limit: Annotated[int, typer.Option(min=1, max=10000)] = 50) -> None:
    """Networks, largest first: id, reports, last activity."""
    from tipline.service.networks import list_networks

    app = _open()
    total, items = list_networks(app, limit=limit)
    app.close()
    for n in items:
        last = n.last_activity.date().isoformat() if n.last_activity else "-"
        print(f"{n.id}\t{n.size}\t{last}")
    err.print(f"{len(items)} of {total} networks")


@networks_app.command("show")
def show(network_id: Annotated[str, typer.Argument(help="A network id (N-…).")]) -> None:
    """One network's profile and reports, as JSON."""
    from tipline.service.networks import show as get

    app = _open()
    detail = get(app, network_id)
    app.close()
    if detail is None:
        err.print(f"[red]error:[/] no network {network_id!r}")
        raise typer.Exit(1)
    s = detail.summary
    json.dump({"id": s.id, "size": s.size, "created_at": s.created_at.isoformat(),
               "rebuilt_at": s.rebuilt_at.isoformat(), "online_joins": s.online_joins, "profile": detail.profile,
               "reports": detail.reports}, sys.stdout, ensure_ascii=False, indent=2)
    print()


@networks_app.command("export")
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", help="json")] = ExportFormat.json,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="A file (default: standard output).")
                      ] = None,
) -> None:
    """Every network: ``{"id", "reports": [external_id or id…], "identifiers": […], "profile": {…}}``."""
    from tipline.service.networks import export as get

    app = _open()
    data = get(app)
    app.close()
    text = json.dumps(data, ensure_ascii=False, indent=2)
    if output is None:
        print(text)
    else:
        output.write_text(text + "\n", encoding="utf-8")
        err.print(f"{len(data)} networks written to {output}")
