"""Shared fixtures: the real questionnaires and examples, and a small fixture questionnaire."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.answers_file import load_answers_file
from workbench.models.answers import AnswersFile
from workbench.questionnaire import LoadedQuestionnaire, load_questionnaire
from workbench.registry import QuestionnaireRegistry, load_registry

ROOT = Path(__file__).resolve().parent.parent
QUESTIONNAIRES = ROOT / "questionnaires"
EXAMPLES = ROOT / "examples"
MINI = Path(__file__).resolve().parent / "fixtures" / "mini" / "mini.yaml"


@pytest.fixture(scope="session")
def registry() -> QuestionnaireRegistry:
    return load_registry(QUESTIONNAIRES)


@pytest.fixture(scope="session")
def mini() -> LoadedQuestionnaire:
    return load_questionnaire(MINI)


def example(name: str) -> AnswersFile:
    return load_answers_file(EXAMPLES / name)


def require_tool(executable: str, how: str) -> str:
    """The path of an external tool; skip (or fail in CI, WORKBENCH_REQUIRE_ALL=1) when it is missing."""
    import os
    import shutil

    found = shutil.which(executable)
    if found is None:
        message = f"{executable} not found: {how}"
        if os.environ.get("WORKBENCH_REQUIRE_ALL") == "1":
            pytest.fail(message + " (WORKBENCH_REQUIRE_ALL=1 turns this skip into a failure)")
        pytest.skip(message)
    return found
