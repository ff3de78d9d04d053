"""The section P checks (dissent-laws.md P1, P3, P5, P6, P8): abusive shapes reach enhanced
review; documented ordinary cases, in several languages, do not; thin ordinary summaries reach
standard review at most."""

from datetime import date

import pytest

from article3.screening.inputs import Offence, RegisterHit, RegisterKind, Request, ScreeningInput
from article3.screening.reasons import REASONS, Ground, ReasonCode
from article3.screening.rulesets import RULESET_VERSION, WEIGHTS, Route, assess

TODAY = date(2026, 11, 22)
NOT_ENHANCED = {Route.FAST_TRACK, Route.STANDARD_REVIEW}
NEW_CODES = {
    ReasonCode.FACTS_NO_EVIDENCE,
    ReasonCode.FACTS_NO_TIME_OR_PLACE,
    ReasonCode.FACTS_BOILERPLATE,
    ReasonCode.FACTS_DESIGNATED_ORGANISATION,
    ReasonCode.ECONOMIC_CHARGE_SECOND_SIGNAL,
    ReasonCode.EVERYDAY_CHARGE_AGAINST_CRITIC,
    ReasonCode.FACTS_POLICE_FIND_OR_CONFESSION,
    ReasonCode.CHARGE_STACKING,
    ReasonCode.FACTS_ASSET_SEIZURE,
}


def screen(country, offences, facts, occupations=(), **kw):
    request = Request(
        kind="red_notice",
        purpose="arrest",
        requesting_country=country,
        subject_names=("A. Person",),
        occupations=tuple(occupations),
        offences=tuple(offences),
        facts=facts,
        warrant_issued_on=date(2025, 3, 1),
    )
    return assess(ScreeningInput(request=request, today=TODAY, **kw))


def off(provision, description, category="", on=None, place=""):
    return Offence(provision, description, category, on, place)


# Genuine, well-documented ordinary summaries: named victims, records, seizures, witnesses.
DOCUMENTED = [
    ("GB", off("Fraud Act 2006, s. 1", "fraud by false representation", "fraud"),
     "Between March 2021 and June 2022 in Leeds the subject, director of a building firm, took "
     "deposits of GBP 1.8 million from 64 identified homeowners for extensions he never built; "
     "bank records show the money was moved to his personal accounts."),
    ("FR", off("Code pénal, art. 313-1", "escroquerie en bande organisée", "fraud"),
     "Entre janvier 2022 et mars 2023 à Lyon, le suspect a escroqué 37 personnes âgées de 1,2 "
     "million d'euros par de faux placements ; les relevés bancaires et les plaintes des victimes "
     "figurent au dossier."),
    ("CO", off("Código Penal, art. 376", "tráfico de estupefacientes", "drug_trafficking"),
     "El 14 de marzo de 2023 en el puerto de Cartagena fueron incautados 600 kg de cocaína en un "
     "contenedor de banano importado por la empresa del imputado; las interceptaciones telefónicas "
     "y los documentos de embarque lo vinculan con el envío."),
    ("RU", off("ст. 105 ч. 1 УК РФ", "убийство", "homicide"),
     "3 марта 2024 года в Казани обвиняемый в ходе ссоры нанёс соседу несколько ударов ножом, от "
     "которых потерпевший скончался; его опознали двое свидетелей, на ноже обнаружены его "
     "отпечатки пальцев."),
    ("RU", off("ст. 159 ч. 4 УК РФ", "мошенничество в особо крупном размере", "fraud"),
     "С января по август 2023 года в Новосибирске обвиняемый, представляясь сотрудником банка, "
     "похитил у 48 пенсионеров 23 миллиона рублей; выписки по счетам и заявления потерпевших "
     "приобщены к делу."),
    ("TR", off("TCK 82", "nitelikli kasten öldürme", "homicide"),
     "Şüpheli 9 Eylül 2024 tarihinde İzmir'de eşini bıçakla öldürdü; olay güvenlik kamerası "
     "tarafından kaydedildi ve iki tanık şüpheliyi teşhis etti."),
    ("EG", off("قانون العقوبات، المادة 230", "القتل العمد", "homicide"),
     "في 7 يوليو 2024 في مدينة الإسكندرية قتل المتهم زوجته عمدا، وأكد تقرير الطب الشرعي سبب الوفاة "
     "وشهد الجيران بأنه غادر الشقة."),
    ("CN", off("刑法第192条", "集资诈骗罪", "fraud"),
     "2021年5月至2022年5月，嫌疑人在杭州以虚构理财产品的方式向1240名被害人非法集资8600万元，"
     "银行流水和被害人陈述在案。"),
    ("US", off("18 U.S.C. § 1956", "money laundering", "money_laundering"),
     "Between 2019 and 2022 in Houston the subject laundered 14 million dollars of drug proceeds "
     "for a cartel through two car dealerships; bank records, wire transfers and the testimony of "
     "two cooperating witnesses establish his role."),
    ("FR", off("Code pénal, art. 421-2-1", "association de malfaiteurs terroriste", "terrorism"),
     "On 13 November 2015 in Paris the subject, a member of the terrorist organisation ISIS, shot "
     "customers dead at a café terrace; CCTV footage and his fingerprints identify him."),
    ("DE", off("StGB § 263", "Betrug (fraud)", "fraud", date(2023, 4, 1), "Köln"),
     "From April to October 2023 in Köln the subject sold 212 non-existent cars online to "
     "identified buyers and received EUR 2.3 million; the buyers' complaints and the platform's "
     "records are in the file. A court froze his assets."),
]  # fmt: skip


