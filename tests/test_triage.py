from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from tipline.triage import WEIGHTS, Facts, facts_of, score

NOW = datetime(2026, 11, 24, 12, tzinfo=UTC)


def test_nothing_known_scores_zero():
    p = score(Facts(), NOW)
    assert p.points == 0 and p.reasons == []


def test_each_reason_is_named_with_its_points():
    p = score(Facts(minor=True, paid=True, deadline=NOW + timedelta(hours=5)), NOW)
    assert p.codes == ["minor", "deadline_soon", "paid"]
    assert p.points == WEIGHTS["minor"] + WEIGHTS["deadline_soon"] + WEIGHTS["paid"]


def test_self_harm_outranks_every_other_combination():
    everything_else = Facts(minor=True, deadline=NOW, demanded=True, paid=True, images_shared=True,
                            friends_contacted=True, more_images_demanded=True, active_network=True)
    assert score(Facts(self_harm=True), NOW).points > score(everything_else, NOW).points


def test_deadline_counts_only_when_close():
    assert "deadline_soon" not in score(Facts(deadline=NOW + timedelta(days=10)), NOW).codes
    assert "deadline_soon" in score(Facts(deadline=NOW + timedelta(days=2)), NOW).codes
    assert "deadline_soon" in score(Facts(deadline=NOW - timedelta(hours=3)), NOW).codes
    assert "deadline_soon" not in score(Facts(deadline=NOW - timedelta(days=5)), NOW).codes


def test_answers_and_signals_merge():
    f = facts_of(minor=False, self_harm=False, deadline=None,
                 flags={"images_already_shared": "unknown", "friends_or_family_contacted": True},
                 signals={"minor": True, "images_shared": False}, demanded=True, paid=False)
    assert f.minor and f.friends_contacted and f.demanded
    assert not f.images_shared  # "unknown" is not a yes
    assert not f.paid


@given(st.builds(Facts, minor=st.booleans(), self_harm=st.booleans(), demanded=st.booleans(),
                 paid=st.booleans(), images_shared=st.booleans(), friends_contacted=st.booleans(),
                 more_images_demanded=st.booleans(), active_network=st.booleans()),
       st.sampled_from([f for f in Facts.__dataclass_fields__ if f != "deadline"]))
def test_adding_a_risk_never_lowers_the_priority(facts, extra):
    more = Facts(**{**facts.__dict__, extra: True})
    assert score(more, NOW).points >= score(facts, NOW).points
    assert sum(r["points"] for r in score(more, NOW).reasons) == score(more, NOW).points
