"""Server-rendered SVG charts: pure functions from published figures to an ``<svg>`` string.

A suppressed count ("<5") is drawn as a hatched segment of 2.5 units labelled "<5", so a chart
never shows more than the tables do. Every chart has a ``<title>``, a ``role="img"`` and an
``aria-label``, and each mark a ``<title>`` tooltip, so it reads without the picture.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from html import escape

from article3.transparency.rules import SUPPRESSED

Published = int | str | None
WIDTH = 720
LABEL = 150
ROW = 22
HATCH = (
    '<defs><pattern id="{id}" width="6" height="6" patternUnits="userSpaceOnUse" '
    'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/>'
    '<line x1="0" y1="0" x2="0" y2="6" stroke="#8a94a6" stroke-width="3"/></pattern></defs>'
)


@dataclass(frozen=True, slots=True)
class Series:
    key: str
    label: str
    colour: str


def amount(value: Published) -> float:
    """How long a bar is: a suppressed count is drawn at 2.5, a missing one at 0."""
    if value == SUPPRESSED:
        return 2.5
    return float(value) if isinstance(value, int) else 0.0


def shown(value: Published) -> str:
    return "n/a" if value is None else str(value)


def _open(chart_id: str, title: str, height: int) -> str:
    label = escape(title)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" data-chart="{chart_id}" role="img" '
        f'aria-label="{label}" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'font-family="system-ui, sans-serif" font-size="12"><title>{label}</title>'
        + HATCH.format(id=f"hatch-{chart_id}")
    )


def _legend(series: Sequence[Series], y: int) -> str:
    out, x = [], 8
    for s in series:
        out.append(
            f'<rect x="{x}" y="{y}" width="10" height="10" fill="{s.colour}"/>'
            f'<text x="{x + 14}" y="{y + 9}">{escape(s.label)}</text>'
        )
        x += 24 + 6 * len(s.label)
    return "".join(out)


def empty(chart_id: str, title: str, message: str) -> str:
    return _open(chart_id, title, 40) + f'<text x="8" y="24" fill="#5b6475">{escape(message)}</text></svg>'


def stacked_bars(
    chart_id: str, title: str, rows: Sequence[tuple[str, Mapping[str, Published]]], series: Sequence[Series]
) -> str:
    """One horizontal bar per row, one segment per series, scaled to the longest bar."""
    if not rows:
        return empty(chart_id, title, "Nothing to show for this period.")
    longest = max(sum(amount(v.get(s.key)) for s in series) for _, v in rows) or 1.0
    scale = (WIDTH - LABEL - 60) / longest
    height = 30 + ROW * len(rows) + 24
    parts = [_open(chart_id, title, height), _legend(series, 6)]
    for i, (label, values) in enumerate(rows):
        y, x = 28 + i * ROW, float(LABEL)
        parts.append(f'<text x="{LABEL - 6}" y="{y + 14}" text-anchor="end">{escape(label)}</text>')
        for s in series:
            value = values.get(s.key)
            width = amount(value) * scale
            if width <= 0:
                continue
            fill = f"url(#hatch-{chart_id})" if value == SUPPRESSED else s.colour
            parts.append(
                f'<rect class="bar" data-series="{s.key}" x="{x:.1f}" y="{y + 3}" width="{width:.1f}" '
                f'height="{ROW - 6}" fill="{fill}"><title>{escape(label)}: {escape(s.label)} '
                f"{escape(shown(value))}</title></rect>"
            )
            x += width
        total = sum(amount(values.get(s.key)) for s in series)
        if any(values.get(s.key) == SUPPRESSED for s in series) or total:
            parts.append(f'<text x="{x + 4:.1f}" y="{y + 14}" fill="#5b6475">{_total(values, series)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _total(values: Mapping[str, Published], series: Sequence[Series]) -> str:
    known = [values.get(s.key) for s in series]
    exact = sum(v for v in known if isinstance(v, int))
    return f"{exact}+" if SUPPRESSED in known else str(exact)


def _x(value: float, low: float, high: float) -> float:
    return LABEL + (value - low) / (high - low) * (WIDTH - LABEL - 20)


def dumbbell(chart_id: str, title: str, rows: Sequence[dict[str, object]]) -> str:
    """Per country: the pass rate and the confirmation rate (1 − overturned), each with its
    interval; a red line joins them when the gap stands out."""
    usable = [r for r in rows if r.get("pass") is not None]
    if not usable:
        return empty(chart_id, title, "No rate can be published for this period.")
    height = 30 + ROW * len(usable) + 30
    parts = [_open(chart_id, title, height)]
    parts.append(
        _legend(
            [Series("pass", "passed initial checks", "#174ea6"), Series("conf", "confirmed", "#b26b00")], 6
        )
    )
    for tick in (0, 0.25, 0.5, 0.75, 1):
        x = _x(tick, 0, 1)
        parts.append(
            f'<line x1="{x:.1f}" y1="24" x2="{x:.1f}" y2="{height - 20}" stroke="#d7dbe3"/>'
            f'<text x="{x:.1f}" y="{height - 6}" text-anchor="middle">{int(tick * 100)} %</text>'
        )
    for i, row in enumerate(usable):
        parts.append(_dumbbell_row(row, 28 + i * ROW))
    parts.append("</svg>")
    return "".join(parts)


def _dot(kind: str, rate: object, y: int, colour: str, label: str) -> str:
    if not isinstance(rate, dict):
        return ""
    v, lo, hi = (float(rate[k]) for k in ("value", "low", "high"))
    return (
        f'<line x1="{_x(lo, 0, 1):.1f}" y1="{y}" x2="{_x(hi, 0, 1):.1f}" y2="{y}" stroke="{colour}" '
        f'stroke-width="2"/><circle class="dot" data-kind="{kind}" cx="{_x(v, 0, 1):.1f}" cy="{y}" r="5" '
        f'fill="{colour}"><title>{escape(label)} {v:.0%} ({lo:.0%} to {hi:.0%})</title></circle>'
    )


def _dumbbell_row(row: dict[str, object], top: int) -> str:
    y = top + ROW // 2
    label = str(row["country"])
    out = [f'<text x="{LABEL - 6}" y="{y + 4}" text-anchor="end">{escape(label)}</text>']
    passed, confirmed = row.get("pass"), row.get("confirmed")
    if isinstance(passed, dict) and isinstance(confirmed, dict):
        stroke = "#a61b1b" if row.get("divergent") else "#8a94a6"
        width = 4 if row.get("divergent") else 1
        out.append(
            f'<line class="gap" data-divergent="{str(bool(row.get("divergent"))).lower()}" '
            f'x1="{_x(float(confirmed["value"]), 0, 1):.1f}" y1="{y}" '
            f'x2="{_x(float(passed["value"]), 0, 1):.1f}" y2="{y}" stroke="{stroke}" stroke-width="{width}"/>'
        )
    out.append(_dot("confirmed", confirmed, y, "#b26b00", f"{label}: confirmed by the commission"))
    out.append(_dot("pass", passed, y, "#174ea6", f"{label}: passed the initial checks"))
    return "".join(out)


def timeline(
    chart_id: str, title: str, rows: Sequence[dict[str, object]], start: datetime, end: datetime
) -> str:
    """One bar per measure across the period: from its application (or the period's start) to
    its lifting (or the period's end); a lifted measure ends with a marker."""
    if not rows:
        return empty(chart_id, title, "No measure was in force in this period.")
    span = (end - start).total_seconds()
    height = 30 + ROW * len(rows) + 10

    def x(moment: datetime) -> float:
        return LABEL + max(0.0, min(1.0, (moment - start).total_seconds() / span)) * (WIDTH - LABEL - 20)

    parts = [_open(chart_id, title, height)]
    parts.append(f'<text x="{LABEL}" y="16">{start:%Y-%m-%d}</text>')
    parts.append(f'<text x="{WIDTH - 20}" y="16" text-anchor="end">{end:%Y-%m-%d}</text>')
    for i, row in enumerate(rows):
        y = 28 + i * ROW
        applied, lifted = row["applied_at"], row.get("lifted_at")
        assert isinstance(applied, datetime)
        stop = lifted if isinstance(lifted, datetime) else end
        label = f"{row['country']} {row['kind']}"
        colour = "#8a94a6" if isinstance(lifted, datetime) else "#a61b1b"
        parts.append(
            f'<text x="{LABEL - 6}" y="{y + 14}" text-anchor="end">{escape(label)}</text>'
            f'<rect class="measure" x="{x(applied):.1f}" y="{y + 3}" '
            f'width="{max(2.0, x(stop) - x(applied)):.1f}" '
            f'height="{ROW - 6}" fill="{colour}"><title>{escape(label)}: applied {applied:%Y-%m-%d}'
            + (f", lifted {lifted:%Y-%m-%d}" if isinstance(lifted, datetime) else ", in force")
            + "</title></rect>"
        )
        if isinstance(lifted, datetime):
            parts.append(
                f'<line class="lifted" x1="{x(lifted):.1f}" y1="{y + 1}" x2="{x(lifted):.1f}" '
                f'y2="{y + ROW - 1}" stroke="#1b6e3a" stroke-width="3"/>'
            )
    parts.append("</svg>")
    return "".join(parts)
