"""Identifiers that are probably one: a slip in copying, or one handle kept across apps.

Victims copy numbers and handles by hand, from a screen, in a panic: "+225 07 58 12 43 56" for
"…34 56", "lola_x0482" for "lola_x04821". A slip makes a value nobody else names, and its report
falls out of its network. Two values one edit apart (a character changed, dropped, added, or two
neighbours swapped: RapidFuzz's optimal string alignment distance 1) are *probably* one, never
surely: numbers bought in a batch are one digit apart too. So a slip is weak evidence, from a
value named by one report (``SLIP_REPORTS``) on its own to one named by more, or else to one
named by a report in a network, and only when it is the only such neighbour (``graph._slips``): a
value two victims typed alike is a real one, whatever its spelling, and a value with several
neighbours is a slip of none.

Candidates never come from comparing every pair: the engine's SQL joins values on *deletion keys*
(the value with one character deleted, or whole); two values one edit apart always share one
(SymSpell's idea). Slips are looked for only among the values of reports that share nothing: a
report already in a group gains nothing from a slip.

Scammers also keep one handle across apps: "zoe_xo71969" on Instagram, "zoe.xo71969" on Facebook,
"zoe_xo71969@gmail.com". ``skeleton`` is that handle without platform, separators or case, kept
when it has six characters and two digits or more. A skeleton shared by two apps' accounts is
weak evidence; a long one with several digits (``distinctive``: "zoexo71969") is as strong as an
identifier, because nobody else picks it: "lola.officiel" on two apps may be two people.

A handle is not always kept whole: Snapchat and X cut handles at 15 characters, and a group
varies the stem of one fake profile ("jasmine_fontaine_91825" on Instagram, "jasmine_f_91825" on
Snapchat, "jasminefontaine.91825@gmail.com") but keeps its number, as people keep a number they
picked. ``tag`` is that: the stem's first two letters and the number at the end of the handle
("ja…91825": a victim's slip may change any later letter, "jad.roy_71849" for "jade.roy_71849"),
kept when the number has four digits or more and is not a year of birth ("kevin1998"). Two
accounts sharing a tag but not a skeleton are weak evidence.
"""

from __future__ import annotations

import re

from rapidfuzz.distance import OSA

SLIP_KINDS = ("phone", "email", "profile", "paypal")  # checksummed kinds (crypto, IBAN) do not slip
MIN_SLIP_LENGTH = 8   # shorter values are one edit apart by chance ("lola_x1", "lola_x2")
MAX_VALUE_LENGTH = 64
SLIP_REPORTS = 1      # a slip is a value named by this many reports or fewer
MIN_SKELETON = 6
MIN_SKELETON_DIGITS = 2
STRONG_SKELETON = 10
STRONG_SKELETON_DIGITS = 3
_SEPARATORS = re.compile(r"[._\-]")


def compared(value: str) -> str:
    """The part of a value a slip is looked for in: not a profile's platform ("instagram:")."""
    return value.partition(":")[2] if ":" in value else value


def slip(kind: str, a: str, b: str) -> bool:
    """Whether ``b`` may be ``a`` copied with one slip (or the reverse). This is the rule; the
    engines' SQL (``engines.QUERIES["near_pairs"]``) finds the same pairs without comparing all."""
    if kind not in SLIP_KINDS or a == b or max(len(a), len(b)) > MAX_VALUE_LENGTH:
        return False
    if min(len(compared(a)), len(compared(b))) < MIN_SLIP_LENGTH:
        return False
    return OSA.distance(a, b, score_cutoff=1) <= 1


def _handle(kind: str, value: str) -> str | None:
    """The handle a person chose behind a profile, e-mail address or PayPal account; None for ids
    nobody chose (Facebook's numeric ids, Skype's ``live:.cid.`` ids)."""
    if kind == "profile":
        platform, _, handle = value.partition(":")
        if platform == "facebook" and handle.startswith("id:"):
            return None  # a numeric id, not a handle anyone chose
        if platform == "skype":
            if handle.startswith("live:.cid."):
                return None
            handle = handle.removeprefix("live:")
    elif kind in ("email", "paypal"):
        handle = value.removeprefix("me:") if value.startswith("me:") else value.removeprefix(
            "email:").rpartition("@")[0]
        if not handle:
            return None
    else:
        return None
    return handle.lower()


def skeleton(kind: str, value: str) -> str | None:
    """The handle behind a profile or e-mail address, without separators or case, if distinctive."""
    handle = _handle(kind, value)
    if handle is None:
        return None
    bare = _SEPARATORS.sub("", handle)
    if len(bare) < MIN_SKELETON or sum(c.isdigit() for c in bare) < MIN_SKELETON_DIGITS or bare.isdigit():
        return None
    return bare


def distinctive(bare: str) -> bool:
    """Whether a skeleton is as good as an identifier: long, with several digits."""
    return len(bare) >= STRONG_SKELETON and sum(c.isdigit() for c in bare) >= STRONG_SKELETON_DIGITS


TAG_STEM = 2        # letters of the stem kept: a slip or a cut may change any later one
MIN_TAG_DIGITS = 4  # "lola22" and "awa007" are picked by many people
_TAG = re.compile(rf"(?P<stem>[a-z]{{3,}})[a-z._\-]*?(?P<number>\d{{{MIN_TAG_DIGITS},}})[._\-]*")
_YEARS = range(1940, 2030)  # "kevin1998": a year of birth, which thousands share


def tag(kind: str, value: str) -> str | None:
    """A handle's stem and final number ("ja…91825"), or None when the handle has no such
    number, or the number is a year."""
    handle = _handle(kind, value)
    found = _TAG.fullmatch(handle) if handle else None
    if found is None:
        return None
    number = found["number"]
    if len(number) == 4 and int(number) in _YEARS:
        return None
    return f"{found['stem'][:TAG_STEM]}…{number}"
