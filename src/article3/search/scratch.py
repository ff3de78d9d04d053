"""Dense per-thread work arrays of the index pre-score. Pure.

One record per internal person id (part, total, count, best, position), so the
scattered reads and writes of one candidate touch one cache line, not five arrays:
at a million persons the arrays are far larger than the CPU caches.
"""

from __future__ import annotations

import numpy as np

from article3.search.arrays import Floats, Ints

ABSENT = np.float32(-100.0)
_RECORD = np.dtype(
    [(name, np.float32) for name in ("part", "total", "count", "best")] + [("position", np.int32)]
)


class Scratch:
    """Dense per-thread work arrays, all zero (best: absent) between uses."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.records = np.zeros(size, _RECORD)
        self.part: Floats = self.records["part"]
        self.total: Floats = self.records["total"]
        self.count: Floats = self.records["count"]
        self.best: Floats = self.records["best"]
        self.best[:] = ABSENT
        self.position: Ints = self.records["position"]
        self.found = np.zeros(size, np.bool_)  # persons a query name found, while its common parts are added

    def distinct(self, ids: Ints) -> Ints:
        """`ids` without repeats, in no particular order, without sorting."""
        steps = np.arange(ids.size, dtype=np.int32)
        self.position[ids] = steps
        kept: Ints = ids[self.position[ids] == steps]
        return kept
