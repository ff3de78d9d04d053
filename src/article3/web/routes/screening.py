"""The screening's learned component: the current model's card and, for senior reviewers, retraining;
what the wording counts hold."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from article3 import workflows
from article3.accounts.permissions import Permission, allowed
from article3.actors import Actor
from article3.db.session import transaction
from article3.deps import ClockDep, SessionDep, SettingsDep, allow_web
from article3.errors import Conflict
from article3.screening import model_files, training, wording_store
from article3.web.csrf import check_csrf
from article3.web.render import FormDep, page

router = APIRouter()
Reader = Annotated[Actor, allow_web(Permission.SCREENING_MODEL_READ)]
Trainer = Annotated[Actor, allow_web(Permission.SCREENING_MODEL_TRAIN)]


def _page(
    request: Request,
    settings: SettingsDep,
    actor: Actor,
    *,
    status: int = 200,
    error: dict[str, Any] | None = None,
    retrained: bool = False,
) -> Response:
    model = model_files.latest(settings.data_dir)
    return page(
        request,
        "screening/model.html",
        status=status,
        card=model.card if model else None,
        error=error,
        retrained=retrained,
        may_train=allowed(actor.role, Permission.SCREENING_MODEL_TRAIN),
    )


@router.get("/screening/model")
def model_card(request: Request, settings: SettingsDep, actor: Reader, retrained: bool = False) -> Response:
    return _page(request, settings, actor, retrained=retrained)


@router.post("/screening/model")
def retrain(
    request: Request,
    form: FormDep,
    session: SessionDep,
    clock: ClockDep,
    settings: SettingsDep,
    actor: Trainer,
) -> Response:
    return _act_or_409(
        request,
        form,
        session,
        act=lambda: workflows.train_screening(
            session, actor=actor.audit_name, data_dir=settings.data_dir, now=clock.now()
        ),
        short=training.INSUFFICIENT,
        again=lambda error: _page(request, settings, actor, status=409, error=error),
        done="/screening/model?retrained=true",
    )


def _act_or_409(
    request: Request,
    form: FormDep,
    session: SessionDep,
    *,
    act: Callable[[], object],
    short: str,
    again: Callable[[dict[str, Any]], Response],
    done: str,
) -> Response:
    """Run a senior reviewer's action in one transaction: then to ``done``; too little data (the
    Conflict ``short``): the page again, with the error and a 409."""
    check_csrf(request, str(form.get("csrf") or ""))
    try:
        with transaction(session):
            act()
    except Conflict as exc:
        if exc.code != short:
            raise
        return again({"code": exc.code, "message": exc.message})
    return RedirectResponse(done, status_code=303)


def _wording_page(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    actor: Actor,
    *,
    status: int = 200,
    error: dict[str, Any] | None = None,
    calibrated: bool = False,
) -> Response:
    return page(
        request,
        "screening/wording.html",
        status=status,
        wording=wording_store.summary(session, use=settings.wording.value),
        error=error,
        calibrated=calibrated,
        may_calibrate=allowed(actor.role, Permission.SCREENING_MODEL_TRAIN),
    )


@router.get("/screening/wording")
def wording(
    request: Request, session: SessionDep, settings: SettingsDep, actor: Reader, calibrated: bool = False
) -> Response:
    return _wording_page(request, session, settings, actor, calibrated=calibrated)


@router.post("/screening/wording")
def calibrate(
    request: Request,
    form: FormDep,
    session: SessionDep,
    clock: ClockDep,
    settings: SettingsDep,
    actor: Trainer,
) -> Response:
    return _act_or_409(
        request,
        form,
        session,
        act=lambda: workflows.calibrate_wording(session, actor=actor.audit_name, now=clock.now()),
        short=workflows.WORDING_DATA_INSUFFICIENT,
        again=lambda error: _wording_page(request, session, settings, actor, status=409, error=error),
        done="/screening/wording?calibrated=true",
    )
