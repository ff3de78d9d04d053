"""``article3 register``: register a protected person, and list the entries an account may see."""

from __future__ import annotations

from datetime import date

import typer

from article3.accounts import service as accounts
from article3.accounts.permissions import Permission, require
from article3.cli.context import emit, handle_errors, state
from article3.db.session import transaction
from article3.errors import InvalidInput
from article3.register import service as register
from article3.register.rules import ProtectionKind
from article3.register.schemas import ProtectionRead, ProtectionRegister

app = typer.Typer(help="The protected-persons register.", no_args_is_help=True)
AS = typer.Option(..., "--as", help="Username of the account acting")


def _line(e: ProtectionRead) -> str:
    return (
        f"{e.ref}  {e.kind.value:<22} against={e.against_country or '-'} "
        f"organisation={e.organisation or '-'} since={e.since or '-'}"
        + (f" revoked={e.revoked_at:%Y-%m-%d}" if e.revoked_at else "")
    )


@app.command()
@handle_errors
def add(
    ctx: typer.Context,
    kind: ProtectionKind,
    name: list[str] = typer.Option(..., "--name", help="A name in any script; repeat for several"),
    birth_date: str | None = typer.Option(None, help="YYYY, YYYY-MM or YYYY-MM-DD"),
    nationality: list[str] = typer.Option([], help="Alpha-2 code; repeat for several"),
    against: str | None = typer.Option(None, help="Alpha-2 code: for refugees, the country fled"),
    organisation: str | None = typer.Option(None, help="For officials: the body they serve"),
    since: str | None = typer.Option(None, help="YYYY-MM-DD: status granted or office taken"),
    note: str | None = None,
    username: str = AS,
    json: bool = typer.Option(False, "--json"),
) -> None:
    """Register a person as protected (a host country's bureau, a body's registrar, the commission)."""
    st = state(ctx)
    try:
        data = ProtectionRegister.model_validate(
            {
                "person": {"names": name, "birth_date": birth_date, "nationalities": nationality},
                "kind": kind,
                "against_country": against.upper() if against else None,
                "organisation": organisation,
                "since": date.fromisoformat(since) if since else None,
                "note": note,
            }
        )
    except ValueError as exc:
        raise InvalidInput(str(exc), code="register.invalid") from exc
    with st.session() as session, transaction(session):
        actor = require(accounts.actor_by_username(session, username), Permission.REGISTER_WRITE)
        entry = register.add(session, actor=actor, data=data, now=st.runtime.clock.now())
    emit(entry, as_json=json, lines=_line)


@app.command("list")
@handle_errors
def list_(ctx: typer.Context, username: str = AS, json: bool = typer.Option(False, "--json")) -> None:
    """The entries USERNAME may see (a bureau or body: its own; the secretariat: all). No names."""
    with state(ctx).session() as session:
        actor = require(accounts.actor_by_username(session, username), Permission.REGISTER_READ)
        rows = register.list_entries(session, actor=actor)
    emit(rows, as_json=json, lines=lambda rs: "\n".join(_line(e) for e in rs) or "no entries")
