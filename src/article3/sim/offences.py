"""What requests charge: the ordinary offences of police cooperation, and the charges abusers use.

Written from the domain source (/work/shared/domain/dissent-laws.md, country tables and §P), never
from the screening's own catalogue or term lists: the world must not be built from the rules it
tests. Ordinary provisions use the country's penal code with a per-country article number
(deterministic), or the real article where the domain source gives one (Russia, Azerbaijan,
Kazakhstan, China, Belarus): a genuine fraud from Russia cites art. 159 exactly as a fabricated one
does. Abusive charges come from the provisions dissent-laws.md documents for each abusing country.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from functools import cache
from importlib.resources import files

import yaml


@dataclass(frozen=True, slots=True)
class Charge:
    provision: str
    description: str
    category: str | None
    max_years: float


@dataclass(frozen=True, slots=True)
class Offence:
    category: str
    descriptions: tuple[str, ...] | str
    max_years: int
    occupations: tuple[str, ...]

    def description(self, rng: random.Random) -> str:
        return self.descriptions if isinstance(self.descriptions, str) else rng.choice(self.descriptions)


# Stated occupations of economic subjects, genuine (fraud, embezzlement, corruption) and abusive
# (abuse.OCCUPATIONS["businessman"]) alike: one list, drawn uniformly by both.
ECONOMIC_OCCUPATIONS = ("company director", "general director", "entrepreneur", "company owner", "investor",
                        "chief accountant", "financial adviser", "bank manager", "contractor")  # fmt: skip
ORDINARY: dict[str, Offence] = {
    "homicide": Offence("homicide", "Murder", 25, ("driver", "labourer", "security guard", "farmer")),
    "robbery": Offence("robbery", "Armed robbery", 12, ("unemployed", "mechanic", "builder")),
    "drug_trafficking": Offence("drug_trafficking", ("Trafficking in narcotic drugs (large scale)",
                                "Illegal sale of narcotic drugs on an especially large scale"), 15,
                                ("logistics manager", "truck driver", "importer", "unemployed")),
    "fraud": Offence("fraud", ("Aggravated fraud", "Fraud on an especially large scale",
                               "Fraud committed by an organised group"), 10, ECONOMIC_OCCUPATIONS),
    "embezzlement": Offence("embezzlement", ("Embezzlement in an especially large amount",
                            "Misappropriation or embezzlement on an especially large scale"), 10,
                            ECONOMIC_OCCUPATIONS),
    "child_sexual_abuse": Offence("child_sexual_abuse", "Sexual abuse of a minor", 15,
                                  ("sports coach", "teacher", "unemployed")),
    "sexual_assault": Offence("sexual_assault", "Rape", 15, ("driver", "waiter", "manager", "doctor")),
    "human_trafficking": Offence("human_trafficking", "Trafficking in human beings", 15,
                                 ("recruiter", "bar owner", "travel agent")),
    "cybercrime": Offence("cybercrime", "Unauthorised access to computer systems and extortion", 7,
                          ("programmer", "student", "IT consultant")),
    "corruption": Offence("corruption", ("Bribery of a public official", "Giving a bribe"), 10,
                          ECONOMIC_OCCUPATIONS),
    "terrorism": Offence("terrorism", "Terrorist act causing death", 25,
                         ("unemployed", "student", "labourer")),
    "tax_evasion": Offence("tax_evasion", ("Tax evasion in an especially large amount", "Tax evasion by an "
                           "organisation", "Tax fraud"), 6, ECONOMIC_OCCUPATIONS),
    "smuggling": Offence("smuggling", ("Smuggling on an especially large scale", "Smuggling by an organised "
                         "group", "Evasion of customs duties"), 7, ECONOMIC_OCCUPATIONS),
    "illegal_business": Offence("illegal_business", ("Illegal entrepreneurship", "Illegal business operation",
                                "Illegal banking activity"), 5, ECONOMIC_OCCUPATIONS),
    "extortion": Offence("extortion", "Extortion", 7, ("unemployed", "security guard", "businessman")),
    "illegal_weapons": Offence("illegal_weapons", "Illegal acquisition and trafficking of firearms", 8,
                               ("hunter", "mechanic", "unemployed")),
}  # fmt: skip
# Tax, customs and unlicensed-business cases are ordinary police cooperation too (dissent-laws.md:
# "most of these laws also cover real crimes: fraud, embezzlement, tax evasion, ..."): VAT and
# excise frauds were counted as fraud before (0.15 -> 0.11 beside tax 0.03 and illegal business
# 0.01), contraband of goods runs on the routes of drugs (0.21 -> 0.18 beside smuggling 0.03).
ORDINARY_WEIGHTS = {
    "homicide": 0.12, "robbery": 0.10, "drug_trafficking": 0.18, "fraud": 0.11, "embezzlement": 0.05,
    "child_sexual_abuse": 0.06, "sexual_assault": 0.04, "human_trafficking": 0.05, "cybercrime": 0.06,
    "corruption": 0.08, "terrorism": 0.03, "extortion": 0.03, "illegal_weapons": 0.02, "tax_evasion": 0.03,
    "smuggling": 0.03, "illegal_business": 0.01,
}  # fmt: skip
ECONOMIC = frozenset({"fraud", "embezzlement", "corruption", "tax_evasion", "smuggling", "illegal_business"})

# What the country's code is called in requests (genuine and abusive alike: never a signal).
CODE_NAMES: dict[str, tuple[str, ...]] = {
    "RU": ("Criminal Code", "Criminal Code of the Russian Federation", "CC RF"),
    "BY": ("Criminal Code", "Criminal Code of the Republic of Belarus"),
    "TR": ("Turkish Penal Code", "TCK"), "CN": ("Criminal Law", "Criminal Law of the PRC"),
    "IR": ("Islamic Penal Code",), "EG": ("Penal Code",), "BH": ("Penal Code",), "VE": ("Penal Code",),
    "NI": ("Penal Code",), "AE": ("Federal Penal Code",), "SA": ("Penal Law",), "FR": ("Code pénal",),
    "DE": ("StGB", "Strafgesetzbuch"), "US": ("U.S. Code, Title 18",), "GB": ("Criminal Justice Act",),
}  # fmt: skip

# Real article numbers (dissent-laws.md tables, and the codes themselves for Russia).
KNOWN_ARTICLES: dict[str, dict[str, str]] = {
    "RU": {"homicide": "105", "robbery": "162", "drug_trafficking": "228.1", "fraud": "159",
           "embezzlement": "160", "child_sexual_abuse": "132", "sexual_assault": "131",
           "human_trafficking": "127.1", "cybercrime": "272", "corruption": "291", "terrorism": "205",
           "extortion": "163", "illegal_weapons": "222", "money_laundering": "174.1",
           "organised_group": "210", "tax_evasion": "199", "smuggling": "200.2", "illegal_business": "171"},
    "AZ": {"drug_trafficking": "234", "illegal_weapons": "228", "money_laundering": "193-1",
           "smuggling": "206", "illegal_business": "192", "tax_evasion": "213"},
    "KZ": {"embezzlement": "189", "fraud": "190"},
    "CN": {"embezzlement": "382", "corruption": "385", "illegal_business": "225"},
    "BY": {"corruption": "430", "money_laundering": "235", "tax_evasion": "243", "smuggling": "228"},
}  # fmt: skip

# Abusive charges per country, from dissent-laws.md: (law or None for the penal code, article,
# title, max years). "pol": speech/association/security rows (§P5); "econ": economic rows (§P1);
# "stack": counts added late to an economic case (§P6: laundering, criminal community).
_P = tuple[str | None, str, str, int]
ABUSIVE: dict[str, dict[str, tuple[_P, ...]]] = {
    "RU": {
        "pol": ((None, "280", "Public calls for extremist activity", 5),
                (None, "282.2", "Participation in the activity of an extremist organisation", 6),
                (None, "282.3", "Financing of extremist activity", 8),
                (None, "205.2", "Public justification of terrorism", 7),
                (None, "207.3", "Public dissemination of knowingly false information about the Armed "
                 "Forces", 15),
                (None, "280.3", "Public actions aimed at discrediting the Armed Forces", 7),
                (None, "284.1", "Activity of an undesirable organisation", 6),
                (None, "212", "Participation in mass riots", 8)),
        "econ": ((None, "159", "Fraud on an especially large scale", 10),
                 (None, "160", "Misappropriation or embezzlement on an especially large scale", 10),
                 (None, "199", "Tax evasion by an organisation", 6),
                 (None, "171", "Illegal entrepreneurship", 5)),
        "stack": ((None, "174.1", "Laundering of proceeds of crime", 7),
                  (None, "210", "Organising or taking part in a criminal community", 20)),
    },
    "BY": {
        "pol": ((None, "342", "Organising actions grossly violating public order", 4),
                (None, "361-1", "Participation in an extremist formation", 6),
                (None, "361-2", "Financing of extremist activity", 8),
                (None, "130", "Incitement of social enmity or discord", 12),
                (None, "357", "Conspiracy to seize state power", 15),
                (None, "191", "Obstructing the work of electoral commissions", 5)),
        "econ": ((None, "243", "Tax evasion in an especially large amount", 7),
                 (None, "430", "Bribe-taking", 15), (None, "228", "Smuggling", 7)),
        "stack": ((None, "235", "Legalisation of criminally obtained proceeds", 10),),
    },
    "TJ": {"pol": ((None, "307.1", "Public calls for extremist activity", 5),
                   (None, "307.2", "Organising an extremist community", 12),
                   (None, "307.3", "Organising the activity of an extremist organisation", 8),
                   (None, "189", "Incitement of religious hostility", 12))},
    "TM": {"pol": ((None, "", "Betrayal of the Motherland", 25), (None, "", "Hooliganism", 5))},
    "UZ": {"pol": ((None, "159", "Encroachment on the constitutional order", 20),
                   (None, "244-1", "Distribution of materials threatening public security", 8),
                   (None, "244-2", "Participation in a banned religious extremist organisation", 15),
                   (None, "244", "Organising mass riots", 10))},
    "KZ": {"pol": ((None, "174", "Incitement of social or religious discord", 10),
                   (None, "405", "Participation in the activity of a banned extremist organisation", 6),
                   (None, "258", "Financing of extremist activity", 12),
                   (None, "274", "Dissemination of knowingly false information", 7)),
           "econ": ((None, "189", "Misappropriation or embezzlement of entrusted property", 10),
                    (None, "190", "Fraud on an especially large scale", 10))},
    "AZ": {"pol": ((None, "274", "High treason", 20),),
           "econ": ((None, "206", "Smuggling by an organised group", 12),
                    (None, "192", "Illegal entrepreneurship", 5),
                    (None, "213", "Tax evasion", 8)),
           "stack": ((None, "193-1", "Legalisation of criminally obtained property", 12),
                     (None, "320", "Forgery and use of forged documents", 3))},
    "TR": {"pol": (("Anti-Terror Law (TMK)", "7(2)", "Propaganda for a terrorist organisation", 5),
                   (None, "314", "Membership of an armed terrorist organisation", 15),
                   (None, "220(7)", "Aiding an organisation without being a member", 10),
                   (None, "216", "Provoking the public to hatred and hostility", 3),
                   (None, "312", "Attempt to overthrow the Government", 25))},
    "CN": {"pol": ((None, "105", "Inciting subversion of state power", 15),
                   (None, "103", "Inciting splitting of the state", 15),
                   (None, "120-3", "Advocating terrorism and extremism", 10),
                   (None, "300", "Organising a cult to undermine the implementation of the law", 15),
                   (None, "293", "Picking quarrels and provoking trouble", 5)),
           "econ": ((None, "382", "Embezzlement", 10), (None, "385", "Bribe-taking", 10),
                    (None, "225", "Illegal business operation", 5))},
    "IR": {"pol": ((None, "498", "Forming a group aimed at disrupting national security", 10),
                   (None, "499", "Membership of a group aimed at disrupting national security", 5),
                   (None, "610", "Assembly and collusion against national security", 5),
                   (None, "286", "Corruption on earth", 25))},
    "EG": {"pol": (("Anti-Terrorism Law No. 94/2015", "12", "Joining a terrorist group knowing its aims", 10),
                   ("Anti-Terrorism Law No. 94/2015", "13", "Financing a terrorist group", 25),
                   (None, "80(d)", "Spreading false news abroad", 5),
                   ("Anti-Cyber Crimes Law No. 175/2018", "25", "Misuse of a social media account", 3))},
    "SA": {"pol": (("Law on Combating Terrorism", "30", "Describing the King or the Crown Prince in a way "
                    "offensive to religion or justice", 10),
                   ("Law on Combating Terrorism", "34", "Supporting persons who hold terrorist ideology", 10),
                   ("Anti-Cyber Crime Law", "6", "Producing and sending material harming public order", 5))},
    "AE": {"pol": (("Federal Law No. 7 of 2014", "21", "Joining a terrorist organisation", 15),
                   ("Federal Decree-Law No. 34 of 2021", "25", "Publishing information harming the "
                    "reputation "
                    "of the State", 5))},
    "BH": {"pol": ((None, "165", "Inciting hatred of the regime", 3),
                   ("Law No. 58 of 2006", "6", "Incitement to terrorism", 10),
                   (None, "133", "Spreading false news", 10))},
    "VE": {"pol": (("Law against Hatred", "20", "Public incitement of hatred", 20),
                   ("Organic Law against Organised Crime and Financing of Terrorism", "52", "Terrorism", 20),
                   ("Organic Law against Organised Crime and Financing of Terrorism", "37",
                    "Association to commit crimes", 10),
                   (None, "132", "Conspiracy", 16))},
    "NI": {"pol": ((None, "410", "Conspiracy to undermine national integrity", 8),
                   ("Law 1042 on Cybercrimes", "30", "Propagation of false news through ICT", 5))},
    "RW": {"pol": (("Law No. 68/2018", "194", "Spreading false information to cause hostile international "
                    "opinion against the Government", 7),
                   ("Law No. 68/2018", "164", "Publishing rumours intended to cause an uprising", 10),
                   ("Law No. 59/2018", "4", "Genocide ideology", 9))},
}  # fmt: skip
# Counts added to a case, genuine or abusive alike (a laundering count follows most large frauds).
EXTRA_COUNTS = {
    "money_laundering": ("Laundering of proceeds of crime", 10),
    "organised_group": ("Participation in a criminal organisation", 12),
}


def code_name(country: str, rng: random.Random) -> str:
    names = CODE_NAMES.get(country) or (("Criminal Code",) if sum(map(ord, country)) % 3 else ("Penal Code",))
    return rng.choice(names)


def cite(law: str, article: str, rng: random.Random) -> str:
    """A provision as bureaus write it: with or without a part, in a few word orders."""
    part = rng.randint(1, 4)
    form = rng.random()
    if form < 0.55:
        return f"{law}, art. {article}"
    if form < 0.8:
        return f"{law}, art. {article} part {part}"
    return f"Article {article}, paragraph {part}, of the {law}"


def _made_up(country: str, key: str) -> str:
    number = 100 + (sum(map(ord, country + key)) * 7) % 260
    while str(number) in _reserved().get(country, set()):
        number += 1
    return str(number)


@cache
def _reserved() -> dict[str, set[str]]:
    """Articles the domain source or the intake catalogue name: a made-up number never lands on one."""
    out: dict[str, set[str]] = {}
    for country, groups in ABUSIVE.items():
        for rows in groups.values():
            out.setdefault(country, set()).update(a for _, a, _, _ in rows if a)
    for country, known in KNOWN_ARTICLES.items():
        out.setdefault(country, set()).update(known.values())
    text = files("article3.notices").joinpath("data/excluded_offences.yaml").read_text(encoding="utf-8")
    for group in (yaml.safe_load(text).get("categories") or {}).values():
        for entry in group.get("entries") or []:
            for country, articles in (entry.get("articles") or {}).items():
                out.setdefault(country, set()).update(str(a) for a in articles)
    return out


@cache
def _titles() -> dict[tuple[str, str], tuple[str, ...]]:
    """(country, article of its code) -> every title either class gives it. An article has one set
    of names whoever cites it: a genuine art. 210 count and an abusive one are both "criminal
    community" or "criminal organisation", drawn alike, so the title never tells the classes apart."""
    out: dict[tuple[str, str], set[str]] = {}
    for country, known in KNOWN_ARTICLES.items():
        for key, article in known.items():
            names = ORDINARY[key].descriptions if key in ORDINARY else EXTRA_COUNTS[key][0]
            out.setdefault((country, article), set()).update((names,) if isinstance(names, str) else names)
    for country, groups in ABUSIVE.items():
        for rows in groups.values():
            for law, article, title, _ in rows:
                if law is None and article:
                    out.setdefault((country, article), set()).add(title)
    return {key: tuple(sorted(titles)) for key, titles in out.items()}


