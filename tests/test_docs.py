"""The docs keep up with the code: every setting documented, the README's two commands."""

from __future__ import annotations

from pathlib import Path

from article3.config import Settings

ROOT = Path(__file__).resolve().parent.parent


def test_every_setting_is_documented() -> None:
    doc = (ROOT / "docs" / "configuration.md").read_text()
    missing = [name for name in Settings.model_fields if f"ARTICLE3_{name.upper()}" not in doc]
    assert not missing, f"undocumented settings: {missing}"


def test_readme_quick_start_names_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text()
    quick = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert "make run" in quick
    assert "make test" in quick


def test_cli_reference_is_current() -> None:
    from article3.cli.docs import render  # noqa: PLC0415

    assert (ROOT / "docs" / "cli.md").read_text() == render(), "run `make docs-cli`"
