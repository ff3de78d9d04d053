"""Checks on timing, the person's request history, other states' positions and the requester."""

from __future__ import annotations

from article3.screening.catalogue import country_key
from article3.screening.context import Context
from article3.screening.findings import Evidence, EvidenceKind, Finding, finding
from article3.screening.inputs import EarlierRequest, EarlierStatus, ProceedingKind, ScreeningInput
from article3.screening.reasons import Ground, ReasonCode
from article3.screening.rules_common import (
    charged_provisions,
    first_charge_date,
    provisions_overlap,
)

_REFUSED = (EarlierStatus.REFUSED, EarlierStatus.DELETED, EarlierStatus.REJECTED)
_LIVE = (EarlierStatus.PUBLISHED, EarlierStatus.IN_REVIEW)
_SERIOUS_EARLIER_GROUNDS = frozenset(
    {
        Ground.ART3_POLITICAL_PREDOMINANCE.value,
        Ground.ART3_MILITARY.value,
        Ground.ART3_RELIGIOUS.value,
        Ground.ART3_RACIAL.value,
        Ground.REFUGEE_PROTECTED_STATUS.value,
        Ground.MISUSE_OF_CHANNELS.value,
        "art3_political_predominance_risk",
    }
)


def _proceedings(inp: ScreeningInput, kinds: set[str]) -> list[Evidence]:
    return [
        Evidence(
            EvidenceKind.PROCEEDING,
            f"prior_proceedings[{i}]",
            f"{p.kind} in {p.country}" + (f" on {p.on.isoformat()}" if p.on else ""),
        )
        for i, p in enumerate(inp.request.prior_proceedings)
        if p.kind in kinds
    ]


def _refusals_recorded(inp: ScreeningInput) -> list[Evidence]:
    """Extradition refusals that other states recorded as their flag on an earlier request."""
    return [
        Evidence(
            EvidenceKind.FLAGS, country, f"{country} recorded that it refused extradition (earlier request)"
        )
        for country in inp.flags_on_earlier.extradition_refused
    ]


def check_proceedings(inp: ScreeningInput, ctx: Context) -> list[Finding]:
    """Parallel civil or arbitration cases, trials in absentia, extradition refused elsewhere (as the
    requester declares it, or as the refusing state recorded it on an earlier request)."""
    w = ctx.weights
    declared_only: list[Evidence] = []
    rules = (
        ({ProceedingKind.CIVIL, ProceedingKind.ARBITRATION}, declared_only, ReasonCode.PARALLEL_CIVIL_DISPUTE,
         w.parallel_civil_dispute, "A civil or arbitration case runs in parallel: check whether "
         "the criminal case grew out of a commercial dispute."),
        ({ProceedingKind.IN_ABSENTIA}, declared_only, ReasonCode.ART2_IN_ABSENTIA, w.in_absentia,
         "The case was tried or pursued in absentia: check that the person could defend "
         "themselves."),
        ({ProceedingKind.EXTRADITION_REFUSED}, _refusals_recorded(inp),
         ReasonCode.EXTRADITION_REFUSED_ELSEWHERE, w.extradition_refused, "Another state refused "
         "extradition: read its reasons (position of another state)."),
    )  # fmt: skip
    out: list[Finding] = []
    for kinds, recorded, code, weight, text in rules:
        evidence = _proceedings(inp, {k.value for k in kinds}) + recorded
        if evidence:
            out.append(finding(code, weight, text, evidence))
    return out


def check_charges_after_departure(inp: ScreeningInput, ctx: Context) -> list[Finding]:
    """The requester first acted against the person after they left the country (P2)."""
    left = inp.subject_left_country_on
    first = first_charge_date(inp)
    if left is None or first is None or first[0] <= left:
        return []
    when, what = first
    abroad = [o for o in inp.request.offences if o.committed_on and o.committed_on > left]
    note = f" {len(abroad)} offence(s) are dated after departure (conduct abroad)." if abroad else ""
    return [
        finding(
            ReasonCode.CHARGES_AFTER_DEPARTURE,
            ctx.weights.charges_after_departure,
            f"The subject left on {left.isoformat()}; the first step against them ({what}) "
            f"came {(when - left).days} days later.{note}",
            [Evidence(EvidenceKind.PROCEEDING, what, when.isoformat())],
        )
    ]


