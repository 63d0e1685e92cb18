"""A network's profile: who it targets, where its money goes, how it grows. Counts, never content.

``profiles`` runs a few aggregate queries over the snapshot (DuckDB, whatever engine built the
networks: profiles are small sums, the graph was the heavy part) joined to the network membership;
``money`` converts with the shipped, dated rate table into one reporting currency.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from decimal import Decimal

import duckdb
import pyarrow as pa

from tipline.currency import RateTable

GROWTH_MONTHS = 6
TOP_IDENTIFIERS = 25


_IDENT_BASE = ("FROM membership m JOIN report_identifiers ri ON ri.report_id = m.report_id "
               "JOIN identifiers i ON i.id = ri.identifier_id")
_TOP_SQL = """
    SELECT network_id, kind, value, n, flagged FROM (
      SELECT m.network_id, i.kind, i.value, count(DISTINCT m.report_id) AS n,
             i.id IN (SELECT identifier_id FROM flagged) AS flagged,
             row_number() OVER (PARTITION BY m.network_id
                                ORDER BY count(DISTINCT m.report_id) DESC, i.kind, i.value) AS rank
      """ + _IDENT_BASE + """ GROUP BY m.network_id, i.id, i.kind, i.value)
    WHERE rank <= """ + str(TOP_IDENTIFIERS) + " ORDER BY network_id, rank"  # noqa: S608 (constants only)


def _counts(con: duckdb.DuckDBPyConnection, sql: str) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for network, key, n in con.execute(sql).fetchall():
        out[network][key if key is not None else "unknown"] = int(n)
    return out


def profiles(con: duckdb.DuckDBPyConnection, membership: pa.Table, rates: RateTable, currency: str,
             flagged: set[int]) -> dict[str, dict]:
    """Network id -> profile; ``membership`` has columns (report_id, network_id)."""
    con.register("membership", membership)
    # An Arrow column, not one INSERT per id: a flagged photo is thousands of pictures
    con.register("flagged", pa.table({"identifier_id": pa.array(sorted(flagged), type=pa.int64())}))
    base = "FROM membership m JOIN reports r ON r.id = m.report_id"
    span = dict((n, (a, b, c)) for n, a, b, c in con.execute(
        f"SELECT m.network_id, min(r.received_at), max(r.received_at), count(*) {base} GROUP BY 1").fetchall())
    latest = con.execute("SELECT max(received_at) FROM reports").fetchone()[0]
    age = _counts(con, f"SELECT m.network_id, r.victim_age_band, count(*) {base} GROUP BY 1, 2")
    gender = _counts(con, f"SELECT m.network_id, r.victim_gender, count(*) {base} GROUP BY 1, 2")
    victims_in = _counts(con, f"SELECT m.network_id, r.victim_country, count(*) {base} GROUP BY 1, 2")
    platforms = _counts(con, f"SELECT m.network_id, r.platform_first_contact, count(*) {base} GROUP BY 1, 2")
    money_base = "FROM membership m JOIN money y ON y.report_id = m.report_id"
    channels = _counts(con, f"SELECT m.network_id, y.method, count(*) {money_base} WHERE y.role = 'payment' "
                            "GROUP BY 1, 2")
    destinations = _counts(con, f"SELECT m.network_id, y.destination_country, count(*) {money_base} "
                                "WHERE y.destination_country IS NOT NULL GROUP BY 1, 2")
    ident_base = ("FROM membership m JOIN report_identifiers ri ON ri.report_id = m.report_id "
                  "JOIN identifiers i ON i.id = ri.identifier_id")
    phone_countries = _counts(con, f"SELECT m.network_id, i.country, count(DISTINCT i.id) {ident_base} "
                                   "WHERE i.kind = 'phone' AND i.country IS NOT NULL GROUP BY 1, 2")
    kinds = _counts(con, f"SELECT m.network_id, i.kind, count(DISTINCT i.id) {ident_base} GROUP BY 1, 2")
    top: dict[str, list[dict]] = defaultdict(list)
    for network, kind, value, n, is_flagged in con.execute(
            _TOP_SQL).fetchall():
        top[network].append({"kind": kind, "value": value, "reports": int(n), **({"flagged": True}
                                                                                if is_flagged else {})})
    sums: dict[str, dict[str, dict[str, Decimal]]] = defaultdict(lambda: defaultdict(dict))
    for network, role, cur, amount in con.execute(
            f"SELECT m.network_id, y.role, y.currency, sum(y.amount) {money_base} GROUP BY 1, 2, 3").fetchall():
        sums[network][role][cur] = Decimal(amount)
    months: dict[str, dict[str, int]] = defaultdict(dict)
    if latest is not None:
        for network, month, n in con.execute(
                f"SELECT m.network_id, strftime(r.received_at, '%Y-%m'), count(*) {base} "
                f"WHERE r.received_at > ?::TIMESTAMPTZ - INTERVAL {GROWTH_MONTHS} MONTH GROUP BY 1, 2",
                [latest]).fetchall():
            months[network][month] = int(n)
    con.unregister("membership")
    out = {}
    for network, (first, last, size) in span.items():
        out[network] = {
            "reports": int(size),
            "first_activity": _iso(first), "last_activity": _iso(last),
            "identifiers_by_kind": kinds.get(network, {}),
            "top_identifiers": top.get(network, []),
            "countries": {"phone_prefixes": phone_countries.get(network, {}),
                          "payment_destinations": destinations.get(network, {}),
                          "victims": victims_in.get(network, {})},
            "platforms": platforms.get(network, {}),
            "payment_channels": channels.get(network, {}),
            "victims": {"age_band": age.get(network, {}), "gender": gender.get(network, {})},
            "money": money(sums.get(network, {}), rates, currency),
            "growth": dict(sorted(months.get(network, {}).items())),
        }
    return out


def money(sums: dict[str, dict[str, Decimal]], rates: RateTable, currency: str) -> dict:
    """Demanded and paid, each converted to ``currency`` at the table's date; unknown currencies named."""
    out: dict = {"currency": currency, "rates_date": rates.date.isoformat()}
    for role, key in (("demand", "demanded"), ("payment", "paid")):
        total, unknown = Decimal(0), []
        for cur, amount in sorted(sums.get(role, {}).items()):
            converted = rates.convert(amount, cur, currency)
            if converted is None:
                unknown.append(cur)
            else:
                total += converted
        out[key] = str(total)
        if unknown:
            out[f"{key}_unconverted_currencies"] = unknown
    return out


def _iso(value: datetime | None) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value is not None else None
