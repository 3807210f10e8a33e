"""`workbench db` and `workbench engagements`, honouring WORKBENCH_DATABASE_URL, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from tests.conftest import EXAMPLES
from workbench.cli import main
from workbench.store.engine import head_revision


def cli(database_url: str, *args: str, stdin: str | None = None) -> Result:
    runner = CliRunner(env={"WORKBENCH_DATABASE_URL": database_url, "WORKBENCH_USER": "anna"})
    return runner.invoke(main, list(args), input=stdin, catch_exceptions=False)


def test_the_engagement_commands_round_trip(database_url: str, tmp_path: Path) -> None:
    upgraded = cli(database_url, "db", "upgrade")
    assert upgraded.exit_code == 0, upgraded.stderr
    assert f"schema {head_revision()}" in upgraded.stdout

    created = cli(database_url, "engagements", "create", str(EXAMPLES / "manifattura_turni.yaml"))
    assert created.exit_code == 0, created.stderr
    engagement_id = int(created.stdout)

    listed = json.loads(cli(database_url, "engagements", "list", "--json").stdout)
    assert [(e["id"], e["organisation"]["name"], e["owner"]) for e in listed] == [
        (engagement_id, "Pressofusioni Olona S.p.A.", "anna")
    ]
    shown = json.loads(cli(database_url, "engagements", "show", str(engagement_id), "--json").stdout)
    assert shown["answers"]["dipendenti_totali"] == 240
    assert "Pressofusioni" in cli(database_url, "engagements", "show", str(engagement_id)).stdout

    exported = tmp_path / "incarico.json"
    assert cli(database_url, "engagements", "export", str(engagement_id), "-o", str(exported)).exit_code == 0
    imported = cli(database_url, "engagements", "import", str(exported))
    assert imported.exit_code == 0, imported.stderr
    new_id = int(imported.stdout)
    assert new_id != engagement_id
    assert (
        json.loads(cli(database_url, "engagements", "show", str(new_id), "--json").stdout)["answers"]
        == (shown["answers"])
    )

    refused = cli(database_url, "engagements", "delete", str(engagement_id), stdin="n\n")
    assert refused.exit_code == 1
    deleted = cli(database_url, "engagements", "delete", str(engagement_id), "--yes")
    assert deleted.exit_code == 0
    missing = cli(database_url, "engagements", "show", str(engagement_id))
    assert missing.exit_code == 1
    assert f"Non hai accesso all'incarico {engagement_id}" in missing.stderr  # existence is not revealed


def test_bad_inputs_get_clear_messages(database_url: str, tmp_path: Path) -> None:
    broken = tmp_path / "rotto.json"
    broken.write_text('{"format": "conciliazione-workbench/engagement", "format_version": 7}', encoding="utf-8")
    result = cli(database_url, "engagements", "import", str(broken))
    assert result.exit_code == 1
    assert "versione più recente" in result.stderr
    wrong = tmp_path / "risposte.yaml"
    wrong.write_text("questionnaire: azienda@9\norganisation: {name: X}\nanswers: {}\n", encoding="utf-8")
    result = cli(database_url, "engagements", "create", str(wrong))
    assert result.exit_code == 1
    assert "versions available: azienda@1" in result.stderr


def test_an_unreachable_database_is_a_message_not_a_traceback() -> None:
    result = cli("postgresql+psycopg://nobody@127.0.0.1:1/none", "engagements", "list")
    assert result.exit_code == 1
    assert "impossibile aprire il database" in result.stderr
    assert "Traceback" not in result.stderr
    english = cli("postgresql+psycopg://nobody@127.0.0.1:1/none", "engagements", "list", "--lang", "en")
    assert "cannot open the database (postgresql+psycopg://nobody@127.0.0.1:1/none)" in english.stderr
    assert cli("questo non è un url", "engagements", "list").stderr.startswith("URL del database non valido")
    assert cli("questo non è un url", "engagements", "list", "--lang", "en").stderr.startswith("invalid database URL")


def test_with_no_settings_a_sqlite_file_is_created_in_the_user_data_folder(tmp_path: Path) -> None:
    runner = CliRunner(env={"WORKBENCH_DATABASE_URL": None, "XDG_DATA_HOME": str(tmp_path), "HOME": str(tmp_path)})
    result = runner.invoke(main, ["engagements", "list"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "conciliazione-workbench" / "workbench.db").is_file()


def _document_text(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_from_the_command_line_alone_a_consultant_drafts_monitors_and_renders_an_engagement(
    database_url: str, tmp_path: Path
) -> None:
    created = cli(database_url, "engagements", "create", str(EXAMPLES / "servizi_ufficio.yaml"))
    engagement_id = created.stdout.strip()

    drafted = cli(database_url, "engagements", "plan", engagement_id, "--start", "01/03/2027")
    assert drafted.exit_code == 0, drafted.stderr
    assert drafted.stdout.strip() == "1"  # the plan's first stored version

    statuses = json.loads(cli(database_url, "monitor", "report", engagement_id, "--json").stdout)["indicators"]
    indicator = statuses[0]["indicator"]
    added = cli(
        database_url,
        "monitor",
        "add",
        engagement_id,
        "--indicator",
        indicator,
        "--date",
        "30/06/2027",
        "--value",
        "45,5",
    )
    assert added.exit_code == 0, added.stderr

    redrafted = cli(database_url, "engagements", "plan", engagement_id, "--start", "01/03/2027", "--note", "rivisto")
    assert redrafted.stdout.strip() == "2"
    plan_docx = tmp_path / "piano.docx"
    rendered = cli(database_url, "engagements", "render", engagement_id, "--status", "approved", "-o", str(plan_docx))
    assert rendered.exit_code == 0, rendered.stderr
    text = _document_text(plan_docx)
    assert "Navigli Digital S.r.l." in text
    assert "Versione\n2\n" in text and "Stato\nDefinitivo\n" in text  # the stored version, the chosen status
    assert "anna" not in text  # the acting account is not the consultant named on the cover

    report = tmp_path / "monitoraggio.docx"
    reported = cli(database_url, "monitor", "report", engagement_id, "-o", str(report))
    assert reported.exit_code == 0, reported.stderr
    assert "45,5" in _document_text(report)


def test_a_stored_engagement_with_missing_answers_is_drafted_only_when_told(database_url: str, tmp_path: Path) -> None:
    created = cli(database_url, "engagements", "create", str(EXAMPLES / "ristorante_turni.yaml"))
    engagement_id = created.stdout.strip()
    refused = cli(database_url, "engagements", "plan", engagement_id)
    assert refused.exit_code != 0 and "--incomplete" in refused.stderr
    told = cli(database_url, "engagements", "plan", engagement_id, "--incomplete")
    assert told.exit_code == 0, told.stderr
    assert told.stdout.strip() == "1"


def test_rendering_an_engagement_without_a_plan_says_so(database_url: str, tmp_path: Path) -> None:
    created = cli(database_url, "engagements", "create", str(EXAMPLES / "comune.yaml"))
    result = cli(database_url, "engagements", "render", created.stdout.strip(), "-o", str(tmp_path / "p.docx"))
    assert result.exit_code != 0
    assert "Traceback" not in result.stderr and result.stderr.strip()
    assert not (tmp_path / "p.docx").exists()
