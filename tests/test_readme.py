"""The README's first screen gives exactly two commands, and CI runs the second one."""

from __future__ import annotations

import re

from tests.conftest import ROOT


def test_readme_gives_exactly_two_commands_on_its_first_screen() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    first_screen = text.split("\n---\n", 1)[0]
    blocks = re.findall(r"```bash\n(.*?)```", first_screen, flags=re.S)
    assert len(blocks) == 2
    assert all(len(b.strip().splitlines()) == 1 for b in blocks)
    assert "streamlit run app.py" in blocks[0]
    assert "pytest" in blocks[1] and "ruff" in blocks[1] and "mypy" in blocks[1]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "<!-- test-command -->" in ci


def _layout() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Layout\n", 1)[1]
    return str(re.findall(r"```\n(.*?)```", section, flags=re.S)[0])


def test_the_readme_layout_names_every_module_and_folder_of_the_tree() -> None:
    layout = _layout()
    modules = [p for p in (ROOT / "workbench").glob("*.py") if p.name != "__init__.py"]
    modules += [p for p in (ROOT / "workbench" / "export").glob("*.py") if p.name != "__init__.py"]
    folders = [p for p in (ROOT / "workbench").iterdir() if p.is_dir() and not p.name.startswith("__")]
    top = [ROOT / n for n in ("app.py", "questionnaires", "catalogue", "plan_templates", "examples", "docs")]
    top += [ROOT / n for n in ("benchmarks", "tests")]
    missing = [p.name for p in [*modules, *folders, *top] if p.name not in layout]
    assert missing == [], f"README layout does not name: {missing}"


def test_every_file_the_readme_layout_names_exists() -> None:
    named = set(re.findall(r"\b([a-z_]+\.py)\b", _layout()))
    existing = {p.name for p in ROOT.glob("*.py")} | {p.name for p in (ROOT / "workbench").rglob("*.py")}
    assert named - existing == set()
