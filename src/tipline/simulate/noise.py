"""Noise on the identifiers a reporter gives: some are misspelled, some are left out.

Linking must survive reports where a fifth of the identifiers are wrong or missing. ``apply``
draws from its own ``random.Random`` so that a corpus generated with ``noise=0`` is exactly the
one generated before the knob existed. With noise, the writer meets fewer mentions and draws
differently afterwards: a noisy corpus is another corpus (with its own truth), not the clean one
with typos.
"""

from __future__ import annotations

import random
from dataclasses import replace

from tipline.simulate.pick import below
from tipline.simulate.scenario import Story

_ALNUM = "abcdefghijkmnpqrstuvwxyz23456789"


def misspell(rng: random.Random, value: str) -> str:
    """One slip in a copied value: a character changed, dropped or two swapped (never the first)."""
    if len(value) < 4:
        return value
    i = 1 + below(rng, len(value) - 2)
    r = below(rng, 3)
    if r == 0:
        c = value[i]
        pool = "0123456789" if c.isdigit() else _ALNUM
        new = pool[below(rng, len(pool))]
        if new == c.lower():
            new = pool[(pool.index(new) + 1) % len(pool)]
        return value[:i] + (new.upper() if c.isupper() else new) + value[i + 1:]
    if r == 1:
        return value[:i] + value[i + 1:]
    return value[:i] + value[i + 1] + value[i] + value[i + 2:]


def apply(rng: random.Random, story: Story, rate: float) -> None:
    """Each identifier mention and each payment's recipient name: with probability ``rate``,
    half the time dropped, half the time misspelled (in the form and in the text)."""
    if rate <= 0:
        return
    kept = []
    for m in story.mentions:
        if rng.random() < rate:
            if rng.random() < 0.5:
                continue
            slip = random.Random(rng.getrandbits(32))
            state = slip.getstate()
            form = misspell(slip, m.form_value) if m.form_value else m.form_value
            slip.setstate(state)
            text = misspell(slip, m.text_value) if m.text_value else m.text_value
            m = replace(m, form_value=form, text_value=text)
        kept.append(m)
    story.mentions = kept
    for fact in story.payments:
        if fact.recipient_text and rng.random() < rate:
            fact.recipient_text = None if rng.random() < 0.5 else misspell(rng, fact.recipient_text)
        if fact.reference and rng.random() < rate:
            fact.reference = None if rng.random() < 0.5 else misspell(rng, fact.reference)
