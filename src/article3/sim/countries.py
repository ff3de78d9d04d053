"""The simulated countries: how many requests each sends, which names it uses, how it abuses.

Sizes are heavy-tailed: the country of rank r (1 = largest requester) sends a share proportional
to 1 / r ** SIZE_EXPONENT. The first ranks follow the public record (interpol-rules.md §4.2: the
largest public red-notice requesters are Russia, El Salvador, Argentina, India, the United States);
the remaining members are ranked in a seeded random order.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from importlib.resources import files

SIZE_EXPONENT = 1.1

LEADING = (
    "RU", "SV", "AR", "IN", "US", "TR", "BR", "MX", "CO", "UA", "KZ", "CN", "EG", "TJ", "UZ",
    "DE", "FR", "ES", "IT", "GB", "PL", "PE", "VE", "IR", "AZ", "BY", "PK", "NG", "SA", "AE",
)  # fmt: skip

# Faker locales by country (person names in the country's own script where faker has one).
LOCALES: dict[str, str] = {
    "RU": "ru_RU", "BY": "ru_RU", "KZ": "ru_RU", "KG": "ru_RU", "TJ": "ru_RU", "TM": "ru_RU",
    "UA": "uk_UA", "UZ": "uz_UZ", "AZ": "az_AZ", "AM": "hy_AM", "GE": "ka_GE", "TR": "tr_TR",
    "CN": "zh_CN", "TW": "zh_TW", "JP": "ja_JP", "KR": "ko_KR", "VN": "vi_VN", "TH": "th_TH",
    "IN": "hi_IN", "BD": "bn_BD", "NP": "ne_NP", "LK": "si_LK", "PK": "en_PK", "IR": "fa_IR",
    "IL": "he_IL", "GR": "el_GR", "CY": "el_GR", "BG": "bg_BG", "MK": "mk_MK", "RS": "hr_HR",
    "EG": "ar_AA", "SA": "ar_SA", "AE": "ar_AA", "BH": "ar_AA", "QA": "ar_AA", "KW": "ar_AA",
    "OM": "ar_AA", "JO": "ar_AA", "IQ": "ar_AA", "SY": "ar_AA", "LB": "ar_AA", "YE": "ar_AA",
    "LY": "ar_AA", "SD": "ar_AA", "PS": "ar_PS", "DZ": "ar_DZ", "MA": "fr_FR", "TN": "fr_FR",
    "DE": "de_DE", "AT": "de_AT", "CH": "de_CH", "LI": "de_LI", "LU": "de_LU", "FR": "fr_FR",
    "BE": "nl_BE", "NL": "nl_NL", "ES": "es_ES", "PT": "pt_PT", "IT": "it_IT", "GB": "en_GB",
    "IE": "en_IE", "US": "en_US", "CA": "en_US", "AU": "en_GB", "NZ": "en_NZ", "PL": "pl_PL",
    "CZ": "cs_CZ", "SK": "sk_SK", "HU": "hu_HU", "RO": "ro_RO", "MD": "ro_RO", "HR": "hr_HR",
    "SI": "sl_SI", "BA": "hr_HR", "ME": "hr_HR", "SE": "sv_SE", "NO": "no_NO", "DK": "da_DK",
    "FI": "fi_FI", "IS": "is_IS", "EE": "et_EE", "LV": "lv_LV", "LT": "lt_LT", "MX": "es_MX",
    "AR": "es_AR", "CL": "es_CL", "CO": "es_CO", "PE": "es_CO", "VE": "es_CO", "EC": "es_CO",
    "BO": "es_CO", "PY": "es_AR", "UY": "es_AR", "SV": "es_MX", "GT": "es_MX", "HN": "es_MX",
    "NI": "es_MX", "CR": "es_MX", "PA": "es_MX", "CU": "es_ES", "DO": "es_MX", "BR": "pt_BR",
    "ID": "id_ID", "MY": "id_ID", "PH": "en_US", "NG": "yo_NG", "GH": "tw_GH", "KE": "en_KE",
    "ZA": "zu_ZA", "TZ": "sw", "UG": "en_KE", "RW": "sw", "ET": "en_KE", "ER": "ar_AA",
}  # fmt: skip
DEFAULT_LOCALE = "en_GB"


@dataclass(frozen=True, slots=True)
class Abuser:
    """A country that sends politically motivated requests: how often and with which tactics.

    ``propensity`` is the share of its requests that are abusive (ground truth, never seen by the
    system). Tactic weights need not sum to 1.
    """

    propensity: float
    tactics: dict[str, float] = field(default_factory=dict)


_T_FULL = {
    "financial_charges": 0.30, "extremism": 0.25, "fabricated_ordinary": 0.10,
    "resubmission": 0.10, "diffusion_instead": 0.10, "flee_asylum": 0.10, "whereabouts": 0.05,
}  # fmt: skip
_T_BUSINESS = {
    "financial_charges": 0.55,
    "resubmission": 0.15,
    "diffusion_instead": 0.15,
    "flee_asylum": 0.15,
}
_T_SECURITY = {
    "extremism": 0.45, "fabricated_ordinary": 0.15, "diffusion_instead": 0.15, "flee_asylum": 0.15,
    "whereabouts": 0.10,
}  # fmt: skip

# A minority of members (17 of 196), propensities set a priori, before any replay (docs/simulation.md).
ABUSERS: dict[str, Abuser] = {
    "RU": Abuser(0.12, {**_T_FULL, "whereabouts": 0.10}),
    "TR": Abuser(0.10, _T_SECURITY),
    "TJ": Abuser(0.25, _T_SECURITY),
    "BY": Abuser(0.20, _T_FULL),
    "TM": Abuser(0.20, _T_SECURITY),
    "AZ": Abuser(0.15, _T_FULL),
    "UZ": Abuser(0.08, _T_SECURITY),
    "KZ": Abuser(0.06, _T_BUSINESS),
    "CN": Abuser(0.08, _T_SECURITY),
    "IR": Abuser(0.15, _T_SECURITY),
    "EG": Abuser(0.08, _T_SECURITY),
    "SA": Abuser(0.05, _T_SECURITY),
    "AE": Abuser(0.03, _T_BUSINESS),
    "BH": Abuser(0.10, _T_SECURITY),
    "VE": Abuser(0.10, _T_FULL),
    "NI": Abuser(0.15, _T_SECURITY),
    "RW": Abuser(0.10, _T_SECURITY),
}

# National elections and referendums of the abusing members, 2016-2025 (public record, dates as
# reported; §P7 of dissent-laws.md). China, Saudi Arabia and the UAE hold no competitive national
# vote: their requests are never moved to an election.
ELECTIONS: dict[str, tuple[date, ...]] = {
    "RU": (date(2016, 9, 18), date(2018, 3, 18), date(2020, 7, 1), date(2021, 9, 19), date(2024, 3, 17)),
    "BY": (date(2016, 9, 11), date(2019, 11, 17), date(2020, 8, 9), date(2022, 2, 27), date(2024, 2, 25),
           date(2025, 1, 26)),
    "VE": (date(2017, 7, 30), date(2018, 5, 20), date(2020, 12, 6), date(2021, 11, 21), date(2024, 7, 28),
           date(2025, 5, 25)),
    "NI": (date(2016, 11, 6), date(2021, 11, 7), date(2022, 11, 6)),
    "TR": (date(2017, 4, 16), date(2018, 6, 24), date(2019, 3, 31), date(2023, 5, 14), date(2024, 3, 31)),
    "AZ": (date(2016, 9, 26), date(2018, 4, 11), date(2020, 2, 9), date(2024, 2, 7), date(2024, 9, 1)),
    "KZ": (date(2016, 3, 20), date(2019, 6, 9), date(2021, 1, 10), date(2022, 6, 5), date(2022, 11, 20),
           date(2023, 3, 19)),
    "TJ": (date(2016, 5, 22), date(2020, 3, 1), date(2020, 10, 11), date(2025, 3, 2)),
    "UZ": (date(2016, 12, 4), date(2019, 12, 22), date(2021, 10, 24), date(2023, 4, 30), date(2023, 7, 9),
           date(2024, 10, 27)),
    "TM": (date(2017, 2, 12), date(2018, 3, 25), date(2022, 3, 12), date(2023, 3, 26)),
    "EG": (date(2018, 3, 26), date(2019, 4, 20), date(2020, 10, 24), date(2023, 12, 10), date(2025, 8, 4)),
    "IR": (date(2016, 2, 26), date(2017, 5, 19), date(2020, 2, 21), date(2021, 6, 18), date(2024, 3, 1),
           date(2024, 6, 28)),
    "RW": (date(2017, 8, 4), date(2018, 9, 3), date(2024, 7, 15)),
    "BH": (date(2018, 11, 24), date(2022, 11, 12)),
}  # fmt: skip

# Where people who flee tend to go (hosts register them as refugees or asylum seekers).
HOSTS = ("DE", "FR", "GB", "NL", "SE", "LT", "LV", "PL", "GE", "AM", "US", "CA", "AE", "TR", "CZ", "FI")


def member_codes() -> list[str]:
    """The 196 member countries, from the countries package data (no database needed)."""
    text = files("article3.countries").joinpath("data/countries.csv").read_text(encoding="utf-8")
    return [line.split(",", 1)[0] for line in text.splitlines()[1:] if line.strip()]


def size_weights(codes: list[str], rng: random.Random) -> dict[str, float]:
    """Heavy-tailed shares of all requests, summing to 1 (module docstring)."""
    leading = [c for c in LEADING if c in codes]
    rest = sorted(set(codes) - set(leading))
    rng.shuffle(rest)
    ranked = leading + rest
    raw = {c: 1.0 / (rank + 1) ** SIZE_EXPONENT for rank, c in enumerate(ranked)}
    total = sum(raw.values())
    return {c: w / total for c, w in raw.items()}


def locale_for(code: str) -> str:
    return LOCALES.get(code, DEFAULT_LOCALE)
