"""Generate a world: ordinary police cooperation plus the abusive minority (docs/simulation.md)."""

from __future__ import annotations

import bisect
import itertools
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from article3.sim import abuse, countries, drafting, facts, hosts, offences
from article3.sim.offences import Charge
from article3.sim.people import Person, make_person
from article3.sim.progress import Advance
from article3.sim.world import Event

RED_NOTICES_PER_YEAR = 15_000
DIFFUSIONS_PER_YEAR = 13_000
COMPLAINTS_PER_YEAR = 2_500
ABUSIVE_COMPLAINT_RATE = 0.45  # persons targeted abusively who go to the commission
# Complaints lodged before the request, when the person learns of the case at home (a national
# wanted listing, a summons, frozen assets) and asks the commission that no data be processed
# (interpol-rules.md §3.2 "pre-emptive requests"; ccf-decisions.md "provisional blocking"). No
# published share exists: a priori one in four, the same for genuine and abusive complainants, so
# that the timing of a complaint says nothing about the truth of the case. Lodged 20 to 170 days
# before the request. Drawn from a stream of its own: the rest of the world does not change.
PRE_EMPTIVE_SHARE = 0.25
PRE_EMPTIVE_DAYS = (20, 170)
LEGIT_MESSAGE_RATE = 0.08  # ordinary requests followed by a whereabouts message
# Drafting of genuine requests (docs/simulation.md, "The world", for the reasons of each share).
THIN_RATE = 0.15  # short summary, no evidence named, boilerplate procedure
DISPUTE_RATE = 0.25  # genuine economic cases with a parallel civil dispute or a state-owned victim
PUBLIC_ROLE_RATE = 0.02  # genuine subjects with a media or political occupation
EXTRA_COUNT_RATE = 0.2  # genuine cases of the offences below with a laundering/organised-group count
EXTRA_COUNT_OFFENCES = frozenset({"drug_trafficking", "human_trafficking", "cybercrime", *offences.ECONOMIC})
OCCUPATION_DECLARED = 0.6
UNEVIDENCED_RATE = 0.1  # full (not thin) genuine drafts that name no evidence
# Genuine repeat requests (`sim generate --genuine-repeats`, default 0: the default world has none).
# Half are the same case through the other channel (a diffusion first, then a red notice on the
# same warrant), half a new offence by the same person. Drawn from their own random stream and
# numbered apart ("R..."), so a world with repeats is the world without them plus the repeats.
REPEAT_SAME_CASE = 0.5
PUBLIC_ROLES = {
    "media": ("journalist", "editor", "blogger", "television presenter"),
    "political": ("member of parliament", "mayor", "municipal councillor", "party official",
                  "former deputy minister"),
}  # fmt: skip


