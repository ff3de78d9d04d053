"""``make run``'s promise: after the demo load every page of the header has data, for every demo
account. One small demo (``SCALE``) is loaded once into a real server; each account logs in in
Chromium and opens every link of its header."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page
from typer.testing import CliRunner

from article3.accounts.demo import DEMO_ACCOUNTS, DemoAccount
from article3.bootstrap import Runtime, bootstrap
from article3.cli.main import app as cli
from article3.clock import FixedClock
from article3.config import Environment, Settings
from article3.oversight import service as oversight
from article3.sim import run
from article3.transparency import service as transparency
from article3.transparency import signing
from article3.web.render import nav_links
from tests.conftest import TEST_SECRET
from tests.support import databases
from tests.support.browser import chromium, log_in
from tests.support.serving import serve

pytestmark = pytest.mark.browser

# A small scale at which every page below has data for every account (seed 1): below 0.025 no
# message is addressed to DE, so officer.de's messages would be empty; at 0.025 the world of the
# eleventh session has no consultation of RU's bureau.
SCALE = 0.03
# The server's clock: early in the year after the demo's (the country records read the trailing year).
SERVED_AT = datetime(2026, 1, 5, 9, tzinfo=UTC)
NCB = ("officer.fr", "admin.fr", "officer.de", "officer.ru")


@dataclass(frozen=True, slots=True)
class Listing:
    """A page's main list (rows that must be there) and its empty state (which must not show)."""

    rows: str
    empty: str


PAGES: dict[str, Listing] = {
    "/requests": Listing("[data-testid=requests] tbody tr", "[data-testid=requests-empty]"),
    "/review": Listing("[data-testid=queue] tbody tr", "[data-testid=queue-empty]"),
    "/inbox": Listing("[data-testid=inbox] tbody tr", "[data-testid=inbox-empty]"),
    "/messages": Listing("[data-testid=messages] tbody tr", "[data-testid=messages-empty]"),
    "/compliance/messages": Listing("[data-testid=messages] tbody tr", "[data-testid=messages-empty]"),
    "/register": Listing("[data-testid=entries] tbody tr", "[data-testid=no-entries]"),
    "/complaints": Listing("[data-testid=complaints] tbody tr a", "text=No complaint."),
    # RU's consultations come from the simulated commission, which consults the source bureau of
    # each published request a deletion case concerns (sim/complaints.py ``consult``).
    "/consultations": Listing("[data-testid=consultation]", "text=No consultation."),
    "/countries": Listing("[data-testid=countries] tbody tr", "text=No country"),
    "/oversight": Listing("[data-testid=records] tbody tr[data-country]", "text=No activity in this period."),
    "/measures": Listing("[data-testid=measures] tbody tr", "[data-testid=no-measures]"),
    "/transparency/reports": Listing("[data-testid=reports] tbody tr", "[data-testid=no-reports]"),
    "/screening/model": Listing("[data-testid=calibration] tbody tr", "[data-testid=no-model]"),
}

# Pages that by design list nothing: checked for their form instead (for every role that sees them).
FORMS: dict[str, tuple[str, str]] = {
    "/requests/new": ("[data-testid=request-form]", "a form to fill: it lists nothing"),
    "/search": ("form[action='/search'] textarea[name=names]", "it lists hits only after a query"),
}


@dataclass(frozen=True, slots=True)
class Instead:
    """For one account, what a page is checked for instead of its main list, and why."""

    how: str  # "form": a selector that must be there; "link": a link of the page to follow; "empty"
    selector: str
    reason: str


_OWN = "an NCB login lists only the entries it registered itself: the world's host bureaus register "
_OWN += "few refugees (about 9 a year at the demo's scale), none by FR, DE or RU; the page is its form"
_NO_REQUESTS = "the commission consults the requesting bureau: FR and DE are not among the demo's 12 "
_NO_REQUESTS += "requesters, so their bureaus have no request to be consulted on"
_HELD = "the queue lists held messages still waiting; the simulated reviewer decides each two days "
_HELD += "after it was sent (sim/policies.py), so at the end of the demo year few or none wait: the "
_HELD += "page's own link to the decided ones is followed"
INSTEAD: dict[tuple[str, str], Instead] = {
    **{("/register", u): Instead("form", "[data-testid=register-form]", _OWN) for u in NCB},
    **{("/consultations", u): Instead("empty", "text=No consultation.", _NO_REQUESTS) for u in NCB[:3]},
    **{
        ("/compliance/messages", u): Instead("link", "a[href='/compliance/messages?all=true']", _HELD)
        for u in ("reviewer", "senior")
    },
    ("/messages", "officer.ru"): Instead(
        "link",
        "[data-testid=outbox-link]",
        "the world's whereabouts messages go from the "
        "requesters to the host countries: nobody writes to RU, so its outbox is checked",
    ),
}


