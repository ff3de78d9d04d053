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
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from article3.sim import countries, facts, offences
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
    "businessman": ("entrepreneur", "general director", "investor", "company owner", "banker"),
    "activist": ("activist", "student", "engineer", "teacher", "programmer", "unemployed"),
    "journalist": ("journalist", "editor", "blogger", "correspondent"),
    "opposition_figure": ("politician", "economist", "lawyer", "party chairman", "entrepreneur"),
    "human_rights_defender": ("lawyer", "human rights defender", "NGO coordinator"),
}
REGISTERED_RATE = 0.35  # journalists/defenders an accredited body has registered beforehand
DECLARED_RATE = 0.5  # abusive requests that state the person's occupation
ELECTION_TIMED = 0.35  # requests against political targets moved near an election (§P7)
STACK_RATE = 0.4  # economic cases with a laundering / criminal-community count added (§P6)

FINANCIAL = (
    "As general director of a trading company in {place}, from {when} {who} misappropriated {amount} "
    "belonging to a state-owned enterprise through fictitious supply contracts, and legalised the "
    "proceeds through foreign accounts. A dispute over the ownership of the company is pending before "
    "the arbitration court.",
    "From {when} {who}, the owner of a construction group in {place}, evaded taxes of {amount} and "
    "embezzled funds entrusted to the group, causing damage in an especially large amount. The "
    "group's property has been seized to secure the damage.",
    "In {when} {who}, acting in an organised group, obtained {amount} from a bank in {place} by "
    "deception, using loan agreements that were never meant to be repaid.",
    "{Who}, managing partner of an investment fund, acting with the bank's managers, transferred to "
    "the bank in {when} shares of a company of lesser value in exchange for a stake worth {amount}. "
    "The case was opened on the statement of the bank's minority shareholders.",
    "{Who}, co-owner of a supplier to the state sector in {place}, concluded from {when} contracts at "
    "inflated prices with a state corporation, causing it damage of {amount}.",
    "Between {when} and {later} {who} received {amount} from foreign sources on personal accounts "
    "abroad and did not declare this income, evading personal income tax in an especially large amount.",
    "Between {when} and {later} {who}, acting in a group, brought foreign currency of {amount} into "
    "the country without declaring it at customs, and used it for the activity of an organisation "
    "registered in {place}.",
    "{Who}, head of a foundation in {place}, received {amount} in foreign donations from {when} and "
    "made payments that were not reported, legalising funds of illicit origin.",
    "As chairman of the board of a bank in {place}, from {when} {who} issued loans of {amount} to "
    "offshore companies under {his} control and moved the money abroad.",
)
POLITICAL = (
    "Between {when} and {later} {who} published on social networks and in a Telegram channel "
    "materials calling for participation in unauthorised public events and justifying the activity "
    "of an organisation recognised as extremist. The posts were viewed by at least {n} users.",
    "From {when} {who} took part in the activity of a banned organisation in {place}, organised "
    "meetings of its members and distributed its materials, undermining the constitutional order.",
    "In {when} {who}, acting with others, carried out activity against the security of the State in "
    "{place}, causing substantial harm to the interests of society.",
    "Between {when} and {later} {who} transferred {small} in several payments to the accounts of an "
    "organisation recognised as extremist, thereby financing its activity.",
    "{Who} was an administrator of a Telegram channel designated an extremist formation and published "
    "its materials from {when} to {later}; the posts remained available after the designation.",
    "{Who} used an encrypted messaging application reserved to members of the armed terrorist "
    "organisation, held an account at a bank affiliated with it, and attended its meetings in {place} "
    "in {when}.",
    "In {when} {who} joined a terrorist group knowing its aims, spread false news harming public "
    "security and misused a social-media account for this purpose.",
    "On {when} in {place} {who} took part in mass riots accompanied by violence and the destruction "
    "of property, and called on others to join them.",
)
ABROAD = (
    "After leaving the country in {when}, {who} gave interviews to foreign media in which {he} "
    "spread knowingly false information about the State and called on foreign governments to impose "
    "restrictive measures.",
    "From abroad, since {when}, {who} has coordinated through the internet the activity of an "
    "organisation recognised as undesirable, recruiting {n} participants in {place}.",
)
ELECTION = (
    "During the campaign for the elections of {when} {who} organised in {place} unauthorised "
    "gatherings of {n} persons and called on citizens not to recognise the results.",
    "In {when}, after announcing {his} candidacy, {who} collected {amount} for {his} campaign from "
    "undeclared foreign sources and concealed their origin.",
)
FABRICATED: dict[str, tuple[str, ...]] = {
    "drug_trafficking": (
        "On {when} in {place} police found {g} g of a narcotic substance in {his} flat, intended for sale.",
        "During a road check in {place} on {when}, {g} g of heroin were found in the car of {who}.",
    ),
    "extortion": (
        "In {when} in {place} {who} demanded {amount} from a local businessman, threatening to publish "
        "damaging information about him.",
        "{Who} demanded {small} from an official of {place} in {when} in exchange for not publishing "
        "an article about him.",
    ),
    "sexual_assault": (
        "On {when} in {place} {who} raped a woman who worked with {him}; she filed a complaint the next day.",
        "{Who} is accused of sexually assaulting a colleague in {his} office in {place} in {when}.",
    ),
    "illegal_weapons": (
        "During a search of {his} home in {place} on {when}, police found a pistol and {n} rounds of "
        "ammunition kept without a permit.",
    ),
    "fraud": (
        "In {when} {who} borrowed {amount} from an acquaintance in {place}, promising to return it within "
        "a month, and did not repay it, having no intention of doing so.",
        "From {when} {who} collected {amount} from readers in {place} for a publication that was never "
        "issued, and spent the money on {him}self.",
    ),
}
EVIDENCE = {
    "econ": ("The charge rests on the statements of {w} witnesses, the conclusions of a forensic "
             "accounting audit of {later} and bank records obtained by the investigation.",
             "Bank records, the audit report of {later} and the testimony of the company's former "
             "accountant confirm the scheme."),
    "pol": ("A linguistic expert examination confirmed the character of the materials; screenshots "
            "and the testimony of {w} witnesses are in the case file.",
            "The records of the bank and the statements of two co-accused identify {him}."),
    "ordinary": ("The seizure was made in the presence of two attesting witnesses; a forensic "
                 "examination confirmed the findings and {his} fingerprints were found.",
                 "The victim's statement, a medical report and the testimony of {w} witnesses support "
                 "the charge."),
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


def _facts(rng: random.Random, pool: tuple[str, ...], family: str, day: date, sex: str, learned: bool) -> str:
    text = facts.fill(rng.choice(pool), rng, day - timedelta(days=rng.randint(150, 700)), day, sex)
    if learned:
        text += " " + facts.fill(rng.choice(EVIDENCE[family]), rng, day, day - timedelta(days=60), sex)
    return text


def family_case(rng: random.Random, country: str, economic: bool, day: date, sex: str, *,
                learned: bool, pool: tuple[str, ...] | None = None) -> tuple[list[Charge], str]:  # fmt: skip
    if economic:
        charges = offences.economic_charges(country, rng, stack=STACK_RATE)
        return charges, _facts(rng, pool or FINANCIAL, "econ", day, sex, learned)
    return offences.political_charges(country, rng), _facts(rng, pool or POLITICAL, "pol", day, sex, learned)


def fabricated_case(
    rng: random.Random, country: str, day: date, sex: str, learned: bool
) -> tuple[list[Charge], str, str]:
    offence = rng.choice(list(FABRICATED))
    charge = offences.ordinary_charge(country, offence, rng)
    text = _facts(rng, FABRICATED[offence], "ordinary", day, sex, learned)
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
