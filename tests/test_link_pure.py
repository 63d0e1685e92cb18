"""Linking's pure parts: recipients' names, scripts, B-cubed, stable ids, and the graph rules."""

from __future__ import annotations

import numpy as np
import pytest

from linkkit import tables
from tipline.link import names, near, scripts, stable
from tipline.link.engines import QUERIES, assemble, recipient_clusters
from tipline.link.evaluate import bcubed
from tipline.link.graph import Evidence, networks
from tipline.link.kinds import TAG_LIKE, HubPolicy, is_strong, linkable

# --- recipients' names ------------------------------------------------------------------------------


@pytest.mark.parametrize(("a", "b"), [
    ("CI:kouassi serge yao", "CI:kwassi serge yao"),        # transliteration
    ("CI:kouassi serge yao", "??:kouassi serge yao"),       # country not given
    ("SN:moustapha omar sy", "SN:moustafa omar sy"),        # ph / f
    ("MA:el idrissi youssef", "MA:el idrisi yousef"),       # doubled letters
    ("CI:kouassi serge yao", "CI:kouassi sergr yao"),       # a typo
])
def test_the_same_recipient_up_to_spelling(a, b):
    assert names.same(a, b)


@pytest.mark.parametrize(("a", "b"), [
    ("CI:kouassi serge yao", "SN:kouassi serge yao"),       # another country: another person
    ("CI:kouassi serge yao", "CI:traore awa"),
    ("SN:moustapha omar sy", "SN:ibrahima ndiaye"),
])
def test_different_recipients(a, b):
    assert not names.same(a, b)


def test_a_short_name_joins_only_an_unambiguous_cluster():
    values = {1: "SN:moustapha omar sy", 2: "SN:moustafa omar sy", 3: "SN:moustapha ousmane sy",
              4: "SN:moustapha sy", 5: "CI:adama kablan koffi", 6: "??:adama kablan"}
    pairs = [(a, b) for a in values for b in values if a < b]
    clusters = recipient_clusters(pairs, values)
    assert clusters[1] == clusters[2]
    assert clusters[3] != clusters[1]
    assert clusters.get(4, 4) not in (clusters[1], clusters[3])  # could be either mule
    assert clusters[6] == clusters[5]


def test_recipient_names_block_on_folded_words():
    assert set(names.block_keys("CI:kouassi yao")) == set(names.block_keys("CI:kwassi yao"))


# --- scripts ---------------------------------------------------------------------------------------

CHAT = """[21:02] Awa: j'ai tout enregistré, ta vidéo est prête à partir chez tous tes amis
[21:03] Moi: s'il te plaît non
[21:03] Awa: tu as 24 heures pour envoyer 300 euros par Western Union sinon je publie tout
[21:05] Awa: je connais ta famille et tes collègues, je vais leur envoyer la vidéo ce soir"""


def test_the_scammers_lines_are_separated_from_the_victims():
    text = scripts.scammer_text(CHAT, None)
    assert "enregistré" in text and "plaît" not in text


def test_without_a_chat_the_narratives_quotes_are_the_script():
    narrative = 'He wrote "you have 24 hours to pay or I send the video to everyone you know" and left.'
    assert scripts.scammer_text(None, narrative).startswith("you have 24 hours")


def test_similar_scripts_share_bands_and_different_ones_do_not():
    a = scripts.band_keys(scripts.scammer_text(CHAT, None))
    variant = CHAT.replace("300 euros", "500 euros").replace("ce soir", "demain")
    b = scripts.band_keys(scripts.scammer_text(variant, None))
    other = scripts.band_keys("hello dear I am a soldier on mission and I need your help to send "
                              "a parcel of gold to your country, please answer quickly my friend")
    assert len(a) == scripts.BANDS
    assert len(set(a) & set(b)) >= 4
    assert not set(a) & set(other)
    assert scripts.band_keys("too short to say anything") == []


def test_band_keys_do_not_contain_the_words():
    keys = scripts.band_keys(CHAT)
    assert all(isinstance(k, int) and -(2**63) <= k < 2**63 for k in keys)


# --- B-cubed ---------------------------------------------------------------------------------------

def test_bcubed_on_a_small_example():
    truth = {"a": "X", "b": "X", "c": "X", "d": None}
    assert bcubed({"a": 1, "b": 1, "c": 1, "d": None}, truth) == (1.0, 1.0)
    p, r = bcubed({"a": 1, "b": 1, "c": None, "d": 1}, truth)
    # a, b: precision 2/3, recall 2/3; c: 1, 1/3; d: 1/3, 1
    assert p == pytest.approx((2 / 3 + 2 / 3 + 1 + 1 / 3) / 4)
    assert r == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)


