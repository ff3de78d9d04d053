"""A report's content → HTML (tables and SVG charts), CSV and JSON; a record → its public form.

Pure and deterministic: the same content always gives the same bytes, which is what the
signatures cover. Counts from 1 to 4 are published as "<5" (``rules.published``); a rate only
with a denominator of at least 5. The content carries no personal data: counts per country,
codes of reasons and grounds, and the measures with their published reasons.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from html import escape
from typing import Any

from article3.transparency import rules
from article3.transparency.charts import charts
from article3.transparency.schemas import CountryRecord, IntervalRead, RateRead

P = rules.published
COUNTS = (
    "flags_received",
    "flagged_requests",
    "deletions",
    "cancellations",
    "complaints",
    "overturned",
    "deadlines_met",
    "deadlines_missed",
    "messages_held",
    "messages_blocked",
    "messages_delivered",
)


def _rate(value: RateRead | None) -> dict[str, float] | None:
    if value is None or value.trials < rules.SUPPRESS_BELOW:
        return None
    return {"value": round(value.value, 4), "low": round(value.low, 4), "high": round(value.high, 4)}


def _interval(value: IntervalRead | None) -> dict[str, float] | None:
    if value is None:
        return None
    return {"value": round(value.value, 4), "low": round(value.low, 4), "high": round(value.high, 4)}


def _counts(values: Mapping[str, int] | None) -> dict[str, int | str | None] | None:
    return None if values is None else {k: P(v) for k, v in sorted(values.items())}


def public_record(record: CountryRecord) -> dict[str, Any]:
    """A record as it may be published: small counts suppressed, rates only on 5 or more."""
    out: dict[str, Any] = {"country": record.country}
    out["requests"] = {k: P(v) for k, v in record.requests.model_dump().items()}
    out["requests"]["decided"] = P(record.requests.decided)
    for name in ("intake_reasons", "block_reasons", "refusal_grounds", "flags_by_reason"):
        out[name] = _counts(getattr(record, name))
    out["commission_decisions"] = _counts(record.commission_decisions)
    for name in COUNTS:
        out[name] = P(getattr(record, name))
    known = record.complaints is not None and record.overturned is not None
    out["not_overturned"] = P((record.complaints or 0) - (record.overturned or 0)) if known else None
    for name in ("pass_rate", "overturn_rate", "flag_share"):
        out[name] = _rate(getattr(record, name))
    both = out["pass_rate"] is not None and out["overturn_rate"] is not None
    out["gap"] = _interval(record.gap) if both else None
    out["divergent"] = bool(record.divergent and both)
    out["measures_in_force"] = list(record.measures_in_force)
    return out


# --- JSON and CSV -----------------------------------------------------------------------------------


def to_json(content: Mapping[str, Any]) -> bytes:
    return (json.dumps(content, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


CSV_COLUMNS = (
    "country",
    "red_notices",
    "diffusions",
    "total",
    "rejected_at_intake",
    "blocked",
    "refused_after_review",
    "published_after_review",
    "pending",
    *COUNTS,
    "pass_rate",
    "pass_rate_low",
    "pass_rate_high",
    "overturn_rate",
    "overturn_rate_low",
    "overturn_rate_high",
    "gap",
    "gap_low",
    "gap_high",
    "divergent",
    "measures_in_force",
    "year",
    "audit_head_seq",
    "audit_head_hash",
)


def _csv_row(row: Mapping[str, Any], content: Mapping[str, Any]) -> list[str]:
    flat: dict[str, Any] = {"country": row["country"], **row["requests"]}
    flat |= {name: row[name] for name in COUNTS}
    for name, key in (("pass_rate", "pass_rate"), ("overturn_rate", "overturn_rate"), ("gap", "gap")):
        value = row.get(key) or {}
        flat |= {name: value.get("value"), f"{name}_low": value.get("low"), f"{name}_high": value.get("high")}
    flat["divergent"] = "yes" if row["divergent"] else "no"
    flat["measures_in_force"] = " ".join(row["measures_in_force"])
    flat |= {
        "year": content["year"],
        "audit_head_seq": content["audit_head"]["seq"],
        "audit_head_hash": content["audit_head"]["hash"],
    }
    return ["" if flat.get(c) is None else str(flat[c]) for c in CSV_COLUMNS]


def to_csv(content: Mapping[str, Any]) -> bytes:
    """One line per country, then the whole system (``ALL``); empty cells are not available."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in [*content["countries"], content["overall"]]:
        writer.writerow(_csv_row(row, content))
    return buffer.getvalue().encode()


# --- HTML ---------------------------------------------------------------------------------------------

STYLE = (
    "body{font:15px/1.45 system-ui,sans-serif;color:#1d2330;max-width:1100px;margin:2rem auto;padding:0 1rem}"
    "table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}"
    "th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #d7dbe3}"
    "td.n{text-align:right;font-variant-numeric:tabular-nums}"
    "tr.divergent td{background:#fbe9e9;font-weight:600}.stands-out{color:#a61b1b}"
    "code{font-size:.85em;word-break:break-all}.muted{color:#5b6475}"
)
HEADINGS = {
    "requests": "Requests per country",
    "gap": "Passing the initial checks against the commission's outcomes",
    "grounds": "Refusals by ground",
    "complaints": "Complaints and outcomes",
    "deadlines": "Commission deadline compliance",
    "measures": "Measures",
}


