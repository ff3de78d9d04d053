"""The screening's learned component: read the current model's card, retrain it now; read what the
wording counts hold."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from article3 import workflows
from article3.accounts.permissions import Permission
from article3.actors import Actor
from article3.api.errors import CONFLICT_RESPONSE, ERROR_RESPONSES
from article3.db.session import transaction
from article3.deps import ClockDep, SessionDep, SettingsDep, allow
from article3.screening import model_files, wording_store
from article3.screening.schemas import ModelCardRead, WordingCalibrationRead, WordingRead

router = APIRouter(prefix="/screening", tags=["screening"], responses=ERROR_RESPONSES)


@router.get(
    "/model",
    summary="The card of the model the screening uses now",
    description="404 `screening.model_not_trained` until a model has been trained.",
    response_model=ModelCardRead,
)
def model_card(
    settings: SettingsDep, _actor: Annotated[Actor, allow(Permission.SCREENING_MODEL_READ)]
) -> ModelCardRead:
    return ModelCardRead.model_validate(model_files.current_card(settings.data_dir))


@router.post(
    "/model",
    summary="Retrain the learned component on the stored decisions now",
    description=(
        "As `article3 screening train`: writes the model and its card under the data directory and "
        "records `screening:model:trained`; new screenings use it at once. 409 "
        "`screening.training_data_insufficient` with fewer than 20 decided requests or one outcome."
    ),
    response_model=ModelCardRead,
    responses=CONFLICT_RESPONSE,
)
def retrain(
    session: SessionDep,
    clock: ClockDep,
    settings: SettingsDep,
    actor: Annotated[Actor, allow(Permission.SCREENING_MODEL_TRAIN)],
    seed: Annotated[int, Query(ge=0, description="Random seed of the held-out split")] = 0,
) -> ModelCardRead:
    with transaction(session):
        card = workflows.train_screening(
            session, actor=actor.audit_name, data_dir=settings.data_dir, now=clock.now(), seed=seed
        )
    return ModelCardRead.model_validate(card)


@router.get(
    "/wording",
    summary="What the wording counts hold now",
    description=(
        "As `article3 screening wording`: the setting in use (`ARTICLE3_WORDING`), the decided requests "
        "counted, the phrases counted and usable, the latest calibration (null until `article3 screening "
        "train` fits one) and the phrases leaning most towards a non-compliant outcome; a phrase's text "
        "only once at least ten decided requests used it."
    ),
    response_model=WordingRead,
)
def wording(
    session: SessionDep,
    settings: SettingsDep,
    _actor: Annotated[Actor, allow(Permission.SCREENING_MODEL_READ)],
    limit: Annotated[int, Query(ge=1, le=200, description="Leaning phrases to list")] = 30,
) -> WordingRead:
    return wording_store.summary(session, use=settings.wording.value, limit=limit)


@router.post(
    "/wording",
    summary="Calibrate the wording counts now, without retraining the model",
    description=(
        "As `article3 screening calibrate`: fits the counts' calibration on the decided requests counted "
        "so far and records `screening:wording:calibrated`; new screenings use it at once when "
        "`ARTICLE3_WORDING=screen`. 409 `screening.wording_data_insufficient` with fewer than 20 counted "
        "decided requests or one outcome."
    ),
    response_model=WordingCalibrationRead,
    responses=CONFLICT_RESPONSE,
)
def calibrate(
    session: SessionDep, clock: ClockDep, actor: Annotated[Actor, allow(Permission.SCREENING_MODEL_TRAIN)]
) -> WordingCalibrationRead:
    with transaction(session):
        fit = workflows.calibrate_wording(session, actor=actor.audit_name, now=clock.now())
    return WordingCalibrationRead.model_validate(fit)
