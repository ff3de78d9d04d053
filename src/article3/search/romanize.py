"""Romanisation systems: the several official Latin spellings of one native name.

Pure. A Cyrillic name reaches a border post spelt the way the issuing office
spelt it: ICAO Doc 9303 (passports), BGN/PCGN, ISO 9, German (Duden), French,
or the Ukrainian national system. `cyrillic_forms` returns all of them, in
lowercase ASCII, so that Pestrikov, Pestrikow, Pestrikoff and Pestrykov all
meet Пестриков. Other scripts use the ICU transliterators listed in
`ICU_SYSTEMS`, plus a few spelling tables (Korean surnames); kana also gets the
spellings Japanese passports use (`kana_passport_forms`: Sato, Satoh, Homma).
"""

from __future__ import annotations

import re
from functools import lru_cache

import icu

_COMMON = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu",
    "я": "ia", "і": "i", "ї": "i", "є": "ie", "ґ": "g", "ў": "u", "ј": "j", "љ": "lj",
    "њ": "nj", "ћ": "c", "ђ": "dj", "џ": "dz", "ѓ": "gj", "ќ": "kj", "ѕ": "dz",
}  # fmt: skip

# Differences from _COMMON (which is ICAO Doc 9303, 2013) per system.
_ICAO = {"ъ": "ie"}
_BGN = {"й": "y", "ю": "yu", "я": "ya", "є": "ye", "ї": "yi", "ё": "yo"}
_UKRAINIAN = {"г": "h", "и": "y", "й": "y", "ю": "yu", "я": "ya", "є": "ye", "ї": "yi"}
_GERMAN = {
    "в": "w", "ж": "sch", "з": "s", "й": "j", "х": "ch", "ц": "z", "ч": "tsch",
    "ш": "sch", "щ": "schtsch", "ю": "ju", "я": "ja", "ё": "jo", "є": "je", "ї": "ji",
}  # fmt: skip
_FRENCH = {
    "ж": "j", "й": "i", "у": "ou", "х": "kh", "ч": "tch", "ш": "ch", "щ": "chtch",
    "ю": "iou", "я": "ia", "ё": "io",
}  # fmt: skip

_VOWELS = set("аеёиоуыэюяіїє")
# Letters after which BGN and German write a "y"/"j" glide before е.
_IOTATING = {"bgn": "ye", "german": "je", "ukrainian": "ie", "ukrainian_i": "ie", "french": "ie"}

_SYSTEMS: dict[str, dict[str, str]] = {
    "icao": {**_COMMON, **_ICAO},
    "bgn": {**_COMMON, **_BGN},
    "ukrainian": {**_COMMON, **_UKRAINIAN},
    "ukrainian_i": {**_COMMON, **_UKRAINIAN, "и": "i"},
    "german": {**_COMMON, **_GERMAN},
    "french": {**_COMMON, **_FRENCH},
}

CYRILLIC_SYSTEMS = (*_SYSTEMS, "iso9", "legacy")

# ICU transliterator ids per script, each giving one more romanisation.
ICU_SYSTEMS: dict[str, tuple[str, ...]] = {
    "Grek": ("Greek-Latin/UNGEGN", "Greek-Latin/BGN", "Greek-Latin"),
    "Armn": ("Armenian-Latin/BGN", "Armenian-Latin"),
    "Geor": ("Georgian-Latin/BGN", "Georgian-Latin"),
    "Hebr": ("Hebrew-Latin/BGN", "Hebrew-Latin"),
    "Arab": ("Arabic-Latin",),
    "Hang": ("Hangul-Latin",),
    "Hani": ("Han-Latin/Names", "Han-Latin"),
    "Hira": ("Hiragana-Latin",),
    "Kana": ("Katakana-Latin", "Katakana-Latin/BGN"),
    "Thai": ("Thai-Latin",),
}
DEFAULT_ICU = ("Any-Latin",)
KANA_SCRIPTS = frozenset({"Hira", "Kana"})
_HEPBURN = "Katakana-Latin/BGN"  # passport-like Hepburn (namba, homma), hiragana too
_CHOON = "\u30fc"  # katakana-hiragana prolonged sound mark
_LATIN = "Any-Latin; Lower"  # keeps the macrons the chōon mark becomes
_MACRONS = str.maketrans({"ā": "aa", "ē": "ee", "ī": "ii", "ō": "ou", "ū": "uu"})
_LONG_VOWEL = re.compile(r"o[ou]|uu")

