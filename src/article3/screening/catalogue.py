"""Loading the screening's data files (package data, read with importlib.resources).

- `data/dissent_laws.yaml`: provisions documented in use against dissent, per country, with
  sources (built from shared/domain/dissent-laws.md).
- `data/facts_indicators.yaml`: multilingual indicator terms by theme, occupation families and
  the "pure" Art. 3 offence terms.

Both are versioned; the versions are reported in every assessment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import Any

import yaml

from article3.screening.inputs import Offence
from article3.screening.text import TermMatcher, fold, matcher_from_languages

ECONOMIC_KINDS = frozenset({"econ", "ordinary"})
# Alpha-3 (and special) codes the catalogue understands, mapped to its alpha-2 keys.
COUNTRY_ALIASES = {
    "RUS": "RU", "BLR": "BY", "TJK": "TJ", "TKM": "TM", "UZB": "UZ", "KAZ": "KZ", "AZE": "AZ",
    "TUR": "TR", "CHN": "CN", "HK": "CN", "HKG": "CN", "IRN": "IR", "EGY": "EG", "SAU": "SA",
    "ARE": "AE", "BHR": "BH", "VEN": "VE", "NIC": "NI", "CUB": "CU", "RWA": "RW", "ETH": "ET",
    "PAK": "PK", "IND": "IN", "LKA": "LK", "MMR": "MM", "KHM": "KH", "VNM": "VN", "DZA": "DZ",
    "MAR": "MA", "ERI": "ER",
}  # fmt: skip
_ARTICLE = re.compile(r"\d+(?:[.\-]\d+)*(?:\s*/\s*\d+)?(?:\s*[/\-]?\s*[a-z](?![a-z]))?(?:\s*bis)?")


@dataclass(frozen=True, slots=True)
class LawEntry:
    """One catalogue row: a provision of one law of one country."""

    id: str
    country: str
    law: str
    articles: frozenset[str]
    title_en: str
    title_orig: str | None
    kinds: frozenset[str]
    pure: str | None
    status: str
    confidence: str
    sources: tuple[str, ...]
    keywords: TermMatcher

    @property
    def economic(self) -> bool:
        """Economic or ordinary-crime row: counts only with a second political signal."""
        return self.kinds <= ECONOMIC_KINDS


@dataclass(frozen=True, slots=True)
class CountryLaws:
    """A country's laws (with the aliases that name them) and its catalogue rows."""

    laws: dict[str, TermMatcher]
    entries: tuple[LawEntry, ...]


@dataclass(frozen=True, slots=True)
class CatalogueHit:
    """A catalogue row matched by an offence, and how."""

    entry: LawEntry
    offence_index: int
    how: str
    matched: str


@dataclass(frozen=True, slots=True)
class DissentCatalogue:
    """The versioned catalogue of laws used against dissent."""

    version: str
    countries: dict[str, CountryLaws]

    def hits(self, country: str, offences: tuple[Offence, ...]) -> list[CatalogueHit]:
        """Rows of `country` matched by the offences' provisions or titles."""
        laws = self.countries.get(country_key(country))
        if laws is None:
            return []
        found: list[CatalogueHit] = []
        for i, offence in enumerate(offences):
            found.extend(_offence_hits(laws, i, offence))
        return found


@dataclass(frozen=True, slots=True)
class PureOffenceTerms:
    """How to recognise one kind of pure Art. 3 offence."""

    kind: str
    label: str
    categories: frozenset[str]
    terms: TermMatcher


@dataclass(frozen=True, slots=True)
class TermGroup:
    """A named group of terms used by the section P checks (evidence, designation, ...).

    `categories` are intake category values that count as a hit when the group is matched
    against an offence.
    """

    name: str
    label: str
    terms: TermMatcher
    categories: frozenset[str] = frozenset()

    def offence_hit(self, offence: Offence) -> str | None:
        """The category or words by which `offence` belongs to this group, if it does."""
        category = offence.category.strip().lower()
        if category in self.categories:
            return category
        hits = self.terms.find(f"{offence.provision}\n{offence.description}", limit=1)
        return hits[0].matched if hits else None


@dataclass(frozen=True, slots=True)
class Indicators:
    """Multilingual indicator terms (facts themes, occupations, pure offences, term groups)."""

    version: str
    themes: dict[str, TermMatcher]
    theme_labels: dict[str, str]
    occupations: dict[str, TermMatcher]
    pure_offences: tuple[PureOffenceTerms, ...]
    groups: dict[str, TermGroup] = field(default_factory=dict)

    def group(self, name: str) -> TermGroup:
        """A term group by name (an empty one if the data file has none of that name)."""
        found = self.groups.get(name)
        return found if found is not None else TermGroup(name, name, TermMatcher(()))


