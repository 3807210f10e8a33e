"""The app starts for real; the content page lists the questionnaires; broken content is a message."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.conftest import app
from workbench.ui.state import questionnaire_registry


def test_the_app_opens_on_the_engagements_page(database: str) -> None:
    at = app()
    assert not at.exception
    assert at.title[0].value == "Incarichi"
    assert "Ancora nessun incarico" in at.info[0].value


def test_the_content_page_lists_the_questionnaires(database: str) -> None:
    at = app(None, "questionari")
    assert not at.exception
    table = at.dataframe[0].value
    assert {"azienda@1", "pa@1"} <= set(table["id@version"])
    assert "Questionari disponibili" in [h.value for h in at.subheader]


def test_the_language_switch_turns_the_page_english(database: str) -> None:
    at = app(None, "questionari")
    at.radio(key="lang").set_value("en").run()
    assert not at.exception
    assert "Available questionnaires" in [h.value for h in at.subheader]


def test_a_broken_questionnaire_folder_shows_a_message_not_a_traceback(
    database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "rotto.yaml").write_text("id: rotto\nversion: [1\n", encoding="utf-8")
    monkeypatch.setenv("WORKBENCH_QUESTIONNAIRES_DIR", str(tmp_path))
    questionnaire_registry.clear()
    try:
        at = app(None, "questionari")
        assert not at.exception
        assert "rotto.yaml" in at.error[0].value
        assert "invalid YAML" in at.error[0].value
    finally:
        questionnaire_registry.clear()
