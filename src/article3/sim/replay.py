"""Replay a world in time order through the real services (intake, screening, review, register,
commission, messaging), with scheduled decisions, so that each request is screened against what the
system knew at that moment: earlier refusals, deletions and registrations included."""

from __future__ import annotations

import heapq
import itertools
import random
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from article3 import workflows
from article3.accounts import service as accounts
from article3.accounts.models import User
from article3.actors import Actor, Role
from article3.bootstrap import Runtime
from article3.db.session import transaction
from article3.errors import Article3Error
from article3.review.rules import Ground
from article3.sim import complaints, flags, governance, messages, policies, register, requests
from article3.sim.progress import Advance
from article3.sim.world import Event, World

SIM_ACTOR = "system:sim"
MARKER_USER = "sim.registrar"
REVIEWERS = {1: "reviewer1", 2: "reviewer2", 3: "senior"}  # the nth reviewer of an item
CASE_PENDING = "commission_case_pending"  # the screening found an open case about the subject


@dataclass
class Outcome:
    """What became of one world request (system side), with its truth for scoring."""

    world_id: str
    year: int
    country: str
    kind: str
    abusive: bool
    tactic: str | None
    submitted: datetime
    drafting: str | None = None  # a genuine request's kind: full, thin, dispute, repeat_* (truth)
    ref: str | None = None
    status: str = "pending"
    route: str | None = None
    risk: float = 0.0
    codes: tuple[str, ...] = ()
    published: datetime | None = None
    flagged: bool = False  # a host country flagged it (system side)


