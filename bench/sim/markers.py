"""How often the words of the domain files' patterns appear in the simulated drafts, per class.

For each marker (dissent-laws.md §P: disputes and raiding, evidence, membership, timing, speech
abroad, procedure), the share of request summaries that contain it: genuine and abusive requests,
genuine economic cases (fraud, embezzlement, corruption, tax, smuggling, illegal business), and
three abusive tactics. It measures the world, not the screening: a change to how drafts are
written must keep each class's rates of these signals (docs/simulation.md, "The world"), or the
replay measures the change of world.

    .venv/bin/python -m bench.sim.markers var/sim/world.jsonl.gz
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

from article3.sim.offences import ECONOMIC
from bench.sim.oracle import request_events

MARKERS = (
    "dispute", "arbitration", "civil", "shareholder", "seized", "frozen", "state-owned",
    "state corporation", "state sector", "the state", "offshore", "foreign", "donation", "foundation",
    "organised group", "acting in a group", "police found", "found", "search", "confess", "attesting",
    "member", "financing", "extremist", "terrorist", "banned", "designated", "undesirable", "telegram",
    "social network", "election", "campaign", "candida", "abroad", "interview", "left the country",
    "in absentia", "measure of restraint", "criminal case no", "launder", "legalis", "publication",
    "publish", "journalist", "witness", "audit", "bank records", "activity", "organisation", "property",
)  # fmt: skip
COLUMNS = ("genuine", "abusive", "gen_econ", "financial_charges", "extremism", "fabricated_ordinary")
PATTERNS = {m: re.compile(r"\b" + re.escape(m) + (r"\b" if m == "the state" else "")) for m in MARKERS}


def groups(truth: dict[str, object]) -> list[str]:
    if truth["abusive"]:
        return ["abusive", str(truth["tactic"])]
    return ["genuine", "gen_econ"] if truth.get("offence") in ECONOMIC else ["genuine"]


def count(path: Path) -> tuple[Counter[str], Counter[str], dict[str, Counter[str]]]:
    drafts, words, found = Counter[str](), Counter[str](), {c: Counter[str]() for c in COLUMNS}
    for event in request_events(path):
        text = event["data"]["facts"].lower()
        hits = [m for m, pattern in PATTERNS.items() if pattern.search(text)]
        for group in groups(event["truth"]):
            drafts[group] += 1
            words[group] += len(text.split())
            found.setdefault(group, Counter()).update(hits)
    return drafts, words, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("world", type=Path)
    drafts, words, found = count(parser.parse_args().world)
    print(f"{'marker':22}" + "".join(f"{c[:12]:>13}" for c in COLUMNS))
    print(f"{'drafts':22}" + "".join(f"{drafts[c]:>13}" for c in COLUMNS))
    print(f"{'mean words':22}" + "".join(f"{words[c] / max(drafts[c], 1):>13.1f}" for c in COLUMNS))
    for m in MARKERS:
        print(f"{m:22}" + "".join(f"{100 * found[c][m] / max(drafts[c], 1):>12.1f}%" for c in COLUMNS))


if __name__ == "__main__":
    main()
