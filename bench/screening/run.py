"""Screening benchmark: route counts and per-request time over generated mixed inputs.

.venv/bin/python -m bench.screening.run [N] [SEED]
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections import Counter
from datetime import date, timedelta

from article3.screening.catalogue import dissent_catalogue, indicators
from article3.screening.inputs import (
    EarlierRequest,
    EarlierStatus,
    FlagsOnEarlier,
    Offence,
    PriorProceeding,
    RegisterHit,
    RegisterKind,
    Request,
    RequesterRecord,
    ScreeningInput,
)
from article3.screening.rulesets import assess

TODAY = date(2026, 8, 24)
ORDINARY = [
    ("Article 105 of the Criminal Code", "murder", "homicide",
     "The suspect stabbed the victim during a quarrel in the courtyard."),
    ("Art. 228.1", "drug trafficking", "drug_trafficking",
     "The suspect sold 2 kg of heroin to an undercover officer."),
    ("Section 419", "fraud", "fraud",
     "The suspect defrauded 14 identified victims through a fake investment scheme."),
    ("Article 131", "rape of a minor", "child_abuse",
     "The suspect abused a 9-year-old child repeatedly in 2023."),
]  # fmt: skip
POLITICAL = [
    ("ст. 207.3 УК РФ", "fakes about the army", "other",
     "Он опубликовал в социальных сетях пост о гибели мирных жителей и критиковал власти."),
    ("TMK 7/2", "terör örgütü propagandası", "terrorism",
     "Gazeteci, sosyal medyada hükümeti eleştiren paylaşımlar yaptı."),
    ("刑法第105条", "煽动颠覆国家政权罪", "other", "他在网上发表文章批评政府，并组织维权活动。"),
    ("Article 342", "gross violation of public order", "other",
     "The suspect took part in protests after the presidential election."),
    ("ст. 159 ч. 4 УК РФ", "fraud", "fraud",
     "The owner refused to supply the Ministry of Defence under the state defence order."),
]  # fmt: skip
COUNTRIES = ["RU", "TR", "CN", "BY", "FR", "BR", "NG", "IN", "EG", "US", "DE", "VE"]


def _offence(rng: random.Random, political: bool) -> tuple[Offence, str]:
    provision, description, category, facts = rng.choice(POLITICAL if political else ORDINARY)
    when = TODAY - timedelta(days=rng.randint(200, 3000))
    return Offence(provision, description, category, when, "city"), facts


def _hits(rng: random.Random, country: str) -> tuple[RegisterHit, ...]:
    roll = rng.random()
    if roll < 0.03:
        return (RegisterHit("R-ref", RegisterKind.REFUGEE, country, None, None, 0.95),)
    if roll < 0.08:
        kind = rng.choice([RegisterKind.JOURNALIST, RegisterKind.OPPOSITION_FIGURE])
        return (RegisterHit("R-st", kind, None, None, None, rng.uniform(0.6, 1.0)),)
    if roll < 0.09:
        since = TODAY - timedelta(days=4000)
        return (RegisterHit("R-off", RegisterKind.INTERNATIONAL_OFFICIAL, None, "ICC", since, 0.97),)
    return ()


def generate(rng: random.Random) -> ScreeningInput:
    """One mixed input: mostly ordinary, some political, some with history."""
    country = rng.choice(COUNTRIES)
    political = rng.random() < 0.2
    offence, facts = _offence(rng, political)
    warrant = offence.committed_on + timedelta(days=rng.randint(10, 400)) if offence.committed_on else None
    earlier: tuple[EarlierRequest, ...] = ()
    if rng.random() < 0.05:
        earlier = (EarlierRequest("E-1", country, EarlierStatus.REFUSED, ("Article 199",)),)
    request = Request(
        kind=rng.choice(["red_notice", "diffusion"]),
        purpose="arrest",
        requesting_country=country,
        subject_names=("A. Person",),
        occupations=(rng.choice(["driver", "engineer", "journalist", "trader", "teacher"]),),
        offences=(offence,),
        facts=facts + " " + "Details of time and place follow. " * rng.randint(0, 20),
        warrant_issued_on=warrant,
        prior_proceedings=(PriorProceeding(country, "charged", warrant),) if warrant else (),
    )
    return ScreeningInput(
        request=request,
        today=TODAY,
        criteria_failures=("penalty_threshold_not_met",) if rng.random() < 0.02 else (),
        register_hits=_hits(rng, country),
        earlier_requests=earlier,
        flags_on_earlier=FlagsOnEarlier(1, ("DE",)) if rng.random() < 0.03 else FlagsOnEarlier(),
        requester_record=RequesterRecord(100, rng.randint(0, 40), 20, rng.randint(0, 6)),
        measures_in_force=frozenset({"enhanced_review"}) if country == "RU" else frozenset(),
        subject_left_country_on=(warrant - timedelta(days=30)) if warrant and political else None,
    )


def main(n: int = 5000, seed: int = 7) -> None:
    rng = random.Random(seed)
    t0 = time.perf_counter()
    dissent_catalogue(), indicators()
    print(f"data files loaded in {(time.perf_counter() - t0) * 1000:.0f} ms (once per process)")
    inputs = [generate(rng) for _ in range(n)]
    routes: Counter[str] = Counter()
    times: list[float] = []
    for inp in inputs:
        start = time.perf_counter()
        result = assess(inp)
        times.append((time.perf_counter() - start) * 1000)
        routes[result.route.value] += 1
    times.sort()
    print(f"{n} requests screened")
    for route in ("blocked", "enhanced_review", "standard_review", "fast_track"):
        print(f"  {route:16} {routes[route]:6} ({routes[route] / n:.1%})")
    p95, p99 = times[int(0.95 * n) - 1], times[int(0.99 * n) - 1]
    print(f"per request: mean {statistics.fmean(times):.2f} ms, p95 {p95:.2f} ms, "
          f"p99 {p99:.2f} ms, max {times[-1]:.2f} ms (target < 50 ms)")  # fmt: skip


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:3]]
    main(*args)