# Common Korean surnames and how passports spell them (Hangul-Latin gives RR).
KOREAN_SURNAMES: dict[str, tuple[str, ...]] = {
    "김": ("kim",), "이": ("lee", "yi", "rhee"), "박": ("park", "pak", "bak"),
    "최": ("choi", "choe"), "정": ("jung", "jeong", "chung"), "강": ("kang",),
    "조": ("cho", "jo"), "윤": ("yoon", "yun"), "장": ("jang", "chang"),
    "임": ("lim", "im", "rim"), "한": ("han",), "오": ("oh", "o"), "서": ("seo", "suh"),
    "신": ("shin", "sin"), "권": ("kwon", "gwon"), "황": ("hwang",), "안": ("ahn", "an"),
    "송": ("song",), "류": ("ryu", "yoo", "yu"), "유": ("yoo", "yu"), "홍": ("hong",),
    "전": ("jeon", "jun", "chun"), "고": ("ko", "go"), "문": ("moon", "mun"),
    "양": ("yang",), "손": ("son", "sohn"), "배": ("bae",), "백": ("baek", "paik"),
    "허": ("heo", "hur"), "남": ("nam",), "노": ("noh", "no", "roh"), "하": ("ha",),
    "곽": ("kwak",), "성": ("sung", "seong"), "차": ("cha",), "주": ("joo", "ju"),
    "우": ("woo", "u"), "구": ("koo", "gu"), "민": ("min",), "진": ("jin",),
}  # fmt: skip

# Wade-Giles (Taiwan, Hong Kong and older passports) from pinyin, apostrophes and umlauts
# dropped as in machine-readable zones: whole syllables first, then initials and finals.
_WADE_GILES_SYLLABLES = {
    "zi": "tzu", "ci": "tzu", "si": "ssu", "zhi": "chih", "chi": "chih", "shi": "shih", "ri": "jih",
    "er": "erh", "e": "o", "ge": "ko", "ke": "ko", "he": "ho", "yi": "i", "you": "yu", "yan": "yen",
    "ye": "yeh", "yue": "yueh", "yong": "yung", "duo": "to", "tuo": "to", "luo": "lo", "nuo": "no",
    "zuo": "tso", "cuo": "tso", "suo": "so", "ruo": "jo",
}  # fmt: skip
_WADE_GILES_INITIALS = (
    ("zh", "ch"), ("ch", "ch"), ("sh", "sh"), ("j", "ch"), ("q", "ch"), ("x", "hs"), ("z", "ts"),
    ("c", "ts"), ("r", "j"), ("b", "p"), ("d", "t"), ("g", "k"),
)  # fmt: skip
_WADE_GILES_FINALS = (
    ("iong", "iung"),
    ("ong", "ung"),
    ("ian", "ien"),
    ("ie", "ieh"),
    ("ue", "ueh"),
    ("ui", "uei"),
)
_PINYIN = "Han-Latin/Names"


def wade_giles(pinyin: str) -> str:
    """One pinyin syllable (no tone marks) in Wade-Giles without apostrophes or umlauts."""
    if pinyin in _WADE_GILES_SYLLABLES:
        return _WADE_GILES_SYLLABLES[pinyin]
    initial, final = "", pinyin
    for source, target in _WADE_GILES_INITIALS:
        if pinyin.startswith(source):
            initial, final = target, pinyin[len(source) :]
            break
    for source, target in _WADE_GILES_FINALS:
        if final.endswith(source):
            final = final[: -len(source)] + target
            break
    return initial + final


def han_wade_giles(token: str) -> str:
    """Wade-Giles of a Han `token`, character by character, syllables run together."""
    return "".join(wade_giles(icu_form(char, _PINYIN)) for char in token)


# Ayin and hamza carry a vowel in romanised Arabic and Hebrew names (Ali, Omar).
_AYIN_HAMZA = str.maketrans({"ʿ": "a", "ʾ": "a"})
_NOT_ASCII_LETTER = re.compile(r"[^a-z]+")
_TO_ASCII = "; Latin-ASCII; Lower"


