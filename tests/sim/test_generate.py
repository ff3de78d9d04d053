"""The world generator: seeded, sized, names in their scripts, ground truth kept apart."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import article3.sim
from article3.notices import criteria
from article3.notices.document import RequestDocument
from article3.sim import abuse, countries, facts, generate, hosts, offences, world
from article3.sim.people import is_latin


def _world(seed: int) -> list[world.Event]:
    return generate.generate(seed, 2024, 2024, 0.01, lambda n: None)[1]


def test_same_seed_same_world_and_another_seed_another(tmp_path: Path) -> None:
    first, second = tmp_path / "a.jsonl.gz", tmp_path / "b.jsonl.gz"
    header, events = generate.generate(7, 2024, 2024, 0.01, lambda n: None)
    world.write(first, header, events)
    world.write(second, *generate.generate(7, 2024, 2024, 0.01, lambda n: None))
    assert world.read(first).events == world.read(second).events
    assert _world(8) != events


def test_sizes_are_heavy_tailed_over_196_members() -> None:
    header, _ = generate.generate(1, 2024, 2024, 0.001, lambda n: None)
    shares = sorted(header["sizes"].values(), reverse=True)
    assert len(shares) == 196
    assert shares[0] > 50 * shares[-1]
    assert sum(shares[:20]) > 0.5


def test_volumes_and_an_abusive_minority() -> None:
    events = _world(3)
    requests = [e for e in events if e["type"] == "request"]
    assert abs(len(requests) - 280) < 30  # 1% of 15,000 + 13,000
    abusive = [e for e in requests if e["truth"]["abusive"]]
    assert 0 < len(abusive) < 0.15 * len(requests)
    assert {e["truth"]["country"] for e in abusive} <= set(countries.ABUSERS)


def test_documents_are_valid_and_truth_stays_out_of_them() -> None:
    for event in _world(4):
        text = str(event["data"])
        assert not any(key in text for key in ("abusive", "tactic", "drafting", "near_election", "profile"))
        if event["type"] != "request":
            continue
        document = RequestDocument.model_validate(event["data"])
        today = datetime.fromisoformat(event["t"]).date()
        if not event["truth"]["abusive"]:
            assert criteria.evaluate(document, today=today) == [], event["data"]["offences"]


def test_names_in_own_script_with_a_latin_passport_form() -> None:
    russian = [e for e in _world(5) if e["type"] == "request" and e["data"]["requesting_country"] == "RU"]
    names = russian[0]["data"]["subject"]["names"]
    assert not is_latin(names[0]["family"]) and is_latin(names[1]["family"])


def test_sample_keeps_whole_persons() -> None:
    events = _world(6)
    kept = world.sample(world.World(header={}, events=events), 0.3, seed=1)
    persons = {e["person"] for e in kept.events}
    assert kept.events == [e for e in events if e["person"] in persons]
    assert 0 < len(persons) < len({e["person"] for e in events})
    assert date(2024, 1, 1).year == 2024


def test_genuine_requests_are_drafted_in_varied_ways_some_thinly() -> None:
    requests = [
        e for e in generate.generate(9, 2024, 2024, 0.05, lambda n: None)[1] if e["type"] == "request"
    ]
    legit = [e["truth"] for e in requests if not e["truth"]["abusive"]]
    thin = sum(t["drafting"] == "thin" for t in legit) / len(legit)
    assert abs(thin - generate.THIN_RATE) < 0.04
    assert any(t["drafting"] == "dispute" for t in legit)
    assert {"media", "political"} <= {t["profile"] for t in legit}
    assert set(facts.ORDINARY_ACTS) == set(offences.ORDINARY)
    assert all(len(v) >= 4 for v in facts.ORDINARY_ACTS.values())
    assert any(len(e["data"]["offences"]) > 1 for e in requests if not e["truth"]["abusive"])


def test_abuse_follows_the_documented_patterns_and_learns_to_look_ordinary() -> None:
    requests = [
        e for e in generate.generate(9, 2016, 2025, 0.02, lambda n: None)[1] if e["type"] == "request"
    ]
    abusive = [e for e in requests if e["truth"]["abusive"]]
    assert min(len(abuse.POLITICAL), sum(map(len, abuse.FABRICATED.values()))) >= 4
    assert any(e["truth"]["near_election"] for e in abusive)
    assert any(len(e["data"]["offences"]) > 1 for e in abusive if e["truth"]["tactic"] == "financial_charges")
    evidenced = [
        e for e in abusive if any(w in e["data"]["facts"] for w in ("witnesses", "audit", "records"))
    ]
    assert 0.1 * len(abusive) < len(evidenced) < 0.6 * len(abusive)
    assert abuse.learned_share(2016) < abuse.learned_share(2025) <= 0.5


def test_the_world_is_written_without_the_screening() -> None:
    for path in Path(article3.sim.__file__).parent.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert not re.search(
            r"^\s*(from|import) article3\.screening|\"article3\.screening\"", source, re.M
        ), path


def test_genuine_repeats_are_added_on_top_of_the_same_world() -> None:
    plain = generate.generate(5, 2024, 2024, 0.01, lambda n: None)[1]
    header, both = generate.generate(5, 2024, 2024, 0.01, lambda n: None, repeats=0.2)
    assert header["genuine_repeats"] == 0.2
    extra = [e for e in both if e["id"].startswith("R")]
    assert [e for e in both if not e["id"].startswith(("R", "FR"))] == plain  # FR: flags on repeats
    first = {e["person"]: e for e in plain if e["type"] == "request"}
    assert 0.03 * len(first) < len(extra) < 0.2 * len(first)  # those past the last year are dropped
    kinds = {e["truth"]["repeat"] for e in extra}
    assert kinds == {"same_case", "new_offence"}
    for event in extra:
        earlier = first[event["person"]]
        assert not event["truth"]["abusive"] and event["t"] > earlier["t"]
        assert event["data"]["requesting_country"] == earlier["data"]["requesting_country"]
        provisions = {o["provision"] for o in event["data"]["offences"]}
        shared = provisions & {o["provision"] for o in earlier["data"]["offences"]}
        if event["truth"]["repeat"] == "same_case":
            assert shared and event["data"]["kind"] != earlier["data"]["kind"]
        else:
            assert event["truth"]["offence"] != earlier["truth"]["offence"]


def test_flags_are_added_on_top_of_the_same_world() -> None:
    plain = generate.generate(5, 2022, 2023, 0.01, lambda n: None, flags=False)[1]
    header, both = generate.generate(5, 2022, 2023, 0.01, lambda n: None)
    assert header["host_flags"] is True and not any(e["type"] == "flag" for e in plain)
    assert [e for e in both if e["type"] != "flag"] == plain
    requests = {e["id"]: e for e in plain if e["type"] == "request"}
    flags = [e for e in both if e["type"] == "flag"]
    assert flags and all(e["id"] == "F" + e["data"]["request"] for e in flags)
    for flag in flags:
        request = requests[flag["data"]["request"]]
        assert flag["person"] == request["person"] and flag["t"] > request["t"]
        assert flag["data"]["country"] != request["data"]["requesting_country"]
        assert set(flag["data"]) == {"country", "reason", "note", "request"}
        if request["data"]["kind"] == "diffusion":
            assert flag["data"]["country"] in request["data"]["recipients"]
        assert flag["truth"]["why"] not in str(flag["data"])


def test_hosts_flag_abusive_requests_more_often_and_genuine_ones_too() -> None:
    events = generate.generate(3, 2021, 2025, 0.03, lambda n: None)[1]
    requests = [e for e in events if e["type"] == "request"]
    flags = [e for e in events if e["type"] == "flag"]
    abusive = sum(e["truth"]["abusive"] for e in requests)
    on_abusive = sum(f["truth"]["abusive"] for f in flags)
    on_genuine = len(flags) - on_abusive
    assert on_abusive / abusive > 3 * on_genuine / (len(requests) - abusive) > 0
    whys = {f["truth"]["why"] for f in flags if not f["truth"]["abusive"]}
    assert {"policy_since_2022", "dual_criminality_or_limitation"} <= whys  # false alarms of two kinds
    for f in flags:
        if f["truth"]["why"] == "policy_since_2022":
            assert f["truth"]["country"] in {"RU", "BY"} and f["t"] >= "2022-03-10"
        assert f["data"]["reason"] in hosts.REASONS[f["truth"]["why"]]


def test_who_flags_depends_on_the_host() -> None:
    assert hosts.group("DE") == "examining" and hosts.group("AE") == "abuser" and hosts.group("GE") == "other"
    assert hosts.ABUSIVE_FLAG["examining"] > hosts.ABUSIVE_FLAG["other"] > hosts.ABUSIVE_FLAG["abuser"]
    assert set(countries.member_codes()) >= hosts.EXAMINING


def test_pre_emptive_complaints_move_only_the_complaints_dates() -> None:
    plain = generate.generate(5, 2023, 2024, 0.02, lambda n: None, pre_emptive=0.0)[1]
    header, moved = generate.generate(5, 2023, 2024, 0.02, lambda n: None)
    assert header["pre_emptive"] == generate.PRE_EMPTIVE_SHARE
    assert [e for e in moved if e["type"] != "complaint"] == [e for e in plain if e["type"] != "complaint"]
    assert not any(e["data"].get("pre_emptive") for e in plain if e["type"] == "complaint")
    first: dict[str, str] = {}
    for event in moved:
        if event["type"] == "request":
            first.setdefault(event["person"], event["t"])
    complaints = [e for e in moved if e["type"] == "complaint"]
    early = [e for e in complaints if e["data"].get("pre_emptive")]
    assert 0.1 < len(early) / len(complaints) < 0.4
    for event in early:
        lead = datetime.fromisoformat(first[event["person"]]) - datetime.fromisoformat(event["t"])
        assert generate.PRE_EMPTIVE_DAYS[0] <= lead.days <= generate.PRE_EMPTIVE_DAYS[1]
    for label in (True, False):  # both classes complain ahead of time
        assert any(e["truth"]["abusive"] is label for e in early)
