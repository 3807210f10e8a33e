"""The territorial-alliance dossiers: the project sheet for the ATS's local alliance (territorial
conciliation plans 2025-2027) and the interim and final reports fed by the monitoring readings."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace

import docx
import pytest

from tests.dossier_fixtures import dossier, dossier_docx, readings_for, source_for
from workbench.dossiers.alliance import ats_for, budget_by_category, planned_state
from workbench.dossiers.source import DossierSource
from workbench.formatting import fmt_date, fmt_money
from workbench.models.answers import Organisation
from workbench.models.dossier import AllianceReport, AllianceSheet
from workbench.models.engagement import Reading

OFFICE = "servizi_ufficio.yaml"
MILAN_ATS = "ATS della Città Metropolitana di Milano"
INTERIM_DAY = dt.date(2028, 2, 15)
FINAL_DAY = dt.date(2029, 1, 20)


def _text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(parts)


def _sheet(source: DossierSource) -> AllianceSheet:
    sheet = dossier("alliance", source)
    assert isinstance(sheet, AllianceSheet)
    return sheet


def _report(kind: str, source: DossierSource) -> AllianceReport:
    report = dossier("alliance_final" if kind == "final" else "alliance_interim", source)
    assert isinstance(report, AllianceReport)
    return report


@pytest.fixture(scope="module")
def office() -> DossierSource:
    return source_for(OFFICE, saved=True)


# ---- the project sheet -----------------------------------------------------------------------------


def test_the_office_sheet_names_the_legnanese_district_and_the_milan_ats(office: DossierSource) -> None:
    sheet = _sheet(office)
    assert sheet.ambito == "Ambito del Legnanese"
    assert sheet.ats == MILAN_ATS
    partners = {p.name for p in sheet.partners}
    assert {"Navigli Digital S.r.l.", "Ambito del Legnanese", MILAN_ATS} <= partners
    text = _text(dossier_docx("alliance", office))
    assert "Ambito del Legnanese" in text and MILAN_ATS in text
    assert "So.Le." in text  # the district's lead body


def test_the_other_partners_are_lines_to_fill_and_the_rule_is_to_check_in_the_call(office: DossierSource) -> None:
    sheet = _sheet(office)
    blanks = [p for p in sheet.partners if set(p.name) == {"_"}]
    assert len(blanks) >= 3  # a public body, other firms, other partners: named by the firm, not by the tool
    assert "da verificare nel bando" in sheet.partnership_rule
    assert "DGR XI/5755/2021" in sheet.partnership_rule  # the precedent, said to be one
    assert "precedente" in sheet.partnership_rule
    assert any("Partner" in m.item for m in sheet.missing)


def test_the_office_sheets_budget_by_category_adds_up_to_the_plans_total(office: DossierSource) -> None:
    plan = office.plan
    totals = budget_by_category(plan, office.catalogue)
    assert sum(totals.values()) == pytest.approx(plan.total_budget)
    sheet = _sheet(office)
    assert sheet.budget_total == fmt_money(plan.total_budget, "it", cents=False)
    assert [r.category for r in sheet.budget] == [
        "Personale",
        "Servizi",
        "Formazione",
        "Comunicazione",
        "Altro (contributi e rimborsi ai dipendenti)",
    ]
    training = next(r for r in sheet.budget if r.category == "Formazione")
    assert "Coaching per neogenitori" in training.actions  # a course is training, not the leave it serves


def test_each_action_is_counted_in_exactly_one_category(office: DossierSource) -> None:
    sheet = _sheet(office)
    for action in office.plan.actions:
        assert sum(action.name in r.actions for r in sheet.budget) == 1, action.name


def test_the_co_funding_share_comes_from_the_plans_funding_sources_and_the_required_one_is_to_check(
    office: DossierSource,
) -> None:
    sheet = _sheet(office)
    assert [r.label for r in sheet.funding][-1] == "Totale"
    welfare = sum(a.welfare_part for a in office.plan.actions)
    assert next(r for r in sheet.funding if "welfare" in r.label).amount == fmt_money(welfare, "it", cents=False)
    assert sheet.firm_share.startswith("Quota a carico dell'impresa")
    assert "da verificare nel bando" in sheet.required_share and "30%" in sheet.required_share


def test_the_office_sheets_outcome_indicators_are_the_plans_with_baseline_and_target(office: DossierSource) -> None:
    sheet = _sheet(office)
    plan = office.plan
    assert [o.name for o in sheet.outcomes] == [i.name for i in plan.indicators]
    stay = next(o for o in sheet.outcomes if o.name == "Permanenza a 12 mesi dal rientro")
    assert stay.baseline.startswith("71,4%")
    assert stay.target == "77,1% entro il 31/12/2028"
    unmeasured = [i for i in plan.indicators if i.baseline is None]
    assert unmeasured  # the office plan has indicators still to measure: each is a missing baseline
    for indicator in unmeasured:
        assert any(indicator.name in m.item for m in sheet.missing)


def test_the_sheet_reaches_each_target_group_and_delivers_every_action(office: DossierSource) -> None:
    sheet = _sheet(office)
    plan = office.plan
    assert len(sheet.beneficiaries) == len(plan.actions)
    assert any(b.group == "Tutto il personale" and b.people == "85 persone" for b in sheet.beneficiaries)
    assert "85 dipendenti" in sheet.beneficiaries_total
    assert sheet.outputs[0].target == f"{len(plan.actions)} su {len(plan.actions)}"
    assert len(sheet.timeline) == len(plan.actions)
    assert len(sheet.communication) == len(plan.communication)


def test_the_english_sheet_is_in_english() -> None:
    sheet = _sheet(source_for(OFFICE, lang="en"))
    assert sheet.title == "Project sheet for the territorial conciliation alliance"
    assert "to be checked in the call" in sheet.required_share
    assert sheet.budget[0].category == "Personnel"


@pytest.mark.parametrize(
    ("province", "expected"),
    [("MI", MILAN_ATS), ("VA", "ATS dell'Insubria"), ("MB", "ATS della Brianza"), ("MN", "ATS della Val Padana")],
)
def test_the_ats_follows_the_province(province: str, expected: str) -> None:
    assert ats_for(Organisation(name="X", province=province)) == (expected, False)


def test_a_province_split_between_two_ats_is_flagged_and_an_unknown_one_is_missing() -> None:
    assert ats_for(Organisation(name="X", province="BS")) == ("ATS di Brescia", True)
    assert ats_for(Organisation(name="X", province="TO")) == (None, False)
    assert ats_for(Organisation(name="X")) == (None, False)


# ---- the interim and final reports -----------------------------------------------------------------


def test_the_interim_report_shows_each_reading_with_its_date_and_status(office: DossierSource) -> None:
    readings = readings_for(office)
    source = replace(office, readings=tuple(readings), today=INTERIM_DAY)
    report = _report("interim", source)
    assert report.has_readings and report.no_readings == ""
    assert report.title == "Relazione intermedia all'alleanza territoriale di conciliazione"
    read = {r.indicator for r in readings}
    names = {i.id: i.name for i in office.plan.indicators}
    rows = {r.name: r for r in report.indicators}
    for indicator in read:
        row = rows[names[indicator]]
        assert row.latest_date == fmt_date(readings[0].date, "it")
        assert row.status in {"raggiunto", "in linea", "a rischio", "fuori linea", "senza target"}
    stay = rows["Permanenza a 12 mesi dal rientro"]
    assert (stay.baseline, stay.latest, stay.target) == (
        "71,4% (5 su 7), 24/11/2026",
        "72,4%",
        "77,1% entro il 31/12/2028",
    )
    text = _text(dossier_docx("alliance_interim", source))
    assert "28/01/2028" in text and "72,4%" in text
    assert report.results == []  # results against targets are the final report's


def test_an_interim_report_without_readings_says_so_and_lists_the_missing_readings(office: DossierSource) -> None:
    report = _report("interim", replace(office, today=INTERIM_DAY))
    assert not report.has_readings
    assert "nessuna lettura" in report.no_readings
    assert {r.status for r in report.indicators} == {"nessuna lettura"}
    items = [m.item for m in report.missing]
    for indicator in office.plan.indicators:
        assert f"Lettura di «{indicator.name}»" in items
    assert all("workbench" not in m.how for m in report.missing), "no command line in a client's document"
    assert "Non è ancora stata registrata nessuna lettura" in _text(
        dossier_docx("alliance_interim", replace(office, today=INTERIM_DAY))
    )


def test_the_actions_progress_follows_the_plans_timeline_at_the_reports_date(office: DossierSource) -> None:
    plan = office.plan
    paternity = next(a for a in plan.actions if a.id == "congedo_paternita_aggiuntivo")  # months 16-24
    assert planned_state(plan, paternity, INTERIM_DAY) == "to_start"
    assert planned_state(plan, paternity, dt.date(2028, 4, 15)) == "setting_up"
    assert planned_state(plan, paternity, dt.date(2028, 7, 1)) == "running"
    assert planned_state(plan, paternity, FINAL_DAY) == "ended"
    report = _report("interim", replace(office, today=INTERIM_DAY))
    row = next(r for r in report.actions if r.action == paternity.name)
    assert row.planned == "da avviare"
    assert "mese 14 di 24" in report.period


def test_the_final_report_compares_results_with_targets(office: DossierSource) -> None:
    plan = office.plan
    stay = next(i for i in plan.indicators if i.id == "permanenza_12_mesi_rientro")
    commute = next(i for i in plan.indicators if i.id == "tempo_medio_tragitto")
    assert stay.target is not None and commute.target is not None
    day = dt.date(2028, 12, 15)
    readings = (
        Reading(indicator=stay.id, date=day, value=stay.target + 2),
        Reading(indicator=commute.id, date=day, value=commute.target + 3),
    )
    report = _report("final", replace(office, readings=readings, today=FINAL_DAY))
    assert report.final and report.stage == "finale"
    rows = {r.name: r for r in report.results}
    assert rows[stay.name].verdict == "raggiunto"
    assert rows[stay.name].result == "79,1% (15/12/2028)"
    assert rows[stay.name].gap == "+2 punti"
    assert rows[commute.name].verdict == "non raggiunto"
    assert rows[commute.name].gap == "+3 min"
    assert report.results_summary.startswith("Target raggiunti: 1 indicatore su")
    text = _text(dossier_docx("alliance_final", replace(office, readings=readings, today=FINAL_DAY)))
    assert "Risultati raggiunti rispetto ai target" in text and "79,1% (15/12/2028)" in text


def test_a_final_report_before_the_plan_ends_asks_for_the_final_readings(office: DossierSource) -> None:
    source = replace(office, readings=tuple(readings_for(office)), today=INTERIM_DAY)
    report = _report("final", source)
    assert any(m.item.startswith("Letture finali dopo la fine del piano") for m in report.missing)