def ascii_letters(text: str) -> str:
    """Keep only a-z (input is expected to be lowercase ASCII already)."""
    return _NOT_ASCII_LETTER.sub("", text)


@lru_cache(maxsize=64)
def transliterator(system: str) -> icu.Transliterator:
    """The ICU transliterator `system`, followed by ASCII folding and lower case."""
    return icu.Transliterator.createInstance(system + _TO_ASCII)


def icu_form(token: str, system: str) -> str:
    """One romanisation of `token` by ICU, letters a-z only."""
    text = transliterator(system).transliterate(token)
    return ascii_letters(text.translate(_AYIN_HAMZA))


def romanise(token: str, system: str) -> str:
    """`token` (lowercase Cyrillic) in one of the table systems of `CYRILLIC_SYSTEMS` (not iso9/legacy)."""
    table = _SYSTEMS[system]
    out: list[str] = []
    previous = ""
    for char in token:
        if char == "е" and system in _IOTATING and (not previous or previous in _VOWELS):
            out.append(_IOTATING[system][0] + "e")
        elif char == "й" and system == "german" and not _next_is_vowel(token, len(out)):
            out.append("i")
        else:
            out.append(table.get(char, char))
        previous = char
    return ascii_letters("".join(out))


def _next_is_vowel(token: str, position: int) -> bool:
    return position + 1 < len(token) and token[position + 1] in _VOWELS


def _legacy(form: str) -> str:
    """Old Western spellings: -ov/-ev written -off/-eff, -iy/-ii written -y."""
    form = re.sub(r"([oe])v$", r"\1ff", form)
    return re.sub(r"(ii|iy|yi|ij)$", "y", form)


def cyrillic_forms(token: str) -> tuple[str, ...]:
    """All romanisations of a lowercase Cyrillic `token`, deduplicated, ICAO first."""
    forms = [romanise(token, system) for system in _SYSTEMS]
    forms.append(icu_form(token, "Cyrillic-Latin"))
    forms.append(_legacy(forms[1]))
    return tuple(dict.fromkeys(form for form in forms if form))


def script_forms(token: str, script: str) -> tuple[str, ...]:
    """All romanisations of a lowercase `token` written in `script` (ISO 15924 code)."""
    if script == "Cyrl":
        return cyrillic_forms(token)
    forms = [icu_form(token, system) for system in ICU_SYSTEMS.get(script, DEFAULT_ICU)]
    if script == "Hang":
        forms.extend(KOREAN_SURNAMES.get(token, ()))
    if script == "Hani":
        forms.append(han_wade_giles(token))
    if script != "Latn":
        forms.append(icu_form(token, "Any-Latin"))
    if script in KANA_SCRIPTS:
        forms.extend(kana_passport_forms(token, forms))
    return tuple(dict.fromkeys(form for form in forms if form))


def kana_passport_forms(token: str, forms: list[str]) -> list[str]:
    """More Hepburn spellings of a kana `token` whose ICU `forms` are known.

    Passports write ん before b, m, p as "m" (Homma) and long vowels short (Sato) or, on
    request, o-long as "oh" (Satoh); wapuro keeps them as typed (Satou, Oono). The chōon
    mark (サトー) is spelt like the vowel it lengthens written twice.
    """
    extra = [icu_form(token, _HEPBURN)]
    if _CHOON in token:
        extra.append(ascii_letters(_with_macrons().transliterate(token).translate(_MACRONS)))
    extra = [form for form in extra if form]
    return extra + [variant for form in (*forms, *extra) for variant in long_vowel_forms(form)]


@lru_cache(maxsize=1)
def _with_macrons() -> icu.Transliterator:
    return icu.Transliterator.createInstance(_LATIN)


def long_vowel_forms(form: str) -> tuple[str, ...]:
    """A Japanese romanised `form` with its long vowels (ou, oo, uu) short and with o-long as "oh"."""
    if _LONG_VOWEL.search(form) is None:
        return ()
    short = _LONG_VOWEL.sub(lambda match: match.group()[0], form)
    with_h = _LONG_VOWEL.sub(lambda match: "oh" if match.group()[0] == "o" else "u", form)
    return (short, with_h)
