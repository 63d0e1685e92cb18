"""Signals: the rules added after the blind sets, each with wordings that must and must not fire
(written for these tests, not taken from the labelled sets)."""

from __future__ import annotations

import pytest

from tipline.extract import extract_text


def fires(text: str, signal: str, country: str | None = None) -> bool:
    return extract_text(text, country).signals[signal]


@pytest.mark.parametrize(("text", "expected"), [
    # a limit said in more ways
    ("she said u got 3 hours or it goes to your friends", True),
    ("Il m'a dit que j'ai 24 h pour payer.", True),
    ("Il veut 300 € avant le 14/02 sinon il publie.", True),
    ("He wants $200 more before night.", True),
    ("He wants $200 more before 12 midnight.", True),
    ("Now he says the video goes out at 9pm.", True),
    ("pay £300 or he posts tonight", True),
    ("Délai : samedi 18h.", True),
    ("The timer starts now: 36h.", True),
    ("pay me tonight or everyone sees it", True),
    ("you have 48 hours. After payment I will delete the video.", True),
    # no limit: denied, the victim's own plan, a promise to repay, how fast, since when, a promised return
    ("He asked for $200 but no deadline was given.", False),
    ("She never gave me a deadline.", False),
    ("Il n'a pas encore payé mais il compte le faire demain.", False),
    ("She asked me to cover a bill, £900, and said she'd pay me back tomorrow.", False),
    ("I hung up; within ten minutes I received a recording of the call.", False),
    ("He blocked me and nothing has happened in 4 days.", False),
    ("I haven't heard from her in a week.", False),
    ("He promised to turn my $50 into $800 in an hour.", False),
    ("a snap with a timer on it", False),
])
def test_deadline(text, expected):
    assert fires(text, "deadline", "US") is expected


@pytest.mark.parametrize(("text", "expected"), [
    # the victim's people were sent the pictures or contacted
    ("Il a quand même écrit à mon frère sur Instagram.", True),  # "même" ends in "me": no "to me"
    ("I paid £200 on 3 May. He's now sent the video to my cousin.", True),  # "May" the month is no modal
    # the scammer's "i" on their line of a pasted chat
    ("Maya: i have ur pics\nMaya: i already sent one to ur best friend lol\nme: please stop", True),
    ("They posted it in a group chat with boys from her class.", True),
    ("Maya: send more pics\nMaya: now\nme: i sent the pics to my best friend to ask what to do", False),
    ("He sent the clip to the family group.", True),
    # posted in public, or seen there, is not sent to the victim's people
    ("Elle a publié la vidéo sur un groupe Facebook quand même.", False),
    ("He posted one on his WhatsApp status.", False),
    ("He posted the video in a Facebook group for her town.", False),
    ("A page posted a nude of me that I had only sent to my ex.", False),
    ("My mum received a message from someone who has photos of me.", False),
    # the relative contacted is the victim the report is about
    ("A man called my husband saying he had recorded their call. My husband wired $2,000.", False),
    ("Un compte a contacté mon petit frère de 14 ans et lui a demandé des vidéos.", False),
    # but not when the reporter is the victim
    ("He has my nudes and messaged my husband. My husband paid him $300.", True),
])
def test_friends_contacted(text, expected):
    assert fires(text, "friends_contacted", "US") is expected


@pytest.mark.parametrize(("text", "expected"), [
    # more pictures demanded: a time is no money ("2 hours to send him more"); any person's condition
    ("he has my nudes and says i have 2 hours to send him more or he posts them", True),
    ("Il menace de publier ses photos si elle lui envoie pas une vidéo d'elle d'ici demain.", True),
    ("He says if she doesn't send a video by tonight he'll share the pictures.", True),
    ("Il a ses photos et menace de les montrer s'il n'en envoie pas d'autres.", True),
    # not so: money is "more", or a sending that is no demand
    ("He has my pics. I sent 300 and he wants more.", False),
    ("He has my pics and said if she sends a video he'll delete them.", False),
    ("He said if I send $200 he'll delete the photos.", False),
])
def test_more_images_demanded(text, expected):
    assert fires(text, "more_images_demanded", "US") is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("We moved to WhatsApp video where she asked me to undress, and I got recorded.", True),
    ("Une meuf m'a piégé en vidéo, j'étais à poil, et son mec veut 1500 dh.", True),
    ("He posted a video on WhatsApp status about his car.", False),
])
def test_webcam_scheme(text, expected):
    assert fires(text, "webcam_scheme", "MA") is expected


@pytest.mark.parametrize(("text", "expected"), [
    # pictures shared with no demand is not sextortion: a demand denied by its subject or its verb
    ("Someone posted my private video and sent the link to my team. Nobody's asked me for money.", False),
    ("Un compte a publié mes photos et les a envoyées à mes cousines. Il ne demande pas d'argent.", False),
    ("Un compte publie des photos de moi et les a envoyées à mes amis. Personne ne m'a demandé d'argent.", False),
    # the reporter's own word for it
    ("Not sextortion but a scam: the agent asked me to pay a fee of $300 and I paid.", False),
    ("Ce n'est pas du chantage sexuel : il m'a demandé 500 € pour sa permission.", False),
    # a demand still, after a negation of something else
    ("He sent my pics to my friends. I did not pay and he wants money now.", True),
    ("He sent my nudes to my cousin and he asked me for money.", True),
])
def test_sextortion_needs_a_demand_not_denied(text, expected):
    assert fires(text, "sextortion", "US") is expected
