"""The ruleset: enabled checks, weights, route thresholds, and `assess`.

How findings become a risk
--------------------------
Each finding carries a weight w in [0, 1): the probability that this piece of evidence alone
shows a request a reviewer should treat as abusive. Pieces are combined as independent causes
(noisy-OR)::

    risk = 1 - prod(1 - w_i)

so the risk is explainable finding by finding: removing one finding divides the remaining
"clean" probability by (1 - w_i). Hard-block findings have weight 1, hence risk 1.

The learned model, when given, adds one more finding, `model_evidence`, with weight
``MODEL_WEIGHT * p`` (p = the model's calibrated probability). Adding a factor to a noisy-OR
can only raise the risk, and the final route is the maximum of the rules' route and the route
of the combined risk, so the model never lowers a route and never overrides a hard block. The
wording evidence, when given (``wording``: counts of the commission's decisions), adds
`wording_evidence` the same way, with the same weight.

How risk becomes a route
------------------------
- any hard-block finding                      -> `blocked`
- risk >= ENHANCED_REVIEW_AT                  -> `enhanced_review`
- risk >= STANDARD_REVIEW_AT                  -> `standard_review`
- otherwise                                   -> `fast_track`

then raised to the floor set by any measure in force on the requester (`MEASURE_FLOORS`: an
`enhanced_review` measure sends every request to two reviewers, never `fast_track`) and by
findings that call for a person whatever the risk (`FINDING_FLOORS`: an open case before the
commission about the person). Risk alone
never blocks: refusing is a rule's or a person's decision.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from article3.screening import (
    checks,
    checks_history,
    checks_offence,
    checks_patterns,
    checks_substance,
)
from article3.screening.context import Check, Context, Weights
from article3.screening.findings import Evidence, EvidenceKind, Finding, finding, noisy_or, ordered
from article3.screening.inputs import ScreeningInput
from article3.screening.learned import LearnedModel, build_features, predict
from article3.screening.reasons import WITHHELD_FROM_REQUESTER, ReasonCode
from article3.screening.wording import WordingEvidence, wording_finding

RULESET = "article3-screening"
RULESET_VERSION = "2026.11.5"

STANDARD_REVIEW_AT = 0.10
ENHANCED_REVIEW_AT = 0.45
MODEL_WEIGHT = 0.5


class Route(StrEnum):
    """Where a screened request goes next (architecture.md, decision 2)."""

    FAST_TRACK = "fast_track"
    STANDARD_REVIEW = "standard_review"
    ENHANCED_REVIEW = "enhanced_review"
    BLOCKED = "blocked"


ROUTE_ORDER = (Route.FAST_TRACK, Route.STANDARD_REVIEW, Route.ENHANCED_REVIEW, Route.BLOCKED)

# Minimum route while a measure is in force on the requesting country.
MEASURE_FLOORS: dict[str, Route] = {
    "enhanced_review": Route.ENHANCED_REVIEW,  # issue 8: every request to two reviewers
    "warning": Route.STANDARD_REVIEW,
}
# Never fast track: a reviewer decides, after the commission's window (complaints/later.py). Not
# enhanced review: the applicant's evidence is the commission's to weigh, and a second approver
# would only add a second chance of a mistaken refusal of a genuine request (docs/screening.md).
FINDING_FLOORS: dict[ReasonCode, Route] = {
    ReasonCode.COMMISSION_CASE_PENDING: Route.STANDARD_REVIEW,
}

WEIGHTS = Weights(
    status_journalist=0.55,
    status_human_rights_defender=0.55,
    status_politician=0.45,
    status_opposition_figure=0.55,
    declared_occupation=0.20,
    refugee_country_unknown=0.50,
    possible_protected_match=0.50,
    official_other_acts=0.50,
    pure_offence_among_charges=0.60,
    dissent_law=0.50,
    dissent_law_security=0.40,
    dissent_law_economic=0.10,
    dissent_law_economic_corroborated=0.35,
    uncertain_row_factor=0.80,
    facts_theme={
        "publication": 0.15,
        "protest": 0.15,
        "criticism": 0.15,
        "election": 0.12,
        "opposition": 0.15,
        "business_dispute_state": 0.25,
        "asset_seizure": 0.10,
    },
    parallel_civil_dispute=0.25,
    charges_after_departure=0.45,
    charges_after_criticism=0.35,
    in_absentia=0.15,
    extradition_refused=0.30,
    flags_base=0.30,
    flags_per_extra_country=0.10,
    flags_max=0.60,
    resubmission_same=0.45,
    resubmission_other=0.55,
    resubmission_after_art3_bonus=0.15,
    resubmission_after_withdrawal=0.30,
    earlier_live_other_charges=0.15,
    prior_ccf_deletion=0.60,
    reversal_rate_base=0.20,
    reversal_rate_max=0.35,
    refusal_rate_base=0.10,
    refusal_rate_max=0.20,
    measures={"enhanced_review": 0.25, "warning": 0.10},
    # dissent-laws.md section P, 2026.11.1: a thin summary alone reaches standard review at
    # most (0.20 + 0.08 + 0.10 -> 0.34), and so does a thin fraud summary from a country with
    # no catalogue row (0.20 + 0.25 + 0.08 -> 0.448); a designated group with any other
    # signal reaches enhanced review (0.40 + 0.10 -> 0.46).
    facts_no_evidence=0.20,
    facts_no_time_or_place=0.08,
    facts_boilerplate=0.10,
    designated_organisation=0.40,
    economic_charge_second_signal=0.25,
    everyday_charge_against_critic=0.20,
    police_find_or_confession=0.25,
    charge_stacking=0.20,
)

# Checks run in two phases: the second sees the codes found by the first (`Context.prior`).
FIRST_PHASE: tuple[tuple[str, Check], ...] = (
    ("criteria", checks.check_criteria),
    ("refugee", checks.check_refugee),
    ("international_official", checks.check_international_official),
    ("pure_offences", checks_offence.check_pure_offences),
    ("prior_ccf_deletion", checks.check_prior_ccf_deletion),
    ("status", checks.check_status),
    ("occupations", checks_offence.check_occupations),
    ("facts_text", checks_offence.check_facts_text),
    ("summary_substance", checks_substance.check_summary_substance),
    ("designated_organisation", checks_patterns.check_designated_organisation),
    ("proceedings", checks_history.check_proceedings),
    ("charges_after_departure", checks_history.check_charges_after_departure),
    ("charges_after_criticism", checks_history.check_charges_after_criticism),
    ("flags", checks_history.check_flags),
    ("commission_case", checks_history.check_commission_case),
    ("resubmission", checks_history.check_resubmission),
    ("requester_record", checks_history.check_requester_record),
    ("measures", checks_history.check_measures),
)
SECOND_PHASE: tuple[tuple[str, Check], ...] = (
    ("dissent_laws", checks_offence.check_dissent_laws),
    ("economic_second_signal", checks_patterns.check_economic_second_signal),
    ("everyday_charge_against_critic", checks_substance.check_everyday_charge_against_critic),
    ("police_find_or_confession", checks_substance.check_police_find_or_confession),
    ("charge_stacking", checks_patterns.check_charge_stacking),
)


@dataclass(frozen=True, slots=True)
class Ruleset:
    """A named, versioned set of checks, weights and thresholds."""

    name: str = RULESET
    version: str = RULESET_VERSION
    first_phase: tuple[tuple[str, Check], ...] = FIRST_PHASE
    second_phase: tuple[tuple[str, Check], ...] = SECOND_PHASE
    weights: Weights = WEIGHTS
    standard_review_at: float = STANDARD_REVIEW_AT
    enhanced_review_at: float = ENHANCED_REVIEW_AT
    model_weight: float = MODEL_WEIGHT
    measure_floors: dict[str, Route] = field(default_factory=lambda: dict(MEASURE_FLOORS))

    @property
    def enabled_checks(self) -> tuple[str, ...]:
        """Names of the enabled checks, in run order."""
        return tuple(name for name, _ in (*self.first_phase, *self.second_phase))


DEFAULT_RULESET = Ruleset()


@dataclass(frozen=True, slots=True)
class Assessment:
    """The screening's answer for one request."""

    risk: float
    route: Route
    findings: tuple[Finding, ...]
    ruleset: str
    version: str
    rules_risk: float = 0.0
    rules_route: Route = Route.FAST_TRACK
    data_versions: dict[str, str] = field(default_factory=dict)

    @property
    def codes(self) -> tuple[ReasonCode, ...]:
        """Reason codes, most important first."""
        return tuple(f.code for f in self.findings)

    @property
    def requester_codes(self) -> tuple[ReasonCode, ...]:
        """The codes the requester is told (``reasons.WITHHELD_FROM_REQUESTER`` left out)."""
        return tuple(c for c in self.codes if c not in WITHHELD_FROM_REQUESTER)


