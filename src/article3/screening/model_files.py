"""Where the learned model and its card live under the settings' ``data_dir``, and reading them.

``<data_dir>/screening/model.bin`` (the model, `learned.to_bytes`), ``model_card.json`` and
``model_card.md``. Files are written to a temporary name and renamed, so a screening never reads a
half-written model. The latest model is read once per change of the file (its path, size and
modification time) and kept in memory; a missing or unreadable file means "no model": the
screening then runs on the rules alone.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

from article3.errors import NotFound
from article3.screening.learned import LearnedModel, from_bytes, to_bytes

FOLDER = "screening"
MODEL_FILE = "model.bin"
CARD_JSON = "model_card.json"
CARD_MD = "model_card.md"

_cache: dict[Path, tuple[tuple[int, int], LearnedModel]] = {}
_lock = threading.Lock()


def folder(data_dir: Path) -> Path:
    return Path(data_dir) / FOLDER


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    temporary.replace(path)


def write(data_dir: Path, model: LearnedModel) -> dict[str, Path]:
    """Write the model and its card (JSON and Markdown); return the three paths."""
    where = folder(data_dir)
    paths = {"model": where / MODEL_FILE, "card_json": where / CARD_JSON, "card_md": where / CARD_MD}
    _write(paths["card_json"], json.dumps(model.card, indent=2, sort_keys=True).encode())
    _write(paths["card_md"], card_markdown(model.card).encode())
    _write(paths["model"], to_bytes(model))
    return paths


def latest(data_dir: Path) -> LearnedModel | None:
    """The model last written under ``data_dir``, or None when there is none (or it is unreadable)."""
    path = folder(data_dir) / MODEL_FILE
    try:
        stat = path.stat()
    except OSError:
        return None
    key = (stat.st_mtime_ns, stat.st_size)
    with _lock:
        cached = _cache.get(path)
        if cached is not None and cached[0] == key:
            return cached[1]
        try:
            model = from_bytes(path.read_bytes())
        except (OSError, ValueError):
            return None
        _cache[path] = (key, model)
        return model


def current_card(data_dir: Path) -> dict[str, Any]:
    """The card of the model screenings use now; NotFound ``screening.model_not_trained`` when none."""
    model = latest(data_dir)
    if model is None:
        raise NotFound(
            "No screening model has been trained yet (or its file cannot be read)",
            code="screening.model_not_trained",
        )
    return dict(model.card)


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4f}"
    return "n/a" if value is None else str(value)


def card_markdown(card: dict[str, Any]) -> str:
    """The model card as Markdown: identity, data, label, use, held-out metrics, calibration."""
    lines = [
        f"# Model card: {card.get('name')} {card.get('version')}",
        "",
        f"- Trained at: {card.get('trained_at', 'n/a')}",
        f"- Estimator: {card.get('estimator')}",
        f"- Examples: {card.get('n')} ({card.get('positives')} positive, base rate "
        f"{_fmt(card.get('base_rate'))})",
        f"- Label: {card.get('label')}",
        f"- Sources: {card.get('sources', 'n/a')}",
        f"- Use: {card.get('use')}",
        "",
        "## Held-out metrics",
        "",
    ]
    holdout = card.get("holdout")
    if not holdout:
        lines.append("Too few examples of each outcome for a held-out split: no metrics.")
    else:
        lines += [
            f"- n: {holdout['n']}",
            f"- Brier score: {_fmt(holdout['brier'])}",
            f"- ROC AUC: {_fmt(holdout['roc_auc'])}",
            "",
            "| predicted | count | mean predicted | observed rate |",
            "|---|---|---|---|",
        ]
        lines += [
            f"| {b['lower']:.1f}–{b['upper']:.1f} | {b['count']} | {b['mean_predicted']:.3f} "
            f"| {b['observed_rate']:.3f} |"
            for b in holdout["calibration_bins"]
        ]
    lines += ["", "## Features", "", *(f"- `{name}`" for name in card.get("features", []))]
    return "\n".join(lines) + "\n"
