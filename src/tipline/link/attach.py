"""Online joins through a profile picture: the batch graph's attach-only rule, for one new report.

In the rebuild (``link.graph``) a picture cluster pulls a report only when the report is on its own
(no strong value links it to another report) and names no strong value nobody else names (an
account no other victim met: more likely another scammer who stole the same photo); and it pulls
it towards the network holding most of the picture's reports. Online the same questions are asked
of the store, and these pure functions decide.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from tipline.link.kinds import HubPolicy


def lone(strong_flags: Iterable[bool]) -> bool:
    """Whether a picture may attach a report, from whether each strong value it names is a flagged
    hub. An unflagged strong value is either shared (the report is not on its own: that value
    decides) or named by nobody else (the report is another scammer's, more likely): either way,
    no. Hubs link nothing, so they do not count."""
    return all(strong_flags)


def dominant(networks: Iterable[str | None], policy: HubPolicy) -> str | None:
    """The network a picture points to, from the network (or None) of each other report naming a
    near copy of it: the one holding at least ``policy.coherence`` of those in a network, and more
    of them than any other. None when none is in a network, or when they are spread or tied (a
    stolen photo used by several groups: the rebuild decides)."""
    counts = Counter(n for n in networks if n is not None)
    if not counts:
        return None
    ranked = counts.most_common(2)
    top, first = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0
    if first == second or first < policy.coherence * sum(counts.values()):
        return None
    return top


def agreed(targets: Iterable[str | None]) -> str | None:
    """The one network several pictures of a report point to; None if they point to different ones
    (or none does). A picture that points nowhere does not veto the others."""
    found = {t for t in targets if t is not None}
    return found.pop() if len(found) == 1 else None
