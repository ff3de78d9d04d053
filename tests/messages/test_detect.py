"""What a message asks, in five languages, and which spans of it may be names."""

from __future__ import annotations

import pytest

from article3.messages import detect, unspaced
from article3.messages.rules import Ask

A = Ask
ASKING = [
    # English
    ("Could you tell us the whereabouts of the subject?", {A.WHEREABOUTS}),
    ("Please tell us where Ivan Petrov currently lives and his home address.", {A.WHEREABOUTS, A.ADDRESS}),
    ("We need his travel history and any border crossings since May.", {A.TRAVEL}),
    ("Please send his known associates and his phone number.", {A.CONTACTS}),
    ("Please arrest him upon arrival and keep him in custody.", {A.ARREST, A.DETENTION}),
    ("We request the provisional arrest of the person.", {A.ARREST}),
    # French
    ("Pourriez-vous nous indiquer où se trouve actuellement M. Dupont ?", {A.WHEREABOUTS}),
    ("Merci de nous communiquer son adresse et ses déplacements récents.", {A.ADDRESS, A.TRAVEL}),
    (
        "Nous vous prions de l'interpeller et de le placer en détention extraditionnelle.",
        {A.ARREST, A.DETENTION},
    ),
    ("Veuillez nous transmettre ses contacts et son numéro de téléphone.", {A.CONTACTS}),
    # Spanish
    ("Solicitamos información sobre el paradero de Carlos Gómez.", {A.WHEREABOUTS}),
    ("Rogamos nos informen de su domicilio y de sus viajes.", {A.ADDRESS, A.TRAVEL}),
    ("Les pedimos detenerlo y mantenerlo bajo custodia.", {A.ARREST, A.DETENTION}),
    ("Necesitamos sus contactos y su número de teléfono.", {A.CONTACTS}),
    # Arabic
    ("نرجو تحديد مكان وجود المدعو محمد عبد الله", {A.WHEREABOUTS}),
    ("يرجى تزويدنا بعنوانه وسجلات السفر الخاصة به", {A.ADDRESS, A.TRAVEL}),
    ("نرجو القبض عليه واحتجازه تمهيدا لتسليمه", {A.ARREST, A.DETENTION}),
    ("نرجو تزويدنا بأرقام هواتفه ومعارفه", {A.CONTACTS}),
    # Russian
    ("Просим установить местонахождение Ивана Петрова.", {A.WHEREABOUTS}),
    ("Сообщите его адрес проживания и сведения о пересечении границы.", {A.ADDRESS, A.TRAVEL}),
    ("Просим задержать его и сообщить, находится ли он под стражей.", {A.ARREST, A.DETENTION}),
    ("Просим сообщить его контакты и номер телефона.", {A.CONTACTS}),
]
ORDINARY = [
    "The arrest warrant was issued by the Lyon court on 2 April 2023; a copy is attached.",
    "Dear colleagues, please find attached the judgment in the case of Marc Delorme.",
    "Le mandat d'arrêt a été délivré le 2 avril 2023 par le juge d'instruction de Lyon.",
    "La orden de detención fue dictada por el Juzgado de Instrucción n.º 4 de Valencia.",
    "صدر أمر القبض عن محكمة دبي بتاريخ 3 مارس 2024 ونرفق نسخة منه",
    "Постановление об аресте вынесено Басманным районным судом 1 июня 2022 года.",
    "Please update the contact details of your bureau's duty officer.",
    "We confirm receipt of your letter about request A3-2024-000001 and will reply next week.",
]


@pytest.mark.parametrize(("text", "expected"), ASKING, ids=[t[:30] for t, _ in ASKING])
def test_asks_are_detected_in_each_language(text: str, expected: set[Ask]) -> None:
    assert detect.asks(text) == frozenset(expected)


@pytest.mark.parametrize("text", ORDINARY, ids=[t[:30] for t in ORDINARY])
def test_case_file_vocabulary_is_not_an_ask(text: str) -> None:
    assert detect.asks(text) == frozenset()


