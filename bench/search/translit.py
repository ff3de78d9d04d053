"""Romanisations written for the benchmark only, independently of the engine's tables.

Hand-listed from the published rules, so that query variants made with them test
whether the engine's own tables (romanize.py) generalise to spellings they were not
built from. Diacritics are dropped, as in machine-readable travel documents.

* Cyrillic: ALA-LC (Library of Congress), the Polish and Czech transcriptions of
  Russian, and the Bulgarian Streamlined System (2009 law) for Bulgarian names;
* Greek: ELOT 743 (type 2, ASCII);
* Chinese: Wade-Giles (Taiwan passports), converted from the pinyin of each
  character (the character-to-pinyin step uses ICU, as the engine does; the
  Wade-Giles rules are separate), given names hyphenated.
"""

from __future__ import annotations

import unicodedata

import icu

_ALA_LC = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяієїґ", [
    "a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r", "s", "t",
    "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "iu", "ia", "i", "ie", "i", "g",
], strict=True))  # fmt: skip
_POLISH = {**_ALA_LC, "в": "w", "ж": "z", "й": "j", "х": "ch", "ц": "c", "ч": "cz", "ш": "sz",
           "щ": "szcz", "ю": "ju", "я": "ja", "ё": "jo", "л": "l"}  # fmt: skip
_CZECH = {**_ALA_LC, "ж": "z", "й": "j", "х": "ch", "ц": "c", "ч": "c", "ш": "s", "щ": "sc",
          "ю": "ju", "я": "ja", "ё": "jo"}  # fmt: skip
_BULGARIAN = {**_ALA_LC, "й": "y", "х": "h", "щ": "sht", "ъ": "a", "ю": "yu", "я": "ya", "ь": "y"}
_IOTATED = {"polish": "je", "czech": "je"}
CYRILLIC = {"ala_lc": _ALA_LC, "polish": _POLISH, "czech": _CZECH, "bulgarian": _BULGARIAN}
_VOWELS = set("аеёиоуыэюяіїє")


def cyrillic(token: str, system: str) -> str:
    """`token` (lowercase Cyrillic) in `system`, one of CYRILLIC."""
    table = CYRILLIC[system]
    out, previous = [], ""
    for char in token:
        if char == "е" and system in _IOTATED and (not previous or previous in _VOWELS | {"ь", "ъ"}):
            out.append(_IOTATED[system])
        else:
            out.append(table.get(char, char))
        previous = char
    return "".join(out)


_GREEK_PAIRS = {"ου": "ou", "αυ": "av", "ευ": "ev", "ηυ": "iv", "γγ": "ng", "γκ": "gk", "γξ": "nx",
                "γχ": "nch", "μπ": "mp", "ντ": "nt", "τζ": "tz"}  # fmt: skip
_GREEK = dict(zip("αβγδεζηθικλμνξοπρσςτυφχψω", [
    "a", "v", "g", "d", "e", "z", "i", "th", "i", "k", "l", "m", "n", "x", "o", "p", "r", "s", "s", "t",
    "y", "f", "ch", "ps", "o",
], strict=True))  # fmt: skip
_VOICELESS = set("θκξπστφχψ")


def greek(token: str) -> str:
    """ELOT 743 of a lowercase Greek `token`, accents dropped."""
    text = "".join(c for c in unicodedata.normalize("NFD", token) if not unicodedata.combining(c))
    out, i = [], 0
    while i < len(text):
        pair = text[i : i + 2]
        if pair in _GREEK_PAIRS:
            value = _GREEK_PAIRS[pair]
            if pair in ("αυ", "ευ", "ηυ") and (i + 2 >= len(text) or text[i + 2] in _VOICELESS):
                value = value[0] + "f"
            if pair in ("μπ", "ντ") and i == 0:
                value = "b" if pair == "μπ" else "d"
            out.append(value)
            i += 2
        else:
            out.append(_GREEK.get(text[i], text[i]))
            i += 1
    return "".join(out)


_PINYIN = icu.Transliterator.createInstance("Han-Latin/Names; Latin-ASCII; Lower")
_WG_WHOLE = {"zi": "tzu", "ci": "tzu", "si": "ssu", "zhi": "chih", "chi": "chih", "shi": "shih",
             "ri": "jih", "you": "yu", "yi": "i", "yan": "yen", "ye": "yeh", "yue": "yueh",
             "er": "erh"}  # fmt: skip
_WG_INITIALS = (("zh", "ch"), ("ch", "ch"), ("sh", "sh"), ("b", "p"), ("d", "t"), ("g", "k"), ("j", "ch"),
                ("q", "ch"), ("x", "hs"), ("z", "ts"), ("c", "ts"), ("r", "j"))  # fmt: skip
_WG_FINALS = (("iong", "iung"), ("ong", "ung"), ("ian", "ien"), ("ie", "ieh"), ("ue", "ueh"), ("ui", "uei"))


def wade_giles_syllable(pinyin: str) -> str:
    if pinyin in _WG_WHOLE:
        return _WG_WHOLE[pinyin]
    initial, rest = "", pinyin
    for source, target in _WG_INITIALS:
        if pinyin.startswith(source):
            initial, rest = target, pinyin[len(source) :]
            break
    for source, target in _WG_FINALS:
        if rest.endswith(source):
            rest = rest[: -len(source)] + target
            break
    if rest == "e" and initial in ("k", "h", "p", "t"):
        rest = "o"
    return initial + rest


def wade_giles(token: str) -> str:
    """Wade-Giles (no apostrophes or umlauts) of a Han `token`, syllables joined by hyphens."""
    syllables = ["".join(filter(str.isalpha, _PINYIN.transliterate(char))) for char in token]
    return "-".join(wade_giles_syllable(s) for s in syllables if s)
