"""Minimum criteria a well-formed request must meet before review (RPD Arts 83-84, design §8.A).

Pure code: no database, no clock ("today" is a parameter). Each rule is a named function of the
document returning a ``CriterionFailure`` or ``None``; ``evaluate`` runs them all and returns every
failure. Reason codes are stable, lowercase and dotted (``criteria.<reason>``). The excluded-offence
rules read the published catalogue ``data/excluded_offences.yaml`` through ``excluded.py``.

Penalty threshold (§1.3): to prosecute, the maximum penalty must be at least 2 years; to enforce a
sentence, at least 6 months must remain to be served. The document guarantees the remainder never
exceeds the sentence, so "remaining >= 6 months" also implies "sentence >= 6 months", which is
how INTERPOL's "sentenced to at least 6 months and/or at least 6 months remaining" is read here.
The "particular importance" exception is a reviewer's recorded decision, not an intake rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial

from article3.notices.document import RequestDocument
from article3.notices.excluded import EXCLUDED_CATEGORIES, excluded_matches, load_catalogue, normalize

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
    "RULES",
    "RULESET",
    "RULESET_VERSION",
    "CriterionFailure",
    "Rule",
    "evaluate",
    "excluded_categories",
]
