"""``article3 search`` (one query against the database) and ``article3 match`` (list against list)."""

from __future__ import annotations

import json as jsonlib
import sys
from pathlib import Path

import typer

from article3.accounts import service as accounts
from article3.cli.context import emit, fail, handle_errors, state
from article3.db.session import transaction
from article3.search import service as search
from article3.search.index import PersonIndex
from article3.search.lists import PersonListError, match_lists, read_persons
from article3.search.schemas import PersonQuery, PersonRecord


@handle_errors
def search_command(
    ctx: typer.Context,
    name: list[str] = typer.Option(..., "--name", help="A name in any script; repeat for several"),
    birth_date: str | None = typer.Option(None, help="YYYY, YYYY-MM or YYYY-MM-DD"),
    nationality: list[str] = typer.Option([], help="Alpha-2 code; repeat for several"),
    sex: str | None = typer.Option(None, help="M, F or X"),
    limit: int = 10,
    username: str = typer.Option(..., "--as", help="Username of the account searching"),
    json: bool = typer.Option(False, "--json"),
) -> None:
    """Search one person as USERNAME sees the system; the search is logged."""
    st = state(ctx)
    query = PersonQuery.model_validate(
        {"names": name, "birth_date": birth_date, "nationalities": nationality, "sex": sex}
    )
    with st.session() as session, transaction(session):
        actor = accounts.actor_by_username(session, username)
        hits = search.find(
            session,
            engine=st.runtime.search,
            actor=actor,
            query=query,
            limit=limit,
            now=st.runtime.clock.now(),
        )
    emit(
        hits,
        as_json=json,
        lines=lambda hs: (
            "\n".join(f"{h.id}  {h.score:.3f}  {'MATCH' if h.match else '-'}" for h in hs) or "no hits"
        ),
    )


def _load(path: Path) -> list[PersonRecord]:
    try:
        with path.open(encoding="utf-8") as stream:
            return list(read_persons(stream))
    except OSError as exc:
        fail("list.unreadable", f"cannot read {path}: {exc.strerror}")
    except PersonListError as exc:
        fail("list.invalid", f"{path}: {exc}")
    return []


@handle_errors
def match_command(
    queries: Path = typer.Argument(..., help="Persons to look for (JSON Lines or CSV)"),
    against: Path = typer.Option(..., "--against", help="The gallery to search (JSON Lines or CSV)"),
    limit: int = typer.Option(10, "--limit", help="Hits per query, best first"),
) -> None:
    """Match every person of QUERIES against GALLERY, outside the database; one JSON line per query."""
    gallery = PersonIndex.build(_load(against))
    for row in match_lists(_load(queries), gallery, limit=limit):
        sys.stdout.write(jsonlib.dumps(row, ensure_ascii=False) + "\n")
