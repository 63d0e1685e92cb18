"""The staff pages and API: sign-in, the queue, the case view, roles, CSRF, audit of views."""

import pytest
from sqlalchemy import select

from staffkit import PASSWORD, code_for, csrf_of, file_report, make_user, sign_in
from tipline.service import accounts, cases
from tipline.store.tables import AuditRow, CaseNoteRow, ReportRow


def _actions(tipline, object_id=None):
    with tipline.db.read() as s:
        q = select(AuditRow.action, AuditRow.actor)
        if object_id:
            q = q.where(AuditRow.object_id == str(object_id))
        return s.execute(q.order_by(AuditRow.id)).all()


def test_staff_pages_redirect_to_sign_in(client):
    r = client.get("/staff", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/staff/login?next=%2Fstaff")
    assert client.get("/api/v1/cases").status_code == 401


def test_sign_in_rejects_open_redirects(client, tipline):
    user = make_user(tipline)
    page = client.get("/staff/login?next=https://evil.example/")
    assert 'value="/staff"' in page.text and "evil" not in page.text
    r = client.post("/staff/login", data={"_csrf": csrf_of(page.text), "email": user.email, "password": PASSWORD,
                                          "next": "//evil.example"}, follow_redirects=False)
    assert "evil" not in r.headers["location"]


def test_post_without_csrf_is_refused_and_changes_nothing(client, tipline):
    user = make_user(tipline)
    r = client.post("/staff/login", data={"email": user.email, "password": PASSWORD}, follow_redirects=False)
    assert r.status_code == 400
    sign_in(client, user)
    receipt = file_report(tipline)
    r = client.post(f"/staff/reports/{receipt.reference}/note", data={"note": "no token"}, follow_redirects=False)
    assert r.status_code == 400
    with tipline.db.read() as s:
        assert s.execute(select(CaseNoteRow)).first() is None


def test_password_guessing_through_the_page_is_refused(client, tipline):
    user = make_user(tipline)
    page = client.get("/staff/login")
    token = csrf_of(page.text)
    codes = []
    for _ in range(accounts.FREE_ATTEMPTS + 1):
        r = client.post("/staff/login", data={"_csrf": token, "email": user.email, "password": "guess guess guess"})
        codes.append(r.status_code)
    assert set(codes) == {401}
    r = client.post("/staff/login", data={"_csrf": token, "email": user.email, "password": PASSWORD})
    assert r.status_code == 401 and "locked" in r.text


def test_wrong_code_does_not_sign_in(client, tipline):
    user = make_user(tipline)
    page = client.get("/staff/login")
    client.post("/staff/login", data={"_csrf": csrf_of(page.text), "email": user.email, "password": PASSWORD})
    page = client.get("/staff/login/code")
    r = client.post("/staff/login/code", data={"_csrf": csrf_of(page.text), "code": "123456"})
    assert r.status_code == 401
    assert client.get("/staff", follow_redirects=False).status_code == 303


def test_queue_orders_by_priority_with_reasons(client, tipline):
    plain = file_report(tipline, "Someone asked me for money for a video, I think it is a scam.")
    urgent = file_report(tipline, "I am 15 and he says he will send my pictures to my school tomorrow.",
                         victim={"age_band": "13-15"})
    crisis = file_report(tipline, "He wants 300 dollars. I want to kill myself, I can't go on.")
    sign_in(client, make_user(tipline))
    page = client.get("/staff")
    assert page.status_code == 200
    order = [ref for ref in (crisis.reference, urgent.reference, plain.reference)]
    positions = [page.text.index(ref) for ref in order]
    assert positions == sorted(positions), "self-harm first, then the minor, then the rest"
    assert "self harm" in page.text and "minor" in page.text
    rows = client.get("/staff/queue/rows")
    assert rows.status_code == 200 and crisis.reference in rows.text and "<html" not in rows.text


def test_case_view_decrypts_and_is_audited(client, tipline):
    receipt = file_report(tipline, "He is on instagram as @belle.awa22 and wants 800 dollars by Western Union.")
    user = make_user(tipline)
    sign_in(client, user)
    page = client.get(f"/staff/reports/{receipt.reference}")
    assert page.status_code == 200
    assert "belle.awa22" in page.text and "Western Union" in page.text
    trail = _actions(tipline, receipt.id)
    assert ("report.viewed", f"user:{user.id}") in trail


def test_working_a_case_to_referred(client, tipline):
    receipt = file_report(tipline)
    user = make_user(tipline)
    sign_in(client, user)
    ref = receipt.reference

    def post(action, **data):
        page = client.get(f"/staff/reports/{ref}")
        return client.post(f"/staff/reports/{ref}/{action}", data={"_csrf": csrf_of(page.text), **data},
                           follow_redirects=False)

    assert post("assign", assignee=str(user.id)).status_code == 303
    assert post("status", status="triaged").status_code == 303
    assert post("note", note="Called the victim back; evidence kept.").status_code == 303
    r = post("status", status="referred")
    assert "error=" in r.headers["location"]  # referred needs an agency first
    assert post("refer", agency="SPVM cyber unit").status_code == 303
    with tipline.db.read() as s:
        assert s.execute(select(ReportRow.status).where(ReportRow.id == receipt.id)).scalar_one() == "referred"
        note = s.execute(select(CaseNoteRow)).scalar_one()
        assert b"Called the victim" not in note.body
    page = client.get(f"/staff/reports/{ref}")
    assert "Called the victim back" in page.text and "SPVM cyber unit" in page.text
    actions = [a for a, _ in _actions(tipline, receipt.id)]
    for action in ("case.assigned", "case.status_changed", "case.note_added", "case.referred"):
        assert action in actions


def test_liaison_sees_only_cases_referred_to_their_agency(client, tipline):
    mine, other = file_report(tipline), file_report(tipline)
    analyst = accounts.add_user(tipline, "sup@hotline.example", "supervisor", PASSWORD)
    from tipline.security.roles import Principal, Role

    cases.refer(tipline, Principal.for_role(f"user:{analyst.id}", Role.supervisor), mine.reference, "GRC")
    liaison = make_user(tipline, "police@grc.example", "liaison", agency="GRC")
    sign_in(client, liaison)
    assert client.get(f"/staff/reports/{mine.reference}").status_code == 200
    assert client.get(f"/staff/reports/{other.reference}").status_code == 403
    queue = client.get("/staff").text
    assert mine.reference in queue and other.reference not in queue
    assert ("report.view_denied", f"user:{liaison.id}") in _actions(tipline, other.id)


def test_staff_api_with_scoped_tokens(client, tipline):
    receipt = file_report(tipline, "Snap: awa.belle22, he wants 500 euros.")
    reader = accounts.add_token(tipline, "reader", ["reports:read"])
    stats_only = accounts.add_token(tipline, "stats", ["stats:read"])
    assert client.get("/api/v1/cases", headers={"Authorization": f"Bearer {stats_only}"}).status_code == 403
    r = client.get("/api/v1/cases", headers={"Authorization": f"Bearer {reader}"})
    assert r.status_code == 200 and r.json()["items"][0]["ref"] == receipt.reference
    r = client.get(f"/api/v1/reports/{receipt.reference}", headers={"Authorization": f"Bearer {reader}"})
    assert r.status_code == 200
    body = r.json()
    assert body["report"]["narrative"].startswith("Snap")
    assert any(i["kind"] == "snapchat" for i in body["identifiers"]) or body["identifiers"]
    r = client.post(f"/api/v1/reports/{receipt.reference}/notes", json={"text": "x"},
                    headers={"Authorization": f"Bearer {reader}"})
    assert r.status_code == 403
    assert client.get("/api/v1/reports/TL-XXXX-XXXX", headers={"Authorization": f"Bearer {reader}"}).status_code == 404


def test_api_refuses_an_impossible_transition_naming_the_field(client, tipline):
    receipt = file_report(tipline)
    writer = accounts.add_token(tipline, "writer", ["reports:read", "reports:write"])
    h = {"Authorization": f"Bearer {writer}"}
    assert client.post(f"/api/v1/reports/{receipt.reference}/status", json={"status": "closed"}, headers=h
                       ).status_code == 204
    r = client.post(f"/api/v1/reports/{receipt.reference}/status", json={"status": "triaged"}, headers=h)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "status"
    r = client.post(f"/api/v1/reports/{receipt.reference}/status", json={"status": "done"}, headers=h)
    assert r.status_code == 422
    with tipline.db.read() as s:
        assert s.execute(select(ReportRow.status).where(ReportRow.id == receipt.id)).scalar_one() == "closed"


@pytest.mark.parametrize("offset", [0])
def test_code_helper_is_current(offset):
    import pyotp

    secret = pyotp.random_base32()
    assert pyotp.TOTP(secret).verify(code_for(secret, offset))


def test_case_page_shows_the_network_and_related_reports_and_the_queue_filters_by_network(client, tipline):
    from tipline.service import networks

    a = file_report(tipline, "He asked for 300 euros on WhatsApp +225 07 58 12 34 56 or he posts my video.")
    b = file_report(tipline, "Same man, number +225 07 58 12 34 56, wants 500 euros by Western Union.")
    lone = file_report(tipline, "Someone on snapchat asked me for money, I blocked him.")
    networks.rebuild(tipline)
    sign_in(client, make_user(tipline))
    page = client.get(f"/staff/reports/{a.reference}")
    assert page.status_code == 200
    assert b.reference in page.text and "+2250758123456" in page.text
    network_id = page.text.split('id="network">')[1].split('<strong class="mono">')[1].split("<")[0]
    queue = client.get(f"/staff?network={network_id}&status=all").text
    assert a.reference in queue and b.reference in queue and lone.reference not in queue
    graph = client.get(f"/staff/reports/{a.reference}/graph.json").json()["elements"]
    labels = {e["data"].get("label") for e in graph}
    assert {a.reference, b.reference, "+2250758123456"} <= labels and lone.reference not in labels
    edges = [e["data"] for e in graph if "source" in e["data"]]
    phone = next(e["data"]["id"] for e in graph if e["data"].get("label") == "+2250758123456")
    assert sum(e["target"] == phone for e in edges) == 2  # both reports point at the shared number


def test_the_graph_draws_over_shared_values_flagged_and_links_nothing_through_them():
    import uuid

    from tipline.service.linking import Related, RelatedAnswer
    from tipline.web.staff.graph import elements

    other = uuid.uuid4()
    answer = RelatedAnswer(uuid.uuid4(), None, [Related(other, "TL-BBBB-BBBB", None, None, 1.0, [
        {"kind": "phone", "value": "+2250758123456", "score": 1.0}, {"kind": "script", "value": None, "score": 0.8}])],
        [{"kind": "email", "value": "support@platform.example", "reports": 400, "reason": "hub"}])
    nodes = {e["data"]["id"]: e["data"] for e in elements("TL-AAAA-AAAA", [("phone", "+2250758123456")], answer)
             if "source" not in e["data"]}
    hub = nodes["i:email:support@platform.example"]
    assert hub["flagged"] and hub["reports"] == 400
    assert {n["label"] for n in nodes.values() if n["kind"] == "report"} == {"TL-AAAA-AAAA", "TL-BBBB-BBBB"}
    assert "i:script:similar script" in nodes
