"""Query variants of gallery persons, and distractor queries of persons not in the gallery.

Each true query takes a gallery person's native name, romanises it with one
system picked at random (for Cyrillic: ICAO, BGN/PCGN, Ukrainian, German,
French, ISO 9 or a legacy -off spelling; for other scripts: one of the ICU
systems for the script; Japanese uses faker's own Hepburn romaji), then applies
one or two perturbations: reordered parts, dropped patronymic, an initial, a typo,
a partial birth date, day and month swapped, a year off.

Half of the Cyrillic and Greek queries and a third of the Chinese ones are
romanised with `translit` (ALA-LC, Polish, Czech, Bulgarian Streamlined, ELOT 743,
Wade-Giles), written for the benchmark independently of the engine's tables;
Japanese uses faker's own romaji. Those queries are labelled "independent"; the
others ("engine tables") use the same tables the engine indexes, so they test
retrieval and scoring, not the independence of the tables.
"""

from __future__ import annotations

import random
import zlib
from calendar import isleap
from typing import Any

from article3.search.normalize import script_of, tokens
from article3.search.romanize import ICU_SYSTEMS, icu_form, romanise
from bench.search import translit

PERTURBATIONS = (
    "reorder",
    "drop_middle",
    "initial",
    "typo",
    "date_partial",
    "date_swap",
    "date_year",
)
_CYRILLIC = ("icao", "bgn", "ukrainian", "german", "french", "iso9", "legacy")
_INDEPENDENT_CYRILLIC = ("ala_lc", "polish", "czech")
_INDEPENDENT_SHARE = {"Cyrl": 0.5, "Grek": 0.5, "Hani": 1 / 3}


def romanise_token(rng: random.Random, token: str, system: str) -> str:
    script = script_of(token)
    if script == "Cyrl":
        if system == "iso9":
            return icu_form(token, "Cyrillic-Latin")
        if system == "legacy":
            out = romanise(token, "bgn")
            return out[:-2] + out[-2] + "ff" if out.endswith(("ov", "ev")) else out
        return romanise(token, system)
    if script == "Latn":
        return token
    systems = ICU_SYSTEMS.get(script, ("Any-Latin",))
    chosen = systems[zlib.crc32(system.encode()) % len(systems)]  # hash() differs per process
    return icu_form(token, chosen)


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 5:
        return word
    position = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("swap", "drop", "double", "replace"))
    if kind == "swap":
        return word[:position] + word[position + 1] + word[position] + word[position + 2 :]
    if kind == "drop":
        return word[:position] + word[position + 1 :]
    if kind == "double":
        return word[:position] + word[position] + word[position:]
    return word[:position] + rng.choice("aeiou") + word[position + 1 :]


def independent_token(token: str, system: str) -> str:
    """`token` romanised with the benchmark's own tables (`translit`)."""
    script = script_of(token)
    if script == "Cyrl":
        return translit.cyrillic(token, system)
    if script == "Grek":
        return translit.greek(token)
    if script == "Hani":
        return translit.wade_giles(token)
    return token


def _independent_system(rng: random.Random, person: dict[str, Any]) -> str | None:
    script = script_of(person["names"][0])
    if rng.random() >= _INDEPENDENT_SHARE.get(script, 0.0):
        return None
    if script == "Cyrl":
        return "bulgarian" if person["_locale"] == "bg_BG" else rng.choice(_INDEPENDENT_CYRILLIC)
    return script


def _romanised_parts(rng: random.Random, person: dict[str, Any]) -> tuple[list[tuple[str, str]], str]:
    """(word, role) pairs of a romanised name, in the gallery's written order, and the tables used."""
    parts = person["_parts"]
    if parts.get("romanised"):
        return [(parts["given"], "given"), (parts["family"], "family")], "independent"
    independent = _independent_system(rng, person)
    roles = {token: role for role in ("family", "given", "middle") for token in tokens(parts.get(role) or "")}
    if independent is not None:
        native = tokens(person["names"][0])
        return [(independent_token(t, independent), roles.get(t, "family")) for t in native], "independent"
    system = rng.choice(_CYRILLIC)
    words = []
    for token in tokens(person["names"][0]):
        word = romanise_token(rng, token, system)
        if word:
            words.append((word, roles.get(token, "family")))
    return words, "latin script" if script_of(person["names"][0]) == "Latn" else "engine tables"


def _date(rng: random.Random, date: str | None, kind: str) -> str | None:
    if not date:
        return date
    parts = date.split("-")
    if kind == "date_partial":
        return parts[0]
    if kind == "date_year":
        shifted = "-".join([str(int(parts[0]) + rng.choice((-1, 1))), *parts[1:]])
        return shifted if not shifted.endswith("-02-29") or isleap(int(shifted[:4])) else shifted[:-2] + "28"
    if kind == "date_swap" and len(parts) == 3 and int(parts[2]) <= 12:
        return f"{parts[0]}-{parts[2]}-{parts[1]}"
    return date


def true_query(rng: random.Random, person: dict[str, Any]) -> tuple[dict[str, Any], str, str]:
    """A query for `person`, what was done to it, and which romanisation tables made it."""
    words, tables = _romanised_parts(rng, person)
    date = person["birth_date"]
    applied = rng.sample(PERTURBATIONS, rng.choice((1, 2)))
    for kind in applied:
        if kind == "reorder":
            words = words[::-1]
        elif kind == "drop_middle":
            words = [pair for pair in words if pair[1] != "middle"] or words
        elif kind == "initial" and len(words) >= 2:
            words = [(w[:1] + "." if role == "given" else w, role) for w, role in words]
        elif kind == "typo":
            longest = max(range(len(words)), key=lambda i: len(words[i][0]))
            words[longest] = (_typo(rng, words[longest][0]), words[longest][1])
        else:
            date = _date(rng, date, kind)
    query = {"names": [" ".join(word for word, _ in words)], "birth_date": date}
    if rng.random() < 0.5:
        query["nationalities"] = person["nationalities"]
    return query, "+".join(applied), tables


def distractor_query(person: dict[str, Any]) -> dict[str, Any]:
    """A query for a person who is not in the gallery, in native script."""
    return {k: person[k] for k in ("names", "birth_date", "nationalities", "sex")}
