"""Each check firing and not firing (pure, no database)."""

from dataclasses import replace
from datetime import date

import pytest

from article3.screening import checks, checks_history, checks_offence
from article3.screening.context import Context
from article3.screening.inputs import (
    EarlierRequest,
    EarlierStatus,
    FlagsOnEarlier,
    Offence,
    PriorProceeding,
    RegisterHit,
    RegisterKind,
    Request,
    RequesterRecord,
    ScreeningInput,
)
from article3.screening.reasons import ReasonCode, Severity
from article3.screening.rulesets import ENHANCED_REVIEW_AT, WEIGHTS

TODAY = date(2026, 8, 24)
CTX = Context(weights=WEIGHTS)
HOMICIDE = Offence("Article 105 part 1 of the Criminal Code", "murder", "homicide", date(2024, 5, 1))


def make(country="RU", offences=(HOMICIDE,), facts="He stabbed the victim.", **kw):
    req_kw = {k: kw.pop(k) for k in list(kw) if k in Request.__dataclass_fields__}
    request = Request(
        kind="red_notice",
        purpose="arrest",
        requesting_country=country,
        offences=tuple(offences),
        facts=facts,
        warrant_issued_on=req_kw.pop("warrant_issued_on", date(2024, 6, 1)),
        **req_kw,
    )
    return ScreeningInput(request=request, today=TODAY, **kw)


def codes(findings):
    return {f.code for f in findings}


def hit(kind, against=None, score=0.95, since=None, org=None, entry="REG-1"):
    return RegisterHit(entry, kind, against, org, since, score)


def test_criteria_failures_block_with_their_own_ground():
    found = checks.check_criteria(make(criteria_failures=("penalty_threshold_not_met",)), CTX)
    assert found[0].code is ReasonCode.MINIMUM_CRITERIA_NOT_MET
    assert found[0].ground == "penalty_threshold_not_met"
    assert found[0].severity is Severity.BLOCK
    assert checks.check_criteria(make(), CTX) == []


def test_refugee_rule_fires_only_against_the_country_fled():
    blocked = checks.check_refugee(make(register_hits=(hit(RegisterKind.REFUGEE, "RU"),)), CTX)
    assert codes(blocked) == {ReasonCode.REFUGEE_PROTECTED_STATUS}
    other = checks.check_refugee(make(register_hits=(hit(RegisterKind.REFUGEE, "IR"),)), CTX)
    assert other == []
    unknown = checks.check_refugee(make(register_hits=(hit(RegisterKind.ASYLUM_SEEKER),)), CTX)
    assert codes(unknown) == {ReasonCode.REFUGEE_STATUS_COUNTRY_UNKNOWN}
    weak = checks.check_refugee(make(register_hits=(hit(RegisterKind.REFUGEE, "RUS", 0.6),)), CTX)
    assert codes(weak) == {ReasonCode.POSSIBLE_PROTECTED_PERSON}
    assert not weak[0].hard


def test_refugee_explanation_does_not_name_the_granting_state():
    found = checks.check_refugee(make(register_hits=(hit(RegisterKind.REFUGEE, "RU", org="Germany"),)), CTX)
    assert "Germany" not in found[0].explanation
    assert found[0].evidence[0].ref == "REG-1"


def test_international_official_in_office_blocks_before_office_flags():
    official = hit(RegisterKind.INTERNATIONAL_OFFICIAL, since=date(2020, 1, 1), org="ICC")
    blocked = checks.check_international_official(make(register_hits=(official,)), CTX)
    assert codes(blocked) == {ReasonCode.INTERNATIONAL_OFFICIAL_IN_CAPACITY}
    old = replace(HOMICIDE, committed_on=date(2015, 1, 1))
    flagged = checks.check_international_official(make(offences=(old,), register_hits=(official,)), CTX)
    assert codes(flagged) == {ReasonCode.INTERNATIONAL_OFFICIAL_OTHER_ACTS}
    assert checks.check_international_official(make(), CTX) == []