@dataclass
class Generator:
    rng: random.Random
    first_year: int
    last_year: int
    scale: float
    repeats: float = 0.0
    repeat_rng: random.Random | None = None
    pre_emptive: float = 0.0
    pre_emptive_rng: random.Random | None = None

    def __post_init__(self) -> None:
        self.codes = countries.member_codes()
        weights = countries.size_weights(self.codes, self.rng)
        self.ranked = sorted(weights, key=lambda c: -weights[c])
        self.cum = list(itertools.accumulate(weights[c] for c in self.ranked))
        self.ids = itertools.count(1)
        self.repeat_ids = itertools.count(1)
        self.persons = itertools.count(1)
        self.events: list[Event] = []

    # --- helpers -----------------------------------------------------------------------------
    def country(self) -> str:
        return self.ranked[
            min(bisect.bisect(self.cum, self.rng.random() * self.cum[-1]), len(self.ranked) - 1)
        ]

    def person(self, country: str, when: date) -> Person:
        return make_person(self.rng, f"P{next(self.persons):07d}", country, when)

    def at(self, day: date) -> datetime:
        return datetime(day.year, day.month, day.day, 8, tzinfo=UTC) + timedelta(
            minutes=self.rng.randint(0, 600)
        )

    def emit(
        self, when: datetime, kind: str, person: Person, data: dict[str, Any], truth: dict[str, Any],
        eid: str | None = None,
    ) -> str:  # fmt: skip
        eid = eid or f"E{next(self.ids):08d}"
        truth = {**truth, "country": person.country}
        self.events.append(
            {
                "t": when.isoformat(),
                "type": kind,
                "id": eid,
                "person": person.id,
                "data": data,
                "truth": truth,
            }
        )
        return eid

    def recipients(self, requester: str, rng: random.Random) -> list[str]:
        pool = [c for c in self.ranked[:40] if c != requester]
        return rng.sample(pool, rng.randint(1, 4))

    # --- requests ----------------------------------------------------------------------------
    def request(
        self, when: datetime, kind: str, person: Person, charges: list[Charge], summary: str,
        occupation: str | None, truth: dict[str, Any], rng: random.Random | None = None,
        eid: str | None = None,
    ) -> str:  # fmt: skip
        rng = rng or self.rng
        day = when.date()
        warrant_on = day - timedelta(days=rng.randint(5, 240))
        committed = warrant_on - timedelta(days=rng.randint(20, 700))
        doc: dict[str, Any] = {
            "kind": kind,
            "purpose": "arrest",
            "requesting_country": person.country,
            "subject": person.subject(occupation),
            "offences": [
                {
                    "provision": c.provision,
                    "description": c.description,
                    "category": c.category,
                    "committed_on": committed.isoformat(),
                    "place": person.country,
                }
                for c in charges
            ],
            "warrant": {
                "kind": "arrest_warrant",
                "authority": "Investigating judge, district court",
                "issued_on": warrant_on.isoformat(),
                "reference": f"{person.country}-{warrant_on.year}-{rng.randint(100, 99999)}",
            },
            "penalty": {"max_years": max(c.max_years for c in charges)},
            "facts": summary,
            "extradition_will_be_sought": True,
        }
        if kind == "diffusion":
            doc["recipients"] = self.recipients(person.country, rng)
        return self.emit(when, "request", person, doc, truth, eid)

    def ordinary(self, when: datetime, kind: str, country: str) -> None:
        rng = self.rng
        weights = offences.ORDINARY_WEIGHTS
        offence = rng.choices(list(weights), list(weights.values()))[0]
        profile, occupation = None, None
        if rng.random() < PUBLIC_ROLE_RATE:
            profile = rng.choice(sorted(PUBLIC_ROLES))
            if profile == "political" and offence not in offences.ECONOMIC and rng.random() < 0.7:
                offence = rng.choice(sorted(offences.ECONOMIC))
            occupation = rng.choice(PUBLIC_ROLES[profile]) if rng.random() < 0.8 else None
        elif rng.random() < OCCUPATION_DECLARED:
            occupation = rng.choice(offences.ORDINARY[offence].occupations)
        person = self.person(country, when.date())
        charges = [offences.ordinary_charge(country, offence, rng)]
        if offence in EXTRA_COUNT_OFFENCES and rng.random() < EXTRA_COUNT_RATE:
            charges.append(offences.extra_count(country, rng))
        text, drafting = self.ordinary_facts(offence, when.date(), person.sex)
        truth = {"abusive": False, "tactic": None, "status": "ordinary", "offence": offence,
                 "drafting": drafting, "profile": profile}  # fmt: skip
        eid = self.request(when, kind, person, charges, text, occupation, truth)
        if rng.random() < LEGIT_MESSAGE_RATE:
            self.message(when + timedelta(days=rng.randint(1, 200)), person, eid, abusive=False)
        if self.repeat_rng is not None and self.repeat_rng.random() < self.repeats:
            self.repeat(when, kind, person, charges, text, occupation, truth)

    def repeat(
        self, when: datetime, kind: str, person: Person, charges: list[Charge], text: str,
        occupation: str | None, truth: dict[str, Any],
    ) -> None:  # fmt: skip
        """The same person asked for again by the same country, 1 to 12 months later: the same
        case through the other channel, or a new offence (REPEAT_SAME_CASE)."""
        rng = self.repeat_rng
        assert rng is not None
        later = when + timedelta(days=rng.randint(30, 365))
        eid = f"R{next(self.repeat_ids):08d}"
        if rng.random() < REPEAT_SAME_CASE:
            other = "red_notice" if kind == "diffusion" else "diffusion"
            self.request(later, other, person, charges, text, occupation,
                         {**truth, "repeat": "same_case"}, rng, eid)  # fmt: skip
            return
        weights = offences.ORDINARY_WEIGHTS
        offence = rng.choices([o for o in weights if o != truth["offence"]],
                              [w for o, w in weights.items() if o != truth["offence"]])[0]  # fmt: skip
        new = [offences.ordinary_charge(person.country, offence, rng)]
        summary, _ = self.ordinary_facts(offence, later.date(), person.sex, rng)
        self.request(later, kind, person, new, summary, occupation,
                     {**truth, "offence": offence, "repeat": "new_offence"}, rng, eid)  # fmt: skip

    def ordinary_facts(
        self, offence: str, day: date, sex: str, rng: random.Random | None = None
    ) -> tuple[str, str]:
        """The summary of a genuine case and how it is drafted: full, thin, or with a dispute."""
        rng = rng or self.rng
        when, later = drafting.dates(rng, day)
        thin = rng.random() < THIN_RATE
        dispute = not thin and offence in offences.ECONOMIC and rng.random() < DISPUTE_RATE
        evidence = not thin and rng.random() >= UNEVIDENCED_RATE
        text = facts.ordinary(rng, offence, when, later, sex, thin=thin, dispute=dispute, evidence=evidence)
        return text, "thin" if thin else "dispute" if dispute else "full"

    def abusive(self, when: datetime, kind: str, country: str) -> None:
        abuse.abusive(self, when, kind, country)

    # --- other events ------------------------------------------------------------------------
    def register(
        self, when: datetime, person: Person, kind: str, host: str | None, truth: dict[str, Any]
    ) -> None:
        data = {"kind": kind if kind != "human_rights_defender" else "human_rights_defender",
                "by": host, "against": person.country if host else None,
                "since": when.date().isoformat(), "person": person.query()}  # fmt: skip
        self.emit(when, "register", person, data, truth)

    def message(self, when: datetime, person: Person, about: str | None, *, abusive: bool) -> None:
        hosts = [h for h in countries.HOSTS if h != person.country]
        data = {
            "from": person.country,
            "to": self.rng.sample(hosts, self.rng.randint(1, 2)),
            "subject": "Request for information on a wanted person",
            "body": f"Please inform us of the whereabouts and current address of {person.full_names()[-1]}, "
            f"born {person.birth_date.isoformat()}, and of any travel of this person.",
            "person": person.query(),
            "about": about,
        }
        self.emit(
            when, "message", person, data, {"abusive": abusive, "tactic": "whereabouts" if abusive else None}
        )

    def maybe_complaint(
        self, when: datetime, person: Person, *, abusive: bool, rate: float | None = None
    ) -> None:
        if self.rng.random() >= (ABUSIVE_COMPLAINT_RATE if rate is None else rate):
            return
        kind = self.rng.choices(["deletion", "access"], [0.8, 0.2] if abusive else [0.45, 0.55])[0]
        data: dict[str, Any] = {
            "kind": kind,
            "person": person.query(),
            "statement": "I ask the commission to examine the data held about me and to delete it: "
            + ("the case is a reprisal for my work and views." if abusive else "I contest the charges."),
        }
        later = when + timedelta(days=self.rng.randint(60, 540))
        own = self.pre_emptive_rng
        if own is not None and own.random() < self.pre_emptive:
            later = when - timedelta(days=own.randint(*PRE_EMPTIVE_DAYS))
            data["pre_emptive"] = True
        self.emit(later, "complaint", person, data, {"abusive": abusive})

    # --- the whole world ---------------------------------------------------------------------
    def year(self, year: int, advance: Advance) -> None:
        counts = {
            "red_notice": round(RED_NOTICES_PER_YEAR * self.scale),
            "diffusion": round(DIFFUSIONS_PER_YEAR * self.scale),
        }
        start = datetime(year, 1, 1, tzinfo=UTC)
        first = len(self.events)
        for kind, n in counts.items():
            for i in range(n):
                when = start + timedelta(seconds=self.rng.randrange(365 * 86_400))
                country = self.country()
                profile = countries.ABUSERS.get(country)
                if profile and self.rng.random() < profile.propensity:
                    self.abusive(when, kind, country)
                else:
                    self.ordinary(when, kind, country)
                if i % 500 == 499:
                    advance(500)
            advance(n % 500)
        self.legit_complaints(first, year)

    def legit_complaints(self, first: int, year: int) -> None:
        new = [e for e in self.events[first:] if e["type"] == "request" and e["id"][0] == "E"]  # no repeats
        abusive = sum(1 for e in self.events[first:] if e["type"] == "complaint")
        legit = [e for e in new if not e["truth"]["abusive"]]
        rate = max(0.0, COMPLAINTS_PER_YEAR * self.scale - abusive) / max(len(legit), 1)
        for event in legit:
            if self.rng.random() < rate:
                person = _person_of(event)
                self.maybe_complaint(datetime.fromisoformat(event["t"]), person, abusive=False, rate=1.0)


