"""Monitoring: readings against targets, the status rule, readings import and the Word report."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
import pytest

from tests.pdf_pages import pdf_text, to_pdf
from tests.plan_fixtures import NASTY_NAME, drafted
from workbench.export.monitoring_docx import render_monitoring_docx
from workbench.models.engagement import Reading
from workbench.models.plan import PlanIndicator
from workbench.monitoring import indicator_chart, indicator_status, plan_status, readings_from_table
from workbench.survey.reading import SurveyFileError, read_table

START = dt.date(2027, 1, 1)
ABSENCE = PlanIndicator(
    id="tasso_assenteismo",
    name="Tasso di assenza",
    unit="%",
    direction="lower",
    baseline=8.0,
    target=6.0,
    target_date=dt.date(2029, 1, 1),
)


def reading(value: float, day: dt.date, indicator: str = "tasso_assenteismo") -> Reading:
    return Reading(indicator=indicator, date=day, value=value)


@pytest.mark.parametrize(
    ("value", "day", "status"),
    [
        (7.0, dt.date(2028, 1, 1), "on_track"),  # halfway in time, halfway on the path
        (7.6, dt.date(2028, 1, 1), "at_risk"),  # 20% of the path when 50% was due
        (8.5, dt.date(2028, 1, 1), "off_track"),  # moving away from the target
        (6.0, dt.date(2027, 6, 1), "achieved"),
        (7.9, dt.date(2027, 2, 1), "on_track"),  # early days: little is expected yet
    ],
)
def test_the_status_follows_the_expected_path_from_baseline_to_target(value: float, day: dt.date, status: str) -> None:
    assert indicator_status(ABSENCE, [reading(value, day)], START).status == status


def test_higher_is_better_indicators_work_the_same_way() -> None:
    uptake = PlanIndicator(
        id="x", name="Utilizzo", unit="%", direction="higher", baseline=20, target=60, target_date=dt.date(2029, 1, 1)
    )
    status = indicator_status(uptake, [reading(40, dt.date(2028, 1, 1), "x")], START)
    assert status.status == "on_track"
    assert status.expected == pytest.approx(40, abs=0.5)


def test_without_readings_or_target_the_status_says_so() -> None:
    assert indicator_status(ABSENCE, [], START).status == "no_data"
    open_target = ABSENCE.model_copy(update={"target": None})
    assert indicator_status(open_target, [reading(7, dt.date(2027, 6, 1))], START).status == "no_target"


def test_a_missing_baseline_is_taken_from_the_first_reading() -> None:
    no_baseline = ABSENCE.model_copy(update={"baseline": None})
    status = indicator_status(no_baseline, [reading(9, dt.date(2027, 2, 1)), reading(8, dt.date(2028, 1, 1))], START)
    assert status.baseline == 9 and status.baseline_from_readings
    assert status.latest == 8


def test_the_indicator_chart_has_the_readings_and_the_target_line() -> None:
    status = indicator_status(ABSENCE, [reading(7.5, dt.date(2027, 6, 1)), reading(7, dt.date(2028, 1, 1))], START)
    spec = indicator_chart(status).to_dict()
    layers = spec["layer"]
    assert len(layers) == 3  # readings, target, baseline
    assert "a rischio" in spec["title"] or "in linea" in spec["title"]


def test_readings_are_imported_from_an_italian_csv_with_bad_rows_reported() -> None:
    plan, _ = drafted("manifattura_turni.yaml")
    text = (
        "indicatore;data;valore;nota\n"
        "tasso_assenteismo;31/03/2027;7,1;primo trimestre\n"
        "Turnover volontario;30/06/2027;6,0;\n"
        "sconosciuto;30/06/2027;1;\n"
        "tasso_assenteismo;31/13/2027;7;\n"
        "tasso_assenteismo;30/09/2027;molto;\n"
    )
    readings, rejected = readings_from_table(read_table("letture.csv", text.encode("cp1252")), plan)
    assert [(r.indicator, r.value) for r in readings] == [("tasso_assenteismo", 7.1), ("turnover_volontario", 6.0)]
    assert [r.row for r in rejected] == [4, 5, 6]
    assert "indicatore sconosciuto" in rejected[0].reason
    assert "data non valida" in rejected[1].reason
    assert "valore non numerico" in rejected[2].reason


def test_a_readings_file_without_the_needed_columns_is_refused() -> None:
    plan, _ = drafted("manifattura_turni.yaml")
    with pytest.raises(SurveyFileError, match="mancano le colonne: data, valore"):
        readings_from_table(read_table("x.csv", b"indicatore;altro\nx;1\n"), plan)


def _report(name: str, organisation_name: str | None = None) -> bytes:
    plan, _ = drafted(name, organisation_name=organisation_name)
    readings = [
        reading(7.0, dt.date(2027, 6, 30)),
        reading(6.8, dt.date(2027, 12, 31)),
        reading(7.5, dt.date(2027, 12, 31), "turnover_volontario"),
    ]
    return render_monitoring_docx(plan, plan_status(plan, readings), today=dt.date(2028, 1, 15), lang="it", version=2)


@pytest.mark.parametrize("name", ["manifattura_turni.yaml", "servizi_ufficio.yaml", "comune.yaml"])
def test_the_monitoring_report_renders_for_each_example(name: str) -> None:
    document = docx.Document(io.BytesIO(_report(name)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "{{" not in text and "{%" not in text
    assert "15/01/2028" in text
    assert "Regola:" in text
    table = document.tables[0]
    assert table.rows[0].cells[0].text == "Indicatore"


def test_the_report_shows_charts_and_what_to_discuss(tmp_path: Path) -> None:
    document = docx.Document(io.BytesIO(_report("manifattura_turni.yaml", NASTY_NAME)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert NASTY_NAME in text
    assert len(document.inline_shapes) == 2  # two indicators have readings
    assert "Da discutere nel gruppo di pilotaggio" in text  # turnover went up: off track


@pytest.mark.slow
def test_the_monitoring_report_converts_to_pdf(tmp_path: Path) -> None:
    source = tmp_path / "monitoraggio.docx"
    source.write_bytes(_report("servizi_ufficio.yaml"))
    (pdf,) = to_pdf([source], tmp_path)
    text = " ".join(pdf_text(pdf).split())
    assert "Monitoraggio del piano di conciliazione" in text
    assert "Navigli Digital S.r.l." in text
