"""How a bureau writes a summary of facts: one composer for genuine and abusive drafts alike.

A draft is an act (``Act``: what the person is said to have done, from ``sim/facts.py`` or
``sim/abuse.py``) put into sentences drawn from pools shared by every request with the same
probabilities: how the subject is referred to (pronouns by sex), the opening frame, the date
phrase, procedural sentences (case opened, measure of restraint, in absentia, court, wanted),
how evidence is described, the order of the sentences. What differs between a genuine and an
abusive draft is only what the caller passes in: the act itself, the context sentences of a
documented shape (dissent-laws.md §P: a dispute, assets seized, a state-owned victim, ...), and
whether evidence is named (§P8). ``Draft.evidence=False`` gives a summary without evidence;
``thin=True`` the short, boilerplate form (the act as a noun phrase and procedure only).

Placeholders filled at the end: {when} {later} {place} {victim} {days} {amount} {small} {kg}
{g} {n} {w} {case} {enterprise} {who}/{Who}, {he}/{He}/{his}/{His}/{him} (by sex).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from string import Formatter


@dataclass(frozen=True, slots=True)
class Act:
    """What the person did, as a predicate after the subject ("stabbed {victim} ..."), whether it
    took place once or over a period, the kinds of evidence that fit it, and its short form for
    thin drafts ("the murder of {victim}")."""

    text: str
    short: str
    evidence: tuple[str, ...] = ("witnesses",)
    period: bool = False


def act(text: str, short: str, evidence: str = "witnesses", *, period: bool = False) -> Act:
    return Act(text, short, tuple(evidence.split()), period)


@dataclass(frozen=True, slots=True)
class Draft:
    """What the caller decides; everything else is drawn by ``compose`` from the shared pools."""

    act: Act
    evidence: bool = True
    thin: bool = False
    context: Sequence[str] = field(default=())  # sentences of a documented shape (§P), or ()


WHO = ("the subject", "the wanted person", "the accused", "the suspect")
PLACES = ("the capital", "the port city", "the northern region", "the regional centre", "the border district",
          "the industrial city", "the southern province", "a suburb of the capital")  # fmt: skip
VICTIMS = ("a shop owner", "his business partner", "a pensioner", "a taxi driver", "a neighbour", "a student",
           "a farmer", "a tourist")  # fmt: skip
ENTERPRISES = ("railway company", "bank", "defence supplier", "energy company", "construction holding")
ONCE = ("in {when}", "in {when}", "in the course of {when}")
PERIOD = (
    "from {when} to {later}",
    "between {when} and {later}",
    "from {when}",
    "in the period from {when} to {later}",
)
OPENINGS = (
    "{Date}, in {place}, {who} {act}.",
    "{Who} {act} in {place} {date}.",
    "According to the investigation, {date} in {place} {who} {act}.",
    "The investigation established that {date} {who} {act} in {place}.",
)  # fmt: skip
THIN_OPENINGS = (
    "According to the investigation, {who} committed {act} in {place} {date}.",
    "{Date}, in {place}, {who} committed {act}. The investigation established {his} involvement.",
    "{Who} is charged with {act}, committed in {place} {date}, in accordance with the criminal "
    "legislation in force.",
)
PROCEDURE = (  # at most one sentence of each group, in this order
    ("Criminal case No. {case} was opened in {later}.",
     "The investigation department of {place} opened criminal case No. {case}."),
    ("A measure of restraint in the form of detention was ordered in absentia.",
     "The district court ordered {his} detention in absentia.",
     "The investigating judge issued a warrant for {his} arrest."),
    ("{He} was charged in absentia and placed on the wanted list.",
     "{He} left the country and is wanted.",
     "{His} whereabouts are unknown; {he} no longer lives at {his} registered address.",
     "The arrest warrant remains valid."),
)  # fmt: skip
PROCEDURE_COUNT = {"full": (0.45, 0.35, 0.2), "thin": (0.0, 0.5, 0.5)}  # P(0), P(1), P(2) sentences
PROCEDURE_FIRST = 0.25  # the first procedural sentence opens the summary
CONTEXT_FIRST = 0.3  # a context sentence comes before the act
# Evidence items by kind. Each kind is one sort of proof, worded the same in every draft that uses
# it; an act lists the kinds that fit it, its principal kind first (drawn first whenever evidence is
# named), so the words of a class's drafts follow from the acts it brings, not from the composer.
EVIDENCE: dict[str, tuple[str, ...]] = {
    "witnesses": ("the statements of {w} witnesses", "the testimony of {w} witnesses"),
    "victim": ("the victim's statement", "an identification from photographs", "a medical report"),
    "co_accused": ("the testimony of a co-accused", "the statements of two co-accused"),
    "insider": ("the testimony of the company's former accountant",),
    "confession": ("a co-accused's confession",),
    "forensic": ("DNA traces", "a forensic medical report", "the conclusions of a forensic examination",
                 "ballistic tests"),
    "found": ("{his} fingerprints, found at the scene", "{his} DNA, found at the scene",
              "the items found in {his} home"),
    "seized": ("the seized consignment", "the cash seized at {his} arrest", "the servers and phones seized "
               "from {his} premises"),
    "search": ("the record of the search of {his} home",),
    "cctv": ("CCTV footage",),
    "attesting": ("the record of the seizure, made in the presence of two attesting witnesses",
                  "the record of the handover of marked banknotes, made before two attesting witnesses"),
    "accounts": ("the conclusions of a forensic accounting audit of the bank records",),
    "audit": ("the conclusions of the tax authority's audit", "the report of the company's auditors"),
    "bank": ("bank records",),
    "documents": ("the company's accounting documents", "invoices and payment orders",
                  "a handwriting expert's report"),
    "digital": ("intercepted calls", "phone location data", "messages on {his} phone", "server logs"),
    "speech": ("the conclusions of a linguistic expert examination", "screenshots of the posts",
               "records obtained from the platform"),
    "payments": ("the records of the bank", "the payment history of {his} card"),
}  # fmt: skip
EVIDENCE_COUNT = (0.35, 0.5, 0.15)  # P(1), P(2), P(3) items
EVIDENCE_FRAMES = (
    "The charge rests on {items}.",
    "The case file contains {items}.",
    "The charge is supported by {items}.",
    "{Items} tie {him} to the offence.",
)

_RANDOM: dict[str, Callable[[random.Random], object]] = {
    "place": lambda r: r.choice(PLACES),
    "victim": lambda r: r.choice(VICTIMS),
    "enterprise": lambda r: r.choice(ENTERPRISES),
    "days": lambda r: r.randint(2, 30),
    "amount": lambda r: f"EUR {r.randint(2, 900) * 10_000:,}",
    "small": lambda r: f"EUR {r.randint(2, 90) * 100:,}",
    "kg": lambda r: r.randint(20, 900),
    "g": lambda r: r.randint(2, 60),
    "n": lambda r: r.randint(3, 400),
    "w": lambda r: r.randint(2, 12),
    "case": lambda r: f"{r.randint(1, 9)}{r.randint(10_000, 99_999)}",
}


def dates(rng: random.Random, day: date) -> tuple[date, date]:
    """When the acts began and a later date (the case's), before a request made on ``day``."""
    return day - timedelta(days=rng.randint(60, 700)), day - timedelta(days=rng.randint(5, 50))


def _count(rng: random.Random, weights: tuple[float, ...]) -> int:
    return rng.choices(range(len(weights)), weights)[0]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _evidence(rng: random.Random, kinds: tuple[str, ...]) -> str:
    """1–3 items (EVIDENCE_COUNT): the first of the act's principal kind, the others from all its kinds."""
    first = rng.choice(EVIDENCE[kinds[0]])
    pool = sorted({item for kind in kinds for item in EVIDENCE[kind]} - {first})
    items = [first, *rng.sample(pool, min(len(pool), _count(rng, EVIDENCE_COUNT)))]
    joined = items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
    frame = rng.choice(EVIDENCE_FRAMES if len(items) > 1 else EVIDENCE_FRAMES[:3])
    return frame.replace("{items}", joined).replace("{Items}", _cap(joined))


_LEADS = ("as ", "acting ", "posing ")  # a predicate that opens with a role takes a comma after the subject


def _opening(rng: random.Random, draft: Draft) -> str:
    frame = rng.choice(THIN_OPENINGS if draft.thin else OPENINGS)
    date_phrase = rng.choice(PERIOD if draft.act.period else ONCE)
    text, _, tail = (draft.act.short if draft.thin else draft.act.text).partition("; ")
    if "{place}" in text:  # the act names its own place
        frame = frame.replace(", in {place},", ",").replace(" in {place}", "")
    if text.startswith(_LEADS):
        frame = frame.replace("{who} {act}", "{who}, {act}").replace("{Who} {act}", "{Who}, {act}")
    sentence = (
        frame.replace("{Date}", _cap(date_phrase)).replace("{date}", date_phrase).replace("{act}", text)
    )
    if not tail:
        return sentence
    if sentence.count(".") == 1:  # one sentence: the rest of the act follows a semicolon
        return f"{sentence[:-1]}; {tail}."
    return f"{sentence} {_cap(tail)}."


def compose(rng: random.Random, draft: Draft, when: date, later: date, sex: str) -> str:
    """The summary of facts for ``draft``: opening, context, evidence and procedure sentences in
    the shared order, then filled (module docstring)."""
    body = [_opening(rng, draft)]
    for sentence in draft.context:
        if rng.random() < CONTEXT_FIRST:
            body.insert(0, sentence)
        else:
            body.append(sentence)
    if draft.evidence and not draft.thin:
        body.append(_evidence(rng, draft.act.evidence))
    groups = sorted(
        rng.sample(range(len(PROCEDURE)), _count(rng, PROCEDURE_COUNT["thin" if draft.thin else "full"]))
    )
    steps = [rng.choice(PROCEDURE[g]) for g in groups]
    if steps and rng.random() < PROCEDURE_FIRST:
        body.insert(0, steps.pop(0))
    body.extend(steps)
    return fill(" ".join(body), rng, when, later, sex)


@cache
def _fields(template: str) -> tuple[str, ...]:
    return tuple(sorted({name for _, name, _, _ in Formatter().parse(template) if name}))


def fill(template: str, rng: random.Random, when: date, later: date, sex: str = "M") -> str:
    """A template with its placeholders filled (module docstring); draws only what it uses."""
    values: dict[str, object] = {k: _RANDOM[k](rng) for k in _fields(template) if k in _RANDOM}
    who = rng.choice(WHO)
    he, his, him = ("she", "her", "her") if sex == "F" else ("he", "his", "him")
    values.update(
        when=when.strftime("%B %Y"), later=later.strftime("%B %Y"), who=who, Who=_cap(who),
        he=he, He=he.capitalize(), his=his, His=his.capitalize(), him=him,
    )  # fmt: skip
    return template.format(**values)
