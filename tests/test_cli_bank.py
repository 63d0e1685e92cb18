"""`tipline bank`: banks in the store, in and out in the ThreatExchange and HMA formats."""

from __future__ import annotations

import json

from conftest import SHARED, need
from tipline.hashing import hash_file

IMAGES = SHARED / "data" / "pdq" / "images"



def test_a_list_goes_in_comes_out_in_each_format_and_matches_a_rotated_picture(run, tmp_path):
    need((IMAGES / "bridge-1-original.jpg").exists(), f"{IMAGES} is absent")
    original = hash_file(IMAGES / "bridge-1-original.jpg").pdq
    listing = tmp_path / "list.txt"
    listing.write_text(f"pdq {original}\npdq not-a-hash\nmd5 {'a' * 32}\n")
    imported = run("bank", "import", listing, "--name", "partner-x")
    assert imported.exit_code == 1  # one bad line, named, the good ones kept
    assert f"{listing}:2:" in imported.stderr and "2 new hashes" in imported.stderr
    assert run("bank", "list").stdout.split("\n")[0].split("\t") == ["partner-x", "partner", "matching", "2"]
    for fmt in ("lines", "csv", "hma"):
        out = tmp_path / f"out.{fmt}"
        assert run("bank", "export", "partner-x", "--to", fmt, "--out", out).exit_code == 0
        again = run("bank", "import", out, "--name", f"copy-{fmt}", "--format", fmt)
        assert again.exit_code == 0 and "2 new hashes" in again.stderr, (fmt, again.stderr)
    matched = run("bank", "match", IMAGES / "bridge-2-rotate-90.jpg", tmp_path / "missing.jpg")
    assert matched.exit_code == 1
    rotated, missing = (json.loads(line) for line in matched.stdout.splitlines())
    assert {m["bank"] for m in rotated["matches"]} >= {"partner-x", "copy-lines", "copy-csv", "copy-hma"}
    assert all(m["distance"] <= 31 for m in rotated["matches"])
    assert missing["matches"] == [] and missing["error"]


def test_exporting_an_unknown_bank_or_format_is_a_clear_error(run):
    assert run("bank", "export", "nope").exit_code == 2
    bad = run("bank", "export", "nope", "--to", "xml")
    assert bad.exit_code == 2 and "lines, csv, hma" in bad.stderr
