"""Places: the curated table first, then the world's cities from GeoNames where a place is expected."""

from __future__ import annotations

import pytest

from tipline.extract.text import extract_text


@pytest.mark.parametrize(("text", "expected"), [
    ("I'm a 20-year-old student in Leicester and someone recorded me.", ["GB"]),
    ("Ma mère vit à Besançon et elle a reçu un message.", ["FR"]),
    ("My sister in Kaduna is being blackmailed.", ["NG"]),
    ("We live near Hobart and our son was targeted.", ["AU"]),
    ("We sent it via Palawan to Mark Reyes, Cebu City.", ["PH"]),  # the curated "Cebu", read anywhere
    ("Je suis à Sherbrooke, Ontario non, Québec.", ["CA"]),  # "Ontario": the province, not California's city
])
def test_cities_of_the_world_where_a_place_is_expected(text, expected):
    assert extract_text(text, "FR", None).places == expected


@pytest.mark.parametrize("text", [
    "Sofia: ajoute moi sur snap",           # a chat speaker named like Bulgaria's capital
    "Cela n'a pas suffi, il veut plus.",    # a French word that is a town in Angola
    "j'ai envoyé 100 € à Konan Aya Prisca",  # a person's name after "à"
    "I bought the card au Carrefour du coin",
    "my friend lives in leicester square lol",  # no capital: not read
])
def test_names_that_are_not_places_here(text):
    assert extract_text(text, "FR", None).places == []