@pytest.mark.parametrize(("country", "offence", "facts"), DOCUMENTED)
def test_documented_ordinary_cases_stay_out_of_enhanced_review(country, offence, facts):
    a = screen(country, [offence], facts)
    assert a.route in NOT_ENHANCED, (a.route, a.codes)
    assert not {ReasonCode.FACTS_NO_EVIDENCE, ReasonCode.FACTS_DESIGNATED_ORGANISATION} & set(a.codes)


def test_documented_foreign_cases_without_catalogue_rows_are_fast_tracked():
    for country, offence, facts in DOCUMENTED:
        if country in {"GB", "FR", "CO", "US", "DE"}:
            a = screen(country, [offence], facts)
            assert a.route is Route.FAST_TRACK or a.codes == (ReasonCode.FACTS_ASSET_SEIZURE,), (
                country, a.codes)  # fmt: skip


# Thin but ordinary: no evidence named, sometimes no place. A reviewer looks; nothing more.
THIN = [
    ("RU", off("Article 105 of the Criminal Code", "murder", "homicide", date(2025, 1, 5), "Kazan"),
     "On 5 January 2025 in Kazan the suspect stabbed his neighbour several times with a knife "
     "during a quarrel; the victim died at the scene."),
    ("FR", off("Code pénal, art. 313-1", "escroquerie", "fraud"),
     "En 2022 le suspect a escroqué plusieurs investisseurs en leur promettant des rendements "
     "élevés."),
    ("TR", off("TCK 188", "uyuşturucu ticareti", "drug_trafficking", date(2024, 2, 1), "Mersin"),
     "Şüpheli Mersin limanında 40 kg kokain ile yakalanan örgütün lideridir."),
    ("CN", off("刑法第347条", "贩卖毒品罪", "drug_trafficking", date(2023, 4, 4), "广州"),
     "嫌疑人于2023年4月在广州贩卖冰毒十公斤。"),
    ("BR", off("Código Penal, art. 157", "roubo", "robbery"),
     "The suspect robbed a jewellery shop with two accomplices and took goods worth BRL 400,000."),
]  # fmt: skip


@pytest.mark.parametrize(("country", "offence", "facts"), THIN)
def test_thin_ordinary_summaries_reach_standard_review_at_most(country, offence, facts):
    a = screen(country, [offence], facts)
    assert a.route in NOT_ENHANCED, (a.route, a.codes)
    assert ReasonCode.FACTS_NO_EVIDENCE in a.codes