def _person_of(event: Event) -> Person:
    subject = event["data"]["subject"]
    own = subject["names"][0]
    return Person(
        event["person"], event["data"]["requesting_country"], subject["sex"], own["given"], own["family"],
        date.fromisoformat(subject["birth_date"]), subject["identity_documents"][0]["number"],
    )  # fmt: skip


def generate(
    seed: int, first_year: int, last_year: int, scale: float, advance: Advance, *, repeats: float = 0.0,
    flags: bool = True, pre_emptive: float = PRE_EMPTIVE_SHARE,
) -> tuple[dict[str, Any], list[Event]]:  # fmt: skip
    """The header and the time-ordered events of a world; same arguments, same world. With
    ``repeats``, that share of genuine requests is followed by a repeat request (REPEAT_SAME_CASE).
    With ``flags``, the hosts' flags are added on top, from their own streams (sim/hosts.py).
    ``pre_emptive`` is the share of complaints lodged before the request (PRE_EMPTIVE_SHARE)."""
    stream = random.Random(f"repeats:{seed}") if repeats else None  # noqa: S311
    own = random.Random(f"pre_emptive:{seed}")  # noqa: S311
    gen = Generator(random.Random(seed), first_year, last_year, scale, repeats, stream, pre_emptive, own)  # noqa: S311
    for year in range(first_year, last_year + 1):
        gen.year(year, advance)
    if flags:
        gen.events.extend(hosts.flags(seed, gen.events, gen.ranked[: hosts.HOST_POOL]))
    last = datetime(last_year, 12, 31, 23, 59, tzinfo=UTC)
    events = sorted((e for e in gen.events if e["t"] <= last.isoformat()), key=lambda e: (e["t"], e["id"]))
    header = {
        "seed": seed,
        "years": [first_year, last_year],
        "scale": scale,
        **({"genuine_repeats": repeats} if repeats else {}),
        **({"host_flags": True} if flags else {}),
        "pre_emptive": pre_emptive,
        "sizes": {c: round(w, 6) for c, w in zip(gen.ranked, _shares(gen.cum), strict=True)},
    }
    return header, events


def _shares(cum: list[float]) -> list[float]:
    return [b - a for a, b in zip([0.0, *cum[:-1]], cum, strict=True)]
