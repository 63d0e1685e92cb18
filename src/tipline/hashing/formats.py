"""Hash lists in the formats of the ThreatExchange tools and HMA, to import banks and export them.

What those tools read and write (facebook/ThreatExchange):

* **Signal lines** — one signal per line, ``<signal type> <hash>``: what ``threatexchange hash``
  prints, what ``threatexchange dataset -P`` prints (prefixed with the quoted collaboration name
  when there are several, followed by metadata), and what its ``local_file`` exchange reads and
  appends to; that exchange also reads bare hashes when the collaboration's ``signal_type`` is set
  (``read_lines(..., signal_type="pdq")``).
* **Dataset CSV** — ``threatexchange dataset -P --csv``: a header and the columns
  ``collab,signal_type,signal_str,category,tags`` (tags space-separated).
* **HMA JSON** — HMA adds a hash to a bank with ``POST /c/bank/<bank>/signal`` and the body
  ``{"<signal type>": "<hash>"}``, and answers ``{"id": …, "signals": {"pdq": …}}``. We read and
  write JSON lines of either shape, and a JSON array of them.

Signal type names are theirs on the way in (``video_md5`` -> ``md5``; see ``signals.py``); on the
way out ours, or theirs with ``threatexchange_names=True``.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TextIO

from tipline.hashing.errors import HashingError
from tipline.hashing.signals import signal_type

CSV_COLUMNS = ("collab", "signal_type", "signal_str", "category", "tags")
# optional 'quoted collab', then "type value", then anything (dataset -P metadata)
_LINE = re.compile(r"""^(?:(?P<q>['"])(?P<collab>.*?)(?P=q)\s+)?(?P<first>\S+)(?:\s+(?P<second>\S+))?""")


@dataclass(frozen=True, slots=True)
class SignalRecord:
    """One hash of a list, with what the ThreatExchange tools attach to it."""

    signal_type: str  # our name: pdq, md5, sha256, vpdq
    value: str  # normalised (vPDQ: compact JSON, no spaces)
    collab: str = ""  # the collaboration (exchange) or bank it came from
    category: str = ""  # e.g. POSITIVE_CLASS
    tags: tuple[str, ...] = ()

    @classmethod
    def of(cls, kind: str, value: str, **extra: str | tuple[str, ...]) -> SignalRecord:
        """A validated record; ``HashingError`` with the reason otherwise."""
        st = signal_type(kind)
        return cls(st.name, st.validate(value), **extra)  # type: ignore[arg-type]


@dataclass
class ReadResult:
    records: list[SignalRecord] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line number, reason)


def _name(record: SignalRecord, threatexchange_names: bool) -> str:
    return signal_type(record.signal_type).threatexchange_name if threatexchange_names else record.signal_type


# --- signal lines -----------------------------------------------------------------------------

def read_lines(lines: Iterable[str], *, signal_type: str | None = None) -> ReadResult:
    """``<type> <hash>`` lines (``'collab' <type> <hash> …`` too), or bare hashes of ``signal_type``.

    Blank lines and lines starting with ``#`` are skipped; bad lines are reported, not fatal.
    """
    result = ReadResult()
    for number, raw in enumerate(lines, start=1):
        line = raw.strip().lstrip("\ufeff")
        if not line or line.startswith("#"):
            continue
        m = _LINE.match(line)
        if m is None:
            result.errors.append((number, "not a signal line"))
            continue
        first, second = m.group("first"), m.group("second")
        try:
            if second is None:
                if signal_type is None:
                    raise HashingError("a hash without its signal type: write 'pdq <hash>', or give the type")
                record = SignalRecord.of(signal_type, first, collab=m.group("collab") or "")
            elif second.startswith("["):  # a vPDQ signal: a JSON array, which may hold spaces
                value, _ = json.JSONDecoder().raw_decode(line[m.start("second"):])
                record = SignalRecord.of(first, json.dumps(value), collab=m.group("collab") or "")
            else:
                record = SignalRecord.of(first, second, collab=m.group("collab") or "")
        except HashingError as e:
            result.errors.append((number, str(e)))
            continue
        except (json.JSONDecodeError, RecursionError):
            result.errors.append((number, "the signal is not valid JSON"))
            continue
        result.records.append(record)
    return result


def write_lines(records: Iterable[SignalRecord], out: TextIO, *, with_type: bool = True,
                threatexchange_names: bool = False) -> int:
    """One ``<type> <hash>`` line per record (bare hashes without ``with_type``). Returns the count."""
    count = 0
    for r in records:
        out.write(f"{_name(r, threatexchange_names)} {r.value}\n" if with_type else f"{r.value}\n")
        count += 1
    return count


# --- dataset CSV ------------------------------------------------------------------------------

def read_dataset_csv(source: Iterable[str]) -> ReadResult:
    """``threatexchange dataset -P --csv`` output (the header is required)."""
    result = ReadResult()
    reader = csv.DictReader(source)
    missing = {"signal_type", "signal_str"} - set(reader.fieldnames or ())
    if missing:
        result.errors.append((1, f"not a ThreatExchange dataset CSV: no column {', '.join(sorted(missing))}"))
        return result
    for row in reader:
        number = reader.line_num
        try:
            record = SignalRecord.of(
                row.get("signal_type") or "", row.get("signal_str") or "",
                collab=row.get("collab") or "", category=row.get("category") or "",
                tags=tuple((row.get("tags") or "").split()),
            )
        except HashingError as e:
            result.errors.append((number, str(e)))
            continue
        result.records.append(record)
    return result


def write_dataset_csv(records: Iterable[SignalRecord], out: TextIO, *, threatexchange_names: bool = True) -> int:
    writer = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for r in records:
        writer.writerow({"collab": r.collab, "signal_type": _name(r, threatexchange_names), "signal_str": r.value,
                         "category": r.category, "tags": " ".join(r.tags)})
        count += 1
    return count


# --- HMA JSON ---------------------------------------------------------------------------------

def hma_signal_body(record: SignalRecord, *, threatexchange_names: bool = True) -> dict[str, str]:
    """The body of HMA's ``POST /c/bank/<bank>/signal`` for this record."""
    return {_name(record, threatexchange_names): record.value}


def _records_from_hma(obj: object, collab: str) -> list[SignalRecord]:
    if not isinstance(obj, dict):
        raise HashingError("expected a JSON object like {\"pdq\": \"<hash>\"}")
    signals = obj.get("signals", obj)  # HMA's answer {"id": …, "signals": {…}} or the request body
    if not isinstance(signals, dict) or not signals:
        raise HashingError("no signals in this object")
    bad = [k for k, v in signals.items() if not isinstance(v, str)]
    if bad:
        raise HashingError(f"the value of {bad[0]!r} is not a string")
    return [SignalRecord.of(k, v, collab=collab) for k, v in signals.items()]


def read_hma_json(text: str, *, collab: str = "") -> ReadResult:
    """JSON lines, or one JSON array, of HMA signal objects."""
    result = ReadResult()
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("["):
        try:
            items = json.loads(stripped)
        except json.JSONDecodeError as e:
            result.errors.append((e.lineno, f"invalid JSON: {e.msg}"))
            return result
        numbered: Iterator[tuple[int, object]] = ((i, item) for i, item in enumerate(items, start=1))
    else:
        numbered = _json_lines(text, result)
    for number, obj in numbered:
        try:
            result.records.extend(_records_from_hma(obj, collab))
        except HashingError as e:
            result.errors.append((number, str(e)))
    return result


def _json_lines(text: str, result: ReadResult) -> Iterator[tuple[int, object]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as e:
            result.errors.append((number, f"invalid JSON: {e.msg}"))


def write_hma_jsonl(records: Iterable[SignalRecord], out: TextIO, *, threatexchange_names: bool = True) -> int:
    """One HMA request body per line (feed each to ``POST /c/bank/<bank>/signal``)."""
    count = 0
    for r in records:
        out.write(json.dumps(hma_signal_body(r, threatexchange_names=threatexchange_names)) + "\n")
        count += 1
    return count


# --- any of them ------------------------------------------------------------------------------

FORMATS = ("lines", "csv", "hma")


def sniff(text: str) -> str:
    """Which of ``FORMATS`` a text is in, from its first meaningful line."""
    for line in text.splitlines():
        line = line.strip().lstrip("\ufeff")
        if not line or line.startswith("#"):
            continue
        if line.startswith(("{", "[")):
            return "hma"
        if "," in line and "signal_type" in line:
            return "csv"
        return "lines"
    return "lines"


def read_text(text: str, *, format: str | None = None, signal_type: str | None = None) -> ReadResult:
    """Read a hash list in any supported format (``format=None``: guess it)."""
    kind = format or sniff(text)
    if kind == "csv":
        return read_dataset_csv(text.splitlines())
    if kind == "hma":
        return read_hma_json(text)
    if kind == "lines":
        return read_lines(text.splitlines(), signal_type=signal_type)
    raise ValueError(f"unknown format {format!r} (known: {', '.join(FORMATS)})")


def write(records: Iterable[SignalRecord], out: TextIO, format: str, *, threatexchange_names: bool = False) -> int:
    if format == "csv":
        return write_dataset_csv(records, out, threatexchange_names=threatexchange_names)
    if format == "hma":
        return write_hma_jsonl(records, out, threatexchange_names=threatexchange_names)
    if format == "lines":
        return write_lines(records, out, threatexchange_names=threatexchange_names)
    raise ValueError(f"unknown format {format!r} (known: {', '.join(FORMATS)})")
