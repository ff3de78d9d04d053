"""Minimum criteria a well-formed request must meet before review (RPD Arts 83-84, design §8.A).

Pure code: no database, no clock ("today" is a parameter). Each rule is a named function of the
document returning a ``CriterionFailure`` or ``None``; ``evaluate`` runs them all and returns every
failure. Reason codes are stable, lowercase and dotted (``criteria.<reason>``). The excluded-offence
rules read the published catalogue ``data/excluded_offences.yaml``.

Penalty threshold (§1.3): to prosecute, the maximum penalty must be at least 2 years; to enforce a
sentence, at least 6 months must remain to be served. The document guarantees the remainder never
exceeds the sentence, so "remaining >= 6 months" also implies "sentence >= 6 months", which is
how INTERPOL's "sentenced to at least 6 months and/or at least 6 months remaining" is read here.
The "particular importance" exception is a reviewer's recorded decision, not an intake rule.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache, partial
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


RULESET = "intake-criteria"
RULESET_VERSION = "2026.1"

MIN_MAX_YEARS = 2.0
MIN_REMAINING_MONTHS = 6.0
FACTS_MIN_CHARS = 60
FACTS_MIN_CONTENT_CHARS = 40

_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_VAGUE = tuple(
    normalize(phrase)
    for phrase in (
        "at an unknown time", "at an unspecified time", "at an unestablished time",
        "in an unknown place", "at an unknown place", "in an unspecified place",
        "under unknown circumstances", "by unknown means", "in an unestablished manner",
        "à une date indéterminée", "en un lieu indéterminé", "dans des circonstances indéterminées",
        "en fecha no determinada", "en lugar no determinado", "en circunstancias no determinadas",
        "в неустановленное время", "в неустановленном месте", "при неустановленных обстоятельствах",
        "неустановленным способом", "в неустановленный период", "неустановленное следствием",
        "في وقت غير محدد", "في مكان غير معروف", "في ظروف غير معروفة",
        "belirlenemeyen bir tarihte", "belirlenemeyen bir yerde", "bilinmeyen bir zamanda",
    )
)  # fmt: skip
_FILLER = frozenset(
    normalize(
        "the a an of in on at to by and or with for from as is was were be been has had that this"
        " he she they his her their person subject accused suspect defendant committed commit"
        " crime crimes offence offences offense criminal code article art law laws under provided"
        " wanted according accordance violation charged charges act acts guilty federation"
        " le la les de des du et en un une au aux il elle a été par pour dans sur infraction"
        " el los las del y por para con que su delito código artículo"
        " и в на по с о что он она его ее преступление статья статьи кодекса ук рф совершил"
        " و في من على الى عن ان جريمة المادة قانون"
        " ve bir bu ile için olarak suç suçu madde kanunu tck"
    ).split()
)


@dataclass(frozen=True)
class CriterionFailure:
    """One unmet criterion: stable ``code``, the ``rule`` name, a message, the field path."""

    code: str
    rule: str
    message: str
    field: str | None


Check = Callable[..., "CriterionFailure | None"]


@dataclass(frozen=True)
class Rule:
    """A named intake rule; ``check(document, today=...)`` returns a failure or None."""

    name: str
    check: Check


def _fail(rule: str, code: str, message: str, field: str | None) -> CriterionFailure:
    return CriterionFailure(code=f"criteria.{code}", rule=rule, message=message, field=field)


def warrant_present(document: RequestDocument, *, today: date) -> CriterionFailure | None:
    """An arrest request rests on a warrant or judgment with authority, date and reference."""
    if document.purpose != "arrest":
        return None
    warrant = document.warrant
    if warrant is None:
        return _fail("warrant_present", "warrant_missing", "no warrant or judgment", "warrant")
    for name in ("authority", "reference"):
        if not getattr(warrant, name).strip():
            message = f"warrant {name} is empty"
            return _fail("warrant_present", "warrant_incomplete", message, f"warrant.{name}")
    return None


def warrant_not_in_future(document: RequestDocument, *, today: date) -> CriterionFailure | None:
    """A warrant cannot be issued after today."""
    if document.warrant is None or document.warrant.issued_on <= today:
        return None
    return _fail(
        "warrant_not_in_future",
        "warrant_issued_in_future",
        f"warrant issued on {document.warrant.issued_on}, after {today}",
        "warrant.issued_on",
    )


def warrant_after_offences(document: RequestDocument, *, today: date) -> CriterionFailure | None:
    """A warrant or judgment cannot predate the first offence it is about."""
    dates = [o.committed_on for o in document.offences if o.committed_on is not None]
    if document.warrant is None or not dates or document.warrant.issued_on >= min(dates):
        return None
    return _fail(
        "warrant_after_offences",
        "warrant_before_offence",
        f"warrant issued on {document.warrant.issued_on}, before the offence of {min(dates)}",
        "warrant.issued_on",
    )


def offences_not_in_future(document: RequestDocument, *, today: date) -> CriterionFailure | None:
    """An offence cannot have been committed after today."""
    for index, offence in enumerate(document.offences):
        if offence.committed_on is not None and offence.committed_on > today:
            return _fail(
                "offences_not_in_future",
                "offence_in_future",
                f"offence dated {offence.committed_on}, after {today}",
                f"offences.{index}.committed_on",
            )
    return None


def facts_long_enough(document: RequestDocument, *, today: date) -> CriterionFailure | None:
    """The summary of facts must be more than a line."""
    if len(document.facts.strip()) >= FACTS_MIN_CHARS:
        return None
    return _fail(
        "facts_long_enough",
        "facts_too_short",
        f"the summary of facts must be at least {FACTS_MIN_CHARS} characters",
        "facts",
    )


def content_chars(document: RequestDocument) -> int:
    """Characters of distinct words in the facts that say more than the charges and formulas."""
    text = normalize(document.facts)
    for phrase in _VAGUE:
        text = text.replace(phrase, " ")
    charged = " ".join(f"{o.provision} {o.description}" for o in document.offences)
    known = _FILLER | set(normalize(charged).split())
    return sum(len(word) for word in set(text.split()) - known)


def facts_not_boilerplate(document: RequestDocument, *, today: date) -> CriterionFailure | None:
    """The facts must describe concrete acts, not restate the charge in stock phrases."""
    if content_chars(document) >= FACTS_MIN_CONTENT_CHARS:
        return None
    return _fail(
        "facts_not_boilerplate",
        "facts_boilerplate",
        "the facts only restate the charges or use stock formulas; describe the acts and role",
        "facts",
    )


def facts_time_and_place(document: RequestDocument, *, today: date) -> CriterionFailure | None:
    """Time and place: a year in the facts, or a date and place on every offence."""
    if any(1900 <= int(year) <= today.year for year in _YEAR.findall(document.facts)):
        return None
    for index, offence in enumerate(document.offences):
        if offence.committed_on is None or offence.place is None:
            missing = "committed_on" if offence.committed_on is None else "place"
            return _fail(
                "facts_time_and_place",
                "facts_time_place_missing",
                "the facts give no date, and an offence lacks its date or place",
                f"offences.{index}.{missing}",
            )
    return None


def penalty_threshold(document: RequestDocument, *, today: date) -> CriterionFailure | None:
    """At least 2 years' maximum to prosecute, or at least 6 months remaining to enforce."""
    penalty = document.penalty
    if penalty is None:
        if document.purpose != "arrest":
            return None
        return _fail("penalty_threshold", "penalty_missing", "no penalty stated", "penalty")
    if penalty.max_years is not None and penalty.max_years < MIN_MAX_YEARS:
        message = f"maximum penalty {penalty.max_years:g} years, below {MIN_MAX_YEARS:g}"
        return _fail("penalty_threshold", "penalty_below_threshold", message, "penalty.max_years")
    remaining = penalty.remaining_months
    if remaining is not None and remaining < MIN_REMAINING_MONTHS:
        message = f"{remaining:g} months left to serve, below {MIN_REMAINING_MONTHS:g}"
        field = "penalty.remaining_months"
        return _fail("penalty_threshold", "penalty_below_threshold", message, field)
    return None


