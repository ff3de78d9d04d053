"""Hard blocks and the person's status: one pure function per check.

Every check has the signature `(inputs, context) -> list[Finding]` and returns an empty list
when it does not fire.
"""

from __future__ import annotations

from article3.screening.catalogue import country_key
from article3.screening.context import Context
from article3.screening.findings import Evidence, EvidenceKind, Finding, finding
from article3.screening.inputs import EarlierStatus, RegisterHit, RegisterKind, ScreeningInput
from article3.screening.reasons import ReasonCode
from article3.screening.rules_common import charged_provisions, provisions_overlap

_PROTECTED = (RegisterKind.REFUGEE, RegisterKind.ASYLUM_SEEKER)
_STATUS = {
    RegisterKind.JOURNALIST: ReasonCode.STATUS_JOURNALIST,
    RegisterKind.HUMAN_RIGHTS_DEFENDER: ReasonCode.STATUS_HUMAN_RIGHTS_DEFENDER,
    RegisterKind.POLITICIAN: ReasonCode.STATUS_POLITICIAN,
    RegisterKind.OPPOSITION_FIGURE: ReasonCode.STATUS_OPPOSITION_FIGURE,
}


def _register(hit: RegisterHit) -> Evidence:
    detail = f"{hit.kind.value}, match score {hit.score:.2f}"
    if hit.since:
        detail += f", since {hit.since.isoformat()}"
    return Evidence(EvidenceKind.REGISTER_ENTRY, hit.entry_id, detail)


def _requester(inp: ScreeningInput) -> str:
    return country_key(inp.request.requesting_country)


def check_criteria(inp: ScreeningInput, ctx: Context) -> list[Finding]:
    """Intake found the minimum criteria not met: block, one finding per failed criterion."""
    return [
        finding(
            ReasonCode.MINIMUM_CRITERIA_NOT_MET,
            1.0,
            f"Intake check failed: {code}. The request does not meet the minimum criteria.",
            [Evidence(EvidenceKind.CRITERION, code)],
            ground=code,
        )
        for code in dict.fromkeys(inp.criteria_failures)
    ]


def check_refugee(inp: ScreeningInput, ctx: Context) -> list[Finding]:
    """Refugee policy: protection against the requesting country blocks the request."""
    out: list[Finding] = []
    requester = _requester(inp)
    for hit in (h for h in inp.register_hits if h.kind in _PROTECTED):
        against = country_key(hit.against_country) if hit.against_country else None
        if against is not None and against != requester:
            continue
        if against is None:
            out.append(
                finding(
                    ReasonCode.REFUGEE_STATUS_COUNTRY_UNKNOWN,
                    ctx.weights.refugee_country_unknown * hit.score,
                    "The subject has refugee or asylum status; the register does not say "
                    "against which country. Verify before any decision.",
                    [_register(hit)],
                )
            )
        elif hit.score < ctx.limits.hard_match_min_score:
            out.append(_possible_match(hit, ctx, "refugee or asylum status against the requester"))
        else:
            out.append(
                finding(
                    ReasonCode.REFUGEE_PROTECTED_STATUS,
                    1.0,
                    f"The subject has {hit.kind.value.replace('_', ' ')} status with protection "
                    f"against {requester}, the requesting country (refugee policy). Do not "
                    "tell the requester which state granted it.",
                    [_register(hit)],
                )
            )
    return out


def _possible_match(hit: RegisterHit, ctx: Context, what: str) -> Finding:
    return finding(
        ReasonCode.POSSIBLE_PROTECTED_PERSON,
        ctx.weights.possible_protected_match * hit.score,
        f"Possible register match ({what}) with a score below the blocking threshold "
        f"{ctx.limits.hard_match_min_score:.2f}: confirm the identity.",
        [_register(hit)],
    )


def check_international_official(inp: ScreeningInput, ctx: Context) -> list[Finding]:
    """Officials of international courts or organisations, pursued for acts in office."""
    out: list[Finding] = []
    for hit in (h for h in inp.register_hits if h.kind is RegisterKind.INTERNATIONAL_OFFICIAL):
        org = hit.organisation or "an international organisation"
        if hit.score < ctx.limits.hard_match_min_score:
            out.append(_possible_match(hit, ctx, f"official of {org}"))
        elif _acts_in_office(inp, hit):
            out.append(
                finding(
                    ReasonCode.INTERNATIONAL_OFFICIAL_IN_CAPACITY,
                    1.0,
                    f"The subject is an official of {org}; the offences fall within the term "
                    "of office, so they are presumed to be acts in that capacity.",
                    [_register(hit)],
                )
            )
        else:
            out.append(
                finding(
                    ReasonCode.INTERNATIONAL_OFFICIAL_OTHER_ACTS,
                    ctx.weights.official_other_acts,
                    f"The subject is an official of {org}, but every offence predates the "
                    "office. Check that the case is not a reprisal for official acts.",
                    [_register(hit)],
                )
            )
    return out


def _acts_in_office(inp: ScreeningInput, hit: RegisterHit) -> bool:
    if hit.since is None:
        return True
    dates = [o.committed_on for o in inp.request.offences]
    return not dates or any(d is None or d >= hit.since for d in dates)


def check_status(inp: ScreeningInput, ctx: Context) -> list[Finding]:
    """The subject matches a registered journalist, defender, politician or opposition figure."""
    w = ctx.weights
    weight_of = {
        RegisterKind.JOURNALIST: w.status_journalist,
        RegisterKind.HUMAN_RIGHTS_DEFENDER: w.status_human_rights_defender,
        RegisterKind.POLITICIAN: w.status_politician,
        RegisterKind.OPPOSITION_FIGURE: w.status_opposition_figure,
    }
    return [
        finding(
            _STATUS[hit.kind],
            weight_of[hit.kind] * hit.score,
            f"The subject matches the register as a {hit.kind.value.replace('_', ' ')}"
            + (f" ({hit.organisation})" if hit.organisation else "")
            + ": a predominance factor (status of the person).",
            [_register(hit)],
        )
        for hit in inp.register_hits
        if hit.kind in _STATUS
    ]


def check_prior_ccf_deletion(inp: ScreeningInput, ctx: Context) -> list[Finding]:
    """The commission deleted this person's data before; same charges again blocks."""
    requester = _requester(inp)
    hits = [
        h
        for h in inp.register_hits
        if h.kind is RegisterKind.CCF_DELETION
        and (h.against_country is None or country_key(h.against_country) == requester)
    ]
    if not hits:
        return []
    current = charged_provisions(inp)
    same = [
        e
        for e in inp.earlier_requests
        if e.status is EarlierStatus.DELETED
        and country_key(e.requesting_country) == requester
        and provisions_overlap(current, e.provisions)
    ]
    evidence = [_register(h) for h in hits]
    evidence += [Evidence(EvidenceKind.EARLIER_REQUEST, e.id, "deleted") for e in same]
    if same and max(h.score for h in hits) >= ctx.limits.hard_match_min_score:
        return [
            finding(
                ReasonCode.PRIOR_CCF_DELETION_SAME_FACTS,
                1.0,
                "The commission ordered this person's data deleted, and the requester now "
                "cites the same provisions again.",
                evidence,
            )
        ]
    return [
        finding(
            ReasonCode.PRIOR_CCF_DELETION,
            ctx.weights.prior_ccf_deletion * max(h.score for h in hits),
            "The commission ordered earlier data on this person deleted; the new request "
            "must be read against that decision.",
            evidence,
        )
    ]
