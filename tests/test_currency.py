from decimal import Decimal

import pytest

from tipline.currency import RateTableError, load_rates, parse_rates


def test_shipped_table_is_dated_and_has_the_scam_currencies():
    table = load_rates()
    assert table.base == "EUR"
    for code in ("EUR", "USD", "GBP", "CAD", "XOF", "MAD", "PHP"):
        assert table.knows(code), code
    assert "MAD" in table.approximate and "USD" not in table.approximate


def test_conversion_through_the_base():
    table = parse_rates('date = 2026-01-01\nbase = "EUR"\n[rates]\nEUR = "1"\nUSD = "1.25"\nXOF = "655.957"\n')
    assert table.convert(Decimal("125"), "USD", "EUR") == Decimal("100.00")
    assert table.convert("100", "eur", "USD") == Decimal("125.00")
    # 800 USD to CFA francs: 800 / 1.25 * 655.957
    assert table.convert(800, "USD", "XOF") == Decimal("419812.48")
    assert table.convert(5, "BTC", "EUR") is None


@pytest.mark.parametrize(
    "text",
    [
        "not toml ===",
        'base = "EUR"\n[rates]\nEUR = "1"\n',  # no date
        'date = 2026-01-01\nbase = "EUR"\n[rates]\nUSD = "1.1"\n',  # base missing
        'date = 2026-01-01\nbase = "EUR"\n[rates]\nEUR = "1"\nUSD = "-1"\n',
        'date = 2026-01-01\nbase = "EUR"\n[rates]\nEUR = "1"\nUSD = "abc"\n',
        'date = 2026-01-01\nbase = "EUR"\n[rates]\nEUR = "1"\nDOLLARS = "1"\n',
    ],
)
def test_bad_tables_are_refused_with_a_reason(text):
    with pytest.raises(RateTableError):
        parse_rates(text)
