"""A realistic synthetic sextortion corpus with ground truth, for demos, tests and benchmarks.

``generate(n, seed, end)`` streams reports in the interchange format, each with the id of the
scammer group that ran it (None for a lone scammer), so that linking can be scored against the
truth. ``write_jsonl`` writes them and the truth as JSON lines. No real person's data is used:
names are random combinations, numbers are generated in valid ranges, contact e-mails use the
reserved ``example.*`` domains.
"""

from tipline.simulate.corpus import SimulatedReport, generate, write_jsonl

__all__ = ["SimulatedReport", "generate", "write_jsonl"]
