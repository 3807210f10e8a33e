"""Uploads are capped in Streamlit's config and checked again in code, with the same figure."""

from __future__ import annotations

import tomllib

import pytest

from tests.conftest import ROOT
from workbench.answers_file import MAX_ANSWERS_BYTES, parse_answers_bytes
from workbench.content import ContentError
from workbench.settings import MAX_UPLOAD_MB
from workbench.survey.reading import MAX_SURVEY_BYTES, SurveyFileError, read_table


def test_the_streamlit_cap_and_the_code_cap_agree() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == MAX_UPLOAD_MB
    assert MAX_SURVEY_BYTES == MAX_UPLOAD_MB * 1024 * 1024
    assert MAX_ANSWERS_BYTES <= MAX_SURVEY_BYTES


def test_a_file_over_the_cap_is_refused_in_code_too() -> None:
    with pytest.raises(SurveyFileError, match="file troppo grande"):
        read_table("grande.csv", b"x" * (MAX_SURVEY_BYTES + 1))
    with pytest.raises(ContentError, match="file too large"):
        parse_answers_bytes("risposte.yaml", b"x" * (MAX_ANSWERS_BYTES + 1))
