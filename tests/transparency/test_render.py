"""The renderers: JSON and CSV against golden files; the HTML and its SVG charts by structure.

Regenerate the golden files after an intended change with
``ARTICLE3_UPDATE_GOLDEN=1 .venv/bin/pytest tests/transparency/test_render.py`` and read the diff.
"""

from __future__ import annotations

import csv
import io
import os
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from article3.transparency import render
from tests.transparency.samples import content

GOLDEN = Path(__file__).parent / "golden"
SVG = "{http://www.w3.org/2000/svg}"


def _golden(name: str, data: bytes) -> None:
    path = GOLDEN / name
    if os.environ.get("ARTICLE3_UPDATE_GOLDEN"):
        path.write_bytes(data)
    assert data == path.read_bytes(), f"{name} changed; see the module docstring"


@pytest.mark.parametrize(
    ("name", "renderer"), [("report.json", render.to_json), ("report.csv", render.to_csv)]
)
def test_matches_the_golden_file(name: str, renderer: object) -> None:
    assert callable(renderer)
    _golden(name, renderer(content()))


def test_rendering_is_deterministic() -> None:
    assert render.to_html(content()) == render.to_html(content())


def test_small_counts_are_suppressed_everywhere() -> None:
    c = content()
    tv = next(r for r in c["countries"] if r["country"] == "TV")
    assert tv["requests"]["total"] == "<5" and tv["complaints"] == "<5"
    assert tv["pass_rate"] is None  # 2 cases: no published rate
    rows = {r["country"]: r for r in csv.DictReader(io.StringIO(render.to_csv(c).decode()))}
    assert rows["TV"]["total"] == "<5"
    assert rows["TV"]["pass_rate"] == ""
    assert rows["RU"]["blocked"] == "<5"  # 4 blocked
    assert rows["ALL"]["audit_head_hash"] == "ab" * 32


def test_the_russian_pattern_stands_out() -> None:
    c = content()
    ru = next(r for r in c["countries"] if r["country"] == "RU")
    assert ru["pass_rate"]["value"] == pytest.approx(180 / 200)
    assert ru["overturn_rate"]["value"] == pytest.approx(41 / 80)
    assert ru["divergent"] is True
    fr = next(r for r in c["countries"] if r["country"] == "FR")
    assert fr["divergent"] is False


class _Structure(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.sections: list[str] = []
        self.divergent_rows = 0
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "section":
            self.sections.append(str(a.get("data-section")))
        if tag == "tr" and a.get("class") == "divergent":
            self.divergent_rows += 1
        if tag == "script" or any(k.startswith("on") for k in a):
            self.scripts += 1


def test_html_has_every_section_chart_and_no_script() -> None:
    page = render.to_html(content()).decode()
    parser = _Structure()
    parser.feed(page)
    assert parser.sections == ["requests", "gap", "grounds", "complaints", "deadlines", "measures"]
    assert parser.divergent_rows == 2  # RU, and the whole system it dominates
    assert parser.scripts == 0
    assert "ab" * 32 in page
    assert "stands out" in page
    assert "&lt;5" in page


def _svgs() -> dict[str, ET.Element]:
    from article3.transparency.charts import charts  # noqa: PLC0415

    return {name: ET.fromstring(text) for name, text in charts(content()).items()}


def test_charts_are_well_formed_svg_with_their_marks() -> None:
    svgs = _svgs()
    assert set(svgs) == {"requests", "gap", "grounds", "complaints", "deadlines", "measures"}
    for name, root in svgs.items():
        assert root.get("data-chart") == name
        assert root.get("role") == "img" and root.find(f"{SVG}title") is not None
    bars = svgs["requests"].findall(f".//{SVG}rect[@class='bar']")
    assert {b.get("data-series") for b in bars} >= {"published_after_review", "refused_after_review"}
    gaps = svgs["gap"].findall(f".//{SVG}line[@class='gap']")
    assert [g.get("data-divergent") for g in gaps] == ["true", "false"]  # RU first, then FR; TV too few
    assert len(svgs["measures"].findall(f".//{SVG}rect[@class='measure']")) == 2
    assert len(svgs["measures"].findall(f".//{SVG}line[@class='lifted']")) == 1


def test_a_suppressed_count_is_drawn_hatched() -> None:
    bars = _svgs()["requests"].findall(f".//{SVG}rect[@class='bar']")
    hatched = [b for b in bars if (b.get("fill") or "").startswith("url(#hatch")]
    assert hatched
    assert all("<5" in "".join(b.itertext()) for b in hatched)


def test_missing_sources_say_not_available() -> None:
    c = content()
    c["available"] = dict.fromkeys(c["available"], False)
    page = render.to_html(c).decode()
    assert "Not available: this build has no complaints commission yet." in page