def _title(country: str, article: str, own: str, rng: random.Random) -> str:
    return rng.choice(_titles().get((country, article), (own,)))


def ordinary_charge(country: str, offence: str, rng: random.Random) -> Charge:
    o = ORDINARY[offence]
    article = KNOWN_ARTICLES.get(country, {}).get(offence) or _made_up(country, offence)
    title = _title(country, article, o.description(rng), rng)
    return Charge(cite(code_name(country, rng), article, rng), title, o.category, o.max_years)


def extra_count(country: str, rng: random.Random) -> Charge:
    """A laundering or organised-group count, as the country's code numbers and names it."""
    key = rng.choice(list(EXTRA_COUNTS))
    title, years = EXTRA_COUNTS[key]
    article = KNOWN_ARTICLES.get(country, {}).get(key) or _made_up(country, key)
    provision = cite(code_name(country, rng), article, rng)
    return Charge(provision, _title(country, article, title, rng), key, years)


def _charge(country: str, row: _P, category: str | None, rng: random.Random) -> Charge:
    law, article, title, years = row
    if law is None and article:
        title = _title(country, article, title, rng)
    article = article or _made_up(country, title)
    return Charge(cite(law or code_name(country, rng), article, rng), title, category, years)


def economic_kind(title: str) -> str:
    """Which economic offence (a key of ``ORDINARY``) a charge's title names."""
    title = title.lower()
    for word, kind in (("tax", "tax_evasion"), ("smuggl", "smuggling"), ("customs", "smuggling"),
                       ("entrepreneur", "illegal_business"), ("business", "illegal_business"),
                       ("banking", "illegal_business"), ("brib", "corruption"), ("embezzl", "embezzlement"),
                       ("misappropriat", "embezzlement")):  # fmt: skip
        if word in title:
            return kind
    return "fraud"