@dataclass
class Results:
    outcomes: list[Outcome] = field(default_factory=list)
    tally: dict[int, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    measures: list[governance.Adopted] = field(default_factory=list)
    lifted: list[governance.Lifted] = field(default_factory=list)
    models: list[dict[str, Any]] = field(default_factory=list)  # each retraining's card, in short
    calibrations: list[dict[str, Any]] = field(default_factory=list)  # each wording-only calibration


class Replay:
    def __init__(
        self,
        rt: Runtime,
        *,
        reviewer_error: float,
        seed: int,
        advance: Advance,
        govern: bool = True,
        retrain: bool = False,
        calibrate: bool = False,
    ) -> None:
        self.rt, self.error, self.advance, self.govern = rt, reviewer_error, advance, govern
        self.retrain, self.calibrate = retrain, calibrate
        self.seed = seed
        self.queue: list[tuple[datetime, int, Callable[[datetime], None]]] = []
        self.seq = itertools.count()
        self.officers: dict[str, Actor] = {}
        self.results = Results()
        self.by_person: dict[str, list[Outcome]] = defaultdict(list)
        self.by_world_id: dict[str, Outcome] = {}
        self.cases: dict[str, list[tuple[str, str]]] = defaultdict(list)  # (ref, kind), by person
        self.staff = self._staff()
        self.body = governance.Body(rt, self.staff["governance"])

    # --- accounts ------------------------------------------------------------------------------
    def _account(
        self, username: str, role: Role, country: str | None = None, organisation: str | None = None
    ) -> Actor:
        with self.rt.session() as session, transaction(session):
            user = session.scalars(select(User).where(User.username == username)).first()
            if user is not None:
                return Actor(user.id, role, country)
            # Nobody logs in as a simulated account: a generated secret needs no slow hash.
            made, _ = accounts.create_with_secret(
                session,
                actor=SIM_ACTOR,
                username=username,
                role=role,
                country=country,
                organisation=organisation,
                now=self.rt.clock.now(),
            )
            return Actor(made.id, role, country)

    def _staff(self) -> dict[str, Actor]:
        return {
            "reviewer1": self._account("sim.reviewer.1", Role.REVIEWER),
            "reviewer2": self._account("sim.reviewer.2", Role.REVIEWER),
            "senior": self._account("sim.reviewer.senior", Role.SENIOR_REVIEWER),
            "secretariat": self._account("sim.ccf.secretariat", Role.CCF_SECRETARIAT),
            "member": self._account("sim.ccf.member", Role.CCF_MEMBER),
            "registrar": self._account(
                MARKER_USER, Role.REGISTRAR, organisation="Simulated press-freedom body"
            ),
            "governance": self._account(governance.USERNAME, Role.GOVERNANCE),
        }

    def officer(self, country: str) -> Actor:
        if country not in self.officers:
            with self.rt.session() as session:
                mine = [
                    u for u in accounts.list_users(session, country=country) if u.role is Role.NCB_OFFICER
                ]
            self.officers[country] = (
                Actor(mine[0].id, Role.NCB_OFFICER, country)
                if mine
                else self._account(f"sim.officer.{country.lower()}", Role.NCB_OFFICER, country)
            )
        return self.officers[country]

    def draw(self, *key: object) -> random.Random:
        """The random stream of one simulated call (a reviewer on an item, the commission on a case):
        the same call draws the same way whatever else the world holds, so two worlds or two
        policies are compared on the same errors."""
        return random.Random(":".join(map(str, (self.seed, self.error, *key))))  # noqa: S311

    # --- the loop --------------------------------------------------------------------------------
    def later(self, when: datetime, action: Callable[[datetime], None]) -> None:
        heapq.heappush(self.queue, (when, next(self.seq), action))

    def drain(self, until: datetime | None) -> None:
        while self.queue and (until is None or self.queue[0][0] <= until):
            when, _, action = heapq.heappop(self.queue)
            try:
                action(when)
            except Article3Error as exc:
                self.results.tally[when.year][f"error:{exc.code}"] += 1

    # --- checkpoints (sim/checkpoint.py) ---------------------------------------------------------
    def __getstate__(self) -> dict[str, Any]:
        """What a checkpoint keeps: everything but the runtime and the progress bar (the
        governance body keeps its account and memory, not its runtime)."""
        kept = {k: v for k, v in self.__dict__.items() if k not in {"rt", "advance", "body"}}
        return kept | {"body_memory": (self.body.actor, self.body.grounds, self.body.quiet)}

    def attach(self, rt: Runtime, advance: Advance) -> None:
        """Give a replay read back from a checkpoint its runtime and progress bar again."""
        actor, grounds, quiet = self.__dict__.pop("body_memory")
        self.rt, self.advance = rt, advance
        self.body = governance.Body(rt, actor, grounds, quiet)

    def run(
        self,
        world: World,
        *,
        finish: bool = True,
        start: int = 0,
        checkpoint: Callable[[int], None] | None = None,
    ) -> Results:
        """Replay every event; with ``finish``, also every decision scheduled after the last one
        (the demo leaves them pending, so that the queues have work in them). ``start``: the index
        of the first event to replay, for a replay read back from a checkpoint (its sittings and
        yearly jobs are already scheduled). ``checkpoint`` is called with the index of the next
        event before the first event of each new year."""
        handlers: dict[str, Callable[[Event, datetime], None]] = {
            "request": self.on_request,
            "register": self.on_register,
            "complaint": self.on_complaint,
            "message": self.on_message,
            "flag": self.on_flag,
        }
        if world.events and start == 0:
            first, last = (datetime.fromisoformat(world.events[i]["t"]) for i in (0, -1))
            if self.govern:
                for sitting in governance.sittings(first, last):
                    self.later(sitting, self.sit)
            if self.retrain or self.calibrate:
                job = self.train if self.retrain else self.calibrate_wording
                for year in range(first.year + 1, last.year + 1):
                    self.later(datetime(year, 1, 1, 6, tzinfo=UTC), job)
        year = datetime.fromisoformat(world.events[start]["t"]).year if start < len(world.events) else 0
        for index in range(start, len(world.events)):
            event = world.events[index]
            when = datetime.fromisoformat(event["t"])
            if checkpoint is not None and when.year != year:
                checkpoint(index)
            year = when.year
            self.drain(when)
            try:
                handlers[event["type"]](event, when)
            except Article3Error as exc:
                self.results.tally[when.year][f"error:{exc.code}"] += 1
            self.advance(1)
        if finish:
            self.drain(None)
        return self.results

    def sit(self, when: datetime) -> None:
        """A sitting of the simulated governance body (sim/governance.py)."""
        adopted, lifted = self.body.sit(when)
        self.results.measures.extend(adopted)
        self.results.lifted.extend(lifted)
        self.results.tally[when.year]["measures_adopted"] += len(adopted)
        self.results.tally[when.year]["measures_lifted"] += len(lifted)

    def train(self, when: datetime) -> None:
        """The secretariat retrains the screening's learned component on 1 January, from the
        reviewers' decisions and the commission's outcomes stored so far (``article3 screening
        train``); every later screening uses it. Too few decisions: a ``Conflict``, tallied."""
        with self.rt.session() as session, transaction(session):
            card = workflows.train_screening(
                session, actor=SIM_ACTOR, data_dir=self.rt.settings.data_dir, now=when, seed=self.seed
            )
        holdout = card.get("holdout")
        auc = holdout.get("roc_auc") if isinstance(holdout, dict) else None
        wording = card.get("wording")
        self.results.models.append(
            {"at": when.date().isoformat(), "n": card["n"], "positives": card["positives"], "roc_auc": auc}
            | ({"wording": {"n": wording["n"], "positives": wording["positives"]}} if wording else {})
        )
        self.results.tally[when.year]["models_trained"] += 1

    def calibrate_wording(self, when: datetime) -> None:
        """The secretariat calibrates the wording counts alone on 1 January (``article3 screening
        calibrate``), the learned component never trained. Too few decisions: tallied."""
        with self.rt.session() as session, transaction(session):
            fit = workflows.calibrate_wording(session, actor=SIM_ACTOR, now=when)
        self.results.calibrations.append(
            {"at": when.date().isoformat(), "n": fit["n"], "positives": fit["positives"]}
        )
        self.results.tally[when.year]["wording_calibrated"] += 1

    # --- requests --------------------------------------------------------------------------------
    def on_request(self, event: Event, when: datetime) -> None:
        data, truth = event["data"], event["truth"]
        drafting = f"repeat_{truth['repeat']}" if truth.get("repeat") else truth.get("drafting")
        outcome = Outcome(event["id"], when.year, data["requesting_country"], data["kind"], truth["abusive"],
                          truth.get("tactic"), when, drafting)  # fmt: skip
        self.results.outcomes.append(outcome)
        self.by_person[event["person"]].append(outcome)
        self.by_world_id[event["id"]] = outcome
        done = requests.submit(self.rt, self.officer(outcome.country), data, when)
        outcome.ref, outcome.status, outcome.route = done.ref, done.status, done.route
        outcome.risk, outcome.codes = done.risk, done.codes
        if CASE_PENDING in outcome.codes:
            self.later(when + timedelta(days=policies.BLOCK_DECISION_DAYS),
                       lambda t: self.rule_on_blocks(outcome, event["person"], t))  # fmt: skip
        if done.status == "in_review" and done.route:
            self.later(
                when + timedelta(days=policies.LATENCY_DAYS[done.route]), lambda t: self.review(outcome, t, 1)
            )

    def review(self, outcome: Outcome, when: datetime, nth: int, call: bool | None = None) -> None:
        """The ``nth`` reviewer's call. Four eyes: a second reviewer approves an enhanced-review item
        or confirms a refusal proposed on fast track or standard review; when the two disagree on
        a refusal, a senior reviewer settles it (review/rules.py). Each may err, once: a reviewer
        whose approval the commission holds makes the same ``call`` when trying again."""
        if outcome.ref is None or outcome.route is None:
            return
        approve = (
            policies.reviewer_approves(
                outcome.route, outcome.risk, self.draw("review", outcome.world_id, nth), self.error
            )
            if call is None
            else call
        )
        ground = (
            Ground.REFUGEE_POLICY if any("refugee" in c for c in outcome.codes) else Ground.ARTICLE3_POLITICAL
        )
        reviewer = self.staff[REVIEWERS[nth]]
        decided = requests.decide(self.rt, reviewer, outcome.ref, approve=approve, ground=ground, now=when)
        outcome.status = decided.status
        if decided.state == "held":  # the commission's window, or its block: the same reviewer, later
            if when - outcome.submitted > timedelta(days=policies.HELD_GIVE_UP_DAYS):
                self.results.tally[when.year]["error:held_too_long"] += 1
                return
            next_day = when + timedelta(days=1)  # awaiting: look again tomorrow; blocked: next month
            retry = (
                min(decided.until, next_day)
                if decided.until
                else when + timedelta(days=policies.HELD_RETRY_DAYS)
            )
            self.later(retry, lambda t: self.review(outcome, t, nth, approve))
            return
        self.results.tally[when.year]["review_decisions"] += 1
        if outcome.status == "published":
            outcome.published = when
        elif outcome.status == "in_review" and nth < len(REVIEWERS):
            following = 3 if decided.state == "senior_decision" else 2
            if following > nth:
                self.later(
                    when + timedelta(days=policies.SECOND_REVIEWER_DAYS),
                    lambda t: self.review(outcome, t, following),
                )

    # --- register, complaints, messages ---------------------------------------------------------
    def on_register(self, event: Event, when: datetime) -> None:
        data = event["data"]
        actor = self.officer(data["by"]) if data.get("by") else self.staff["registrar"]
        register.add(self.rt, actor, data, when)
        self.results.tally[when.year][f"registered:{data['kind']}"] += 1

    def on_complaint(self, event: Event, when: datetime) -> None:
        data, abusive = event["data"], bool(event["truth"]["abusive"])
        known = [o.ref for o in self.by_person[event["person"]] if o.ref and o.published]
        ref = complaints.lodge(self.rt, data, known, when)
        self.cases[event["person"]].append((ref, data["kind"]))
        tally = self.results.tally
        tally[when.year]["complaints"] += 1
        deletion = data["kind"] == "deletion"

        def admit(t: datetime) -> None:
            complaints.admit(self.rt, self.staff["secretariat"], ref, t)
            if deletion:
                self.consult(ref, t)

        self.later(when + timedelta(days=policies.COMPLAINT_ADMISSIBILITY_DAYS), admit)
        if not deletion:
            return
        non_compliant = policies.commission_non_compliant(abusive, self.draw("decision", event["id"]))

        def decide(t: datetime) -> None:
            deleted = complaints.decide(
                self.rt, self.staff["member"], ref, non_compliant=non_compliant, now=t
            )
            tally[t.year]["deletions"] += deleted

        self.later(when + timedelta(days=policies.COMPLAINT_DECISION_DAYS), decide)

    def consult(self, ref: str, when: datetime) -> None:
        """The secretariat consults the source bureau of each published request the case concerns
        (Statute Art. 34); the bureau answers later. The answer never changes the decision, which
        was drawn from the truth when the case was lodged."""
        tally = self.results.tally
        for consultation_id, country in complaints.consult(self.rt, self.staff["secretariat"], ref, when):
            tally[when.year]["consultations"] += 1

            def answer(t: datetime, consultation_id: int = consultation_id, country: str = country) -> None:
                complaints.answer(self.rt, self.officer(country), consultation_id, t)
                tally[t.year]["consultations_answered"] += 1

            self.later(when + timedelta(days=policies.CONSULTATION_ANSWER_DAYS), answer)

    def rule_on_blocks(self, outcome: Outcome, person: str, when: datetime) -> None:
        """The commission rules on a provisional block of a request linked to the person's cases:
        it blocks through the deletion cases it will decide (an access case, which the simulated
        commission never decides, is never the ground of a block that would last), or says there
        is no reason to block, which ends the request's wait (a closed case refuses either)."""
        if outcome.status != "in_review" or outcome.ref is None:
            return
        cases = self.cases[person]
        member = self.staff["member"]
        if policies.commission_blocks(outcome.abusive, self.draw("block", outcome.world_id)):
            blocked = [
                ref
                for ref, kind in cases
                if kind == "deletion" and complaints.block(self.rt, member, ref, when)
            ]
            self.results.tally[when.year]["provisional_blocks"] += bool(blocked)
            if blocked:
                return
        for ref, _ in cases:
            complaints.clear(self.rt, member, ref, outcome.ref, when)

    def on_message(self, event: Event, when: datetime) -> None:
        data, abusive = event["data"], bool(event["truth"]["abusive"])
        label = "abusive" if abusive else "legit"
        ref, held, reasons = messages.send(self.rt, self.officer(data["from"]), data, [], when)
        tally = self.results.tally
        tally[when.year][f"messages_{label}"] += 1
        if not held:
            tally[when.year][f"messages_{label}_delivered"] += 1
            return
        tally[when.year][f"messages_{label}_held"] += 1
        release = policies.release_message(reasons, self.draw("release", event["id"]), self.error)

        def decide(t: datetime) -> None:
            messages.decide(self.rt, self.staff["reviewer1"], ref, release=release, now=t)
            if release:
                tally[t.year][f"messages_{label}_delivered"] += 1

        self.later(when + timedelta(days=policies.MESSAGE_REVIEW_DAYS), decide)

    def on_flag(self, event: Event, when: datetime) -> None:
        """The host's bureau flags the request if it is published now; otherwise nothing happens."""
        data = event["data"]
        outcome = self.by_world_id.get(data["request"])
        if outcome is None:
            return
        label = "abusive" if outcome.abusive else "genuine"
        raised = outcome.ref is not None and flags.raise_flag(
            self.rt, self.officer(data["country"]), outcome.ref, data, when
        )
        self.results.tally[when.year][f"flags_raised_{label}" if raised else f"flags_skipped_{label}"] += 1
        outcome.flagged = outcome.flagged or raised


def already_loaded(rt: Runtime) -> bool:
    """A simulated world was replayed into this database (its staff accounts exist)."""
    with rt.session() as session:
        return accounts.exists(session, MARKER_USER)


def summary(results: Results) -> dict[str, Any]:
    return {"requests": len(results.outcomes), "statuses": Counter(o.status for o in results.outcomes)}
