"""`matching.to_hit` builds what `MatchHit.model_construct` builds, without its generic field loop."""

from article3.search.matching import compare_prepared, explain, prepare, to_hit
from article3.search.schemas import MatchHit, PersonQuery, PersonRecord


def test_hit_equals_model_construct() -> None:
    query = prepare(PersonQuery(names=["Ivan Petrov"], birth_date="1970-03-04", nationalities=["RU"]))
    person = prepare(PersonRecord(id="P1", names=["Иван Петров"], birth_date="1970-04-03", sex="M"))
    comparison = compare_prepared(query, person, namesakes=3.0)
    hit = to_hit("P1", comparison)
    built = MatchHit.model_construct(
        id="P1", score=comparison.score, match=comparison.match, why=explain(comparison)
    )
    assert hit == built
    assert hit.__dict__ == built.__dict__
    assert hit.model_fields_set == built.model_fields_set
    assert hit.__pydantic_extra__ == built.__pydantic_extra__
    assert hit.__pydantic_private__ == built.__pydantic_private__
    assert hit.model_dump() == built.model_dump()
    assert MatchHit.model_validate(hit.model_dump()) == hit
