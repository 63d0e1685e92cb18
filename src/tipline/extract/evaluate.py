"""Precision and recall of extraction against labelled cases (``tests/data/extract_eval.jsonl``).

A case: ``{"id", "language", "country", "text", "expected": {"identifiers": [{"kind", "value"}],
"money": [{"amount", "currency", "role"}], "signals": [names that are true], "places": [CC]}}``.
Identifiers are scored per kind as sets of (case, value); money as sets of (case, amount,
currency, role); each signal per case (an unlisted signal is expected false); places as sets of
(case, country). Used by the tests and by ``bench/extract.py``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from tipline.extract.model import SIGNALS
from tipline.extract.text import extract_text

_WORDS = re.compile(r"(?<![\w@./])[^\W\d_]{2,}(?![\w@./])")
KINDS = ("phone", "email", "profile", "transfer_reference", "transfer_recipient", "crypto", "iban", "paypal",
         "gift_card", "url")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def add(self, case_id: str, got: set, expected: set) -> None:
        self.tp += len(got & expected)
        for item in sorted(map(str, got - expected)):
            self.fp += 1
            self.errors.append(f"{case_id}: unexpected {item}")
        for item in sorted(map(str, expected - got)):
            self.fn += 1
            self.errors.append(f"{case_id}: missed {item}")

    def as_dict(self) -> dict[str, Any]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


def evaluate(cases: Iterable[dict[str, Any]]) -> dict[str, Score]:
    """Scores keyed ``kind:<kind>``, ``money``, ``signal:<name>``, ``places``, ``language``."""
    scores: dict[str, Score] = defaultdict(Score)
    for case in cases:
        x = extract_text(case["text"], case.get("country"), None)
        expected = case["expected"]
        for kind in KINDS:
            got = {m.value for m in x.mentions if m.kind == kind}
            want = {i["value"] for i in expected["identifiers"] if i["kind"] == kind}
            scores[f"kind:{kind}"].add(case["id"], got, want)
        got_money = {(m.amount, m.currency, m.role) for m in x.money}
        want_money = {(Decimal(m["amount"]), m["currency"], m["role"]) for m in expected["money"]}
        scores["money"].add(case["id"], got_money, want_money)
        for name in SIGNALS:
            got_s = {name} if x.signals.get(name) else set()
            want_s = {name} if name in expected["signals"] else set()
            scores[f"signal:{name}"].add(case["id"], got_s, want_s)
        scores["places"].add(case["id"], set(x.places), set(expected.get("places", [])))
        if case.get("language") and len(_WORDS.findall(case["text"])) >= 6:  # shorter: no language to tell
            scores["language"].add(case["id"], {x.language}, {case["language"]})
    return dict(scores)
