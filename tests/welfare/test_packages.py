"""Territorial packages: the welfare budget spent on the district's services, following the scored needs."""

from __future__ import annotations

import datetime as dt
import io
import json

import docx
import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLES
from tests.plan_fixtures import content, drafted
from workbench.cli import main
from workbench.export.plan_docx import render_plan_docx, template_path
from workbench.export.welfare_annex import benefit_item_rows
from workbench.models.plan import Plan
from workbench.models.scoring import DimensionScore
from workbench.plan import draft_for
from workbench.scoring import level_of
from workbench.territorial_packages import allocate_packages, priced_lines

LEGNANESE = content()[1].ambiti["legnanese"]


def _needs(**scores: float) -> dict[str, DimensionScore]:
    return {
        need: DimensionScore(
            id=need,
            kind="need",
            label=need.replace("_", " "),
            description="",
            score=score,
            level=level_of(score),
            coverage=1,
            explanation=[],
            missing=[],
        )
        for need, score in scores.items()
    }


def _docx_text(plan: Plan) -> tuple[str, list[list[list[str]]]]:
    registry, catalogue = content()
    data = render_plan_docx(
        plan,
        questionnaire=registry.get(plan.questionnaire),
        catalogue=catalogue,
        template=template_path(plan.engagement.language),
    )
    document = docx.Document(io.BytesIO(data))
    tables = [[[c.text for c in row.cells] for row in table.rows] for table in document.tables]
    return "\n".join(p.text for p in document.paragraphs), tables


def test_the_office_firm_spends_its_earmarked_welfare_on_packages_for_its_strongest_needs() -> None:
    plan, assessment = drafted("servizi_ufficio.yaml")
    welfare = plan.welfare
    assert welfare is not None and welfare.budget is not None and welfare.allocation is not None
    assert welfare.budget.total == 85 * 600
    assert welfare.inputs.package_share == 0.3  # willingness 4/5 in plan_defaults.yaml
    allocation = welfare.allocation
    assert allocation.earmarked == 15_300
    assert allocation.allocated == pytest.approx(sum(line.cost for line in allocation.lines))
    assert 0 <= allocation.unallocated < min(line.unit_price for line in allocation.lines)  # nothing else fits
    needs = assessment.profile.needs
    for line in allocation.lines:
        service = next(s for s in LEGNANESE.services if s.id == line.service_id)
        assert service.welfare_eligible and service.price is not None
        assert any(needs[n].level != "low" for n in service.needs if n in needs)
    nursery = next(line for line in allocation.lines if line.service_id == "sole_asili_nido")
    assert nursery.quantity > 0 and "0-3" in nursery.need  # early childcare is the office firm's top need


def test_a_service_that_welfare_cannot_buy_or_that_has_no_price_is_never_allocated() -> None:
    allocation = allocate_packages(amount=50_000, ambito=LEGNANESE, needs=_needs(elder_care=90), lang="it")
    ids = [line.service_id for line in allocation.lines]
    assert "sole_assistenza_domiciliare_anziani" in ids
    assert "sole_sportello_assistenti_familiari" not in ids  # a public desk, not a package


@pytest.mark.parametrize(
    ("needs", "expected"),
    [
        ({"elder_care": 80, "early_childcare": 20}, {"sole_assistenza_domiciliare_anziani"}),
        ({"elder_care": 20, "early_childcare": 20, "school_age_children": 10}, set()),
    ],
    ids=["only-the-need-that-counts", "no-need-high-enough"],
)
def test_needs_scored_low_do_not_draw_on_the_budget(needs: dict[str, float], expected: set[str]) -> None:
    allocation = allocate_packages(amount=10_000, ambito=LEGNANESE, needs=_needs(**needs), lang="it")
    assert {line.service_id for line in allocation.lines} == expected
    if not expected:
        assert allocation.allocated == 0 and allocation.unallocated == 10_000
        assert any("medio o alto" in note for note in allocation.notes)


def test_a_stronger_need_gets_a_larger_share_of_the_money() -> None:
    allocation = allocate_packages(
        amount=20_000, ambito=LEGNANESE, needs=_needs(elder_care=90, early_childcare=45), lang="it"
    )
    cost = {line.service_id: line.cost for line in allocation.lines}
    assert cost["sole_assistenza_domiciliare_anziani"] > cost["sole_asili_nido"]


def test_edited_quantities_recompute_costs_and_totals() -> None:
    allocation = allocate_packages(amount=5_000, ambito=LEGNANESE, needs=_needs(early_childcare=90), lang="it")
    edited = priced_lines(allocation, {"sole_asili_nido": 12})
    nursery = next(line for line in edited.lines if line.service_id == "sole_asili_nido")
    assert (nursery.quantity, nursery.cost) == (12, 6_600)
    assert edited.allocated == sum(line.cost for line in edited.lines)
    assert edited.unallocated == pytest.approx(5_000 - edited.allocated)  # negative: over budget, shown as such


