"""Candidate name spans in scripts written without spaces between words: Han, kana, Thai.

``detect`` takes name spans from words between spaces, which finds nothing in "请查明王小明的下落".
Here, pure and bounded:

* **Chinese** (Han text without kana): windows of two to four Han characters that start at a
  family name (``names.yaml: han_surnames``; three or four characters after a compound family name)
  and hold no grammatical character (的, 了, 请...). "请查明王小明的下落" → 查明, 查明王, 查明王小,
  王小, 王小明 (查 is a family name too). The search engine compares each window as a name; only an
  exact name (similarity ≥ 0.95) counts, so the extra windows cost a look-up each, nothing more.
* **Japanese** (text with kana): each run of kanji between kana, without a trailing honorific
  (さん, 氏, 様...), of two to four characters, or its windows of three and four when longer.
* **Transcribed foreign names**: Han or katakana words joined by a middle dot (伊琳娜·索科洛娃,
  イリーナ・ソコロワ) → the words with a space between.
* **Thai**, which puts spaces between phrases, usually also between given name and surname: for two
  neighbouring phrases, the endings of the first (at ICU word boundaries, and after a title such
  as นาย) with the beginnings of the second ("…ของนายสมชาย ใจดี" → "สมชาย ใจดี", ...).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any

import icu
import yaml

MAX_UNSPACED_SPANS = 60
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_KATAKANA = "\u30a1-\u30fa\u30fc"
_DOTS = "·・•‧･"
_HAN_RUN = re.compile(f"[{_HAN}]+")
_KANA = re.compile("[\u3041-\u3096\u30a1-\u30fa]")
_DOTTED = re.compile(
    f"(?:[{_HAN}]{{1,8}}|[{_KATAKANA}]{{2,12}})(?:[{_DOTS}](?:[{_HAN}]{{1,8}}|[{_KATAKANA}]{{2,12}}))+"
)
_THAI = re.compile("[\u0e00-\u0e7f]")
_THAI_PAIR = re.compile("([\u0e00-\u0e7f.]+)[ \u00a0]+(?=([\u0e00-\u0e7f.]+))")
_THAI_ENDS = 3  # endings of the first phrase and beginnings of the second tried per pair


@lru_cache(maxsize=1)
def _lists() -> dict[str, Any]:
    text = (resources.files("article3.messages") / "data" / "names.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return {
        "surnames": frozenset(data["han_surnames"]),
        "compound": frozenset(data["han_compound_surnames"]),
        "grammar": frozenset(data["han_grammar"]),
        "honorifics": tuple(sorted(data["japanese_honorifics"], key=len, reverse=True)),
        "titles": tuple(sorted(data["thai_titles"], key=len, reverse=True)),
    }


def _chinese(run: str) -> list[str]:
    lists = _lists()
    out = []
    for i in range(len(run) - 1):
        if run[i : i + 2] in lists["compound"]:
            sizes: tuple[int, ...] = (3, 4)
        elif run[i] in lists["surnames"]:
            sizes = (2, 3, 4)
        else:
            continue
        for n in sizes:
            window = run[i : i + n]
            if len(window) == n and not any(c in lists["grammar"] for c in window):
                out.append(window)
    return out


def _japanese(text: str) -> list[str]:
    out = []
    for match in _HAN_RUN.finditer(text):
        run = match.group()
        for honorific in _lists()["honorifics"]:
            if run.endswith(honorific) and len(run) > len(honorific):
                run = run[: -len(honorific)]
                break
        if len(run) > 4:
            out += [run[i : i + n] for n in (4, 3) for i in range(len(run) - n + 1)]
        elif len(run) >= 2:
            out.append(run)
    return out


def _boundaries(phrase: str) -> list[int]:
    words = icu.BreakIterator.createWordInstance(icu.Locale("th"))
    words.setText(phrase)
    return [0, *(int(b) for b in words)]


def _thai(text: str) -> list[str]:
    out = []
    for match in _THAI_PAIR.finditer(text):
        first, second = match.group(1), match.group(2)
        inner = [b for b in _boundaries(first) if 0 < b < len(first)]
        endings = [first[b:] for b in inner[-_THAI_ENDS:]] + [first]
        for title in _lists()["titles"]:
            at = first.rfind(title)
            if at >= 0 and at + len(title) < len(first):
                endings.insert(0, first[at + len(title) :])
                break
        ends = [b for b in _boundaries(second) if b > 0][:_THAI_ENDS]
        beginnings = [second[:b] for b in ends] + [second]
        out += [f"{a} {b}" for a in dict.fromkeys(endings) for b in dict.fromkeys(beginnings)]
    return out


def _dotted(match: str) -> list[str]:
    """Names joined by a middle dot; Han parts also cut to the lengths a transcribed name has."""
    parts = re.split(f"[{_DOTS}]", match)
    first, last, middle = parts[0], parts[-1], parts[1:-1]
    firsts = [first[-n:] for n in range(2, 5) if n <= len(first)] if _HAN_RUN.match(first) else [first]
    lasts = [last[:n] for n in range(2, 6) if n <= len(last)] if _HAN_RUN.match(last) else [last]
    return [" ".join([a, *middle, b]) for a in firsts for b in lasts]


def is_unspaced(span: str) -> bool:
    """Whether the span is in one of the scripts this module reads."""
    return bool(_HAN_RUN.search(span) or _KANA.search(span) or _THAI.search(span))


def spans(text: str, *, limit: int = MAX_UNSPACED_SPANS) -> list[str]:
    """Candidate name spans of the Han, kana and Thai parts of the text, each once, at most ``limit``."""
    found = [span for m in _DOTTED.finditer(text) for span in _dotted(m.group())]
    if _HAN_RUN.search(text):
        if _KANA.search(text):
            found += _japanese(text)
        else:
            for match in _HAN_RUN.finditer(text):
                found += _chinese(match.group())
    if _THAI.search(text):
        found += _thai(text)
    return list(dict.fromkeys(found))[:limit]
