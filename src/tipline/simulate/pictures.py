"""Profile pictures: each fake profile shows a photo, and some victims send its PDQ hash.

Groups steal photos of young women for their fake profiles; a few photos are so popular that
unrelated groups use the same one (``STOLEN_POOL``, shared across the corpus: linking must not
glue those groups together). A photo is a random 256-bit code, as PDQ hashes of unrelated
pictures are (about 128 bits apart). A reporter who attaches the picture (``ATTACH``: the app
asks for a screenshot and hashes it on the device; many victims have blocked the account or
deleted the app by then) sends the photo's hash with ``0..MAX_FLIPS`` bits flipped, as a
screenshot's resizing, re-encoding and crop do.

Every draw here comes from its own ``random.Random`` (per owner, per report), so a corpus is the
one generated before pictures existed, plus the pictures.
"""

from __future__ import annotations

import random

from tipline.simulate.pick import below

STOLEN_POOL = 12     # popular stolen photos, corpus-wide
STOLEN_SHARE = 0.08  # share of personas that use one of them
ATTACH = 0.35        # share of reports that carry the profile picture's hash
MAX_FLIPS = 16       # bits a screenshot changes, at most (two victims' hashes: <= 32 apart)


def stolen_pool(seed: int) -> list[int]:
    rng = random.Random(f"tipline-sim/{seed}/stolen-photos")
    return [rng.getrandbits(256) for _ in range(STOLEN_POOL)]


def give_photos(seed: int, owner: int, personas: list, pool: list[int]) -> None:
    """Sets ``photo`` on each persona of one owner (a group or a lone scammer)."""
    rng = random.Random(f"tipline-sim/{seed}/photos/{owner}")
    for persona in personas:
        popular = rng.random() < STOLEN_SHARE
        persona.photo = pool[below(rng, len(pool))] if popular else rng.getrandbits(256)


def attached(seed: int, index: int, photo: int) -> list[str]:
    """The hashes report ``index`` carries: none, or the photo's with a few bits flipped."""
    rng = random.Random(f"tipline-sim/{seed}/picture/{index}")
    if not photo or rng.random() >= ATTACH:
        return []
    mask = 0
    for bit in rng.sample(range(256), rng.randint(0, MAX_FLIPS)):
        mask |= 1 << bit
    return [f"{photo ^ mask:064x}"]