def test_missing_time_and_place_is_read_from_the_summary_and_the_offences():
    country, offence, facts = THIN[4]
    a = screen(country, [offence], facts)
    assert ReasonCode.FACTS_NO_TIME_OR_PLACE in a.codes
    dated = off(offence.provision, offence.description, "robbery", date(2024, 1, 2), "Recife")
    assert ReasonCode.FACTS_NO_TIME_OR_PLACE not in screen(country, [dated], facts).codes


# --- Abusive shapes -------------------------------------------------------------------------


def test_p1_thin_boilerplate_fraud_is_reviewed_but_thinness_is_no_second_signal():
    fraud = off("ст. 159 ч. 4 УК РФ", "мошенничество", "fraud", date(2020, 1, 1), "Москва")
    a = screen("RU", [fraud], "В период с 2019 по 2021 год обвиняемый, являясь генеральным директором "
               "общества, путём обмана похитил денежные средства в особо крупном размере, причинив "
               "существенный вред охраняемым законом интересам общества и государства.",
               occupations=["businessman"])  # fmt: skip
    # A thin summary is a data-quality question, not a political signal (section U): a
    # reviewer reads it, but the economic row stays uncorroborated.
    assert a.route is Route.STANDARD_REVIEW, a.codes
    assert {ReasonCode.FACTS_NO_EVIDENCE, ReasonCode.FACTS_BOILERPLATE} <= set(a.codes)
    row = next(f for f in a.findings if f.code is ReasonCode.DISSENT_LAW_ECONOMIC_PROVISION)
    assert row.weight == WEIGHTS.dissent_law_economic


def test_p1_economic_charge_in_a_country_without_catalogue_rows_needs_a_second_signal():
    embezzlement = off("Criminal Code, art. 171", "misappropriation of entrusted property", "",
                       date(2020, 6, 1), "Bishkek")  # fmt: skip
    plain = screen("KG", [embezzlement], "In June 2020 in Bishkek the subject transferred USD 2 "
                   "million of his employer's funds to his own company; bank records and the "
                   "auditor's report are in the file.")  # fmt: skip
    assert ReasonCode.ECONOMIC_CHARGE_SECOND_SIGNAL not in plain.codes
    assert plain.route is Route.FAST_TRACK
    abusive = screen("KG", [embezzlement], "In 2020 in Bishkek the subject misappropriated funds of "
                     "a state-owned mining company during a shareholder dispute with its new "
                     "owners; his shares were seized and transferred to the state.")  # fmt: skip
    assert abusive.route is Route.ENHANCED_REVIEW, abusive.codes
    found = next(f for f in abusive.findings if f.code is ReasonCode.ECONOMIC_CHARGE_SECOND_SIGNAL)
    assert "facts_business_dispute_state" in found.explanation
    assert found.evidence[0].ref == "offences[0]"
    assert ReasonCode.FACTS_ASSET_SEIZURE in abusive.codes


def test_p1_state_complainant_in_russian_counts_as_the_second_signal():
    tax = off(
        "ст. 199 ч. 2 УК РФ", "уклонение от уплаты налогов", "tax_evasion", date(2021, 1, 1), "Екатеринбург"
    )
    a = screen("RU", [tax], "В 2021 году в Екатеринбурге по заявлению государственной корпорации "
               "обвиняемый уклонился от уплаты налогов с организации на сумму 90 млн рублей.")  # fmt: skip
    assert ReasonCode.FACTS_BUSINESS_DISPUTE_STATE in a.codes
    assert a.route is Route.ENHANCED_REVIEW, a.codes


def test_p3_drugs_found_on_an_unregistered_journalist_reach_enhanced_review():
    drugs = off("Criminal Code, art. 260", "illegal possession of narcotic drugs", "drug_trafficking",
                date(2024, 5, 12), "Tbilisi")  # fmt: skip
    facts = ("On 12 May 2024 in Tbilisi police found 5 grams of heroin in the subject's car during a "
             "search; in custody he confessed.")  # fmt: skip
    a = screen("GE", [drugs], facts, occupations=["journalist"])
    assert a.route is Route.ENHANCED_REVIEW, a.codes
    assert {ReasonCode.EVERYDAY_CHARGE_AGAINST_CRITIC, ReasonCode.FACTS_POLICE_FIND_OR_CONFESSION} <= set(
        a.codes
    )
    find = next(f for f in a.findings if f.code is ReasonCode.FACTS_POLICE_FIND_OR_CONFESSION)
    assert "'police found'" in find.explanation
    assert any(e.ref.startswith("facts[") for e in find.evidence)
    # The same find against a lorry driver is an ordinary drugs case.
    ordinary = screen("GE", [drugs], facts, occupations=["lorry driver"])
    assert ordinary.route is Route.FAST_TRACK, ordinary.codes


