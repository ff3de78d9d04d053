"""Valid request documents for tests: ordinary crimes that meet every intake criterion.

``red_notice(**overrides)`` and ``diffusion(**overrides)`` return fresh dicts; a top-level key
given as ``OMIT`` is removed. Nested parts are replaced whole: build them with the helpers below.
"""

from __future__ import annotations

from typing import Any

OMIT: Any = object()
"""Pass as an override value to drop that key from the document."""


def homicide_offence(**overrides: Any) -> dict[str, Any]:
    return _merge(
        {
            "provision": "Code pénal, art. 221-1",
            "description": "Murder (meurtre)",
            "category": "homicide",
            "committed_on": "2023-03-14",
            "place": "Lyon, France",
        },
        overrides,
    )


def fraud_offence(**overrides: Any) -> dict[str, Any]:
    return _merge(
        {
            "provision": "Código Penal, arts. 248 y 250.1.5º",
            "description": "Aggravated fraud (estafa agravada) against private investors",
            "category": "fraud",
            "committed_on": "2021-01-15",
            "place": "Valencia, Spain",
        },
        overrides,
    )


def warrant(**overrides: Any) -> dict[str, Any]:
    return _merge(
        {
            "kind": "arrest_warrant",
            "authority": "Juge d'instruction, Tribunal judiciaire de Lyon",
            "issued_on": "2023-04-02",
            "reference": "MA-2023-0412",
        },
        overrides,
    )


HOMICIDE_FACTS = (
    "On 14 March 2023, at about 23:00, in the car park of a restaurant on rue Garibaldi in Lyon, "
    "the subject stabbed his business partner Paul Girard three times in the chest after an "
    "argument over the sale of the restaurant. Paul Girard died at the scene. CCTV footage and two "
    "witnesses identify the subject, who left France for Morocco by ferry from Sète on "
    "16 March 2023."
)

FRAUD_FACTS = (
    "Between January 2021 and June 2022 in Valencia the subject, acting as an unlicensed "
    "financial adviser, persuaded 37 retail investors to transfer a total of EUR 2.4 million into "
    "a purported fixed-income fund. No fund existed; the money was moved to accounts in her name "
    "in Andorra and Portugal and spent. The victims, mostly pensioners, lost their savings. She "
    "left Spain in July 2022."
)


def red_notice(**overrides: Any) -> dict[str, Any]:
    """A red notice from France: murder in Lyon, prosecution, 30 years maximum."""
    return _merge(
        {
            "kind": "red_notice",
            "purpose": "arrest",
            "requesting_country": "FR",
            "subject": {
                "names": [{"given": "Marc", "family": "Delorme"}, {"full": "Марк Делорм"}],
                "sex": "M",
                "birth_date": "1984-07-12",
                "birth_place": "Lyon",
                "nationalities": ["FR"],
                "occupations": ["restaurant manager"],
                "identity_documents": [{"kind": "passport", "number": "18AB34567", "country": "FR"}],
            },
            "offences": [homicide_offence()],
            "warrant": warrant(),
            "penalty": {"max_years": 30},
            "facts": HOMICIDE_FACTS,
            "extradition_will_be_sought": True,
        },
        overrides,
    )


def diffusion(**overrides: Any) -> dict[str, Any]:
    """An arrest diffusion from Spain to Portugal and France: investment fraud, 37 victims."""
    return _merge(
        {
            "kind": "diffusion",
            "purpose": "arrest",
            "requesting_country": "ES",
            "recipients": ["PT", "FR"],
            "subject": {
                "names": [{"given": "Lucía", "family": "Ferrer Ibáñez"}],
                "sex": "F",
                "birth_date": "1979-11",
                "nationalities": ["ES"],
                "occupations": ["financial adviser"],
            },
            "offences": [fraud_offence()],
            "warrant": warrant(
                authority="Juzgado de Instrucción n.º 4 de Valencia",
                issued_on="2024-02-20",
                reference="DP 1123/2023",
            ),
            "penalty": {"max_years": 6},
            "facts": FRAUD_FACTS,
            "extradition_will_be_sought": True,
        },
        overrides,
    )


def _merge(base: dict[str, Any], overrides: dict[str, Any]) -> dict[str, Any]:
    merged = {**base, **overrides}
    return {key: value for key, value in merged.items() if value is not OMIT}
