"""Every file the CLI writes is written all at once: a full disk or a refused permission never destroys the
previous file, leaves no temporary file and ends in one clear line, not a traceback (workbench.atomic_file)."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.conftest import EXAMPLES
from workbench.atomic_file import write_atomically
from workbench.cli import main

PREVIOUS = b"the previous good backup, byte for byte"


@pytest.fixture(scope="module")
def workbench_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("store")
    return {"WORKBENCH_DATABASE_URL": f"sqlite:///{folder / 'db.sqlite'}", "WORKBENCH_USER": "anna"}


def run(env: dict[str, str], *args: str) -> Result:
    return CliRunner(env=env).invoke(main, list(args))


@pytest.fixture(scope="module")
def engagement(workbench_env: dict[str, str]) -> str:
    """An engagement with a plan and a reading: everything the writing commands need."""
    created = run(workbench_env, "engagements", "create", str(EXAMPLES / "servizi_ufficio.yaml"))
    assert created.exit_code == 0, created.output
    engagement_id = created.stdout.strip()
    assert run(workbench_env, "engagements", "plan", engagement_id).exit_code == 0
    added = ("monitor", "add", engagement_id, "--indicator", "utilizzo_misure", "--date", "30/06/2027", "--value", "5")
    assert run(workbench_env, *added).exit_code == 0
    return engagement_id


@pytest.fixture(scope="module")
def plan_json(workbench_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("plan")
    path = folder / "piano.json"
    drafted = run(
        workbench_env, "plan", str(EXAMPLES / "servizi_ufficio.yaml"), "-o", str(folder / "p.docx"), "--json", str(path)
    )
    assert drafted.exit_code == 0, drafted.output
    return path


WRITING_COMMANDS: dict[str, Callable[[str, Path, Path], list[str]]] = {
    "engagements export": lambda e, p, out: ["engagements", "export", e, "-o", str(out / "backup.json")],
    "engagements render": lambda e, p, out: ["engagements", "render", e, "-o", str(out / "piano.docx")],
    "plan (Word)": lambda e, p, out: ["plan", str(EXAMPLES / "servizi_ufficio.yaml"), "-o", str(out / "piano.docx")],
    "plan (Word and JSON)": lambda e, p, out: [
        "plan",
        str(EXAMPLES / "servizi_ufficio.yaml"),
        "-o",
        str(out / "piano.docx"),
        "--json",
        str(out / "piano.json"),
    ],
    "render": lambda e, p, out: ["render", str(p), "-o", str(out / "piano.docx")],
    "monitor report": lambda e, p, out: ["monitor", "report", e, "-o", str(out / "monitoraggio.docx")],
    "objectives xlsx": lambda e, p, out: ["objectives", str(p), "-o", str(out / "obiettivi.xlsx")],
    "objectives docx": lambda e, p, out: ["objectives", str(p), "-o", str(out / "obiettivi.docx")],
    "pa chapter": lambda e, p, out: ["pa", "chapter", str(EXAMPLES / "comune.yaml"), "-o", str(out / "piao.docx")],
    "survey template csv": lambda e, p, out: ["survey", "template", "-o", str(out / "modulo.csv")],
    "survey template xlsx": lambda e, p, out: ["survey", "template", "-o", str(out / "modulo.xlsx")],
    "survey template docx": lambda e, p, out: ["survey", "template", "-o", str(out / "modulo.docx")],
}
"""Every CLI command that writes a file (grep write_output in workbench/cli/)."""


def _targets(args: list[str]) -> list[Path]:
    return [Path(args[i + 1]) for i, arg in enumerate(args) if arg in ("-o", "--json")]


def _full_disk(fd: int) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("command", list(WRITING_COMMANDS))
def test_a_full_disk_never_destroys_the_previous_backup(
    command: str,
    workbench_env: dict[str, str],
    engagement: str,
    plan_json: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    args = WRITING_COMMANDS[command](engagement, plan_json, tmp_path)
    for target in _targets(args):
        target.write_bytes(PREVIOUS)
    monkeypatch.setattr("workbench.atomic_file.os.fsync", _full_disk)  # the bytes went out, the disk refused them
    result = run(workbench_env, *args)
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)  # an exit with a message, not a traceback
    assert "il disco è pieno" in result.stderr
    assert "Traceback" not in result.output
    for target in _targets(args):
        assert target.read_bytes() == PREVIOUS
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(t.name for t in _targets(args))  # no temp file


@pytest.mark.parametrize("command", list(WRITING_COMMANDS))
def test_every_writing_command_still_writes_its_file(
    command: str, workbench_env: dict[str, str], engagement: str, plan_json: Path, tmp_path: Path
) -> None:
    args = WRITING_COMMANDS[command](engagement, plan_json, tmp_path)
    for target in _targets(args):
        target.write_bytes(PREVIOUS)
    result = run(workbench_env, *args)
    assert result.exit_code == 0, result.output
    for target in _targets(args):
        assert target.read_bytes() not in (PREVIOUS, b"")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(t.name for t in _targets(args))


def test_a_disk_that_fills_up_halfway_through_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "backup.json"
    target.write_bytes(PREVIOUS)
    calls: list[int] = []
    real_write = os.write

    def half_then_full(fd: int, data: bytes | memoryview) -> int:
        calls.append(len(data))
        if len(calls) > 1:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, bytes(data)[: len(data) // 2])

    monkeypatch.setattr("workbench.atomic_file.os.write", half_then_full)
    with pytest.raises(OSError) as raised:
        write_atomically(target, b"x" * 100_000)
    assert raised.value.errno == errno.ENOSPC
    assert len(calls) == 2
    assert target.read_bytes() == PREVIOUS
    assert [p.name for p in tmp_path.iterdir()] == ["backup.json"]


def test_a_refused_permission_says_so_in_one_line_and_keeps_the_file(
    workbench_env: dict[str, str], engagement: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "backup.json"
    target.write_bytes(PREVIOUS)

    def denied(source: str, destination: str) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr("workbench.atomic_file.os.replace", denied)
    result = run(workbench_env, "engagements", "export", engagement, "-o", str(target), "--lang", "en")
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0
    assert "permission denied" in result.stderr
    assert target.read_bytes() == PREVIOUS
    assert [p.name for p in tmp_path.iterdir()] == ["backup.json"]


def test_a_written_file_replaces_the_old_one_whole_and_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "piano.json"
    target.write_bytes(PREVIOUS)
    target.chmod(0o640)
    write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o640
    fresh = tmp_path / "nuovo.json"
    write_atomically(fresh, b"")
    assert fresh.read_bytes() == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nuovo.json", "piano.json"]
