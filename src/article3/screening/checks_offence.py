"""Checks on the offences and the facts: pure Art. 3 offences, the dissent-law catalogue,
the facts text and the declared occupations."""

from __future__ import annotations

from article3.screening.catalogue import CatalogueHit, PureOffenceTerms
from article3.screening.context import Context
from article3.screening.findings import Evidence, EvidenceKind, Finding, finding
from article3.screening.inputs import Offence, ScreeningInput
from article3.screening.reasons import ReasonCode

PURE_CODES = {
    "political": ReasonCode.ART3_POLITICAL_PREDOMINANCE,
    "military": ReasonCode.ART3_MILITARY,
    "religious": ReasonCode.ART3_RELIGIOUS,
}
THEME_CODES = {
    "publication": ReasonCode.FACTS_PUBLICATION,
    "protest": ReasonCode.FACTS_PROTEST,
    "criticism": ReasonCode.FACTS_CRITICISM,
    "election": ReasonCode.FACTS_ELECTION,
    "opposition": ReasonCode.FACTS_OPPOSITION,
    "business_dispute_state": ReasonCode.FACTS_BUSINESS_DISPUTE_STATE,
    "asset_seizure": ReasonCode.FACTS_ASSET_SEIZURE,
}
# Findings that count as the "second signal" an economic charge needs (dissent-laws U): the
# person's status, timing, a parallel dispute, exile, an earlier refusal, and (2026.11.1) a
# designated group (P5). A thin summary (P8: no evidence named, boilerplate, no time or place)
# and an asset freeze do not count: they are data-quality questions that genuine requests raise
# as often (a replay of the simulated world found no evidence named in about a third of genuine
# summaries), and the remedy is to ask the bureau for more, not to suspect the person.
CORROBORATING = frozenset(
    {
        ReasonCode.STATUS_JOURNALIST,
        ReasonCode.STATUS_HUMAN_RIGHTS_DEFENDER,
        ReasonCode.STATUS_POLITICIAN,
        ReasonCode.STATUS_OPPOSITION_FIGURE,
        ReasonCode.STATUS_DECLARED_OCCUPATION,
        ReasonCode.CHARGES_AFTER_DEPARTURE,
        ReasonCode.CHARGES_AFTER_CRITICISM,
        ReasonCode.PARALLEL_CIVIL_DISPUTE,
        ReasonCode.FACTS_BUSINESS_DISPUTE_STATE,
        ReasonCode.FACTS_CRITICISM,
        ReasonCode.FACTS_OPPOSITION,
        ReasonCode.FACTS_ELECTION,
        ReasonCode.RESUBMISSION_OTHER_CHARGES,
        ReasonCode.RESUBMISSION_SAME_CHARGES,
        ReasonCode.PRIOR_CCF_DELETION,
        ReasonCode.REFUGEE_STATUS_COUNTRY_UNKNOWN,
        ReasonCode.EXTRADITION_REFUSED_ELSEWHERE,
        ReasonCode.FACTS_DESIGNATED_ORGANISATION,
    }
)


def _offence_ref(i: int, offence: Offence) -> Evidence:
    return Evidence(EvidenceKind.OFFENCE, f"offences[{i}]", offence.provision)


def _pure_kind(offence: Offence, kinds: tuple[PureOffenceTerms, ...]) -> str | None:
    category = offence.category.strip().lower()
    for pure in kinds:
        if category in pure.categories:
            return pure.kind
        if pure.terms.matches(f"{offence.provision}\n{offence.description}"):
            return pure.kind
    return None


def _pure_by_offence(inp: ScreeningInput, ctx: Context) -> dict[int, tuple[str, Evidence]]:
    """Offence index -> (pure kind, evidence), from categories, titles and catalogue rows."""
    offences = inp.request.offences
    found: dict[int, tuple[str, Evidence]] = {}
    for i, offence in enumerate(offences):
        kind = _pure_kind(offence, ctx.indicators.pure_offences)
        if kind:
            found[i] = (kind, _offence_ref(i, offence))
    for hit in ctx.catalogue.hits(inp.request.requesting_country, offences):
        if hit.entry.pure and hit.offence_index not in found:
            ref = Evidence(EvidenceKind.CATALOGUE_ENTRY, hit.entry.id, hit.entry.title_en)
            found[hit.offence_index] = (hit.entry.pure, ref)
    return found


