"""What the Japanese readings cost a process: the dictionary's load time and memory, and a reading.

.venv/bin/python -m bench.search.japanese
"""

from __future__ import annotations

import resource
import time

from article3.search import japanese


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    before = _rss_mib()
    started = time.process_time()
    japanese.reading("山田")  # the first kanji name loads the dictionary
    loaded = time.process_time() - started
    print(f"dictionary load: {loaded:.2f} s of CPU, peak memory {before:.0f} -> {_rss_mib():.0f} MiB")
    started = time.process_time()
    names = [
        f"{family}{given}"
        for family in ("山田", "佐藤", "中島", "高橋")
        for given in ("太郎", "花子", "一郎")
    ]
    for _ in range(200):
        japanese.readings.cache_clear()
        japanese.reading.cache_clear()
        for name in names:
            japanese.readings((name,))
    per = (time.process_time() - started) / (200 * len(names)) * 1e6
    example = japanese.readings(("山田太郎",))
    print(f"unspaced name read (no cache): {per:.0f} us of CPU; e.g. 山田太郎 -> {example}")


if __name__ == "__main__":
    main()
