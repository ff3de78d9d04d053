"""Checks on the substance of the summary of facts (dissent-laws.md P8) and on everyday charges
pinned on critics (P3).

RPD Art. 83(2)(b)(i) asks for a summary that states the person's acts, with time and place; the
commission reads it as requiring concrete facts and deletes boilerplate, and it treated "general
and boilerplate" information with an "insufficiently substantiated" offence as a sign that a
diffusion was predominantly political (Pestrikov; interpol-rules.md 1.4 and 2.2). A thin summary
alone only sends the request to a reviewer; it is also the "second signal" that economic charges
need (dissent-laws.md U).
"""

from __future__ import annotations

import re

from article3.screening.catalogue import TermGroup
from article3.screening.context import Context
from article3.screening.findings import Evidence, EvidenceKind, Finding, finding
from article3.screening.inputs import ScreeningInput
from article3.screening.reasons import ReasonCode
from article3.screening.text import TextHit, fold

# Findings that say who the person is (predominance factor 2): what P3 needs beside the charge.
STATUS_CODES = frozenset(
    {
        ReasonCode.STATUS_JOURNALIST,
        ReasonCode.STATUS_HUMAN_RIGHTS_DEFENDER,
        ReasonCode.STATUS_POLITICIAN,
        ReasonCode.STATUS_OPPOSITION_FIGURE,
        ReasonCode.STATUS_DECLARED_OCCUPATION,
    }
)
_YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d{2}(?!\d)")
_DATE = re.compile(r"(?<!\d)\d{1,2}[./-]\d{1,2}[./-]\d{2,4}(?!\d)")
# A capitalised name after a preposition of place (Latin and Cyrillic scripts), or a Turkish
# proper noun with a locative suffix ("İzmir'de").
_PLACE = re.compile(
    r"\b(?:in|at|near|à|dans|en|cerca|в|во|на|под)\s+[A-ZÀ-ÖØ-ÞА-ЯЁ]\w+"
    r"|[A-ZÇĞİÖŞÜ]\w+'(?:d[ae]|t[ae]|nd[ae])\b"
)


def _quote(hits: list[TextHit]) -> str:
    return "; ".join(f"'{h.matched}'" for h in hits)


def _facts_refs(hits: list[TextHit]) -> list[Evidence]:
    return [Evidence(EvidenceKind.FACTS, f"facts[{h.start}:{h.end}]", h.snippet) for h in hits]


def _whole_facts(facts: str) -> Evidence:
    shown = facts if len(facts) <= 160 else facts[:157] + "…"
    return Evidence(EvidenceKind.FACTS, f"facts[0:{len(facts)}]", shown)


def evidence_hits(facts: str, ctx: Context) -> tuple[list[TextHit], list[TextHit]]:
    """(independent evidence named, police finds or confessions named) in the facts."""
    groups = ctx.indicators
    return (
        groups.group("evidence").terms.find(facts, limit=3),
        groups.group("find_or_confession").terms.find(facts, limit=3),
    )


def states_time(inp: ScreeningInput, ctx: Context) -> bool:
    """True when the summary gives a year, a date or a month, or every offence has its date
    (the intake criterion `facts_time_and_place` reads the request the same way)."""
    facts = inp.request.facts
    offences = inp.request.offences
    if offences and all(o.committed_on is not None for o in offences):
        return True
    if _YEAR.search(facts) or _DATE.search(facts):
        return True
    return ctx.indicators.group("months").terms.matches(facts)


def states_place(inp: ScreeningInput, ctx: Context) -> bool:
    """True when every offence has its place, or the summary names the offence's place, a
    named place, or a place word."""
    facts = inp.request.facts
    if inp.request.offences and all(o.place.strip() for o in inp.request.offences):
        return True
    folded = fold(facts)
    for offence in inp.request.offences:
        place = fold(offence.place).strip()
        if place and (place in folded or place.split(",")[0].strip() in folded):
            return True
    if _PLACE.search(facts):
        return True
    return ctx.indicators.group("place_words").terms.matches(facts)