def political_charges(country: str, rng: random.Random) -> list[Charge]:
    """One political charge, or (one time in three) two: Egypt's trio is stacked on purpose (§P6)."""
    rows = ABUSIVE.get(country, {}).get("pol") or ABUSIVE["RU"]["pol"][:3]
    n = 3 if country == "EG" and rng.random() < 0.6 else (2 if rng.random() < 0.33 else 1)
    return [_charge(country, row, None, rng) for row in rng.sample(rows, min(n, len(rows)))]


def economic_charges(country: str, rng: random.Random, *, stack: float) -> list[Charge]:
    """An economic charge from the country's documented rows (or its ordinary fraud/embezzlement
    articles), with a laundering or criminal-community count added with probability ``stack``."""
    rows = ABUSIVE.get(country, {}).get("econ")
    if rows:
        first = _charge(country, rng.choice(rows), None, rng)
        first = replace(first, category=economic_kind(first.description))
    else:
        first = ordinary_charge(country, rng.choice(["fraud", "embezzlement"]), rng)
    out = [first]
    if rng.random() < stack:
        extra = ABUSIVE.get(country, {}).get("stack")
        out.append(_stacked(country, rng.choice(extra), rng) if extra else extra_count(country, rng))
    return out


def _stacked(country: str, row: _P, rng: random.Random) -> Charge:
    """A count from the country's "stack" rows, with the category genuine counts under the same
    article have (laundering, organised group), else "forgery" (Azerbaijan's art. 320)."""
    keys = {article: key for key, article in KNOWN_ARTICLES.get(country, {}).items()}
    return _charge(country, row, keys.get(row[1], "forgery"), rng)
