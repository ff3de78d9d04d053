"""The abusive minority: who is targeted, with which charges and facts (dissent-laws.md §P).

Tactics and their shapes:
- ``financial_charges`` (§P1): raiding with an arbitration or ownership dispute pending, a state-linked
  complainant, assets frozen at once, donor money recast as tax evasion or smuggling; often with a
  laundering or criminal-community count added (§P6);
- ``extremism`` (§P5): membership, small donations, reposts, chat administration, attending events,
  for a group the state designated;
- ``fabricated_ordinary`` (§P3): planted drugs or weapons, extortion, sexual-offence charges, fraud
  over a private loan, against journalists;
- ``resubmission`` (§P4): refused or not, re-sent 4–13 months later under the other family of
  charges, sometimes through the other channel;
- ``diffusion_instead``, ``whereabouts``, ``flee_asylum`` (§P2: charges for what was said abroad).
Requests against opposition figures, activists, journalists and defenders are timed near an
election of the requesting state in a share of cases (§P7, ``countries.ELECTIONS``). A growing share
is drafted to look ordinary and well evidenced (abusers learn: ``learned_share``).

Drafts are composed by ``sim/drafting.py`` exactly as genuine ones are (same subject references,
pronouns, dates, places, procedure, evidence sentences and order); only the acts below, the §P1
context (``RAIDING_DISPUTES``, from the sentences genuine disputes use) and whether evidence is
named (learned drafts only: §P8) are the abuser's. Economic charges (fraud, embezzlement, bribery,
tax, smuggling, illegal business) take their acts from ``facts.RAIDING_ACTS`` (``RAIDING_ACT_SHARE``)
or else from ``facts.ECONOMIC_ACTS``, the genuine cases' pool; genuine cases of the same offences
draw from both pools too, with other shares. Titles of an article are the same in both classes
(``offences._titles``). Stated occupations of businessmen are drawn from
``offences.ECONOMIC_OCCUPATIONS``, the genuine economic subjects' list.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from article3.sim import countries, drafting, facts, offences
from article3.sim.drafting import Act, Draft, act
from article3.sim.offences import Charge

if TYPE_CHECKING:
    from article3.sim.generate import Generator

STATUS_OF_TACTIC = {
    "financial_charges": "businessman",
    "extremism": "activist",
    "fabricated_ordinary": "journalist",
    "resubmission": "opposition_figure",
    "diffusion_instead": "activist",
    "flee_asylum": "activist",
    "whereabouts": "human_rights_defender",
}
OCCUPATIONS = {
    "businessman": offences.ECONOMIC_OCCUPATIONS,  # the genuine economic subjects' list
    "activist": ("activist", "student", "engineer", "teacher", "programmer", "unemployed"),
    "journalist": ("journalist", "editor", "blogger", "correspondent"),
    "opposition_figure": ("politician", "economist", "lawyer", "party chairman", "entrepreneur"),
    "human_rights_defender": ("lawyer", "human rights defender", "NGO coordinator"),
}
REGISTERED_RATE = 0.35  # journalists/defenders an accredited body has registered beforehand
DECLARED_RATE = 0.5  # abusive requests that state the person's occupation
ELECTION_TIMED = 0.35  # requests against political targets moved near an election (§P7)
STACK_RATE = 0.4  # economic cases with a laundering / criminal-community count added (§P6)
THIN_RATE = 0.15  # drafts not learned that are thin (generate.THIN_RATE: the same habit)

RAIDING_ACT_SHARE = 0.8  # abusive economic charges whose act has the raiding shape
# §P1 context in a raiding case: which dispute shapes the draft shows, and how often. Mostly an
# ownership dispute before the arbitration court, a minority shareholders' complaint, assets seized
# at once, a state-owned injured party; now and then the shapes genuine cases show most (a civil
# claim, an arbitration, a shareholder dispute and frozen assets: §P1 names them too). Every shape
# appears in both classes (facts.GENUINE_DISPUTES); only the weights differ.
RAIDING_SHAPE_RATE = 0.36
RAIDING_DISPUTES = {"ownership_dispute": 0.22, "minority_shareholders": 0.22, "assets_seized": 0.22,
                    "state_victim": 0.22, "civil_claim": 0.02, "state_civil_claim": 0.01,
                    "arbitration": 0.04, "shareholder_dispute": 0.05}  # fmt: skip
POLITICAL = (
    act("published on social networks and in a Telegram channel materials calling for participation in "
        "unauthorised public events and justifying the activity of an organisation recognised as "
        "extremist; the posts were viewed by at least {n} users", "public calls for extremist activity",
        "speech digital", period=True),
    act("took part in the activity of a banned organisation, organised meetings of its members and "
        "distributed its materials", "participation in the activity of a banned organisation",
        "witnesses speech", period=True),
    act("acting with others, carried out activity against the security of the State, causing "
        "substantial harm to the interests of society", "activity against the security of the State",
        "witnesses co_accused"),
    act("transferred {small} in several payments from {his} bank card to the accounts of an organisation "
        "recognised as extremist, thereby financing its activity", "the financing of extremist activity",
        "payments co_accused", period=True),
    act("was an administrator of a Telegram channel designated an extremist formation and published its "
        "materials; the posts remained available after the designation", "participation in an "
        "extremist formation", "speech digital", period=True),
    act("used an encrypted messaging application reserved to members of an armed terrorist organisation, "
        "held an account at a bank affiliated with it and attended its meetings", "membership of an "
        "armed terrorist organisation", "witnesses digital payments", period=True),
    act("joined a terrorist group knowing its aims, spread false news harming public security and misused "
        "a social-media account for this purpose", "joining a terrorist group", "digital speech"),
    act("took part in mass riots accompanied by violence and the destruction of property and called on "
        "others to join them", "participation in mass riots", "witnesses cctv"),
)  # fmt: skip
ABROAD = (
    act("after leaving the country, gave interviews to foreign media in which {he} spread knowingly false "
        "information about the State and called on foreign governments to impose restrictive measures",
        "the dissemination of knowingly false information", "speech", period=True),
    act("coordinated from abroad, through the internet, the activity of an organisation recognised as "
        "undesirable, recruiting {n} participants", "the activity of an undesirable organisation",
        "digital speech", period=True),
)  # fmt: skip
ELECTION = (
    act("organised unauthorised gatherings of {n} persons during the election campaign and called on "
        "citizens not to recognise the results", "organising unauthorised gatherings", "witnesses speech"),
    act("after announcing {his} candidacy, collected {amount} for {his} campaign from undeclared foreign "
        "sources and concealed their origin", "the concealment of campaign funds", "payments witnesses",
        period=True),
)  # fmt: skip
# §P3: an ordinary charge resting on a police "find" (recorded before attesting witnesses), a
# publication, a colleague's complaint or a private loan. The short forms of drugs and weapons cases
# are those of genuine possession cases (facts.ORDINARY_ACTS).
FABRICATED: dict[str, tuple[Act, ...]] = {
    "drug_trafficking": (
        act("kept {g} g of a narcotic substance in {his} flat, intended for sale, where police found it",
            "the possession of narcotic drugs for sale", "attesting forensic found"),
        act("carried {g} g of heroin in {his} car, intended for sale; police found the drugs during a "
            "road check", "the possession of narcotic drugs for sale", "attesting forensic found"),
    ),
    "extortion": (
        act("demanded {amount} from a local businessman, threatening to publish damaging information about "
            "him", "the extortion of {amount} under threat", "witnesses attesting found"),
        act("demanded {small} from an official in exchange for not publishing an article about him",
            "the extortion of {small} under threat", "witnesses attesting found"),
    ),
    "sexual_assault": (
        act("raped a woman who worked with {him}; she filed a complaint the next day", "the rape of a woman",
            "witnesses forensic found"),
        act("sexually assaulted a colleague in {his} office", "the rape of a woman",
            "witnesses victim found"),
    ),
    "illegal_weapons": (
        act("kept a pistol and {n} rounds of ammunition in {his} home without a permit; police found them "
            "during a search", "the illegal possession of firearms", "attesting forensic found"),
    ),
    "fraud": (
        act("borrowed {amount} from an acquaintance, promising to return it within a month, and did not "
            "repay it, having no intention of doing so", "the fraudulent taking of {amount}",
            "witnesses found"),
        act("collected {amount} from readers for a publication that was never issued and spent the money "
            "on {him}self", "the fraudulent taking of {amount} from citizens", "witnesses documents found",
            period=True),
    ),
}  # fmt: skip


def learned_share(year: int) -> float:
    """Abusive requests drafted to look ordinary and well evidenced: 20% in 2016, rising 3 points a
    year to at most 50% (abusers learn what passes; §P4 'ordinary crimes' re-filings)."""
    return min(0.5, 0.2 + 0.03 * max(0, year - 2016))


def near_election(rng: random.Random, country: str, when: datetime) -> datetime | None:
    """A time near an election of the country in the same year (§P7), or None."""
    days = [d for d in countries.ELECTIONS.get(country, ()) if d.year == when.year]
    if not days:
        return None
    moved = rng.choice(days) + timedelta(days=rng.randint(-75, 45))
    moved = min(max(moved, date(when.year, 1, 1)), date(when.year, 12, 31))
    return datetime(moved.year, moved.month, moved.day, when.hour, when.minute, tzinfo=UTC)


def _draft(rng: random.Random, acts: tuple[Act, ...], learned: bool, context: list[str]) -> Draft:
    """Learned drafts name evidence as genuine ones do; the others name none (§P8), and are thin
    as often as genuine drafts are."""
    thin = not learned and rng.random() < THIN_RATE
    return Draft(rng.choice(acts), evidence=learned, thin=thin, context=context)


def _compose(rng: random.Random, draft: Draft, day: date, sex: str) -> str:
    when, later = drafting.dates(rng, day)
    return drafting.compose(rng, draft, when, later, sex)


def family_case(rng: random.Random, country: str, economic: bool, day: date, sex: str, *,
                learned: bool, pool: tuple[Act, ...] | None = None) -> tuple[list[Charge], str]:  # fmt: skip
    if economic:
        charges = offences.economic_charges(country, rng, stack=STACK_RATE)
        raid = rng.random() < RAIDING_ACT_SHARE
        acts = pool or (facts.RAIDING_ACTS if raid else facts.ECONOMIC_ACTS)[str(charges[0].category)]
        shape = rng.random() < RAIDING_SHAPE_RATE
        context = facts.disputes(rng, RAIDING_DISPUTES) if shape else []
        return charges, _compose(rng, _draft(rng, acts, learned, context), day, sex)
    charges = offences.political_charges(country, rng)
    return charges, _compose(rng, _draft(rng, pool or POLITICAL, learned, []), day, sex)


def fabricated_case(
    rng: random.Random, country: str, day: date, sex: str, learned: bool
) -> tuple[list[Charge], str, str]:
    offence = rng.choice(list(FABRICATED))
    charge = offences.ordinary_charge(country, offence, rng)
    text = _compose(rng, _draft(rng, FABRICATED[offence], learned, []), day, sex)
    return [charge], text, offence


def abusive(gen: Generator, when: datetime, kind: str, country: str) -> None:
    rng = gen.rng
    profile = countries.ABUSERS[country]
    tactic = rng.choices(list(profile.tactics), list(profile.tactics.values()))[0]
    status = STATUS_OF_TACTIC[tactic]
    moved = (
        near_election(rng, country, when)
        if status != "businessman" and rng.random() < ELECTION_TIMED
        else None
    )
    when = moved or when
    person = gen.person(country, when.date())
    truth: dict[str, Any] = {
        "abusive": True,
        "tactic": tactic,
        "status": status,
        "near_election": bool(moved),
    }
    economic = status == "businessman" or (tactic == "resubmission" and rng.random() < 0.5)
    declared = rng.choice(OCCUPATIONS[status]) if rng.random() < DECLARED_RATE else None
    learned = rng.random() < learned_share(when.year)
    day = when.date()
    if status in {"journalist", "human_rights_defender"} and rng.random() < REGISTERED_RATE:
        gen.register(when - timedelta(days=rng.randint(30, 900)), person, status, None, truth)
    if tactic == "fabricated_ordinary":
        charges, text, offence = fabricated_case(rng, country, day, person.sex, learned)
        gen.request(when, kind, person, charges, text, declared, {**truth, "offence": offence})
        gen.maybe_complaint(when, person, abusive=True)
        return
    pool = ELECTION if moved and not economic and rng.random() < 0.5 else None
    if tactic == "flee_asylum":
        left = day - timedelta(days=rng.randint(-120, 400))
        host = rng.choice([h for h in countries.HOSTS if h != country])
        truth = {**truth, "status": "refugee", "host": host}
        gen.register(gen.at(left + timedelta(days=rng.randint(30, 300))), person, "refugee", host, truth)
        pool = ABROAD if rng.random() < 0.5 else pool
    charges, text = family_case(rng, country, economic, day, person.sex, learned=learned, pool=pool)
    kind = "diffusion" if tactic == "diffusion_instead" else kind
    eid = gen.request(when, kind, person, charges, text, declared, truth)
    if tactic == "whereabouts":
        for _ in range(rng.randint(1, 3)):
            gen.message(when + timedelta(days=rng.randint(20, 400)), person, eid, abusive=True)
        return
    if tactic == "resubmission":
        resubmit(gen, when, kind, person, economic, truth)
    gen.maybe_complaint(when, person, abusive=True)


def resubmit(
    gen: Generator, when: datetime, kind: str, person: Any, economic: bool, truth: dict[str, Any]
) -> None:
    """§P4: the same person again, 4–13 months later, under another label; a third of the time as
    'ordinary crimes', and sometimes through the other channel."""
    rng = gen.rng
    later = when + timedelta(days=rng.randint(120, 400))
    learned = rng.random() < learned_share(later.year)
    if rng.random() < 0.33:
        charges, text, _ = fabricated_case(rng, person.country, later.date(), person.sex, learned)
    else:
        charges, text = family_case(
            rng, person.country, not economic, later.date(), person.sex, learned=learned
        )
    if rng.random() < 0.3:
        kind = "diffusion" if kind == "red_notice" else "red_notice"
    gen.request(later, kind, person, charges, text, None, truth)
