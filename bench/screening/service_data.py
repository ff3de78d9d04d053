"""Generated people, accounts and request documents for `bench.screening.service_run`."""

from __future__ import annotations

import random
import secrets
from datetime import date, timedelta
from typing import Any

from article3.accounts import service as accounts_service
from article3.accounts.schemas import UserCreate
from article3.actors import Actor, Role
from article3.bootstrap import Runtime
from article3.db.session import transaction
from article3.review.rules import Assessment, Decision, Factor, Ground
from article3.review.schemas import FactorRecord, ReviewDecide

COUNTRIES = ["RU", "TR", "CN", "BY", "FR", "BR", "NG", "IN", "EG", "US", "DE", "VE", "MX", "PH", "IT"]
HOSTS = ["DE", "LT", "FR", "NL", "SE", "NO", "CH", "GB"]
# Share of each kind among the measured requests.
KINDS = {
    "ordinary": 0.75,
    "dissent": 0.09,
    "refugee": 0.04,
    "official": 0.01,
    "journalist": 0.03,
    "resubmission": 0.04,
    "flagged": 0.04,
}
ORDINARY = [
    ("Criminal Code, art. 105", "Murder", "homicide",
     "On {d} the subject stabbed {v} to death during a quarrel in a courtyard in {p}; two witnesses "
     "identified him and his fingerprints are on the knife."),
    ("Criminal Code, art. 228.1", "Trafficking in narcotic drugs", "drug_trafficking",
     "On {d} at the port of {p} officers found 38 kg of cocaine in a container the subject had "
     "rented; intercepted calls show he organised the shipment with two accomplices now in custody."),
    ("Criminal Code, art. 159", "Fraud against private investors", "fraud",
     "Between {d} and the following year in {p} the subject took 2.1 million from 57 identified "
     "investors through a fictitious fund; their transfers and complaints are in the file."),
    ("Criminal Code, art. 131", "Sexual abuse of a child", "child_abuse",
     "On {d} in {p} the subject sexually abused {v}'s 10-year-old daughter; the medical report and "
     "the DNA profile found on her clothing match him."),
]  # fmt: skip
DISSENT = {
    "RU": ("Criminal Code of the Russian Federation, art. 212 part 2", "Participation in mass riots"),
    "BY": ("Criminal Code of the Republic of Belarus, art. 342", "Gross violation of public order"),
    "TR": ("Türk Ceza Kanunu, madde 299", "Insulting the President"),
    "CN": (
        "Criminal Law of the People's Republic of China, art. 293",
        "Picking quarrels and provoking trouble",
    ),
    "EG": ("Penal Code, art. 80(d)", "Spreading false news abroad"),
    "VE": ("Ley contra el Odio, art. 20", "Incitement to hatred"),
}
DISSENT_FACTS = (
    "On {d} in {p} the subject published posts criticising the government and called on followers to "
    "join the opposition protests after the elections; the posts were shared by the independent press."
)
SYLLABLES = tuple(c + v for c in "bdklmnrstvz" for v in "aeio")


def new_person(rng: random.Random, i: int, country: str) -> dict[str, Any]:
    """A distinct invented person: names, birth date, and a date their protection began."""
    given = "".join(rng.choice(SYLLABLES) for _ in range(2)).title()
    family = "".join(rng.choice(SYLLABLES) for _ in range(3)).title() + f"{'abcdefghij'[i % 10]}"
    born = date(1950, 1, 1) + timedelta(days=rng.randint(0, 18000))
    return {
        "given": given,
        "family": family,
        "all_names": [f"{given} {family}"],
        "birth_date": born.isoformat(),
        "nationality": country,
        "since": date(2019, 1, 1) + timedelta(days=rng.randint(0, 900)),
    }


def _create(rt: Runtime, username: str, role: Role, country: str | None, organisation: str | None) -> Actor:
    data = UserCreate(
        username=username,
        role=role,
        country=country,
        organisation=organisation,
        password=secrets.token_urlsafe(16),
    )
    with rt.session() as s, transaction(s):
        user = accounts_service.create(s, actor="system:bench", data=data, now=rt.clock.now())
    return Actor(user_id=user.id, role=user.role, country=user.country)


def accounts(rt: Runtime) -> dict[str, Actor]:
    """An NCB officer per country, two reviewers, and the registrars of a court and a press body."""
    out = {c: _create(rt, f"bench.{c.lower()}", Role.NCB_OFFICER, c, None) for c in {*COUNTRIES, *HOSTS}}
    out["reviewer"] = _create(rt, "bench.reviewer", Role.REVIEWER, None, None)
    out["senior"] = _create(rt, "bench.senior", Role.SENIOR_REVIEWER, None, None)
    out["ICC"] = _create(rt, "bench.icc", Role.REGISTRAR, None, "ICC")
    out["CPJ"] = _create(rt, "bench.cpj", Role.REGISTRAR, None, "CPJ")
    return out


def refuse(*, approve: bool) -> ReviewDecide:
    """An approval, or a refusal as predominantly political, with every factor recorded."""
    factors = {f: FactorRecord(assessment=Assessment.NOT_ASSESSED, note="bench") for f in Factor}
    if approve:
        return ReviewDecide(decision=Decision.APPROVE, grounds=[Ground.CRITERIA_MET], factors=factors)
    return ReviewDecide(decision=Decision.REFUSE, grounds=[Ground.ARTICLE3_POLITICAL], factors=factors)


def _offence(
    rng: random.Random, country: str, person: dict[str, Any], style: str
) -> tuple[dict[str, Any], str]:
    when = date(2023, 1, 1) + timedelta(days=rng.randint(0, 500))
    place = rng.choice(["the capital", "the port city", "the northern region"])
    if style == "dissent" and country in DISSENT:
        provision, description = DISSENT[country]
        facts = DISSENT_FACTS.format(d=when.isoformat(), p=place)
        category = "other"
    elif style == "official":
        provision, description, category = ("Criminal Code, art. 299", "Bringing an innocent person to "
                                            "criminal liability", "other")  # fmt: skip
        facts = (f"On {when.isoformat()} in The Hague the subject, an official of an international court, "
                 "signed an unlawful arrest warrant against the head of state.")  # fmt: skip
    else:
        provision, description, category, template = rng.choice(ORDINARY)
        facts = template.format(d=when.isoformat(), p=place, v=f"{rng.choice(SYLLABLES).title()}ov")
    offence = {"provision": provision, "description": description, "category": category,
               "committed_on": when.isoformat(), "place": place}  # fmt: skip
    return offence, facts


def document(rng: random.Random, country: str, person: dict[str, Any], style: str) -> dict[str, Any]:
    """A complete arrest request about the person, ordinary or not as ``style`` says."""
    offence, facts = _offence(rng, country, person, style)
    issued = date.fromisoformat(offence["committed_on"]) + timedelta(days=rng.randint(20, 200))
    return {
        "kind": "red_notice",
        "purpose": "arrest",
        "requesting_country": country,
        "subject": {
            "names": [{"given": person["given"], "family": person["family"]}],
            "birth_date": person["birth_date"],
            "nationalities": [person["nationality"]],
        },
        "offences": [offence],
        "warrant": {
            "kind": "arrest_warrant",
            "authority": "District Court",
            "issued_on": issued.isoformat(),
            "reference": f"W-{rng.randint(1000, 99999)}",
        },
        "penalty": {"max_years": rng.choice([5, 8, 10, 15, 20])},
        "facts": facts,
        "extradition_will_be_sought": True,
    }
