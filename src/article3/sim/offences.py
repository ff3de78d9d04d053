"""What requests charge: ordinary offences with identified victims, and the charges abusers use.

Ordinary provisions are written as "<Criminal Code>, art. N" with a per-country article number
(deterministic from the seed). Abusive charges come from the screening's own catalogue of laws used
against dissent where the country has rows there (because that is what such states cite), and from
plausible generic wording where it has none: the catalogue covers 28 countries, abuse does not stop
at its edge.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.resources import files
from typing import Any

import yaml

# Offence type -> (category slug, description, max years, occupation, facts template).
ORDINARY: dict[str, tuple[str, str, int, str, str]] = {
    "homicide": ("homicide", "Murder", 25, "driver",
        "On {when} in {place} the subject stabbed {victim} several times during a quarrel over a debt; "
        "{victim} died of the wounds in hospital. Two witnesses and CCTV footage identify the subject, "
        "who left the country {days} days later."),
    "robbery": ("robbery", "Armed robbery", 12, "unemployed",
        "On {when} in {place} the subject and two accomplices, armed with a pistol, robbed a jewellery "
        "shop owned by {victim}, taking items worth {amount} and injuring the shop assistant. The "
        "subject's fingerprints were found on the display case."),
    "drug_trafficking": ("drug_trafficking", "Trafficking in narcotic drugs (large scale)", 15, "logistics manager",  # noqa: E501
        "Between {when} and the arrest of his co-accused, the subject organised the import of {kg} kg "
        "of cocaine through the port of {place}, hidden in containers of fruit. Intercepted calls and "
        "the seized consignment tie the subject to the shipments."),
    "fraud": ("fraud", "Aggravated fraud against private investors", 8, "financial adviser",
        "From {when} in {place} the subject, posing as a licensed adviser, obtained {amount} from "
        "{n} private investors, among them {victim}, for a fund that did not exist, and moved the "
        "money abroad. The victims have filed complaints and bank records confirm the transfers."),
    "child_sexual_abuse": ("child_sexual_abuse", "Sexual abuse of a minor", 15, "sports coach",
        "Between {when} and the following summer in {place} the subject, a coach at a youth club, "
        "sexually abused two boys aged 11 and 12 in his care. The victims' statements, medical "
        "reports and messages on the subject's phone support the charge."),
    "human_trafficking": ("human_trafficking", "Trafficking in human beings", 15, "recruiter",
        "From {when} the subject recruited {n} women in {place} with false offers of work abroad, "
        "took their passports and forced them into prostitution. Three victims, including {victim}, "
        "identified the subject; payments were traced to his accounts."),
    "cybercrime": ("cybercrime", "Unauthorised access to computer systems and extortion", 7, "programmer",
        "On {when} the subject deployed ransomware against the hospital of {place}, encrypting patient "
        "records, and demanded {amount} in cryptocurrency. Server logs and the wallet address link "
        "the attack to accounts registered by the subject."),
    "corruption": ("corruption", "Bribery of a public official", 10, "contractor",
        "In {when} in {place} the subject paid {amount} to a municipal procurement official to win a "
        "road-building contract; the official has confessed and bank records show the payments made "
        "through a company controlled by the subject."),
}  # fmt: skip
ORDINARY_WEIGHTS = {
    "homicide": 0.14, "robbery": 0.12, "drug_trafficking": 0.24, "fraud": 0.18,
    "child_sexual_abuse": 0.08, "human_trafficking": 0.07, "cybercrime": 0.07, "corruption": 0.10,
}  # fmt: skip

EXTREMISM_FACTS = (
    "Between {when} and {later} the subject published on social networks and in a Telegram channel "
    "materials calling for participation in unauthorised public events and justifying the activity "
    "of an organisation recognised as extremist. The posts were viewed by at least {n} users.",
    "From {when} the subject took part in the activity of a banned organisation in {place}, organised "
    "meetings of its members and distributed its materials, undermining the constitutional order.",
    "In {when} the subject, acting with others, carried out activity against the security of the "
    "State in {place}, causing substantial harm to the interests of society.",
)
FINANCIAL_FACTS = (
    "As general director of a trading company in {place}, from {when} the subject misappropriated "
    "{amount} belonging to a state-owned enterprise through fictitious supply contracts, and "
    "legalised the proceeds through foreign accounts. A dispute over the ownership of the company "
    "is pending before the arbitration court.",
    "From {when} the subject, the owner of a construction group in {place}, evaded taxes of {amount} "
    "and embezzled funds entrusted to the group, causing damage in an especially large amount.",
    "In {when} the subject, acting in an organised group, obtained {amount} from a bank in {place} "
    "by deception, using loan agreements that were never meant to be repaid.",
)
FABRICATED_FACTS = (
    "On {when} in {place} police found {kg} kg of a narcotic substance in the subject's flat, "
    "intended for sale.",
    "In {when} in {place} the subject demanded {amount} from a local businessman, threatening to "
    "publish damaging information about him.",
)
PLACES = ("the capital", "the port city", "the northern region", "the regional centre", "the border district")
VICTIMS = ("a shop owner", "his business partner", "a pensioner", "a taxi driver", "a neighbour")


@dataclass(frozen=True, slots=True)
class Charge:
    provision: str
    description: str
    category: str | None
    max_years: float


@cache
def _catalogue() -> dict[str, Any]:
    text = files("article3.screening").joinpath("data/dissent_laws.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)["countries"]
    return data


def catalogue_charges(country: str, economic: bool) -> list[Charge]:
    """Rows of the dissent-law catalogue for a country: economic/ordinary rows, or the others."""
    found = _catalogue().get(country)
    if not found:
        return []
    out: list[Charge] = []
    for row in found["entries"]:
        kinds = set(row.get("kinds") or [])
        is_econ = bool(kinds) and kinds <= {"econ", "ordinary"}
        if is_econ != economic or row.get("status") == "repealed" or not row.get("articles"):
            continue
        alias = found["laws"][row["law"]]["aliases"][0]
        law = alias.title() if alias.isascii() and len(alias) > 3 else row["law"]
        title = str(row["title_en"]).split(" (")[0][:200]
        out.append(Charge(f"{law}, art. {row['articles'][0]}", title, None, 10))
    return out


# Real article numbers where we know them (Russian Criminal Code). Fraud is art. 159, which the
# dissent catalogue lists as an economic row: genuine fraud from Russia must still get through.
KNOWN_ARTICLES = {
    "RU": {"homicide": "105", "robbery": "162", "drug_trafficking": "228.1", "fraud": "159",
           "child_sexual_abuse": "132", "human_trafficking": "127.1", "cybercrime": "272", "corruption": "291"},  # noqa: E501
}  # fmt: skip


@cache
def _reserved() -> dict[str, set[str]]:
    """Articles either catalogue lists per country: a made-up ordinary article never lands on one."""
    out: dict[str, set[str]] = {}
    for country, found in _catalogue().items():
        for row in found["entries"]:
            out.setdefault(country, set()).update(str(a) for a in row.get("articles") or [])
    text = files("article3.notices").joinpath("data/excluded_offences.yaml").read_text(encoding="utf-8")
    for group in (yaml.safe_load(text).get("categories") or {}).values():
        for entry in group.get("entries") or []:
            for country, articles in (entry.get("articles") or {}).items():
                out.setdefault(country, set()).update(str(a) for a in articles)
    return out


def ordinary_charge(country: str, offence: str, rng: random.Random) -> Charge:
    category, description, years, _, _ = ORDINARY[offence]
    article = KNOWN_ARTICLES.get(country, {}).get(offence)
    if article is None:
        number = 100 + (sum(map(ord, country + offence)) * 7) % 260
        while str(number) in _reserved().get(country, set()):
            number += 1
        article = str(number)
    return Charge(f"Criminal Code, art. {article}", description, category, years)


def fill(template: str, rng: random.Random, when: date, later: date) -> str:
    return template.format(
        when=when.strftime("%B %Y"),
        later=later.strftime("%B %Y"),
        place=rng.choice(PLACES),
        victim=rng.choice(VICTIMS),
        days=rng.randint(2, 30),
        amount=f"EUR {rng.randint(2, 900) * 10_000:,}",
        kg=rng.randint(20, 900),
        n=rng.randint(3, 400),
    )
