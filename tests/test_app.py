"""The app starts for real (AppTest runs the Streamlit script in-process)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

APP = str(ROOT / "app.py")


def test_the_home_page_lists_the_questionnaires_in_italian() -> None:
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    assert at.title[0].value == "Conciliazione Workbench"
    table = at.dataframe[0].value
    assert {"azienda@1", "pa@1"} <= set(table["id@version"])
    assert "Questionari disponibili" in [h.value for h in at.subheader]


def test_the_language_switch_turns_the_page_english() -> None:
    at = AppTest.from_file(APP, default_timeout=30).run()
    at.radio(key="lang").set_value("en").run()
    assert not at.exception
    assert "Available questionnaires" in [h.value for h in at.subheader]


def test_a_broken_questionnaire_folder_shows_a_message_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "rotto.yaml").write_text("id: rotto\nversion: [1\n", encoding="utf-8")
    monkeypatch.setenv("WORKBENCH_QUESTIONNAIRES_DIR", str(tmp_path))
    from workbench.ui.state import questionnaire_registry

    questionnaire_registry.clear()
    try:
        at = AppTest.from_file(APP, default_timeout=30).run()
        assert not at.exception
        assert "rotto.yaml" in at.error[0].value
        assert "invalid YAML" in at.error[0].value
    finally:
        questionnaire_registry.clear()
