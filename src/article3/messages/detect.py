"""Pure, multilingual reading of a message: what it asks about a person, and which spans may be names.

``asks(text)`` finds requests for a person's whereabouts, address, travel, contacts, arrest or
detention with the patterns of ``data/asks.yaml`` (English, French, Spanish, Arabic, Russian).
``name_spans(text)`` proposes the spans worth looking up in the person index: runs of two to four
capitalised words in cased scripts (Latin, Cyrillic, Greek...), and runs of two or three words in
uncased scripts (Arabic, Hebrew...) between function words. Russian spans also yield their
nominative forms ("Ивана Петрова" → "Иван Петров"), since the text declines names; Han, kana and Thai
text, written without spaces, gets its own candidates from ``unspaced``. ``focused_spans`` reads a long
text (an attachment) by paragraphs, those that ask first. Deciding whether
a span *is* a known person is the search engine's job, not this module's.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from article3.messages import unspaced
from article3.messages.rules import Ask

MAX_SPANS = 40
CHUNK_CHARS = 600  # focused_spans reads long texts by paragraphs of about this size
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"})
_WORD = re.compile(r"[^\W\d_](?:[\w'’\-]*[^\W\d_])?")
_BREAK = re.compile(r"[.!?;:,()\[\]{}\"«»“”\n\r\t/\\|]|،|؛|؟")
_CASED = frozenset({"Latn", "Cyrl", "Grek", "Armn"})
_PARTICLES = frozenset(
    {
        "de",
        "da",
        "di",
        "du",
        "del",
        "della",
        "la",
        "le",
        "van",
        "von",
        "der",
        "den",
        "al",
        "el",
        "bin",
        "ibn",
        "bint",
    }
)
# Russian case endings of given names and surnames, longest first, and the nominative they come from.
_RU_ENDINGS = (
    ("овой", "ова"), ("евой", "ева"), ("иной", "ина"), ("ову", "ова"), ("еву", "ева"), ("ину", "ина"),
    ("овым", "ов"), ("евым", "ев"), ("иным", "ин"), ("ого", "ий"), ("ому", "ий"), ("ым", ""),
    ("ом", ""), ("ой", "а"), ("ую", "ая"), ("ей", "я"), ("ы", "а"), ("у", ""), ("а", ""), ("е", ""),
)  # fmt: skip


def normalise(text: str) -> str:
    """NFKC, case folded; Arabic marks removed and letters unified; Russian ё → е."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")
    folded = _ARABIC_MARKS.sub("", folded).translate(_ARABIC_LETTERS)
    return re.sub(r"[’`´]", "'", re.sub(r"\s+", " ", folded))


@dataclass(frozen=True, slots=True)
class Patterns:
    version: str
    by_ask: dict[Ask, tuple[re.Pattern[str], ...]]
    languages: tuple[str, ...]


def _load(name: str) -> dict[str, Any]:
    text = (resources.files("article3.messages") / "data" / name).read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    """The compiled patterns of ``data/asks.yaml``, merged across languages per ask."""
    data = _load("asks.yaml")
    merged: dict[Ask, list[re.Pattern[str]]] = {ask: [] for ask in Ask}
    for per_ask in data["languages"].values():
        for ask, regexes in per_ask.items():
            merged[Ask(ask)].extend(re.compile(normalise_pattern(r)) for r in regexes)
    return Patterns(str(data["version"]), {k: tuple(v) for k, v in merged.items()}, tuple(data["languages"]))


def normalise_pattern(regex: str) -> str:
    """Patterns are written in plain spelling; normalise their letters as the text is."""
    return regex.translate(_ARABIC_LETTERS).replace("ё", "е")


def asks(text: str) -> frozenset[Ask]:
    """Which of the asks the text makes, in any supported language."""
    folded = normalise(text)
    return frozenset(
        ask for ask, regexes in patterns().by_ask.items() if any(r.search(folded) for r in regexes)
    )


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    data = _load("names.yaml")
    return frozenset(normalise(str(word)) for words in data["stopwords"].values() for word in words)


def _script(word: str) -> str:
    for char in word:
        if unicodedata.category(char)[0] == "L" and unicodedata.category(char) != "Lm":
            name = unicodedata.name(char, "")
            for prefix, code in (
                ("LATIN", "Latn"),
                ("CYRILLIC", "Cyrl"),
                ("GREEK", "Grek"),
                ("ARMENIAN", "Armn"),
            ):
                if name.startswith(prefix):
                    return code
            return "Othr"
    return "Zyyy"


