"""The evaluation as a table, a text chart and an SVG chart (system beside baseline)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from xml.sax.saxutils import escape

BAR = 40


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{x * 100:5.1f}%"


def table(result: dict[str, Any]) -> str:
    head = (
        f"{'year':<8}{'requests':>9}{'abusive':>8} | {'abusive published':>17} {'(baseline)':>10} | "
        f"{'legit refused':>13} {'(baseline)':>10} | {'delayed':>7} {'days':>5} {'reviews':>8} "
        f"{'complaints':>10} {'deletions':>9}"
    )
    rows = [head, "-" * len(head)]
    periods = [*result["by_year"].items(), ("overall", result)]
    for label, r in periods:
        days = r["mean_days_to_publication"]
        base = r["baseline"]
        cells = [
            f"{label:<8}{r['requests']:>9}{r['abusive']:>8}",
            f"{_pct(r['abusive_published_share']):>17} {_pct(base['abusive_published_share']):>10}",
            f"{_pct(r['legitimate_refused_share']):>13} {_pct(base['legitimate_refused_share']):>10}",
            f"{_pct(r['legitimate_delayed_share']):>7} {'-' if days is None else f'{days:.1f}':>5} "
            f"{r['review_decisions']:>8} {r['complaints']:>10} {r['deletions']:>9}",
        ]
        rows.append(" | ".join(cells))
    trained, fitted = models(result), calibrations(result)
    return "\n".join([*rows, intervals(result), *(line for line in (trained, fitted) if line)])


def models(result: dict[str, Any]) -> str:
    """With ``--retrain``: each 1 January's model, its examples, positives and held-out ROC AUC, and
    with ``--wording``, the decided requests its wording counts were calibrated on."""
    cards = result.get("models_trained") or []
    if not cards:
        return ""
    parts = [
        f"{c['at'][:4]} {c['n']} ({c['positives']} positive, AUC "
        f"{'-' if c['roc_auc'] is None else format(c['roc_auc'], '.2f')}"
        + (f"; wording {w['n']} decided, {w['positives']} non-compliant" if (w := c.get("wording")) else "")
        + ")"
        for c in cards
    ]
    return "learned component retrained each 1 January on the decisions so far: " + "; ".join(parts)


def calibrations(result: dict[str, Any]) -> str:
    """With ``--calibrate``: the decided requests each 1 January's wording calibration was fitted on."""
    fits = result.get("wording_calibrated") or []
    parts = [f"{c['at'][:4]} {c['n']} decided ({c['positives']} non-compliant)" for c in fits]
    return (
        ("wording counts calibrated each 1 January, no model trained: " + "; ".join(parts)) if parts else ""
    )


def intervals(result: dict[str, Any]) -> str:
    """The overall shares with their counts and 95% Wilson intervals, and the sample they come from."""
    parts = []
    for key, label in (("abusive_published", "abusive published"), ("legitimate_refused", "legit refused"),
                       ("legitimate_delayed", "delayed")):  # fmt: skip
        c = result["counts"][key]
        span = "-" if c["interval_95"] is None else "–".join(_pct(x).strip() for x in c["interval_95"])
        parts.append(f"{label} {c['count']} of {c['of']} ({span})")
    sample = result.get("sample")
    where = "" if sample is None or sample >= 1 else f" of a {sample * 100:g}% sample of persons"
    return f"overall{where}, with 95% Wilson intervals: " + "; ".join(parts)


def chart(result: dict[str, Any]) -> str:
    """Abusive requests published, per year: '#' article3, '.' baseline."""
    lines = ["abusive requests published ('#' article3, '.' baseline)"]
    for year, r in result["by_year"].items():
        ours, base = r["abusive_published_share"], r["baseline"]["abusive_published_share"]
        lines.append(f"{year} {'#' * round(ours * BAR):<{BAR}} {_pct(ours)}")
        lines.append(f"{'':4} {'.' * round(base * BAR):<{BAR}} {_pct(base)}")
    return "\n".join(lines)


def tactics(result: dict[str, Any]) -> str:
    lines = ["abusive requests by tactic: published / submitted (routes)"]
    for tactic, row in result["by_tactic"].items():
        routes = ", ".join(f"{k} {v}" for k, v in sorted(row["routes"].items()))
        lines.append(f"  {tactic:<20} {row['published']:>5} / {row['requests']:<6} ({routes})")
    lines.append("legitimate requests by drafting: refused / delayed / submitted")
    for drafting, row in result.get("legitimate_by_drafting", {}).items():
        lines.append(f"  {drafting:<20} {row['refused']:>5} / {row['delayed']:<5} / {row['requests']}")
    lines.append(requesters(result))
    lines.append(flags(result))
    lines.append(cases(result))
    lines.append(frontier(result))
    base = result["baseline"]
    lines.append(
        f"baseline: refuses abusive p={base['abusive_refusal_probability']}, legitimate "
        f"p={base['legitimate_refusal_probability']}; worst country {base['worst_country']} passes "
        f"{_pct(base['worst_country_pass_share'])} (public record: about 90%)"
    )
    return "\n".join(lines) + "\n\n" + measures(result)


def requesters(result: dict[str, Any]) -> str:
    """The countries that sent abusive requests, most published first."""
    lines = ["by requester: abusive published / submitted, legitimate refused / delayed / submitted"]
    for country, row in (result.get("by_requester") or {}).items():
        lines.append(
            f"  {country:<4}{row['abusive_published']:>5} / {row['abusive']:<6}"
            f"{row['legitimate_refused']:>5} / {row['legitimate_delayed']:<5} / {row['legitimate']}"
        )
    return "\n".join(lines)