def test_pure_offences_block_when_all_offences_are_pure():
    treason = Offence("Article 275", "high treason", "treason")
    assert codes(checks_offence.check_pure_offences(make(offences=(treason,)), CTX)) == {
        ReasonCode.ART3_POLITICAL_PREDOMINANCE
    }
    desertion = Offence("Article 338", "desertion from military unit", "")
    assert codes(checks_offence.check_pure_offences(make(offences=(desertion,)), CTX)) == {
        ReasonCode.ART3_MILITARY
    }
    blasphemy = Offence("PPC s. 295-C", "blasphemy", "", None)
    assert codes(checks_offence.check_pure_offences(make("PK", offences=(blasphemy,)), CTX)) == {
        ReasonCode.ART3_RELIGIOUS
    }


def test_pure_offence_from_catalogue_row_and_mixed_charges():
    insult = Offence("TCK 299", "", "")
    assert codes(checks_offence.check_pure_offences(make("TR", offences=(insult,)), CTX)) == {
        ReasonCode.ART3_POLITICAL_PREDOMINANCE
    }
    mixed = checks_offence.check_pure_offences(make("TR", offences=(insult, HOMICIDE)), CTX)
    assert codes(mixed) == {ReasonCode.PURE_OFFENCE_AMONG_CHARGES}
    assert not mixed[0].hard


def test_industrial_espionage_is_not_a_pure_offence():
    spy = Offence("Article 183", "industrial espionage: theft of trade secrets", "fraud")
    assert checks_offence.check_pure_offences(make(offences=(spy,)), CTX) == []


def test_status_register_hits_weigh_by_score():
    found = checks.check_status(make(register_hits=(hit(RegisterKind.JOURNALIST, score=0.5),)), CTX)
    assert codes(found) == {ReasonCode.STATUS_JOURNALIST}
    assert found[0].weight == round(WEIGHTS.status_journalist * 0.5, 4)
    assert checks.check_status(make(register_hits=(hit(RegisterKind.REFUGEE, "IR"),)), CTX) == []


def test_declared_occupation():
    assert codes(checks_offence.check_occupations(make(occupations=("Журналист",)), CTX)) == {
        ReasonCode.STATUS_DECLARED_OCCUPATION
    }
    assert checks_offence.check_occupations(make(occupations=("plumber",)), CTX) == []


def test_dissent_law_catalogue_with_economic_rows_needing_a_second_signal():
    fake = Offence("ч. 2 ст. 207.3 УК РФ", "")
    found = checks_offence.check_dissent_laws(make(offences=(fake,)), CTX)
    assert codes(found) == {ReasonCode.DISSENT_LAW_PROVISION}
    assert any(e.ref == "RU-CC-207.3" for e in found[0].evidence)
    fraud = Offence("Article 159 part 4 of the Criminal Code", "fraud")
    alone = checks_offence.check_dissent_laws(make(offences=(fraud,)), CTX)
    assert alone[0].code is ReasonCode.DISSENT_LAW_ECONOMIC_PROVISION
    assert alone[0].weight == WEIGHTS.dissent_law_economic
    ctx = replace(CTX, prior=frozenset({ReasonCode.PARALLEL_CIVIL_DISPUTE}))
    corroborated = checks_offence.check_dissent_laws(make(offences=(fraud,)), ctx)
    assert corroborated[0].weight == WEIGHTS.dissent_law_economic_corroborated
    assert checks_offence.check_dissent_laws(make("FR", offences=(fake,)), CTX) == []


def test_dissent_law_title_keywords_without_article():
    found = checks_offence.check_dissent_laws(
        make(offences=(Offence("Criminal Code", "discrediting the armed forces"),)), CTX
    )
    assert codes(found) == {ReasonCode.DISSENT_LAW_PROVISION}


def test_facts_text_findings_quote_the_clause():
    found = checks_offence.check_facts_text(make(facts="He organised a protest rally."), CTX)
    assert codes(found) == {ReasonCode.FACTS_PROTEST}
    assert found[0].evidence[0].ref.startswith("facts[")
    assert checks_offence.check_facts_text(make(), CTX) == []


