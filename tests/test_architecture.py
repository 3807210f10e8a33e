"""Where things may be imported from, read from the source with ``ast``.

(a) Streamlit belongs to the app: no module of the package outside ``workbench/ui/`` imports it, so the
    domain, the store and the CLI run (and are tested) without a browser session.
(b) The pages only call: every store write a page makes goes through a use case of ``workbench.workflow``.
    The store's write functions are derived from the store modules themselves (see ``_store_writes``),
    not typed here, so a new one is covered the day it is added.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path
from types import ModuleType

import pytest

import workbench.store
from tests.conftest import ROOT

PACKAGE = ROOT / "workbench"
UI = PACKAGE / "ui"
PAGES = UI / "pages"
WRITE_PREFIXES = (
    "save_",
    "add_",
    "create_",
    "update_",
    "delete_",
    "archive_",
    "restore_",
    "import_",
    "undo_",
    "duplicate_",
    "set_",
    "grant_",
    "revoke_",
)
WRITES_IN_BODY = {"_audit", "_bump", "_write_answers"}
"""Store helpers only a write calls: every change goes to the audit trail (and most bump the version)."""


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


# ---- (a) streamlit only under workbench/ui -------------------------------------------------------------


def _imported_modules(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
        return [node.module]
    return []


def _imports_streamlit(tree: ast.Module) -> list[int]:
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        and any(name.split(".")[0] == "streamlit" for name in _imported_modules(node))
    ]


OUTSIDE_UI = sorted(p for p in PACKAGE.rglob("*.py") if UI not in p.parents)


@pytest.mark.parametrize("path", OUTSIDE_UI, ids=_relative)
def test_no_module_outside_the_ui_imports_streamlit(path: Path) -> None:
    lines = _imports_streamlit(_tree(path))
    assert not lines, f"{_relative(path)} imports streamlit (line {', '.join(map(str, lines))}): only workbench/ui may"


def test_the_streamlit_check_sees_every_form_of_import() -> None:
    code = "import streamlit as st\nfrom streamlit.testing.v1 import AppTest\nimport os, streamlit.components.v1\n"
    assert _imports_streamlit(ast.parse(code)) == [1, 2, 3]
    assert _imports_streamlit(ast.parse('"""about .streamlit/config.toml"""\nimport os\n')) == []


# ---- (b) no page writes to the store by itself ------------------------------------------------------------


def _store_modules() -> list[ModuleType]:
    return [
        importlib.import_module(info.name)
        for info in pkgutil.iter_modules(workbench.store.__path__, "workbench.store.")
        if not info.ispkg
    ]


def _store_writes() -> dict[str, set[str]]:
    """Public functions defined in each store module that write: by the prefix rule, or because their body
    audits / bumps the version, or calls another write of the same module (restore_plan calls save_plan)."""
    writes: dict[str, set[str]] = {}
    for module in _store_modules():
        functions = {
            name: function
            for name, function in inspect.getmembers(module, inspect.isfunction)
            if function.__module__ == module.__name__
        }
        calls = {
            name: {
                node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
                for node in ast.walk(ast.parse(inspect.getsource(function)))
                if isinstance(node, ast.Call)
            }
            for name, function in functions.items()
        }
        found = {name for name in functions if name.startswith(WRITE_PREFIXES) or calls[name] & WRITES_IN_BODY}
        while True:  # a function calling a write is a write
            more = {name for name in functions if calls[name] & found} - found
            if not more:
                break
            found |= more
        writes[module.__name__] = {name for name in found if not name.startswith("_")}
    return writes


STORE_WRITES = _store_writes()


def test_the_store_writes_are_found_from_the_store_itself() -> None:
    """A guard on the derivation: the writes every page used to make are all in, and no read is."""
    engagements = STORE_WRITES["workbench.store.engagements"]
    assert {
        "create_engagement",
        "update_engagement",
        "save_answers",
        "undo_last_answers",
        "save_workspace",
        "save_plan",
        "restore_plan",
        "add_readings",
        "save_survey_aggregate",
        "delete_engagement",
        "keep_raw_survey_rows",
    } <= engagements
    assert "import_engagement" in STORE_WRITES["workbench.store.transfer"]
    assert {"set_role", "share", "unshare", "reassign"} <= STORE_WRITES["workbench.store.access"]
    reads = {"get_engagement", "list_engagements", "load_plan", "list_readings", "get_workspace", "audit_trail"}
    assert not reads & engagements
    assert not {"export_engagement", "parse_export"} & STORE_WRITES["workbench.store.transfer"]


def _write_uses(tree: ast.Module) -> list[tuple[int, str]]:
    """(line, module.function) for every store write a script imports or reaches through a module name."""
    found: list[tuple[int, str]] = []
    aliases: dict[str, str] = {}  # local name -> store module
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            for alias in node.names:
                if node.module in STORE_WRITES and alias.name in STORE_WRITES[node.module]:
                    found.append((node.lineno, f"{node.module}.{alias.name}"))
                full = f"{node.module}.{alias.name}"
                if full in STORE_WRITES:  # from workbench.store import engagements [as e]
                    aliases[alias.asname or alias.name] = full
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in STORE_WRITES:
                    aliases[alias.asname or alias.name] = alias.name
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            owner = ast.unparse(node.value)
            module = aliases.get(owner, owner)
            if node.attr in STORE_WRITES.get(module, set()):
                found.append((node.lineno, f"{module}.{node.attr}"))
    return sorted(found)


PAGE_SCRIPTS = sorted(PAGES.glob("*.py"))


@pytest.mark.parametrize("page", PAGE_SCRIPTS, ids=lambda p: p.stem)
def test_no_page_writes_to_the_store_by_itself(page: Path) -> None:
    uses = _write_uses(_tree(page))
    assert not uses, "\n".join(
        f"{_relative(page)}:{line} uses the store write {name}: call a workbench.workflow use case instead"
        for line, name in uses
    )


@pytest.mark.parametrize(
    "code",
    [
        "from workbench.store.engagements import get_engagement, save_plan",
        "from workbench.store import engagements\nengagements.save_plan(s)",
        "from workbench.store import transfer as tr\ntr.import_engagement(s)",
        "import workbench.store.access as acc\nacc.set_role(s)",
        "import workbench.store.engagements\nworkbench.store.engagements.add_readings(s)",
    ],
)
def test_the_page_check_sees_every_way_of_reaching_a_write(code: str) -> None:
    assert len(_write_uses(ast.parse(code))) == 1


def test_reads_stay_allowed_in_pages() -> None:
    code = "from workbench.store.engagements import get_engagement, list_readings, load_plan\nload_plan(s)"
    assert _write_uses(ast.parse(code)) == []
