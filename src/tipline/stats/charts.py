"""Charts drawn on the server with matplotlib, as SVG or PNG.

Server-side rather than a JavaScript chart library: the pages then work without JavaScript, load
nothing from elsewhere, and the picture a reader downloads is the one on screen. Every chart reads
without colour: bars carry hatch patterns and their value written next to them, the trend is a
dashed line named in the legend, and axes say what they count.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib

matplotlib.use("Agg")  # no display on a server
import matplotlib.pyplot as plt
import numpy as np

plt.rcParams.update({"svg.hashsalt": "tipline", "svg.fonttype": "none", "font.size": 10})
HATCHES = ("//", "..", "xx", "\\\\", "oo", "--", "++", "**", "||", "OO")
INK = "#1d3557"
FORMATS = {"svg": "image/svg+xml", "png": "image/png"}


def _save(fig: Any, fmt: str) -> bytes:
    if fmt not in FORMATS:
        raise ValueError(f"format must be svg or png, not {fmt!r}")
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, bbox_inches="tight", dpi=110, metadata={"Date": None} if fmt == "svg" else None)
    plt.close(fig)
    return buf.getvalue()


def series_chart(points: Sequence[Mapping[str, Any]], title: str, ylabel: str, fmt: str = "svg",
                 trend_label: str = "trend") -> bytes:
    """Counts per period as bars, with a least-squares trend line when there are 3+ periods."""
    labels = [p["period"] for p in points]
    counts = [p["count"] or 0 for p in points]
    fig, ax = plt.subplots(figsize=(max(6.0, 0.35 * len(labels) + 2), 3.6))
    x = np.arange(len(labels))
    bars = ax.bar(x, counts, color="white", edgecolor=INK, hatch="//", label=ylabel)
    if len(labels) <= 40:
        ax.bar_label(bars, labels=[str(c) for c in counts], fontsize=8, padding=2)
    if len(labels) >= 3:
        slope, intercept = np.polyfit(x, counts, 1)
        ax.plot(x, slope * x + intercept, linestyle="--", color="black", linewidth=1.5, label=trend_label)
    ax.set_xticks(x, labels, rotation=60 if len(labels) > 8 else 0, ha="right" if len(labels) > 8 else "center",
                  fontsize=8)
    step = max(1, len(labels) // 30)
    for i, tick in enumerate(ax.get_xticklabels()):
        tick.set_visible(i % step == 0)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend(loc="upper left", frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return _save(fig, fmt)


def bar_chart(cells: Mapping[str, int | float], title: str, xlabel: str, fmt: str = "svg",
              limit: int = 15) -> bytes:
    """Horizontal bars, largest on top, each with its own pattern and its value written at its end."""
    items = list(cells.items())[:limit]
    fig, ax = plt.subplots(figsize=(6.4, 0.4 * max(len(items), 1) + 1.2))
    if not items:
        ax.text(0.5, 0.5, "–", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        ax.set_title(title)
        return _save(fig, fmt)
    names = [str(k) for k, _ in items][::-1]
    values = [v for _, v in items][::-1]
    y = np.arange(len(items))
    bars = ax.barh(y, values, color="white", edgecolor=INK)
    for i, bar in enumerate(bars):
        bar.set_hatch(HATCHES[(len(items) - 1 - i) % len(HATCHES)])
    ax.bar_label(bars, labels=[str(v) for v in values], padding=3, fontsize=9)
    ax.set_yticks(y, names)
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    ax.margins(x=0.15)
    ax.spines[["top", "right"]].set_visible(False)
    return _save(fig, fmt)


def flow_chart(flows: Sequence[Mapping[str, Any]], title: str, xlabel: str, fmt: str = "svg") -> bytes:
    """Victims' country → scammers' country, as ranked bars named by the arrow."""
    return bar_chart({f"{f['from']} → {f['to']}": f["count"] for f in flows}, title, xlabel, fmt)
