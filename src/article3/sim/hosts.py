"""Host countries and their flags: where a wanted person lives, and when that country says
"no action on our territory" (a ``flag`` event; interpol-rules.md §2.2, "position expressed by
another NCB", and §5.1, SIS Art. 24 flags).

The flags are drawn after the rest of the world, from random streams of their own (one per person
for the host, one per request for the flag), so a world with flags is the same world plus the
flags, and the replay of both shows what the flags alone change. Every rate below is set a
priori, from the public record as summarised in the comments, and never tuned after a replay.

The host flags a request about the person it hosts, 1 to 9 months after submission:
- on an **abusive** request, for the reason the case is abusive, often when it examines such
  cases (courts that hear political-offence and non-refoulement objections), rarely when it is an
  abusing state itself;
- on **any** request, abusive or genuine, for reasons that have nothing to do with the case:
  European states stopped acting on Russian and Belarusian requests after March 2022, courts
  refuse surrender to requesters with documented torture risks or prison conditions, and national
  law (dual criminality, limitation periods) blocks some ordinary cases. These are the false
  alarms the screening must live with.
A diffusion is seen only by its recipients, so its host flags it only when addressed to it.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from typing import Any

from article3.sim import countries
from article3.sim.world import Event

# Who lives abroad. A state asks other states for a critic because the critic left: at home it
# arrests them, so most abusive targets live abroad. Ordinary fugitives are often wanted "in case
# they travel" and live at home or nobody knows where: no public figure, half.
ABUSIVE_ABROAD = 0.8
GENUINE_ABROAD = 0.5
HOST_POOL = 40  # an ordinary fugitive abroad lives in one of the 40 largest members (diffusions' pool)
FLAG_DAYS = (30, 270)  # a flag comes 1 to 9 months after submission (arrest, hearing, bureau's check)

# Hosts that examine extradition on political-offence, Art. 3 ECHR and refugee-law grounds (EU
# members, other Council of Europe democracies with SIS access, the United States, Canada,
# Australia, New Zealand: the states with recipient-side safeguards, §5).
EXAMINING = frozenset({
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
    "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "GB", "NO", "CH", "IS", "LI",
    "US", "CA", "AU", "NZ",
})  # fmt: skip

# The host flags an abusive request for what it is (article3 or human-rights concern), by the
# kind of host: more than half the time where courts examine such cases (refused extraditions of
# exiles are the norm there, but a flag needs the person found or the bureau to look), a fifth of
# the time elsewhere, almost never when the host abuses too (abusers' allies hand people over).
ABUSIVE_FLAG = {"examining": 0.6, "other": 0.2, "abuser": 0.05}
# When the host itself registered the person as a refugee (flee_asylum), non-refoulement binds it.
PROTECTED_FLAG = {"examining": 0.85, "other": 0.4, "abuser": 0.1}

# False alarms (on genuine and abusive requests alike):
# - after 10 March 2022 examining hosts stop acting on Russian and Belarusian requests whatever
#   the case (Russia left the Council of Europe; §4.6): most of the time, not always (a flag still
#   needs the person found);
POLICY_FLAG = 0.7
POLICY_SINCE = {"RU": date(2022, 3, 10), "BY": date(2022, 3, 10)}
# - examining hosts refuse surrender to states with documented torture risk or prison conditions
#   in ordinary cases too: the abusing states (ECtHR case law on Russia and Central Asia), and a
#   few others at a lower rate (CJEU Aranyosi and Căldăraru 2016 on Hungarian and Romanian
#   prisons; UK courts on Indian prisons);
RISK_FLAG = 0.15
PRISON_FLAG = 0.05
PRISON_RISK = frozenset({"RO", "HU", "BG", "MD", "IN", "BR"})
# - any host: dual criminality not met, a limitation period run out, an amnesty (national law).
NATIONAL_LAW_FLAG = 0.03

REASONS = {  # why (truth) -> the FlagReason the bureau gives, with weights
    "political_case": {"article3_concern": 0.6, "human_rights_concern": 0.25, "national_law": 0.15},
    "protection_granted": {"protected_status": 0.7, "international_obligations": 0.3},
    "policy_since_2022": {"human_rights_concern": 0.7, "international_obligations": 0.3},
    "torture_risk": {"human_rights_concern": 1.0},
    "prison_conditions": {"human_rights_concern": 1.0},
    "dual_criminality_or_limitation": {"national_law": 1.0},
}
NOTES = {  # what the bureau writes: never a fact about the person
    "article3_concern": "No action will be taken on our territory: the case raises Article 3 concerns.",
    "human_rights_concern": "No action will be taken on our territory: human rights concerns.",
    "national_law": "No action will be taken on our territory: incompatible with our national law.",
    "protected_status": "No action will be taken on our territory: our protection obligations apply.",
    "international_obligations": "No action will be taken on our territory: international obligations.",
}


def group(host: str) -> str:
    if host in EXAMINING:
        return "examining"
    return "abuser" if host in countries.ABUSERS else "other"


def host_of(seed: int, request: Event, pool: list[str]) -> str | None:
    """Where the person lives (the same for all requests about them), or None (at home, unknown)."""
    truth, requester = request["truth"], request["data"]["requesting_country"]
    if truth.get("host"):
        return str(truth["host"])
    rng = random.Random(f"host:{seed}:{request['person']}")  # noqa: S311
    if truth["abusive"]:
        if rng.random() >= ABUSIVE_ABROAD:
            return None
        return rng.choice([h for h in countries.HOSTS if h != requester])
    if rng.random() >= GENUINE_ABROAD:
        return None
    return rng.choice([h for h in pool if h != requester])


def why_flagged(rng: random.Random, request: Event, host: str, when: date) -> str | None:
    """The host's reason to flag (ground truth), or None: the case's own first, then the rest."""
    truth, requester, kind = request["truth"], request["data"]["requesting_country"], group(host)
    chances: list[tuple[str, float]] = []
    if truth["abusive"]:
        protected = truth.get("host") == host
        table = PROTECTED_FLAG if protected else ABUSIVE_FLAG
        chances.append(("protection_granted" if protected else "political_case", table[kind]))
    if kind == "examining":
        since = POLICY_SINCE.get(requester)
        if since is not None and when >= since:
            chances.append(("policy_since_2022", POLICY_FLAG))
        if requester in countries.ABUSERS:
            chances.append(("torture_risk", RISK_FLAG))
        elif requester in PRISON_RISK:
            chances.append(("prison_conditions", PRISON_FLAG))
    chances.append(("dual_criminality_or_limitation", NATIONAL_LAW_FLAG))
    for why, chance in chances:
        if rng.random() < chance:
            return why
    return None


def flag_for(seed: int, request: Event, pool: list[str]) -> Event | None:
    """The host's flag on one request, or None."""
    host = host_of(seed, request, pool)
    data = request["data"]
    if host is None or (data["kind"] == "diffusion" and host not in data.get("recipients", ())):
        return None
    rng = random.Random(f"flag:{seed}:{request['id']}")  # noqa: S311
    submitted = datetime.fromisoformat(request["t"])
    when = submitted + timedelta(days=rng.randint(*FLAG_DAYS), minutes=rng.randint(0, 600))
    why = why_flagged(rng, request, host, when.date())
    if why is None:
        return None
    reasons = REASONS[why]
    reason = rng.choices(list(reasons), list(reasons.values()))[0]
    return flag_event(request, host, why, reason, when)


def flag_event(request: Event, host: str, why: str, reason: str, when: datetime) -> Event:
    """A flag event: ``data`` is what the host's bureau sends, ``truth`` why it flagged."""
    truth: dict[str, Any] = {
        "abusive": request["truth"]["abusive"],
        "tactic": request["truth"].get("tactic"),
        "why": why,
        "host": host,
        "host_group": group(host),
        "country": request["data"]["requesting_country"],
    }
    return {
        "t": when.isoformat(),
        "type": "flag",
        "id": f"F{request['id']}",
        "person": request["person"],
        "data": {"country": host, "reason": reason, "note": NOTES[reason], "request": request["id"]},
        "truth": truth,
    }


def flags(seed: int, events: list[Event], pool: list[str]) -> list[Event]:
    """The hosts' flags on the world's requests (module docstring)."""
    return [f for e in events if e["type"] == "request" and (f := flag_for(seed, e, pool)) is not None]
