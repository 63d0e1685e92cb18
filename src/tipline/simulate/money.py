"""Amounts demanded and paid, in the victim's currency, and the ways people write them.

Scammers ask round sums sized to the victim's country: 800 or 1 500 dollars to a Canadian,
500 euros to a French student, tens of thousands of dirhams to a Moroccan, a few hundred thousand
CFA francs in West Africa. About a third of victims pay, often in parts, often more than once.
"""

from __future__ import annotations

import random

from tipline.simulate.pick import Weighted, one

_BASE = Weighted({200: 6, 300: 10, 400: 5, 500: 16, 800: 12, 1000: 15, 1500: 12, 2000: 9, 2500: 4,
                  3000: 5, 5000: 4, 10000: 2})
_MINOR = Weighted({50: 10, 100: 20, 150: 8, 200: 18, 300: 14, 500: 14, 800: 6, 1000: 6})
# Multiplier from the euro-like scale to each currency's habitual round sums.
_SCALE = {"EUR": 1, "USD": 1, "CAD": 1, "CHF": 1, "GBP": 0.8, "MAD": 10, "XOF": 250}
_ROUND = {"EUR": 50, "USD": 50, "CAD": 50, "CHF": 50, "GBP": 50, "MAD": 500, "XOF": 5000}
_MA_BIG = Weighted({5000: 10, 10000: 18, 15000: 8, 20000: 14, 30000: 10, 50000: 14, 70000: 4, 100000: 5})
_XOF = Weighted({50000: 12, 100000: 20, 150000: 10, 200000: 18, 300000: 12, 500000: 12, 1000000: 5})


def demand_amount(rng: random.Random, currency: str, scale: float, minor: bool) -> int:
    if currency == "MAD" and not minor:
        return _MA_BIG.pick(rng)
    if currency == "XOF" and not minor:
        return _XOF.pick(rng)
    base = (_MINOR if minor else _BASE).pick(rng) * (scale if not minor else 1.0)
    value = base * _SCALE[currency]
    step = _ROUND[currency] if value >= 200 * _SCALE[currency] else _ROUND[currency] // 5 or 10
    return max(step, round(value / step) * step)


def partial(rng: random.Random, demanded: int, currency: str) -> int:
    """What a victim manages to send: all, half, "what I had", a round figure below the ask."""
    r = rng.random()
    if r < 0.45:
        return demanded
    step = _ROUND[currency] // 5 or 10
    share = one(rng, (0.2, 0.25, 0.3, 0.4, 0.5, 0.5, 0.6, 0.75))
    return max(step, round(demanded * share / step) * step)


def gift_amount(rng: random.Random, currency: str, demanded: int) -> int:
    """Prepaid cards come in denominations of 25–250: the total is a multiple of one."""
    card = one(rng, (50, 100, 100, 150, 250)) if currency != "GBP" else one(rng, (25, 50, 100))
    count = max(1, min(10, round(demanded * rng.uniform(0.2, 0.8) / card)))
    return card * count


_SYMBOL_EN = {"USD": "$", "CAD": "$", "GBP": "£", "EUR": "€"}
_WORDS_FR = {200: "deux cents", 300: "trois cents", 500: "cinq cents", 800: "huit cents", 1000: "mille",
             1500: "mille cinq cents", 2000: "deux mille", 3000: "trois mille", 5000: "cinq mille"}


def _thousands(amount: int, sep: str) -> str:
    return f"{amount:,}".replace(",", sep)


def say_amount(rng: random.Random, amount: int, currency: str, lang: str, dialect: str | None) -> str:
    """An amount as a victim or a scammer writes it: "1500$", "1 500 €", "300 balles", "£500", "1.5k"."""
    r = rng.random()
    if lang == "fr":
        if currency in ("EUR", "CHF") and amount in _WORDS_FR and r < 0.08:
            return _WORDS_FR[amount] + (" euros" if currency == "EUR" else " francs")
        if currency == "EUR":
            if r < 0.3:
                return f"{amount} €"
            if r < 0.5:
                return f"{amount}€"
            if r < 0.7:
                return f"{amount} euros"
            if r < 0.8 and amount < 1000:
                return f"{amount} balles"
            if r < 0.9:
                return f"{_thousands(amount, ' ')} €"
            return f"{amount}e"
        if currency == "CAD":
            if r < 0.45:
                return f"{amount}$"
            if r < 0.7:
                return f"{amount} $"
            if r < 0.8 and dialect == "qc":
                return f"{amount} piasses"
            if r < 0.9:
                return f"{amount} dollars"
            return f"{_thousands(amount, ' ')} $ CAD"
        if currency == "CHF":
            return one(rng, (f"{amount} CHF", f"{amount} francs", f"{amount}.-", f"CHF {amount}.-"))
        if currency == "MAD":
            return one(rng, (f"{_thousands(amount, ' ')} dirhams", f"{amount} DH", f"{amount} dh",
                             f"{_thousands(amount, ' ')} DH"))
        if currency == "XOF":
            return one(rng, (f"{_thousands(amount, ' ')} FCFA", f"{_thousands(amount, '.')} F",
                             f"{amount // 1000} mille francs", f"{amount} cfa"))
        if currency == "GBP":
            return one(rng, (f"{amount} livres", f"{amount} £", f"£{amount}"))
        return one(rng, (f"{amount} dollars", f"{amount}$", f"{amount} USD"))
    symbol = _SYMBOL_EN.get(currency)
    if symbol and r < 0.5:
        return f"{symbol}{amount if r < 0.35 else _thousands(amount, ',')}"
    if r < 0.6 and amount >= 1000 and amount % 500 == 0 and currency in ("USD", "CAD", "GBP", "EUR"):
        return f"{amount / 1000:g}k"
    if currency == "GBP":
        return one(rng, (f"{amount} pounds", f"{amount} quid" if amount < 1000 else f"{amount} pounds",
                         f"£{amount}"))
    if currency in ("USD", "CAD"):
        return one(rng, (f"{amount} dollars", f"{amount} {currency}", f"${amount}"))
    names = {"EUR": "euros", "CHF": "francs", "MAD": "dirhams", "XOF": "CFA francs"}
    return f"{amount} {names.get(currency, currency)}" if rng.random() < 0.7 else f"{amount} {currency}"
