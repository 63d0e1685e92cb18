"""Self-harm: the signal that sends a victim to crisis help, in the ways victims and their families
write it (first or third person, slang, plural adjectives), and what must not raise it."""

from __future__ import annotations

import pytest

from tipline.extract.text import extract_text


@pytest.mark.parametrize("text", [
    "Ma fille de 15 ans nous a dit hier soir qu'elle avait des idées suicidaires depuis le chantage.",
    "Il ne dort plus et il parle de se foutre en l'air si la vidéo sort.",
    "jsuis a bout jvais me foutre en l'air ce soir",
    "My cousin said he'd rather die than let his girlfriend see those pictures.",
    "Honestly I would rather be dead than have my boss get that video.",
    "Je préfère plutôt mourir que de voir ça publié.",
    "Parfois je pense que mourir serait plus simple que tout ça.",
    "Notre fils a des scarifications sur l'avant-bras depuis une semaine, il ne parle plus.",
    "L'élève que je reçois présente des scarifications récentes.",
    "My brother swallowed a bunch of pills after the guy posted the clip.",
    "Honestly dying would be easier than facing my parents.",
    "ayoko na, gusto ko na lang mamatay 😭",
])
def test_self_harm_said_in_many_ways_is_read(text):
    assert extract_text(text, "FR", None).signals["self_harm"]


@pytest.mark.parametrize("text", [
    "Il menace de se foutre en l'air si je ne lui envoie pas l'argent.",   # the scammer's pressure tactic
    "I would rather pay nothing than give in to them.",
    "Le site parle des idées reçues sur les arnaques.",
    "She said she'd rather have the money by Friday.",
    "Il porte des scarifications tribales sur les joues, comme son père.",
    "I took my allergy tablets and went to the police station.",
])
def test_what_is_not_the_victims_risk_is_not_read_as_self_harm(text):
    assert not extract_text(text, "FR", None).signals["self_harm"]


@pytest.mark.parametrize("text", [
    "Il m'insulte et me dit d'aller me pendre.", "he told me to kill myself lol",
    "elle m'a écrit de me tuer si je paie pas", "The scammer says I should kill myself",
])
def test_a_scammers_taunt_is_not_the_victims_self_harm(text):
    assert not extract_text(text, "FR").signals["self_harm"]
