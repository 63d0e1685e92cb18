"""B-cubed precision and recall of recovered networks against the ground truth.

Each report is scored by how much of its predicted cluster is truly its group (precision) and how
much of its true group is in its predicted cluster (recall); the corpus scores are the means. A
report in no network and a lone scammer's report are clusters of one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping


def bcubed(predicted: Mapping[Hashable, Hashable | None], truth: Mapping[Hashable, Hashable | None]) -> tuple[
        float, float]:
    """(precision, recall) over the items of ``truth``; None means a cluster of its own."""
    items = list(truth)
    if not items:
        return 1.0, 1.0
    pred = {i: predicted.get(i) if predicted.get(i) is not None else ("solo", i) for i in items}
    true = {i: truth[i] if truth[i] is not None else ("solo", i) for i in items}
    pair = Counter((pred[i], true[i]) for i in items)
    pred_size = Counter(pred.values())
    true_size = Counter(true.values())
    precision = sum(pair[(pred[i], true[i])] / pred_size[pred[i]] for i in items) / len(items)
    recall = sum(pair[(pred[i], true[i])] / true_size[true[i]] for i in items) / len(items)
    return precision, recall
