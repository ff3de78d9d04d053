"""The case files: abuse cases blocked or sent to enhanced review for the right reasons, ordinary
cases from the same countries never blocked; the reviewer's evidence names the register entry."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from article3.scenarios import run_scenario
from article3.screening.models import ScreeningRun

ROOT = Path(__file__).resolve().parents[2] / "scenarios"


def submits(name: str) -> list[dict[str, object]]:
    return [line for line in run_scenario(ROOT / name) if line["do"] == "submit"]


def test_the_court_officials_are_blocked_and_the_ordinary_case_is_not(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'icc.db'}"
    lines = run_scenario(ROOT / "case_icc_officials.yaml", database_url=url)
    blocked = [line for line in lines if line.get("route") == "blocked"]
    assert len(blocked) == 3
    assert all(line["reasons"][0] == "international_official_in_capacity" for line in blocked)
    assert [line["route"] for line in lines if line["do"] == "submit"][-1] != "blocked"
    engine = create_engine(url)
    with Session(engine) as session:
        run = session.scalars(select(ScreeningRun).order_by(ScreeningRun.id)).first()
        assert run is not None
        [evidence] = run.findings[0]["evidence"]
    engine.dispose()
    assert evidence["kind"] == "register_entry"
    assert evidence["ref"] == "P-000001"
    assert "registered by ICC" in evidence["detail"]


def test_the_journalist_goes_to_enhanced_review_then_is_protected_by_the_refugee_rule() -> None:
    first, georgia, last = submits("case_journalist_minors_protests.yaml")
    assert first["route"] == georgia["route"] == "enhanced_review"
    assert {"dissent_law_provision", "facts_protest", "facts_publication"} <= set(first["reasons"])  # type: ignore[arg-type]
    assert {"resubmission_same_charges", "status_journalist"} <= set(georgia["reasons"])  # type: ignore[arg-type]
    assert last["route"] == "blocked"
    assert last["reasons"][0] == "refugee_protected_status"  # type: ignore[index]
    assert {"charges_after_departure", "resubmission_other_charges"} <= set(last["reasons"])  # type: ignore[arg-type]


def test_the_businessman_is_reviewed_then_blocked_by_the_refugee_rule() -> None:
    first, diffusion = submits("case_businessman_asylum.yaml")
    assert first["route"] == "enhanced_review"
    assert "facts_business_dispute_state" in first["reasons"]  # type: ignore[operator]
    assert diffusion["route"] == "blocked"
    assert diffusion["reasons"][0] == "refugee_protected_status"  # type: ignore[index]


def test_ordinary_crimes_from_many_countries_are_never_blocked() -> None:
    lines = submits("case_ordinary_crimes.yaml")
    assert len(lines) >= 12
    assert {line["route"] for line in lines} <= {"fast_track", "standard_review"}
    assert sum(line["route"] == "fast_track" for line in lines) >= 10
