"""Uploads are capped by one setting (WORKBENCH_MAX_UPLOAD_MB), which Streamlit's own limit never undercuts."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tests.conftest import ROOT
from workbench.answers_file import MAX_ANSWERS_BYTES, parse_answers_bytes
from workbench.content import ContentError
from workbench.settings import DEFAULT_MAX_UPLOAD_MB, Settings, get_settings
from workbench.survey.reading import SurveyFileError, max_upload_bytes, read_table, upload_cap_mb


@pytest.fixture(autouse=True)
def _default_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WORKBENCH_MAX_UPLOAD_MB", raising=False)


def test_the_streamlit_cap_and_the_default_setting_agree() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == DEFAULT_MAX_UPLOAD_MB == Settings().max_upload_mb
    assert max_upload_bytes() == DEFAULT_MAX_UPLOAD_MB * 1024 * 1024
    assert max_upload_bytes() >= MAX_ANSWERS_BYTES


def test_the_default_takes_a_survey_of_the_largest_employers() -> None:
    """150,000 staff, 24 questions answered with labels as Google Forms writes them: about 40 MB."""
    assert DEFAULT_MAX_UPLOAD_MB >= 50


def test_the_cap_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBENCH_MAX_UPLOAD_MB", "250")
    assert get_settings().max_upload_mb == 250
    assert max_upload_bytes() == 250 * 1024 * 1024
    assert upload_cap_mb() == 250
    assert upload_cap_mb(server_limit_mb=100) == 100  # never more than Streamlit would take
    monkeypatch.setenv("WORKBENCH_MAX_UPLOAD_MB", "0")
    with pytest.raises(ValueError, match="max_upload_mb"):
        get_settings()


def test_a_file_over_the_cap_is_refused_in_code_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBENCH_MAX_UPLOAD_MB", "2")
    with pytest.raises(SurveyFileError, match=r"file troppo grande \(2,1 MB, massimo 2 MB\)"):
        read_table("grande.csv", b"x" * (2 * 1024 * 1024 + 1))
    with pytest.raises(ContentError, match="file too large"):
        parse_answers_bytes("risposte.yaml", b"x" * (MAX_ANSWERS_BYTES + 1))


def test_the_cli_says_the_size_and_the_cap_without_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from workbench.cli import main

    monkeypatch.setenv("WORKBENCH_MAX_UPLOAD_MB", "1")
    big = tmp_path / "risposte.csv"
    big.write_bytes(b"gruppo_ruolo\n" + b"turnisti\n" * 200_000)
    result = CliRunner().invoke(main, ["survey", "import", str(big)])
    assert result.exit_code != 0
    assert "file troppo grande (1,7 MB, massimo 1 MB)" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output


def test_the_app_uploader_offers_the_cap_and_says_the_size_and_the_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.app.conftest import app, seed
    from workbench.ui.state import engine as cached_engine

    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("WORKBENCH_DATABASE_URL", url)
    monkeypatch.setenv("WORKBENCH_USER", "anna")
    monkeypatch.setenv("WORKBENCH_MAX_UPLOAD_MB", "1")
    try:
        at = app(seed(url), "indagine")
        assert not at.exception
        uploader = at.file_uploader(key="survey_upload")
        assert uploader.proto.max_upload_size_mb == 1  # the browser refuses a bigger file itself
        data = b"gruppo_ruolo\n" + b"turnisti\n" * 200_000  # what got past it is refused by the code
        uploader.set_value(("risposte.csv", data, "text/csv")).run()
        assert not at.exception
        assert at.error[0].value == "risposte.csv: file troppo grande (1,7 MB, massimo 1 MB)"
    finally:
        cached_engine.clear()
