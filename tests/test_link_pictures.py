"""Profile pictures as linking evidence: near-identical PDQ hashes, weak and attach-only."""

from __future__ import annotations

import random

import numpy as np

from linkkit import tables as _tables
from tipline.link import pictures
from tipline.link.engines import assemble
from tipline.link.graph import Evidence, networks
from tipline.link.kinds import PICTURE_LIKE


def _photo(rng: random.Random) -> int:
    return rng.getrandbits(256)


def _shot(rng: random.Random, photo: int, flips: int) -> str:
    mask = 0
    for bit in rng.sample(range(256), flips):
        mask |= 1 << bit
    return f"pdq:{photo ^ mask:064x}"


def test_near_identical_pictures_are_one_cluster_and_others_not():
    rng = random.Random(1)
    a, b = _photo(rng), _photo(rng)
    values = {1: _shot(rng, a, 0), 2: _shot(rng, a, 15), 3: _shot(rng, a, 16), 4: _shot(rng, b, 3), 5: "url:x"}
    assert pictures.clusters(values) == {1: 1, 2: 1, 3: 1, 4: 4}
    close = f"pdq:{a ^ ((1 << pictures.LINK_DISTANCE) - 1):064x}"  # exactly the threshold away
    far = f"pdq:{a ^ ((1 << (pictures.LINK_DISTANCE + 1)) - 1):064x}"
    assert pictures.clusters({1: values[1], 7: close}) == {1: 1, 7: 1}
    assert pictures.clusters({1: values[1], 8: far}) == {1: 1, 8: 8}


def test_a_photo_hundreds_of_victims_sent_is_one_cluster_among_unrelated_ones():
    """Copies of one photo (each a few bits off) are joined through one another, without listing
    their pairs; thousands of unrelated photos stay apart."""
    rng = random.Random(2)
    photo = _photo(rng)
    values = {i: _shot(rng, photo, rng.randint(0, 16)) for i in range(1, 501)}
    values.update({i: _shot(rng, _photo(rng), rng.randint(0, 16)) for i in range(501, 3501)})
    of = pictures.clusters(values)
    assert {of[i] for i in range(1, 501)} == {1}
    assert len({of[i] for i in range(501, 3501)}) == 3000


def test_a_near_duplicate_picture_links_two_reports_with_no_identifier_in_common():
    # Reports whose identifiers were all lost (or never known), with screenshots of one photo.
    rng = random.Random(2)
    photo = _photo(rng)
    t = _tables([[(10, "picture", _shot(rng, photo, 9))],
                 [(11, "picture", _shot(rng, photo, 12))],
                 [(12, "picture", _shot(rng, _photo(rng), 0))]])
    g = assemble(t)
    assert g.key_kind.count(PICTURE_LIKE) == 2  # two pictures: one near-duplicate pair, one alone
    labels = networks(g.evidence).labels
    assert labels[0] == labels[1] >= 0 and labels[2] == -1
    # Reports linked by a shared phone too are in one network, the picture or not.
    t = _tables([[(1, "phone", "+33600000001"), (10, "picture", _shot(rng, photo, 9))],
                 [(1, "phone", "+33600000001")], [(11, "picture", _shot(rng, photo, 3))]])
    labels = networks(assemble(t).evidence).labels
    assert labels[0] == labels[1] == labels[2] >= 0


def test_a_picture_does_not_attach_a_report_naming_accounts_nobody_else_met():
    # Network A (reports 0-4) shows a photo. Report 5 shows it too but names its own Instagram
    # account, which no other victim met: probably another scammer who stole the same photo.
    rng = random.Random(6)
    photo = _photo(rng)
    reports = [[(1, "phone", "+33600000001"), (100 + r, "picture", _shot(rng, photo, 8))] for r in range(5)]
    reports.append([(2, "profile", "instagram:lola_x0482"), (200, "picture", _shot(rng, photo, 8))])
    assert networks(assemble(_tables(reports)).evidence).labels[5] == -1
    reports[5] = [(200, "picture", _shot(rng, photo, 8))]
    labels = networks(assemble(_tables(reports)).evidence).labels
    assert labels[5] == labels[0] >= 0
    # A transfer reference or a gift card's code nobody else names is that victim's payment, not
    # another scammer's account: it does not stop the picture.
    reports[5] = [(3, "transfer_reference", "wu:4821093375"), (4, "gift_card", "steam:8D7AKQYBSBPQZMZ"),
                  (200, "picture", _shot(rng, photo, 8))]
    labels = networks(assemble(_tables(reports)).evidence).labels
    assert labels[5] == labels[0] >= 0


def test_a_picture_attaches_a_report_but_never_glues_two_networks():
    # Networks A (reports 0-4, phone 1) and B (5-9, phone 2) both use one stolen photo: every report
    # of both shows it. Report 10 names nothing but the photo.
    rng = random.Random(3)
    photo = _photo(rng)
    reports = [[(1, "phone", "+33600000001"), (100 + r, "picture", _shot(rng, photo, 8))] for r in range(5)]
    reports += [[(2, "phone", "+33600000002"), (100 + r, "picture", _shot(rng, photo, 8))] for r in range(5, 10)]
    labels = networks(assemble(_tables(reports)).evidence).labels
    assert labels[0] != labels[5] and len(set(labels.tolist())) == 2
    # A report that shows only the picture joins the network that holds most of it.
    reports[:3] = [[(1, "phone", "+33600000001"), (200 + r, "picture", _shot(rng, photo, 8))] for r in range(3)]
    reports[5:10] = [[(2, "phone", "+33600000002")] for _ in range(5)]
    reports.append([(300, "picture", _shot(rng, photo, 10))])
    labels = networks(assemble(_tables(reports)).evidence).labels
    assert labels[10] == labels[0] >= 0 and labels[0] != labels[5]


def test_a_picture_in_hundreds_of_unrelated_reports_is_flagged_and_merges_nothing():
    # 150 unrelated pairs of reports, each pair sharing its own phone; every report shows one
    # popular stolen photo (its own screenshot of it), and 40 reports show only the photo.
    rng = random.Random(4)
    photo = _photo(rng)
    reports = [[(1 + i // 2, "phone", f"+336{i // 2:08d}"), (1000 + i, "picture", _shot(rng, photo, 6))]
               for i in range(300)]
    reports += [[(2000 + i, "picture", _shot(rng, photo, 6))] for i in range(40)]
    g = assemble(_tables(reports))
    result = networks(g.evidence)
    flagged = [k for k in result.flagged if g.key_kind[k] == PICTURE_LIKE]
    assert len(flagged) == 1 and result.flagged[flagged[0]][0] == 340
    assert len(set(result.labels[:300].tolist())) == 150
    assert all(result.labels[2 * i] == result.labels[2 * i + 1] for i in range(150))
    assert (result.labels[300:] == -1).all()


def test_attach_only_is_enforced_by_the_graph():
    # The same weak key (2) between groups of five, attach-only or not.
    links = [(i, 0) for i in range(5)] + [(i, 1) for i in range(5, 10)] + [(i, 2) for i in range(10)]
    rep, key = (np.asarray(x) for x in zip(*links, strict=True))

    def ev(attach_only: bool) -> Evidence:
        return Evidence(10, rep, key, np.array([True, True, False]), np.array([1.0, 1.0, 2.0]),
                        attach_only=np.array([False, False, attach_only]))

    assert networks(ev(False)).labels[0] == networks(ev(False)).labels[5]
    assert networks(ev(True)).labels[0] != networks(ev(True)).labels[5]