def check_summary_substance(inp: ScreeningInput, ctx: Context) -> list[Finding]:
    """P8: the summary names no evidence, states no time or place, or is made of formulae."""
    facts = inp.request.facts
    w = ctx.weights
    evidence, finds = evidence_hits(facts, ctx)
    out: list[Finding] = []
    if not evidence and not finds:
        out.append(
            finding(
                ReasonCode.FACTS_NO_EVIDENCE,
                w.facts_no_evidence,
                "The summary names no evidence tying the person to the acts (no witness, image, "
                "trace, expert report, record, intercept, document, complaint or seized item). "
                "Ask the requester what links this person to the offence (RPD Art. 83(2)(b)(i); "
                "dissent-laws.md P8).",
                [_whole_facts(facts)],
            )
        )
    missing = [
        name for name, ok in (("time", states_time(inp, ctx)), ("place", states_place(inp, ctx))) if not ok
    ]
    if missing:
        out.append(
            finding(
                ReasonCode.FACTS_NO_TIME_OR_PLACE,
                w.facts_no_time_or_place,
                f"Neither the summary nor the offences state the {' or the '.join(missing)} of "
                "the acts; Art. 83(2)(b)(i) requires the person's acts with time and place.",
                [_whole_facts(facts)],
            )
        )
    out.extend(_boilerplate(facts, ctx, thin=not evidence and not finds))
    return out


def _boilerplate(facts: str, ctx: Context, *, thin: bool) -> list[Finding]:
    hits = ctx.indicators.group("boilerplate").terms.find(facts, limit=3)
    distinct = {fold(h.matched) for h in hits}
    if not distinct or (len(distinct) < 2 and not thin):
        return []
    return [
        finding(
            ReasonCode.FACTS_BOILERPLATE,
            ctx.weights.facts_boilerplate,
            f"The summary relies on general legal formulae ({_quote(hits)}) rather than the "
            "person's own acts; the commission found such a summary predominantly political "
            "(Pestrikov).",
            _facts_refs(hits),
        )
    ]


def _status_signal(inp: ScreeningInput, ctx: Context) -> tuple[str, list[Evidence]] | None:
    """Why the person counts as a critic: an earlier status finding, or the facts saying so."""
    status = sorted(c.value for c in ctx.prior & STATUS_CODES)
    if status:
        return ", ".join(status), []
    hits = ctx.indicators.group("critic_in_facts").terms.find(inp.request.facts, limit=2)
    if hits:
        return f"the facts call the person {_quote(hits)}", _facts_refs(hits)
    return None


def _uncatalogued(inp: ScreeningInput, ctx: Context) -> set[int]:
    hit = {h.offence_index for h in ctx.catalogue.hits(inp.request.requesting_country, inp.request.offences)}
    return set(range(len(inp.request.offences))) - hit


def check_everyday_charge_against_critic(inp: ScreeningInput, ctx: Context) -> list[Finding]:
    """P3: a drugs, weapons, extortion, sexual or hooliganism charge against a journalist,
    activist or opponent (catalogued provisions are weighed by the dissent-law check instead)."""
    status = _status_signal(inp, ctx)
    if status is None:
        return []
    group: TermGroup = ctx.indicators.group("everyday_offences")
    evidence: list[Evidence] = []
    for i in sorted(_uncatalogued(inp, ctx)):
        offence = inp.request.offences[i]
        matched = group.offence_hit(offence)
        if matched:
            evidence.append(
                Evidence(EvidenceKind.OFFENCE, f"offences[{i}]", f"{offence.provision}: {matched}")
            )
    if not evidence:
        return []
    why, refs = status
    return [
        finding(
            ReasonCode.EVERYDAY_CHARGE_AGAINST_CRITIC,
            ctx.weights.everyday_charge_against_critic,
            f"An everyday charge ({evidence[0].detail}) against a person of note ({why}): critics "
            "are charged with drugs, weapons, extortion, sexual offences or hooliganism, which "
            "pass an ordinary-law filter (dissent-laws.md P3). Did the charge follow a "
            "publication, protest or refusal?",
            [*evidence, *refs],
        )
    ]


def check_police_find_or_confession(inp: ScreeningInput, ctx: Context) -> list[Finding]:
    """P3: against a critic, the only evidence named is a police find or a confession."""
    status = _status_signal(inp, ctx)
    if status is None:
        return []
    evidence, finds = evidence_hits(inp.request.facts, ctx)
    if evidence or not finds:
        return []
    why, refs = status
    return [
        finding(
            ReasonCode.FACTS_POLICE_FIND_OR_CONFESSION,
            ctx.weights.police_find_or_confession,
            f"The only evidence named is a police find or a confession ({_quote(finds)}), and "
            f"the person is of note ({why}); planted finds and custody confessions recur in "
            "cases against critics (dissent-laws.md P3). Ask for independent evidence.",
            [*_facts_refs(finds), *refs],
        )
    ]
