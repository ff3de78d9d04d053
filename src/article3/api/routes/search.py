"""Person search: one person (border check) or a list (passenger manifest), with entitlement."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

from article3.accounts.permissions import Permission
from article3.actors import Actor
from article3.api.errors import ERROR_RESPONSES
from article3.db.session import transaction
from article3.deps import ClockDep, RuntimeDep, SearchDep, SessionDep, allow
from article3.errors import InvalidInput
from article3.search import service as search
from article3.search.lists import PersonListError, read_persons
from article3.search.schemas import MatchHit, PersonQuery, PersonRecord

router = APIRouter(prefix="/search", tags=["search"], responses=ERROR_RESPONSES)
MAX_LIST = 10_000


class PersonSearch(PersonQuery):
    limit: int = Field(10, ge=1, le=100)


class SearchResult(BaseModel):
    algorithm: str
    version: str
    threshold: float
    hits: list[MatchHit]


@router.post(
    "/persons", summary="Search one person across scripts and spellings", response_model=SearchResult
)
def search_person(
    body: PersonSearch,
    session: SessionDep,
    clock: ClockDep,
    engine: SearchDep,
    actor: Annotated[Actor, allow(Permission.SEARCH_PERSONS)],
) -> SearchResult:
    query = PersonQuery.model_validate(body.model_dump(exclude={"limit"}))
    with transaction(session):
        hits = search.find(
            session, engine=engine, actor=actor, query=query, limit=body.limit, now=clock.now()
        )
    info = search.ENGINE_INFO
    return SearchResult(algorithm=info.algorithm, version=info.version, threshold=info.threshold, hits=hits)


def _parse(raw: bytes, content_type: str) -> list[PersonRecord]:
    fmt = "csv" if "csv" in content_type else "jsonl"
    try:
        persons = list(read_persons(io.StringIO(raw.decode("utf-8")), fmt))
    except UnicodeDecodeError as exc:
        raise InvalidInput("The list is not UTF-8", code="list.encoding") from exc
    except PersonListError as exc:
        raise InvalidInput(
            str(exc),
            code="list.invalid",
            details=[
                {
                    "path": f"line {exc.line}" + (f".{exc.field}" if exc.field else ""),
                    "code": "list.invalid",
                    "message": str(exc),
                }
            ],
        ) from exc
    if len(persons) > MAX_LIST:
        raise InvalidInput(
            f"A list holds at most {MAX_LIST} persons",
            code="list.too_long",
            details=[{"path": f"line {MAX_LIST + 1}", "code": "list.too_long", "message": "too many"}],
        )
    return persons


@router.post(
    "/lists",
    summary="Screen a list of up to 10,000 persons (JSON Lines or CSV), answered as JSON Lines",
    response_class=StreamingResponse,
    responses={200: {"content": {"application/x-ndjson": {}}, "description": "One line per person"}},
)
async def search_list(
    request: Request,
    runtime: RuntimeDep,
    actor: Annotated[Actor, allow(Permission.SEARCH_PERSONS)],
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> StreamingResponse:
    persons = _parse(await request.body(), request.headers.get("content-type", ""))
    now, engine = runtime.clock.now(), runtime.search

    def lines() -> Iterator[bytes]:
        # Its own session: the request's session may be closed before a stream ends.
        with runtime.session() as session, transaction(session):
            rows = search.find_many(
                session, engine=engine, actor=actor, queries=persons, limit=limit, now=now
            )
            for done, row in enumerate(rows, start=1):
                progress = {"progress": {"done": done, "total": len(persons)}}
                yield (json.dumps(row | progress, ensure_ascii=False) + "\n").encode()

    return StreamingResponse(lines(), media_type="application/x-ndjson")
