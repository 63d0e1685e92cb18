"""Amounts in one currency: a shipped, dated table of exchange rates.

Statistics and network profiles add up demands and payments made in dollars, CFA francs, dirhams
and euros. They convert with one dated table (``rates.toml``: the ECB reference rates of one day,
plus fixed parities and flagged approximations), never with live rates: figures must be
reproducible, and tipline makes no network requests. Pure: no I/O beyond reading the table.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal
from functools import lru_cache
from pathlib import Path

SHIPPED = Path(__file__).with_name("rates.toml")
CENT = Decimal("0.01")


class RateTableError(ValueError):
    """A rate file that cannot be used: missing fields, bad numbers, no base."""


@dataclass(frozen=True)
class RateTable:
    """Units of each currency for one unit of ``base``, as published on ``date``."""

    date: date
    base: str
    rates: dict[str, Decimal]
    approximate: frozenset[str]
    source: str

    def knows(self, currency: str) -> bool:
        return currency.upper() in self.rates

    def convert(self, amount: Decimal | int | str, currency: str, to: str) -> Decimal | None:
        """``amount`` of ``currency`` in ``to``, rounded to the cent; None when either is unknown."""
        src, dst = self.rates.get(currency.upper()), self.rates.get(to.upper())
        if src is None or dst is None:
            return None
        value = Decimal(amount) / src * dst
        return value.quantize(CENT, rounding=ROUND_HALF_EVEN)


def parse_rates(text: str, source: str = "") -> RateTable:
    """A rate table from the TOML text of ``rates.toml``'s shape."""
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise RateTableError(f"{source or 'rate table'}: not TOML ({e})") from e
    on, base = doc.get("date"), str(doc.get("base", "")).upper()
    if not isinstance(on, date):
        raise RateTableError(f"{source or 'rate table'}: `date` must be a TOML date (2026-10-30)")
    rates: dict[str, Decimal] = {}
    approximate: set[str] = set()
    for section in ("rates", "approximate"):
        for code, value in (doc.get(section) or {}).items():
            code = code.upper()
            if len(code) != 3 or not code.isalpha():
                raise RateTableError(f"{source or 'rate table'}: {code!r} is not an ISO 4217 code")
            try:
                rate = Decimal(str(value))
            except ArithmeticError as e:
                raise RateTableError(f"{source or 'rate table'}: {code} = {value!r} is not a number") from e
            if not rate.is_finite() or rate <= 0:
                raise RateTableError(f"{source or 'rate table'}: {code} = {value!r} must be positive")
            rates[code] = rate
            if section == "approximate":
                approximate.add(code)
    if base not in rates or rates[base] != 1:
        raise RateTableError(f"{source or 'rate table'}: the base currency {base!r} must have rate 1")
    return RateTable(on, base, rates, frozenset(approximate), source)


@lru_cache(maxsize=8)
def load_rates(path: Path | None = None) -> RateTable:
    """The table at ``path``, or the shipped one."""
    path = path or SHIPPED
    return parse_rates(path.read_text(encoding="utf-8"), source=str(path))