def test_charges_after_departure():
    left = make(subject_left_country_on=date(2024, 1, 1))
    assert codes(checks_history.check_charges_after_departure(left, CTX)) == {
        ReasonCode.CHARGES_AFTER_DEPARTURE
    }
    before = make(subject_left_country_on=date(2025, 1, 1))
    assert checks_history.check_charges_after_departure(before, CTX) == []
    assert checks_history.check_charges_after_departure(make(), CTX) == []


def test_charges_after_criticism_within_window():
    soon = make(subject_criticised_on=date(2024, 3, 1))
    assert codes(checks_history.check_charges_after_criticism(soon, CTX)) == {
        ReasonCode.CHARGES_AFTER_CRITICISM
    }
    long_ago = make(subject_criticised_on=date(2015, 3, 1))
    assert checks_history.check_charges_after_criticism(long_ago, CTX) == []


def test_proceedings_civil_in_absentia_extradition_refused():
    steps = (
        PriorProceeding("RU", "arbitration", date(2023, 1, 1)),
        PriorProceeding("RU", "in_absentia", date(2024, 7, 1)),
        PriorProceeding("FR", "extradition_refused", date(2025, 1, 1)),
    )
    found = checks_history.check_proceedings(make(prior_proceedings=steps), CTX)
    assert codes(found) == {
        ReasonCode.PARALLEL_CIVIL_DISPUTE,
        ReasonCode.ART2_IN_ABSENTIA,
        ReasonCode.EXTRADITION_REFUSED_ELSEWHERE,
    }
    assert checks_history.check_proceedings(make(), CTX) == []


def test_flags_on_earlier_requests():
    found = checks_history.check_flags(make(flags_on_earlier=FlagsOnEarlier(3, ("DE", "FR"))), CTX)
    assert found[0].code is ReasonCode.RECIPIENT_FLAGS_ON_EARLIER
    assert found[0].weight == WEIGHTS.flags_base + WEIGHTS.flags_per_extra_country
    assert checks_history.check_flags(make(), CTX) == []


def test_resubmission_under_other_charges_after_art3_refusal():
    earlier = EarlierRequest(
        "RN-2013-1", "RU", EarlierStatus.REFUSED, ("Article 199",), date(2013, 5, 1),
        ("art3_political_predominance",),
    )  # fmt: skip
    found = checks_history.check_resubmission(make(earlier_requests=(earlier,)), CTX)
    assert found[0].code is ReasonCode.RESUBMISSION_OTHER_CHARGES
    expected = WEIGHTS.resubmission_other + WEIGHTS.resubmission_after_art3_bonus
    assert found[0].weight == pytest.approx(expected)
    assert found[0].evidence[0].ref == "RN-2013-1"
    same = replace(earlier, provisions=("Art. 105",), refusal_codes=())
    assert checks_history.check_resubmission(make(earlier_requests=(same,)), CTX)[0].code is (
        ReasonCode.RESUBMISSION_SAME_CHARGES
    )
    other_country = replace(earlier, requesting_country="TR")
    assert checks_history.check_resubmission(make(earlier_requests=(other_country,)), CTX) == []
    live_same = replace(earlier, status=EarlierStatus.PUBLISHED, provisions=("Art. 105",), refusal_codes=())
    assert checks_history.check_resubmission(make(earlier_requests=(live_same,)), CTX) == []


def test_a_live_request_on_unrelated_charges_is_looked_at():
    """P4: the same source, the same person, new charges while the first request still stands."""
    live = EarlierRequest("RN-2013-1", "RU", EarlierStatus.PUBLISHED, ("Article 199",), None, ())
    [found] = checks_history.check_resubmission(make(earlier_requests=(live,)), CTX)
    assert found.code is ReasonCode.EARLIER_REQUEST_OTHER_CHARGES
    assert found.weight == pytest.approx(WEIGHTS.earlier_live_other_charges)
    assert found.weight < ENHANCED_REVIEW_AT  # alone, a reviewer looks: never enhanced review
    in_review = replace(live, status=EarlierStatus.IN_REVIEW)
    assert checks_history.check_resubmission(make(earlier_requests=(in_review,)), CTX)[0].code is (
        ReasonCode.EARLIER_REQUEST_OTHER_CHARGES
    )
    cancelled = replace(live, status=EarlierStatus.CANCELLED)
    assert checks_history.check_resubmission(make(earlier_requests=(cancelled,)), CTX) == []


