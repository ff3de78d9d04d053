"""What a charge or a dispute is called never tells the classes apart by itself (docs/simulation.md,
"The world": the eleventh session's changes). Each test draws from both classes' generators."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date
from functools import cache

from article3.sim import abuse, facts, generate, offences, world


@cache
def _requests() -> tuple[world.Event, ...]:
    events = generate.generate(11, 2016, 2025, 0.02, lambda n: None, flags=False)[1]
    return tuple(e for e in events if e["type"] == "request")


def _article(provision: str) -> str:
    """'CC RF, art. 210 part 2' or 'Article 210, paragraph 2, of the CC RF' -> '210'."""
    if provision.startswith("Article "):
        return provision.split(",", maxsplit=1)[0].removeprefix("Article ")
    return provision.split("art. ")[1].split(" part ", maxsplit=1)[0]


def _titles_by_class(country: str, draw: int = 3000) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """(article -> titles) for genuine and for abusive economic charges of ``country``."""
    rng = random.Random(7)
    genuine: dict[str, set[str]] = defaultdict(set)
    abusive: dict[str, set[str]] = defaultdict(set)
    for _ in range(draw):
        for offence in sorted(offences.ECONOMIC):
            charge = offences.ordinary_charge(country, offence, rng)
            genuine[_article(charge.provision)].add(charge.description)
        extra = offences.extra_count(country, rng)
        genuine[_article(extra.provision)].add(extra.description)
        for charge in offences.economic_charges(country, rng, stack=1.0):
            abusive[_article(charge.provision)].add(charge.description)
    return genuine, abusive


def test_an_article_cited_by_both_classes_has_the_same_titles_in_both() -> None:
    for country in ("RU", "BY", "AZ", "CN"):
        genuine, abusive = _titles_by_class(country)
        shared = set(genuine) & set(abusive)
        assert shared, country
        for article in shared:
            assert genuine[article] == abusive[article], (country, article)
    genuine, abusive = _titles_by_class("RU")
    assert len(genuine["210"]) == 2  # "criminal community" and "criminal organisation", for both


def test_an_abusive_economic_charge_has_the_category_a_genuine_one_under_its_article_has() -> None:
    rng = random.Random(3)
    for country in ("RU", "BY", "AZ", "CN", "KZ", "FR"):
        genuine = {}
        for offence in sorted(offences.ECONOMIC):
            charge = offences.ordinary_charge(country, offence, rng)
            genuine[_article(charge.provision)] = charge.category
        for _ in range(400):
            for charge in offences.economic_charges(country, rng, stack=1.0):
                article = _article(charge.provision)
                if article in genuine:
                    assert charge.category == genuine[article], (country, article, charge)


def test_every_dispute_shape_and_every_economic_offence_belongs_to_both_classes() -> None:
    assert set(facts.GENUINE_DISPUTES) == set(abuse.RAIDING_DISPUTES) == set(facts.DISPUTES)
    assert set(facts.ECONOMIC_ACTS) == set(facts.RAIDING_ACTS) == offences.ECONOMIC
    genuine = {e["truth"]["offence"] for e in _requests() if not e["truth"]["abusive"]}
    assert {"tax_evasion", "smuggling", "illegal_business"} <= genuine


def test_abusive_tax_smuggling_and_business_charges_draw_the_genuine_acts_too() -> None:
    rng = random.Random(5)
    ordinary = {a.text.split("{")[0][:30] for kind in ("tax_evasion", "smuggling", "illegal_business")
                for a in facts.ECONOMIC_ACTS[kind]}  # fmt: skip
    kinds, with_ordinary = defaultdict(int), 0
    for _ in range(1500):
        charges, text = abuse.family_case(rng, "AZ", True, date(2024, 5, 1), "M", learned=True)
        kinds[charges[0].category] += 1
        with_ordinary += any(stem in text for stem in ordinary)
    assert set(kinds) == {"tax_evasion", "smuggling", "illegal_business"}
    assert abs(with_ordinary / 1500 - (1 - abuse.RAIDING_ACT_SHARE)) < 0.05
