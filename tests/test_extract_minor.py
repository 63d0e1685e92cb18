"""The minor signal (child-protection routes depend on it): ages written as ranges or in brackets,
school years as different countries name them; and what is not a minor."""

from __future__ import annotations

import pytest

from tipline.extract.text import extract_text


@pytest.mark.parametrize(("text", "country"), [
    ("Trois élèves de 3e (14-15 ans) m'ont signalé le même compte", "FR"),
    ("four of our 8th graders (ages 13-14) have been targeted", "US"),
    ("My brother is in class 10 (15 yrs). A fake girl profile recorded him", "IN"),
    ("je suis en rhéto. Il m'écrit sur snap et veut 500 €", "BE"),
    ("mon fils (15 ans) s'est fait piéger", "FR"),
])
def test_a_minor_is_read(text, country):
    assert extract_text(text, country).signals["minor"]


@pytest.mark.parametrize(("text", "country"), [
    ("un profil (16-17 ans soi-disant) m'a écrit sur Insta", "FR"),   # the age a fake profile claims
    ("Un profil « Manon (16 ans) » m'a écrit", "FR"),
    ("I was with my friends (20-25 yrs) at the bar", "US"),
    ("ça dure depuis (10-12 jours)", "FR"),
    ("je suis prof, mes élèves de 3e ont vu passer le compte", "FR"),  # the teacher is the reporter
    ("he is aged 25 to 30", "US"),
])
def test_not_a_minor(text, country):
    assert not extract_text(text, country).signals["minor"]
