"""The fast import path: pandas splits a CSV exactly as the csv module does, respondents are columns that read
as the list of dicts they replace, and aggregating columns gives the figures aggregating dicts gives."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.bench_survey import synthetic_csv
from tests.conftest import EXAMPLES, QUESTIONNAIRES
from workbench.registry import load_registry
from workbench.survey.aggregate import aggregate_survey
from workbench.survey.importer import import_survey
from workbench.survey.reading import (
    SNIFF_CHARS,
    SNIFF_LINES,
    RawTable,
    _delimiter,
    _sniff_sample,
    _split_with_pandas,
    read_table,
)
from workbench.survey.respondents import Respondents, value_key

SURVEY = load_registry(QUESTIONNAIRES).get("dipendenti@1")
FILES = EXAMPLES / "survey"


def csv_module_table(text: str, delimiter: str) -> tuple[list[str], list[list[str]]]:
    """How the importer always read a CSV: csv.reader, rows cut or padded to the header row."""
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    width = len(records[0])
    return records[0], [r[:width] + [""] * (width - len(r)) for r in records[1:]]


PIECES = ["a", "é", "€", " ", "  x ", '"', '""', '"q;,\t"', ";", ",", "\t", "\n", "\r", "\r\n", 'x"y', "1,5", ""]


@settings(max_examples=300, deadline=None)
@given(
    text=st.lists(st.sampled_from(PIECES), min_size=1, max_size=60).map("".join).filter(str.strip),
    delimiter=st.sampled_from(";,\t"),
)
def test_pandas_splits_any_csv_as_the_csv_module_does_or_leaves_it_to_it(text: str, delimiter: str) -> None:
    headers, rows = csv_module_table(text, delimiter)
    table = _split_with_pandas(text, None, "utf-8", delimiter, headers)
    if table is None:  # an unterminated quote, a BOM, no header: the csv module reads it
        return
    assert table.headers == [h.strip() for h in headers]
    assert table.size == len(rows)
    assert table.rows == rows


def test_a_real_export_takes_the_fast_path_with_the_same_cells() -> None:
    for path in (FILES / "google_forms.csv", FILES / "excel_italiano.csv", FILES / "limesurvey.csv"):
        text = path.read_bytes().decode("cp1252" if "excel" in path.name else "utf-8-sig")
        delimiter = _delimiter(text)
        headers, rows = csv_module_table(text, delimiter)
        table = _split_with_pandas(text, None, "utf-8", delimiter, headers)
        assert table is not None, path.name
        assert table.rows == rows


def test_ragged_rows_unterminated_quotes_and_wide_files_read_as_before() -> None:
    ragged = read_table("x.csv", b"gruppo_ruolo;difficolta_conciliazione\nturnisti\nturnisti;2;extra;extra\n")
    assert ragged.rows == [["turnisti", ""], ["turnisti", "2"]]
    unterminated = read_table("x.csv", b'gruppo_ruolo;commenti\nturnisti;"senza fine\n')
    assert unterminated.rows == [["turnisti", "senza fine\n"]]
    wide = read_table("x.csv", (";".join(f"c{i}" for i in range(50_000)) + "\n1;2\n").encode())
    assert (wide.size, len(wide.headers), wide.column(1).values) == (1, 50_000, ["2"])


def test_the_delimiter_is_guessed_from_a_bounded_sample() -> None:
    ordinary = "\n".join(f"a;b;c{i}" for i in range(100))
    assert _sniff_sample(ordinary) == "\n".join(ordinary.splitlines()[:SNIFF_LINES])
    one_long_line = ';"x' * 300_000
    assert len(_sniff_sample(one_long_line)) <= SNIFF_CHARS
    assert _delimiter(one_long_line) == ";"  # guessed from the bounded sample (csv.Sniffer is quadratic in a line)
    assert read_table("una_riga.csv", (one_long_line + "\n").encode()).headers


def test_respondents_read_as_the_list_of_dicts() -> None:
    records: list[dict[str, object]] = [
        {"a": "x", "b": 3},
        {"b": 3.0},
        {},
        {"a": "x", "c": ["p", "q"]},
        {"a": None, "b": True},
    ]
    respondents = Respondents.from_records(records)
    expected = [{"a": "x", "b": 3}, {"b": 3.0}, {}, {"a": "x", "c": ["p", "q"]}, {"b": True}]
    assert respondents == expected
    assert len(respondents) == 5 and respondents[1] == {"b": 3.0} and respondents[-1] == {"b": True}
    assert [type(r.get("b")) for r in respondents] == [int, float, type(None), type(None), bool]
    assert respondents[1:4] == expected[1:4] and isinstance(respondents[1:4], Respondents)
    assert respondents[::2] == expected[::2]
    with pytest.raises(IndexError):
        respondents[5]
    assert respondents != expected[:4]
    assert len({value_key(True), value_key(1), value_key(1.0)}) == 3


def test_an_answer_keeps_the_type_it_was_validated_to() -> None:
    """A column with blanks used to turn whole numbers into floats (3 -> 3.0) on the way through pandas."""
    data = "gruppo_ruolo;difficolta_conciliazione;figli_0_3\nturnisti;3;sì\nturnisti;;no\n".encode("cp1252")
    respondents = import_survey(read_table("x.csv", data), SURVEY.definition).respondents
    assert respondents == [
        {"gruppo_ruolo": "turnisti", "difficolta_conciliazione": 3, "figli_0_3": True},
        {"gruppo_ruolo": "turnisti", "figli_0_3": False},
    ]
    assert type(respondents[0]["difficolta_conciliazione"]) is int


@pytest.mark.parametrize(
    ("name", "data"),
    [
        *[(p.name, p.read_bytes()) for p in sorted(FILES.glob("*.*")) if p.suffix in (".csv", ".xlsx")],
        ("sintetico.csv", synthetic_csv(3_000)),
    ],
)
def test_aggregating_the_importers_columns_gives_the_figures_of_aggregating_dicts(name: str, data: bytes) -> None:
    respondents = import_survey(read_table(name, data), SURVEY.definition).respondents
    as_dicts = [dict(r) for r in respondents]
    for lang in ("it", "en"):
        assert aggregate_survey(SURVEY, respondents, lang=lang) == aggregate_survey(SURVEY, as_dicts, lang=lang)


def test_a_table_from_rows_builds_only_the_columns_asked_for() -> None:
    table = RawTable.from_rows([" a ", "b"], [["1"], ["2", "3", "4"]], encoding="utf-8", delimiter=";")
    assert table.headers == ["a", "b"] and table.size == 2
    assert table.column(1).values == ["", "3"]
    assert table.rows == [["1", ""], ["2", "3"]]
    with pytest.raises(IndexError):
        table.column(2)