# --- stable ids ------------------------------------------------------------------------------------

def test_ids_follow_the_largest_overlap():
    previous = {"r1": "N-A", "r2": "N-A", "r3": "N-A", "r4": "N-B", "r5": "N-B"}
    counter = iter(range(100))
    ids = stable.assign_ids({0: ["r1", "r2", "r6"], 1: ["r3"], 2: ["r4", "r5", "r7"], 3: ["r8", "r9"]},
                            previous, fresh=lambda: f"N-{next(counter)}")
    assert ids[0] == "N-A" and ids[2] == "N-B"
    assert ids[1] not in ("N-A", "N-B") and ids[3] not in ("N-A", "N-B") and ids[1] != ids[3]


def test_merged_networks_keep_the_bigger_contributors_id():
    previous = {"r1": "N-A", "r2": "N-A", "r3": "N-B"}
    assert stable.assign_ids({0: ["r1", "r2", "r3"]}, previous) == {0: "N-A"}


# --- kinds -----------------------------------------------------------------------------------------

def test_short_recipient_names_and_junk_handles_are_not_strong():
    assert is_strong("transfer_recipient", "CI:kouassi serge yao")
    assert not is_strong("transfer_recipient", "SN:moustapha sy")
    assert not is_strong("transfer_recipient", "??:kouassi serge yao")
    assert not linkable("profile", "instagram:3") and linkable("profile", "instagram:awa_kone225")
    # A mistyped "facebook.com/profile.php?id=…" read as a handle links nothing.
    assert not any(linkable("profile", f"facebook:{h}") for h in ("profil.ephp", "profile.hp", "profilephp"))
    assert linkable("profile", "facebook:purple.rain") and linkable("profile", "instagram:profiler22")


# --- slips and handles across apps ------------------------------------------------------------------

@pytest.mark.parametrize(("kind", "a", "b"), [
    ("phone", "+2250758123456", "+2250758123457"),          # a digit changed
    ("phone", "+2250758123456", "+2250758124356"),          # two swapped
    ("profile", "instagram:lola_x04821", "instagram:lola_x0482"),   # one dropped
    ("email", "awa.belle2231@gmail.com", "awa.belle22311@gmail.com"),  # one added
    ("email", "awa.belle2231@gmail.com", "awa.belle2231@gmial.com"),   # in the provider too
])
def test_one_slip_apart(kind, a, b):
    assert near.slip(kind, a, b) and near.slip(kind, b, a)


@pytest.mark.parametrize(("kind", "a", "b"), [
    ("phone", "+2250758123456", "+2250758123465"[:-2] + "99"),       # two digits changed
    ("profile", "instagram:lola_x1", "instagram:lola_x2"),           # too short to tell
    ("profile", "instagram:lola_x04821", "snapchat:lola_x04821"),     # another app: not a slip
    ("crypto", "btc:bc1qzdclup9qpsmpd3pxzuw09ua9tt00wmn9hk64u7", "btc:bc1qzdclup9qpsmpd3pxzuw09ua9tt00wmn9hk64u8"),
    ("phone", "+2250758123456", "+2250758123456"),
])
def test_not_one_slip_apart(kind, a, b):
    assert not near.slip(kind, a, b)


