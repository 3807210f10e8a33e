"""Structure of the domain modules: content loading lives in the loader, interface text in strings.yaml."""

from __future__ import annotations

import ast
import subprocess
import sys
from typing import get_args

import pytest
import yaml

from tests.conftest import ROOT
from workbench.models.answers import ShareLevel

STRINGS = yaml.safe_load((ROOT / "workbench" / "i18n" / "strings.yaml").read_text(encoding="utf-8"))
CONTENT_LANGUAGE = ("workbench/models/text.py",)
"""models/text.py's LocalText.get picks a content field by language: the content's own fallback, not text."""
NO_LANGUAGE_SWITCH = tuple(
    sorted(
        str(p.relative_to(ROOT))
        for p in (ROOT / "workbench").rglob("*.py")
        if "i18n" not in p.parts and str(p.relative_to(ROOT)) not in CONTENT_LANGUAGE
    )
)
"""Every module's words come from strings.yaml: no module picks a text by comparing the language."""


def _imports(path: str) -> set[str]:
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_the_catalogue_loader_imports_no_calculator() -> None:
    assert _imports("workbench/catalogue.py") & {"workbench.welfare", "workbench.crosswalk"} == set()


def test_the_calculators_load_without_the_catalogue_loader() -> None:
    code = (
        "import sys, workbench.welfare, workbench.crosswalk, workbench.content_ids; "
        "print('workbench.catalogue' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout.strip() == "False"


def test_content_ids_import_nothing_of_the_workbench() -> None:
    assert {m for m in _imports("workbench/content_ids.py") if m.startswith("workbench")} == set()


def _compares_lang_with_a_literal(node: ast.Compare) -> bool:
    sides = [node.left, *node.comparators]
    names = [s for s in sides if isinstance(s, ast.Name) and s.id == "lang"]
    literals = [s for s in sides if isinstance(s, ast.Constant) and s.value in ("it", "en")]
    return bool(names and literals)


@pytest.mark.parametrize("path", NO_LANGUAGE_SWITCH)
def test_no_inline_language_switch(path: str) -> None:
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    compares = [node for node in ast.walk(tree) if isinstance(node, ast.Compare)]
    lines = [node.lineno for node in compares if _compares_lang_with_a_literal(node)]
    assert lines == [], f"{path}: a 'lang == ...' text switch; put the words in strings.yaml and call t()"


@pytest.mark.parametrize(
    "key",
    [
        *(f"ans_share_{level}" for level in get_args(ShareLevel)),
        *(f"ans_{form}{variant}" for form in ("about", "between", "under", "over") for variant in ("", "_pct")),
    ],
)
def test_keys_built_in_answer_display_exist_in_both_languages(key: str) -> None:
    assert STRINGS[key]["it"] and STRINGS[key]["en"]
