"""Person lists (JSON Lines or CSV, see spec/person-lists.md) and list-against-gallery matching.

Pure: the caller opens the streams. Errors name the line and the field but never
quote the offending value, which may be a person's name.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from pydantic import ValidationError

from article3.search.index import PersonIndex
from article3.search.schemas import PersonRecord

FORMATS = ("jsonl", "csv")
CSV_COLUMNS = ("id", "name", "birth_date", "nationalities", "sex")
_BATCH = 256  # queries answered per `PersonIndex.search_many` call
_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv"}


class PersonListError(ValueError):
    """A person list could not be read: `line` (1-based) and `field` say where."""

    def __init__(self, message: str, *, line: int, field: str | None = None) -> None:
        where = f"line {line}" + (f", field {field!r}" if field else "")
        super().__init__(f"{where}: {message}")
        self.line = line
        self.field = field


def detect_format(file_name: str) -> str:
    """ "jsonl" or "csv" from a file name's suffix."""
    for suffix, fmt in _SUFFIXES.items():
        if file_name.lower().endswith(suffix):
            return fmt
    raise ValueError("cannot tell the list format from the file name; use jsonl or csv")


def _record(data: dict[str, Any], line: int) -> PersonRecord:
    try:
        return PersonRecord.model_validate(data)
    except ValidationError as error:
        first = error.errors(include_input=False, include_url=False)[0]
        field = ".".join(str(part) for part in first["loc"][:1]) or None
        raise PersonListError(first["msg"], line=line, field=field) from None


def _read_jsonl(stream: Iterable[str]) -> Iterator[PersonRecord]:
    for line, text in enumerate(stream, start=1):
        if not text.strip():
            continue
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            raise PersonListError("not valid JSON", line=line) from None
        if not isinstance(data, dict):
            raise PersonListError("a line must hold one JSON object", line=line)
        yield _record(data, line)


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(";") if part.strip()]


def _read_csv(stream: Iterable[str]) -> Iterator[PersonRecord]:
    reader = csv.DictReader(stream)
    missing = {"id", "name"} - set(reader.fieldnames or ())
    if missing:
        raise PersonListError("missing column", line=1, field=sorted(missing)[0])
    for row in reader:
        line = reader.line_num
        if None in row:
            raise PersonListError("more values than columns", line=line)
        data: dict[str, Any] = {"id": row.get("id") or "", "names": _split(row.get("name"))}
        data["birth_date"] = row.get("birth_date") or None
        data["nationalities"] = _split(row.get("nationalities"))
        data["sex"] = row.get("sex") or None
        try:
            yield _record(data, line)
        except PersonListError as error:
            field = "name" if error.field == "names" else error.field
            raise PersonListError(str(error).split(": ", 1)[1], line=line, field=field) from None


def read_persons(stream: IO[str] | Iterable[str], fmt: str | None = None) -> Iterator[PersonRecord]:
    """Persons of a JSON Lines or CSV list; `fmt` defaults to the stream's file name suffix."""
    if fmt is None:
        fmt = detect_format(str(getattr(stream, "name", "")))
    if fmt not in FORMATS:
        raise ValueError(f"unknown person list format {fmt!r}; use jsonl or csv")
    return _read_jsonl(stream) if fmt == "jsonl" else _read_csv(stream)


def match_lists(
    queries: Iterable[PersonRecord], index: PersonIndex, *, limit: int = 10
) -> Iterator[dict[str, Any]]:
    """One output line per query: {"query": id, "hits": [{"id", "score", "match", "why"}]}."""
    batch: list[PersonRecord] = []
    for query in queries:
        batch.append(query)
        if len(batch) >= _BATCH:
            yield from _matched(batch, index, limit)
            batch = []
    yield from _matched(batch, index, limit)


def _matched(batch: list[PersonRecord], index: PersonIndex, limit: int) -> Iterator[dict[str, Any]]:
    for query, hits in zip(batch, index.search_many(batch, limit=limit), strict=True):
        yield {"query": query.id, "hits": [hit.model_dump() for hit in hits]}
