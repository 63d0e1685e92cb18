"""Evidence files: given by the reporter with code + token, encrypted at rest, read by staff with an
audit event, covered by key rotation and erased with the report."""

import base64
import io

import pytest
from PIL import Image
from sqlalchemy import select

from staffkit import file_report, make_user, sign_in
from tipline.security.roles import Principal, Role
from tipline.service import cases, evidence, retention
from tipline.store.tables import AuditRow, EvidenceRow


def png(seed: int = 1) -> bytes:
    image = Image.new("RGB", (64, 48), (seed * 40 % 256, 120, 200))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def b64(content: bytes) -> dict:
    return {"content_base64": base64.b64encode(content).decode()}


def test_a_reporter_adds_files_and_staff_read_them(client, tipline):
    receipt = file_report(tipline)
    screenshot = png()
    receipt_text = b"Western Union receipt MTCN 482-109-3375, 300 EUR, to Abidjan"
    r = client.post(f"/api/v1/reports/{receipt.reference}/evidence",
                    json={"token": receipt.token, "files": [b64(screenshot), b64(receipt_text)]})
    assert r.status_code == 201, r.text
    assert [f["media_type"] for f in r.json()] == ["image/png", "text/plain"]
    with tipline.db.read() as s:
        rows = s.execute(select(EvidenceRow)).scalars().all()
    assert len(rows) == 2 and all(screenshot not in row.body and b"Western Union" not in row.body for row in rows)

    user = make_user(tipline)
    sign_in(client, user)
    page = client.get(f"/staff/reports/{receipt.reference}")
    assert "image/png" in page.text
    file_id = next(row.id for row in rows if row.media_type == "image/png")
    got = client.get(f"/staff/reports/{receipt.reference}/evidence/{file_id}")
    assert got.status_code == 200 and got.content == screenshot
    assert got.headers["content-disposition"].startswith("attachment")
    with tipline.db.read() as s:
        assert s.execute(select(AuditRow).where(AuditRow.action == "evidence.viewed",
                                                AuditRow.actor == f"user:{user.id}")).first()


@pytest.mark.parametrize(("files", "field"), [
    ([{"content_base64": "not base64!"}], "files[0].content_base64"),
    ([b64(b"\x00\x01\x02binary junk\xff\xfe")], "files[0]"),
    ([b64(png()), b64(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff")], "files[1]"),
])
def test_bad_files_are_refused_by_name_and_nothing_is_stored(client, tipline, files, field):
    receipt = file_report(tipline)
    r = client.post(f"/api/v1/reports/{receipt.reference}/evidence", json={"token": receipt.token, "files": files})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == field
    with tipline.db.read() as s:
        assert s.execute(select(EvidenceRow)).first() is None


def test_wrong_token_is_404_and_too_large_is_413(client, tipline):
    receipt = file_report(tipline)
    r = client.post(f"/api/v1/reports/{receipt.reference}/evidence",
                    json={"token": "WRONG-TOKEN", "files": [b64(png())]})
    assert r.status_code == 404
    big = b64(b"x" * (12 * 1024 * 1024))
    r = client.post(f"/api/v1/reports/{receipt.reference}/evidence", json={"token": receipt.token, "files": [big]})
    assert r.status_code == 413
    with tipline.db.read() as s:
        assert s.execute(select(EvidenceRow)).first() is None


def test_a_liaison_cannot_open_files_of_a_case_not_referred(tipline):
    receipt = file_report(tipline)
    [stored] = evidence.add_evidence(tipline, receipt.reference, receipt.token, [png()])
    liaison = Principal.for_role("user:x", Role.liaison, agency="GRC")
    with pytest.raises(cases.Forbidden):
        evidence.read_evidence(tipline, liaison, receipt.reference, stored.id)


def test_rotation_and_erasure_cover_the_files(settings):
    from tipline.service import keys
    from tipline.service.context import Tipline

    tipline = Tipline.open(settings.model_copy(update={"secret_key": None}))  # a key file, which rotates
    receipt = file_report(tipline)
    [stored] = evidence.add_evidence(tipline, receipt.reference, receipt.token, [png(3)])
    staff = make_user(tipline, "nadia@hotline.example")
    admin = Principal.for_role(f"user:{staff.id}", Role.admin)
    cases.add_note(tipline, admin, receipt.reference, "Called back; kept the receipt.")
    old = tipline.keys.current
    keys.new_key(tipline)
    keys.reencrypt(tipline)
    with tipline.db.read() as s:
        assert s.get(EvidenceRow, stored.id).key_id == tipline.keys.current != old
    keys.retire(tipline, old)  # nothing uses the old key any more: files, notes, TOTP secrets included
    assert cases.view(tipline, admin, receipt.reference).notes[0]["text"] == "Called back; kept the receipt."
    from staffkit import PASSWORD, code_for
    from tipline.service import accounts

    token = accounts.sign_in(tipline, staff.email, PASSWORD)
    assert accounts.second_factor(tipline, token, code_for(staff.totp_secret))
    assert evidence.read_evidence(tipline, admin, receipt.reference, stored.id)[1] == png(3)
    assert retention.request_erasure(tipline, receipt.reference, receipt.token) is not None
    assert evidence.list_evidence(tipline, receipt.id) == []
    with tipline.db.read() as s:
        assert s.get(EvidenceRow, stored.id).body == b""
    with pytest.raises(cases.NotFound):
        evidence.read_evidence(tipline, admin, receipt.reference, stored.id)
    tipline.close()


def test_the_follow_up_page_takes_screenshots_without_javascript(client, tipline):
    from staffkit import csrf_of

    receipt = file_report(tipline)
    page = client.get("/evidence?lang=fr")
    assert "N’envoyez pas ici de photos ou de vidéos intimes" in page.text
    token = csrf_of(page.text)
    done = client.post("/evidence", data={"_csrf": token, "reference": receipt.reference.lower(),
                                          "token": receipt.token},
                       files=[("files", ("chat.png", png(), "image/png")),
                              ("files", ("recu.txt", b"Recu Western Union 300 EUR", "text/plain"))])
    assert done.status_code == 200 and "2 fichiers" in done.text
    assert len(evidence.list_evidence(tipline, receipt.id)) == 2
    bad = client.post("/evidence", data={"_csrf": token, "reference": receipt.reference, "token": receipt.token},
                      files=[("files", ("x.exe", b"MZ\x90\x00\x03\x00\xff\xfe\x00", "image/png"))])
    assert bad.status_code == 422
    wrong = client.post("/evidence", data={"_csrf": token, "reference": receipt.reference, "token": "NOPE"},
                        files=[("files", ("chat.png", png(), "image/png"))])
    assert wrong.status_code == 404
    no_csrf = client.post("/evidence", data={"reference": receipt.reference, "token": receipt.token},
                          files=[("files", ("chat.png", png(), "image/png"))])
    assert no_csrf.status_code == 400
    assert len(evidence.list_evidence(tipline, receipt.id)) == 2  # nothing more was stored
