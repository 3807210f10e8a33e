"""Readings stored as ``inf``/``NaN`` before the number model refused them: never repaired, never deleted, left out
on read with a note saying how many, so no page or command fails on them (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import func, select

from tests.app.conftest import app, database  # noqa: F401  # the fixture the AppTest run uses
from tests.conftest import EXAMPLES
from workbench.cli import main
from workbench.i18n import t
from workbench.store.engagements import count_unreadable_readings, list_readings
from workbench.store.engine import open_store, session_scope
from workbench.store.schema import IndicatorReading, utcnow


def cli(database_url: str, *args: str) -> Result:
    return CliRunner(env={"WORKBENCH_DATABASE_URL": database_url, "WORKBENCH_USER": "anna"}).invoke(main, list(args))


def _legacy(database_url: str) -> tuple[int, int]:
    """An engagement with one good reading and the legacy ones the database kind can hold (SQLite turns NaN into
    NULL, which the column refuses, so only PostgreSQL has NaN); returns its id and how many are legacy."""
    engagement = cli(database_url, "engagements", "create", str(EXAMPLES / "servizi_ufficio.yaml")).stdout.strip()
    assert cli(database_url, "engagements", "plan", engagement).exit_code == 0
    added = cli(
        database_url, "monitor", "add", engagement, "--indicator", "utilizzo_misure", "--date", "30/06/2027",
        "--value", "45,5", "--note", "dato HR",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    values = [math.inf, -math.inf, 1e300]
    if database_url.startswith("postgresql"):
        values.append(math.nan)
    sqlite = database_url.startswith("sqlite")
    mark = "?" if sqlite else "%s"
    day, at = ("2026-12-31", "2026-12-31 10:00:00.000000") if sqlite else (dt.date(2026, 12, 31), utcnow())
    engine = open_store(database_url)
    raw = engine.raw_connection()  # as written then: below the store's checks, which now refuse such a value
    try:
        cursor = raw.cursor()
        cursor.executemany(
            "INSERT INTO indicator_readings (engagement_id, indicator, date, value, note, created_at, created_by) "
            f"VALUES ({', '.join([mark] * 7)})",
            [(int(engagement), "utilizzo_misure", day, v, "la nota scritta allora", at, "anna") for v in values],
        )
        raw.commit()
    finally:
        raw.close()
    engine.dispose()
    return int(engagement), len(values)


def _rows(database_url: str, engagement_id: int) -> int:
    engine = open_store(database_url)
    with session_scope(engine) as session:
        found = session.scalar(select(func.count()).where(IndicatorReading.engagement_id == engagement_id)) or 0
    engine.dispose()
    return found


def test_legacy_non_finite_readings_are_left_out_on_read_and_kept_in_the_store(database_url: str) -> None:
    engagement_id, legacy = _legacy(database_url)
    engine = open_store(database_url)
    with session_scope(engine) as session:
        readings = list_readings(session, engagement_id=engagement_id)
        unreadable = count_unreadable_readings(session, engagement_id=engagement_id)
    engine.dispose()
    assert [(r.value, r.note) for r in readings] == [(45.5, "dato HR")]
    assert unreadable == legacy
    assert _rows(database_url, engagement_id) == legacy + 1  # nothing deleted, nothing repaired


def test_the_monitoring_report_and_the_export_do_not_fail_on_legacy_readings(database_url: str, tmp_path: Path) -> None:
    engagement_id, legacy = _legacy(database_url)
    note = t("mon_unreadable_readings", "it", n=legacy)
    report = cli(database_url, "monitor", "report", str(engagement_id), "-o", str(tmp_path / "m.docx"))
    assert report.exit_code == 0, report.output
    assert note in report.stderr
    assert (tmp_path / "m.docx").stat().st_size > 0
    as_json = cli(database_url, "monitor", "report", str(engagement_id), "--json")
    assert as_json.exit_code == 0, as_json.output
    assert json.loads(as_json.stdout)["indicators"]
    exported = cli(database_url, "engagements", "export", str(engagement_id), "-o", str(tmp_path / "e.json"))
    assert exported.exit_code == 0, exported.output
    readings = json.loads((tmp_path / "e.json").read_text(encoding="utf-8"))["readings"]
    assert [r["value"] for r in readings] == [45.5]  # a valid export: no inf, NaN or null in it
    assert _rows(database_url, engagement_id) == legacy + 1


@pytest.mark.usefixtures("database")
def test_the_monitoring_page_says_how_many_legacy_readings_it_leaves_out(database: str) -> None:  # noqa: F811
    engagement_id, legacy = _legacy(database)
    at = app(engagement_id, "monitoraggio")
    assert not at.exception
    assert [w.value for w in at.warning] == [t("mon_unreadable_readings", "it", n=legacy)]
    assert len(at.dataframe[0].value) > 0
