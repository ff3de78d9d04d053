"""What the demo (``make run``) adds around its replayed year, through the product's own paths:
before the replay, the organisation's measures of 10 March 2022 on Russia, applied by the demo's
governance account with the source quoted in the reasons, and the international court's officials
registered by the demo's registrar (the world's bodies register through ``sim.registrar``, so the
demo's registrar would list nothing); after it, the screening's learned component trained on the
year's decisions (so that its page has a model card) and the year's signed report.

Only the demo gets this history: ``article3 sim evaluate`` measures its figures against a world
without it. The simulated governance body (sim/governance.py) reviews only the measures it adopted
itself, so it never lifts these; and it never proposes a kind already in force on a country.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path

from article3 import workflows
from article3.accounts import service as accounts
from article3.accounts.demo import DEMO_ACCOUNTS
from article3.actors import Actor, Role
from article3.bootstrap import Runtime
from article3.db.session import transaction
from article3.errors import Conflict
from article3.oversight import service as oversight
from article3.oversight.rules import MeasureKind
from article3.oversight.schemas import MeasureApply, MeasureRead
from article3.register import service as register
from article3.register.rules import ProtectionKind
from article3.register.schemas import ProtectionRegister
from article3.search.schemas import PersonQuery
from article3.sim.people import make_person
from article3.sim.replay import SIM_ACTOR
from article3.transparency import service as transparency
from article3.transparency.schemas import ReportSummary
from article3.transparency.stats import Period

RUSSIA_MEASURES_AT = datetime(2022, 3, 10, 12, tzinfo=UTC)
SOURCES = (
    "https://www.hstoday.us/subject-matter-areas/law-enforcement-and-public-safety/"
    "interpol-implements-heightened-supervision-and-monitoring-measures-in-relation-to-russia/ ; "
    "https://ielrblog.com/index.php/2022/03"
)
FRANCE = (
    "https://www.diplomatie.gouv.fr/en/country-files/russia/news/article/"
    "interpol-implementation-of-supervision-measures-against-russia-11-mar-2022"
)
_MEASURES_OF_2022 = (
    'The organisation\'s measures of 10 March 2022 on Russia ("heightened supervision and monitoring"), '
    "decided by the Secretary General and endorsed by the Executive Committee: NCB Moscow may no longer "
    "send diffusions directly; every diffusion goes to the General Secretariat, which circulates it only "
    "if compliant, on top of the existing review of all notice requests."
)
REASONS = {
    MeasureKind.ENHANCED_REVIEW: (
        f"{_MEASURES_OF_2022} Here: every request from RU goes to two reviewers and is never "
        "fast-tracked (every diffusion is already held for review before it circulates, so the "
        f"diffusions are not held altogether). Source: {SOURCES}. The measure applies until lifted "
        "by a written decision."
    ),
    MeasureKind.MESSAGE_HOLD: (
        f"{_MEASURES_OF_2022} France added that Russia's use of the organisation's communication "
        f"channels would be checked first ({FRANCE}). Here: messages from RU asking for a person's "
        f"location, arrest or detention are held for compliance review before delivery. Source: "
        f"{SOURCES}. The measure applies until lifted by a written decision."
    ),
}


COURT = "International Criminal Court"
COURT_REGISTERED_AT = datetime(2024, 12, 2, 9, tzinfo=UTC)
COURT_OFFICIALS = ("FR", "JP", "NG")  # the nationalities of three fictional officials
COURT_NOTE = (
    "Fictional official of the court (demo). In 2024 Russia sought red diffusions against judges "
    "and a prosecutor of the International Criminal Court; the requests were rejected."
)


def demo_account(rt: Runtime, role: Role) -> Actor | None:
    """The demo's account of this role (``article3 users demo``), when it exists."""
    name = next(a.username for a in DEMO_ACCOUNTS if a.role is role)
    with rt.session() as session:
        return accounts.actor_by_username(session, name) if accounts.exists(session, name) else None


