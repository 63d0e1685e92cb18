"""Which evidence links reports strongly, which weakly, and when a shared value is a hub.

Strong: the same normalised value of an identifier a scammer owns (a phone, an account, a wallet,
a transfer reference, a recipient's exact name in a country). Weak: similar but not identical
evidence (a recipient's name up to spelling, a near-identical script) and generic values (a URL):
weak evidence may join a report to a network, never glue two established networks by itself.
A profile picture (``PICTURE_LIKE``) is weaker still: it only attaches a report on its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import OSA

STRONG_KINDS = frozenset({
    "phone", "email", "profile", "crypto", "iban", "paypal", "transfer_reference", "transfer_recipient",
    "gift_card",
})
WEAK_KINDS = frozenset({"url"})
# Pseudo-kinds made by the linker, not by extraction.
SCRIPT = "script"            # a MinHash LSH band of the scammer's messages
RECIPIENT_LIKE = "recipient~"  # a cluster of recipients' names equal up to spelling
HANDLE_LIKE = "handle~"        # one handle on several apps or in an e-mail address (``link.near``)
TAG_LIKE = "tag~"              # one handle's stem and number, the stem cut or varied (``link.near.tag``)
PICTURE_LIKE = "picture~"      # a cluster of profile pictures' PDQ hashes a few bits apart (``link.pictures``)
PSEUDO_KINDS = frozenset({SCRIPT, RECIPIENT_LIKE, HANDLE_LIKE, TAG_LIKE, PICTURE_LIKE})
# Evidence that may attach a report on its own to a network, never join two groups of reports: a
# stolen photo is reused by unrelated groups, so two networks sharing one prove nothing.
ATTACH_ONLY = frozenset({PICTURE_LIKE})
# Values that belong to one payment, not to a scammer: every victim's is new.
PER_PAYMENT = frozenset({"transfer_reference", "gift_card"})


def is_strong(kind: str, value: str | None = None) -> bool:
    """Strong evidence. A recipient's exact name is strong only in full (three words or more) and
    with its country: "SN:moustapha sy" is also what victims of another mule "Moustapha Ousmane Sy"
    write when they forget a given name, so shorter names are only weak evidence."""
    if kind == "transfer_recipient" and value is not None:
        country, _, name = value.partition(":")
        return country != "??" and len(name.split()) >= 3
    return kind in STRONG_KINDS


# Path words of profile URLs: a mistyped "facebook.com/profil.ephp?id=…" is read as the handle
# "profil.ephp", which every victim of any network who makes the same slip then shares.
_URL_WORDS = ("profilephp", "permalinkphp", "storyphp")


def linkable(kind: str, value: str) -> bool:
    """False for values too short to identify anyone (a handle "3" read from "insta: 3 photos"),
    and for handles that are a profile URL's path word up to a slip (``_URL_WORDS``)."""
    if kind == "profile":
        handle = value.rpartition(":")[2].strip("/@")
        bare = handle.replace(".", "").replace("_", "").replace("-", "")
        if any(OSA.distance(bare, word, score_cutoff=2) <= 2 for word in _URL_WORDS):
            return False
        return len(handle) >= 3 and not (handle.isdigit() and len(handle) < 6)
    return len(value) >= 3


@dataclass(frozen=True, slots=True)
class HubPolicy:
    """When a value shared by many reports is over-correlated (MISP's lesson).

    A value seen in at least ``min_degree`` reports is checked: if, leaving it out, its reports do
    not mostly belong together (the largest group holds less than ``coherence`` of them) and fall
    into ``min_groups`` separate groups or more, it is a hub (a platform's support address,
    "Western Union", a VoIP number reused by unrelated people) and links nothing; it is flagged.
    A network's own phone, even with hundreds of victims,
    passes: its victims also share the network's other accounts, recipients and scripts.
    """

    min_degree: int = 25
    coherence: float = 0.5
    min_groups: int = 20  # a network's phone may join a few persona groups; a hub touches dozens
    online_cap: int = 200  # online: a value in more reports than this lists none of them


def over_correlated(degree: int, largest_share: float, policy: HubPolicy, groups: int | None = None) -> bool:
    """``groups``: how many separate groups of reports the value touches (None: not counted)."""
    spread = groups is None or groups >= policy.min_groups
    return degree >= policy.min_degree and largest_share < policy.coherence and spread


def weight(kind: str, degree: int) -> float:
    """A link's weight for ranking related reports: rarer values say more (inverse log degree)."""
    import math

    base = 1.0 if is_strong(kind) else 0.5
    return base / (1.0 + math.log(max(degree, 1)))
