"""The world file: a gzip'd JSON-lines file, a header line then events in time order.

Each event is ``{"t", "type", "id", "data", "truth"}``. ``data`` is what an actor of the world
hands the system (a request document, a registration, a complaint, a message); ``truth`` is the
ground truth (abusive or not, tactic, the person's real status) and never reaches the system's
tables: the replay passes ``data`` alone to the adapters.
"""

from __future__ import annotations

import gzip
import json
import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FORMAT = "article3-sim-world/1"
Event = dict[str, Any]


@dataclass
class World:
    header: dict[str, Any]
    events: list[Event] = field(default_factory=list)

    def requests(self) -> Iterator[Event]:
        return (e for e in self.events if e["type"] == "request")


def write(path: Path, header: dict[str, Any], events: Iterable[Event]) -> int:
    """Write a world; returns the number of events."""
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=5) as out:
        out.write(json.dumps({"format": FORMAT, **header}, ensure_ascii=False) + "\n")
        for event in events:
            out.write(json.dumps(event, ensure_ascii=False, separators=(",", ":")) + "\n")
            n += 1
    return n


def read(path: Path, *, fraction: float = 1.0) -> World:
    """Read a world; with ``fraction`` < 1, keep a sample of persons while reading (see ``sample``)."""
    with gzip.open(path, "rt", encoding="utf-8") as src:
        header = json.loads(src.readline())
        if header.get("format") != FORMAT:
            raise ValueError(f"{path} is not a simulated world ({FORMAT})")
        kept = _sampler(fraction, int(header.get("seed", 0)))
        events = []
        for line in src:
            if line.strip():
                event = json.loads(line)
                if kept(event["person"]):
                    events.append(event)
    return World(header={**header, "sample": fraction}, events=events)


def _sampler(fraction: float, seed: int) -> Callable[[str], bool]:
    """Decides once per person, from the person's id alone: the same persons for a seed and a
    fraction whatever the order of the events (a world that moves some events keeps its sample)."""
    if fraction >= 1:
        return lambda person: True
    keep: dict[str, bool] = {}

    def kept(person: str) -> bool:
        if person not in keep:
            keep[person] = random.Random(f"sample:{seed}:{fraction}:{person}").random() < fraction  # noqa: S311
        return keep[person]

    return kept


def sample(world: World, fraction: float, seed: int) -> World:
    """Keep whole persons: every event about a sampled person (chains stay intact)."""
    kept = _sampler(fraction, seed)
    events = [e for e in world.events if kept(e["person"])]
    return World(header={**world.header, "sample": fraction}, events=events)