def check_pure_offences(inp: ScreeningInput, ctx: Context) -> list[Finding]:
    """Purely political, military or religious offences (Art. 3).

    If every offence is pure the request is blocked; if pure offences sit beside ordinary ones,
    the predominance test decides and the finding is a strong indicator instead.
    """
    found = _pure_by_offence(inp, ctx)
    if not found:
        return []
    offences = inp.request.offences
    if len(found) < len(offences):
        evidence = [ev for _, ev in found.values()]
        return [
            finding(
                ReasonCode.PURE_OFFENCE_AMONG_CHARGES,
                ctx.weights.pure_offence_among_charges,
                f"{len(found)} of {len(offences)} offences are purely "
                f"{'/'.join(sorted({k for k, _ in found.values()}))}; only the ordinary "
                "offences could ever be processed, and the predominance test applies.",
                evidence,
            )
        ]
    out: list[Finding] = []
    for kind in sorted({k for k, _ in found.values()}):
        evidence = [ev for k, ev in found.values() if k == kind]
        out.append(
            finding(
                PURE_CODES[kind],
                1.0,
                f"Every offence is a purely {kind} offence, which Art. 3 forbids processing.",
                evidence,
            )
        )
    return out


def _catalogue_weight(hit: CatalogueHit, ctx: Context, corroborated: bool) -> float:
    w = ctx.weights
    entry = hit.entry
    if entry.economic:
        weight = w.dissent_law_economic_corroborated if corroborated else w.dissent_law_economic
    elif entry.kinds <= {"security", "procedure"}:
        weight = w.dissent_law_security
    else:
        weight = w.dissent_law
    if entry.confidence != "confirmed":
        weight *= w.uncertain_row_factor
    return weight


def check_dissent_laws(inp: ScreeningInput, ctx: Context) -> list[Finding]:
    """Offence provisions on the catalogue of laws used against dissent, per country.

    Economic and ordinary rows weigh little unless a second political signal is present among
    the earlier findings (`ctx.prior`), as dissent-laws.md section U advises.
    """
    corroborated = bool(ctx.prior & CORROBORATING)
    best: dict[str, tuple[float, CatalogueHit]] = {}
    for hit in ctx.catalogue.hits(inp.request.requesting_country, inp.request.offences):
        if hit.entry.pure:
            continue
        weight = _catalogue_weight(hit, ctx, corroborated)
        if hit.entry.id not in best or weight > best[hit.entry.id][0]:
            best[hit.entry.id] = (weight, hit)
    return [_dissent_finding(weight, hit, corroborated) for weight, hit in best.values()]


def _dissent_finding(weight: float, hit: CatalogueHit, corroborated: bool) -> Finding:
    entry = hit.entry
    code = ReasonCode.DISSENT_LAW_ECONOMIC_PROVISION if entry.economic else ReasonCode.DISSENT_LAW_PROVISION
    note = ""
    if entry.economic:
        note = " Economic/ordinary row: it also covers genuine crime" + (
            "; another political signal is present." if corroborated else "; weighed low."
        )
    how = f"article {hit.matched}" if hit.how == "article" else f"title words '{hit.matched}'"
    return finding(
        code,
        weight,
        f"Offence {hit.offence_index + 1} cites {entry.id} ({entry.title_en}), matched by "
        f"{how}; documented in use against {', '.join(sorted(entry.kinds))} "
        f"(row confidence: {entry.confidence}).{note}",
        [
            Evidence(EvidenceKind.CATALOGUE_ENTRY, entry.id, "; ".join(entry.sources[:2])),
            Evidence(EvidenceKind.OFFENCE, f"offences[{hit.offence_index}]", hit.matched),
        ],
    )


def check_facts_text(inp: ScreeningInput, ctx: Context) -> list[Finding]:
    """The facts speak of publications, protests, criticism, elections, opposition or a
    business dispute with the state (in any supported language)."""
    out: list[Finding] = []
    for theme, matcher in ctx.indicators.themes.items():
        hits = matcher.find(inp.request.facts, limit=3)
        if not hits or theme not in THEME_CODES:
            continue
        quoted = "; ".join(f"'{h.matched}'" for h in hits)
        out.append(
            finding(
                THEME_CODES[theme],
                ctx.weights.facts_theme.get(theme, 0.0),
                f"The facts mention {ctx.indicators.theme_labels[theme]}: {quoted}.",
                [Evidence(EvidenceKind.FACTS, f"facts[{h.start}:{h.end}]", h.snippet) for h in hits],
            )
        )
    return out


def check_occupations(inp: ScreeningInput, ctx: Context) -> list[Finding]:
    """Declared occupations in press, politics or human rights (status of the person)."""
    families: list[str] = []
    evidence: list[Evidence] = []
    for i, occupation in enumerate(inp.request.occupations):
        for family, matcher in ctx.indicators.occupations.items():
            if matcher.matches(occupation):
                families.append(family)
                evidence.append(Evidence(EvidenceKind.OCCUPATION, f"occupations[{i}]", occupation))
    if not families:
        return []
    names = ", ".join(sorted({f.replace("_", " ") for f in families}))
    return [
        finding(
            ReasonCode.STATUS_DECLARED_OCCUPATION,
            ctx.weights.declared_occupation,
            f"Declared occupation: {names}; a predominance factor (status of the person).",
            evidence,
        )
    ]
