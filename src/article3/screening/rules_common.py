"""Small pure helpers shared by several checks."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from article3.screening.catalogue import article_tokens, country_key
from article3.screening.inputs import ProceedingKind, ScreeningInput
from article3.screening.text import fold

CHARGE_KINDS = frozenset(
    {ProceedingKind.INVESTIGATION_OPENED, ProceedingKind.CHARGED, ProceedingKind.WARRANT}
)


def main_article(provision: str) -> str:
    """The article a provision string is mainly about ('part 2 of art. 205.2' -> '205.2')."""
    tokens = sorted(article_tokens(provision), key=lambda t: (-len(t), t))
    return tokens[0] if tokens else fold(provision).strip()


def charged_provisions(inp: ScreeningInput) -> frozenset[str]:
    """Main articles cited by the request's offences."""
    return frozenset(main_article(o.provision) for o in inp.request.offences if o.provision)


def provisions_overlap(current: frozenset[str], earlier: Iterable[str]) -> bool:
    """True when an earlier request cited at least one of the same main articles."""
    return bool(current & {main_article(p) for p in earlier if p})


def first_charge_date(inp: ScreeningInput) -> tuple[date, str] | None:
    """Earliest date the requester acted against the person (warrant, charge, investigation)."""
    dates: list[tuple[date, str]] = []
    if inp.request.warrant_issued_on:
        dates.append((inp.request.warrant_issued_on, "warrant issued"))
    requester = country_key(inp.request.requesting_country)
    for p in inp.request.prior_proceedings:
        own = not p.country or country_key(p.country) == requester
        if own and p.on is not None and p.kind in CHARGE_KINDS:
            dates.append((p.on, p.kind.replace("_", " ")))
    return min(dates) if dates else None
