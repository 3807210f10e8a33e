"""`workbench pa` and `workbench objectives` on the example files, and the maturity page in the app."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import openpyxl
from click.testing import CliRunner, Result

from tests.conftest import EXAMPLES
from workbench.cli import main


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_pa_assess_prints_the_level_and_json() -> None:
    result = run("pa", "assess", str(EXAMPLES / "comune.yaml"))
    assert result.exit_code == 0, result.stderr
    assert "Comune di Olonate: livello" in result.stdout
    data = json.loads(run("pa", "assess", str(EXAMPLES / "comune.yaml"), "--json").stdout)
    assert len(data["conditions"]) == 5 and 1 <= data["level"] <= 4 and data["training"]


def test_pa_commands_refuse_a_firm() -> None:
    result = run("pa", "assess", str(EXAMPLES / "servizi_ufficio.yaml"))
    assert result.exit_code == 1
    assert "not a public-administration questionnaire" in result.stderr


def test_pa_chapter_and_objectives_files(tmp_path: Path) -> None:
    chapter = tmp_path / "piao.docx"
    assert run("pa", "chapter", str(EXAMPLES / "comune.yaml"), "-o", str(chapter)).exit_code == 0
    assert "Organizzazione del lavoro agile" in "\n".join(p.text for p in docx.Document(str(chapter)).paragraphs)
    plan_json = tmp_path / "piano.json"
    run("plan", str(EXAMPLES / "comune.yaml"), "-o", str(tmp_path / "p.docx"), "--json", str(plan_json))
    xlsx = tmp_path / "obiettivi.xlsx"
    assert run("objectives", str(plan_json), "-o", str(xlsx)).exit_code == 0
    workbook = openpyxl.load_workbook(xlsx)
    for sheet in workbook.worksheets:
        weights = [c.value for c in sheet["C"][4:] if isinstance(c.value, int | float)]
        assert round(sum(weights), 6) == 100
    assert run("objectives", str(plan_json), "-o", str(tmp_path / "o.docx")).exit_code == 0
    wrong = run("objectives", str(plan_json), "-o", str(tmp_path / "o.pdf"))
    assert wrong.exit_code == 1 and "use .xlsx or .docx" in wrong.stderr
