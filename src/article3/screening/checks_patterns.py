"""Checks for the abuse patterns of dissent-laws.md section P that the catalogue does not catch:
P5 (designate a group, then prosecute belonging to it), P1 with section U (economic charges with
a second political signal, in any country), and P6 (charge stacking)."""

from __future__ import annotations

from article3.screening.catalogue import CatalogueHit
from article3.screening.checks_offence import CORROBORATING
from article3.screening.context import Context
from article3.screening.findings import Evidence, EvidenceKind, Finding, finding
from article3.screening.inputs import ScreeningInput
from article3.screening.reasons import ReasonCode
from article3.screening.text import TextHit


def _quote(hits: list[TextHit]) -> str:
    return "; ".join(f"'{h.matched}'" for h in hits)


def _refs(hits: list[TextHit], where: str) -> list[Evidence]:
    if where != "facts":  # an offence: point at it, quote the words
        return [Evidence(EvidenceKind.OFFENCE, where, h.snippet) for h in hits]
    return [Evidence(EvidenceKind.FACTS, f"facts[{h.start}:{h.end}]", h.snippet) for h in hits]


def _texts(inp: ScreeningInput) -> list[tuple[str, str]]:
    """(reference, text) for the facts and each offence's provision and description."""
    offences = [
        (f"offences[{i}]", f"{o.provision}\n{o.description}") for i, o in enumerate(inp.request.offences)
    ]
    return [("facts", inp.request.facts), *offences]


def _find(group: str, inp: ScreeningInput, ctx: Context) -> tuple[list[TextHit], list[Evidence]]:
    matcher = ctx.indicators.group(group).terms
    hits: list[TextHit] = []
    refs: list[Evidence] = []
    for where, text in _texts(inp):
        found = matcher.find(text, limit=2)
        hits.extend(found)
        refs.extend(_refs(found, where))
    return hits, refs


def check_designated_organisation(inp: ScreeningInput, ctx: Context) -> list[Finding]:
    """P5: the conduct is belonging to, financing, posting for or attending a group that the
    requesting state designated, and no violent act is attributed to the person.

    Groups on the UN Security Council's lists are designated internationally, not only by the
    requester: they do not fire this check.
    """
    designation, refs = _find("designation", inp, ctx)
    if not designation:
        return []
    conduct, conduct_refs = _find("membership_conduct", inp, ctx)
    if not conduct:
        return []
    if _find("violence", inp, ctx)[0] or _find("international_designation", inp, ctx)[0]:
        return []
    return [
        finding(
            ReasonCode.FACTS_DESIGNATED_ORGANISATION,
            ctx.weights.designated_organisation,
            f"The conduct is {_quote(conduct[:2])} in connection with a group the state "
            f"designated ({_quote(designation[:2])}), and no violent act is attributed to the "
            "person: states label a party, outlet, NGO or faith 'extremist', 'banned' or "
            "'undesirable', then prosecute members, donors, posters and attendees "
            "(dissent-laws.md P5). Is the group designated only by the requester? Was the "
            "conduct before the designation?",
            [*refs[:2], *conduct_refs[:2]],
        )
    ]


def _hits_by_offence(inp: ScreeningInput, ctx: Context) -> dict[int, list[CatalogueHit]]:
    out: dict[int, list[CatalogueHit]] = {}
    for hit in ctx.catalogue.hits(inp.request.requesting_country, inp.request.offences):
        out.setdefault(hit.offence_index, []).append(hit)
    return out


def _economic_offences(inp: ScreeningInput, ctx: Context) -> dict[int, str]:
    """Offence index -> the words or category that make it a fraud, embezzlement, tax or
    laundering charge."""
    group = ctx.indicators.group("economic_offences")
    out: dict[int, str] = {}
    for i, offence in enumerate(inp.request.offences):
        matched = group.offence_hit(offence)
        if matched:
            out[i] = matched
    return out


def check_economic_second_signal(inp: ScreeningInput, ctx: Context) -> list[Finding]:
    """P1 and section U: an economic charge with a second political signal, for offences the
    catalogue does not list (the dissent-law check weighs catalogued ones)."""
    signals = sorted(c.value for c in ctx.prior & CORROBORATING)
    if not signals:
        return []
    catalogued = _hits_by_offence(inp, ctx)
    evidence = [
        Evidence(EvidenceKind.OFFENCE, f"offences[{i}]", f"{inp.request.offences[i].provision}: {words}")
        for i, words in sorted(_economic_offences(inp, ctx).items())
        if i not in catalogued
    ]
    if not evidence:
        return []
    return [
        finding(
            ReasonCode.ECONOMIC_CHARGE_SECOND_SIGNAL,
            ctx.weights.economic_charge_second_signal,
            f"An economic charge ({evidence[0].detail}) comes with a second signal "
            f"({', '.join(signals)}): fraud, embezzlement, tax and laundering cases grow out of "
            "business conflicts and are used against opponents (dissent-laws.md P1; section U: "
            "a flag only with a second signal). Who complained, and who got the assets?",
            evidence,
        )
    ]


def check_charge_stacking(inp: ScreeningInput, ctx: Context) -> list[Finding]:
    """P6: economic counts stacked on speech, extremism or security counts."""
    catalogued = _hits_by_offence(inp, ctx)
    economic = set(_economic_offences(inp, ctx))
    economic |= {i for i, hits in catalogued.items() if any(h.entry.economic for h in hits)}
    designation = ctx.indicators.group("designation").terms
    political: set[int] = set()
    for i, offence in enumerate(inp.request.offences):
        hits = catalogued.get(i, [])
        if any(not h.entry.economic for h in hits) or designation.matches(offence.description):
            political.add(i)
    political -= economic
    if not economic or not political:
        return []
    offences = inp.request.offences
    evidence = [
        Evidence(EvidenceKind.OFFENCE, f"offences[{i}]", offences[i].provision)
        for i in sorted(economic | political)
    ]
    return [
        finding(
            ReasonCode.CHARGE_STACKING,
            ctx.weights.charge_stacking,
            f"{len(economic)} economic count(s) sit beside {len(political)} speech, extremism "
            "or security count(s): states stack embezzlement, laundering or tax counts on "
            "political charges, raising the penalty above extradition thresholds "
            "(dissent-laws.md P6). Which count makes the request eligible, and when was it added?",
            evidence,
        )
    ]
