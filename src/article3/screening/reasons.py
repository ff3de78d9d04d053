"""The screening's reason codes, and the commission ground each one maps to.

One code space is shared by screening findings, reviewers' grounds and the complaints
commission's decisions (ccf-decisions.md 4.1), so that "screening said X, the commission later
deleted on X" can be counted. Where a commission ground fits a finding exactly, the reason code
*is* that ground (`refugee_protected_status`, `art3_military`, `prior_ccf_deletion_same_facts`).
Where a finding is one factor of a ground (the person's status is a factor of
`art3_political_predominance`), the code names the factor and `REASONS[code].ground` names the
ground. Codes are stable: never rename one, add a new one instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Ground(StrEnum):
    """Commission grounds (ccf-decisions.md 1.3) that screening findings map to."""

    ART3_POLITICAL_PREDOMINANCE = "art3_political_predominance"
    ART3_MILITARY = "art3_military"
    ART3_RELIGIOUS = "art3_religious"
    ART3_RACIAL = "art3_racial"
    MISUSE_OF_CHANNELS = "misuse_of_channels"
    ART2_IN_ABSENTIA = "art2_in_absentia"
    REFUGEE_PROTECTED_STATUS = "refugee_protected_status"
    PRIOR_CCF_DELETION_SAME_FACTS = "prior_ccf_deletion_same_facts"
    PRIVATE_DISPUTE = "private_dispute"
    EXTRADITION_REFUSED = "extradition_refused"
    MINIMUM_CRITERIA_NOT_MET = "minimum_criteria_not_met"
    INSUFFICIENT_SUMMARY_OF_FACTS = "insufficient_summary_of_facts"


class ReasonCode(StrEnum):
    """Stable codes of screening findings."""

    # Hard blocks: route `blocked` whatever the score.
    REFUGEE_PROTECTED_STATUS = "refugee_protected_status"
    INTERNATIONAL_OFFICIAL_IN_CAPACITY = "international_official_in_capacity"
    ART3_POLITICAL_PREDOMINANCE = "art3_political_predominance"
    ART3_MILITARY = "art3_military"
    ART3_RELIGIOUS = "art3_religious"
    MINIMUM_CRITERIA_NOT_MET = "minimum_criteria_not_met"
    PRIOR_CCF_DELETION_SAME_FACTS = "prior_ccf_deletion_same_facts"
    # Status of the person (predominance factor 2).
    STATUS_JOURNALIST = "status_journalist"
    STATUS_HUMAN_RIGHTS_DEFENDER = "status_human_rights_defender"
    STATUS_POLITICIAN = "status_politician"
    STATUS_OPPOSITION_FIGURE = "status_opposition_figure"
    STATUS_DECLARED_OCCUPATION = "status_declared_occupation"
    REFUGEE_STATUS_COUNTRY_UNKNOWN = "refugee_status_country_unknown"
    INTERNATIONAL_OFFICIAL_OTHER_ACTS = "international_official_other_acts"
    POSSIBLE_PROTECTED_PERSON = "possible_protected_person"
    # Nature of the offence (predominance factor 1).
    PURE_OFFENCE_AMONG_CHARGES = "pure_offence_among_charges"
    DISSENT_LAW_PROVISION = "dissent_law_provision"
    DISSENT_LAW_ECONOMIC_PROVISION = "dissent_law_economic_provision"
    FACTS_PUBLICATION = "facts_publication"
    FACTS_PROTEST = "facts_protest"
    FACTS_CRITICISM = "facts_criticism"
    FACTS_ELECTION = "facts_election"
    FACTS_OPPOSITION = "facts_opposition"
    FACTS_BUSINESS_DISPUTE_STATE = "facts_business_dispute_state"
    PARALLEL_CIVIL_DISPUTE = "parallel_civil_dispute"
    FACTS_ASSET_SEIZURE = "facts_asset_seizure"
    ECONOMIC_CHARGE_SECOND_SIGNAL = "economic_charge_second_signal"
    FACTS_DESIGNATED_ORGANISATION = "facts_designated_organisation"
    EVERYDAY_CHARGE_AGAINST_CRITIC = "everyday_charge_against_critic"
    FACTS_POLICE_FIND_OR_CONFESSION = "facts_police_find_or_confession"
    CHARGE_STACKING = "charge_stacking"
    # Substance of the summary (P8; RPD Art. 83(2)(b)(i)).
    FACTS_NO_EVIDENCE = "facts_no_evidence"
    FACTS_NO_TIME_OR_PLACE = "facts_no_time_or_place"
    FACTS_BOILERPLATE = "facts_boilerplate"
    # Timing and context (general context; positions of other states).
    CHARGES_AFTER_DEPARTURE = "charges_after_departure"
    CHARGES_AFTER_CRITICISM = "charges_after_criticism"
    ART2_IN_ABSENTIA = "art2_in_absentia"
    EXTRADITION_REFUSED_ELSEWHERE = "extradition_refused_elsewhere"
    RECIPIENT_FLAGS_ON_EARLIER = "recipient_flags_on_earlier"
    # History of requests about the person (misuse of channels, P4).
    RESUBMISSION_OTHER_CHARGES = "resubmission_other_charges"
    RESUBMISSION_SAME_CHARGES = "resubmission_same_charges"
    RESUBMISSION_AFTER_WITHDRAWAL = "resubmission_after_withdrawal"
    EARLIER_REQUEST_OTHER_CHARGES = "earlier_request_other_charges"
    PRIOR_CCF_DELETION = "prior_ccf_deletion"
    COMMISSION_CASE_PENDING = "commission_case_pending"
    # Identity of the source (predominance factor 3).
    REQUESTER_HIGH_REVERSAL_RATE = "requester_high_reversal_rate"
    REQUESTER_HIGH_REFUSAL_RATE = "requester_high_refusal_rate"
    REQUESTER_MEASURE_IN_FORCE = "requester_measure_in_force"
    # Learned component.
    MODEL_EVIDENCE = "model_evidence"
    WORDING_EVIDENCE = "wording_evidence"


class Severity(StrEnum):
    """How much a finding matters; `block` only for hard blocks."""

    BLOCK = "block"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"


SEVERITY_RANK: dict[Severity, int] = {
    Severity.BLOCK: 0,
    Severity.HIGH: 1,
    Severity.MEDIUM: 2,
    Severity.LOW: 3,
    Severity.INFO: 4,
}

HIGH_AT = 0.45
MEDIUM_AT = 0.20
LOW_AT = 0.05


def severity_for(weight: float, *, hard: bool = False) -> Severity:
    """Severity of a finding from its weight (hard blocks are always `block`)."""
    if hard:
        return Severity.BLOCK
    if weight >= HIGH_AT:
        return Severity.HIGH
    if weight >= MEDIUM_AT:
        return Severity.MEDIUM
    if weight >= LOW_AT:
        return Severity.LOW
    return Severity.INFO


@dataclass(frozen=True, slots=True)
class ReasonInfo:
    """Catalogue entry for a reason code."""

    label: str
    ground: Ground | None
    hard: bool = False


# Codes the requester never gets with its screening summary: that the person has a case before
# the commission is the commission's and the applicant's to disclose (Art. 35), not the screening's;
# that its wording weighed would teach a requester which words to avoid.
WITHHELD_FROM_REQUESTER = frozenset({ReasonCode.COMMISSION_CASE_PENDING, ReasonCode.WORDING_EVIDENCE})

# The learned components' codes: neither is a rule's finding nor an input of the learned model.
LEARNED_CODES = frozenset({ReasonCode.MODEL_EVIDENCE, ReasonCode.WORDING_EVIDENCE})

_P = Ground.ART3_POLITICAL_PREDOMINANCE
_M = Ground.MISUSE_OF_CHANNELS
_S = Ground.INSUFFICIENT_SUMMARY_OF_FACTS

REASONS: dict[ReasonCode, ReasonInfo] = {
    ReasonCode.REFUGEE_PROTECTED_STATUS: ReasonInfo(
        "Recognised refugee or asylum seeker; the request comes from the country fled",
        Ground.REFUGEE_PROTECTED_STATUS,
        hard=True,
    ),
    ReasonCode.INTERNATIONAL_OFFICIAL_IN_CAPACITY: ReasonInfo(
        "Official of an international court or organisation pursued for acts in that capacity",
        _P,
        hard=True,
    ),
    ReasonCode.ART3_POLITICAL_PREDOMINANCE: ReasonInfo(
        "Purely political offence (treason, espionage, sedition, insulting the head of state)",
        _P,
        hard=True,
    ),
    ReasonCode.ART3_MILITARY: ReasonInfo(
        "Purely military offence (desertion, draft evasion)", Ground.ART3_MILITARY, hard=True
    ),
    ReasonCode.ART3_RELIGIOUS: ReasonInfo(
        "Purely religious offence (blasphemy, apostasy)", Ground.ART3_RELIGIOUS, hard=True
    ),
    ReasonCode.MINIMUM_CRITERIA_NOT_MET: ReasonInfo(
        "Minimum criteria for the request not met at intake",
        Ground.MINIMUM_CRITERIA_NOT_MET,
        hard=True,
    ),
    ReasonCode.PRIOR_CCF_DELETION_SAME_FACTS: ReasonInfo(
        "The commission already ordered this person's data deleted on the same charges",
        Ground.PRIOR_CCF_DELETION_SAME_FACTS,
        hard=True,
    ),
    ReasonCode.STATUS_JOURNALIST: ReasonInfo("Subject is a registered journalist", _P),
    ReasonCode.STATUS_HUMAN_RIGHTS_DEFENDER: ReasonInfo("Subject is a registered human-rights defender", _P),
    ReasonCode.STATUS_POLITICIAN: ReasonInfo("Subject is a registered politician", _P),
    ReasonCode.STATUS_OPPOSITION_FIGURE: ReasonInfo("Subject is a registered opposition figure", _P),
    ReasonCode.STATUS_DECLARED_OCCUPATION: ReasonInfo(
        "Declared occupation is press, politics or human rights", _P
    ),
    ReasonCode.REFUGEE_STATUS_COUNTRY_UNKNOWN: ReasonInfo(
        "Refugee or asylum status recorded, country of persecution not recorded",
        Ground.REFUGEE_PROTECTED_STATUS,
    ),
    ReasonCode.INTERNATIONAL_OFFICIAL_OTHER_ACTS: ReasonInfo(
        "Subject is an international official; the acts seem outside that capacity", _P
    ),
    ReasonCode.POSSIBLE_PROTECTED_PERSON: ReasonInfo(
        "Possible match with a refugee or international official (score below blocking)",
        Ground.REFUGEE_PROTECTED_STATUS,
    ),
    ReasonCode.PURE_OFFENCE_AMONG_CHARGES: ReasonInfo(
        "A purely political, military or religious offence among ordinary charges", _P
    ),
    ReasonCode.DISSENT_LAW_PROVISION: ReasonInfo(
        "Provision documented in use against dissent in the requesting country", _P
    ),
    ReasonCode.DISSENT_LAW_ECONOMIC_PROVISION: ReasonInfo(
        "Economic or ordinary provision documented in use against critics and businesses", _P
    ),
    ReasonCode.FACTS_PUBLICATION: ReasonInfo("Facts speak of publications or journalism", _P),
    ReasonCode.FACTS_PROTEST: ReasonInfo("Facts speak of protests or assemblies", _P),
    ReasonCode.FACTS_CRITICISM: ReasonInfo("Facts speak of criticism of the authorities", _P),
    ReasonCode.FACTS_ELECTION: ReasonInfo("Facts speak of elections or candidacies", _P),
    ReasonCode.FACTS_OPPOSITION: ReasonInfo("Facts speak of opposition or activism", _P),
    ReasonCode.FACTS_BUSINESS_DISPUTE_STATE: ReasonInfo(
        "Facts speak of a business dispute with the state", Ground.PRIVATE_DISPUTE
    ),
    ReasonCode.PARALLEL_CIVIL_DISPUTE: ReasonInfo(
        "Parallel civil or arbitration proceedings", Ground.PRIVATE_DISPUTE
    ),
    ReasonCode.FACTS_ASSET_SEIZURE: ReasonInfo(
        "Facts speak of assets frozen or seized, or a company taken over (P1)", Ground.PRIVATE_DISPUTE
    ),
    ReasonCode.ECONOMIC_CHARGE_SECOND_SIGNAL: ReasonInfo(
        "Fraud, embezzlement, tax or laundering charge with a second political signal (P1, U)", _P
    ),
    ReasonCode.FACTS_DESIGNATED_ORGANISATION: ReasonInfo(
        "Conduct is membership, financing, posting or attending of a group the state designated (P5)",
        _P,
    ),
    ReasonCode.EVERYDAY_CHARGE_AGAINST_CRITIC: ReasonInfo(
        "Everyday charge (drugs, weapons, extortion, sexual, hooliganism) against a journalist, "
        "activist or opponent (P3)",
        _P,
    ),
    ReasonCode.FACTS_POLICE_FIND_OR_CONFESSION: ReasonInfo(
        "Evidence against a critic rests only on a police find or a confession (P3)", _P
    ),
    ReasonCode.CHARGE_STACKING: ReasonInfo(
        "Economic counts stacked on political or extremism counts (P6)", _P
    ),
    ReasonCode.FACTS_NO_EVIDENCE: ReasonInfo(
        "The summary names no evidence tying the person to the acts (P8)", _S
    ),
    ReasonCode.FACTS_NO_TIME_OR_PLACE: ReasonInfo(
        "The summary states no time or no place of the acts (P8)", _S
    ),
    ReasonCode.FACTS_BOILERPLATE: ReasonInfo(
        "The summary is made of general legal formulae (P8, Pestrikov)", _S
    ),
    ReasonCode.CHARGES_AFTER_DEPARTURE: ReasonInfo("Charges brought after the subject left the country", _P),
    ReasonCode.CHARGES_AFTER_CRITICISM: ReasonInfo(
        "Charges brought after the subject publicly criticised the government", _P
    ),
    ReasonCode.ART2_IN_ABSENTIA: ReasonInfo("Conviction or proceedings in absentia", Ground.ART2_IN_ABSENTIA),
    ReasonCode.EXTRADITION_REFUSED_ELSEWHERE: ReasonInfo(
        "Another state refused extradition", Ground.EXTRADITION_REFUSED
    ),
    ReasonCode.RECIPIENT_FLAGS_ON_EARLIER: ReasonInfo(
        "Other countries flagged earlier requests for this person", _P
    ),
    ReasonCode.RESUBMISSION_OTHER_CHARGES: ReasonInfo(
        "Re-submission of a refused or deleted request under other charges", _M
    ),
    ReasonCode.RESUBMISSION_SAME_CHARGES: ReasonInfo(
        "Re-submission of a refused or deleted request on the same charges", _M
    ),
    ReasonCode.RESUBMISSION_AFTER_WITHDRAWAL: ReasonInfo(
        "Re-submission after the requester withdrew an earlier request", _M
    ),
    ReasonCode.EARLIER_REQUEST_OTHER_CHARGES: ReasonInfo(
        "The requester already has a request about this person, on unrelated charges", _M
    ),
    ReasonCode.PRIOR_CCF_DELETION: ReasonInfo(
        "The commission ordered earlier data on this person deleted", _M
    ),
    ReasonCode.COMMISSION_CASE_PENDING: ReasonInfo(
        "A case about this person is open before the commission (it may order a provisional block)", None
    ),
    ReasonCode.REQUESTER_HIGH_REVERSAL_RATE: ReasonInfo(
        "High share of the requester's requests overturned by the commission", _P
    ),
    ReasonCode.REQUESTER_HIGH_REFUSAL_RATE: ReasonInfo(
        "High share of the requester's requests refused at review", _P
    ),
    ReasonCode.REQUESTER_MEASURE_IN_FORCE: ReasonInfo(
        "An oversight measure is in force on the requesting country", None
    ),
    ReasonCode.MODEL_EVIDENCE: ReasonInfo(
        "Learned model trained on past review and commission outcomes", None
    ),
    ReasonCode.WORDING_EVIDENCE: ReasonInfo(
        "Phrases of the request used more in requests the commission found non-compliant", None
    ),
}

HARD_BLOCK_CODES: frozenset[ReasonCode] = frozenset(c for c, i in REASONS.items() if i.hard)


def label(code: ReasonCode) -> str:
    """Human label of a reason code."""
    return REASONS[code].label
