"""What every command shares: the runtime (built on first use), JSON output, error mapping."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any, ParamSpec, TypeVar

import typer
from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session

from article3.bootstrap import Runtime, bootstrap
from article3.config import Settings
from article3.errors import Article3Error

P = ParamSpec("P")
R = TypeVar("R")
CLI_ACTOR = "system:cli"


class State:
    def __init__(self) -> None:
        self._runtime: Runtime | None = None

    @property
    def runtime(self) -> Runtime:
        if self._runtime is None:
            try:
                self._runtime = bootstrap(Settings())
            except ValidationError as exc:
                fail("config.invalid", f"Invalid settings: {exc.errors()[0]['msg']}")
                raise  # unreachable: fail() raises
        return self._runtime

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.runtime.session() as session:
            yield session


def state(ctx: typer.Context) -> State:
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State()
    return root.obj


def fail(code: str, message: str, exit_code: int = 1) -> None:
    typer.echo(f"error[{code}]: {message}", err=True)
    raise typer.Exit(exit_code)


def handle_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Print ``error[code]: message`` (and each offending field) and exit 1 on a domain error."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except Article3Error as exc:
            for detail in exc.details:
                if "path" in detail:
                    typer.echo(f"  {detail['path']}: {detail.get('message', '')}", err=True)
            fail(exc.code, exc.message)
            raise  # unreachable: fail() raises

    return wrapper


def emit(data: Any, *, as_json: bool, lines: Callable[[Any], str] | None = None) -> None:
    """Print data as JSON (``--json``) or as the given human lines."""
    if as_json:
        sys.stdout.write(json.dumps(_plain(data), ensure_ascii=False, indent=2, default=str) + "\n")
    elif lines is not None:
        typer.echo(lines(data))


def _plain(data: Any) -> Any:
    if isinstance(data, BaseModel):
        return data.model_dump(mode="json")
    if isinstance(data, list):
        return [_plain(d) for d in data]
    return data
