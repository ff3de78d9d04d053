"""The published catalogue of excluded offences (``data/excluded_offences.yaml``, RPD Art. 83(1)(a))
and the text folding it is matched with: which offences of a request fall in an excluded category,
and whether an exception of the catalogue applies.

Pure code: no database, no clock. ``criteria`` turns the matches into intake rules.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from typing import Any

import yaml

from article3.notices.document import RequestDocument

EXCLUDED_CATEGORIES = (
    "behavioural_cultural_norms",
    "family_private_matters",
    "administrative_offences",
    "private_disputes",
    "political",
    "military",
    "religious",
    "racial",
)
_ARABIC = str.maketrans({"ة": "ه", "ى": "ي", "ـ": None})
_CLITICS = "(?:[وفبلك]?ال|[وفبلك])?"
_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)*")
_AMOUNT = r"(\d{1,3}(?:[ ,.\u00a0\u202f]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d+)?)"
_MULTIPLIER = r"(?:\s*(million|millions|millones|mln|млн|миллион\w*|مليون|milyon|bin|тыс\w*))?"
_CURRENCIES = {
    "USD": r"usd|us\$|(?<!\w)\$|dollars?|долл\w*|دولار|dolar|dólares",
    "EUR": r"eur|€|euros?|евро|يورو|avro",
    "GBP": r"gbp|£|pounds? sterling",
    "CHF": r"chf",
    "KWD": r"kwd",
    "BHD": r"bhd",
    "OMR": r"omr",
    "JOD": r"jod",
}


_SEPARATORS = re.compile(r"[\W_]+")


def normalize(text: str, *, strip: bool = True) -> str:
    """Fold case, accents, Turkish dotless i and Arabic letter variants; punctuation to spaces."""
    if text.isascii():  # nothing to decompose, strip or translate: casefold is the whole fold
        folded = text.casefold()
    else:
        decomposed = unicodedata.normalize("NFKD", text.casefold())
        bare = "".join(c for c in decomposed if not unicodedata.combining(c))
        folded = unicodedata.normalize("NFKC", bare).casefold().replace("ı", "i").translate(_ARABIC)
    spaced = _SEPARATORS.sub(" ", folded)
    return spaced.strip() if strip else spaced


def _compile(pattern: str, *, arabic: bool) -> re.Pattern[str]:
    body = r"\w*".join(re.escape(normalize(p, strip=False)) for p in pattern.split("*"))
    end = "" if pattern.endswith("*") else r"(?!\w)"
    return re.compile(r"(?<!\w)" + (_CLITICS if arabic else "") + body.strip("\\ ") + end)


# A compiled pattern with the text it cannot match without: its first stem, folded (a substring
# test is much cheaper than the search, and most texts contain none of a list's stems).
Pattern = tuple[str, re.Pattern[str]]


def _required(pattern: str) -> str:
    return normalize(pattern.split("*", 1)[0], strip=False).strip()


def _patterns(by_language: Mapping[str, list[str]]) -> tuple[Pattern, ...]:
    return tuple(
        (_required(p), _compile(p, arabic=language == "ar"))
        for language, ps in by_language.items()
        for p in ps
    )


@dataclass(frozen=True)
class Threshold:
    """A value threshold: excluded below ``amount`` unless the ``unless`` marker matches."""

    amount: float
    unless: str | None
    at_par_currencies: frozenset[str]


@dataclass(frozen=True)
class Entry:
    """One excluded offence of the catalogue."""

    id: str
    category: str
    patterns: tuple[Pattern, ...]
    exceptions: tuple[str, ...]
    articles: Mapping[str, frozenset[str]]
    threshold: Threshold | None


@dataclass(frozen=True)
class Catalogue:
    """The loaded catalogue: version, sources, category codes, entries and exception markers."""

    version: str
    sources: tuple[str, ...]
    codes: Mapping[str, str]
    entries: tuple[Entry, ...]
    markers: Mapping[str, tuple[Pattern, ...]]


def _entry(category: str, raw: Mapping[str, Any]) -> Entry:
    threshold = raw.get("threshold")
    return Entry(
        id=raw["id"],
        category=category,
        patterns=_patterns(raw["patterns"]),
        exceptions=tuple(raw.get("exceptions", ())),
        articles={c: frozenset(a) for c, a in raw.get("articles", {}).items()},
        threshold=None
        if threshold is None
        else Threshold(
            amount=float(threshold["amount"]),
            unless=threshold.get("unless"),
            at_par_currencies=frozenset(threshold["at_par_currencies"]),
        ),
    )


# libyaml's safe loader when PyYAML was built with it: the same data, several times faster to read.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def load_catalogue() -> Catalogue:
    """Load and compile ``data/excluded_offences.yaml`` (once)."""
    text = files("article3.notices").joinpath("data/excluded_offences.yaml").read_text("utf-8")
    raw = yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader
    if tuple(raw["categories"]) != EXCLUDED_CATEGORIES:
        raise ValueError("excluded_offences.yaml: unexpected categories")
    return Catalogue(
        version=str(raw["version"]),
        sources=tuple(raw["sources"]),
        codes={key: value["code"] for key, value in raw["categories"].items()},
        entries=tuple(
            _entry(key, entry) for key, value in raw["categories"].items() for entry in value["entries"]
        ),
        markers={key: _patterns(value["patterns"]) for key, value in raw["markers"].items()},
    )


def _parse_amount(number: str, multiplier: str) -> float:
    digits = re.sub(r"[ \u00a0\u202f]", "", number)
    last = max(digits.rfind(","), digits.rfind("."))
    if last >= 0 and len(digits) - last - 1 in (1, 2):
        digits = re.sub(r"[,.]", "", digits[:last]) + "." + digits[last + 1 :]
    else:
        digits = re.sub(r"[,.]", "", digits)
    thousands = multiplier == "bin" or multiplier.startswith("тыс")
    scale = 1.0 if not multiplier else 1e3 if thousands else 1e6
    return float(digits) * scale


_MONEY = tuple(
    (code, re.compile(regex))
    for code, currency in _CURRENCIES.items()
    for regex in (
        rf"(?:{currency})\s*{_AMOUNT}{_MULTIPLIER}",
        rf"{_AMOUNT}{_MULTIPLIER}\s*(?:{currency})(?!\w)",
    )
)


def amounts(text: str) -> list[tuple[str, float]]:
    """Money amounts written with a known currency in ``text``, as (ISO code, value)."""
    folded = text.casefold()
    found: list[tuple[str, float]] = []
    for code, regex in _MONEY:
        found += [(code, _parse_amount(n, m)) for n, m in regex.findall(folded)]
    return found


@dataclass(frozen=True)
class ExcludedMatch:
    """An offence found in an excluded category; ``excepted`` when an exception applies."""

    offence_index: int
    category: str
    entry_id: str | None
    via: str
    excepted: bool


_OffenceKey = tuple[str, str, str | None]  # an offence's provision, description and category


def _any(patterns: tuple[Pattern, ...], text: str) -> bool:
    return any(required in text and p.search(text) for required, p in patterns)


def _excepted(entry: Entry, context: str, raw: str, catalogue: Catalogue) -> bool:
    if any(_any(catalogue.markers[m], context) for m in entry.exceptions):
        return True
    limit = entry.threshold
    if limit is None:
        return False
    if limit.unless is not None and _any(catalogue.markers[limit.unless], context):
        return True
    return any(c in limit.at_par_currencies and v >= limit.amount for c, v in amounts(raw))


def _via(entry: Entry, text: str, numbers: frozenset[str], country: str, declared: str | None) -> str | None:
    if declared in (entry.id, entry.category):
        return "category"
    if _any(entry.patterns, text):
        return "text"
    if entry.articles.get(country, frozenset()) & numbers:
        return "article"
    return None


def _offence_matches(
    index: int, offence: _OffenceKey, facts: str, country: str, catalogue: Catalogue
) -> list[ExcludedMatch]:
    provision, description, category = offence
    declared = normalize(category).replace(" ", "_") if category else None
    raw = f"{provision} {description} {facts}"
    context = normalize(raw)
    text = normalize(f"{provision} {description}")  # once per offence, not once per entry
    numbers = frozenset(_NUMBER.findall(provision))
    found = []
    for entry in catalogue.entries:
        via = _via(entry, text, numbers, country, declared)
        if via is not None:
            excepted = _excepted(entry, context, raw, catalogue)
            found.append(ExcludedMatch(index, entry.category, entry.id, via, excepted))
    codes = {c: code.rsplit(".", 1)[1] for c, code in catalogue.codes.items()}
    for category_name, suffix in codes.items():
        if declared in (category_name, suffix) and all(m.category != category_name for m in found):
            found.append(ExcludedMatch(index, category_name, None, "category", excepted=False))
    return found


# What the matches depend on: the catalogue's version, each offence's (provision, description,
# category), the facts and the requesting country. The intake rules ask once per excluded category
# (eight times per request): the answer is kept for the last few documents.
@lru_cache(maxsize=64)
def _matches(
    version: str, offences: tuple[_OffenceKey, ...], facts: str, country: str
) -> tuple[ExcludedMatch, ...]:
    catalogue = load_catalogue()
    return tuple(
        match
        for index, offence in enumerate(offences)
        for match in _offence_matches(index, offence, facts, country, catalogue)
    )


def excluded_matches(document: RequestDocument) -> list[ExcludedMatch]:
    """Every (offence, catalogue entry) match, with the way it matched and whether excepted."""
    offences = tuple((o.provision, o.description, o.category) for o in document.offences)
    version = load_catalogue().version
    return list(_matches(version, offences, document.facts, document.requesting_country))