def _capitalised(word: str) -> bool:
    """Upper case at the first letter that is not a modifier (ʿAtb, ʾAhmad: romanised ayn, hamza)."""
    return next((c for c in word if unicodedata.category(c) != "Lm"), "").isupper()


def _segments(text: str) -> list[list[str]]:
    """Words grouped into runs that may hold a name: same script, no punctuation in between."""
    runs: list[list[str]] = []
    stop = stopwords()
    for clause in _BREAK.split(_ARABIC_MARKS.sub("", unicodedata.normalize("NFKC", text))):
        current: list[str] = []
        current_script = ""
        for word in _WORD.findall(clause):
            script = _script(word)
            folded = normalise(word)
            cased = script in _CASED
            particle = folded in _PARTICLES
            keeps = (particle or folded not in stop) and (not cased or _capitalised(word) or particle)
            if not keeps or (current and script != current_script):
                runs.append(current)
                current = []
            if keeps:
                current.append(word)
                current_script = script
        runs.append(current)
    return [_trim(run) for run in runs if run]


def _trim(run: list[str]) -> list[str]:
    while run and normalise(run[0]) in _PARTICLES and not _capitalised(run[0]):
        run = run[1:]
    while run and normalise(run[-1]) in _PARTICLES:
        run = run[:-1]
    return run


def _windows(run: list[str]) -> list[str]:
    if len(run) < 2:
        return []
    if len(run) <= 4 and _script(run[0]) in _CASED:
        return [" ".join(run)]
    sizes = (2, 3) if len(run) > 2 else (2,)
    return [" ".join(run[i : i + n]) for n in sizes for i in range(len(run) - n + 1)]


def nominative(span: str) -> str | None:
    """A Russian span with case endings put back to the nominative, if any ending was found."""
    words = []
    for word in span.split():
        lower = word.casefold()
        base = next((lower[: -len(end)] + to for end, to in _RU_ENDINGS if lower.endswith(end)), lower)
        words.append(base.capitalize() if len(base) > 1 else lower.capitalize())
    out = " ".join(words)
    return out if out.casefold() != span.casefold() else None


def name_spans(text: str, *, limit: int = MAX_SPANS) -> list[str]:
    """Candidate person-name spans of the text, each once, in order: at most ``limit`` from words
    between spaces, then at most ``unspaced.MAX_UNSPACED_SPANS`` from Han, kana and Thai text."""
    spans: dict[str, None] = {}
    for run in _segments(text):
        for span in _windows(run):
            spans.setdefault(span, None)
            if _script(span) == "Cyrl" and (base := nominative(span)):
                spans.setdefault(base, None)
    spaced = list(spans)[:limit]
    return spaced + [s for s in unspaced.spans(text) if s not in spans]


def _chunks(text: str) -> list[str]:
    """Paragraphs of the text, long ones cut at line ends into pieces of about CHUNK_CHARS."""
    out: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        piece = ""
        for line in paragraph.splitlines(keepends=True):
            if piece and len(piece) + len(line) > CHUNK_CHARS:
                out.append(piece)
                piece = ""
            piece += line[: CHUNK_CHARS * 2]
        if piece.strip():
            out.append(piece)
    return out


def focused_spans(text: str, *, limit: int = MAX_SPANS) -> list[str]:
    """Name spans of a long text (an attachment), nearest the asks first, at most ``limit`` of each
    kind: the paragraphs that ask, then their neighbours, then the rest in order. Padding a file
    with names before the one that matters does not push it out of the budget."""
    chunks = _chunks(text)
    asking = {i for i, chunk in enumerate(chunks) if asks(chunk)}
    near = {j for i in asking for j in (i - 1, i + 1)} - asking
    order = sorted(range(len(chunks)), key=lambda i: (0 if i in asking else 1 if i in near else 2, i))
    spaced: dict[str, None] = {}
    other: dict[str, None] = {}
    for i in order:
        for span in name_spans(chunks[i], limit=limit):
            (other if unspaced.is_unspaced(span) else spaced).setdefault(span, None)
        if len(spaced) >= limit and len(other) >= unspaced.MAX_UNSPACED_SPANS:
            break
    return list(spaced)[:limit] + list(other)[: unspaced.MAX_UNSPACED_SPANS]
