"""The `workbench` command starts without loading what it does not run (issue "A live session without waiting").

The command modules import only click at module level and the domain inside the command functions, so
`workbench --help` (and every `workbench CMD --help`) loads none of pandas, SQLAlchemy, docxtpl, Altair or
Streamlit, and `workbench plan` loads no database layer. Each check runs in a fresh Python process and reads
``sys.modules`` there (what this test process has imported says nothing). No timing here: the figures are
``benchmarks/bench_cli.py``'s.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
from click.testing import CliRunner

from tests.conftest import EXAMPLES, ROOT
from workbench.cli import main

HEAVY = ("pandas", "sqlalchemy", "docxtpl", "altair", "streamlit")
"""Not needed to list the commands or to show a command's help."""
STORE = ("sqlalchemy", "alembic", "psycopg", "streamlit")
"""Not needed to draft a plan from an answers file and write it to Word."""

CHILD = """
import json, sys
import workbench.cli

for args in json.loads(sys.argv[1]):
    try:
        workbench.cli.main(args, prog_name="workbench")
    except SystemExit as exc:
        if exc.code not in (0, None):
            print(f"workbench {' '.join(args)}: exit {exc.code}", file=sys.stderr)
            sys.exit(3)
watched = json.loads(sys.argv[2])
print(json.dumps(sorted(name for name in watched if name in sys.modules)))
"""


def loaded_after(runs: list[list[str]], watched: tuple[str, ...]) -> list[str]:
    """The ``watched`` top-level modules a fresh interpreter holds after ``workbench`` ran each of ``runs``."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(runs), json.dumps(watched)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    loaded: list[str] = json.loads(done.stdout.splitlines()[-1])
    return loaded


def command_paths(group: click.Group, prefix: tuple[str, ...] = ()) -> list[list[str]]:
    """Every command and subcommand, as the words that name it (["engagements", "plan"], ...)."""
    context = click.Context(group)
    paths: list[list[str]] = []
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        assert command is not None
        paths.append([*prefix, name])
        if isinstance(command, click.Group):
            paths += command_paths(command, (*prefix, name))
    return paths


def test_importing_the_cli_loads_no_heavy_library() -> None:
    assert loaded_after([], HEAVY) == []


def test_workbench_help_and_every_command_help_load_no_heavy_library() -> None:
    runs = [["--help"], *([*path, "--help"] for path in command_paths(main))]
    assert len(runs) > 20  # every subcommand of every group, not only the top level
    assert loaded_after(runs, HEAVY) == []


def test_workbench_help_lists_every_command_with_its_one_line_help() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0, result.output
    context = click.Context(main)
    for name in main.list_commands(context):
        command = main.get_command(context, name)
        assert command is not None
        summary = command.get_short_help_str(limit=1000)
        listed = [line.split(maxsplit=1) for line in result.output.splitlines()]
        shown = [words[1].removesuffix("...") for words in listed if len(words) == 2 and words[0] == name]
        assert len(shown) == 1, name
        assert len(shown[0]) > 10 and summary.startswith(shown[0]), (name, shown[0], summary)


def test_plan_writes_the_word_document_without_the_database_layer_or_streamlit(tmp_path: Path) -> None:
    output = tmp_path / "p.docx"
    run = ["plan", str(EXAMPLES / "servizi_ufficio.yaml"), "-o", str(output)]
    assert loaded_after([run], STORE) == []
    assert output.read_bytes()[:2] == b"PK"  # a .docx (zip) was written