def test_every_language_is_in_the_pattern_file() -> None:
    assert {"en", "fr", "es", "ar", "ru"} <= set(detect.patterns().languages)


def test_name_spans_in_cased_scripts_skip_single_words_and_stopwords() -> None:
    spans = detect.name_spans(
        "Dear Colleagues, Please locate Ivan Petrov. Moscow confirms. Jean-Pierre de La Fontaine too."
    )
    assert "Ivan Petrov" in spans
    assert "Jean-Pierre de La Fontaine" in spans
    assert "Moscow" not in spans
    assert not any("Please" in s or "Dear" in s for s in spans)


def test_russian_declined_names_get_their_nominative() -> None:
    spans = detect.name_spans("Просим установить местонахождение Ивана Петрова и Анны Ивановой.")
    assert {"Ивана Петрова", "Иван Петров", "Анны Ивановой", "Анна Иванова"} <= set(spans)


def test_uncased_scripts_yield_word_windows_between_function_words() -> None:
    spans = detect.name_spans("نرجو تحديد مكان وجود المدعو محمد عبد الله")
    assert "محمد عبد الله" in spans
    assert not any("نرجو" in s or "المدعو" in s for s in spans)


def test_span_count_is_bounded() -> None:
    letters = "abcdefghij"
    text = " ".join(
        f"Name{letters[i % 10]}{letters[i // 10 % 10]} Surname{letters[i // 10 % 10]}," for i in range(99)
    )
    assert len(detect.name_spans(text)) == detect.MAX_SPANS


def test_unspaced_scripts_yield_name_spans() -> None:
    zh = detect.name_spans("请贵方协助查明王小明的下落并告知其住址。")
    assert "王小明" in zh and not any("的" in span for span in zh)
    assert "伊琳娜 索科洛娃" in detect.name_spans("请查明伊琳娜·索科洛娃的下落")
    assert "欧阳娜娜" in detect.name_spans("关于欧阳娜娜的来函")
    ja = detect.name_spans("田中太郎さんの所在を確認してください。山田花子氏の住所も。")
    assert {"田中太郎", "山田花子"} <= set(ja)
    assert "イリーナ ソコロワ" in detect.name_spans("イリーナ・ソコロワの居場所")
    assert "สมชาย ใจดี" in detect.name_spans("ขอให้ตรวจสอบที่อยู่ของนายสมชาย ใจดี และจับกุมตัว")
    assert len(detect.name_spans("王" * 5000)) <= detect.MAX_SPANS + unspaced.MAX_UNSPACED_SPANS


def test_asks_in_chinese_japanese_thai_but_not_warrants() -> None:
    assert detect.asks("请贵方协助查明王小明的下落") == {Ask.WHEREABOUTS}
    assert Ask.ARREST in detect.asks("请协助逮捕此人")
    assert not detect.asks("逮捕令已于三月签发，法院文件随后寄出。")
    assert Ask.WHEREABOUTS in detect.asks("田中太郎さんの所在を確認してください。")
    assert Ask.ARREST in detect.asks("กรุณาจับกุมตัวนายสมชาย ใจดี")


def test_focused_spans_read_the_asking_paragraph_first() -> None:
    padding = "\n\n".join(f"Witness Number{i} Listed Person{i}" for i in range(100))
    text = padding + "\n\nPlease establish the whereabouts of Irina Sokolova."
    spans = detect.focused_spans(text)
    assert spans[0] == "Irina Sokolova" and len(spans) <= detect.MAX_SPANS


def test_vowel_marks_and_romanised_ayn_do_not_break_a_name() -> None:
    assert "مرسي الحويطات" in detect.name_spans("نرجو تحديد مكان وجود المدعو مُرسي الحويطات")
    assert "ʿẠtb Ạlmfty" in detect.name_spans("nous vous prions de localiser ʿẠtb Ạlmfty et son adresse")
