"""The synthetic corpus: valid reports, reproducible, and shaped like the real phenomenon."""

from __future__ import annotations

import difflib
import itertools
import json
import re
import statistics
import unicodedata
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta

import phonenumbers
import pytest

from tipline.domain.report import ReportIn
from tipline.simulate import SimulatedReport, generate, write_jsonl

END = date(2025, 6, 15)
N = 5000


@pytest.fixture(scope="module")
def corpus() -> list[SimulatedReport]:
    return list(generate(N, 2024, END))


def _when(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _name_key(name: str) -> str:
    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).lower()
    return " ".join(sorted(re.findall(r"[a-z0-9]+", folded)))


def _keys(report: dict) -> set[tuple[str, str]]:
    """Hard identifiers of a report's form fields, normalised enough to compare across reports."""
    region = report["victim"].get("country")
    keys = set()
    for item in report["scammer_identifiers"]:
        kind, value = item["kind"], item["value"]
        if kind in ("phone", "whatsapp"):
            text = "+" + value[2:] if value.startswith("00") else value
            keys.add(("phone", phonenumbers.format_number(phonenumbers.parse(text, region),
                                                          phonenumbers.PhoneNumberFormat.E164)))
        elif kind in ("transfer_recipient", "gift_card"):
            continue  # names can coincide between strangers; card codes are single-use
        elif kind == "profile_url" and "instagram.com/" in value:
            keys.add(("instagram", value.rstrip("/").rsplit("/", 1)[-1].lower()))
        else:
            keys.add((kind, value.lstrip("@").lower()))
    return keys


def test_every_report_validates_and_is_json(corpus: list[SimulatedReport]) -> None:
    for sim in itertools.chain(corpus, generate(800, 7, date(2024, 1, 31))):
        ReportIn.model_validate(sim.report)
        assert json.loads(json.dumps(sim.report, ensure_ascii=False)) == sim.report
        assert sim.external_id == sim.report["external_id"]
        assert sim.group is None or re.fullmatch(r"G\d{4,}", sim.group)
    assert corpus[17].external_id == "sim-2024-17"


def test_same_seed_same_corpus_other_seed_other_corpus() -> None:
    first = [(s.report, s.group) for s in generate(400, 42, END)]
    again = [(s.report, s.group) for s in generate(400, 42, END)]
    other = [(s.report, s.group) for s in generate(400, 43, END)]
    assert first == again
    assert sum(a[0]["narrative"] == b[0]["narrative"] for a, b in zip(first, other, strict=True)) < 5


def test_streams_without_building_the_corpus() -> None:
    # A million reports would take minutes to build; the first ones must come at once.
    head = list(itertools.islice(generate(1_000_000, 5, END), 3))
    assert [s.external_id for s in head] == ["sim-5-0", "sim-5-1", "sim-5-2"]


def test_times_are_ordered_within_the_window_and_consistent(corpus: list[SimulatedReport]) -> None:
    end_at = datetime(END.year, END.month, END.day, tzinfo=UTC)
    days = [_when(s.report["received_at"]).date() for s in corpus]
    assert days == sorted(days)
    for sim in corpus:
        report = sim.report
        received = _when(report["received_at"])
        assert end_at - timedelta(days=549) <= received < end_at
        first = report["incident"].get("first_contact_at")
        if first:
            assert _when(first) < received
        for payment in report["payments"]:
            if "paid_at" in payment:
                assert _when(payment["paid_at"]) < received
                if first:
                    assert _when(payment["paid_at"]) >= _when(first)


def test_default_end_is_today() -> None:
    today = datetime.now(UTC).date()
    for sim in generate(50, 3):
        received = _when(sim.report["received_at"])
        assert today - timedelta(days=549) <= received.date() < today


def test_reports_rise_forty_percent_in_six_months(corpus: list[SimulatedReport]) -> None:
    months = Counter(s.report["received_at"][:7] for s in corpus)

    def month(back: int) -> str:
        y, m = divmod(END.year * 12 + END.month - 1 - back, 12)
        return f"{y:04d}-{m + 1:02d}"

    last_six = sum(months[month(k)] for k in range(1, 7))
    six_before = sum(months[month(k)] for k in range(7, 13))
    assert 1.25 <= last_six / six_before <= 1.6


