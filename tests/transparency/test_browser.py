"""The public reports page and its charts in a real browser, without logging in."""

from __future__ import annotations

from pathlib import Path

import pytest

from article3.bootstrap import Runtime
from article3.db.session import transaction
from article3.transparency import service as transparency
from tests.factories import oversight as ov
from tests.factories import requests as rq
from tests.support.browser import chromium

pytestmark = pytest.mark.browser


def test_public_reports_page_renders_its_charts(runtime: Runtime, server: str, artifacts: Path) -> None:
    for _ in range(5):
        rq.published(runtime, "RU")
    ov.lifted(runtime, ov.applied(runtime, country="RU"))
    ov.applied(runtime, country="BY")
    signer = transparency.signer_for(runtime.settings)
    with runtime.session() as s, transaction(s):
        transparency.build_report(s, year=2026, actor="system:test", signer=signer, now=runtime.clock.now())
    with chromium() as browser:
        page = browser.new_page()
        page.goto(f"{server}/transparency/reports")
        assert page.url.endswith("/transparency/reports")  # no login redirect
        assert page.locator("[data-testid=reports] tbody tr").count() == 1
        charts = page.locator("[data-testid=report] svg.chart")
        assert charts.count() == 6
        for i in range(charts.count()):
            box = charts.nth(i).bounding_box()
            assert box is not None and box["width"] > 300 and box["height"] > 30
        bars = page.locator("svg[data-chart=requests] rect.bar")
        assert bars.count() >= 1
        assert page.locator("svg[data-chart=measures] rect.measure").count() == 2
        assert page.locator("svg[data-chart=measures] line.lifted").count() == 1
        assert "RU" in page.inner_text("[data-testid=measures-table]")
        page.screenshot(path=str(artifacts / "reports.png"), full_page=True)
        page.goto(f"{server}/measures")
        rows = page.locator("[data-testid=measures] tbody tr")
        assert rows.count() == 2
        assert page.locator("[data-state=lifted]").count() == 1
        assert "record back within the thresholds" in page.inner_text("[data-testid=measures]")
