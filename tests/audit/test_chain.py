"""The audit chain's pure hashing and verification."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from article3.audit import chain

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def build(n: int) -> list[chain.EntryView]:
    entries, prev = [], chain.GENESIS_HASH
    for i in range(1, n + 1):
        draft = chain.EntryView(
            i,
            T0 + timedelta(seconds=i),
            f"user:{i}",
            "notices:request:submitted",
            "request",
            str(i),
            chain.digest({"i": i}),
            prev,
            "",
        )
        entry = replace(draft, hash=chain.link(prev, draft.body()))
        entries.append(entry)
        prev = entry.hash
    return entries


def test_an_intact_chain_verifies_and_reports_its_head() -> None:
    entries = build(5)
    result = chain.verify(entries)
    assert result.ok
    assert result.checked == 5
    assert result.head_hash == entries[-1].hash


def test_the_empty_chain_has_the_genesis_head() -> None:
    assert chain.verify([]).head_hash == chain.GENESIS_HASH


@given(
    st.integers(min_value=1, max_value=12), st.sampled_from(["actor", "action", "subject_id", "change_hash"])
)
def test_changing_any_field_of_any_entry_is_caught_at_that_entry(n: int, field: str) -> None:
    entries = build(12)
    entries[n - 1] = replace(entries[n - 1], **{field: "tampered"})
    result = chain.verify(entries)
    assert not result.ok
    assert result.first_broken_seq == n


def test_a_removed_entry_is_caught_as_a_gap() -> None:
    entries = build(4)
    del entries[1]
    result = chain.verify(entries)
    assert result.first_broken_seq == 3
    assert result.reason is not None
    assert "gap" in result.reason


def test_a_rehashed_entry_breaks_the_link_of_the_next() -> None:
    entries = build(4)
    forged = replace(entries[1], actor="user:999")
    entries[1] = replace(forged, hash=chain.link(forged.prev_hash, forged.body()))
    assert chain.verify(entries).first_broken_seq == 3


def test_digest_is_order_independent_and_canonical() -> None:
    assert chain.digest({"a": 1, "b": "é"}) == chain.digest({"b": "é", "a": 1})
    assert chain.digest({"a": 1}) != chain.digest({"a": 2})