def check_charges_after_criticism(inp: ScreeningInput, ctx: Context) -> list[Finding]:
    """The requester first acted against the person soon after they criticised it (P2, P7)."""
    said = inp.subject_criticised_on
    first = first_charge_date(inp)
    if said is None or first is None:
        return []
    gap = (first[0] - said).days
    if not 0 <= gap <= ctx.limits.criticism_window_days:
        return []
    return [
        finding(
            ReasonCode.CHARGES_AFTER_CRITICISM,
            ctx.weights.charges_after_criticism,
            f"The subject publicly criticised the government on {said.isoformat()}; "
            f"the first step against them ({first[1]}) came {gap} days later.",
            [Evidence(EvidenceKind.PROCEEDING, first[1], first[0].isoformat())],
        )
    ]


def check_flags(inp: ScreeningInput, ctx: Context) -> list[Finding]:
    """Other countries flagged earlier requests for the person ("no action on our territory")."""
    flags = inp.flags_on_earlier
    if flags.count <= 0:
        return []
    w = ctx.weights
    countries = sorted(set(flags.countries))
    weight = min(w.flags_max, w.flags_base + w.flags_per_extra_country * max(len(countries) - 1, 0))
    return [
        finding(
            ReasonCode.RECIPIENT_FLAGS_ON_EARLIER,
            weight,
            f"{flags.count} flag(s) on earlier requests for this person, from "
            f"{', '.join(countries) or 'unnamed countries'} (position of other states).",
            [Evidence(EvidenceKind.FLAGS, ",".join(countries), f"{flags.count} flags")],
        )
    ]


def check_commission_case(inp: ScreeningInput, ctx: Context) -> list[Finding]:
    """Open cases before the commission about the person (pre-emptive representations among them).

    The applicant's claim is not evidence, so it adds no risk; it floors the route at standard
    review (rulesets.FINDING_FLOORS), and the request is linked to each case so the commission can
    order a provisional block before anyone publishes it (complaints/later.py)."""
    if not inp.commission_cases:
        return []
    cases = ", ".join(inp.commission_cases)
    return [
        finding(
            ReasonCode.COMMISSION_CASE_PENDING,
            0.0,
            f"{len(inp.commission_cases)} open case(s) before the commission about this person ({cases}): "
            "the request is linked to them, and waits for the commission's word on a provisional "
            "block before it can be published.",
            [Evidence(EvidenceKind.COMMISSION_CASE, ref) for ref in inp.commission_cases],
        )
    ]


def check_resubmission(inp: ScreeningInput, ctx: Context) -> list[Finding]:
    """An earlier request by the same requester about the same person (dissent-laws.md P4: "has
    this source sent anything about this person before?"): refused, deleted or withdrawn; or
    still live (published or in review) on charges that share no provision with these, which is
    how a case is relabelled or escalated without waiting for a refusal. A live request on the
    same provisions (a diffusion, then a red notice on the same warrant) is ordinary."""
    requester = country_key(inp.request.requesting_country)
    mine = [e for e in inp.earlier_requests if country_key(e.requesting_country) == requester]
    current = charged_provisions(inp)
    groups: dict[ReasonCode, list[EarlierRequest]] = {}
    for e in mine:
        same = provisions_overlap(current, e.provisions)
        if e.status in _REFUSED:
            code = ReasonCode.RESUBMISSION_SAME_CHARGES if same else ReasonCode.RESUBMISSION_OTHER_CHARGES
            groups.setdefault(code, []).append(e)
        elif e.status is EarlierStatus.WITHDRAWN:
            groups.setdefault(ReasonCode.RESUBMISSION_AFTER_WITHDRAWAL, []).append(e)
        elif e.status in _LIVE and not same:
            groups.setdefault(ReasonCode.EARLIER_REQUEST_OTHER_CHARGES, []).append(e)
    return [_resubmission(code, earlier, ctx) for code, earlier in groups.items()]


