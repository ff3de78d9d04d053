"""The scenario file (spec/scenarios.md): its Pydantic model, and the loader that checks it whole.

A file is YAML (JSON is accepted too). YAML is read with the 1.2 rule for booleans — only
``true``/``false`` — so that Norway (``NO``) and a prior proceeding's ``on:`` stay what they say.
Everything that can be checked before the first step runs is checked here: the shape of each step,
the actor's spelling, that the action is known and has its ``ref``, that each ``ref`` names an
earlier step's ``id``, and that the clock never moves backwards. An invalid file raises
``ScenarioInvalid`` naming each offending step and field, and nothing runs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Annotated, Any, Protocol

import yaml
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from article3.errors import Article3Error, is_union_tag

DEFAULT_START = datetime(2024, 1, 1, tzinfo=UTC)
NAMED_ACTORS = ("reviewer", "senior_reviewer", "ccf", "governance", "public")
_CODE_OR_BODY = re.compile(r"[A-Z][A-Z0-9]{1,15}")

Problem = tuple[int | None, str, str]
"""One thing wrong with a file: the step's number (None for the file itself), the field, why."""


class ScenarioInvalid(Article3Error):
    """The file itself is wrong: no step runs. ``details`` holds one ``{step, field, message}`` each."""

    code = "scenario.invalid"


class ActionRule(Protocol):
    """What the loader needs to know of an action (the registry in ``actions.py`` provides it)."""

    @property
    def needs_ref(self) -> bool: ...


def _moment(value: object) -> object:
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime.combine(value, time(0), tzinfo=UTC)
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return f"{value.strip()}T00:00:00Z"
    return value


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _actor(value: str) -> str:
    if value in NAMED_ACTORS or _CODE_OR_BODY.fullmatch(value):
        return value
    raise ValueError(
        "must be an alpha-2 member code in upper case (e.g. FR), an international body's short name "
        f"(e.g. ICC), or one of: {', '.join(NAMED_ACTORS)}"
    )


Moment = Annotated[datetime, BeforeValidator(_moment), AfterValidator(_utc)]
Label = Annotated[str, Field(min_length=1, max_length=100)]


class Step(BaseModel):
    """One event: who does what, when, on what, with which payload."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    do: str = Field(min_length=1)
    as_: Annotated[str, AfterValidator(_actor)] = Field(alias="as")
    at: Moment | None = None
    id: Label | None = None
    ref: Label | None = None
    with_: dict[str, Any] = Field(default_factory=dict, alias="with")


class Scenario(BaseModel):
    """A story told to the system. ``expect`` is for the tests that replay it: the runner ignores it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str | None = None
    start: Moment = DEFAULT_START
    steps: list[Step] = Field(min_length=1)
    expect: list[dict[str, Any]] | None = None


class _Yaml12Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans: ``yes``/``no``/``on``/``off`` stay strings."""


_Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def read_source(path_or_text: str | Path) -> str:
    """The file's text. A ``Path``, or a one-line string ending in .yaml/.yml/.json, is a path."""
    if isinstance(path_or_text, Path):
        return path_or_text.read_text("utf-8")
    one_line = "\n" not in path_or_text.strip()
    if one_line and path_or_text.strip().lower().endswith((".yaml", ".yml", ".json")):
        return Path(path_or_text.strip()).read_text("utf-8")
    return path_or_text


def parse(text: str, *, actions: Mapping[str, ActionRule]) -> Scenario:
    """Read and check a whole scenario; raise ``ScenarioInvalid`` listing every problem found."""
    raw = _decode(text)
    if not isinstance(raw, dict):
        raise _invalid([(None, "file", "must be a mapping with a 'steps' list")])
    try:
        scenario = Scenario.model_validate(raw)
    except ValidationError as exc:
        raise _invalid([_where(err) for err in exc.errors(include_url=False)]) from None
    problems = check_sequence(scenario, actions=actions)
    if problems:
        raise _invalid(problems)
    return scenario


def _decode(text: str) -> Any:
    try:
        if text.lstrip().startswith(("{", "[")):
            try:
                return json.loads(text)
            except json.JSONDecodeError:
                pass  # flow-style YAML also starts with a brace
        return yaml.load(text, Loader=_Yaml12Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise _invalid([(None, "file", f"not YAML or JSON: {' '.join(str(exc).split())}")]) from None


def check_sequence(scenario: Scenario, *, actions: Mapping[str, ActionRule]) -> list[Problem]:
    """What only the whole sequence shows: known actions, refs to earlier ids, the clock's order."""
    problems: list[Problem] = []
    labels: set[str] = set()
    clock = scenario.start
    for number, step in enumerate(scenario.steps, start=1):
        rule = actions.get(step.do)
        if rule is None:
            problems.append(
                (number, "do", f"unknown action {step.do!r}; known: {', '.join(sorted(actions))}")
            )
        elif rule.needs_ref and step.ref is None:
            problems.append((number, "ref", f"{step.do!r} acts on an earlier step: give its id as 'ref'"))
        if step.ref is not None and step.ref not in labels:
            problems.append((number, "ref", f"{step.ref!r} is not the id of an earlier step"))
        if step.at is not None:
            if step.at < clock:
                problems.append(
                    (
                        number,
                        "at",
                        f"{step.at.isoformat()} is before {clock.isoformat()}: "
                        "the clock does not run backwards",
                    )
                )
            clock = max(clock, step.at)
        if step.id is not None:
            if step.id in labels:
                problems.append((number, "id", f"{step.id!r} is already the id of an earlier step"))
            labels.add(step.id)
    return problems


def _where(err: Any) -> Problem:
    loc = [p for p in err["loc"] if not is_union_tag(p)]
    if len(loc) >= 2 and loc[0] == "steps" and isinstance(loc[1], int):
        field = ".".join(str(p) for p in loc[2:]) or "step"
        return loc[1] + 1, field, str(err["msg"]).removeprefix("Value error, ")
    return None, ".".join(str(p) for p in loc) or "file", str(err["msg"]).removeprefix("Value error, ")


def _invalid(problems: list[Problem]) -> ScenarioInvalid:
    parts = [f"step {n}, {field}: {msg}" if n else f"{field}: {msg}" for n, field, msg in problems]
    return ScenarioInvalid(
        "Invalid scenario file: " + "; ".join(parts),
        details=[{"step": n, "field": field, "message": msg} for n, field, msg in problems],
    )
