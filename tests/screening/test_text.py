"""Pure tests of the multilingual text matching."""

import re

import pytest

from article3.screening import text
from article3.screening.catalogue import article_tokens, indicators, normalise_article
from article3.screening.text import TermMatcher, fold, fold_with_map


def test_fold_drops_accents_and_case_across_scripts():
    assert fold("Élection") == "election"
    assert fold("SEÇİM") == "secim"
    assert fold("ıslak") == "islak"
    assert fold("Ёлка") == "елка"
    assert fold("أحمد") == "احمد"


def test_fold_map_points_back_to_original_positions():
    folded, index = fold_with_map("Été à Paris")
    assert folded == "ete a paris"
    assert index is not None and index[4] == 4


def test_word_boundary_and_stems():
    m = TermMatcher.from_terms(["protest*", "rally"])
    assert m.matches("Protesters gathered")
    assert m.matches("a rally in the square")
    assert not m.matches("the rallying cry")
    assert not m.matches("counterprotest")  # must start at a word boundary


def test_substring_for_chinese_and_arabic():
    m = TermMatcher.from_terms(["抗议", "احتجاج"])
    assert m.matches("他参加了抗议活动")
    assert m.matches("شارك في الاحتجاجات")


def test_exclusions_cancel_a_hit():
    m = TermMatcher.from_terms(["espionage"], exclude=["industrial espionage"])
    assert m.matches("charged with espionage")
    assert not m.matches("charged with industrial espionage")


def test_hits_quote_the_original_text():
    hits = TermMatcher.from_terms(["manifestation*"]).find("Il a organisé des Manifestations.")
    assert hits[0].matched == "Manifestations"
    assert "organisé" in hits[0].snippet


@pytest.mark.parametrize(
    ("theme", "text"),
    [
        ("publication", "He published an investigation on social media."),
        ("publication", "Il a publié un article critique."),
        ("publication", "El periodista publicó un reportaje."),
        ("publication", "Опубликовал пост в социальных сетях."),
        ("publication", "Gazeteci olarak makale yayımladı."),
        ("publication", "نشر مقالة في صحيفة"),
        ("publication", "他在微博上发表文章"),
        ("protest", "participated in student protests"),
        ("protest", "a participé à des manifestations"),
        ("protest", "convocó protestas en Caracas"),
        ("protest", "участвовал в митинге"),
        ("protest", "Gezi Parkı protestolarına katıldı"),
        ("protest", "شارك في مظاهرات"),
        ("protest", "组织游行示威"),
        ("criticism", "openly criticised the president"),
        ("criticism", "критиковал власти"),
        ("criticism", "hükümeti eleştirdi"),
        ("criticism", "批评政府"),
        ("election", "announced his candidacy for the presidential election"),
        ("election", "publicó las actas electorales"),
        ("election", "наблюдатель на выборах"),
        ("election", "参加选举"),
        ("opposition", "a leading opposition activist"),
        ("opposition", "militant des droits de l'homme"),
        ("opposition", "лидер оппозиции"),
        ("opposition", "muhalefet partisi üyesi"),
        ("opposition", "ناشط في المعارضة"),
        ("opposition", "著名维权人士"),
        ("business_dispute_state", "refused to supply the Ministry of Defence"),
        ("business_dispute_state", "отказался поставлять продукцию по гособоронзаказу"),
        ("business_dispute_state", "se negó a suministrar a la empresa estatal"),
        ("business_dispute_state", "拒绝供应军方"),
    ],
)
def test_themes_in_many_languages(theme, text):
    assert indicators().themes[theme].matches(text)


@pytest.mark.parametrize(
    "text",
    [
        "The suspect stabbed the victim after a quarrel over a debt.",
        "Подозреваемый нанёс потерпевшему удары ножом.",
        "Şüpheli maktulü bıçakla öldürdü.",
        "嫌疑人贩卖毒品海洛因五公斤。",
        "El acusado vendió cocaína en la ciudad.",
        "The victim was in critical condition.",
    ],
)
def test_ordinary_facts_trigger_no_political_theme(text):
    for theme in ("protest", "criticism", "election", "opposition", "publication"):
        assert not indicators().themes[theme].matches(text), theme


def test_article_tokens_and_normalisation():
    assert article_tokens("p. 'a' part 2 art. 205.2 УК РФ") == {"2", "205.2"}
    assert normalise_article("124-A") == "124a"
    assert normalise_article("87 bis") == "87bis"
    assert normalise_article("7/2") == "7"
    assert "105" in article_tokens("刑法第105条")


def test_the_hoisted_word_start_guard_finds_the_same_hits_as_one_alternation():
    """`_compile` tests the word-start guard once per position: the hits must be those of the
    plain alternation of every term, in scripts with and without spaces."""
    terms = {
        "en": ["witness*", "state owned", "police found", "member*", "joined"],
        "ru": ["свидетел*", "экстремист*"],
        "zh": ["证人", "极端"],
        "ar": ["شاهد", "متطرف"],
    }
    boundaries = {"en": True, "ru": True, "zh": False, "ar": False}
    hoisted = text.matcher_from_languages(terms, boundaries)
    patterns = sorted(
        {text.term_pattern(t, boundary=boundaries[lang]) for lang, ts in terms.items() for t in ts},
        key=lambda p: (-len(p), p),
    )
    plain = re.compile("|".join(f"(?:{p})" for p in patterns))
    samples = [
        "Witnesses saw the membership card; a non-member joined later. Police found nothing.",
        "Свидетели показали, что он участвовал в экстремистской организации; несвидетель молчал.",
        "证人说他加入了极端组织。",
        "قال شاهد إن المتهم انضم إلى تنظيم متطرف",
        "The state-owned bank's former witness (a state owned firm) and Witnessing officers.",
    ]
    for sample in samples:
        folded, index = text.fold_with_map(sample)
        expected = [(m.start(), m.end()) for m in plain.finditer(folded) if m.end() > m.start()]
        got = hoisted.find(sample, limit=50)
        mapped = [(h.start, h.end) for h in got]
        if index is not None:
            expected = [(index[a], index[b - 1] + 1) for a, b in expected]
        assert mapped == expected, sample
        assert got, sample
