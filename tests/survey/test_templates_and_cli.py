"""Blank forms to hand out, and `workbench survey` / `workbench monitor` end to end on a real SQLite file."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import openpyxl
from click.testing import CliRunner, Result

from tests.conftest import EXAMPLES, QUESTIONNAIRES
from workbench.cli import main
from workbench.plain_text import safe_cell
from workbench.registry import load_registry
from workbench.survey.importer import import_survey
from workbench.survey.reading import read_table
from workbench.survey.templates import blank_csv, blank_xlsx, printable_docx

SURVEY = load_registry(QUESTIONNAIRES).get("dipendenti@1").definition


def test_the_blank_csv_opens_in_italian_excel_and_imports_back() -> None:
    data = blank_csv(SURVEY)
    assert data.startswith("\ufeff".encode())
    table = read_table("modulo.csv", data)
    assert table.delimiter == ";"
    assert table.headers == [q.id for q in SURVEY.questions]
    assert import_survey(table, SURVEY).respondents == []


def test_the_blank_xlsx_has_a_legend_and_drop_downs_and_imports_back() -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(blank_xlsx(SURVEY)))
    answers, legend = workbook.worksheets
    assert [c.value for c in answers[1]] == [q.id for q in SURVEY.questions]
    assert answers.data_validations.dataValidation
    assert legend.max_row == len(SURVEY.questions) + 1
    filled = io.BytesIO()
    answers.append(
        [
            "impiegati_ufficio" if q.id == "gruppo_ruolo" else 3 if q.id == "difficolta_conciliazione" else None
            for q in SURVEY.questions
        ]
    )
    workbook.save(filled)
    result = import_survey(read_table("compilato.xlsx", filled.getvalue()), SURVEY)
    assert result.respondents == [{"gruppo_ruolo": "impiegati_ufficio", "difficolta_conciliazione": 3}]


def test_the_printable_survey_lists_every_question_with_boxes() -> None:
    document = docx.Document(io.BytesIO(printable_docx(SURVEY)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert all(q.label.it in text for q in SURVEY.questions)
    assert "☐" in text


def test_spreadsheet_cells_never_start_a_formula() -> None:
    assert safe_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell("normale") == "normale"


def cli(database: str, *args: str) -> Result:
    runner = CliRunner(env={"WORKBENCH_DATABASE_URL": database, "WORKBENCH_USER": "anna"})
    return runner.invoke(main, list(args), catch_exceptions=False)


def test_survey_commands(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'w.db'}"
    for suffix in (".csv", ".xlsx", ".docx"):
        result = cli(database, "survey", "template", "-o", str(tmp_path / f"modulo{suffix}"))
        assert result.exit_code == 0, result.stderr
    imported = cli(database, "survey", "import", str(EXAMPLES / "survey" / "excel_italiano.csv"), "--json")
    data = json.loads(imported.stdout)
    assert data["respondents"] == 37
    assert sorted(r["rows"] for r in data["rejected"]) == [1, 1, 1]  # per column, a count: no row, no value
    assert {r["reason"].split("(")[1].split(")")[0] for r in data["rejected"]} == {
        "tempo_tragitto",
        "difficolta_conciliazione",
        "gruppo_ruolo",
    }
    assert all({"by", "value", "n"} <= set(g) and g["n"] >= 5 for g in data["groups"])
    assert all("score" in need for need in data["needs"].values())
    readable = cli(database, "survey", "import", str(EXAMPLES / "survey" / "microsoft_forms.xlsx"))
    assert "non sono mostrati (anonimato)" in readable.stdout
    broken = cli(database, "survey", "import", str(EXAMPLES / "survey" / "broken" / "vuoto.csv"))
    assert broken.exit_code == 1 and "il file è vuoto" in broken.stderr


def test_monitor_commands(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'w.db'}"
    engagement = cli(database, "engagements", "create", str(EXAMPLES / "manifattura_turni.yaml")).stdout.strip()
    plan_json = tmp_path / "piano.json"
    cli(
        database,
        "plan",
        str(EXAMPLES / "manifattura_turni.yaml"),
        "-o",
        str(tmp_path / "p.docx"),
        "--json",
        str(plan_json),
        "--start",
        "2027-01-01",
    )
    # store the plan with the engagement through the store API the app uses
    from workbench.plan import load_plan_json
    from workbench.store.engagements import save_plan
    from workbench.store.engine import open_store, session_scope

    engine = open_store(database)
    with session_scope(engine) as session:
        save_plan(
            session, engagement_id=int(engagement), plan=load_plan_json(plan_json), expected_version=1, actor="anna"
        )
    engine.dispose()
    added = cli(
        database,
        "monitor",
        "add",
        engagement,
        "--indicator",
        "tasso_assenteismo",
        "--date",
        "30/06/2027",
        "--value",
        "6,9",
    )
    assert added.exit_code == 0, added.stderr
    wrong = cli(
        database, "monitor", "add", engagement, "--indicator", "fantasma", "--date", "2027-06-30", "--value", "1"
    )
    assert wrong.exit_code == 1 and "non presente nel piano" in wrong.stderr
    csv_file = tmp_path / "letture.csv"
    csv_file.write_bytes("indicatore;data;valore\nturnover_volontario;31/12/2027;7,5\nx;y;z\n".encode("cp1252"))
    imported = cli(database, "monitor", "import", engagement, str(csv_file))
    assert imported.stdout.strip() == "1" and "riga 3" in imported.stderr
    report = cli(database, "monitor", "report", engagement, "--json", "-o", str(tmp_path / "monitoraggio.docx"))
    statuses = {s["indicator"]: s["status"] for s in json.loads(report.stdout)["indicators"]}
    assert statuses["tasso_assenteismo"] in {"on_track", "achieved"}
    assert statuses["turnover_volontario"] == "off_track"
    assert (tmp_path / "monitoraggio.docx").stat().st_size > 10_000


def test_monitor_add_says_why_a_value_is_not_a_number(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'w.db'}"
    args = ("monitor", "add", "1", "--indicator", "tasso_assenteismo", "--date", "30/06/2027", "--value")
    ambiguous = cli(database, *args, "1,200")
    assert ambiguous.exit_code == 1
    assert (
        ambiguous.stderr.strip() == "--value: «1,200» si può leggere in due modi (1200 o 1,2): scrivi 1.200 oppure 1,2"
    )
    english = cli(database, *args, "tanti", "--lang", "en")
    assert english.exit_code == 1
    assert "'tanti' is not a number (examples: 1,200.50 · 45.5 · 40 %)" in english.stderr
