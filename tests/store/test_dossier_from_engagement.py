"""`workbench dossier` on a stored engagement: its saved plan, its readings, and who may have it, on SQLite and
PostgreSQL."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from click.testing import CliRunner, Result

from tests.conftest import EXAMPLES
from workbench.cli import main


def cli(database_url: str, user: str, *args: str) -> Result:
    return CliRunner(env={"WORKBENCH_DATABASE_URL": database_url, "WORKBENCH_USER": user}).invoke(main, list(args))


def _text(path: Path) -> str:
    document = docx.Document(io.BytesIO(path.read_bytes()))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_interim_report_of_a_stored_engagement_carries_its_saved_plan_and_its_readings(
    database_url: str, tmp_path: Path
) -> None:
    engagement = cli(database_url, "anna", "engagements", "create", str(EXAMPLES / "servizi_ufficio.yaml")).stdout
    engagement = engagement.strip()
    assert cli(database_url, "anna", "engagements", "plan", engagement).exit_code == 0
    added = cli(
        database_url,
        "anna",
        *("monitor", "add", engagement, "--indicator", "utilizzo_misure", "--date", "30/06/2027", "--value", "35"),
    )
    assert added.exit_code == 0, added.output
    out = tmp_path / "relazione.docx"
    result = cli(database_url, "anna", "dossier", "alliance_interim", engagement, "-o", str(out))
    assert result.exit_code == 0, result.output
    text = _text(out)
    assert "Navigli Digital S.r.l." in text
    assert "30/06/2027" in text and "35%" in text
    assert "bozza di piano calcolata" not in text, "a stored plan is the report's basis, not a draft"
    assert "versione 1" in text


def test_a_dossier_of_someone_elses_engagement_is_refused_and_nothing_is_written(
    database_url: str, tmp_path: Path
) -> None:
    engagement = cli(database_url, "anna", "engagements", "create", str(EXAMPLES / "servizi_ufficio.yaml")).stdout
    out = tmp_path / "checkup.docx"
    result = cli(database_url, "bruno", "dossier", "checkup", engagement.strip(), "-o", str(out))
    assert result.exit_code == 1
    assert not out.exists()
    assert "Traceback" not in result.output


def test_a_client_manager_the_engagement_is_shared_with_gets_its_dossier(database_url: str, tmp_path: Path) -> None:
    engagement = cli(database_url, "anna", "engagements", "create", str(EXAMPLES / "servizi_ufficio.yaml")).stdout
    engagement = engagement.strip()
    shared = cli(database_url, "anna", "engagements", "share", engagement, "carla", "--role", "manager")
    assert shared.exit_code == 0, shared.output
    out = tmp_path / "pdr.docx"
    result = cli(database_url, "carla", "dossier", "pdr125", engagement, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "UNI/PdR 125" in _text(out)
