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
PUBLIC_PROFILES = (
    "azienda_agricola.yaml",
    "comune_grande.yaml",
    "cooperativa_cura.yaml",
    "pmi_premio_risultato.yaml",
    "ristorante_turni.yaml",
    "ufficio_30_femminile.yaml",
)
"""Examples built from public sources only (issue 15): incomplete by design, most needs not scored yet."""


@pytest.fixture(scope="session")
def registry() -> QuestionnaireRegistry:
    return load_registry(QUESTIONNAIRES)


@pytest.fixture(scope="session")
def mini() -> LoadedQuestionnaire:
    return load_questionnaire(MINI)


def example(name: str) -> AnswersFile:
    return load_answers_file(EXAMPLES / name)


def skip_or_fail(message: str) -> None:
    """Skip a test whose outside tool is missing — or fail, in CI, where WORKBENCH_REQUIRE_ALL=1."""
    import os

    if os.environ.get("WORKBENCH_REQUIRE_ALL") == "1":
        pytest.fail(message + " (WORKBENCH_REQUIRE_ALL=1 turns this skip into a failure)")
    pytest.skip(message)


def require_tool(executable: str, how: str) -> str:
    """The path of an external tool, or skip_or_fail saying how to install it."""
    import shutil

    found = shutil.which(executable)
    if found is None:
        skip_or_fail(f"{executable} not found: {how}")
        raise AssertionError("unreachable")
    return found


BROWSER_FOLDERS = ("e2e", "load")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Markers by what a test needs, so everyday work can leave the heavy ones out (README: the fast lane):
    ``browser`` for tests/e2e and tests/load, ``postgres`` for a test on the PostgreSQL server."""
    for item in items:
        parts = item.path.relative_to(ROOT / "tests").parts
        if parts and parts[0] in BROWSER_FOLDERS:
            item.add_marker(pytest.mark.browser)
        callspec = getattr(item, "callspec", None)
        fixtures = getattr(item, "fixturenames", ())
        on_postgres = callspec is not None and callspec.params.get("database_url") == "postgresql"
        if on_postgres or "postgres_admin_url" in fixtures:
            item.add_marker(pytest.mark.postgres)