@dataclass(frozen=True, slots=True)
class Demo:
    url: str
    rt: Runtime
    loaded: dict[str, Any]


def _settings(url: str, folder: Path) -> Settings:
    return Settings(
        environment=Environment.TEST, database_url=url, secret_key=TEST_SECRET, data_dir=folder / "data"
    )


@pytest.fixture(scope="module")
def demo(database_factory: databases.Factory, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    """The demo loaded once, as ``make run`` loads it (``article3 users demo``, then the load),
    served by the real app on a free loopback port."""
    url = database_factory.clone()
    settings = _settings(url, tmp_path_factory.mktemp("demo"))
    env = {"ARTICLE3_DATABASE_URL": url, "ARTICLE3_DATA_DIR": str(settings.data_dir)}
    env |= {"ARTICLE3_SECRET_KEY": TEST_SECRET, "ARTICLE3_ENVIRONMENT": Environment.TEST.value}
    made = CliRunner().invoke(cli, ["users", "demo"], env=env)
    assert made.exit_code == 0, made.output
    loaded = run.demo(settings, 1, scale=SCALE, progress=False)
    assert loaded is not None
    assert loaded["model"]["n"] > 0 and (settings.data_dir / "screening" / "model.bin").exists()
    rt = bootstrap(settings, clock=FixedClock(SERVED_AT))
    try:
        with serve(rt) as served:
            yield Demo(served, rt, loaded)
    finally:
        rt.close()
        database_factory.drop(url)


def _problem(page: Page, href: str, username: str) -> str | None:
    """What is wrong with one page for one account, or None."""
    if href in FORMS:
        return None if page.locator(FORMS[href][0]).count() == 1 else "no form"
    instead = INSTEAD.get((href, username))
    if instead and instead.how != "link":
        return None if page.locator(instead.selector).count() == 1 else f"no {instead.selector}"
    if instead:
        with page.expect_navigation():
            page.click(instead.selector)
    listing = PAGES[href]
    rows, empty = page.locator(listing.rows).count(), page.locator(listing.empty).count()
    return None if rows and not empty else f"{rows} rows, empty state shown: {bool(empty)}"


@pytest.mark.parametrize("account", DEMO_ACCOUNTS, ids=lambda a: a.username)
def test_every_header_page_has_data_for_every_demo_account(demo: Demo, account: DemoAccount) -> None:
    expected = [link["href"] for link in nav_links(account.role)]
    assert set(expected) <= set(PAGES) | set(FORMS), "a new page of the header: say what it lists"
    problems = {}
    with chromium() as browser:
        page = browser.new_page()
        log_in(page, demo.url, account.username, account.password)
        shown = [a.get_attribute("href") for a in page.locator("nav a[data-testid^=nav-]").all()]
        assert shown == expected
        for href in expected:
            response = page.goto(f"{demo.url}{href}")
            assert response is not None and response.status == 200, href
            problem = _problem(page, href, account.username)
            if problem:
                problems[href] = problem
    assert not problems, f"{account.username}: {problems}"


def test_the_demo_adds_the_measures_of_2022_and_the_year_s_signed_report(demo: Demo) -> None:
    assert demo.loaded["measures"] == ["RU enhanced_review 2022-03-10", "RU message_hold 2022-03-10"]
    with demo.rt.session() as session:
        ru = {m.kind.value: m for m in oversight.list_measures(session, country="RU")}
        [report] = transparency.list_reports(session)
    # The simulated governance body reviews only what it adopted: it never lifted these.
    assert all(ru[k].lifted_at is None for k in ("enhanced_review", "message_hold"))
    assert (
        "10 March 2022" in ru["enhanced_review"].applied_reason
        and "hstoday" in ru["message_hold"].applied_reason
    )
    assert (report.year, report.built_at.year) == (2025, 2026)  # built once the year was over
    public = signing.load_public(transparency.key_path(demo.rt.settings))
    for name in demo.loaded["report"]["files"]:
        path = Path(name)
        sig = json.loads(path.with_name(path.name + ".sig").read_text())
        assert transparency.verify_file(path.read_bytes(), sig, public) == []