def route_for(risk: float, findings: tuple[Finding, ...], ruleset: Ruleset) -> Route:
    """Route from hard blocks and risk thresholds (before measure floors)."""
    if any(f.hard for f in findings):
        return Route.BLOCKED
    if risk >= ruleset.enhanced_review_at:
        return Route.ENHANCED_REVIEW
    if risk >= ruleset.standard_review_at:
        return Route.STANDARD_REVIEW
    return Route.FAST_TRACK


def higher(a: Route, b: Route) -> Route:
    """The stricter of two routes."""
    return a if ROUTE_ORDER.index(a) >= ROUTE_ORDER.index(b) else b


def run_checks(inputs: ScreeningInput, ruleset: Ruleset, ctx: Context) -> list[Finding]:
    """Run both phases of checks and return all findings (unordered)."""
    found: list[Finding] = []
    for _, check in ruleset.first_phase:
        found.extend(check(inputs, ctx))
    second = Context(
        weights=ctx.weights,
        limits=ctx.limits,
        catalogue=ctx.catalogue,
        indicators=ctx.indicators,
        prior=frozenset(f.code for f in found),
    )
    for _, check in ruleset.second_phase:
        found.extend(check(inputs, second))
    return found


def assess(
    inputs: ScreeningInput,
    *,
    model: LearnedModel | None = None,
    ruleset: Ruleset = DEFAULT_RULESET,
    wording: WordingEvidence | None = None,
) -> Assessment:
    """Screen one request: findings, risk and route (see the module docstring)."""
    ctx = Context(weights=ruleset.weights)
    found = run_checks(inputs, ruleset, ctx)
    rules_findings = ordered(found)
    rules_risk = round(noisy_or(f.weight for f in rules_findings), 4)
    floor = Route.FAST_TRACK
    for measure in inputs.measures_in_force:
        floor = higher(floor, ruleset.measure_floors.get(measure, Route.FAST_TRACK))
    for code in {f.code for f in rules_findings}:
        floor = higher(floor, FINDING_FLOORS.get(code, Route.FAST_TRACK))
    rules_route = higher(route_for(rules_risk, rules_findings, ruleset), floor)
    if model is not None:
        found.append(_model_finding(inputs, rules_findings, model, ruleset))
    if wording is not None:
        found.append(wording_finding(wording, ruleset.model_weight))
    findings = ordered(found)
    risk = round(noisy_or(f.weight for f in findings), 4)
    route = higher(route_for(risk, findings, ruleset), rules_route)
    return Assessment(
        risk=risk,
        route=route,
        findings=findings,
        ruleset=ruleset.name,
        version=ruleset.version,
        rules_risk=rules_risk,
        rules_route=rules_route,
        data_versions={
            "dissent_laws": ctx.catalogue.version,
            "facts_indicators": ctx.indicators.version,
        },
    )


def _model_finding(
    inputs: ScreeningInput,
    rules_findings: tuple[Finding, ...],
    model: LearnedModel,
    ruleset: Ruleset,
) -> Finding:
    p = predict(model, build_features(inputs, rules_findings))
    return finding(
        ReasonCode.MODEL_EVIDENCE,
        ruleset.model_weight * p,
        f"The learned model ({model.name} {model.version}, trained on {model.n_train} past "
        f"decisions) gives a calibrated probability of {p:.2f} that the request is "
        f"refused or later overturned; weight {ruleset.model_weight:.2f} x p.",
        [Evidence(EvidenceKind.MODEL, f"{model.name}@{model.version}", f"p={p:.3f}")],
    )