def court_officials(rt: Runtime, actor: Actor, seed: int) -> list[str]:
    """The court registers three (fictional) officials, each its own registration."""
    rng = random.Random(f"court:{seed}")  # noqa: S311 - fictional people, not secrets
    refs = []
    for i, country in enumerate(COURT_OFFICIALS):
        person = make_person(rng, f"ICC{i}", country, COURT_REGISTERED_AT.date())
        data = ProtectionRegister(
            person=PersonQuery.model_validate(person.query()),
            kind=ProtectionKind.INTERNATIONAL_OFFICIAL,
            organisation=COURT,
            note=COURT_NOTE,
        )
        with rt.session() as session, transaction(session):
            refs.append(register.add(session, actor=actor, data=data, now=COURT_REGISTERED_AT).ref)
    return refs


def measures_of_2022(rt: Runtime, actor: Actor) -> list[MeasureRead]:
    """Apply the measures of 10 March 2022 on RU, each its own decision with its written reasons."""
    applied = []
    for kind, reason in REASONS.items():
        data = MeasureApply(country="RU", kind=kind, reason=reason)
        with rt.session() as session, transaction(session):
            applied.append(oversight.apply(session, actor=actor, data=data, now=RUSSIA_MEASURES_AT))
    return applied


def year_report(rt: Runtime, year: int) -> tuple[ReportSummary, list[Path]]:
    """Build the year's signed report as ``article3 report build`` does, once the year is over
    (the first instant after it), and write its files under ``<data_dir>/reports/<year>``."""
    now = Period.year(year).end
    with rt.session() as session, transaction(session):
        summary = transparency.build_year(
            session, year=year, settings=rt.settings, now=now, sources=rt.statistics
        )
    with rt.session() as session:
        report = transparency.load(session, summary.id)
        written = transparency.write_files(report, transparency.reports_folder(rt.settings, year))
    return summary, written


def before(rt: Runtime, seed: int, *, governance: Actor) -> dict[str, list[str]]:
    """The history before the replay: the measures on RU (by the demo's governance account, else
    by ``governance``) and the court's officials (when the demo's registrar account exists)."""
    governor = demo_account(rt, Role.GOVERNANCE) or governance
    measures = [f"{m.country} {m.kind.value} {m.applied_at.date()}" for m in measures_of_2022(rt, governor)]
    registrar = demo_account(rt, Role.REGISTRAR)
    return {"measures": measures, "registered": court_officials(rt, registrar, seed) if registrar else []}


def complete(rt: Runtime, year: int) -> bool:
    """The demo's last step is done: the year's report is built (a load interrupted before it has
    none, and neither has a database that ``article3 sim evaluate`` replayed a world into)."""
    with rt.session() as session:
        return any(r.year == year for r in transparency.list_reports(session))


def after(rt: Runtime, year: int) -> dict[str, dict[str, object] | None]:
    """After the replay: the screening's learned component trained on the year's decisions, then
    the year's signed report, its files written (the report stays the last step: ``complete``)."""
    model = train(rt, year)
    report, files = year_report(rt, year)
    return {
        "model": model,
        "report": {"id": report.id, "year": report.year, "files": [str(f) for f in files]},
    }


def train(rt: Runtime, year: int) -> dict[str, object] | None:
    """Train the learned component as ``article3 screening train`` does, at the year's end, by the
    demo's senior reviewer (the role that may retrain), so that its page shows a model card; None
    when a very small demo has too few decisions (its page then says no model is trained)."""
    senior = demo_account(rt, Role.SENIOR_REVIEWER)
    try:
        with rt.session() as session, transaction(session):
            card = workflows.train_screening(
                session,
                actor=senior.audit_name if senior else SIM_ACTOR,
                data_dir=rt.settings.data_dir,
                now=Period.year(year).end,
            )
    except Conflict as short:
        if short.code != workflows.TRAINING_DATA_INSUFFICIENT:
            raise
        return None
    return {"version": card["version"], "n": card["n"]}