def _resubmission(code: ReasonCode, earlier: list[EarlierRequest], ctx: Context) -> Finding:
    w = ctx.weights
    base = {
        ReasonCode.RESUBMISSION_SAME_CHARGES: w.resubmission_same,
        ReasonCode.RESUBMISSION_OTHER_CHARGES: w.resubmission_other,
        ReasonCode.RESUBMISSION_AFTER_WITHDRAWAL: w.resubmission_after_withdrawal,
        ReasonCode.EARLIER_REQUEST_OTHER_CHARGES: w.earlier_live_other_charges,
    }[code]
    serious = any(set(e.refusal_codes) & _SERIOUS_EARLIER_GROUNDS for e in earlier)
    weight = base + (w.resubmission_after_art3_bonus if serious else 0.0)
    what = {
        ReasonCode.RESUBMISSION_SAME_CHARGES: "was refused or deleted on the same provisions",
        ReasonCode.RESUBMISSION_OTHER_CHARGES: "was refused or deleted; the new request cites "
        "other provisions (relabelling, P4)",
        ReasonCode.RESUBMISSION_AFTER_WITHDRAWAL: "was withdrawn by the requester",
        ReasonCode.EARLIER_REQUEST_OTHER_CHARGES: "is still live; the new request cites provisions "
        "it does not share (new charges or a new label, P4 and P6)",
    }[code]
    grounds = sorted({c for e in earlier for c in e.refusal_codes})
    return finding(
        code,
        weight,
        f"An earlier request by the same requester about this person {what}"
        + (f"; earlier grounds: {', '.join(grounds)}." if grounds else "."),
        [
            Evidence(
                EvidenceKind.EARLIER_REQUEST,
                e.id,
                f"{e.status.value}"
                + (f" on {e.decided_on.isoformat()}" if e.decided_on else "")
                + (f"; provisions: {', '.join(e.provisions)}" if e.provisions else ""),
            )
            for e in earlier
        ],
    )


def check_requester_record(inp: ScreeningInput, ctx: Context) -> list[Finding]:
    """The requester's record: reversal rate on complaint and refusal rate at review.

    Each weight grows with its rate and stops at a cap (``reversal_rate_max``,
    ``refusal_rate_max``): a requester's record is a reason to look harder at each of its requests,
    never enough to refuse one alone. The refusal cap is the lower: those refusals are the system's
    own, so anything that raises them for one requester would otherwise raise them further.
    """
    rec, lim, w = inp.requester_record, ctx.limits, ctx.weights
    period = f"{rec.period_start or '?'}..{rec.period_end or '?'}"
    out: list[Finding] = []
    if rec.complaints >= lim.reversal_min_complaints:
        rate = rec.overturned / rec.complaints
        if rate >= lim.reversal_rate_high:
            out.append(
                finding(
                    ReasonCode.REQUESTER_HIGH_REVERSAL_RATE,
                    min(w.reversal_rate_max, w.reversal_rate_base + (rate - lim.reversal_rate_high) / 2),
                    f"The commission found {rec.overturned} of the {rec.complaints} complaints it "
                    f"decided about this requester's requests non-compliant ({rate:.0%}) in {period}.",
                    [Evidence(EvidenceKind.REQUESTER_RECORD, period, f"reversal rate {rate:.2f}")],
                )
            )
    decided = rec.published + rec.refused
    if decided >= lim.refusal_min_requests:
        rate = rec.refused / decided
        if rate >= lim.refusal_rate_high:
            out.append(
                finding(
                    ReasonCode.REQUESTER_HIGH_REFUSAL_RATE,
                    min(w.refusal_rate_max, w.refusal_rate_base + (rate - lim.refusal_rate_high) / 2),
                    f"{rec.refused} of {decided} decided requests from this requester were "
                    f"refused ({rate:.0%}) in {period}.",
                    [Evidence(EvidenceKind.REQUESTER_RECORD, period, f"refusal rate {rate:.2f}")],
                )
            )
    return out


def check_measures(inp: ScreeningInput, ctx: Context) -> list[Finding]:
    """Oversight measures in force on the requesting country (route floors are in rulesets)."""
    return [
        finding(
            ReasonCode.REQUESTER_MEASURE_IN_FORCE,
            ctx.weights.measures[m],
            f"Measure '{m}' is in force on the requesting country: higher evidential bar.",
            [Evidence(EvidenceKind.MEASURE, m)],
        )
        for m in sorted(inp.measures_in_force)
        if m in ctx.weights.measures
    ]