def test_group_sizes_are_heavy_tailed_with_lone_scammers(corpus: list[SimulatedReport]) -> None:
    sizes = Counter(s.group for s in corpus)
    lone = sizes.pop(None)
    assert 0.11 <= lone / N <= 0.19
    ranked = sorted(sizes.values(), reverse=True)
    assert 120 <= len(ranked) <= N // 20
    assert ranked[0] >= 300 and ranked[2] >= 100  # a few networks with hundreds of victims
    assert sorted(ranked)[len(ranked) // 2] <= 10  # and a long tail of small groups


def test_groups_reuse_identifiers_and_nobody_else_has_them(corpus: list[SimulatedReport]) -> None:
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    reports_of: dict[tuple[str, str], int] = Counter()
    for sim in corpus:
        for key in _keys(sim.report):
            owners[key].add(sim.group or sim.external_id)  # a lone scammer is his own group
            reports_of[key] += 1
    assert all(len(who) == 1 for who in owners.values()), "an identifier crosses groups"
    lone_keys = [k for k, who in owners.items() if next(iter(who)).startswith("sim-")]
    assert lone_keys and all(reports_of[k] == 1 for k in lone_keys)

    by_group: dict[str, list[set]] = defaultdict(list)
    for sim in corpus:
        if sim.group:
            by_group[sim.group].append(_keys(sim.report))
    rates = {}
    for group, reports in by_group.items():
        if len(reports) >= 20:
            shared = Counter(k for keys in reports for k in keys)
            rates[group] = sum(1 for keys in reports if any(shared[k] > 1 for k in keys)) / len(reports)
    assert len(rates) >= 5
    # Some, not all: some victims give nothing, or only an identifier nobody else gave.
    assert statistics.median(rates.values()) >= 0.4
    assert all(rate < 1.0 for rate in rates.values())
    assert all(rate >= 0.4 for group, rate in rates.items() if len(by_group[group]) >= 100)


def test_some_identifiers_are_only_in_the_text(corpus: list[SimulatedReport]) -> None:
    text_only = 0
    formats = Counter()
    for sim in corpus:
        text = (sim.report["narrative"] or "") + "\n" + (sim.report["chat_log"] or "")
        for marker in ("wa.me/", "live:.cid.", "profile.php?id=", "instagram.com/", "t.me/", "MTCN"):
            formats[marker] += marker in text
        formats["00 prefix"] += bool(re.search(r"\b00(225|221|212|229|233|234|237|63) ?\d", text))
        formats["dotted"] += bool(re.search(r"\b0\d\.\d\d\.\d\d\.\d\d\.\d\d\b", text))
        if not sim.report["scammer_identifiers"] and re.search(r"live:\.cid\.|\+\d{3} ?\d|wa\.me/", text):
            text_only += 1
    assert all(count >= 5 for count in formats.values()), formats
    assert text_only >= 50


def test_form_phone_numbers_are_valid_for_their_country(corpus: list[SimulatedReport]) -> None:
    seen = 0
    for sim in corpus:
        region = sim.report["victim"].get("country")
        for item in sim.report["scammer_identifiers"]:
            if item["kind"] in ("phone", "whatsapp"):
                text = item["value"]
                number = phonenumbers.parse("+" + text[2:] if text.startswith("00") else text, region)
                assert phonenumbers.is_valid_number(number), text
                assert phonenumbers.region_code_for_number(number) in {"CI", "SN", "MA", "PH", "NG", "BJ", "GH",
                                                                      "CM"}
                seen += 1
    assert seen > 300


def test_victims_follow_the_published_figures(corpus: list[SimulatedReport]) -> None:
    known = [s.report for s in corpus
             if s.report["victim"].get("gender") and s.report["victim"].get("age_band") not in (None, "unknown")]
    assert len(known) > 0.8 * N
    young_men = sum(r["victim"]["gender"] == "man" and r["victim"]["age_band"] in ("18-20", "21-30") for r in known)
    minors = [r for r in known if r["victim"]["age_band"] in ("13-15", "16-17")]
    women = sum(r["victim"]["gender"] == "woman" for r in known)
    assert young_men / len(known) >= 0.5
    assert 0.10 <= len(minors) / len(known) <= 0.25
    assert women / len(known) >= 0.05
    adults = [r for r in known if r not in minors]

    def more_images(reports: list[dict]) -> float:
        return sum(r["incident"].get("more_images_demanded") is True for r in reports) / len(reports)

    assert more_images(minors) > 3 * more_images(adults)
    parents = [r for r in known if r["reporter_role"] == "parent_guardian"]
    assert parents and all(r["victim"]["age_band"] in ("13-15", "16-17") for r in parents)
    countries = Counter(s.report["victim"].get("country") for s in corpus)
    assert {"CA", "FR", "BE", "CH", "GB", "US"} <= set(countries)


_FR_WORDS = frozenset({"je", "j'", "il", "elle", "et", "le", "la", "les", "des", "une", "un", "que", "pour",
                       "sur", "avec", "mon", "ma", "mes", "pas", "est", "tu"})
_EN_WORDS = frozenset({"i", "and", "the", "my", "to", "she", "he", "is", "you", "me", "with", "for", "on", "of",
                       "was", "it"})


def _tongue(text: str) -> str:
    words = re.findall(r"[a-zà-ÿ']+", text.lower())
    fr = sum(w in _FR_WORDS or w.startswith(("j'", "m'", "l'", "d'", "qu'")) for w in words)
    en = sum(w in _EN_WORDS for w in words)
    return "fr" if fr > en else "en"


def test_french_and_english_reports_are_written_in_their_language(corpus: list[SimulatedReport]) -> None:
    languages = Counter(s.report.get("language") for s in corpus)
    assert languages["fr"] > 0.2 * N and languages["en"] > 0.2 * N  # the mix depends on the big groups
    for lang in ("fr", "en"):
        texts = [s.report["narrative"] for s in corpus if s.report.get("language") == lang and s.report["narrative"]]
        agree = sum(_tongue(t) == lang for t in texts)
        assert agree / len(texts) > 0.93, lang
    chats = [s.report for s in corpus if s.report["chat_log"]]
    assert any(r.get("language") == "fr" and _tongue(r["chat_log"]) == "en" for r in chats)  # mixed FR/EN


def test_texts_vary_in_style(corpus: list[SimulatedReport]) -> None:
    def text(lang: str) -> str:
        return " ".join(f"{s.report['narrative']} {s.report['chat_log']}" for s in corpus
                        if s.report.get("language") == lang).lower()

    fr, en = text("fr"), text("en")
    for marker in ("jsuis", "stp", "pk", "bcp", "mtn", "video", "chu ", "endéans", "natel", "balles"):
        assert marker in fr, marker
    for marker in (" u ", "pls", "im ", "quid", "ur "):
        assert marker in en, marker
    # People's accounts are all different (platforms' referrals are boilerplate, hence left out).
    narratives = [s.report["narrative"] for s in corpus
                  if s.report["narrative"] and s.report["reporter_role"] != "platform"]
    assert len(set(narratives)) == len(narratives)


def test_chat_logs_look_like_pasted_conversations(corpus: list[SimulatedReport]) -> None:
    line = re.compile(r"(\[\d\d:\d\d\]|\d\d/\d\d/\d{4} \d\d:\d\d -|\d{1,2}/\d{1,2}/\d\d, \d{1,2}:\d\d [AP]M -) "
                      r"[^:\n]+: \S.*")
    chats = [s.report["chat_log"] for s in corpus if s.report["chat_log"]]
    assert 0.35 * N < len(chats) < 0.65 * N
    for chat in chats:
        for row in chat.split("\n"):
            assert line.fullmatch(row), row
    # A group's scammers reuse their phrasings: the same line recurs across its victims.
    lines_by_group: dict[str, Counter] = defaultdict(Counter)
    for sim in corpus:
        if sim.group and sim.report["chat_log"]:
            for row in sim.report["chat_log"].split("\n"):
                lines_by_group[sim.group][row.split(": ", 1)[1]] += 1
    top = max(lines_by_group.values(), key=lambda c: sum(c.values()))
    assert top.most_common(1)[0][1] >= 10


def test_a_groups_chats_share_its_pasted_script(corpus: list[SimulatedReport]) -> None:
    """Groups paste their own threat message: two chats of one group share script bands (what
    linking compares) far more often than chats of two different groups."""
    from tipline.link import scripts

    bands: dict[str, list[set[int]]] = defaultdict(list)
    for sim in corpus:
        if sim.group and sim.report["chat_log"]:
            bands[sim.group].append(set(scripts.band_keys(scripts.scammer_text(sim.report["chat_log"], None))))
    first, second = sorted(bands, key=lambda g: -len(bands[g]))[:2]

    def rate(pairs) -> float:
        pairs = list(pairs)
        return sum(1 for a, b in pairs if a & b) / len(pairs)

    within = min(rate(itertools.combinations(bands[g], 2)) for g in (first, second))
    across = rate(itertools.product(bands[first], bands[second]))
    assert within >= 0.02 and within >= 20 * across


def test_victims_name_the_accounts_that_contacted_them(corpus: list[SimulatedReport]) -> None:
    """The form asks for the scammer's accounts: most reports give one there, and a report whose
    texts and form hold no identifier at all is rare (a few per cent), not a tenth."""
    from tipline.extract.report import extract_report

    assert sum(1 for s in corpus if s.report["scammer_identifiers"]) >= 0.8 * N
    sample = corpus[:1000]
    bare = sum(1 for s in sample if not extract_report(ReportIn.model_validate(s.report)).mentions)
    assert 0 < bare <= 0.05 * len(sample)
    # Dating apps' fake profiles are reused too: one Tinder, Badoo or Meetic account, several victims.
    dating: Counter = Counter()
    for sim in corpus:
        for item in sim.report["scammer_identifiers"]:
            value = item["value"].lower()
            if item.get("platform") in ("tinder", "badoo", "meetic") or re.search(r"tinder\.com|badoo\.com", value):
                dating[(sim.group, value.rstrip("/").rsplit("/", 1)[-1].lstrip("@"))] += 1
    assert sum(1 for (group, _), count in dating.items() if group and count >= 2) >= 10


def test_recipients_are_reused_with_spelling_variants(corpus: list[SimulatedReport]) -> None:
    names: dict[str, set[str]] = defaultdict(set)
    for sim in corpus:
        if sim.group is None:
            continue
        for payment in sim.report["payments"]:
            if payment.get("recipient_name"):
                names[sim.group].add(payment["recipient_name"])
        for item in sim.report["scammer_identifiers"]:
            if item["kind"] == "transfer_recipient":
                names[sim.group].add(item["value"])
    same_key_variants = fuzzy_variants = 0
    for spelled in names.values():
        keys = Counter(_name_key(n) for n in spelled)
        same_key_variants += sum(1 for count in keys.values() if count > 1)  # case, accents, word order
        distinct = sorted(keys)
        for a, b in itertools.combinations(distinct, 2):
            if difflib.SequenceMatcher(None, a, b).ratio() >= 0.8:  # "kouassi" / "kwassi", a dropped letter
                fuzzy_variants += 1
    assert same_key_variants >= 20
    assert fuzzy_variants >= 10
    all_names = {n for spelled in names.values() for n in spelled}
    assert any(n.split()[0].isupper() and len(n.split()[0]) > 2 for n in all_names)  # "KOUASSI Serge Yao"


def test_money_is_consistent_with_country_and_method(corpus: list[SimulatedReport]) -> None:
    local = {"CA": "CAD", "FR": "EUR", "BE": "EUR", "CH": "CHF", "GB": "GBP", "US": "USD", "MA": "MAD",
             "CI": "XOF", "SN": "XOF"}
    payers = [s.report for s in corpus if s.report["payments"]]
    assert 0.25 <= len(payers) / N <= 0.42
    for report in corpus:
        country = report.report["victim"].get("country")
        for item in report.report["demands"] + report.report["payments"]:
            assert country is None or item["currency"] in {local[country], "USD", "EUR"}
        for payment in report.report["payments"]:
            ref = payment.get("reference")
            if ref and payment["method"] == "western_union":
                assert re.fullmatch(r"\d{10}", ref)
            if ref and payment["method"] == "moneygram":
                assert re.fullmatch(r"\d{8}", ref)
    moroccan = [d for s in corpus for d in s.report["demands"] if d["currency"] == "MAD"]
    assert moroccan and max(int(d["amount"]) for d in moroccan) >= 20000
    methods = Counter(p["method"] for r in payers for p in r["payments"])
    assert methods.most_common(2)[0][0] in ("western_union", "gift_card")
    assert {"crypto", "moneygram", "mobile_money", "paypal"} <= set(methods)


def test_self_harm_is_rare_and_flagged(corpus: list[SimulatedReport]) -> None:
    flagged = [s.report for s in corpus if s.report["wellbeing"].get("thoughts_of_self_harm") is True]
    assert 0.02 <= len(flagged) / N <= 0.08


def test_contact_details_are_never_real(corpus: list[SimulatedReport]) -> None:
    for sim in corpus:
        email = sim.report["contact"].get("email")
        if email:
            assert re.fullmatch(r"[^@]+@example\.(org|com|net)", email)


def test_write_jsonl_writes_reports_and_truth(tmp_path) -> None:
    out = tmp_path / "corpus.jsonl"
    assert write_jsonl(120, 9, out, end=END) == 120
    reports = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    truth = [json.loads(line) for line in (tmp_path / "corpus.truth.jsonl").read_text().splitlines()]
    expected = list(generate(120, 9, END))
    assert reports == [s.report for s in expected]
    assert truth == [{"external_id": s.external_id, "group": s.group} for s in expected]
    custom = tmp_path / "truth" / "t.jsonl"
    custom.parent.mkdir()
    assert write_jsonl(5, 9, tmp_path / "b.jsonl", custom, END) == 5
    assert len(custom.read_text().splitlines()) == 5


def test_negative_count_is_refused() -> None:
    with pytest.raises(ValueError, match="zero or more"):
        list(generate(-1, 1, END))
    assert list(generate(0, 1, END)) == []


def _pictures(corpus: list[SimulatedReport]) -> list[tuple[str | None, int]]:
    return [(sim.group, int(h, 16)) for sim in corpus for h in sim.report["incident"].get("profile_pictures", [])]


def test_about_a_third_of_reports_carry_a_profile_pictures_hash(corpus: list[SimulatedReport]) -> None:
    from tipline.simulate import pictures

    with_picture = sum(bool(sim.report["incident"].get("profile_pictures")) for sim in corpus)
    assert abs(with_picture / len(corpus) - pictures.ATTACH) < 0.05
    # A group's reports show its personas' photos: most pairs of one group's hashes are a few bits
    # apart (a screenshot flips at most MAX_FLIPS), unrelated ones about 128 bits.
    by_group: dict[str, list[int]] = defaultdict(list)
    for group, code in _pictures(corpus):
        if group is not None:
            by_group[group].append(code)
    big = max(by_group.values(), key=len)
    close = [(a ^ b).bit_count() <= 2 * pictures.MAX_FLIPS for a, b in itertools.combinations(big, 2)]
    assert sum(close) / len(close) > 0.3
    codes = [c for _, c in _pictures(corpus)]
    far = [(a ^ b).bit_count() for a, b in itertools.pairwise(codes)]
    assert statistics.median(far) > 64


def test_popular_stolen_photos_are_shared_by_unrelated_groups() -> None:
    from tipline.simulate import pictures

    pool = pictures.stolen_pool(2024)
    groups_of: dict[int, set[str | None]] = defaultdict(set)
    for group, code in _pictures(list(generate(3000, seed=2024, end=date(2026, 11, 1)))):
        near = [p for p in pool if (p ^ code).bit_count() <= pictures.MAX_FLIPS]
        if near:
            groups_of[near[0]].add(group)
    assert len(groups_of) >= 5 and max(len(g) for g in groups_of.values()) >= 3


def test_pictures_draw_from_their_own_randomness(monkeypatch) -> None:
    """Without pictures, the corpus is the one generated before pictures existed."""
    from tipline.simulate import pictures

    with_pictures = [sim.report for sim in generate(200, seed=11, end=date(2026, 11, 1))]
    monkeypatch.setattr(pictures, "ATTACH", 0.0)
    monkeypatch.setattr(pictures, "STOLEN_SHARE", 1.0)  # other photos: still nothing else changes
    without = [sim.report for sim in generate(200, seed=11, end=date(2026, 11, 1))]
    for report in with_pictures:
        report["incident"].pop("profile_pictures", None)
    assert without == with_pictures