def test_indicative_prices_are_flagged_as_estimates() -> None:
    allocation = allocate_packages(amount=5_000, ambito=LEGNANESE, needs=_needs(early_childcare=90), lang="en")
    assert any("indicative estimates" in note for note in allocation.notes)


def test_the_office_plan_document_carries_the_package_annex_with_quantities_and_cost() -> None:
    plan, _ = drafted("servizi_ufficio.yaml")
    assert plan.welfare is not None and plan.welfare.allocation is not None
    text, tables = _docx_text(plan)
    assert "Allegato D. Budget welfare 2027 e pacchetti territoriali" in text
    assert "Budget welfare dell'anno: 51.000,00 €" in text.replace("\xa0", " ")
    packages = next(t for t in tables if t[0][0] == "Pacchetto e fornitore")
    assert len(packages) - 1 == sum(1 for line in plan.welfare.allocation.lines if line.quantity)
    nursery = next(row for row in packages if row[0].startswith("Asili nido"))
    assert "f-bis" in nursery[1] and "(da verificare)" in nursery[3]
    parameters = next(t for t in tables if t[0][0] == "Parametro")
    assert any(row[0].startswith("Imposta sostitutiva") and row[1] == "1%" for row in parameters)


def test_a_plan_year_outside_the_tax_rules_says_so_in_the_annex() -> None:
    _, catalogue = content()
    _, assessment = drafted("servizi_ufficio.yaml")

    late = draft_for(
        assessment=assessment, catalogue=catalogue, start_date=dt.date(2031, 1, 1), today=dt.date(2030, 12, 1)
    )
    assert late.welfare is not None and late.welfare.budget is None
    text, _ = _docx_text(late)
    assert "non ha un valore valido per il 2031" in text


def test_the_cli_prints_the_packages_and_refuses_an_unknown_district() -> None:
    runner = CliRunner()
    office = str(EXAMPLES / "servizi_ufficio.yaml")
    data = json.loads(runner.invoke(main, ["welfare", "budget", office, "--year", "2026", "--json"]).stdout)
    assert data["allocation"]["ambito"] == "Ambito del Legnanese"
    assert data["allocation"]["allocated"] <= data["allocation"]["earmarked"]
    text = runner.invoke(main, ["welfare", "budget", office, "--year", "2026", "--packages", "0.5"]).stdout
    assert "Pacchetti Ambito del Legnanese — 50% del budget" in text.replace("\xa0", " ")
    wrong = runner.invoke(main, ["welfare", "budget", office, "--ambito", "atlantide"])
    assert wrong.exit_code == 1 and "atlantide" in wrong.stderr and "legnanese" in wrong.stderr


def test_the_office_plan_document_reads_the_plan_against_the_recognised_schemes() -> None:
    plan, _ = drafted("servizi_ufficio.yaml")
    text, tables = _docx_text(plan)
    assert "Allegato E. Il piano rispetto a schemi riconosciuti" in text
    assert "Macro-aree Family Audit coperte:" in text
    assert "impresa «attiva»" in text  # the Welfare Index PMI rule of 4 areas is stated
    kpis = next(t for t in tables if t[0][:2] == ["KPI", "Punti"])
    assert [row[0].split(" · ")[0] for row in kpis[1:]] == ["GE1", "GE2", "GE3", "GE4", "GE5"]
    assert all("(da verificare)" in row[1] for row in kpis[1:])  # points flagged to check against the UNI text


def test_the_annex_lists_the_art_51_items_valid_in_the_plan_year_with_their_caps() -> None:
    plan, _ = drafted("servizi_ufficio.yaml")
    _, tables = _docx_text(plan)
    items = next(t for t in tables if t[0][0] == "Norma e voce")
    by_provision = {row[0].split(" — ")[0]: row for row in items[1:]}
    assert {"art. 51 c.2 lett. f TUIR", "art. 51 c.2 lett. f-bis TUIR", "art. 51 c.2 lett. f-ter TUIR"} <= set(
        by_provision
    )
    assert by_provision["art. 51 c.2 lett. f-bis TUIR"][2].startswith("nessun tetto")
    assert by_provision["art. 51 c.2 lett. a TUIR"][2].replace("\xa0", " ") == "3.615,20 €"
    assert by_provision["art. 51 c.2 lett. f-ter TUIR"][3] == "da verificare"


@pytest.mark.parametrize(("year", "has_transport_passes"), [(2017, False), (2026, True)])
def test_an_item_counts_only_in_the_years_it_is_valid(year: int, has_transport_passes: bool) -> None:
    rows = benefit_item_rows(content()[1].benefit_items, year, "it")
    assert any("d-bis" in row["provision"] for row in rows) is has_transport_passes
