"""Person search over the database: entitlement, the outbox keeping the index current, the log."""

from __future__ import annotations

import json

import httpx
from sqlalchemy import select
from typer.testing import CliRunner

from article3.actors import Actor, Role
from article3.bootstrap import Runtime
from article3.cli.main import app
from article3.db.session import transaction
from article3.notices import service as notices
from article3.notices.rules import Status
from article3.search import service as search
from article3.search.models import IndexedPerson, SearchLog
from article3.search.schemas import PersonQuery
from tests.factories import requests as rq
from tests.factories.accounts import bearer, make_token, make_user

RUSSIAN = {
    "names": [{"full": "Игорь Пестриков"}],
    "birth_date": "1961-03-12",
    "nationalities": ["RU"],
    "sex": "M",
}
QUERY = PersonQuery(names=["PESTRIKOW IGOR"], birth_date="1961-03")


def submit_ru(rt: Runtime, kind: str = "red_notice") -> str:
    doc = rq.document("FR", kind, subject=RUSSIAN)
    return rq.submit(rt, make_user(rt, Role.NCB_OFFICER, "FR"), doc)


def refs(rt: Runtime, actor: Actor) -> list[str]:
    with rt.session() as s, transaction(s):
        return [
            h.id
            for h in search.find(s, engine=rt.search, actor=actor, query=QUERY, limit=10, now=rt.clock.now())
            if h.match
        ]


def test_nothing_unpublished_is_found_by_a_country_but_reviewers_see_it(runtime: Runtime) -> None:
    ref = submit_ru(runtime)
    de, reviewer = make_user(runtime, Role.NCB_OFFICER, "DE"), make_user(runtime, Role.REVIEWER)
    assert refs(runtime, de) == []
    assert refs(runtime, reviewer) == [ref]
    rq.decide(runtime, reviewer, ref, rq.approve())
    assert refs(runtime, de) == [ref]  # published: the index caught up from the outbox


def test_a_diffusion_is_found_only_by_its_recipients(runtime: Runtime) -> None:
    ref = submit_ru(runtime, "diffusion")  # addressed to DE
    rq.decide(runtime, make_user(runtime, Role.REVIEWER), ref, rq.approve())
    assert refs(runtime, make_user(runtime, Role.NCB_OFFICER, "DE")) == [ref]
    assert refs(runtime, make_user(runtime, Role.NCB_OFFICER, "ES")) == []


def test_a_deleted_person_is_gone_from_the_next_query_and_from_the_tables(runtime: Runtime) -> None:
    ref = submit_ru(runtime)
    reviewer = make_user(runtime, Role.REVIEWER)
    rq.decide(runtime, reviewer, ref, rq.approve())
    assert refs(runtime, reviewer) == [ref]  # the index is built now
    ccf = make_user(runtime, Role.CCF_MEMBER)
    with runtime.session() as s, transaction(s):
        request = notices.by_ref(s, ref)
        notices.transition(
            s,
            actor=ccf,
            request=request,
            target=Status.DELETED,
            reason="non-compliant",
            now=runtime.clock.now(),
        )
    assert refs(runtime, reviewer) == []
    with runtime.session() as s:
        assert s.get(IndexedPerson, ref) is None


def test_cancelled_requests_leave_other_countries_hits_at_once(runtime: Runtime) -> None:
    ref = submit_ru(runtime)
    rq.decide(runtime, make_user(runtime, Role.REVIEWER), ref, rq.approve())
    de, senior = make_user(runtime, Role.NCB_OFFICER, "DE"), make_user(runtime, Role.SENIOR_REVIEWER)
    assert refs(runtime, de) == [ref]
    with runtime.session() as s, transaction(s):
        notices.transition(
            s,
            actor=senior,
            request=notices.by_ref(s, ref),
            target=Status.CANCELLED,
            reason="conditions no longer met",
            now=runtime.clock.now(),
        )
    assert refs(runtime, de) == []


