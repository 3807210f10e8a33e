"""Hostile readings files through every entry point of the one parser they share (workbench.monitoring
``readings_from_table``): the function itself, the monitoring page's upload (AppTest) and ``workbench monitor
import``. Each case is imported correctly or refused with a message naming the row and the column, never
repeating what a cell says; nothing wrong is stored and nothing already stored is lost."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.app.conftest import app, database, seed, shown  # noqa: F401  # the fixture these AppTest runs use
from tests.plan_fixtures import drafted
from workbench.cli import main
from workbench.models.engagement import Reading
from workbench.monitoring import MAX_REJECTED_SHOWN, readings_from_table
from workbench.store.engagements import add_readings, list_readings, save_plan
from workbench.store.engine import open_store, session_scope
from workbench.survey.reading import SurveyFileError, read_table

PLAN, _ = drafted("servizi_ufficio.yaml")
IND = PLAN.indicators[0].id
HEADER = "indicatore;data;valore;nota\n"
FORMULA = '=HYPERLINK("http://mario.rossi.example";"clic")'
QUOTED_FORMULA = '"' + FORMULA.replace('"', '""') + '"'
"""The formula as Excel writes the cell in a CSV with ';'."""
EARLIER = Reading(indicator=IND, date=dt.date(2027, 3, 31), value=4.0, note="lettura di marzo")
"""Stored before every upload: no upload, refused or not, may lose it."""


@dataclass(frozen=True)
class Case:
    data: bytes
    imported: list[tuple[str, float, dt.date, str]] = field(default_factory=list)
    rejected: dict[int, str] = field(default_factory=dict)
    """row -> the column its reason names (as headed in the file)."""
    refused: str = ""
    """A file refused as a whole: part of its message."""
    secret: str = ""
    """What a cell says that no message repeats."""
    name: str = "letture.csv"


def _csv(*rows: str, header: str = HEADER, encoding: str = "utf-8") -> bytes:
    return (header + "".join(row + "\n" for row in rows)).encode(encoding)


JUNE = dt.date(2027, 6, 30)
BIG_ROWS = 11 * 1024 * 1024 // len(f"Mario Rossi;30/06/2027;3;{'x' * 20}\n") + 1
CASES: dict[str, Case] = {
    "semicolons and latin-1": Case(
        _csv(f"{IND};30/06/2027;12,5;perché è così", encoding="latin-1"), imported=[(IND, 12.5, JUNE, "perché è così")]
    ),
    "a formula cell as the value, and one as the note": Case(
        _csv(f"{IND};30/06/2027;{QUOTED_FORMULA};", f"{IND};30/06/2027;3;{QUOTED_FORMULA}"),
        imported=[(IND, 3.0, JUNE, FORMULA)],  # a note is kept as typed; every spreadsheet output disarms it
        rejected={2: "valore"},
        secret="mario.rossi",
    ),
    "a 400-digit number": Case(_csv(f"{IND};30/06/2027;{'9' * 400};"), rejected={2: "valore"}, secret="9" * 30),
    "inf and nan": Case(
        _csv(*(f"{IND};30/06/2027;{v};" for v in ("inf", "nan", "-inf", "Infinity", "NaN"))),
        rejected={2: "valore", 3: "valore", 4: "valore", 5: "valore", 6: "valore"},
        secret="Infinity",
    ),
    "the 31st of February": Case(_csv(f"{IND};31/02/2026;3;"), rejected={2: "data"}, secret="31/02/2026"),
    "an unknown indicator (a person's name)": Case(
        _csv("Mario Rossi;30/06/2027;3;", f"{IND};30/06/2027;5;"),
        imported=[(IND, 5.0, JUNE, "")],
        rejected={2: "indicatore"},
        secret="Rossi",
    ),
    "a note longer than a reading keeps": Case(
        _csv(f"{IND};30/06/2027;3;{'Rossi ' * 200}"), rejected={2: "nota"}, secret="Rossi"
    ),
    "an empty file": Case(b"", refused="il file è vuoto"),
    "only blank lines": Case(b"\n\n\n", refused="il file è vuoto"),
    "binary bytes named .csv": Case(bytes(range(256)) * 8, refused="non sembra un file di testo CSV"),
    "an HTML page named .csv": Case(
        b"<html><body><h1>Accedi</h1><p>Mario Rossi</p></body></html>\n",
        refused="mancano le colonne: indicatore, data, valore",
        secret="Rossi",
    ),
    "a very long line": Case(
        _csv(f"{IND};30/06/2027;3;" + "Rossi" * 40_000), refused="riga 2, colonna «nota»", secret="RossiRossi"
    ),
    "a 10 MB+ file of rows that are all wrong": Case(
        _csv(*[f"Mario Rossi;30/06/2027;3;{'x' * 20}"] * BIG_ROWS),
        rejected=dict.fromkeys(range(2, BIG_ROWS + 2), "indicatore"),
        secret="Rossi",
    ),
}


def _check_reasons(case: Case, rejected: dict[int, str]) -> None:
    assert sorted(rejected) == sorted(case.rejected)
    for row, reason in rejected.items():
        assert reason.startswith(f"colonna «{case.rejected[row]}»: "), reason
        assert not case.secret or case.secret not in reason


@pytest.mark.parametrize("case", list(CASES))
def test_the_parser_imports_or_names_row_and_column(case: str) -> None:
    spec = CASES[case]
    try:
        readings, rejected = readings_from_table(read_table(spec.name, spec.data), PLAN)
    except SurveyFileError as exc:
        assert spec.refused and spec.refused in str(exc), str(exc)
        assert not spec.secret or spec.secret not in str(exc)
        return
    assert not spec.refused
    assert [(r.indicator, r.value, r.date, r.note) for r in readings] == spec.imported
    _check_reasons(spec, {r.row: r.reason for r in rejected})


def test_the_parser_speaks_the_users_language() -> None:
    _, rejected = readings_from_table(read_table("r.csv", _csv(f"{IND};31/02/2026;inf;")), PLAN, "en")
    assert rejected[0].reason == (
        "column 'data': invalid date, that day is not in the calendar (like 31/02); "
        "column 'valore': the value is not a number (examples: 1,200.50 · 45.5 · 40 %)"
    )


def test_a_file_over_the_upload_cap_is_refused_with_both_sizes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBENCH_MAX_UPLOAD_MB", "10")
    with pytest.raises(SurveyFileError, match=r"file troppo grande \(11(,\d)? MB, massimo 10 MB\)"):
        read_table("letture.csv", CASES["a 10 MB+ file of rows that are all wrong"].data)


# ---- through the app and the CLI, against a real store ------------------------------------------------------


def _engagement(url: str) -> int:
    engagement_id = seed(url)
    engine = open_store(url)
    with session_scope(engine) as session:
        save_plan(session, engagement_id=engagement_id, plan=PLAN, expected_version=1, actor="anna")
        add_readings(session, engagement_id=engagement_id, readings=[EARLIER], actor="anna")
    engine.dispose()
    return engagement_id


def _stored(url: str, engagement_id: int) -> list[tuple[str, float, dt.date, str]]:
    engine = open_store(url)
    with session_scope(engine) as session:
        found = [(r.indicator, r.value, r.date, r.note) for r in list_readings(session, engagement_id=engagement_id)]
    engine.dispose()
    return found


def _expected_store(spec: Case) -> list[tuple[str, float, dt.date, str]]:
    return [(EARLIER.indicator, EARLIER.value, EARLIER.date, EARLIER.note), *spec.imported]


@pytest.mark.parametrize("case", list(CASES))
def test_the_monitoring_page_upload_imports_or_names_row_and_column(database: str, case: str) -> None:  # noqa: F811
    spec = CASES[case]
    engagement_id = _engagement(database)
    at = app(engagement_id, "monitoraggio")
    at.file_uploader(key="readings_upload").set_value((spec.name, spec.data, "text/csv")).run()
    at.button(key="import_readings").click().run()
    assert not at.exception
    errors = [shown(e.value) for e in at.error]
    said = " ".join([*errors, *(s.value for s in at.success), *(shown(c.value) for c in at.caption)])
    assert not spec.secret or spec.secret not in said
    if spec.refused:
        assert len(errors) == 1 and spec.refused in errors[0], errors
        assert not at.success
    else:
        assert not errors
        assert [s.value for s in at.success] == [
            f"{len(spec.imported)} letture importate, {len(spec.rejected)} righe scartate."
        ]
        listed = [shown(c.value) for c in at.caption if c.value.startswith("Riga ")]
        expected = sorted(spec.rejected)[:MAX_REJECTED_SHOWN]
        assert [int(c.split(":")[0].removeprefix("Riga ")) for c in listed] == expected
        for caption in listed:
            row = int(caption.split(":")[0].removeprefix("Riga "))
            assert f"colonna «{spec.rejected[row]}»" in caption
        more = len(spec.rejected) - MAX_REJECTED_SHOWN
        assert (f"… e altre {more} righe scartate." in said) == (more > 0)
    assert _stored(database, engagement_id) == _expected_store(spec)


@pytest.mark.parametrize("case", list(CASES))
def test_monitor_import_imports_or_names_row_and_column(database: str, case: str, tmp_path: Path) -> None:  # noqa: F811
    spec = CASES[case]
    engagement_id = _engagement(database)
    path = tmp_path / spec.name
    path.write_bytes(spec.data)
    result = CliRunner().invoke(main, ["monitor", "import", str(engagement_id), str(path)])
    assert "Traceback" not in result.output
    assert not spec.secret or spec.secret not in result.output
    if spec.refused:
        assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
        assert spec.refused in result.stderr
    else:
        assert result.exit_code == 0, result.output
        assert result.stdout.strip() == str(len(spec.imported))
        lines = [line for line in result.stderr.splitlines() if ": riga " in line]
        assert len(lines) == min(len(spec.rejected), MAX_REJECTED_SHOWN)
        for line, row in zip(lines, sorted(spec.rejected), strict=False):
            assert f": riga {row}: colonna «{spec.rejected[row]}»" in line
    assert _stored(database, engagement_id) == _expected_store(spec)


def test_monitor_import_refuses_a_file_over_the_cap_before_reading_it(
    database: str,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    engagement_id = _engagement(database)
    path = tmp_path / "letture.csv"
    path.write_bytes(CASES["a 10 MB+ file of rows that are all wrong"].data)
    monkeypatch.setenv("WORKBENCH_MAX_UPLOAD_MB", "10")
    result = CliRunner().invoke(main, ["monitor", "import", str(engagement_id), str(path)])
    assert result.exit_code == 1
    assert "file troppo grande" in result.stderr and "massimo 10 MB" in result.stderr
    assert _stored(database, engagement_id) == _expected_store(Case(b""))