def test_the_sql_finds_exactly_the_slips_of_reports_alone():
    """The deletion-key join (no comparison of all pairs) finds what comparing all pairs would:
    values named by one report that names nothing else shared, one edit from a shared value or
    from a value of a report that names a shared one."""
    import random

    import duckdb

    from tipline.simulate.noise import misspell

    rng = random.Random(3)
    values: list[tuple[str, str]] = []
    for _ in range(60):
        phone = "+22507" + "".join(rng.choices("0123456789", k=8))
        handle = "profile", "instagram:" + "".join(rng.choices("abcdefghij_.0123456789", k=rng.randint(5, 14)))
        email = "email", "".join(rng.choices("abcdefgh0123456789", k=rng.randint(6, 12))) + "@gmail.com"
        for kind, value in (("phone", phone), handle, email):
            values.append((kind, value))
            for _ in range(rng.randint(0, 3)):  # its slips (some coincide, some are not one edit away)
                values.append((kind, value if kind == "profile" and rng.random() < 0.2 else misspell(rng, value)))
    values = list(dict.fromkeys(values))
    named = {i: rng.choice((1, 1, 2, 3, 5)) for i in range(len(values))}
    links = [(f"r{i}-{j}", i) for i, count in named.items() for j in range(count)]
    shared = [i for i, count in named.items() if count > 1]
    not_alone = set()
    for i, count in named.items():  # some reports also name a shared value: they are not alone
        if count == 1 and rng.random() < 0.3:
            links.append((f"r{i}-0", rng.choice(shared)))
            not_alone.add(i)
    con = duckdb.connect()
    con.execute("CREATE TABLE identifiers (id BIGINT, kind VARCHAR, value VARCHAR)")
    con.execute("CREATE TABLE report_identifiers (report_id VARCHAR, identifier_id BIGINT)")
    con.executemany("INSERT INTO identifiers VALUES (?, ?, ?)", [(i, k, v) for i, (k, v) in enumerate(values)])
    con.executemany("INSERT INTO report_identifiers VALUES (?, ?)", links)
    found = set(con.execute(QUERIES["near_pairs"]).fetchall())
    expected = {(i, j) for i, (ki, vi) in enumerate(values) for j, (kj, vj) in enumerate(values)
                if ki == kj and named[i] <= near.SLIP_REPORTS and i not in not_alone
                and (named[j] > near.SLIP_REPORTS or j in not_alone) and near.slip(ki, vi, vj)}
    assert len(expected) > 30 and found == expected


def test_a_handle_is_recognised_across_apps_and_in_an_email():
    same = {near.skeleton("profile", "instagram:zoe_xo71969"), near.skeleton("profile", "facebook:zoe.xo71969"),
            near.skeleton("email", "zoe_xo71969@gmail.com"), near.skeleton("profile", "skype:live:zoe.xo71969_"),
            near.skeleton("paypal", "email:zoe-xo71969@yahoo.fr")}
    assert same == {"zoexo71969"} and near.distinctive("zoexo71969")
    assert near.skeleton("profile", "instagram:lola.officiel") is None      # no digits: anybody's
    assert near.skeleton("profile", "facebook:id:100089231234567") is None  # a number, not a handle
    assert near.skeleton("profile", "skype:live:.cid.4f1a9b2c3d5e6f70") is None
    assert near.skeleton("profile", "tiktok:awa_22") is None                # too short
    assert near.skeleton("profile", "tiktok:awa_bb22") == "awabb22" and not near.distinctive("awabb22")


def test_a_handle_cut_or_varied_keeps_its_stem_and_number():
    # One fake profile's accounts: Instagram's whole handle, Snapchat's cut at 15 characters, a
    # Facebook vanity name with dots, an e-mail address, a Skype name.
    same = {near.tag("profile", "instagram:jasmine_fontaine_91825"), near.tag("profile", "snapchat:jasminef_91825"),
            near.tag("profile", "facebook:jasmine.fontaine.91825"), near.tag("email", "jasminefontaine91825@gmail.com"),
            near.tag("profile", "skype:live:jasmine_f91825__")}
    assert same == {"ja…91825"}
    assert near.tag("profile", "instagram:jad.roy_91825") == "ja…91825"   # a slip in the stem: the same
    assert near.tag("profile", "instagram:lola_91825") == "lo…91825"      # another stem: another tag
    assert near.tag("profile", "instagram:kevin_1998") is None            # a year of birth
    assert near.tag("profile", "instagram:kevin_19981") == "ke…19981"   # not a year
    assert near.tag("profile", "tiktok:awa_bb22") is None                 # too few digits
    assert near.tag("profile", "facebook:id:100089231234567") is None     # nobody chose it
    assert near.tag("profile", "skype:live:.cid.4f1a9b2c3d5e6f70") is None
    assert near.tag("profile", "instagram:91825_jasmine") is None         # no number at the end
    assert near.tag("phone", "+2250758123456") is None