def test_p3_a_police_find_is_read_without_the_word_search():
    drugs = off("Criminal Code, art. 260", "illegal sale of narcotic drugs", "drug_trafficking",
                date(2024, 2, 1), "Batumi")  # fmt: skip
    facts = (
        "In February 2024 in Batumi police found 51 g of a narcotic substance in his flat, intended for sale."
    )
    a = screen("GE", [drugs], facts, occupations=["journalist"])
    assert ReasonCode.FACTS_POLICE_FIND_OR_CONFESSION in a.codes, a.codes
    assert screen("GE", [drugs], facts, occupations=["welder"]).route is not Route.ENHANCED_REVIEW


def test_p3_extortion_against_a_journalist_named_in_the_facts():
    extortion = off("Código Penal, art. 244", "extorsión", "extortion", date(2023, 9, 1), "Managua")
    a = screen("HN", [extortion], "El 1 de septiembre de 2023 en Tegucigalpa el imputado, periodista "
               "del diario local, fue encontrado con 5.000 dólares que habría exigido a un empresario; "
               "confesó durante su detención.")  # fmt: skip
    assert a.route is Route.ENHANCED_REVIEW, a.codes
    assert ReasonCode.EVERYDAY_CHARGE_AGAINST_CRITIC in a.codes


P5 = [
    ("KG", off("Criminal Code, art. 327", "participation in the activity of a banned organisation"),
     "Since March 2022 in Bishkek the subject has been a member of a movement recognised as extremist "
     "by the Supreme Court, reposted its materials on Telegram and attended its meetings."),
    ("TR", off("TCK 314/2", "silahlı terör örgütüne üye olma"),
     "Şüpheli, FETÖ/PDY silahlı terör örgütünün üyesi olup 2015 yılında ByLock programını kullanmış "
     "ve Bank Asya'ya para yatırmıştır."),
    ("EG", off("قانون مكافحة الإرهاب، المادة 12", "الانضمام إلى جماعة إرهابية"),
     "انضم المتهم في عام 2020 بالقاهرة إلى جماعة أسست على خلاف أحكام القانون وشارك في الترويج "
     "لأفكارها."),
    ("CN", off("刑法第300条", "组织、利用邪教组织破坏法律实施罪"),
     "嫌疑人2021年在北京多次参加邪教组织的聚会并传播其宣传品。"),
    ("BY", off("Criminal Code, art. 361-1", "participation in an extremist formation"),
     "In 2021 in Minsk the subject donated 20 roubles to a foundation recognised as an extremist "
     "formation and shared its posts."),
    ("AM", off("Criminal Code, art. 999", "membership of a prohibited organisation"),
     "En 2022 à Erevan le suspect a adhéré à une organisation interdite et a publié ses appels."),
]  # fmt: skip


@pytest.mark.parametrize(("country", "offence", "facts"), P5)
def test_p5_belonging_posting_or_attending_a_designated_group_reaches_enhanced_review(
    country, offence, facts
):
    a = screen(country, [offence], facts)
    assert a.route is Route.ENHANCED_REVIEW, a.codes


def test_p5_finding_quotes_the_designation_and_the_conduct():
    country, offence, facts = P5[0]
    a = screen(country, [offence], facts)
    found = next(f for f in a.findings if f.code is ReasonCode.FACTS_DESIGNATED_ORGANISATION)
    assert "recognised as extremist" in found.explanation
    assert found.weight == WEIGHTS.designated_organisation
    assert found.ground == Ground.ART3_POLITICAL_PREDOMINANCE.value