def test_every_search_is_logged_with_a_hash_and_ids_only(runtime: Runtime) -> None:
    ref = submit_ru(runtime)
    reviewer = make_user(runtime, Role.REVIEWER)
    refs(runtime, reviewer)
    with runtime.session() as s:
        log = s.scalars(select(SearchLog)).one()
    assert log.actor == reviewer.audit_name
    assert log.hit_ids == [ref]
    assert log.query_hash == search.query_hash(QUERY)
    assert "PESTRIK" not in json.dumps([log.query_hash, log.hit_ids, log.kind]).upper()


def test_search_persons_over_http(runtime: Runtime, http: httpx.Client) -> None:
    ref = submit_ru(runtime)
    rq.decide(runtime, make_user(runtime, Role.REVIEWER), ref, rq.approve())
    token = make_token(runtime, Role.NCB_OFFICER, "DE")
    body = http.post(
        "/api/v1/search/persons",
        json={"names": ["Pestrykov Ihor"], "birth_date": "1961"},
        headers=bearer(token),
    ).json()
    assert body["algorithm"]
    assert body["hits"][0]["id"] == ref
    assert body["hits"][0]["match"] is True
    assert set(body["hits"][0]["why"]) >= {"names", "birth_date"}


def test_search_lists_streams_json_lines_for_jsonl_and_csv(runtime: Runtime, http: httpx.Client) -> None:
    ref = submit_ru(runtime)
    rq.decide(runtime, make_user(runtime, Role.REVIEWER), ref, rq.approve())
    token = make_token(runtime, Role.NCB_OFFICER, "DE")
    jsonl = (
        '{"id": "P1", "names": ["PESTRIKOV IGOR"], "birth_date": "1961-03"}\n'
        '{"id": "P2", "names": ["Ana Lima"]}\n'
    )
    response = http.post(
        "/api/v1/search/lists",
        content=jsonl.encode(),
        headers=bearer(token) | {"content-type": "application/x-ndjson"},
    )
    lines = [json.loads(x) for x in response.text.splitlines()]
    assert [x["query"] for x in lines] == ["P1", "P2"]
    assert lines[0]["hits"][0]["id"] == ref
    assert lines[1]["progress"] == {"done": 2, "total": 2}
    csv = "id,name,birth_date,nationalities,sex\nP9,Pestrikoff Igor,1961,RU,M\n"
    response = http.post(
        "/api/v1/search/lists", content=csv.encode(), headers=bearer(token) | {"content-type": "text/csv"}
    )
    assert json.loads(response.text.splitlines()[0])["hits"][0]["id"] == ref


def test_a_bad_list_line_is_named(runtime: Runtime, http: httpx.Client) -> None:
    token = make_token(runtime, Role.NCB_OFFICER, "DE")
    bad = '{"id": "P1", "names": ["A B"]}\n{"id": "P2"}\n'
    response = http.post(
        "/api/v1/search/lists",
        content=bad.encode(),
        headers=bearer(token) | {"content-type": "application/x-ndjson"},
    )
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["path"].startswith("line 2")


def test_match_lists_outside_the_database(tmp_path: object) -> None:
    from pathlib import Path  # noqa: PLC0415

    folder = Path(str(tmp_path))
    (folder / "q.jsonl").write_text('{"id": "Q1", "names": ["PESTRIKOV IGOR"], "birth_date": "1961-03"}\n')
    (folder / "g.csv").write_text(
        "id,name,birth_date,nationalities,sex\nG1,Игорь Пестриков,1961-03-12,RU,M\nG2,Jane Roe,1980,XA,F\n"
    )
    result = CliRunner().invoke(
        app, ["match", str(folder / "q.jsonl"), "--against", str(folder / "g.csv"), "--limit", "1"]
    )
    assert result.exit_code == 0, result.output
    row = json.loads(result.stdout)
    assert row["query"] == "Q1"
    assert [h["id"] for h in row["hits"]] == ["G1"]