def country_key(country: str) -> str:
    """Catalogue key (alpha-2) for a country code."""
    code = country.strip().upper()
    return COUNTRY_ALIASES.get(code, code)


def normalise_article(raw: str) -> str:
    """'124-A' -> '124a', '87 bis' -> '87bis', '7/2' -> '7', '205.2' -> '205.2'."""
    text = re.sub(r"\s+", "", fold(raw))
    text = re.sub(r"^(\d+(?:[.\-]\d+)*)[/\-]?([a-z])$", r"\1\2", text)
    text = re.sub(r"^(\d+(?:[.\-]\d+)*)/\d+$", r"\1", text)
    return text


def article_tokens(provision: str) -> set[str]:
    """Article numbers cited in a provision string, normalised."""
    return {normalise_article(m.group(0)) for m in _ARTICLE.finditer(fold(provision))}


def _offence_hits(laws: CountryLaws, index: int, offence: Offence) -> list[CatalogueHit]:
    named = {law for law, aliases in laws.laws.items() if aliases.matches(offence.provision)}
    in_scope = named or {next(iter(laws.laws))}
    tokens = article_tokens(offence.provision)
    title_text = f"{offence.provision}\n{offence.description}"
    out: list[CatalogueHit] = []
    for entry in laws.entries:
        common = entry.articles & tokens if entry.law in in_scope else set()
        if common:
            out.append(CatalogueHit(entry, index, "article", sorted(common)[0]))
            continue
        kw = entry.keywords.find(title_text, limit=1)
        if kw:
            out.append(CatalogueHit(entry, index, "title", kw[0].matched))
    return out


# libyaml's safe loader when PyYAML was built with it: the same data, five times faster to read
# (a fifth of a second for dissent_laws.yaml, in every process that screens).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _data(name: str) -> Any:
    resource = files("article3.screening").joinpath("data", name)
    return yaml.load(resource.read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506 - a safe loader


def _entry(country: str, raw: dict[str, Any]) -> LawEntry:
    keywords = [*raw.get("keywords_en", []), *raw.get("keywords_orig", [])]
    return LawEntry(
        id=raw["id"],
        country=country,
        law=raw["law"],
        articles=frozenset(normalise_article(str(a)) for a in raw.get("articles", [])),
        title_en=raw["title_en"],
        title_orig=raw.get("title_orig"),
        kinds=frozenset(raw.get("kinds", [])),
        pure=raw.get("pure"),
        status=raw.get("status", "in_force"),
        confidence=raw.get("confidence", "confirmed"),
        sources=tuple(raw.get("sources", [])),
        keywords=TermMatcher.from_terms(keywords),
    )


@cache
def dissent_catalogue() -> DissentCatalogue:
    """The packaged dissent-law catalogue (loaded once)."""
    raw = _data("dissent_laws.yaml")
    countries: dict[str, CountryLaws] = {}
    for code, body in raw["countries"].items():
        laws = {name: TermMatcher.from_terms(law["aliases"]) for name, law in body["laws"].items()}
        entries = tuple(_entry(code, e) for e in body["entries"])
        countries[code] = CountryLaws(laws=laws, entries=entries)
    return DissentCatalogue(version=str(raw["version"]), countries=countries)


@cache
def indicators() -> Indicators:
    """The packaged multilingual indicator terms (loaded once)."""
    raw = _data("facts_indicators.yaml")
    bounds = {lang: cfg["boundary"] == "word" for lang, cfg in raw["languages"].items()}
    themes = {k: matcher_from_languages(v["terms"], bounds) for k, v in raw["themes"].items()}
    occupations = {k: matcher_from_languages(v["terms"], bounds) for k, v in raw["occupations"].items()}
    pure = tuple(
        PureOffenceTerms(
            kind=kind,
            label=v["label"],
            categories=frozenset(v.get("categories", [])),
            terms=matcher_from_languages(v["terms"], bounds, v.get("exclude")),
        )
        for kind, v in raw["pure_offences"].items()
    )
    groups = {
        name: TermGroup(
            name=name,
            label=v["label"],
            terms=matcher_from_languages(v["terms"], bounds, v.get("exclude")),
            categories=frozenset(v.get("categories", [])),
        )
        for name, v in raw.get("groups", {}).items()
    }
    return Indicators(
        version=str(raw["version"]),
        groups=groups,
        themes=themes,
        theme_labels={k: v["label"] for k, v in raw["themes"].items()},
        occupations=occupations,
        pure_offences=pure,
    )