def test_p5_does_not_fire_on_violent_acts_or_internationally_listed_groups():
    offence = off("Criminal Code, art. 999", "membership of a terrorist organisation")
    violent = screen("KG", [offence], "In 2019 in Osh the subject, a member of a banned group, "
                     "planted a bomb at the bus station; CCTV footage identifies him.")  # fmt: skip
    listed = screen("KG", [offence], "In 2016 in Raqqa the subject joined the terrorist organisation "
                    "Islamic State and posted its videos; intercepted messages identify him.")  # fmt: skip
    assert ReasonCode.FACTS_DESIGNATED_ORGANISATION not in violent.codes
    assert ReasonCode.FACTS_DESIGNATED_ORGANISATION not in listed.codes


def test_p6_economic_counts_stacked_on_extremism_counts():
    offences = [
        off("Criminal Code, art. 999", "participation in an extremist organisation"),
        off("Criminal Code, art. 998", "embezzlement of funds", "embezzlement"),
    ]
    a = screen("KG", offences, "In 2022 in Bishkek the subject, a member of an organisation recognised "
               "as extremist, financed its activity with funds of the company he managed.")  # fmt: skip
    assert ReasonCode.CHARGE_STACKING in a.codes
    assert ReasonCode.ECONOMIC_CHARGE_SECOND_SIGNAL in a.codes
    assert a.route is Route.ENHANCED_REVIEW


def test_p8_findings_map_to_the_insufficient_summary_ground():
    for code in (
        ReasonCode.FACTS_NO_EVIDENCE,
        ReasonCode.FACTS_NO_TIME_OR_PLACE,
        ReasonCode.FACTS_BOILERPLATE,
    ):
        assert REASONS[code].ground is Ground.INSUFFICIENT_SUMMARY_OF_FACTS


def test_registered_journalist_drug_case_keeps_every_signal():
    journalist = RegisterHit("REG-9", RegisterKind.JOURNALIST, None, "CPJ", date(2020, 1, 1), 0.95)
    drugs = off("Criminal Code, art. 234", "illegal trafficking of narcotic drugs", "drug_trafficking",
                date(2024, 1, 2), "Baku")  # fmt: skip
    a = screen("AZ", [drugs], "On 2 January 2024 in Baku 300 grams of heroin were found in the "
               "subject's flat during a search.", register_hits=(journalist,))  # fmt: skip
    assert a.route is Route.ENHANCED_REVIEW
    assert ReasonCode.FACTS_POLICE_FIND_OR_CONFESSION in a.codes


def test_every_new_code_has_a_ground_and_the_ruleset_is_versioned():
    assert RULESET_VERSION == "2026.11.5"
    assert all(REASONS[code].ground is not None for code in NEW_CODES)


def test_words_in_a_charge_are_pointed_at_as_the_offence():
    country, offence, facts = P5[0]
    found = next(f for f in screen(country, [offence], facts).findings
                 if f.code is ReasonCode.FACTS_DESIGNATED_ORGANISATION)  # fmt: skip
    kinds = {e.ref: e.kind.value for e in found.evidence}
    assert kinds.get("offences[0]") == "offence"
    assert any(ref.startswith("facts[") for ref in kinds)


def test_a_catalogued_economic_row_is_not_counted_twice():
    fraud = off("ст. 159 ч. 4 УК РФ", "мошенничество", "fraud", date(2022, 1, 1), "Тверь")
    a = screen("RU", [fraud], "In 2022 in Tver the subject collected 3 million roubles from readers.",
               occupations=["journalist"])  # fmt: skip
    assert ReasonCode.DISSENT_LAW_ECONOMIC_PROVISION in a.codes
    assert ReasonCode.ECONOMIC_CHARGE_SECOND_SIGNAL not in a.codes


def test_the_persons_own_public_statements_are_not_evidence():
    a = screen("KG", [off("Criminal Code, art. 999", "false information", "", date(2023, 2, 1), "Osh")],
               "In February 2023 in Osh the subject made public statements and posted messages "
               "against the government.")  # fmt: skip
    assert ReasonCode.FACTS_NO_EVIDENCE in a.codes
