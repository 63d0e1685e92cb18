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
