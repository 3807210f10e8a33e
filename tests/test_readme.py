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
