"""The ``tipline`` command: import, export, database, audit."""

from __future__ import annotations

import json

from sqlalchemy import select, update
from typer.testing import CliRunner

from tipline.cli import app
from tipline.store.tables import AuditRow


def lines_file(tmp_path, lines):
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_db_upgrade_creates_the_schema(run):
    from alembic.script import ScriptDirectory

    from tipline.store.db import Database

    head = ScriptDirectory.from_config(Database("sqlite://").alembic_config()).get_current_head()
    result = run("db", "upgrade")
    assert result.exit_code == 0 and f"revision {head}" in result.stderr


def test_import_keeps_good_lines_and_names_bad_ones(run, tmp_path, example):
    good2 = {**example, "external_id": "second", "payments": []}
    bad_amount = {**example, "external_id": "third", "demands": [{"amount": "lots", "currency": "CAD"}]}
    path = lines_file(tmp_path, [json.dumps(example), "{not json", json.dumps(good2), json.dumps(bad_amount),
                                 "[1, 2]", ""])
    result = run("import", str(path))
    assert result.exit_code == 1
    err = result.stderr
    assert f"{path}:2: not valid JSON" in err
    assert f"{path}:4: demands.0.amount" in err
    assert f"{path}:5: a line must be a JSON object" in err
    assert "imported 2, already present 0, failed 3" in err
    again = run("import", str(path))  # the same external_ids are not duplicated
    assert "imported 0, already present 2, failed 3" in again.stderr
    exported = run("export", "--format", "jsonl")
    records = [json.loads(line) for line in exported.stdout.splitlines()]
    assert sorted(r["external_id"] for r in records) == ["partner-2026-000123", "second"]


def test_export_is_the_interchange_shape_and_reimports(run, tmp_path, example):
    run("import", str(lines_file(tmp_path, [json.dumps(example)])))
    out = tmp_path / "out.jsonl"
    result = run("export", "--format", "jsonl", "--out", str(out))
    assert result.exit_code == 0 and "exported 1 reports" in result.stderr
    record = json.loads(out.read_text())
    assert set(example) <= set(record)
    assert record["narrative"] == example["narrative"]
    assert record["received_at"] == "2026-11-02T21:14:00Z"  # an import keeps its received time
    assert {"+2250758123456", "wu:4821093375"} <= {i["value"] for i in record["extracted"]["identifiers"]}
    assert record["extracted"]["signals"]["webcam_scheme"] is True and record["extracted"]["signals"]["paid"] is True
    record["external_id"] = "copy"
    again = run("import", str(lines_file(tmp_path, [json.dumps(record)])))
    assert again.exit_code == 0 and "imported 1" in again.stderr


def test_import_of_a_missing_file_is_a_clear_error(run, tmp_path):
    result = run("import", str(tmp_path / "nope.jsonl"))
    assert result.exit_code == 2 and "not a readable file" in result.stderr


def test_audit_verify_passes_then_finds_an_edit(run, tmp_path, example, tipline):
    run("import", str(lines_file(tmp_path, [json.dumps({**example, "external_id": f"x{i}"}) for i in range(3)])))
    ok = run("audit", "verify")
    assert ok.exit_code == 0 and "intact" in ok.stderr
    with tipline.db.write() as s:
        s.execute(update(AuditRow).where(AuditRow.id == 2).values(action="report.deleted"))
    bad = run("audit", "verify")
    assert bad.exit_code == 1 and "audit event 2" in bad.stderr


def test_audit_verify_finds_the_last_event_deleted(run, tmp_path, example, tipline):
    run("import", str(lines_file(tmp_path, [json.dumps({**example, "external_id": f"x{i}"}) for i in range(3)])))
    assert run("audit", "verify").exit_code == 0
    with tipline.db.write() as s:
        last = s.execute(select(AuditRow).order_by(AuditRow.id.desc()).limit(1)).scalar_one()
        s.delete(last)
    bad = run("audit", "verify")
    assert bad.exit_code == 1 and "deleted at the end" in bad.stderr


def test_tipline_hash_prints_the_json_contract_and_fails_on_a_bad_file(tmp_path):
    import numpy as np
    from PIL import Image

    image = tmp_path / "photo.jpg"
    rng = np.random.default_rng(3)
    Image.fromarray(rng.integers(0, 255, (300, 400, 3), dtype=np.uint8)).resize((800, 600)).save(image)
    bad = tmp_path / "notes.txt"
    bad.write_text("not an image")
    result = CliRunner().invoke(app, ["hash", str(image), str(bad), "--format", "json"])
    assert result.exit_code == 1
    good, failed = json.loads(result.stdout)
    assert set(good) >= {"file", "pdq", "pdq_oriented", "quality", "md5", "sha256"}
    assert len(good["pdq"]) == 64 and int(good["pdq"], 16) >= 0 and good["quality"] >= 50
    assert failed["pdq"] is None and failed["error"] and len(failed["sha256"]) == 64
