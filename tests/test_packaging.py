"""A non-editable install (``pip install .``) carries the content and finds it.

The wheel is built offline from a copy of the checkout (the build leaves build/ and egg-info behind, which the
checkout need not get), installed into a folder with ``pip install --target`` and run from another folder:
the questionnaires, the catalogue and the Word templates come from the package's own copy.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, skip_or_fail
from workbench.settings import CONTENT_FOLDERS, PACKAGED_CONTENT, get_settings

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PACKAGED_AS = "workbench._content"
NOT_COPIED = shutil.ignore_patterns(
    ".venv",
    ".git",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    ".hypothesis",
    "test-artifacts",
    "node_modules",
)
CONTENT_DIRS = [f"WORKBENCH_{name}" for name in ("QUESTIONNAIRES_DIR", "CATALOGUE_DIR", "SHIPPED_TEMPLATES_DIR")]


def _source_packages() -> set[str]:
    """Every folder of workbench/ with Python modules, as a dotted package name."""
    return {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in (ROOT / "workbench").rglob("*.py")
        if "__pycache__" not in path.parts
    }


def test_every_package_is_listed_for_the_wheel() -> None:
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    assert sorted(_source_packages() - listed) == [], "add these to [tool.setuptools] packages in pyproject.toml"
    content = {f"{PACKAGED_AS}.{name}" for name in CONTENT_FOLDERS}
    assert sorted(listed - _source_packages() - content) == []
    mapped = PYPROJECT["tool"]["setuptools"]["package-dir"]
    assert mapped == {f"{PACKAGED_AS}.{name}": name for name in CONTENT_FOLDERS}


def test_a_checkout_reads_the_content_at_its_root(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in CONTENT_DIRS:
        monkeypatch.delenv(name, raising=False)
    assert not PACKAGED_CONTENT.exists()  # only an installed wheel has it
    settings = get_settings()
    assert settings.questionnaires_dir == ROOT / "questionnaires"
    assert settings.catalogue_dir == ROOT / "catalogue"
    assert settings.shipped_templates_dir == ROOT / "plan_templates"


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, f"{' '.join(args)}\n{done.stdout}\n{done.stderr}"
    return done


def _has_bdist_wheel() -> bool:
    return importlib.util.find_spec("setuptools.command.bdist_wheel") is not None  # setuptools >= 70.1


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if importlib.util.find_spec("setuptools") is None or not _has_bdist_wheel():
        skip_or_fail("setuptools >= 70.1 builds the wheel offline: pip install -e '.[dev]'")
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=NOT_COPIED)
    stray = source / ".venv" / "lib" / "site-packages" / "stray"  # what a checkout's own venv holds
    stray.mkdir(parents=True)
    (stray / "__init__.py").write_text("", encoding="utf-8")
    dist = work / "dist"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    _run([*pip, "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q", "-w", str(dist), "."], source)
    (built,) = dist.glob("*.whl")
    return built


@pytest.mark.slow
def test_the_wheel_carries_the_code_and_the_content_and_nothing_else(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert sorted(n for n in names if not n.startswith(("workbench/", "conciliazione_workbench-"))) == []
    assert [n for n in names if ".venv" in n or "stray" in n or n.startswith("tests/")] == []
    code = {
        path.relative_to(ROOT).as_posix()
        for pattern in ("*.py", "*.yaml", "*.mako")
        for path in (ROOT / "workbench").rglob(pattern)
        if "__pycache__" not in path.parts
    }
    assert sorted(code - names) == []  # strings.yaml and the alembic migrations among them
    content = {
        f"workbench/_content/{path.relative_to(ROOT).as_posix()}"
        for folder in CONTENT_FOLDERS
        for path in (ROOT / folder).rglob("*")
        if path.is_file() and path.suffix in (".yaml", ".yml", ".docx")
    }
    assert len(content) > 30
    assert sorted(content - names) == []


@pytest.mark.slow
def test_an_installed_wheel_finds_its_content_from_any_folder(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    _run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q", "--target", str(site), str(wheel)],
        tmp_path,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in CONTENT_DIRS and k != "WORKBENCH_TEMPLATES_DIR"}
    env["PYTHONPATH"] = str(site)
    where = _run(
        [
            sys.executable,
            "-c",
            "import workbench, workbench.settings as s; c = s.get_settings(); "
            "print(workbench.__file__, c.questionnaires_dir, c.catalogue_dir, c.shipped_templates_dir, sep='\\n')",
        ],
        elsewhere,
        env,
    )
    paths = [Path(line) for line in where.stdout.splitlines()]
    packaged = site / "workbench" / "_content"
    assert paths == [
        site / "workbench" / "__init__.py",
        packaged / "questionnaires",
        packaged / "catalogue",
        packaged / "plan_templates",
    ]
    out = elsewhere / "out.docx"
    command = [sys.executable, str(site / "bin" / "workbench")]
    _run([*command, "plan", str(ROOT / "examples" / "servizi_ufficio.yaml"), "-o", out.name], elsewhere, env)
    with zipfile.ZipFile(out) as document:
        assert "word/document.xml" in document.namelist()
    checked = _run([*command, "validate"], elsewhere, env)
    assert "_content" in checked.stdout