def cell(value: Any) -> str:
    """A table cell: "n/a" when not available, the "<5" of a suppressed count as is."""
    if value is None:
        return '<td class="n muted">n/a</td>'
    if isinstance(value, dict) and "value" in value:
        return f'<td class="n">{_pct(value)}</td>'
    return f'<td class="n">{escape(str(value))}</td>'


def _pct(value: Mapping[str, float]) -> str:
    return f"{100 * value['value']:.0f} % ({100 * value['low']:.0f}–{100 * value['high']:.0f})"


def table(test_id: str, headers: Sequence[str], rows: Iterable[tuple[str, Sequence[Any], str]]) -> str:
    """A table whose rows are (first column, other cells, row class)."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(
        f'<tr class="{cls}"><td>{escape(first)}</td>{"".join(cell(v) for v in values)}</tr>'
        for first, values, cls in rows
    )
    opening = f'<table class="grid" data-testid="{test_id}">'
    return f"{opening}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _all_rows(content: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [*content["countries"], content["overall"]]


def requests_table(content: Mapping[str, Any]) -> str:
    keys = (
        *("red_notices", "diffusions", "rejected_at_intake", "blocked", "refused_after_review"),
        *("published_after_review", "pending", "flags_received", "deletions"),
    )
    headers = (
        *("Country", "Red notices", "Diffusions", "Rejected at intake", "Blocked", "Refused on review"),
        *("Published", "Pending", "Flags received", "Deletions"),
    )
    rows = [(r["country"], [r["requests"].get(k, r.get(k)) for k in keys], "") for r in _all_rows(content)]
    return table("requests-table", headers, rows)


def rates_table(content: Mapping[str, Any]) -> str:
    headers = ("Country", "Passed initial checks", "Complaints", "Overturned", "Overturn rate", "Gap", "")
    rows = [
        (
            r["country"],
            [
                r["pass_rate"],
                r["complaints"],
                r["overturned"],
                r["overturn_rate"],
                r["gap"],
                "stands out" if r["divergent"] else "",
            ],
            "divergent" if r["divergent"] else "",
        )
        for r in _all_rows(content)
    ]
    return table("rates-table", headers, rows)


def grounds_table(content: Mapping[str, Any]) -> str:
    overall = content["overall"]
    rows = [
        (code, [stage, n], "")
        for key, stage in (
            ("intake_reasons", "intake criteria"),
            ("block_reasons", "blocking rule"),
            ("refusal_grounds", "review"),
        )
        for code, n in (overall.get(key) or {}).items()
    ]
    return table("grounds-table", ("Ground or rule", "Stage", "Requests"), rows)


def other_table(content: Mapping[str, Any]) -> str:
    keys = (
        "complaints",
        "overturned",
        "deadlines_met",
        "deadlines_missed",
        "messages_held",
        "messages_blocked",
    )
    headers = ("Country", "Complaints", "Overturned", "Deadlines met", "Deadlines missed", "Messages held")
    rows = [(r["country"], [r.get(k) for k in keys], "") for r in _all_rows(content)]
    return table("commission-table", (*headers, "Messages blocked"), rows)


def measures_table(content: Mapping[str, Any]) -> str:
    rows = [
        (
            m["country"],
            [
                m["kind"],
                m["applied_at"][:10],
                m["applied_reason"],
                (m["lifted_at"] or "")[:10] or "in force",
                m["lifted_reason"] or "",
            ],
            "",
        )
        for m in content["measures"]
    ]
    return table("measures-table", ("Country", "Measure", "Applied", "Reasons", "Lifted", "Reasons"), rows)


def tables(content: Mapping[str, Any]) -> dict[str, str]:
    return {
        "requests": requests_table(content),
        "gap": rates_table(content),
        "grounds": grounds_table(content),
        "complaints": other_table(content),
        "deadlines": "",
        "measures": measures_table(content),
    }


def header(content: Mapping[str, Any]) -> str:
    head, period = content["audit_head"], content["period"]
    return (
        f"<h1>{escape(content['title'])}</h1>"
        f'<p class="muted">Period {escape(period["start"][:10])} to {escape(period["end"][:10])} '
        f"(end excluded) · built {escape(content['built_at'][:19])} UTC</p>"
        f'<p>Audit chain head at building: entry {head["seq"]}, hash <code data-testid="head-hash">'
        f"{escape(head['hash'])}</code></p>"
        f'<p class="muted">{escape(content["notes"]["suppression"])} {escape(content["notes"]["rates"])}</p>'
    )


def to_html(content: Mapping[str, Any]) -> bytes:
    """The whole report as one standalone HTML document (no script, no external resource)."""
    pictures, grids = charts(content), tables(content)
    sections = "".join(
        f'<section data-section="{name}"><h2>{escape(title)}</h2>{pictures[name]}{grids[name]}</section>'
        for name, title in HEADINGS.items()
    )
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(content['title'])}</title><style>{STYLE}</style></head>"
        f"<body>{header(content)}{sections}</body></html>\n"
    ).encode()
