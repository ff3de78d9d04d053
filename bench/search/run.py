"""`python -m bench.search.run [--sizes 10000,100000,1000000]`: the person search benchmark.

For each gallery size: index build time, resident memory of the index, single-query
latency p50/p95/p99, batch throughput on one core, recall@10 and precision at the
match threshold on generated query variants, and the false-alert rate of distractor
queries. Then, optionally, OpenSanctions' nomenklatura logic-v2 on the same pairs.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import time
from collections import Counter
from typing import Any

import numpy as np

from article3.search import blocking, names, normalize
from article3.search.index import PersonIndex
from article3.search.matching import ALGORITHM, ALGORITHM_VERSION, MATCH_THRESHOLD, prepare
from article3.search.schemas import PersonQuery, PersonRecord
from bench.search import compare_nomenklatura
from bench.search.generate import Generator, gallery
from bench.search.variants import distractor_query, true_query

DEFAULT_SIZES = (10_000, 100_000, 1_000_000)


def rss_mib() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def make_queries(people: list[dict[str, Any]], count: int, seed: int) -> list[dict[str, Any]]:
    """`count` true queries (with "_truth") and `count // 4` distractors (truth None)."""
    rng = random.Random(seed)
    queries = []
    for person in rng.sample(people, count):
        query, how, tables = true_query(rng, person)
        truth = {"_truth": person["id"], "_how": how, "_tables": tables, "_locale": person["_locale"]}
        queries.append({**query, **truth})
    generator = Generator(seed + 1000)
    for number in range(count // 4):
        person = generator.person(f"D{number}")
        queries.append(
            {**distractor_query(person), "_truth": None, "_how": "distractor", "_twin": twin_key(person)}
        )
    rng.shuffle(queries)
    return queries


def to_query(query: dict[str, Any]) -> PersonQuery:
    return PersonQuery(**{k: v for k, v in query.items() if not k.startswith("_")})


def build(people: list[dict[str, Any]]) -> tuple[PersonIndex, float, float, float]:
    records = [PersonRecord(**{k: v for k, v in p.items() if not k.startswith("_")}) for p in people]
    gc.collect()
    before = rss_mib()
    started, cpu_started = time.perf_counter(), time.process_time()
    index = PersonIndex.build(records)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    del records
    gc.collect()
    return index, elapsed, cpu, rss_mib() - before


def cold(index: PersonIndex) -> None:
    """Forget every per-query cache, so that a second pass over the same queries is first-pass."""
    index._vocab._cache.clear()
    names._similarities.clear()
    normalize.token_forms.cache_clear()
    blocking.part_keys.cache_clear()


def evaluate(index: PersonIndex, queries: list[dict[str, Any]]) -> dict[str, Any]:
    """Single queries (wall and thread CPU time each), then one cold `search_many` batch."""
    prepared = [to_query(q) for q in queries]
    index.search(prepared[0])  # warm up
    latencies, cpu, results = [], [], []
    started, cpu_started = time.perf_counter(), time.thread_time()
    for query in prepared:
        t0, c0 = time.perf_counter(), time.thread_time()
        results.append(index.search(query, limit=10))
        latencies.append(time.perf_counter() - t0)
        cpu.append(time.thread_time() - c0)
    total, cpu_total = time.perf_counter() - started, time.thread_time() - cpu_started
    cold(index)
    started, cpu_started = time.perf_counter(), time.thread_time()
    batch = index.search_many(prepared, limit=10)
    batch_wall, batch_cpu = time.perf_counter() - started, time.thread_time() - cpu_started
    same = [[hit.id for hit in hits] for hits in batch] == [[hit.id for hit in hits] for hits in results]
    return {
        "latencies": np.array(latencies) * 1000,
        "cpu": np.array(cpu) * 1000,
        "qps": len(prepared) / total,
        "cpu_qps": len(prepared) / cpu_total,
        "batch_qps": len(prepared) / batch_wall,
        "batch_cpu_qps": len(prepared) / batch_cpu,
        "batch_same": same,
        "results": results,
    }


def twin_key(person: dict[str, Any]) -> tuple[Any, ...]:
    """What tells two persons apart: identical keys are namesakes no engine can separate."""
    return (tuple(person["names"]), person["birth_date"], tuple(person["nationalities"]), person["sex"])


def quality(
    queries: list[dict[str, Any]], results: list[Any], twins: dict[str, tuple[Any, ...]]
) -> dict[str, Any]:
    """Recall and precision; see README.md ("How alerts are counted")."""
    count: Counter[str] = Counter()
    misses: Counter[str] = Counter()
    for query, hits in zip(queries, results, strict=True):
        truth = query["_truth"]
        alert = hits[0] if hits and hits[0].match else None
        if truth is None:
            twin = alert is not None and twins[alert.id] == query["_twin"]
            count["twin_alerts"] += twin
            count["distractor_alerts"] += alert is not None and not twin
            count["alerts"] += alert is not None and not twin
            continue
        tables = query["_tables"]
        count["true"] += 1
        count[f"true:{tables}"] += 1
        if any(hit.id == truth for hit in hits):
            count["found"] += 1
            count[f"found:{tables}"] += 1
        else:
            misses[query["_locale"]] += 1
        if alert is not None:
            count["alerts"] += 1
            count["correct"] += alert.id == truth or twins[alert.id] == twins[truth]
        count["true_alerted"] += any(hit.id == truth and hit.match for hit in hits)
    distractors = len(queries) - count["true"]
    by_tables = {
        name: f"{count['found:' + name] / count['true:' + name]:.4f} of {count['true:' + name]}"
        for name in sorted(key[5:] for key in count if key.startswith("true:"))
    }
    return {
        "recall@10": count["found"] / count["true"],
        "recall@10 by tables": by_tables,
        "recall@threshold": count["true_alerted"] / count["true"],
        "precision@threshold": count["correct"] / max(count["alerts"], 1),
        "distractor_alert_rate": count["distractor_alerts"] / max(distractors, 1),
        "twin_alerts": count["twin_alerts"],
        "misses_by_locale": dict(misses.most_common(6)),
    }


def report(
    size: int, build_s: tuple[float, float], mem: float, run: dict[str, Any], qual: dict[str, Any]
) -> None:
    lat, cpu = run["latencies"], run["cpu"]
    p50, p95, p99 = np.percentile(lat, [50, 95, 99])
    c50, c95, c99 = np.percentile(cpu, [50, 95, 99])
    print(f"\n== gallery {size:,} persons ==")
    print(
        f"index build           {build_s[0]:8.1f} s   ({size / build_s[0]:,.0f} persons/s;"
        f" {build_s[1]:.1f} s CPU)"
    )
    print(f"index memory (RSS)    {mem:8.0f} MiB")
    print(f"latency p50/p95/p99   {p50:.2f} / {p95:.2f} / {p99:.2f} ms  (max {lat.max():.1f} ms)")
    print(f"  CPU time            {c50:.2f} / {c95:.2f} / {c99:.2f} ms  (max {cpu.max():.1f} ms)")
    print(
        f"single-query loop     {run['qps']:8.0f} queries/s"
        f" ({run['cpu_qps']:,.0f}/s of CPU time, {len(lat)} queries)"
    )
    print(
        f"search_many, cold     {run['batch_qps']:8.0f} queries/s ({run['batch_cpu_qps']:,.0f}/s of CPU time;"
        f" same hits: {run['batch_same']})"
    )
    print(f"recall@10             {qual['recall@10']:.4f}")
    for tables, figure in qual["recall@10 by tables"].items():
        print(f"  {tables:<19} {figure}")
    print(f"recall at threshold   {qual['recall@threshold']:.4f}")
    print(f"precision@{MATCH_THRESHOLD:.2f}        {qual['precision@threshold']:.4f}")
    print(
        f"distractor alerts     {qual['distractor_alert_rate']:.4f}  (+ {qual['twin_alerts']} on exact twins)"
    )
    print(f"misses by locale      {qual['misses_by_locale']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)))
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-nomenklatura", action="store_true")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{ALGORITHM} {ALGORITHM_VERSION}, threshold {MATCH_THRESHOLD}, pid {os.getpid()}")
    pairs: list[tuple[dict[str, Any], dict[str, Any], bool]] = []
    for size in sizes:
        people = gallery(size)
        queries = make_queries(people, args.queries, args.seed)
        index, build_s, build_cpu, mem = build(people)
        run = evaluate(index, queries)
        qual = quality(queries, run["results"], {p["id"]: twin_key(p) for p in people})
        report(size, (build_s, build_cpu), mem, run, qual)
        if not pairs:
            pairs = compare_nomenklatura.pairs(people, queries, run["results"])
        del index, people
        gc.collect()
    if not args.no_nomenklatura:
        compare_nomenklatura.run(pairs, prepare)


if __name__ == "__main__":
    main()
