"""``article3 messages``: send, inbox, outbox, show, read, and the compliance queue (held, decide)."""

from __future__ import annotations

import base64
from pathlib import Path

import typer

from article3.accounts import service as accounts
from article3.accounts.permissions import Permission, require
from article3.actors import Actor
from article3.cli.context import emit, handle_errors, state
from article3.db.session import transaction
from article3.messages import queries
from article3.messages import service as messages
from article3.messages.schemas import (
    AttachmentRead,
    Decision,
    MessageDecide,
    MessageRead,
    MessageReview,
    MessageSend,
    MessageSummary,
)

app = typer.Typer(help="Messages between bureaus, monitored before delivery.", no_args_is_help=True)
AS = typer.Option(..., "--as", help="Username of the account acting")
JSON = typer.Option(False, "--json")


def _actor(ctx: typer.Context, username: str) -> Actor:
    with state(ctx).session() as session:
        return accounts.actor_by_username(session, username)


def _lines(rows: list[MessageSummary]) -> str:
    return (
        "\n".join(
            f"{m.ref}  {m.created_at:%Y-%m-%d %H:%M}  {m.sender_country}→{','.join(m.recipients)}  "
            f"{m.status_label}  {m.subject}"
            for m in rows
        )
        or "no messages"
    )


def _attachment_line(a: AttachmentRead) -> str:
    head = f"  {a.position}. {a.filename} ({a.media_type}, {a.size} bytes)"
    if a.text_read is None:
        return head
    if a.text_read:
        return f"{head}: text read"
    return f"{head}: not read, {a.unread_reason}: {a.unread_help or ''}".rstrip()


def _attachment_lines(m: MessageRead) -> list[str]:
    return ["", "attachments:", *(_attachment_line(a) for a in m.attachments)] if m.attachments else []


def _sent(m: MessageRead) -> str:
    """After sending: the ref, "delivered" or "held for review", and how each attachment was read."""
    return "\n".join([f"{m.ref} {m.status_label}", *_attachment_lines(m)])


def _show(m: MessageRead) -> str:
    """A message as text; compliance staff also see the hold reasons; attachments one per line."""
    lines = [f"{m.ref} {m.status_label}"]
    if isinstance(m, MessageReview):
        lines.append(f"reasons: {', '.join(m.reasons) or 'none'}")
    lines += [m.subject, "", m.body, *_attachment_lines(m)]
    return "\n".join(lines)


@app.command()
@handle_errors
def send(
    ctx: typer.Context,
    to: list[str] = typer.Option(..., "--to", help="Alpha-2 code of a recipient bureau; repeat"),
    subject: str = typer.Option(..., help="Subject line"),
    body: str = typer.Option("", help="The text (or --body-file)"),
    body_file: Path | None = typer.Option(None, help="Read the text from this UTF-8 file"),
    person: list[str] = typer.Option(
        [], "--person", help="A person the message is about (full name); repeat"
    ),
    request: list[str] = typer.Option([], "--request", help="A request ref the message is about; repeat"),
    reply_to: str | None = typer.Option(None, help="The ref of the message this answers"),
    attach: list[Path] = typer.Option([], "--attach", help="A file to attach (PDF, PNG, JPEG, text); repeat"),
    username: str = AS,
    json: bool = JSON,
) -> None:
    """Send a message as the NCB account USERNAME; monitoring delivers it or holds it for review."""
    st, actor = state(ctx), _actor(ctx, username)
    data = MessageSend.model_validate(
        {
            "to": [c.upper() for c in to],
            "subject": subject,
            "body": body_file.read_text("utf-8") if body_file else body,
            "persons": [{"names": [p]} for p in person],
            "requests": request,
            "reply_to": reply_to,
            "attachments": [
                {"filename": f.name, "content_base64": base64.b64encode(f.read_bytes()).decode()}
                for f in attach
            ],
        }
    )
    with st.session() as session, transaction(session):
        message = messages.send(
            session,
            actor=actor,
            engine=st.runtime.search,
            data=data,
            data_dir=st.runtime.settings.data_dir,
            now=st.runtime.clock.now(),
        )
        read = queries.to_read(session, message, actor)
    emit(read, as_json=json, lines=_sent)


@app.command()
@handle_errors
def inbox(ctx: typer.Context, username: str = AS, json: bool = JSON) -> None:
    """Messages delivered to USERNAME's bureau."""
    actor = require(_actor(ctx, username), Permission.MESSAGES_READ)
    with state(ctx).session() as session:
        rows = messages.inbox(session, country=actor.country or "")
    emit(rows, as_json=json, lines=_lines)


@app.command()
@handle_errors
def outbox(ctx: typer.Context, username: str = AS, json: bool = JSON) -> None:
    """Messages USERNAME's bureau sent (held ones show as "held for review")."""
    actor = require(_actor(ctx, username), Permission.MESSAGES_READ)
    with state(ctx).session() as session:
        rows = messages.outbox(session, country=actor.country or "")
    emit(rows, as_json=json, lines=_lines)


@app.command()
@handle_errors
def show(ctx: typer.Context, ref: str, username: str = AS, json: bool = JSON) -> None:
    """Show a message USERNAME may read (compliance staff also see why it was held)."""
    actor = _actor(ctx, username)
    with state(ctx).session() as session:
        message = messages.get(session, actor=actor, ref=ref)
        read = (
            queries.to_read(session, message, actor)
            if actor.role.bound_to_country
            else queries.to_review(session, message, actor)
        )
    emit(read, as_json=json, lines=_show)


@app.command("read")
@handle_errors
def mark_read(ctx: typer.Context, ref: str, username: str = AS) -> None:
    """Acknowledge a delivered message as a recipient bureau (read receipt)."""
    st, actor = state(ctx), _actor(ctx, username)
    with st.session() as session, transaction(session):
        messages.mark_read(session, actor=actor, ref=ref, now=st.runtime.clock.now())
    typer.echo(f"{ref} read")


@app.command()
@handle_errors
def held(
    ctx: typer.Context,
    username: str = AS,
    all_: bool = typer.Option(False, "--all", help="Also decided and linked messages"),
    json: bool = JSON,
) -> None:
    """The compliance queue: held messages waiting for a decision."""
    require(_actor(ctx, username), Permission.MESSAGES_COMPLIANCE)
    with state(ctx).session() as session:
        rows = messages.held_queue(session, include_decided=all_)
    emit(rows, as_json=json, lines=_lines)


@app.command()
@handle_errors
def decide(
    ctx: typer.Context,
    ref: str,
    decision: Decision = typer.Option(..., help="release (deliver) or block"),
    grounds: str = typer.Option(..., help="Why, in words"),
    username: str = AS,
) -> None:
    """Release or block a held message, with grounds (compliance reviewers)."""
    st, actor = state(ctx), _actor(ctx, username)
    data = MessageDecide(decision=decision, grounds=grounds)
    with st.session() as session, transaction(session):
        message = messages.decide(session, actor=actor, ref=ref, data=data, now=st.runtime.clock.now())
        status = message.status
    typer.echo(f"{ref} {status}")
