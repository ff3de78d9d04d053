"""Name and birth-date normalisation. Pure, no I/O.

A name string becomes tokens in its own script (case-folded, NFKC, honorifics
dropped). Each token then gets:

* forms: its romanisations in lowercase ASCII, one per system (`romanize`);
* skeletons: a romanisation-agnostic consonant key (`skeleton`) that folds
  kh/h, w/v, -off/-ov, sch/sh/ch, vowels and doubled letters together;
* a phonetic key (metaphone of the first form), used for retrieval only.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import icu
import jellyfish

from article3.search.romanize import script_forms

PARTICLES = frozenset(
    [
        "al",
        "el",
        "ul",
        "ad",
        "as",
        "ash",
        "at",
        "az",
        "an",
        "ar",
        "bin",
        "ibn",
        "bint",
        "ben",
        "bn",
        "abu",
        "ould",
        "van",
        "von",
        "der",
        "den",
        "de",
        "del",
        "della",
        "di",
        "da",
        "das",
        "dos",
        "du",
        "la",
        "le",
        "ter",
        "ten",
        "zu",
        "af",
        "av",
        "y",
        "e",
    ]
)
HONORIFICS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "sir",
        "herr",
        "frau",
        "mme",
        "mlle",
        "sr",
        "sra",
        "الأستاذ",
        "السيد",
        "السيدة",
        "الدكتور",
    ]
)
_HONORIFIC_PREFIX = re.compile(r"^\s*(?:г-н|г-жа|г-ца)\.?\s+")
# Scripts that usually leave short vowels unwritten: compare their consonants.
ABJADS = frozenset({"Arab", "Hebr", "Syrc", "Thaa"})
# Scripts written without spaces between family and given name.
_SPLIT_FIRST = frozenset({"Hang", "Hani"})

_SKELETON_DIGRAPHS = (
    ("schtsch", "s"), ("shch", "s"), ("chtch", "s"), ("tsch", "s"), ("tch", "s"),
    ("sch", "s"), ("sh", "s"), ("zh", "s"), ("ch", "s"), ("ts", "s"), ("tz", "s"),
    ("dz", "s"), ("ph", "f"), ("ck", "k"), ("qu", "k"), ("x", "ks"),
)  # fmt: skip
_SKELETON_CLASSES = str.maketrans("pfwcqgdzaeiouyj", "bvvkkktsaaaaaaa")
_VOWEL_CLASS = "a"
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_MIN_YEAR = 1850
_MAX_YEAR = 2100


@dataclass(frozen=True, slots=True)
class TokenForms:
    """Everything the matcher needs to know about one name token."""

    text: str
    script: str
    forms: tuple[str, ...]
    skeletons: tuple[str, ...]
    phonetic: str
    particle: bool
    initial: bool
    abjad: bool


@dataclass(frozen=True, slots=True)
class BirthDate:
    """A birth date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None


@lru_cache(maxsize=4096)
def script_of_char(char: str) -> str:
    """ISO 15924 code of the script of one character ("Zyyy" for common)."""
    return str(icu.Script.getScript(ord(char)).getShortName())


def script_of(text: str) -> str:
    """The script of the letters of `text`: the most frequent one, "Zyyy" if none."""
    counts: dict[str, int] = {}
    for char in text:
        script = script_of_char(char)
        if script not in ("Zyyy", "Zinh"):
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return "Zyyy"
    return max(counts, key=lambda key: counts[key])


def _is_word_char(char: str) -> bool:
    return unicodedata.category(char)[0] in "LM"


def split_words(name: str) -> list[str]:
    """Case-folded words of `name`; apostrophes join, everything else separates."""
    text = _HONORIFIC_PREFIX.sub("", unicodedata.normalize("NFKC", name).casefold())
    words: list[str] = []
    current: list[str] = []
    for char in text:
        if _is_word_char(char):
            current.append(char)
        elif char in "'’ʼʻ`" and current:
            continue
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return [word for word in words if word not in HONORIFICS]


def _split_family(word: str) -> list[str]:
    """Korean and Chinese full names are written as one word: family name first."""
    if 2 <= len(word) <= 4 and script_of(word) in _SPLIT_FIRST:
        return [word[0], word[1:]]
    return [word]


def tokens(name: str) -> list[str]:
    """The name tokens of `name` in their own script, in written order."""
    return [part for word in split_words(name) for part in _split_family(word)]


def glued_variant(parts: list[str]) -> list[str] | None:
    """`parts` with particles glued to the next part (al hassan -> alhassan), if any."""
    if not any(part in PARTICLES for part in parts[:-1]):
        return None
    glued: list[str] = []
    prefix = ""
    last = len(parts) - 1
    for position, part in enumerate(parts):
        if part in PARTICLES and position < last:
            prefix += part
        else:
            glued.append(prefix + part)
            prefix = ""
    return glued


def skeleton(form: str) -> str:
    """Romanisation-agnostic consonant key of a lowercase ASCII form."""
    if not form:
        return ""
    for digraph, replacement in _SKELETON_DIGRAPHS:
        form = form.replace(digraph, replacement)
    first, rest = form[0], form[1:].replace("h", "")
    mapped = (first + rest).translate(_SKELETON_CLASSES)
    out = [mapped[0]]
    for char in mapped[1:]:
        if char != _VOWEL_CLASS and char != out[-1]:
            out.append(char)
    return "".join(out)


def _strip_article(form: str) -> str | None:
    """An Arabic-script form without its glued article: alhsn -> hsn."""
    if form.startswith("al") and len(form) > 4:
        return form[2:]
    return None


@lru_cache(maxsize=200_000)
def token_forms(token: str) -> TokenForms:
    """All romanisations and keys of one token (cached: vocabularies are Zipfian)."""
    script = script_of(token)
    forms = script_forms(token, script) or (token,)
    abjad = script in ABJADS
    if abjad:
        stripped = [form for form in map(_strip_article, forms) if form]
        forms = tuple(dict.fromkeys((*forms, *stripped)))
    skeletons = tuple(dict.fromkeys(skeleton(form) for form in forms))
    return TokenForms(
        text=token,
        script=script,
        forms=forms,
        skeletons=skeletons,
        phonetic=jellyfish.metaphone(forms[0]).lower() if forms[0].isascii() else "",
        particle=token in PARTICLES or any(form in PARTICLES for form in forms[:1]),
        initial=len(token) == 1 and script not in _SPLIT_FIRST,
        abjad=abjad,
    )


def parse_birth_date(text: str | None) -> BirthDate | None:
    """Parse YYYY, YYYY-MM or YYYY-MM-DD; None for None or ""; ValueError otherwise."""
    if not text:
        return None
    match = _DATE.match(text.strip())
    if match is None:
        raise ValueError("birth date must be YYYY, YYYY-MM or YYYY-MM-DD")
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        raise ValueError("birth year out of range")
    if month is not None and not 1 <= month <= 12:
        raise ValueError("birth month out of range")
    if day is not None and not 1 <= day <= _days_in(year, month or 1):
        raise ValueError("birth day out of range")
    return BirthDate(year, month, day)


def _days_in(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31
