"""Multilingual term matching for facts texts, occupations and offence titles.

Text and terms are folded the same way (NFKD, combining marks dropped, casefold, a few script
specific equivalences), and each match is mapped back to the original text so a reviewer sees
the exact clause. Terms in scripts written with spaces match whole words; `*` stands for any run
of word characters. Chinese, Japanese and Arabic terms match as substrings (no spaces between
words, or clitics attached to them).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

SNIPPET_CONTEXT = 40
_SPECIAL = {"ı": "i", "ى": "ي", "ـ": ""}
_NO_SPACE_SCRIPT = re.compile(r"[\u0600-\u06ff\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in _SPECIAL:
        return _SPECIAL[ch]
    decomposed = unicodedata.normalize("NFKD", ch)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(_SPECIAL.get(c, c) for c in kept.casefold())


def fold_with_map(text: str) -> tuple[str, list[int] | None]:
    """Fold `text`; also return, for each folded character, its index in `text`.

    The map is None when folding kept positions unchanged (plain ASCII).
    """
    if text.isascii():
        return text.lower(), None
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        folded = _fold_char(ch)
        out.append(folded)
        index.extend([i] * len(folded))
    return "".join(out), index


def fold(text: str) -> str:
    """Fold `text` for matching (see the module docstring)."""
    return fold_with_map(text)[0]


def term_pattern(term: str, *, boundary: bool | None = None) -> str:
    """Regex source for one term. `boundary=None` chooses from the term's script."""
    folded = fold(term).strip()
    if boundary is None:
        boundary = not _NO_SPACE_SCRIPT.search(folded)
    words = [r"\w*".join(re.escape(p) for p in w.split("*")) for w in folded.split()]
    body = r"\s+".join(words)
    if not boundary:
        return body
    tail = "" if folded.endswith("*") else r"(?!\w)"
    return r"(?<!\w)" + body + tail


@dataclass(frozen=True, slots=True)
class TextHit:
    """A term found in a text: the original wording, where, and some context."""

    start: int
    end: int
    matched: str
    snippet: str


class TermMatcher:
    """A compiled set of terms (any languages), with optional exclusions."""

    __slots__ = ("_exclude", "_include")

    def __init__(self, patterns: Iterable[str], exclude: Iterable[str] = ()) -> None:
        self._include = _compile(patterns)
        self._exclude = _compile(exclude)

    @classmethod
    def from_terms(
        cls,
        terms: Iterable[str],
        exclude: Iterable[str] = (),
        *,
        boundary: bool | None = None,
    ) -> TermMatcher:
        """Build from raw terms (choosing boundaries per term unless `boundary` is given)."""
        return cls(
            (term_pattern(t, boundary=boundary) for t in terms),
            (term_pattern(t, boundary=boundary) for t in exclude),
        )

    @property
    def empty(self) -> bool:
        """True when there is nothing to match."""
        return self._include is None

    def find(self, text: str, *, limit: int = 3) -> list[TextHit]:
        """Up to `limit` hits in `text`, in order; none if an exclusion term is present."""
        if self._include is None or not text:
            return []
        folded, index = fold_with_map(text)
        if self._exclude is not None and self._exclude.search(folded):
            return []
        hits: list[TextHit] = []
        for m in self._include.finditer(folded):
            if m.end() == m.start():
                continue
            hits.append(_hit(text, index, m.start(), m.end()))
            if len(hits) >= limit:
                break
        return hits

    def matches(self, text: str) -> bool:
        """True when `text` has at least one hit."""
        return bool(self.find(text, limit=1))


_WORD_START = r"(?<!\w)"


def _compile(patterns: Iterable[str]) -> re.Pattern[str] | None:
    """One alternation, longest terms first. The word-start guard that most terms begin with is
    tested once per position, before the alternation, rather than once per term: the regex
    engine then skips positions inside words at once (same hits, about six times faster on facts
    texts: bench/screening/matcher.py)."""
    unique = sorted(set(patterns), key=lambda p: (-len(p), p))
    if not unique:
        return None
    guarded = [p.removeprefix(_WORD_START) for p in unique if p.startswith(_WORD_START)]
    free = [p for p in unique if not p.startswith(_WORD_START)]
    parts = [f"{_WORD_START}(?:{'|'.join(f'(?:{p})' for p in guarded)})"] if guarded else []
    parts += [f"(?:{p})" for p in free]
    return re.compile("|".join(parts))


def _hit(text: str, index: list[int] | None, start: int, end: int) -> TextHit:
    if index is not None:
        start, end = index[start], index[end - 1] + 1
    lo, hi = max(0, start - SNIPPET_CONTEXT), min(len(text), end + SNIPPET_CONTEXT)
    snippet = ("…" if lo else "") + text[lo:hi].replace("\n", " ") + ("…" if hi < len(text) else "")
    return TextHit(start=start, end=end, matched=text[start:end], snippet=snippet)


def matcher_from_languages(
    by_language: Mapping[str, Iterable[str]],
    boundaries: Mapping[str, bool],
    exclude: Mapping[str, Iterable[str]] | None = None,
) -> TermMatcher:
    """Build one matcher from `{language: [terms]}` with each language's boundary rule."""
    include = [
        term_pattern(t, boundary=boundaries.get(lang, True))
        for lang, terms in by_language.items()
        for t in terms
    ]
    excluded = [
        term_pattern(t, boundary=boundaries.get(lang, True))
        for lang, terms in (exclude or {}).items()
        for t in terms
    ]
    return TermMatcher(include, excluded)
