"""Identifier kinds: normalising what a reporter typed into a form field."""

from __future__ import annotations

import pytest

from tipline.domain.report import Payment, ScammerIdentifier
from tipline.extract.kinds import iban, money_transfer, phone, profile
from tipline.extract.kinds.registry import normalise_form_identifier, payment_identifiers


def norm(kind: str, value: str, region: str | None = None, platform: str | None = None):
    item = ScammerIdentifier(kind=kind, value=value, platform=platform)
    found = normalise_form_identifier(item, region)
    return found.value if found else None


@pytest.mark.parametrize(("value", "region", "expected", "country"), [
    ("+225 07 58 12 34 56", None, "+2250758123456", "CI"),
    ("00225 0758123456", None, "+2250758123456", "CI"),
    ("07.58.12.34.56", "CI", "+2250758123456", "CI"),
    ("+221 77 123 45 67", None, "+221771234567", "SN"),
    ("+212 6 12 34 56 78", None, "+212612345678", "MA"),
    ("+63 917 123 4567", None, "+639171234567", "PH"),
    ("(514) 555-0199", "CA", "+15145550199", "CA"),
])
def test_phones_become_e164_with_their_country(value, region, expected, country):
    found = phone.normalise(value, region)
    assert found is not None and found.value == expected and found.country == country


@pytest.mark.parametrize("value", ["12/03/2024", "4821093375", "800", "+225 12", "07 58 12 34 56"])
def test_things_that_are_not_phone_numbers(value):
    assert phone.normalise(value, None) is None


@pytest.mark.parametrize(("kind", "value", "platform", "expected"), [
    ("profile_url", "https://m.facebook.com/profile.php?id=100089231234567&ref=xyz", None,
     "facebook:id:100089231234567"),
    ("profile_url", "www.instagram.com/momentssucres/", None, "instagram:momentssucres"),
    ("profile_url", "https://instagram.com/ma.cuisine.au.quotidien__?igshid=y0y4hz5l0it2", None,
     "instagram:ma.cuisine.au.quotidien__"),
    ("profile_url", "https://www.tiktok.com/@Awa.Belle?lang=fr", None, "tiktok:awa.belle"),
    ("profile_url", "https://twitter.com/Someone_1/", None, "x:someone_1"),
    ("profile_url", "https://www.snapchat.com/add/awa_b2024", None, "snapchat:awa_b2024"),
    ("profile_url", "https://t.me/awa_belle", None, "telegram:awa_belle"),
    ("instagram", "@Awa.Belle__", None, "instagram:awa.belle__"),
    ("snapchat", "awa-b", None, "snapchat:awa-b"),
    ("skype", "live:.cid.4f1a9b2c3d", None, "skype:live:.cid.4f1a9b2c3d"),
    ("handle", "@mystery", None, "unknown:mystery"),
    ("handle", "@mystery", "kik", "kik:mystery"),
])
def test_profiles_become_platform_handle(kind, value, platform, expected):
    assert norm(kind, value, platform=platform) == expected


@pytest.mark.parametrize("value", ["https://www.facebook.com/groups/12345", "https://instagram.com/p/Cx1/",
                                   "https://example.com/awa"])
def test_pages_that_are_not_accounts_are_not_profiles(value):
    assert profile.normalise(value) is None


def test_a_whatsapp_account_is_its_phone_number():
    assert norm("whatsapp", "+225 07 58 12 34 56") == "+2250758123456"


def test_email_is_lower_cased_and_validated():
    assert norm("email", "Awa.Belle@Example.ORG") == "awa.belle@example.org"
    assert norm("email", "not an email") is None


def test_iban_checks_mod_97():
    assert iban.normalise("FR76 3000 6000 0112 3456 7890 189").value == "FR7630006000011234567890189"
    assert iban.normalise("FR76 3000 6000 0112 3456 7890 188") is None


def test_transfer_references_follow_the_operators_formats():
    assert money_transfer.normalise_reference("482-109-3375", "western_union").value == "wu:4821093375"
    assert money_transfer.normalise_reference("48210933", "western_union") is None
    assert money_transfer.normalise_reference("1234 5678", "moneygram").value == "mg:12345678"


def test_recipient_names_ignore_accents_case_and_word_order():
    a = money_transfer.normalise_recipient("Kouassi Yao Serge", "CI")
    b = money_transfer.normalise_recipient("KOUASSI  Serge Yao", "CI")
    c = money_transfer.normalise_recipient("Kouassi Yao Serge", "SN")
    d = money_transfer.normalise_recipient("Aïcha Ndiaye", "SN")
    assert a.value == b.value != c.value
    assert d.value == "SN:aicha ndiaye"


def test_a_payment_names_its_reference_and_recipient():
    payment = Payment(amount="800", currency="CAD", method="western_union", destination_country="CI",
                      recipient_name="Kouassi Yao Serge", reference="482 109 3375")
    assert {i.value for i in payment_identifiers(payment)} == {"wu:4821093375", "CI:kouassi serge yao"}


def test_a_value_typed_as_other_is_recognised():
    assert norm("other", "00225 0758123456") == "+2250758123456"
    assert norm("other", "x@y.org") == "x@y.org"
    assert norm("other", "just some words") is None
