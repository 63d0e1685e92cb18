"""Extraction measured on the labelled evaluation sets (tests/data/extract_eval*.jsonl).

``extract_eval.jsonl``: 391 FR/EN snippets written as victims, parents and scammers write (SMS
style, typos, Québec and West-African French, numbers split over lines, Unicode tricks) with the
identifiers, money and signals a person reading them would note, including many negatives (dates,
prices, order numbers, postal codes, times, threats that are not yet acts). It was written before
the code. ``extract_eval_holdout.jsonl`` (50) and ``extract_eval_holdout2.jsonl`` (30) were written
later and first run untouched, to measure how the rules generalise (their first-run scores are in
the commit message and bench/results); the misses they showed were fixed, so they are now part of
the regression set. See ``tipline.extract.evaluate`` for the scoring; the bar is 0.95 precision
and recall for every kind, for money and for every signal, on all sets together.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tipline.extract.evaluate import KINDS, evaluate
from tipline.extract.model import SIGNALS

DATA = Path(__file__).parent / "data"
EVAL = DATA / "extract_eval.jsonl"
BAR = 0.95


def _cases(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def scores():
    cases = [case for path in sorted(DATA.glob("extract_eval*.jsonl")) for case in _cases(path)]
    assert len({c["id"] for c in cases}) == len(cases)
    return evaluate(cases)


def test_the_set_is_big_and_varied():
    cases = _cases(EVAL)
    assert len(cases) >= 300
    assert {c["language"] for c in cases} >= {"fr", "en"}
    assert sum(1 for c in cases if not c["expected"]["identifiers"] and not c["expected"]["money"]) >= 60  # negatives
    assert len({c["id"] for c in cases}) == len(cases)
    for kind in KINDS:
        assert any(i["kind"] == kind for c in cases for i in c["expected"]["identifiers"]), kind
    for name in SIGNALS:
        assert sum(name in c["expected"]["signals"] for c in cases) >= 5, name


@pytest.mark.parametrize("key", [f"kind:{k}" for k in KINDS] + ["money"] + [f"signal:{s}" for s in SIGNALS])
def test_precision_and_recall(scores, key):
    score = scores[key]
    detail = "\n".join(score.errors[:20])
    assert score.precision >= BAR, f"{key} precision {score.precision:.3f}\n{detail}"
    assert score.recall >= BAR, f"{key} recall {score.recall:.3f}\n{detail}"


def test_places_and_language(scores):
    for key in ("places", "language"):
        assert scores[key].precision >= 0.9 and scores[key].recall >= 0.9, scores[key].errors[:10]


@pytest.mark.parametrize("path", sorted(DATA.glob("extract_blind*.jsonl")), ids=lambda p: p.name)
def test_safety_signals_on_the_sets_written_blind(path):
    """The sets written without seeing the code are not tuned to the bar, but the signals that send a
    victim to crisis help or child protection must hold on them too."""
    scores = evaluate(_cases(path))
    for key in ("signal:self_harm", "signal:minor"):
        assert scores[key].recall >= 0.9 and scores[key].precision >= 0.9, (key, scores[key].errors[:10])
