"""Hash lists in the ThreatExchange and HMA formats, and the command line."""

from __future__ import annotations

import io
import json

import numpy as np
import typer
from PIL import Image
from typer.testing import CliRunner

from conftest import SHARED, need
from tipline.hashing.cli import hash_command, lists_app
from tipline.hashing.formats import (
    SignalRecord,
    read_dataset_csv,
    read_hma_json,
    read_lines,
    read_text,
    sniff,
    write,
    write_dataset_csv,
    write_hma_jsonl,
    write_lines,
)

PDQ = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22"
MD5 = "d41d8cd98f00b204e9800998ecf8427e"
IMAGES = SHARED / "data" / "pdq" / "images"


def test_signal_lines_as_threatexchange_prints_and_reads_them():
    text = f"""# a comment
pdq {PDQ}
video_md5 {MD5.upper()}

'Sample Data' pdq {PDQ} FetchedSignalMetadata(...)
pdq nothex
{PDQ}
"""
    result = read_lines(text.splitlines())
    assert result.records == [
        SignalRecord("pdq", PDQ), SignalRecord("md5", MD5), SignalRecord("pdq", PDQ, collab="Sample Data"),
    ]
    assert [n for n, _ in result.errors] == [6, 7]
    assert "not a valid pdq hash" in result.errors[0][1]
    assert "without its signal type" in result.errors[1][1]
    # the local_file exchange's bare hashes, when the collaboration names the signal type
    assert read_lines([PDQ, ""], signal_type="pdq").records == [SignalRecord("pdq", PDQ)]
    out = io.StringIO()
    assert write_lines(result.records, out, threatexchange_names=True) == 3
    assert out.getvalue().splitlines()[1] == f"video_md5 {MD5}"
    assert read_lines(out.getvalue().splitlines()).records == [SignalRecord(r.signal_type, r.value)
                                                               for r in result.records]


def test_dataset_csv_round_trip():
    records = [SignalRecord("pdq", PDQ, "Sample Data", "POSITIVE_CLASS", ("sextortion", "victim_report")),
               SignalRecord("md5", MD5)]
    out = io.StringIO()
    write_dataset_csv(records, out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "collab,signal_type,signal_str,category,tags"
    assert lines[2] == f",video_md5,{MD5},,"
    assert read_dataset_csv(lines).records == records
    bad = read_dataset_csv(["collab,signal_type,signal_str", "x,pdq,123", f"x,tmk,{PDQ}", f"x,vpdq,{PDQ}"])
    assert [n for n, _ in bad.errors] == [2, 3, 4] and "unknown signal type" in bad.errors[1][1]
    assert "vPDQ signal" in bad.errors[2][1]
    assert read_dataset_csv(["a,b", "1,2"]).errors[0][1].startswith("not a ThreatExchange dataset CSV")


def test_hma_bodies_and_answers():
    out = io.StringIO()
    write_hma_jsonl([SignalRecord("pdq", PDQ), SignalRecord("md5", MD5)], out)
    assert [json.loads(line) for line in out.getvalue().splitlines()] == [{"pdq": PDQ}, {"video_md5": MD5}]
    answer = json.dumps({"id": 12, "signals": {"pdq": PDQ}})
    assert read_hma_json(out.getvalue() + answer + "\n").records == [
        SignalRecord("pdq", PDQ), SignalRecord("md5", MD5), SignalRecord("pdq", PDQ)]
    as_array = read_hma_json(json.dumps([{"pdq": PDQ}, {"pdq": 5}, "x"]))
    assert len(as_array.records) == 1 and [n for n, _ in as_array.errors] == [2, 3]
    assert read_hma_json("{not json\n").errors[0][1].startswith("invalid JSON")


def test_format_is_guessed():
    records = [SignalRecord("pdq", PDQ)]
    for fmt in ("lines", "csv", "hma"):
        out = io.StringIO()
        write(records, out, fmt)
        assert sniff(out.getvalue()) == fmt
        assert read_text(out.getvalue()).records == records


def run_hash(*args: str):
    app = typer.Typer()
    app.command("hash")(hash_command)  # as tipline.cli mounts it
    app.command("other")(lambda: None)  # a second command, so "hash" is a subcommand as in tipline
    return CliRunner().invoke(app, ["hash", *args])


def test_hash_command_json_and_table(tmp_path):
    rng = np.random.default_rng(0)
    good = tmp_path / "good.png"
    Image.fromarray(rng.integers(0, 256, (8, 8, 3), dtype=np.uint8)).resize((200, 150)).save(good)
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"")
    result = run_hash(str(good), "--format", "json")
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.stdout)
    assert list(row) == ["file", "pdq", "pdq_oriented", "quality", "md5", "sha256", "error"]
    result = run_hash(str(good), str(bad))
    assert result.exit_code == 1
    assert row["pdq"] in result.stdout and "empty" in result.stdout


def test_lists_convert_and_match(tmp_path):
    need(IMAGES.is_dir(), f"{IMAGES} is absent")
    listing = tmp_path / "bank.txt"
    original = "f8f8f0cce0f4e84d0e370a22028f67f0b36e2ed596623e1d33e6339c4e9c9b22"  # bridge-1, C++ reference
    listing.write_text(f"pdq {original}\npdq bad\n")
    runner = CliRunner()
    result = runner.invoke(lists_app, ["convert", str(listing), "--to", "csv"])
    assert result.exit_code == 1  # one line refused
    assert result.stdout.splitlines()[1] == f",pdq,{original},,"
    result = runner.invoke(lists_app, ["match", str(listing), str(IMAGES / "bridge-6-flipy.jpg")])
    [hit] = [json.loads(line) for line in result.stdout.splitlines()]
    assert hit["hash"] == original and hit["variant"] == "flip_y" and hit["distance"] <= 31
