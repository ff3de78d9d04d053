"""Synthetic persons from many countries and scripts, from faker's name-frequency lists.

Names are sampled directly from each locale's provider lists (weighted where faker
weights them), which is ~100x faster than calling `Faker.name()` a million times.
The gallery keeps names in their native script, as a notice issued by that
country would; Japanese persons carry the kanji and the kana spelling.
"""

from __future__ import annotations

import importlib
import json
import random
from calendar import isleap
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

OUT = Path(__file__).parent / "out"

# faker locale, nationality, weight in the gallery
LOCALES: tuple[tuple[str, str, int], ...] = (
    ("ru_RU", "RU", 8), ("uk_UA", "UA", 5), ("bg_BG", "BG", 2), ("ar_AA", "SY", 5),
    ("ar_SA", "SA", 3), ("fa_IR", "IR", 4), ("he_IL", "IL", 2), ("hy_AM", "AM", 2),
    ("ka_GE", "GE", 2), ("hi_IN", "IN", 5), ("bn_BD", "BD", 2), ("ta_IN", "LK", 2),
    ("th_TH", "TH", 3), ("zh_CN", "CN", 6), ("ja_JP", "JP", 3), ("ko_KR", "KR", 3),
    ("el_GR", "GR", 2), ("tr_TR", "TR", 4), ("de_DE", "DE", 4), ("fr_FR", "FR", 4),
    ("es_ES", "ES", 4), ("en_US", "US", 6), ("pl_PL", "PL", 3), ("nl_NL", "NL", 2),
    ("pt_BR", "BR", 4), ("id_ID", "ID", 3), ("az_AZ", "AZ", 2),
)  # fmt: skip
NO_SPACE = {"zh_CN", "ko_KR"}
FULL_DATES = 0.9  # share of persons with a full birth date; 4 % year, 3 % year-month, 3 % none
VERSION = 2  # bump when the generator changes (galleries are cached per version)
FAMILY_FIRST = {"zh_CN", "ko_KR", "ja_JP", "hu_HU"}


@dataclass
class Names:
    """One locale's name lists with weights."""

    locale: str
    country: str
    first: dict[str, tuple[Sequence[str], Sequence[float] | None]] = field(default_factory=dict)
    last: dict[str, tuple[Sequence[str], Sequence[float] | None]] = field(default_factory=dict)
    middle: dict[str, tuple[Sequence[str], Sequence[float] | None]] = field(default_factory=dict)
    japanese: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)


def _weighted(values: Any) -> tuple[Sequence[str], Sequence[float] | None]:
    if isinstance(values, dict):
        return list(values), [float(v) for v in values.values()]
    return list(values), None


def _pick(provider: Any, *names: str) -> tuple[Sequence[str], Sequence[float] | None] | None:
    for name in names:
        values = getattr(provider, name, None)
        if values:
            return _weighted(values)
    return None


def load_names(locale: str, country: str) -> Names:
    provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
    names = Names(locale, country)
    for sex, suffix in (("M", "male"), ("F", "female")):
        names.first[sex] = _pick(provider, f"first_names_{suffix}", "first_names")  # type: ignore[assignment]
        last = _pick(provider, f"last_names_{suffix}", f"{suffix}_last_names", "last_names")
        if locale == "pl_PL":
            last = _pick(provider, "unisex_last_names")
        names.last[sex] = last  # type: ignore[assignment]
        middle = _pick(provider, f"middle_names_{suffix}")
        if middle and locale in ("ru_RU", "uk_UA"):
            names.middle[sex] = middle
    if locale == "ja_JP":
        names.japanese["last"] = list(provider.last_name_pairs)
        names.japanese["M"] = list(provider.first_name_male_pairs)
        names.japanese["F"] = list(provider.first_name_female_pairs)
    return names


def _choice(rng: random.Random, values: tuple[Sequence[str], Sequence[float] | None]) -> str:
    items, weights = values
    return rng.choices(items, weights)[0] if weights else rng.choice(items)


def _birth_date(rng: random.Random) -> str | None:
    """Mostly a full date (any real day), as on identity documents; some partial or unknown."""
    roll = rng.random()
    year = rng.randint(1940, 2006)
    if roll < FULL_DATES:
        day = date(year, 1, 1) + timedelta(days=rng.randrange(366 if isleap(year) else 365))
        return day.isoformat()
    if roll < FULL_DATES + 0.04:
        return f"{year}"
    if roll < FULL_DATES + 0.07:
        return f"{year}-{rng.randint(1, 12):02d}"
    return None


def make_person(rng: random.Random, names: Names, person_id: str) -> dict[str, Any]:
    """One person: native-script names, and `parts` (given, middle, family) for variants."""
    sex = rng.choice("MF")
    if names.japanese:
        family = rng.choice(names.japanese["last"])
        given = rng.choice(names.japanese[sex])
        full = [f"{family[0]} {given[0]}", f"{family[1]} {given[1]}"]
        parts = {"given": given[2], "family": family[2], "romanised": True}
    else:
        given_name = _choice(rng, names.first[sex])
        family_name = _choice(rng, names.last[sex])
        middle = _choice(rng, names.middle[sex]) if sex in names.middle else ""
        order = [family_name, given_name] if names.locale in FAMILY_FIRST else [given_name, family_name]
        if middle:
            order = (
                [family_name, given_name, middle] if rng.random() < 0.5 else [given_name, middle, family_name]
            )
        full = ["".join(order) if names.locale in NO_SPACE else " ".join(order)]
        parts = {"given": given_name, "family": family_name, "middle": middle, "romanised": False}
    return {
        "id": person_id,
        "names": full,
        "birth_date": _birth_date(rng),
        "nationalities": [names.country],
        "sex": sex,
        "_parts": parts,
        "_locale": names.locale,
    }


class Generator:
    """Deterministic stream of synthetic persons across all locales."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.names = [load_names(locale, country) for locale, country, _ in LOCALES]
        self.weights = [weight for _, _, weight in LOCALES]

    def person(self, person_id: str) -> dict[str, Any]:
        names = self.rng.choices(self.names, self.weights)[0]
        return make_person(self.rng, names, person_id)


def gallery(size: int, seed: int = 1) -> list[dict[str, Any]]:
    """`size` persons, cached under out/ (deterministic: a smaller gallery is a prefix)."""
    path = OUT / f"gallery-v{VERSION}-seed{seed}-{size}.jsonl"
    if not path.exists():
        generator = Generator(seed)
        OUT.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8") as out:
            for number in range(size):
                out.write(json.dumps(generator.person(f"G{number:07d}"), ensure_ascii=False) + "\n")
    with path.open(encoding="utf-8") as stream:
        return [json.loads(line) for line in stream]
