"""Survey exports as they really arrive: Italian Excel CSV, Google/Microsoft Forms, LimeSurvey, broken files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, QUESTIONNAIRES
from workbench.registry import load_registry
from workbench.survey.importer import import_survey, split_multi
from workbench.survey.reading import SurveyFileError, read_file, read_table

SURVEY = load_registry(QUESTIONNAIRES).get("dipendenti@1")
FILES = EXAMPLES / "survey"


def load(path: Path):  # type: ignore[no-untyped-def]
    return import_survey(read_table(path.name, path.read_bytes()), SURVEY.definition)


def test_an_italian_excel_csv_is_read_with_its_semicolons_accents_and_decimal_commas() -> None:
    expected = json.loads((FILES / "excel_italiano.expected.json").read_text(encoding="utf-8"))
    table = read_table("excel_italiano.csv", (FILES / "excel_italiano.csv").read_bytes())
    assert (table.delimiter, table.encoding) == (";", "cp1252")
    result = import_survey(table, SURVEY.definition)
    assert len(result.respondents) == expected["respondents"]
    assert [r.row for r in result.rejected_rows] == [r["row"] for r in expected["rejected_rows"]]
    for rejected, wanted in zip(result.rejected_rows, expected["rejected_rows"], strict=True):
        assert wanted["question"] in rejected.reason
        assert wanted["reason_contains"] in rejected.reason
    comments = [str(r["commenti"]) for r in result.respondents if "commenti" in r]
    assert any("è" in c or "à" in c for c in comments)
    assert any("€" in c for c in comments)
    minutes = [r["tempo_tragitto"] for r in result.respondents if "tempo_tragitto" in r]
    assert any(isinstance(m, float) and not m.is_integer() for m in minutes)  # "32,5" read as 32.5


def test_a_google_forms_csv_with_question_texts_as_headers_is_matched() -> None:
    result = load(FILES / "google_forms.csv")
    assert len(result.respondents) == 62
    assert result.rejected_rows == []
    assert result.ignored_columns == ["Informazioni cronologiche"]
    assert set(result.matched_columns.values()) >= {"gruppo_ruolo", "figli_0_3", "difficolta_conciliazione"}
    assert any(len(r.get("misure_utili", [])) >= 2 for r in result.respondents)


def test_microsoft_forms_identity_columns_are_never_read() -> None:
    result = load(FILES / "microsoft_forms.xlsx")
    assert len(result.respondents) == 20
    assert {"Posta elettronica", "Nome"} <= set(result.ignored_columns)
    assert all("email" not in str(r).lower() for r in result.respondents)


def test_a_limesurvey_export_with_question_codes_is_matched() -> None:
    result = load(FILES / "limesurvey.csv")
    assert len(result.respondents) == 12
    assert {"id", "submitdate", "lastpage", "startlanguage", "seed"} == set(result.ignored_columns)


def test_formulas_in_cells_stay_plain_text() -> None:
    result = load(FILES / "broken" / "formule.csv")
    comments = " ".join(r.get("commenti", "") for r in result.respondents)
    assert '=HYPERLINK("http://x","clic")' in comments
    assert "+1+2" in comments


def test_a_utf16_export_is_decoded() -> None:
    table = read_table("utf16.csv", (FILES / "broken" / "utf16.csv").read_bytes())
    assert table.encoding == "utf-16"
    assert len(import_survey(table, SURVEY.definition).respondents) > 0


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("vuoto.csv", b"", "il file è vuoto"),
        ("spazi.csv", b"   \n  \n", "il file è vuoto"),
        ("binario.csv", b"\x00\x01\x02" * 50, "caratteri binari"),
        ("finto.xlsx", b"PK\x03\x04 non un vero zip", "non è un file Excel"),
    ],
)
def test_unreadable_files_get_a_clear_message(name: str, data: bytes, words: str) -> None:
    with pytest.raises(SurveyFileError, match=words):
        read_table(name, data)


def test_a_file_over_the_cap_is_refused_before_parsing_with_its_size_and_the_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WORKBENCH_MAX_UPLOAD_MB", "1")
    big = tmp_path / "grande.csv"
    with big.open("wb") as handle:
        handle.write(b"gruppo_ruolo;difficolta_conciliazione\n")
        handle.write(b"impiegati_ufficio;3\n" * (3 * 1024 * 1024 // 2 // 20))
    with pytest.raises(SurveyFileError, match=r"^file troppo grande \(1,5 MB, massimo 1 MB\)$"):
        read_table(big.name, big.read_bytes())
    with pytest.raises(SurveyFileError, match=r"file troppo grande \(1,1 MB, massimo 1 MB\)"):
        read_table("appena_sopra.csv", b"a" * (1024 * 1024 + 1))  # one byte over never reads as the cap
    rows = (1024 * 1024 - len(b"gruppo_ruolo\n")) // len(b"turnisti\n")
    assert read_table("al_limite.csv", b"gruppo_ruolo\n" + b"turnisti\n" * rows).size == rows


def test_a_file_on_disk_over_the_cap_is_not_even_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WORKBENCH_MAX_UPLOAD_MB", raising=False)
    huge = tmp_path / "enorme.csv"
    with huge.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024 + 1)  # sparse: takes no disk space
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("the file was read"))
    with pytest.raises(SurveyFileError, match=r"file troppo grande \(100,1 MB, massimo 100 MB\)"):
        read_file(huge)


def test_a_file_without_known_columns_says_what_it_found() -> None:
    with pytest.raises(SurveyFileError, match=r"nessuna colonna corrisponde.*Reparto"):
        load(FILES / "broken" / "colonne_sbagliate.csv")


def test_a_header_only_file_has_no_respondents_and_no_crash() -> None:
    result = load(FILES / "broken" / "solo_intestazione.csv")
    assert result.respondents == [] and result.rejected_rows == []


def test_text_in_a_numeric_field_rejects_that_row_only() -> None:
    data = "gruppo_ruolo;tempo_tragitto;difficolta_conciliazione\nturnisti;trenta;3\nturnisti;32,5;4\n"
    result = import_survey(read_table("x.csv", data.encode("cp1252")), SURVEY.definition)
    assert [r.row for r in result.rejected_rows] == [2]
    assert "serve un numero" in result.rejected_rows[0].reason
    assert result.respondents[0]["tempo_tragitto"] == 32.5


def test_multi_choice_labels_with_commas_are_split_correctly() -> None:
    question = SURVEY.definition.question_map()["misure_utili"]
    labels = [o.label.it for o in question.options or []][:2]
    assert split_multi(question, ", ".join(labels)) == labels
    assert split_multi(question, "a; b") == ["a", "b"]
