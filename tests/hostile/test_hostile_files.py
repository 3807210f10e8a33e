"""Hostile files through every reader: 100,000 nested brackets, numbers of thousands of digits, and files that are
not content at all. Each is one clear message and exit 1, never a RecursionError or a traceback; `validate` says
OK only for content it knows."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLES, QUESTIONNAIRES
from workbench.answers_file import parse_answers_bytes
from workbench.cli import main
from workbench.content import ContentError
from workbench.store.transfer import ImportRefused, parse_export

HOSTILE_JSON: dict[str, str] = {
    "100,000 nested lists": "[" * 100_000 + "]" * 100_000,
    "100,000 nested objects": '{"a":' * 100_000 + "1" + "}" * 100_000,
    "65 nested lists in a valid file": '{"questionnaire": "azienda@1", "answers": {"x": ' + "[" * 65 + "]" * 65 + "}}",
    "an int of 5,000 digits": '{"questionnaire": "azienda@1", "answers": {"x": ' + "9" * 5_000 + "}}",
    "unclosed brackets": "[" * 100_000,
    "empty": "",
}

JSON_READERS = {
    "score ANSWERS.json": lambda path, out: ["score", path],
    "validate ANSWERS.json": lambda path, out: ["validate", path],
    "render PLAN.json": lambda path, out: ["render", path, "-o", out],
    "objectives PLAN.json": lambda path, out: ["objectives", path, "-o", out],
    "crosswalk PLAN.json": lambda path, out: ["crosswalk", path],
    "pa chapter --plan PLAN.json": lambda path, out: [
        "pa",
        "chapter",
        str(EXAMPLES / "comune.yaml"),
        "--plan",
        path,
        "-o",
        out,
    ],
    "engagements import FILE.json": lambda path, out: ["engagements", "import", path],
}


@pytest.mark.parametrize("reader", list(JSON_READERS))
@pytest.mark.parametrize("case", list(HOSTILE_JSON))
def test_a_hostile_json_file_is_a_clear_message_in_every_cli_reader(reader: str, case: str, tmp_path: Path) -> None:
    path = tmp_path / "file.json"
    path.write_text(HOSTILE_JSON[case], encoding="utf-8")
    env = {"WORKBENCH_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite'}", "WORKBENCH_USER": "anna"}
    result = CliRunner(env=env).invoke(main, JSON_READERS[reader](str(path), str(tmp_path / "out.docx")))
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output and "RecursionError" not in result.output
    assert len(result.stderr) < 2_000
    assert not (tmp_path / "out.docx").exists()


@pytest.mark.parametrize("case", list(HOSTILE_JSON))
def test_a_hostile_json_upload_is_refused_by_the_apps_readers(case: str) -> None:
    with pytest.raises(ContentError):
        parse_answers_bytes("risposte.json", HOSTILE_JSON[case].encode("utf-8"))
    with pytest.raises(ImportRefused) as refused:
        parse_export(HOSTILE_JSON[case])
    assert "{" not in refused.value.message("it")  # every placeholder filled


HOSTILE_YAML = {
    "100,000 nested flow lists": "[" * 100_000 + "]" * 100_000,
    "100,000 nested block lists": "".join(" " * i + "-\n" for i in range(0, 2_000)),
    "65 nested lists in answers": "questionnaire: azienda@1\nanswers:\n  x: " + "[" * 65 + "]" * 65 + "\n",
    "an int of 5,000 digits": "questionnaire: azienda@1\nanswers:\n  x: " + "9" * 5_000 + "\n",
}


@pytest.mark.parametrize("case", list(HOSTILE_YAML))
def test_a_hostile_yaml_answers_file_is_a_clear_message(case: str, tmp_path: Path) -> None:
    path = tmp_path / "risposte.yaml"
    path.write_text(HOSTILE_YAML[case], encoding="utf-8")
    with pytest.raises(ContentError):
        parse_answers_bytes(path.name, path.read_bytes())
    for args in (["score", str(path)], ["validate", str(path)]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 1, result.output
        assert isinstance(result.exception, SystemExit)


NOT_CONTENT: dict[str, tuple[str, bytes]] = {
    "a CSV": ("risposte.csv", b"a;b\n1;2\n"),
    "an HTML page named .xlsx": ("modulo.xlsx", b"<html><body>hi</body></html>"),
    "an empty YAML file": ("vuoto.yaml", b""),
    "an empty JSON file": ("vuoto.json", b""),
    "a YAML list": ("lista.yaml", b"- 1\n- 2\n"),
    "a YAML text": ("testo.yml", b"just some words\n"),
    "a mapping of unknown keys": ("altro.yaml", b"name: x\nvalue: 3\n"),
    "a JSON object that is not answers": ("altro.json", b'{"a": 1}'),
    "a JSON list": ("lista.json", b"[1, 2]"),
    "binary bytes named .yaml": ("rotto.yaml", bytes(range(256))),
    "a PNG named .yaml": ("immagine.yaml", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32),
    "an HTML page named as a Word template": ("piano_it.docx", b"<html></html>"),
    "a text file": ("note.txt", b"questionnaire: azienda@1\nanswers: {}\n"),
    "a file with no suffix": ("risposte", b"questionnaire: azienda@1\n"),
}


@pytest.mark.parametrize("case", list(NOT_CONTENT))
def test_validate_refuses_what_is_not_content_it_knows(case: str, tmp_path: Path) -> None:
    name, data = NOT_CONTENT[case]
    path = tmp_path / name
    path.write_bytes(data)
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    assert "OK" not in result.stdout
    assert name in result.stderr


def test_validate_refuses_a_folder_with_only_strangers_in_it(tmp_path: Path) -> None:
    (tmp_path / "dati.csv").write_bytes(b"a;b\n")
    result = CliRunner().invoke(main, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    assert "OK" not in result.stdout


@pytest.mark.parametrize(
    "path",
    [
        EXAMPLES / "comune.yaml",
        QUESTIONNAIRES / "azienda.yaml",
        QUESTIONNAIRES / "azienda.scoring.yaml",
        QUESTIONNAIRES / "_shared" / "cultura.yaml",
        QUESTIONNAIRES.parent / "catalogue",
    ],
)
def test_validate_still_says_ok_for_real_content(path: Path) -> None:
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("OK")