def test_accounts_sharing_a_stem_and_number_weakly_join_a_report_to_its_network():
    # Network A (reports 0-3) shares a phone; report 0 met the profile on Instagram. Report 4 met
    # it on Snapchat, whose handle is cut, and names nothing else anyone named.
    reports = [[(1, "phone", "+2250758123456")] for _ in range(4)]
    reports[0].append((2, "profile", "instagram:jasmine_fontaine_91825"))
    reports.append([(3, "profile", "snapchat:jasminef_91825")])
    g = assemble(tables(reports))
    assert g.key_kind.count(TAG_LIKE) == 1
    labels = networks(g.evidence).labels
    assert labels[4] == labels[0] >= 0
    # Another stem with the same number, or the same handle kept whole (the handle key says it
    # already), makes no tag key.
    reports[4] = [(3, "profile", "snapchat:lola_91825")]
    assert TAG_LIKE not in assemble(tables(reports)).key_kind
    assert networks(assemble(tables(reports)).evidence).labels[4] == -1
    reports[4] = [(3, "profile", "tiktok:jasmine.fontaine.91825")]
    assert TAG_LIKE not in assemble(tables(reports)).key_kind


# --- the graph -------------------------------------------------------------------------------------

def _evidence(links: list[tuple[int, int]], strong: list[bool], weight: list[float] | None = None) -> Evidence:
    rep, key = zip(*links, strict=True)
    n = max(rep) + 1
    return Evidence(n, np.asarray(rep), np.asarray(key), np.asarray(strong),
                    np.asarray(weight or [1.0] * len(strong)))


def test_a_value_shared_by_hundreds_of_unrelated_reports_merges_nothing():
    # 150 unrelated pairs of reports, each pair sharing its own phone; every report also names a
    # platform's support address (key 0).
    links, strong = [], [True]
    for i in range(150):
        phone = len(strong)
        strong.append(True)
        links += [(2 * i, phone), (2 * i + 1, phone), (2 * i, 0), (2 * i + 1, 0)]
    result = networks(_evidence(links, strong))
    assert 0 in result.flagged and result.flagged[0][0] == 300
    assert len(set(result.labels.tolist())) == 150
    assert all(result.labels[2 * i] == result.labels[2 * i + 1] for i in range(150))


def test_a_networks_own_phone_with_hundreds_of_victims_is_not_a_hub():
    # 300 victims of one network: all name its phone (key 0); they also name its 10 profiles.
    links, strong = [], [True] + [True] * 10
    for i in range(300):
        links += [(i, 0), (i, 1 + i % 10)]
    result = networks(_evidence(links, strong))
    assert result.flagged == {}
    assert set(result.labels.tolist()) == {0}


def test_one_shared_value_does_not_glue_two_established_groups():
    # Two groups of five (keys 0 and 1); key 2 is named once in each.
    links = [(i, 0) for i in range(5)] + [(i, 1) for i in range(5, 10)] + [(0, 2), (5, 2)]
    result = networks(_evidence(links, [True, True, True]))
    assert result.labels[0] != result.labels[5]
    # …unless other evidence agrees: with a similar recipient's name (weak key 3) named in each
    # group, once in three of their reports, the two are one network.
    links = ([(i, 0) for i in range(5)] + [(i, 1) for i in range(5, 8)] + [(0, 2), (5, 2)]
             + [(1, 3), (6, 3), (2, 4), (7, 4)])
    result = networks(_evidence(links, [True, True, True, False, False]))
    assert len(set(result.labels.tolist())) == 1
    links = links[:-2]  # the pair and one similar name: not enough for three reports
    result = networks(_evidence(links, [True, True, True, False, False]))
    assert result.labels[0] != result.labels[5]
    # …but it attaches a lone report to a group.
    links = [(i, 0) for i in range(5)] + [(0, 2), (5, 2)]
    result = networks(_evidence(links, [True, True, True]))
    assert result.labels[5] == result.labels[0]


def test_weak_evidence_attaches_a_report_but_not_a_whole_group():
    # Group A: reports 0-4 (key 0); group B: 5-9 (key 1); report 10 alone. Weak key 2 (weight 1)
    # is named by 0, 1, 2 and 10; weak key 3 by 4 and 5 only.
    links = ([(i, 0) for i in range(5)] + [(i, 1) for i in range(5, 10)]
             + [(0, 2), (1, 2), (2, 2), (10, 2), (4, 3), (5, 3)])
    result = networks(_evidence(links, [True, True, False, False], [1.0, 1.0, 1.0, 1.0]))
    assert result.labels[10] == result.labels[0]
    assert result.labels[5] != result.labels[0]


def _with_slips(links, strong, alias) -> Evidence:
    ev = _evidence(links, strong)
    ev.alias = np.asarray(alias, dtype=np.int64).reshape(-1, 2)
    return ev