def extradition_assured(document: RequestDocument, *, today: date) -> CriterionFailure | None:
    """An arrest request carries the assurance that extradition will be sought."""
    if document.purpose != "arrest" or document.extradition_will_be_sought is True:
        return None
    return _fail(
        "extradition_assured",
        "extradition_not_assured",
        "an arrest request must assure that extradition will be sought",
        "extradition_will_be_sought",
    )


def not_time_barred(document: RequestDocument, *, today: date) -> CriterionFailure | None:
    """Prosecution or enforcement must not already be time-barred."""
    expires = document.limitation_expires_on
    if expires is None or expires > today:
        return None
    return _fail(
        "not_time_barred",
        "time_barred",
        f"time-barred since {expires}",
        "limitation_expires_on",
    )


def excluded_category(category: str, document: RequestDocument, *, today: date) -> CriterionFailure | None:
    """No offence may fall in an excluded category of the catalogue (exceptions applied)."""
    found = [m for m in excluded_matches(document) if m.category == category and not m.excepted]
    if not found:
        return None
    code = load_catalogue().codes[category]
    listed = ", ".join(f"offence {m.offence_index}: {m.entry_id or category}" for m in found)
    return CriterionFailure(
        code=code,
        rule=f"excluded_offence.{category}",
        message=f"excluded offence ({category}): {listed}",
        field=f"offences.{found[0].offence_index}",
    )


def excluded_categories(document: RequestDocument) -> list[str]:
    """The excluded categories the document's offences fall in, in catalogue order."""
    found = {m.category for m in excluded_matches(document) if not m.excepted}
    return [category for category in EXCLUDED_CATEGORIES if category in found]


RULES: tuple[Rule, ...] = (
    Rule("warrant_present", warrant_present),
    Rule("warrant_not_in_future", warrant_not_in_future),
    Rule("warrant_after_offences", warrant_after_offences),
    Rule("offences_not_in_future", offences_not_in_future),
    Rule("facts_long_enough", facts_long_enough),
    Rule("facts_not_boilerplate", facts_not_boilerplate),
    Rule("facts_time_and_place", facts_time_and_place),
    Rule("penalty_threshold", penalty_threshold),
    Rule("extradition_assured", extradition_assured),
    Rule("not_time_barred", not_time_barred),
    *(Rule(f"excluded_offence.{c}", partial(excluded_category, c)) for c in EXCLUDED_CATEGORIES),
)


def evaluate(document: RequestDocument, *, today: date) -> list[CriterionFailure]:
    """Run every rule and return every failure, in rule order; empty when all criteria are met."""
    return [f for rule in RULES if (f := rule.check(document, today=today)) is not None]


__all__ = [
    "EXCLUDED_CATEGORIES",
    "RULES",
    "RULESET",
    "RULESET_VERSION",
    "Catalogue",
    "CriterionFailure",
    "ExcludedMatch",
    "Rule",
    "evaluate",
    "excluded_categories",
    "excluded_matches",
    "load_catalogue",
    "normalize",
]
