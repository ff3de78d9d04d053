"""Checkpoints of a long replay, so that a crash or a stopped machine loses at most one simulated year.

A checkpoint is taken each 1 January of the replay (``Replay.run``'s ``checkpoint`` hook), before the
first event of the new year. It is a folder holding:

- ``database.sqlite``: a copy of the replay's SQLite database, made with SQLite's online backup;
- ``state.pickle``: the replay's own state (its outcomes, tallies and scheduled decisions, which are
  closures), pickled with cloudpickle; the runtime (engine, sessions) is left out and attached again;
- ``manifest.json``, written last: what the checkpoint was taken for (world file, sample, switches)
  and the index of the next event.

The directory keeps the newest complete checkpoint only: a new one is written under a fresh name
and then named ``current`` by replacing a one-line pointer file, so that a crash while writing
leaves the previous checkpoint whole. Resuming copies the database back to the replay's database
path and carries on from the next event; what it prints is what the replay without the crash would
have printed.

A checkpoint holds what the replay's database holds (the generated persons' names and the facts of
their requests) and a pickle runs code when loaded: keep it with the database, and resume only from
checkpoints this machine wrote.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cloudpickle
from sqlalchemy.engine import make_url

from article3.errors import Conflict, InvalidInput

POINTER = "current"
MANIFEST = "manifest.json"
STATE = "state.pickle"
DATABASE = "database.sqlite"


@dataclass(frozen=True, slots=True)
class Saved:
    """A checkpoint read back: its manifest, the replay state and where its database copy is."""

    manifest: dict[str, Any]
    state: Any
    database: Path


def sqlite_path(database_url: str) -> Path:
    """The file of an SQLite database URL; checkpoints copy that file and nothing else can be copied."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise InvalidInput(
            "checkpoint: a checkpoint copies the replay's database file, so ARTICLE3_DATABASE_URL must "
            "name an SQLite file",
            code="sim.checkpoint_needs_sqlite",
        )
    return Path(url.database)


def save(folder: Path, *, database: Path, state: Any, manifest: dict[str, Any]) -> Path:
    """Write one checkpoint (module docstring) and make it the current one; returns its folder."""
    folder.mkdir(parents=True, exist_ok=True)
    name = f"at-{manifest['next_event']:09d}"
    target = folder / name
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir()
    with sqlite3.connect(database) as source, sqlite3.connect(target / DATABASE) as copy:
        source.backup(copy)
    (target / STATE).write_bytes(cloudpickle.dumps(state))
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8")
    pointer = folder / f"{POINTER}.tmp"
    pointer.write_text(name + "\n", encoding="utf-8")
    os.replace(pointer, folder / POINTER)
    for old in folder.glob("at-*"):
        if old.name != name:
            shutil.rmtree(old, ignore_errors=True)
    return target


def load(folder: Path, expected: dict[str, Any]) -> Saved:
    """The current checkpoint of ``folder``; it must have been taken for the same replay
    (``expected``: the manifest's keys other than the next event)."""
    pointer = folder / POINTER
    if not pointer.is_file():
        raise Conflict(f"no checkpoint in {folder} to resume from", code="sim.no_checkpoint")
    target = folder / pointer.read_text(encoding="utf-8").strip()
    manifest = json.loads((target / MANIFEST).read_text(encoding="utf-8"))
    differs = sorted(k for k, v in expected.items() if manifest.get(k) != v)
    if differs:
        raise Conflict(
            f"the checkpoint in {folder} was taken for another replay ({', '.join(differs)} differ: "
            + "; ".join(f"{k} was {manifest.get(k)!r}, now {expected[k]!r}" for k in differs)
            + ")",
            code="sim.checkpoint_mismatch",
        )
    state = cloudpickle.loads((target / STATE).read_bytes())  # written by this machine
    return Saved(manifest=manifest, state=state, database=target / DATABASE)


def restore(saved: Saved, database: Path) -> None:
    """Put the checkpoint's database copy where the replay's database is (its WAL files removed)."""
    for suffix in ("-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    database.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(saved.database) as source, sqlite3.connect(database) as copy:
        source.backup(copy)