def test_prior_ccf_deletion_same_charges_blocks():
    deleted = EarlierRequest("RN-1", "RU", EarlierStatus.DELETED, ("Article 105",))
    ccf = hit(RegisterKind.CCF_DELETION, "RU", entry="CCF-9")
    same = checks.check_prior_ccf_deletion(make(register_hits=(ccf,), earlier_requests=(deleted,)), CTX)
    assert codes(same) == {ReasonCode.PRIOR_CCF_DELETION_SAME_FACTS}
    other = checks.check_prior_ccf_deletion(make(register_hits=(ccf,)), CTX)
    assert codes(other) == {ReasonCode.PRIOR_CCF_DELETION}
    assert checks.check_prior_ccf_deletion(make(earlier_requests=(deleted,)), CTX) == []


def test_requester_record():
    bad = RequesterRecord(published=100, refused=60, complaints=40, overturned=20)
    found = checks_history.check_requester_record(make(requester_record=bad), CTX)
    assert codes(found) == {
        ReasonCode.REQUESTER_HIGH_REVERSAL_RATE,
        ReasonCode.REQUESTER_HIGH_REFUSAL_RATE,
    }
    good = RequesterRecord(published=500, refused=20, complaints=30, overturned=2)
    assert checks_history.check_requester_record(make(requester_record=good), CTX) == []
    thin = RequesterRecord(published=3, refused=3, complaints=2, overturned=2)
    assert checks_history.check_requester_record(make(requester_record=thin), CTX) == []


def test_a_requester_record_never_refuses_alone():
    """The reversal weight grows with the rate (half the excess over 25%) and stops at the cap."""
    half = RequesterRecord(published=100, refused=0, complaints=40, overturned=20)
    [found] = checks_history.check_requester_record(make(requester_record=half), CTX)
    assert found.weight == pytest.approx(0.20 + (0.50 - 0.25) / 2)
    worst = RequesterRecord(published=100, refused=0, complaints=40, overturned=40)
    [capped] = checks_history.check_requester_record(make(requester_record=worst), CTX)
    assert capped.weight == pytest.approx(CTX.weights.reversal_rate_max)
    assert capped.weight < ENHANCED_REVIEW_AT


def test_the_refusal_weight_stops_at_a_lower_cap():
    """The refusals are the system's own: half the excess over 30%, from 0.10, and never over 0.20,
    so a requester whose requests are all refused weighs no more than one refused half the time."""
    some = RequesterRecord(published=60, refused=40, complaints=0, overturned=0)
    [found] = checks_history.check_requester_record(make(requester_record=some), CTX)
    assert found.code is ReasonCode.REQUESTER_HIGH_REFUSAL_RATE
    assert found.weight == pytest.approx(0.10 + (0.40 - 0.30) / 2)
    weights = []
    for refused in (50, 90, 100):
        record = RequesterRecord(published=100 - refused, refused=refused, complaints=0, overturned=0)
        [capped] = checks_history.check_requester_record(make(requester_record=record), CTX)
        weights.append(capped.weight)
    assert weights == pytest.approx([CTX.weights.refusal_rate_max] * 3)
    assert CTX.weights.refusal_rate_max < CTX.weights.reversal_rate_max


def test_measures():
    found = checks_history.check_measures(make(measures_in_force=frozenset({"enhanced_review"})), CTX)
    assert codes(found) == {ReasonCode.REQUESTER_MEASURE_IN_FORCE}
    assert checks_history.check_measures(make(measures_in_force=frozenset({"other"})), CTX) == []
