import io
import json

import pytest

from article3.search.index import PersonIndex
from article3.search.lists import PersonListError, detect_format, match_lists, read_persons

JSONL = (
    '{"id": "P-0001", "names": ["Игорь Пестриков", "PESTRIKOV IGOR"], "birth_date": "1961-03",'
    ' "nationalities": ["RU"], "sex": "M"}\n'
    "\n"
    '{"id": "P-0002", "names": ["Anna Schmidt"]}\n'
)
CSV = (
    "id,name,birth_date,nationalities,sex\n"
    "G-17,Пестриков Игорь Юрьевич;PESTRIKOV IGOR,1961-03-14,RU;UA,M\n"
    "G-18,Anna Schmidt,,,\n"
)


def test_read_jsonl() -> None:
    persons = list(read_persons(io.StringIO(JSONL), "jsonl"))
    assert [p.id for p in persons] == ["P-0001", "P-0002"]
    assert persons[0].names == ["Игорь Пестриков", "PESTRIKOV IGOR"]
    assert persons[0].birth_date == "1961-03"
    assert persons[1].nationalities == []


def test_read_csv_splits_names_and_nationalities() -> None:
    persons = list(read_persons(io.StringIO(CSV), "csv"))
    assert persons[0].names == ["Пестриков Игорь Юрьевич", "PESTRIKOV IGOR"]
    assert persons[0].nationalities == ["RU", "UA"]
    assert persons[1].birth_date is None
    assert persons[1].sex is None


@pytest.mark.parametrize(
    ("text", "fmt", "line", "field"),
    [
        ('{"id": "A", "names": []}\n', "jsonl", 1, "names"),
        (
            '{"id": "A", "names": ["x"]}\n{"id": "B", "names": ["y"], "birth_date": "61"}\n',
            "jsonl",
            2,
            "birth_date",
        ),
        ('{"id": "A", "names": ["x"], "sex": "male"}\n', "jsonl", 1, "sex"),
        ('{"id": "A", "names": ["x"], "nationalities": ["RUS"]}\n', "jsonl", 1, "nationalities"),
        ('{"names": ["x"]}\n', "jsonl", 1, "id"),
        ("not json\n", "jsonl", 1, None),
        ("[1, 2]\n", "jsonl", 1, None),
        ("id,name\nA,x\nB,\n", "csv", 3, "name"),
        ("id,name,birth_date\nA,x,1961-02-30\n", "csv", 2, "birth_date"),
        ("id,birth_date\nA,1961\n", "csv", 1, "name"),
    ],
)
def test_errors_name_line_and_field(text: str, fmt: str, line: int, field: str | None) -> None:
    with pytest.raises(PersonListError) as caught:
        list(read_persons(io.StringIO(text), fmt))
    assert caught.value.line == line
    assert caught.value.field == field
    assert f"line {line}" in str(caught.value)


def test_errors_do_not_quote_names() -> None:
    with pytest.raises(PersonListError) as caught:
        list(read_persons(io.StringIO('{"id": "A", "names": ["Secret Person"], "sex": "q"}\n'), "jsonl"))
    assert "Secret" not in str(caught.value)


def test_detect_format() -> None:
    assert detect_format("manifest.JSONL") == "jsonl"
    assert detect_format("gallery.csv") == "csv"
    with pytest.raises(ValueError, match="format"):
        detect_format("gallery.xlsx")


def test_format_from_stream_name(tmp_path: object) -> None:
    stream = io.StringIO(CSV)
    stream.name = "people.csv"  # type: ignore[misc]
    assert len(list(read_persons(stream))) == 2


def test_match_lists_output_shape() -> None:
    gallery = PersonIndex.build(read_persons(io.StringIO(CSV), "csv"))
    lines = list(match_lists(read_persons(io.StringIO(JSONL), "jsonl"), gallery, limit=1))
    assert [line["query"] for line in lines] == ["P-0001", "P-0002"]
    first = lines[0]["hits"][0]
    assert set(first) == {"id", "score", "match", "why"}
    assert first["id"] == "G-17"
    assert first["match"] is True
    assert 0.0 <= first["score"] <= 1.0
    assert lines[1]["hits"][0]["id"] == "G-18"
    json.dumps(lines)  # the output is JSON-serialisable