def flags(result: dict[str, Any]) -> str:
    """One line: the host countries' flags raised and skipped, and the later requests that saw one."""
    f = result.get("flags") or {}
    return (
        f"host-country flags: raised on abusive {f.get('raised_on_abusive', 0)}, on genuine "
        f"{f.get('raised_on_genuine', 0)}; skipped (not published then) {f.get('skipped', 0)}; later "
        f"requests screened with a flag on an earlier one: abusive {f.get('seen_by_later_abusive', 0)}, "
        f"genuine {f.get('seen_by_later_genuine', 0)}"
    )


def cases(result: dict[str, Any]) -> str:
    """One line: requests that met an open case before the commission, and what became of them."""
    c = result.get("commission_cases") or {}
    return (
        f"requests screened with an open case before the commission: abusive {c.get('abusive', 0)} "
        f"(published {c.get('abusive_published', 0)}), genuine {c.get('genuine', 0)} (refused "
        f"{c.get('genuine_refused', 0)}, delayed {c.get('genuine_delayed', 0)}); provisional blocks "
        f"{c.get('provisional_blocks', 0)}"
    )


def _held(point: dict[str, Any] | None, target: str, lowered: str, other: str) -> str:
    """One frontier line: the lowest share of ``lowered`` while ``other`` stays under target."""
    if point is None:
        return f"  no threshold keeps {other} under {target}"
    t = point["threshold"]
    refusing = "nothing more" if t is None else f"every request scoring at least {t:g}"
    low, held = (_pct(point[_KEYS[k]]).strip() for k in (lowered, other))
    return f"  with {other} under {target}: {lowered} {low} at best (refusing {refusing}; {other} {held})"


_KEYS = {
    "abusive published": "abusive_published_share",
    "legitimate refused": "legitimate_refused_share",
}


def frontier(result: dict[str, Any]) -> str:
    """The best a single threshold on the screening's risk could do for each target while holding
    the other under its own (sim/frontier.py; computed from this replay, not replayed)."""
    f = result.get("frontier") or {}
    return "\n".join(
        [
            "a single threshold on the screening's risk, on top of this replay's decisions "
            "(not replayed: later screenings would differ):",
            _held(f.get("at_legitimate_refused_target"), "2%", "abusive published", "legitimate refused"),
            _held(f.get("at_abusive_published_target"), "5%", "legitimate refused", "abusive published"),
        ]
    )


def measures(result: dict[str, Any]) -> str:
    """The measures the simulated governance adopted and lifted (printed after the tactics)."""
    found = result.get("measures") or []
    lines = [f"measures adopted by the simulated governance: {len(found)}"]
    for m in found:
        lines.append(
            f"  {m['at']}  {m['country']:<3} {m['kind']:<16} {m['criterion']:<17} "
            f"{m['figure']:.2f} >= {m['threshold']:g}"
        )
    lifted = result.get("measures_lifted")
    lifted = lifted if isinstance(lifted, list) else []
    lines.append(f"measures lifted by the simulated governance: {len(lifted)}")
    for m in lifted:
        figure = "n/a" if m["figure"] is None else f"{m['figure']:.2f}"
        lines.append(
            f"  {m['at']}  {m['country']:<3} {m['kind']:<16} {m['criterion']:<17} "
            f"{figure} (threshold {m['threshold']:g}); grounds absent at {m['sittings']} sittings"
        )
    return "\n".join(lines)


def svg(result: dict[str, Any]) -> str:
    """Grouped bars per year: abusive published and legitimate refused, article3 and baseline."""
    years = list(result["by_year"].items())
    series: tuple[tuple[str, str, Callable[[dict[str, Any]], float]], ...] = (
        ("abusive published, article3", "#b2182b", lambda r: r["abusive_published_share"]),
        ("abusive published, baseline", "#f4a582", lambda r: r["baseline"]["abusive_published_share"]),
        ("legitimate refused, article3", "#2166ac", lambda r: r["legitimate_refused_share"]),
        ("legitimate refused, baseline", "#92c5de", lambda r: r["baseline"]["legitimate_refused_share"]),
    )
    width, height, left, top, plot = 80 + 60 * max(len(years), 1), 340, 50, 20, 240
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        'font-family="sans-serif" font-size="11">',
        f"<title>{escape('article3 simulation: abusive published and legitimate refused, by year')}</title>",
        f'<line x1="{left}" y1="{top + plot}" x2="{width - 10}" y2="{top + plot}" stroke="#333"/>',
    ]
    for tick in (0, 25, 50, 75, 100):
        y = top + plot - plot * tick / 100
        parts.append(f'<text x="{left - 6}" y="{y + 4:.0f}" text-anchor="end">{tick}%</text>')
    for i, (year, r) in enumerate(years):
        x0 = left + 10 + 60 * i
        for j, (_, colour, value) in enumerate(series):
            h = plot * value(r)
            y = top + plot - h
            parts.append(f'<rect x="{x0 + 11 * j}" y="{y:.1f}" width="10" height="{h:.1f}" fill="{colour}"/>')
        parts.append(f'<text x="{x0 + 22}" y="{top + plot + 14}" text-anchor="middle">{escape(year)}</text>')
    for j, (label, colour, _) in enumerate(series):
        y = top + plot + 30 + 12 * (j % 2)
        x = left + 200 * (j // 2)
        parts.append(f'<rect x="{x}" y="{y - 8}" width="9" height="9" fill="{colour}"/>')
        parts.append(f'<text x="{x + 13}" y="{y}">{escape(label)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)
