"""Every role against every guarded API route: forbidden pairs get 403, allowed pairs work.

Each guarded route has a sample request below that succeeds for an allowed role (NCB roles act
for FR); a new route without a sample fails the first test.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import httpx
import pytest
from fastapi.routing import APIRoute

from article3.accounts.permissions import PERMISSIONS, Permission
from article3.actors import Role
from article3.api.app import PREFIX, ROUTERS
from article3.bootstrap import Runtime
from article3.clock import FixedClock
from article3.db.session import transaction
from article3.deps import Gate
from article3.notices import service as notices
from article3.notices.rules import Status
from article3.workflows import end_request
from tests.factories import complaints as cc
from tests.factories import messages as mf
from tests.factories import oversight as ov
from tests.factories import requests as rq
from tests.factories import screening as sc
from tests.factories.accounts import bearer, make_token, make_user
from tests.notices.samples import red_notice
from tests.screening_service.test_training import generate_decisions

_names = itertools.count()


def reason() -> dict[str, str]:
    return {"reason": "the purpose is achieved"}


def new_officer() -> dict[str, str]:
    return {
        "username": f"new-officer-{next(_names)}",
        "role": "ncb_officer",
        "country": "FR",
        "password": "a long enough password",
    }


def suspended(rt: Runtime) -> str:
    ref, officer = rq.published(rt, "FR"), make_user(rt, Role.NCB_OFFICER, "FR")
    with rt.session() as s, transaction(s):
        end_request(
            s, actor=officer, ref=ref, target=Status.SUSPENDED, reason="operational", now=rt.clock.now()
        )
    return ref


def renewable(rt: Runtime) -> str:
    ref = rq.published(rt, "FR")
    with rt.session() as s, transaction(s):
        notices.by_ref(s, ref).expires_at = rt.clock.now() + timedelta(days=30)
    return ref


def notification(rt: Runtime, *, purge: bool = False) -> int:
    ref = rq.published(rt, "DE")
    if purge:
        senior = make_user(rt, Role.SENIOR_REVIEWER)
        with rt.session() as s, transaction(s):
            end_request(
                s, actor=senior, ref=ref, target=Status.CANCELLED, reason="cancelled", now=rt.clock.now()
            )
    with rt.session() as s:
        return notices.inbox(s, country="FR")[0].id


def on(
    make_ref: Callable[[Runtime], Any], suffix: str = "", base: str = "requests"
) -> Callable[[Runtime], str]:
    return lambda rt: f"{PREFIX}/{base}/{make_ref(rt)}{suffix}"


def published_de(rt: Runtime) -> str:
    return rq.published(rt, "DE")


def published_fr(rt: Runtime) -> str:
    return rq.published(rt, "FR")


def in_review_de(rt: Runtime) -> str:
    return rq.in_review(rt, "DE")


def with_model(rt: Runtime) -> str:
    sc.write_model(rt)
    return f"{PREFIX}/screening/model"


def with_decisions(rt: Runtime, role: Role) -> str:
    if role in PERMISSIONS[Permission.SCREENING_MODEL_TRAIN]:  # only a role that may train needs them
        generate_decisions(rt, 24, seed=5)
    return f"{PREFIX}/screening/model"


def protection(role: Role) -> dict[str, Any]:
    """A registration each allowed role may make: its own kind of protected person."""
    kind, against = {Role.REGISTRAR: ("journalist", None), Role.CCF_MEMBER: ("ccf_deletion", "RU")}.get(
        role, ("refugee", "RU")
    )
    return {
        "person": {"names": ["Anna Ivanova"], "birth_date": "1985"},
        "kind": kind,
        "against_country": against,
    }


SAMPLES: dict[tuple[str, str], dict[str, Any]] = {
    ("GET", "/api/v1/me"): {"path": "/api/v1/me", "ok": 200},
    ("GET", "/api/v1/countries"): {"path": "/api/v1/countries", "ok": 200},
    ("GET", "/api/v1/countries/{code}"): {"path": "/api/v1/countries/FR", "ok": 200},
    ("GET", "/api/v1/audit/verify"): {"path": "/api/v1/audit/verify", "ok": 200},
    ("GET", "/api/v1/audit/entries"): {"path": "/api/v1/audit/entries", "ok": 200},
    ("GET", "/api/v1/users"): {"path": "/api/v1/users", "ok": 200},
    ("POST", "/api/v1/users"): {"path": "/api/v1/users", "ok": 201, "json": new_officer},
    ("POST", "/api/v1/requests"): {"path": "/api/v1/requests", "ok": 201, "json": red_notice},
    ("GET", "/api/v1/requests"): {"path": "/api/v1/requests", "ok": 200},
    ("GET", "/api/v1/requests/{ref}"): {"path": on(published_de), "ok": 200},
    ("GET", "/api/v1/requests/{ref}/screening"): {"path": on(in_review_de, "/screening"), "ok": 200},
    ("POST", "/api/v1/requests/{ref}/withdraw"): {
        "path": on(published_fr, "/withdraw"),
        "ok": 200,
        "json": reason,
    },
    ("POST", "/api/v1/requests/{ref}/suspend"): {
        "path": on(published_fr, "/suspend"),
        "ok": 200,
        "json": reason,
    },
    ("POST", "/api/v1/requests/{ref}/resume"): {"path": on(suspended, "/resume"), "ok": 200, "json": reason},
    ("POST", "/api/v1/requests/{ref}/renew"): {"path": on(renewable, "/renew"), "ok": 200, "json": reason},
    ("POST", "/api/v1/requests/{ref}/cancel"): {
        "path": on(published_de, "/cancel"),
        "ok": 200,
        "json": reason,
    },
    ("POST", "/api/v1/requests/{ref}/flags"): {
        "path": on(published_de, "/flags"),
        "ok": 201,
        "json": lambda: {"reason": "national_law"},
    },
    ("GET", "/api/v1/inbox"): {"path": "/api/v1/inbox", "ok": 200},
    ("POST", "/api/v1/inbox/{notification_id}/read"): {"path": on(notification, "/read", "inbox"), "ok": 204},
    ("POST", "/api/v1/inbox/{notification_id}/confirm-purge"): {
        "path": on(lambda rt: notification(rt, purge=True), "/confirm-purge", "inbox"),
        "ok": 204,
    },
    ("POST", "/api/v1/search/persons"): {
        "path": "/api/v1/search/persons",
        "ok": 200,
        "json": lambda: {"names": ["Jean Dupont"]},
    },
    ("POST", "/api/v1/search/lists"): {
        "path": "/api/v1/search/lists",
        "ok": 200,
        "content": b'{"id": "1", "names": ["A B"]}\n',
    },
    ("POST", "/api/v1/register"): {
        "path": "/api/v1/register",
        "ok": 201,
        "json": protection,
    },
    ("GET", "/api/v1/register"): {"path": "/api/v1/register", "ok": 200},
    ("POST", "/api/v1/messages"): {
        "path": "/api/v1/messages",
        "ok": 201,
        "json": lambda: {"to": ["DE"], "subject": "Meeting", "body": "See you on Monday."},
    },
    ("GET", "/api/v1/messages/inbox"): {"path": "/api/v1/messages/inbox", "ok": 200},
    ("GET", "/api/v1/messages/outbox"): {"path": "/api/v1/messages/outbox", "ok": 200},
    ("GET", "/api/v1/messages/{ref}"): {
        "path": lambda rt: f"{PREFIX}/messages/{mf.delivered(rt)[0]}",
        "ok": 200,
    },
    ("GET", "/api/v1/messages/{ref}/thread"): {
        "path": lambda rt: f"{PREFIX}/messages/{mf.delivered(rt)[0]}/thread",
        "ok": 200,
    },
    ("POST", "/api/v1/messages/{ref}/read"): {
        "path": lambda rt: f"{PREFIX}/messages/{mf.delivered(rt, 'DE', 'FR')[0]}/read",
        "ok": 204,
    },
    ("GET", "/api/v1/messages/{ref}/attachments/{attachment_id}"): {
        "path": lambda rt: "{}/messages/{}/attachments/{}".format(PREFIX, *mf.delivered(rt)),
        "ok": 200,
    },
    ("GET", "/api/v1/compliance/messages"): {"path": "/api/v1/compliance/messages", "ok": 200},
    ("GET", "/api/v1/compliance/messages/{ref}"): {
        "path": lambda rt: f"{PREFIX}/compliance/messages/{mf.held(rt)[0]}",
        "ok": 200,
    },
    ("GET", "/api/v1/compliance/messages/{ref}/attachments/{attachment_id}"): {
        "path": lambda rt: "{}/compliance/messages/{}/attachments/{}".format(PREFIX, *mf.held(rt)),
        "ok": 200,
    },
    ("POST", "/api/v1/compliance/messages/{ref}/decide"): {
        "path": lambda rt: f"{PREFIX}/compliance/messages/{mf.held(rt)[0]}/decide",
        "ok": 200,
        "json": lambda: {"decision": "release", "grounds": "service of court documents only"},
    },
    ("GET", "/api/v1/review/queue"): {"path": "/api/v1/review/queue", "ok": 200},
    ("GET", "/api/v1/review/{ref}"): {"path": on(in_review_de, "", "review"), "ok": 200},
    ("POST", "/api/v1/review/{ref}/claim"): {"path": on(in_review_de, "/claim", "review"), "ok": 200},
    ("POST", "/api/v1/review/{ref}/release"): {"path": "claimed", "ok": 200},
    ("POST", "/api/v1/review/{ref}/decide"): {
        "path": on(in_review_de, "/decide", "review"),
        "ok": 200,
        "json": lambda: rq.approve().model_dump(mode="json"),
    },
    ("GET", "/api/v1/complaints/mine"): {"path": "/api/v1/complaints/mine", "ok": 200},
    ("GET", "/api/v1/complaints/overdue"): {"path": "/api/v1/complaints/overdue", "ok": 200},
    ("GET", "/api/v1/complaints"): {"path": "/api/v1/complaints", "ok": 200},
    ("GET", "/api/v1/complaints/{ref}"): {"path": on(cc.lodged, "", "complaints"), "ok": 200},
    ("GET", "/api/v1/complaints/{ref}/documents/{document_id}"): {
        "path": lambda rt: "{}/complaints/{}/documents/{}".format(PREFIX, *cc.with_document(rt)),
        "ok": 200,
    },
    ("POST", "/api/v1/complaints/{ref}/admissibility"): {
        "path": on(cc.lodged, "/admissibility", "complaints"),
        "ok": 200,
        "json": lambda: {"admissible": True, "reason": "in order"},
    },
    ("POST", "/api/v1/complaints/{ref}/consultations"): {
        "path": on(cc.admissible, "/consultations", "complaints"),
        "ok": 201,
        "json": lambda: {"questions": "Did the person personally benefit?"},
    },
    ("POST", "/api/v1/complaints/{ref}/extensions"): {
        "path": on(cc.lodged, "/extensions", "complaints"),
        "ok": 200,
        "json": lambda: {"clock": "admissibility", "months": 1, "reason": "translation of the file"},
    },
    ("POST", "/api/v1/complaints/{ref}/requests/{request_ref}/clear"): {
        "path": lambda rt: "{}/complaints/{}/requests/{}/clear".format(PREFIX, *cc.later_linked(rt)),
        "ok": 200,
        "json": lambda: {"reason": "a commercial fraud with court records: no reason to block"},
    },
    ("POST", "/api/v1/complaints/{ref}/block"): {
        "path": on(lambda rt: cc.on_published(rt)[0], "/block", "complaints"),
        "ok": 200,
        "json": lambda: {"reason": "imminent extradition"},
    },
    ("POST", "/api/v1/complaints/{ref}/consultations/{consultation_id}/restriction"): {
        "path": lambda rt: "{}/complaints/{}/consultations/{}/restriction".format(
            PREFIX, *cc.consulted(rt, answered=True)
        ),
        "ok": 200,
        "json": lambda: {"accept": True},
    },
    ("POST", "/api/v1/complaints/{ref}/decision"): {
        "path": on(cc.admissible, "/decision", "complaints"),
        "ok": 200,
        "json": lambda: {"outcome": "compliant", "findings": {"art3_political_predominance": "rejected"}},
    },
    ("GET", "/api/v1/consultations"): {"path": "/api/v1/consultations", "ok": 200},
    ("POST", "/api/v1/consultations/{consultation_id}/answer"): {
        "path": lambda rt: f"{PREFIX}/consultations/{cc.consulted(rt)[1]}/answer",
        "ok": 200,
        "json": lambda: {"answer": "The person signed the contracts."},
    },
    ("GET", "/api/v1/oversight/records"): {"path": "/api/v1/oversight/records?year=2026", "ok": 200},
    ("GET", "/api/v1/oversight/records/{code}"): {"path": "/api/v1/oversight/records/FR", "ok": 200},
    ("GET", "/api/v1/measures/proposals"): {"path": "/api/v1/measures/proposals", "ok": 200},
    ("POST", "/api/v1/measures"): {
        "path": "/api/v1/measures",
        "ok": 201,
        "json": lambda: {"country": "RU", "kind": "diffusion_hold", "reason": ov.REASON},
    },
    ("POST", "/api/v1/measures/{measure_id}/lift"): {
        "path": lambda rt: f"{PREFIX}/measures/{ov.applied(rt)}/lift",
        "ok": 200,
        "json": lambda: {"reason": "record back within the thresholds"},
    },
    ("GET", "/api/v1/screening/model"): {"path": with_model, "ok": 200},
    ("POST", "/api/v1/screening/model"): {"path": with_decisions, "ok": 200},
    ("GET", "/api/v1/screening/wording"): {"path": "/api/v1/screening/wording", "ok": 200},
    # nothing counted here: a role let through gets the workflow's 409 (the 200 is in test_screening_wording)
    ("POST", "/api/v1/screening/wording"): {"path": "/api/v1/screening/wording", "ok": 409},
}


def guarded_routes() -> dict[tuple[str, str], Permission]:
    """Each API route with the permission its Gate checks."""
    found: dict[tuple[str, str], Permission] = {}
    for route in (r for router in ROUTERS for r in router.routes):
        if not isinstance(route, APIRoute):
            continue
        stack = list(route.dependant.dependencies)
        while stack:
            dep = stack.pop()
            if isinstance(dep.call, Gate):
                for method in route.methods:
                    found[(method, PREFIX + route.path)] = dep.call.permission
            stack.extend(dep.dependencies)
    return found


def test_every_guarded_route_has_a_sample_and_every_permission_is_used() -> None:
    routes = guarded_routes()
    assert set(routes) == set(SAMPLES), "add a sample request for each new guarded route"
    assert set(routes.values()) == set(PERMISSIONS)


def _call(
    http: httpx.Client, rt: Runtime, token: str, sample: dict[str, Any], method: str, role: Role
) -> httpx.Response:
    make = sample.get("json")
    body = (make(role) if make.__code__.co_argcount else make()) if make else None
    path = sample["path"]
    if path == "claimed":  # release needs the caller's own claim first
        ref = rq.in_review(rt, "DE")
        http.post(f"{PREFIX}/review/{ref}/claim", headers=bearer(token))
        path = f"{PREFIX}/review/{ref}/release"
    elif callable(path):
        path = path(rt, role) if path.__code__.co_argcount == 2 else path(rt)
    if "content" in sample:
        return http.request(method, path, content=sample["content"], headers=bearer(token))
    return http.request(method, path, json=body, headers=bearer(token))


@pytest.mark.parametrize("role", list(Role))
def test_role_against_every_route(runtime: Runtime, http: httpx.Client, role: Role) -> None:
    token = make_token(runtime, role)
    for (method, path), permission in guarded_routes().items():
        response = _call(http, runtime, token, SAMPLES[(method, path)], method, role)
        if role in PERMISSIONS[permission]:
            assert response.status_code == SAMPLES[(method, path)]["ok"], (role, method, path, response.text)
        else:
            assert response.status_code == 403, (role, method, path, response.text)
            assert response.json()["error"]["code"] == "auth.permission_denied"


def test_no_token_gets_401_on_every_guarded_route(http: httpx.Client) -> None:
    for method, path in guarded_routes():
        concrete = (
            path.replace("{ref}", "A3-2026-000001").replace("{notification_id}", "1").replace("{code}", "FR")
        )
        response = http.request(method, concrete)
        assert response.status_code == 401, (method, path)
        assert response.json()["error"]["code"] == "auth.not_authenticated"


def test_a_wrong_or_expired_token_gets_401(runtime: Runtime, http: httpx.Client) -> None:
    token = make_token(runtime, Role.AUDITOR)
    assert http.get("/api/v1/me", headers=bearer(token + "x")).status_code == 401
    assert isinstance(runtime.clock, FixedClock)
    runtime.clock.advance(timedelta(days=31))
    assert http.get("/api/v1/me", headers=bearer(token)).status_code == 401
