"""End-to-end screening of ordinary and documented abusive cases (pure, no database)."""

from datetime import date

import pytest

from article3.screening.findings import noisy_or
from article3.screening.inputs import (
    EarlierRequest,
    EarlierStatus,
    Offence,
    PriorProceeding,
    RegisterHit,
    RegisterKind,
    Request,
    ScreeningInput,
)
from article3.screening.reasons import ReasonCode, Severity
from article3.screening.rulesets import (
    DEFAULT_RULESET,
    ENHANCED_REVIEW_AT,
    STANDARD_REVIEW_AT,
    Route,
    assess,
)

TODAY = date(2026, 8, 24)
ORDINARY_ROUTES = {Route.FAST_TRACK, Route.STANDARD_REVIEW}


def screen_input(country, offences, facts, **kw):
    req_kw = {k: kw.pop(k) for k in list(kw) if k in Request.__dataclass_fields__}
    request = Request(
        kind=req_kw.pop("kind", "red_notice"),
        purpose="arrest with a view to extradition",
        requesting_country=country,
        subject_names=("A. Person",),
        offences=tuple(offences),
        facts=facts,
        warrant_issued_on=req_kw.pop("warrant_issued_on", date(2025, 3, 1)),
        **req_kw,
    )
    return ScreeningInput(request=request, today=TODAY, **kw)


ORDINARY = [
    (
        "RU",
        Offence("Article 105 part 2 of the Criminal Code", "murder", "homicide", date(2025, 1, 5), "Kazan"),
        "On 5 January 2025 in Kazan the suspect stabbed his neighbour several times with a knife "
        "during a quarrel; the victim died at the scene.",
    ),
    (
        "RU",
        Offence(
            "ст. 228.1 ч. 4 УК РФ",
            "сбыт наркотических средств",
            "drug_trafficking",
            date(2024, 11, 2),
            "Москва",
        ),
        "Подозреваемый в составе группы сбыл 2 кг героина в Москве 2 ноября 2024 года.",
    ),
    (
        "TR",
        Offence("TCK 81", "kasten öldürme", "homicide", date(2024, 9, 9), "İzmir"),
        "Şüpheli 9 Eylül 2024 tarihinde İzmir'de eşini bıçakla öldürdü.",
    ),
    (
        "TR",
        Offence("TCK 188", "uyuşturucu ticareti", "drug_trafficking", date(2024, 2, 1), "Mersin"),
        "Şüpheli Mersin limanında 40 kg kokain ile yakalanan örgütün lideridir.",
    ),
    (
        "CN",
        Offence("刑法第347条", "走私、贩卖毒品罪", "drug_trafficking", date(2023, 4, 4), "广州"),
        "嫌疑人于2023年4月在广州贩卖冰毒十公斤。",
    ),
    (
        "CN",
        Offence("刑法第236条", "强奸罪 (rape of a minor)", "child_abuse", date(2022, 8, 1), "上海"),
        "嫌疑人在上海多次性侵一名十岁儿童。",
    ),
    (
        "BY",
        Offence("Article 139 of the Criminal Code", "murder", "homicide", date(2024, 3, 3), "Minsk"),
        "The suspect shot a taxi driver in Minsk on 3 March 2024 and took his car.",
    ),
    (
        "BY",
        Offence(
            "Article 166 of the Criminal Code",
            "sexual abuse of a child",
            "child_abuse",
            date(2023, 6, 6),
            "Brest",
        ),
        "The suspect repeatedly abused his 9-year-old stepdaughter in Brest between 2022 and 2023.",
    ),
    (
        "FR",
        Offence("Article 313-1 Code pénal", "escroquerie", "fraud", date(2024, 1, 10), "Lyon"),
        "Le suspect a escroqué 37 personnes âgées identifiées de 1,2 million d'euros par de faux placements.",
    ),
    (
        "BR",
        Offence("Art. 121 Código Penal", "homicídio", "homicide", date(2024, 12, 24), "Recife"),
        "The suspect killed two people in a bar in Recife on 24 December 2024.",
    ),
    (
        "NG",
        Offence(
            "Section 419 Criminal Code", "obtaining by false pretences", "fraud", date(2024, 5, 5), "Lagos"
        ),
        "The suspect defrauded 14 identified victims of USD 800,000 through a fake investment scheme.",
    ),
    (
        "EG",
        Offence("Penal Code art. 230", "premeditated murder", "homicide", date(2024, 7, 7), "Alexandria"),
        "قتل المتهم زوجته عمدا في الإسكندرية يوم 7 يوليو 2024.",
    ),
    (
        "VE",
        Offence("Código Penal art. 405", "homicidio intencional", "homicide", date(2024, 10, 1), "Maracaibo"),
        "El imputado mató a un comerciante durante un robo en Maracaibo.",
    ),
    (
        "IR",
        Offence("IPC art. 290", "intentional murder", "homicide", date(2024, 2, 2), "Tehran"),
        "The suspect killed his business partner with a firearm in Tehran.",
    ),
]


