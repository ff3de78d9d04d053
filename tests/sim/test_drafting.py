"""Genuine and abusive drafts share their phrasing: only the documented shapes (§P) differ."""

from __future__ import annotations

import random
import re
from datetime import date
from functools import cache

from article3.sim import abuse, drafting, facts, generate, offences, world


@cache
def _requests() -> tuple[world.Event, ...]:
    events = generate.generate(11, 2016, 2025, 0.02, lambda n: None, flags=False)[1]
    return tuple(e for e in events if e["type"] == "request")


def _share(texts: list[str], pattern: str) -> float:
    return sum(bool(re.search(pattern, t)) for t in texts) / len(texts)


def _close(genuine: list[str], abusive: list[str], pattern: str) -> bool:
    """The two shares are within three standard errors of the abusive sample's size."""
    a, b = _share(genuine, pattern), _share(abusive, pattern)
    return bool(abs(a - b) <= 3 * (max(a * (1 - a), 0.01) / len(abusive)) ** 0.5)


def _by_class() -> tuple[list[str], list[str]]:
    genuine = [e["data"]["facts"] for e in _requests() if not e["truth"]["abusive"]]
    abusive = [e["data"]["facts"] for e in _requests() if e["truth"]["abusive"]]
    return genuine, abusive


def test_procedure_and_references_come_from_the_same_pools_at_the_same_rates() -> None:
    genuine, abusive = _by_class()
    shared = [re.escape(s.split("{")[0][:30]) for group in drafting.PROCEDURE for s in group if s[0] != "{"]
    shared += [
        r"(?i)\bthe (subject|wanted person|accused|suspect)\b",
        r"\bThe (subject|wanted person|accused|suspect)\b",
        r"\b(in|from|between) \w+ 20\d\d",
    ]
    for pattern in shared:
        assert _close(genuine, abusive, pattern), pattern


def test_pronouns_follow_the_sex_in_both_classes() -> None:
    for abusive in (False, True):
        drafts = [e for e in _requests() if e["truth"]["abusive"] is abusive]
        women = [e["data"]["facts"] for e in drafts if e["data"]["subject"]["sex"] == "F"]
        men = [e["data"]["facts"] for e in drafts if e["data"]["subject"]["sex"] == "M"]
        assert _share(women, r"\b[Ss]he\b") > 0.1 and _share(men, r"\b[Hh]e\b") > 0.1
        assert _share(women, r"\b(her|she)\b") > 0.3 and _share(men, r"\b(his|him)\b") > 0.3
        assert _share(men, r"\bshe\b") < 0.1  # only a victim's "she" (a mother, a colleague)


def test_learned_abusive_drafts_name_evidence_as_genuine_ones_do() -> None:
    frames = "|".join(re.escape(f.split("{")[0]) for f in drafting.EVIDENCE_FRAMES if f[0] != "{")
    genuine, abusive = _by_class()
    assert 0.7 < _share(genuine, frames + "|tie (him|her) to the offence") < 0.85
    assert 0.15 < _share(abusive, frames + "|tie (him|her) to the offence") < 0.55


def _stems(pool: dict[str, tuple[drafting.Act, ...]]) -> list[str]:
    kinds = ("fraud", "embezzlement")
    return [a.text.split("{")[0].split(",")[0][:25] for kind in kinds for a in pool[kind]]


def test_abusive_economic_drafts_use_the_shared_economic_acts_and_the_same_dispute_sentences() -> None:
    rng = random.Random(3)
    ordinary, raiding = _stems(facts.ECONOMIC_ACTS), _stems(facts.RAIDING_ACTS)
    disputes = [s.split("{")[0] for group in facts.DISPUTES.values() for s in group]
    with_dispute = raids = 0
    for _ in range(400):
        charges, text = abuse.family_case(rng, "TR", True, date(2024, 5, 1), "M", learned=False)
        assert charges[0].category in {"fraud", "embezzlement"}
        thin = "committed " in text or "is charged with" in text
        assert thin or any(stem in text for stem in ordinary + raiding), text
        raids += any(stem in text for stem in raiding)
        with_dispute += any(d in text for d in disputes)
    assert abs(with_dispute / 400 - abuse.RAIDING_SHAPE_RATE) < 0.08
    assert abs(raids / 400 - abuse.RAIDING_ACT_SHARE * (1 - abuse.THIN_RATE)) < 0.08


def test_economic_subjects_state_occupations_from_one_list() -> None:
    assert abuse.OCCUPATIONS["businessman"] is offences.ECONOMIC_OCCUPATIONS
    assert all(offences.ORDINARY[o].occupations is offences.ECONOMIC_OCCUPATIONS for o in offences.ECONOMIC)
    economic = [
        e for e in _requests()
        if e["truth"]["status"] == "businessman"
        or (not e["truth"]["abusive"] and e["truth"].get("offence") in offences.ECONOMIC)
    ]  # fmt: skip
    stated = {o for e in economic for o in e["data"]["subject"]["occupations"]}
    assert stated <= set(offences.ECONOMIC_OCCUPATIONS) | {
        role for roles in generate.PUBLIC_ROLES.values() for role in roles
    }


def test_thin_fabricated_drug_and_weapon_cases_use_the_genuine_short_forms() -> None:
    for offence in ("drug_trafficking", "illegal_weapons"):
        genuine = {a.short for a in facts.ORDINARY_ACTS[offence]}
        assert {a.short for a in abuse.FABRICATED[offence]} <= genuine


def test_evidence_opens_with_the_acts_principal_kind() -> None:
    rng = random.Random(5)
    act = drafting.act("did it", "it", "accounts witnesses insider")
    for _ in range(50):
        text = drafting.compose(rng, drafting.Draft(act), date(2024, 1, 1), date(2024, 3, 1), "M")
        assert "forensic accounting audit of the bank records" in text, text


def test_genuine_economic_cases_carry_the_dispute_shapes_at_the_documented_rate() -> None:
    disputes = [s.split("{")[0] for group in facts.DISPUTES.values() for s in group]
    economic = [
        e for e in _requests() if not e["truth"]["abusive"] and e["truth"]["offence"] in offences.ECONOMIC
    ]
    share = sum(any(d in e["data"]["facts"] for d in disputes) for e in economic) / len(economic)
    assert abs(share - generate.DISPUTE_RATE * (1 - generate.THIN_RATE)) < 0.04
    assert all(
        e["truth"]["drafting"] == "dispute"
        for e in economic
        if any(d in e["data"]["facts"] for d in disputes)
    )


def test_abusive_drafts_are_thin_with_the_genuine_habit() -> None:
    assert abuse.THIN_RATE == generate.THIN_RATE
    openings = [re.escape(f.split("{act}")[0].split("{")[-1][-12:]) for f in drafting.THIN_OPENINGS]
    assert all(openings)
    genuine, abusive = _by_class()
    assert _share(genuine, "committed ") > 0.1 and _share(abusive, "committed ") > 0.05
