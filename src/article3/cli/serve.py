"""``article3 serve``: run the web server."""

from __future__ import annotations

import typer

from article3.cli.context import handle_errors, state
from article3.logging import configure

app = typer.Typer(help="Serve the API and the web pages.")


@app.callback(invoke_without_command=True)
@handle_errors
def serve(ctx: typer.Context, host: str = typer.Option(None), port: int = typer.Option(None)) -> None:
    """Serve on the configured host and port (default http://127.0.0.1:8000)."""
    import uvicorn  # noqa: PLC0415 - the web stack is imported only by the command that serves it

    from article3.app import create_app  # noqa: PLC0415

    runtime = state(ctx).runtime
    settings = runtime.settings
    configure(settings.log_level)
    host, port = host or settings.host, port or settings.port
    typer.echo(f"article3 serving on http://{host}:{port}")
    uvicorn.run(create_app(runtime), host=host, port=port, log_level=settings.log_level.lower())
