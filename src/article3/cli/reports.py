"""``article3 report``: build the year's signed transparency report; verify a report file."""

from __future__ import annotations

import json as jsonlib
from pathlib import Path

import typer

from article3.cli.context import fail, handle_errors, state
from article3.db.session import transaction
from article3.transparency import service as transparency
from article3.transparency import signing

app = typer.Typer(help="The yearly transparency report.", no_args_is_help=True)


@app.command()
@handle_errors
def build(
    ctx: typer.Context,
    year: int = typer.Option(..., "--year", min=1900, max=2999),
    out: Path | None = typer.Option(None, help="Folder for the files; default: <data_dir>/reports/<year>"),
) -> None:
    """Build, sign and store YEAR's report; write it as HTML, CSV and JSON, each with its .sig."""
    st = state(ctx)
    rt = st.runtime
    with st.session() as session, transaction(session):
        summary = transparency.build_year(
            session, year=year, settings=rt.settings, now=rt.clock.now(), sources=rt.statistics
        )
    folder = out or transparency.reports_folder(rt.settings, year)
    with st.session() as session:
        for path in transparency.write_files(transparency.load(session, summary.id), folder):
            typer.echo(str(path))
    typer.echo(f"report {summary.id} for {year}: audit head {summary.audit_head_hash}, key {summary.key_id}")


@app.command()
@handle_errors
def verify(
    ctx: typer.Context,
    file: Path = typer.Argument(..., exists=True, dir_okay=False),
    public_key: Path | None = typer.Option(None, help="A PEM public key; default: this deployment's key"),
) -> None:
    """Check FILE against FILE.sig: exit 1 if any byte differs from what was signed."""
    sig_path = file.with_name(file.name + ".sig")
    if not sig_path.exists():
        fail("report.signature_missing", f"{sig_path} not found")
    try:
        sig = jsonlib.loads(sig_path.read_text())
    except ValueError:
        fail("report.signature_invalid", f"{sig_path} is not a signature file")
        raise  # unreachable: fail() raises
    key = public_key or transparency.key_path(state(ctx).runtime.settings)
    if not key.exists():
        fail("report.key_missing", f"no public key at {key}; pass --public-key")
    public = signing.load_public(key)
    problems = transparency.verify_file(file.read_bytes(), sig, public)
    if problems:
        fail("report.verification_failed", "; ".join(problems))
    typer.echo(f"OK: {file.name} is as signed by key {sig['key_id']} (audit head {sig['audit_head_hash']})")
