"""Japanese readings of names written in kanji, as hiragana name parts. Pure.

A name in kanji can be Chinese or Japanese: 山田 is "Shan Tian" in pinyin and
"Yamada" in Japanese. `names.prepare_names` keeps the pinyin parts and, when
the person is Japanese (nationality JP, or kana in one of the names), adds
the parts returned here as one more way to match. Each part is the kanji
word's reading in hiragana (pykakasi's dictionary), so it is romanised like
any kana part (`romanize.kana_passport_forms`) and meets the passport spelling
(YAMADA TARO) and the kana spelling (ヤマダ タロウ) alike.

Japanese full names are often written without a space (山田太郎): such a word
is read once whole and once per place where the family name (one to three
kanji) may end, each a separate variant. Everything is cached per name, and
the dictionary is loaded on the first kanji name only.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

import pykakasi

HAN = re.compile(r"[\u3005\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
KANA = re.compile(r"[\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fd-\u30ff\u31f0-\u31ff]")
_ALL_KANA = re.compile(r"[\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff]+")
MAX_FAMILY = 3  # kanji in a family name, at most, when a full name has no space
_LOCK = threading.Lock()


def has_kana(name: str) -> bool:
    """Whether `name` has a hiragana or katakana letter (then it is Japanese)."""
    return not name.isascii() and KANA.search(name) is not None


@lru_cache(maxsize=1)
def _converter() -> pykakasi.kakasi:
    return pykakasi.kakasi()  # type: ignore[no-untyped-call]  # pykakasi has no annotations here


@lru_cache(maxsize=100_000)
def reading(word: str) -> str | None:
    """The hiragana reading of a word in kanji (kana may be mixed in); None if a kanji has none."""
    with _LOCK:  # pykakasi does not say it is thread-safe
        segments = _converter().convert(word)
    text = "".join(segment["hira"] for segment in segments)
    return text if _ALL_KANA.fullmatch(text) else None


@lru_cache(maxsize=100_000)
def readings(words: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The name parts, in hiragana, of a name whose `words` (case-folded) contain kanji.

    One variant when the name has several words (each kanji word read as one part); for a
    single word, its whole reading and every split into family name and given name.
    """
    if len(words) == 1:
        return _unspaced(words[0])
    parts: list[str] = []
    for word in words:
        read = reading(word) if HAN.search(word) else word
        if read is None:
            return ()
        parts.append(read)
    return (tuple(parts),)


def _unspaced(word: str) -> tuple[tuple[str, ...], ...]:
    whole = reading(word)
    variants: list[tuple[str, ...]] = [(whole,)] if whole else []
    for end in range(1, min(MAX_FAMILY, len(word) - 1) + 1):
        family, given = reading(word[:end]), reading(word[end:])
        if family and given:
            variants.append((family, given))
    return tuple(dict.fromkeys(variants))
