"""Generated people: names from faker in the country's own script, Latin forms as on a passport.

Names come from faker's person providers (MIT); never from name datasets built from leaked
personal data (design/architecture.md, "Names for generated people"). The Latin form is ICU's
``Any-Latin; Latin-ASCII`` transliteration, as a machine-readable passport zone would print it.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any

import icu
from faker import Faker

from article3.sim.countries import locale_for

_LATIN_MAX = 0x024F


# Only the person provider: the names are the same draws as with every provider loaded (each
# locale's provider is found the same way), and a locale is set up about four times faster.
PROVIDERS = ["faker.providers.person"]


@cache
def _faker(locale: str) -> Faker:
    return Faker(locale, providers=PROVIDERS)


@cache
def _to_latin() -> Any:
    return icu.Transliterator.createInstance("Any-Latin; Latin-ASCII")


def is_latin(text: str) -> bool:
    return all(ord(ch) <= _LATIN_MAX or not ch.isalpha() for ch in text)


def latin(text: str) -> str:
    """The ASCII Latin form of a name (passport spelling)."""
    ascii_only = re.sub(r"[^A-Za-z' -]", "", str(_to_latin().transliterate(text)))
    return " ".join(w[:1].upper() + w[1:] for w in ascii_only.split())


@dataclass(frozen=True, slots=True)
class Person:
    """A generated person (world data; what a request says about them is built from this)."""

    id: str
    country: str
    sex: str
    given: str
    family: str
    birth_date: date
    passport: str

    def names(self) -> list[dict[str, str]]:
        """Names as a request document gives them: own script first, then the passport form."""
        own = {"given": self.given, "family": self.family}
        passport = {"given": latin(self.given), "family": latin(self.family)}
        if is_latin(self.given + self.family) or not all(passport.values()):
            return [own]
        return [own, passport]

    def full_names(self) -> list[str]:
        return [f"{n['given']} {n['family']}" for n in self.names()]

    def query(self) -> dict[str, Any]:
        """The person as a search query (register entries, complaints, messages)."""
        return {
            "names": self.full_names(),
            "birth_date": self.birth_date.isoformat(),
            "nationalities": [self.country],
            "sex": self.sex,
        }

    def subject(self, occupation: str | None) -> dict[str, Any]:
        return {
            "names": self.names(),
            "sex": self.sex,
            "birth_date": self.birth_date.isoformat(),
            "nationalities": [self.country],
            "occupations": [occupation] if occupation else [],
            "identity_documents": [{"kind": "passport", "number": self.passport, "country": self.country}],
        }


def make_person(rng: random.Random, pid: str, country: str, when: date) -> Person:
    """A person of ``country``, aged 20 to 65 at ``when``; faker is seeded from ``rng``."""
    fake = _faker(locale_for(country))
    fake.seed_instance(rng.getrandbits(32))
    sex = "F" if rng.random() < 0.22 else "M"
    if sex == "F":
        given, family = fake.first_name_female(), fake.last_name_female()
    else:
        given, family = fake.first_name_male(), fake.last_name_male()
    born = when - timedelta(days=rng.randint(20 * 365, 65 * 365))
    passport = f"{rng.randint(10, 99)}{chr(65 + rng.randrange(26))}{rng.randint(1_000_000, 9_999_999)}"
    return Person(pid, country, sex, given.strip(), family.strip(), born, passport)
