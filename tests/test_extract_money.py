"""Amounts and their roles: the rules added after the blind sets (each in its own words, with the
wordings that must not match next to the ones that must)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tipline.extract import extract_text


def money(text: str, country: str) -> list[tuple[Decimal, str, str]]:
    return [(m.amount, m.currency, m.role) for m in extract_text(text, country).money]


def expect(*rows: tuple[str, str, str]) -> list[tuple[Decimal, str, str]]:
    return [(Decimal(a), c, r) for a, c, r in rows]


@pytest.mark.parametrize(("text", "country", "expected"), [
    # "ne" inside a word is no negation: "une semaine", "Brisbane", "repas"
    ("Il y a une semaine j'ai payé 300 € par Transcash.", "FR", expect(("300", "EUR", "paid"))),
    ("Back in Brisbane I paid him $200 in gift cards.", "AU", expect(("200", "AUD", "paid"))),
    ("Après le repas j'ai versé 150 € sur son compte.", "BE", expect(("150", "EUR", "paid"))),
    # a negation is still one
    ("Je ne lui ai rien versé des 300 € demandés.", "FR", expect(("300", "EUR", "demanded"))),
    ("I have not paid the $200 he asked for.", "US", expect(("200", "USD", "demanded"))),
])
def test_negation_is_a_word(text, country, expected):
    assert money(text, country) == expected


@pytest.mark.parametrize(("text", "country", "expected"), [
    # a demand then met, however the payment is told: the object before the verb, any person paying,
    # the amount named by "that", a plain "and", a dot inside an address on the way
    ("Elle voulait 80 000 FCFA, je les ai envoyés par Orange Money.", "CI",
     expect(("80000", "XOF", "demanded"), ("80000", "XOF", "paid"))),
    ("He asked for $700 and I wired exactly that the same night.", "US",
     expect(("700", "USD", "demanded"), ("700", "USD", "paid"))),
    ("Il exigeait 60 € en coupon. L'un d'eux a payé, les autres non.", "FR",
     expect(("60", "EUR", "demanded"), ("60", "EUR", "paid"))),
    ("- demanded $150 in cards (the student paid, code withheld)", "US",
     expect(("150", "USD", "demanded"), ("150", "USD", "paid"))),
    ("Il réclame 300 € sur PayPal (m.dupont.pay@mail.fr) sinon il publie, il a tout versé, et il en veut plus.",
     "FR", expect(("300", "EUR", "demanded"), ("300", "EUR", "paid"))),
    # the payment's clause is the first amount's; the next amount is a new demand
    ("Ils m'ont demandé 90 € que j'ai payés par carte, puis 140 € de plus.", "FR",
     expect(("90", "EUR", "demanded"), ("90", "EUR", "paid"), ("140", "EUR", "demanded"))),
    # not met: refused, or another amount paid
    ("He asked for $700 and I said no.", "US", expect(("700", "USD", "demanded"))),
    ("He asked for $700 and I sent $100.", "US", expect(("700", "USD", "demanded"), ("100", "USD", "paid"))),
    ("Elle voulait 80 000 FCFA, je ne les ai pas envoyés.", "CI", expect(("80000", "XOF", "demanded"))),
])
def test_a_demand_met(text, country, expected):
    assert sorted(money(text, country)) == sorted(expected)


@pytest.mark.parametrize(("text", "country", "expected"), [
    # an obligation is a demand
    ("He told me I had to prove I'm real by buying a $150 Steam card.", "US", expect(("150", "USD", "demanded"))),
    ("Il disait que je devais verser 250 € pour débloquer mon compte.", "FR", expect(("250", "EUR", "demanded"))),
    # money promised, in quotes or not, is neither asked nor paid
    ('They wanted R900 more to withdraw my "profits" of R5,200.', "ZA", expect(("900", "ZAR", "demanded"))),
    ("to unlock my earnings of $3,000 I had to pay a $90 fee", "US", expect(("90", "USD", "demanded"))),
])
def test_obligations_and_promises(text, country, expected):
    assert sorted(money(text, country)) == sorted(expected)