@pytest.mark.parametrize(("country", "offence", "facts"), ORDINARY)
def test_ordinary_cases_are_not_blocked(country, offence, facts):
    a = assess(screen_input(country, [offence], facts))
    assert a.route in ORDINARY_ROUTES, (a.route, a.codes)
    assert not any(f.hard for f in a.findings)


WITNESSED = " Two neighbours saw him leave the flat and his fingerprints are on the knife."


def test_documented_homicide_goes_fast_track():
    country, offence, facts = ORDINARY[0]
    facts += WITNESSED
    a = assess(screen_input(country, [offence], facts))
    assert a.route is Route.FAST_TRACK
    assert a.risk == 0.0
    assert a.findings == ()


def test_homicide_summary_naming_no_evidence_goes_to_standard_review():
    country, offence, facts = ORDINARY[0]
    a = assess(screen_input(country, [offence], facts))
    assert a.route is Route.STANDARD_REVIEW
    assert a.codes == (ReasonCode.FACTS_NO_EVIDENCE,)


def test_russian_fraud_with_identified_victims_is_standard_review_only():
    fraud = Offence("ст. 159 ч. 4 УК РФ", "мошенничество в особо крупном размере", "fraud")
    a = assess(screen_input("RU", [fraud], "Obtained RUB 40 million from 12 identified pensioners."))
    assert a.route is Route.STANDARD_REVIEW
    # Identified victims are evidence, so the economic row stays uncorroborated; the summary
    # gives no time or place and the offence record none either.
    assert a.codes == (ReasonCode.DISSENT_LAW_ECONOMIC_PROVISION, ReasonCode.FACTS_NO_TIME_OR_PLACE)


def test_international_court_judges_pursued_by_the_state_are_blocked():
    """Judges and a prosecutor charged after acting against the requesting state's leader."""
    judge = RegisterHit("REG-ICC-3", RegisterKind.INTERNATIONAL_OFFICIAL, None,
                        "International Criminal Court", date(2018, 3, 11), 0.99)  # fmt: skip
    offences = [
        Offence("ст. 299 ч. 2 УК РФ", "knowingly bringing an innocent person to criminal liability",
                "other", date(2023, 3, 17), "The Hague"),
        Offence("ст. 360 ч. 2 УК РФ", "preparing an attack on a representative of a foreign state "
                "enjoying international protection", "other", date(2023, 3, 17), "The Hague"),
    ]  # fmt: skip
    facts = ("The suspect, a judge, issued an unlawful arrest warrant against the President of "
             "the Russian Federation on 17 March 2023.")  # fmt: skip
    a = assess(screen_input("RU", offences, facts, register_hits=(judge,),
                            warrant_issued_on=date(2023, 9, 1)))  # fmt: skip
    assert a.route is Route.BLOCKED
    assert a.findings[0].code is ReasonCode.INTERNATIONAL_OFFICIAL_IN_CAPACITY
    assert a.findings[0].evidence[0].ref == "REG-ICC-3"
    assert a.risk == 1.0


def test_journalist_charged_with_involving_minors_who_left_is_escalated():
    offence = Offence("Article 151.2 part 2 of the Criminal Code of the Russian Federation",
                      "involving minors in acts dangerous to their life", "other",
                      date(2021, 1, 23), "Moscow")  # fmt: skip
    facts = ("The suspect, an editor of an online outlet, published reports and social media "
             "posts about student protests and called minors to take part in unauthorised rallies "
             "on 23 January 2021.")  # fmt: skip
    a = assess(screen_input(
        "RU", [offence], facts, occupations=("journalist, editor",),
        register_hits=(RegisterHit("REG-J-17", RegisterKind.JOURNALIST, None, "DOXA", None, 0.9),),
        subject_left_country_on=date(2021, 4, 1), warrant_issued_on=date(2021, 9, 15),
        prior_proceedings=(PriorProceeding("RU", "in_absentia", date(2022, 4, 12)),),
    ))  # fmt: skip
    assert a.route in {Route.ENHANCED_REVIEW, Route.BLOCKED}
    expected = {
        ReasonCode.STATUS_JOURNALIST,
        ReasonCode.DISSENT_LAW_PROVISION,
        ReasonCode.CHARGES_AFTER_DEPARTURE,
        ReasonCode.FACTS_PROTEST,
        ReasonCode.FACTS_PUBLICATION,
        ReasonCode.ART2_IN_ABSENTIA,
    }
    assert expected <= set(a.codes)
    catalogue = [e.ref for f in a.findings for e in f.evidence if e.kind == "catalogue_entry"]
    assert "RU-CC-151.2" in catalogue
    assert a.findings[0].severity is Severity.HIGH