def test_a_slip_attaches_a_report_to_the_network_it_was_copied_from():
    # Reports 0-4 name the network's phone (key 0); report 5 names it with a slip (key 1).
    links = [(i, 0) for i in range(5)] + [(5, 1)]
    assert networks(_with_slips(links, [True, True], [])).labels[5] == -1
    result = networks(_with_slips(links, [True, True], [(0, 1)]))
    assert result.labels[5] == result.labels[0] >= 0


def test_an_ambiguous_slip_attaches_nothing():
    # Key 2 (report 10) is one edit from both network A's phone (key 0) and network B's (key 1):
    # numbers bought in a sequence. Nothing says which one was meant.
    links = [(i, 0) for i in range(5)] + [(i, 1) for i in range(5, 10)] + [(10, 2)]
    result = networks(_with_slips(links, [True, True, True], [(0, 2), (1, 2)]))
    assert result.labels[10] == -1 and result.labels[0] != result.labels[5]


def test_values_one_edit_apart_named_by_several_reports_each_are_two_accounts():
    # "awa_bb2231" and "awa_bb2232", each named by five reports, or by two: two real accounts.
    for each in (5, 2):
        links = [(i, 0) for i in range(each)] + [(i, 1) for i in range(each, 2 * each)]
        result = networks(_with_slips(links, [True, True], [(0, 1)]))
        assert result.labels[0] != result.labels[each]


def test_a_slip_of_a_value_one_report_in_a_network_named_attaches_its_report():
    # Network A (reports 0-3) shares a phone (key 0); report 0 also named the profile (key 1)
    # nobody else named. Report 4 names that profile with a slip (key 2), and nothing else.
    links = [(i, 0) for i in range(4)] + [(0, 1), (4, 2)]
    result = networks(_with_slips(links, [True, True, True], [(1, 2)]))
    assert result.labels[4] == result.labels[0] >= 0
    # With a neighbour named by several reports as well, that one is meant (key 3, network B).
    links += [(i, 3) for i in range(5, 9)]
    result = networks(_with_slips(links, [True] * 4, [(1, 2), (2, 3)]))
    assert result.labels[4] == result.labels[5] >= 0 and result.labels[4] != result.labels[0]
    # Two such neighbours in two networks: a slip of neither.
    links = [(i, 0) for i in range(4)] + [(0, 1), (4, 2)] + [(i, 3) for i in range(5, 9)] + [(5, 4)]
    result = networks(_with_slips(links, [True] * 5, [(1, 2), (2, 4)]))
    assert result.labels[4] == -1


def test_two_values_named_once_one_edit_apart_stay_apart():
    # Either could be the slip of the other, or both real: nothing to join towards.
    result = networks(_with_slips([(0, 0), (1, 1)], [True, True], [(0, 1)]))
    assert result.labels.tolist() == [-1, -1]


def test_reports_without_shared_evidence_are_in_no_network():
    result = networks(_evidence([(0, 0), (1, 1)], [True, True]))
    assert result.labels.tolist() == [-1, -1]


def test_the_hub_policy_can_be_tightened():
    links, strong = [], [True]
    for i in range(10):
        phone = len(strong)
        strong.append(True)
        links += [(2 * i, phone), (2 * i + 1, phone), (2 * i, 0)]
    assert 0 not in networks(_evidence(links, strong)).flagged  # 10 reports: below min_degree
    assert 0 in networks(_evidence(links, strong), HubPolicy(min_degree=5, min_groups=5)).flagged


# --- the simulator's noise knob --------------------------------------------------------------------

def test_noise_misspells_or_drops_identifiers():
    import random
    from datetime import date
    from types import SimpleNamespace

    from tipline.simulate import generate, noise
    from tipline.simulate.scenario import Mention

    clean = list(generate(100, seed=5, end=date(2026, 11, 1)))
    assert clean == list(generate(100, seed=5, end=date(2026, 11, 1), noise=0.0))  # default unchanged
    mentions = [Mention("phone", "phone", f"+2250701{i:06d}", f"+225 0701{i:06d}") for i in range(2000)]
    story = SimpleNamespace(mentions=list(mentions), payments=[])
    noise.apply(random.Random(1), story, 0.2)
    kept = {m.form_value for m in story.mentions}
    dropped = len(mentions) - len(story.mentions)
    misspelled = sum(v not in {m.form_value for m in mentions} for v in kept)
    assert 150 < dropped < 250 and 150 < misspelled < 250  # about a tenth each


def test_noise_outside_zero_to_one_is_refused():
    from tipline.simulate import generate

    with pytest.raises(ValueError, match="noise"):
        next(generate(1, seed=1, noise=1.5))
