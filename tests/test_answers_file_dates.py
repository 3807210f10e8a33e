"""A date in an answers file is text the questionnaire judges: ``note: 2026-02-28`` is kept as written and can
be stored; an impossible ``2026-02-31`` is a message naming the question, never a crash (workbench.content)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from tests.answer_commands import ANSWER_COMMANDS
from tests.conftest import EXAMPLES
from workbench.answers_file import load_answers_file, parse_answers_bytes
from workbench.cli import main
from workbench.content import parse_yaml_text
from workbench.models.welfare import TaxFile
from workbench.settings import get_settings


@pytest.mark.parametrize("loader", ["libyaml", "pure Python (a text that looks like an alias)"])
@pytest.mark.parametrize(
    "text",
    ["2026-02-28", "2026-02-31", "2026-13-01", "2026-01-01 10:00:00", "2026-01-01T10:00:00Z", "!!timestamp 2026-02-31"],
)
def test_a_yaml_date_stays_the_text_it_was(text: str, loader: str) -> None:
    extra = "\nlooks_like_alias: 'a *b'" if loader.startswith("pure") else ""
    data = parse_yaml_text(f"note: {text}\nother: x{extra}\n", "risposte.yaml")
    assert data["note"] == text.removeprefix("!!timestamp ")
    json.dumps(data)  # storable as it is


def _answers_text(note: str, comune: str | None = None) -> str:
    data = yaml.safe_load((EXAMPLES / "servizi_ufficio.yaml").read_text(encoding="utf-8"))
    data["answers"]["note"] = "PLACEHOLDER"
    if comune is not None:
        data["organisation"]["comune"] = "COMUNE"
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return text.replace("'PLACEHOLDER'", note).replace("PLACEHOLDER", note).replace("COMUNE", comune or "")


@pytest.mark.parametrize("note", ["2026-02-28", "2026-02-31"])
def test_an_answers_file_with_a_date_is_read_with_the_date_as_text(note: str, tmp_path: Path) -> None:
    path = tmp_path / "risposte.yaml"
    path.write_text(_answers_text(note), encoding="utf-8")
    for answers in (load_answers_file(path), parse_answers_bytes("risposte.yaml", path.read_bytes())):
        assert answers.answers["note"] == note
        json.dumps(answers.model_dump(mode="json"))  # what "create from file" stores


def test_the_tax_parameters_still_read_their_dates(tmp_path: Path) -> None:
    from workbench.content import parse_model, read_yaml

    path = get_settings().catalogue_dir / "tax_parameters.yaml"
    parsed = parse_model(TaxFile, read_yaml(path), path)
    assert parsed.model_dump()  # dates written as text are read by the date fields


@pytest.mark.parametrize("where", ["note", "comune", "note and comune"])
@pytest.mark.parametrize("day", ["2026-02-28", "2026-02-31"])
@pytest.mark.parametrize("command", list(ANSWER_COMMANDS))
def test_a_date_in_a_text_answer_never_breaks_a_command(command: str, day: str, where: str, tmp_path: Path) -> None:
    path = tmp_path / "risposte.yaml"
    path.write_text(
        _answers_text(day if "note" in where else "testo", day if "comune" in where else None), encoding="utf-8"
    )
    env = {"WORKBENCH_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite'}", "WORKBENCH_USER": "anna"}
    result = CliRunner(env=env).invoke(main, ANSWER_COMMANDS[command](str(path), str(tmp_path / "p.docx")))
    assert result.exit_code == 0, result.output
    assert result.exception is None


@pytest.mark.parametrize("command", list(ANSWER_COMMANDS))
def test_an_impossible_date_where_a_number_goes_names_the_question(command: str, tmp_path: Path) -> None:
    text = (EXAMPLES / "servizi_ufficio.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    data["answers"]["dipendenti_totali"] = "DAY"
    path = tmp_path / "risposte.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True).replace("DAY", "2026-02-31"), encoding="utf-8")
    env = {"WORKBENCH_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite'}", "WORKBENCH_USER": "anna"}
    result = CliRunner(env=env).invoke(main, ANSWER_COMMANDS[command](str(path), str(tmp_path / "p.docx")))
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if command == "engagements create":  # kept as typed, to be corrected in the questionnaire
        assert result.exit_code == 0
        return
    assert result.exit_code == 1
    assert "dipendenti_totali" in result.stderr
    assert "2026-02-31" in result.stderr
