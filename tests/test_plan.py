"""The draft plan: complete, costed, timed, measurable, and resumable from JSON."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from tests.plan_fixtures import START, TODAY, content, drafted
from workbench.content import ContentError
from workbench.models.plan import Plan, add_months
from workbench.plan import UnknownMeasureError, draft_plan, load_plan_json

EXAMPLES = ["manifattura_turni.yaml", "servizi_ufficio.yaml", "comune.yaml"]


@pytest.mark.parametrize("name", EXAMPLES)
def test_a_draft_plan_has_objectives_actions_indicators_and_a_calendar(name: str) -> None:
    plan, _ = drafted(name)
    assert 8 <= len(plan.actions) <= 10  # eight, and more only to serve every need with evidence
    assert 3 <= len(plan.objectives) <= max(5, len(plan.actions))  # each action serves one
    assert plan.indicators and plan.monitoring and plan.manager_objectives
    assert all(a.owner and a.target_group and a.objectives and a.indicators for a in plan.actions)
    assert 12 <= plan.duration_months <= 36
    assert all(1 <= a.start_month <= a.launch_month <= a.end_month <= plan.duration_months for a in plan.actions)


def test_baselines_come_from_the_answers_where_known() -> None:
    plan, assessment = drafted("manifattura_turni.yaml")
    indicators = {i.id: i for i in plan.indicators}
    absence = indicators["tasso_assenteismo"]
    assert absence.baseline == assessment.validated.values["tasso_assenteismo"] == 7.2
    assert absence.baseline_date == TODAY
    assert absence.target is not None and absence.target < absence.baseline
    assert absence.baseline_source == "questionario direzione, 24/11/2026"


def test_an_unknown_baseline_is_left_open_not_invented() -> None:
    plan, _ = drafted("manifattura_turni.yaml")
    open_ones = [i for i in plan.indicators if i.baseline is None]
    assert open_ones
    assert all(i.target is None and "da rilevare" in i.baseline_source for i in open_ones)


def test_budget_is_cost_range_times_target_group_times_years() -> None:
    plan, _ = drafted("manifattura_turni.yaml")
    _, catalogue = content()
    for action in plan.actions:
        measure = catalogue.measures[action.measure_id or ""]
        years = (plan.duration_months - action.launch_month + 1) / 12
        people = {"employee": 240, "user": action.target_size, "organisation": 1}[measure.cost.per]
        assert action.budget_min_eur == pytest.approx(measure.cost.min * people * years, abs=0.01)
        assert action.budget_max_eur == pytest.approx(measure.cost.max * people * years, abs=0.01)
        assert action.budget_min_eur <= action.budget_eur <= action.budget_max_eur
    assert plan.total_budget == pytest.approx(sum(a.budget_eur for a in plan.actions))


def test_shift_measures_target_the_shift_workers() -> None:
    plan, _ = drafted("manifattura_turni.yaml")
    rota = next(a for a in plan.actions if a.id == "turni_prevedibili")
    assert rota.target_group == "Lavoratori su turni"
    assert rota.target_size == 168  # 70% of 240


def test_the_plan_horizon_follows_the_answer() -> None:
    plan, assessment = drafted("manifattura_turni.yaml")
    assert assessment.validated.values["orizzonte_piano"] == "mesi_36"
    assert plan.duration_months == 36
    assert plan.end_date == dt.date(2029, 12, 31)


def test_actions_start_in_waves_unless_phased_to_fit_the_budget() -> None:
    plan, _ = drafted("servizi_ufficio.yaml")
    waves = [1, 1, 1, 4, 4, 4, 7, 7]
    assert len(plan.actions) == len(waves)
    for action, wave in zip(plan.actions, waves, strict=True):
        assert action.start_month == wave if not action.phased else action.start_month > wave, action.name


def test_objectives_are_smart_and_tied_to_needs_and_indicators() -> None:
    plan, _ = drafted("servizi_ufficio.yaml")
    top = plan.objectives[0]
    assert top.needs == ["early_childcare"] or plan.profile.needs[top.needs[0]].score >= 67
    assert top.title.endswith("entro dicembre 2028")  # the plan's last month, in words
    assert "/100" not in top.title
    assert top.indicators and top.indicator == top.indicators[0]
    ids = {i.id for i in plan.indicators}
    assert all(set(o.indicators) <= ids for o in plan.objectives)


@pytest.mark.parametrize("name", EXAMPLES)
def test_a_plan_round_trips_through_json_losslessly(name: str, tmp_path: Path) -> None:
    plan, _ = drafted(name, organisation_name='Rossi & Figli <srl> "x"')
    path = tmp_path / "piano.json"
    path.write_text(plan.model_dump_json(indent=2), encoding="utf-8")
    again = load_plan_json(path)
    assert again == plan
    assert again.model_dump_json() == plan.model_dump_json()


def test_a_plan_json_from_another_schema_is_refused_clearly(tmp_path: Path) -> None:
    plan, _ = drafted("comune.yaml")
    data = json.loads(plan.model_dump_json())
    data["schema_version"] = 99
    path = tmp_path / "vecchio.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ContentError, match="plan schema 99 is not supported"):
        load_plan_json(path)


def test_a_plan_edit_that_breaks_a_reference_is_refused() -> None:
    plan, _ = drafted("comune.yaml")
    data = json.loads(plan.model_dump_json())
    data["actions"][0]["indicators"].append("fantasma")
    with pytest.raises(ValidationError, match="unknown indicators"):
        Plan.model_validate(data)


def test_a_measure_not_in_the_catalogue_is_refused_by_name() -> None:
    _, catalogue = content()
    _, assessment = drafted("comune.yaml")
    from workbench.models.recommendation import RecommendationSet

    with pytest.raises(UnknownMeasureError, match="'nido_su_marte'"):
        draft_plan(
            assessment=assessment,
            catalogue=catalogue,
            recommendations=RecommendationSet(recommendations=[], dropped=[]),
            measure_ids=["nido_su_marte"],
            start_date=START,
            today=TODAY,
        )


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2027, 1, 31), 1, dt.date(2027, 2, 28)),
        (dt.date(2027, 11, 15), 2, dt.date(2028, 1, 15)),
        (dt.date(2027, 1, 1), 36, dt.date(2030, 1, 1)),
        (dt.date(2028, 3, 31), -1, dt.date(2028, 2, 29)),
    ],
)
def test_month_arithmetic(day: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(day, months) == expected


def test_a_plan_with_no_need_scored_sets_measuring_them_as_its_first_objective() -> None:
    from tests.plan_fixtures import drafted as draft_example

    plan, assessment = draft_example("ristorante_turni.yaml")
    assert assessment.profile.scored_needs == 0
    (objective,) = plan.objectives
    assert objective.title.startswith("Rilevare i bisogni di conciliazione")
    assert objective.due_month == 3
    assert "/100" not in objective.title