def test_businessman_with_asylum_is_blocked_by_the_refugee_rule():
    offences = [
        Offence("ст. 159 ч. 4 УК РФ", "fraud on an especially large scale", "fraud", date(2022, 5, 1)),
        Offence("ст. 174.1 УК РФ", "laundering", "money_laundering", date(2022, 6, 1)),
    ]  # fmt: skip
    facts = ("The suspect, owner of a machine-building plant, refused to supply goods under the "
             "state defence order and transferred company funds abroad.")  # fmt: skip
    asylum = RegisterHit("REG-R-5", RegisterKind.REFUGEE, "RU", None, date(2023, 2, 1), 0.97)
    a = assess(screen_input("RU", offences, facts, register_hits=(asylum,),
                            subject_left_country_on=date(2022, 9, 1),
                            warrant_issued_on=date(2022, 11, 1)))  # fmt: skip
    assert a.route is Route.BLOCKED
    assert a.findings[0].code is ReasonCode.REFUGEE_PROTECTED_STATUS
    assert ReasonCode.FACTS_BUSINESS_DISPUTE_STATE in a.codes
    assert ReasonCode.DISSENT_LAW_ECONOMIC_PROVISION in a.codes


def test_enhanced_review_measure_sends_every_request_to_two_reviewers():
    country, offence, facts = ORDINARY[0]
    facts += WITNESSED
    assert assess(screen_input(country, [offence], facts)).route is Route.FAST_TRACK
    measure = frozenset({"enhanced_review"})
    a = assess(screen_input(country, [offence], facts, measures_in_force=measure))
    assert a.route is Route.ENHANCED_REVIEW
    assert ReasonCode.REQUESTER_MEASURE_IN_FORCE in a.codes


def test_browder_like_relabelled_resubmission_is_escalated():
    earlier = EarlierRequest("RN-2013-7", "RU", EarlierStatus.REFUSED, ("ст. 199 УК РФ",),
                             date(2013, 5, 24), ("art3_political_predominance",))  # fmt: skip
    fraud = Offence("ст. 159 ч. 4 УК РФ", "qualified swindling", "fraud", date(2012, 1, 1))
    a = assess(screen_input("RU", [fraud], "Obtained shares by deception.", earlier_requests=(earlier,)))
    assert a.route is Route.ENHANCED_REVIEW
    assert a.findings[0].code is ReasonCode.RESUBMISSION_OTHER_CHARGES
    # the economic row is corroborated by the re-submission
    econ = next(f for f in a.findings if f.code is ReasonCode.DISSENT_LAW_ECONOMIC_PROVISION)
    assert econ.weight > 0.3


def test_risk_is_the_noisy_or_of_the_weights_and_findings_are_ordered():
    offence = Offence("Article 280.3", "discrediting the armed forces", "other")
    a = assess(screen_input("RU", [offence], "He criticised the war in a video interview."))
    assert a.risk == pytest.approx(noisy_or(f.weight for f in a.findings), abs=1e-4)
    weights = [f.weight for f in a.findings]
    assert weights == sorted(weights, reverse=True)
    assert a.route is Route.ENHANCED_REVIEW
    assert a.ruleset == DEFAULT_RULESET.name
    assert a.version == DEFAULT_RULESET.version
    assert set(a.data_versions) == {"dissent_laws", "facts_indicators"}


def test_pure_offence_only_request_is_blocked():
    a = assess(screen_input("TR", [Offence("TCK 299", "Cumhurbaşkanına hakaret", "")],
                            "Şüpheli sosyal medyada Cumhurbaşkanına hakaret etti."))  # fmt: skip
    assert a.route is Route.BLOCKED
    assert a.findings[0].code is ReasonCode.ART3_POLITICAL_PREDOMINANCE


def test_thresholds_are_ordered():
    assert 0 < STANDARD_REVIEW_AT < ENHANCED_REVIEW_AT < 1
    second = [name for name, _ in DEFAULT_RULESET.second_phase]
    assert second[0] == "dissent_laws"
    assert "economic_second_signal" in second  # needs the first phase's findings
