"""What every check receives besides the input: weights, data files and earlier findings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from article3.screening.catalogue import (
    DissentCatalogue,
    Indicators,
    dissent_catalogue,
    indicators,
)
from article3.screening.findings import Finding
from article3.screening.inputs import ScreeningInput
from article3.screening.reasons import ReasonCode


@dataclass(frozen=True, slots=True)
class Weights:
    """Weight of each kind of evidence in the noisy-OR risk (0..1; see rulesets)."""

    status_journalist: float
    status_human_rights_defender: float
    status_politician: float
    status_opposition_figure: float
    declared_occupation: float
    refugee_country_unknown: float
    possible_protected_match: float
    official_other_acts: float
    pure_offence_among_charges: float
    dissent_law: float
    dissent_law_security: float
    dissent_law_economic: float
    dissent_law_economic_corroborated: float
    uncertain_row_factor: float
    facts_theme: dict[str, float]
    parallel_civil_dispute: float
    charges_after_departure: float
    charges_after_criticism: float
    in_absentia: float
    extradition_refused: float
    flags_base: float
    flags_per_extra_country: float
    flags_max: float
    resubmission_same: float
    resubmission_other: float
    resubmission_after_art3_bonus: float
    resubmission_after_withdrawal: float
    prior_ccf_deletion: float
    reversal_rate_base: float
    refusal_rate_base: float
    measures: dict[str, float]
    # Patterns of dissent-laws.md section P added in 2026.11.1 (defaults: off).
    facts_no_evidence: float = 0.0
    facts_no_time_or_place: float = 0.0
    facts_boilerplate: float = 0.0
    designated_organisation: float = 0.0
    economic_charge_second_signal: float = 0.0
    everyday_charge_against_critic: float = 0.0
    police_find_or_confession: float = 0.0
    charge_stacking: float = 0.0
    # The cap of the requester's reversal weight (2026.11.2).
    reversal_rate_max: float = 0.35
    # A live earlier request by the same requester on unrelated charges (2026.11.2).
    earlier_live_other_charges: float = 0.0
    # The cap of the requester's refusal weight (2026.11.5): the refusals are the system's own.
    refusal_rate_max: float = 0.20


@dataclass(frozen=True, slots=True)
class Limits:
    """Thresholds used inside checks (not route thresholds)."""

    hard_match_min_score: float = 0.85
    criticism_window_days: int = 730
    reversal_rate_high: float = 0.25
    reversal_min_complaints: int = 10
    refusal_rate_high: float = 0.30
    refusal_min_requests: int = 20


@dataclass(frozen=True, slots=True)
class Context:
    """Shared, read-only context of one screening run."""

    weights: Weights
    limits: Limits = field(default_factory=Limits)
    catalogue: DissentCatalogue = field(default_factory=dissent_catalogue)
    indicators: Indicators = field(default_factory=indicators)
    prior: frozenset[ReasonCode] = frozenset()


Check = Callable[[ScreeningInput, Context], list[Finding]]
