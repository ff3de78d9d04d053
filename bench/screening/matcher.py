"""The term matcher on facts texts: time per `find`, against the plain alternation of the same terms.

`screening.text._compile` tests the word-start guard that most terms begin with once per position,
before the alternation; the plain form repeats it inside every term. This prints the CPU time per
`find` of both, over every matcher the screening builds (indicator groups and the dissent
catalogue) and the summaries and offence titles of a generated world, and checks that both find
the same hits.

    .venv/bin/python -m bench.screening.matcher [--scale 0.02]
"""

from __future__ import annotations

import argparse
import re
import time
from typing import Any

from article3.screening import text

BUILT: list[tuple[text.TermMatcher, list[str], list[str]]] = []
_init = text.TermMatcher.__init__


def _recording_init(self: text.TermMatcher, patterns: Any, exclude: Any = ()) -> None:
    patterns, exclude = list(patterns), list(exclude)
    _init(self, patterns, exclude)
    BUILT.append((self, patterns, exclude))


def plain(patterns: list[str]) -> re.Pattern[str] | None:
    """The alternation before the guard was hoisted: every term whole, longest first."""
    unique = sorted(set(patterns), key=lambda p: (-len(p), p))
    return re.compile("|".join(f"(?:{p})" for p in unique)) if unique else None


def spans(pattern: re.Pattern[str] | None, folded: str) -> list[tuple[int, int]]:
    if pattern is None:
        return []
    return [(m.start(), m.end()) for m in pattern.finditer(folded) if m.end() > m.start()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.02, help="world size for the texts (one year)")
    args = parser.parse_args()
    text.TermMatcher.__init__ = _recording_init  # type: ignore[method-assign]
    from article3.screening.catalogue import dissent_catalogue, indicators  # noqa: PLC0415 - after the patch
    from article3.sim import generate  # noqa: PLC0415 - the simulator only supplies texts

    indicators()
    dissent_catalogue()
    events = generate.generate(1, 2024, 2024, args.scale, lambda n: None)[1]
    texts = [
        piece
        for e in events
        if e["type"] == "request"
        for piece in (e["data"]["facts"], *(o["description"] for o in e["data"]["offences"]))
    ]
    folded = [text.fold(t) for t in texts]
    pairs = [(m._include, plain(p)) for m, p, _ in BUILT]
    timings = []
    for which in (0, 1):
        start = time.process_time()
        for pair in pairs:
            for f in folded:
                spans(pair[which], f)
        timings.append((time.process_time() - start) / (len(pairs) * len(folded)) * 1e6)
    same = all(spans(a, f) == spans(b, f) for a, b in pairs for f in folded)
    print(f"{len(pairs)} matchers x {len(folded)} texts (summaries and offence titles)")
    print(f"guard hoisted (article3)  {timings[0]:6.2f} us per find (CPU)")
    print(f"plain alternation         {timings[1]:6.2f} us per find (CPU)")
    print(f"same hits: {same}")


if __name__ == "__main__":
    main()
