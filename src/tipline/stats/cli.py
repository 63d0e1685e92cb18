"""``tipline stats``: the dashboard's figures in a terminal, as a table, CSV or JSON.

It snapshots the store into a temporary directory (the same Parquet the web reads), aggregates
with DuckDB and prints; nothing is written to the store.
"""

from __future__ import annotations

import csv
import json
import sys
import tempfile
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from tipline.stats.aggregate import DIMENSIONS, Query, StatsQueryError, compute


class By(StrEnum):
    week = "week"
    month = "month"
    quarter = "quarter"
    year = "year"


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def _day(value: str | None, name: str) -> datetime | None:
    if value is None:
        return None
    try:
        day = datetime.strptime(value, "%Y-%m-%d")
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a day as YYYY-MM-DD", param_hint=name) from None
    return day.replace(tzinfo=UTC)


def rows(stats: dict[str, Any]) -> list[tuple[str, str, Any]]:
    """(section, key, value): every figure once, for the table and the CSV."""
    out: list[tuple[str, str, Any]] = [("total", "", stats["total"])]
    out += [("period", p["period"], p["count"]) for p in stats["by_period"]]
    for dimension in DIMENSIONS:
        out += [(dimension, k, v) for k, v in stats[f"by_{dimension}"].items()]
    out += [("paid_share", "", stats["paid_share"]), ("minor_share", "", stats["minor_share"]),
            ("networks_active", "", stats["networks_active"])]
    money = stats["money"]
    for key in ("demanded", "paid"):
        for measure in ("reports", "median", "total"):
            out.append((f"{key}_{money['currency']}", measure, money[key][measure]))
    out += [(f"unconverted_{u['role']}", u["currency"], u["amount"]) for u in money["unconverted"]]
    change = stats["change"]
    out += [("change", f"last_{change['window_months']}_months", change["current"]["count"]),
            ("change", f"previous_{change['window_months']}_months", change["previous"]["count"]),
            ("change", "pct", change["change_pct"])]
    return out


def stats_command(
    since: Annotated[str | None, typer.Option("--since", help="First day counted (YYYY-MM-DD, UTC).")] = None,
    until: Annotated[str | None, typer.Option("--until", help="First day no longer counted (YYYY-MM-DD).")] = None,
    by: Annotated[By, typer.Option("--by", help="Period of the time series.")] = By.month,
    output: Annotated[Format, typer.Option("--format", help="table, csv or json.")] = Format.table,
    window: Annotated[int, typer.Option("--window", help="Months compared with the months before.")] = 6,
) -> None:
    """Counts, shares, money and trends of the reports in the store."""
    from tipline.cli import _open, err
    from tipline.currency import load_rates
    from tipline.store.snapshot import connect, write_snapshot

    try:
        query = Query(since=_day(since, "--since"), until=_day(until, "--until"), by=by.value, window_months=window)
    except StatsQueryError as e:
        err.print(f"[red]error:[/] {e}")
        raise typer.Exit(2) from None
    tipline = _open()
    try:
        settings = tipline.settings
        with tempfile.TemporaryDirectory(prefix="tipline-stats-") as tmp:
            write_snapshot(tipline.db, Path(tmp))
            con = connect(Path(tmp))
            try:
                stats = compute(con, query, load_rates(settings.exchange_rates), settings.reporting_currency)
            except StatsQueryError as e:
                err.print(f"[red]error:[/] {e}")
                raise typer.Exit(2) from None
            finally:
                con.close()
    finally:
        tipline.close()
    if output is Format.json:
        print(json.dumps(stats, indent=2))
    elif output is Format.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["section", "key", "value"])
        writer.writerows(rows(stats))
    else:
        for section, key, value in rows(stats):
            print(f"{section:<28} {key:<24} {'' if value is None else value}")
