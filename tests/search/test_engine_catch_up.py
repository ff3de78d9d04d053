"""The engine catches up from the outbox in batches: the result is the index a fresh build gives."""

from __future__ import annotations

from datetime import timedelta

from article3.bootstrap import Runtime
from article3.db.session import transaction
from article3.search import engine as engine_module
from article3.search import service as search
from article3.search.engine import SearchEngine
from article3.search.schemas import PersonQuery, PersonRecord
from tests.conftest import START

PEOPLE = 1_230  # more than two batches of re-reads
SYLLABLES = ("ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "ze", "bo", "da", "fe", "gu", "ho", "ji", "pe")


def _family(i: int) -> str:
    """A family name of its own for every person (common names are capped by the blocking)."""
    a, b, c = i % 16, (i // 16) % 16, (i // 256) % 16
    return (SYLLABLES[a] + SYLLABLES[b] + SYLLABLES[c] + "v").capitalize()


def _record(i: int, *, renamed: bool = False) -> PersonRecord:
    name = f"{'Zbigniew' if renamed else 'Ivan'} {_family(i)}{'ski' if renamed else ''}"
    return PersonRecord(id=f"P{i:05d}", names=[name], birth_date=f"19{50 + i % 40}-01-01")


def _access(i: int) -> dict[str, object]:
    return {"source": "test", "n": i}


def _everything(engine: SearchEngine, runtime: Runtime, query: PersonQuery) -> set[str]:
    with runtime.session() as session:
        [hits] = engine.search(session, [query], limit=5_000, allowed=lambda _a: True)
    return {h.id for h in hits if h.match}


def test_a_batched_catch_up_gives_the_index_a_fresh_build_gives(runtime: Runtime) -> None:
    assert PEOPLE > 2 * engine_module._BATCH
    caught_up = SearchEngine()
    with runtime.session() as session:
        caught_up.catch_up(session)  # built now, empty: what follows arrives through the outbox
    with runtime.session() as session, transaction(session):
        for i in range(PEOPLE):
            search.upsert(session, record=_record(i), access=_access(i), now=START)
    later = START + timedelta(hours=1)
    with runtime.session() as session, transaction(session):
        for i in range(0, PEOPLE, 7):  # changed again after the first write: the last one counts
            search.upsert(session, record=_record(i, renamed=True), access=_access(-i), now=later)
        for i in range(3, PEOPLE, 11):  # removed after being written
            search.remove(session, entry_id=f"P{i:05d}", now=later)
    with runtime.session() as session:
        caught_up.catch_up(session)
    fresh = SearchEngine()
    renamed = PersonQuery(names=[f"Zbigniew {_family(7)}ski"], birth_date="1957-01-01")
    old_name = PersonQuery(names=[f"Ivan {_family(7)}"], birth_date="1957-01-01")
    kept = PersonQuery(names=[f"Ivan {_family(8)}"], birth_date="1958-01-01")

    for query in (renamed, old_name, kept):
        assert _everything(caught_up, runtime, query) == _everything(fresh, runtime, query)
    assert caught_up.access == fresh.access
    assert "P00007" in _everything(caught_up, runtime, renamed)  # renamed: found by the new name
    assert "P00007" not in _everything(caught_up, runtime, old_name)  # and no longer by the old one
    assert "P00008" in _everything(caught_up, runtime, kept)
    assert "P00003" not in caught_up.access  # removed
    assert "P00014" not in caught_up.access  # renamed, then removed
    assert caught_up.access["P00007"] == {"source": "test", "n": -7}
    assert caught_up.seen == fresh.seen > 0
