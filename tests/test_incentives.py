"""The 2026 Budget Law levers (L. 199/2025) for an engagement: who gets what, for how long, and what to ask."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from tests.conftest import EXAMPLES, QUESTIONNAIRES, ROOT, example
from workbench.assessment import assess
from workbench.catalogue import TAX_FILE, load_tax_parameters
from workbench.cli import main
from workbench.content import ContentError
from workbench.i18n import t
from workbench.incentives import (
    INCENTIVES_FILE,
    LEAVE_SUBSTITUTE,
    MEAL_VOUCHERS,
    MOTHERS_HIRING,
    PART_TIME,
    PRODUCTIVITY_BONUS,
    SHIFT_ALLOWANCES,
    IncentiveUnavailable,
    incentives_for,
    load_incentive_rules,
)
from workbench.models.answers import AnswerValue
from workbench.models.incentives import IncentivesReport, LeverResult
from workbench.models.text import Lang
from workbench.registry import load_registry

PARAMETERS = load_tax_parameters(ROOT / "catalogue" / TAX_FILE)
RULES = load_incentive_rules(ROOT / "catalogue" / INCENTIVES_FILE, PARAMETERS)
REGISTRY = load_registry(QUESTIONNAIRES)
FIRM = REGISTRY.get("azienda@1").definition
PA = REGISTRY.get("pa@1").definition


def report_for(
    values: Mapping[str, AnswerValue], *, pa: bool = False, year: int = 2026, lang: Lang = "it"
) -> IncentivesReport:
    return incentives_for(
        values=values, questionnaire=PA if pa else FIRM, rules=RULES, parameters=PARAMETERS, year=year, lang=lang
    )


def example_values(name: str) -> dict[str, AnswerValue]:
    answers = example(name)
    return dict(assess(answers, REGISTRY).validated.values)


def lever(report: IncentivesReport, lever_id: str) -> LeverResult:
    return next(item for item in report.levers if item.id == lever_id)


def test_a_firm_with_three_parents_of_three_or_more_children_sees_the_part_time_relief_for_24_months() -> None:
    part_time = lever(report_for({"dipendenti_totali": 50, "genitori_tre_figli": 3}), PART_TIME)
    assert part_time.applies == "yes" and part_time.applies_label == "sì"
    assert part_time.people == 3
    assert part_time.up_to  # 3.000 € is the ceiling, the firm saves its contributions up to it
    assert part_time.firm_per_worker_year == 3000
    assert part_time.firm_total_year == 9000
    assert part_time.months == 24
    assert part_time.firm_total_period == 18000
    assert part_time.act.startswith("L. 199/2025, art. 1 c.214-218")
    assert "40%" in part_time.notes[0] and "monte ore" in part_time.notes[0]


def test_a_firm_that_has_not_answered_gets_da_verificare_with_the_question_to_ask() -> None:
    part_time = lever(report_for({"dipendenti_totali": 50}), PART_TIME)
    assert part_time.applies == "check" and part_time.applies_label == "da verificare"
    assert part_time.people is None and part_time.firm_total_year is None
    assert part_time.question == t("inc_q_large_families", "it")
    assert part_time.question in report_for({"dipendenti_totali": 50}).open_questions


def test_a_firm_whose_parents_are_none_is_told_the_lever_does_not_apply() -> None:
    part_time = lever(report_for({"dipendenti_totali": 50, "genitori_tre_figli": 0}), PART_TIME)
    assert part_time.applies == "no" and part_time.people == 0 and part_time.firm_total_year is None


def test_2031_is_refused_with_a_message_in_both_languages() -> None:
    with pytest.raises(IncentiveUnavailable) as refused:
        report_for({"dipendenti_totali": 50}, year=2031)
    italian, english = refused.value.message("it"), refused.value.message("en")
    assert "2031" in italian and "non si calcola" in italian and "incentive_rules.yaml" in italian
    assert "2031" in english and "is not computed" in english
    assert str(refused.value) == italian


def test_2031_is_refused_by_the_command_too(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["incentives", str(EXAMPLES / "manifattura_turni.yaml"), "--year", "2031"])
    assert result.exit_code == 1
    assert "2031" in result.output and "Traceback" not in result.output


def test_the_shift_manufacturer_sees_the_15_percent_tax_on_shift_allowances_with_its_people_count() -> None:
    shift = lever(report_for(example_values("manifattura_turni.yaml")), SHIFT_ALLOWANCES)
    assert shift.applies == "yes"
    assert shift.people == 168  # 70% of 240
    assert "70%" in shift.people_basis and "240" in shift.people_basis
    assert shift.worker_per_worker_year == 270  # 1.500 € × (33% assumed marginal rate − 15%)
    assert shift.worker_total_year == 45360
    assert shift.firm_total_year == 0
    assert shift.up_to
    assert any(not used.verified for used in shift.parameters)  # the assumed marginal rate is flagged


def test_the_15_percent_tax_on_shift_allowances_is_over_in_2027() -> None:
    shift = lever(report_for(example_values("manifattura_turni.yaml"), year=2027), SHIFT_ALLOWANCES)
    assert shift.applies == "no" and "31/12/2026" in shift.why


def test_the_shift_manufacturers_bonus_gains_against_the_2025_rate_from_the_welfare_arithmetic() -> None:
    bonus = lever(report_for(example_values("manifattura_turni.yaml")), PRODUCTIVITY_BONUS)
    assert bonus.applies == "yes" and bonus.people == 240
    assert bonus.worker_per_worker_year == 50.86  # 1.258,63 € net at 1% against 1.207,77 € at 5%
    assert bonus.worker_total_year == round(50.86 * 240, 2)


def test_a_1000_euro_bonus_leaves_36_euro_more_in_2026_than_at_the_2025_rate() -> None:
    values = {"dipendenti_totali": 10, "premio_risultato": True, "importo_medio_pdr": 1000}
    bonus = lever(report_for(values), PRODUCTIVITY_BONUS)
    assert bonus.worker_per_worker_year == 36.32  # 899,02 € against 862,70 € (reference worked example)


def test_a_public_administration_gets_no_private_employer_lever() -> None:
    report = report_for(example_values("comune.yaml"), pa=True)
    private = [PART_TIME, MOTHERS_HIRING, LEAVE_SUBSTITUTE, SHIFT_ALLOWANCES, PRODUCTIVITY_BONUS]
    for lever_id in private:
        result = lever(report, lever_id)
        assert result.applies == "no", lever_id
        assert result.why == t("inc_private_only", "it")
    assert lever(report, MEAL_VOUCHERS).applies == "check"  # the tax-free voucher is for public employees too
    assert report.firm_total_year == 0 and report.worker_total_year == 0
    assert report.organisation_kind == "pa"


def test_hiring_mothers_of_three_shows_the_sourced_ceiling_but_no_people_count() -> None:
    mothers = lever(report_for({"dipendenti_totali": 50}), MOTHERS_HIRING)
    assert mothers.applies == "check" and mothers.people is None
    assert mothers.firm_per_worker_year == 8000 and mothers.up_to and mothers.months == 24
    assert mothers.question and "2026" in mothers.question
    assert "https://" in RULES[MOTHERS_HIRING].source


def test_the_leave_substitute_relief_is_only_for_firms_under_20_employees() -> None:
    small = lever(report_for({"dipendenti_totali": 12}), LEAVE_SUBSTITUTE)
    large = lever(report_for({"dipendenti_totali": 240}), LEAVE_SUBSTITUTE)
    assert small.applies == "check" and small.question
    assert "relazione tecnica" in small.notes[0]
    assert large.applies == "no" and "20" in large.why


def test_meal_vouchers_show_the_daily_gain_people_and_days_to_check() -> None:
    meal = lever(report_for({"dipendenti_totali": 50}), MEAL_VOUCHERS)
    assert meal.applies == "check" and meal.people is None and meal.worker_per_worker_year is None
    assert meal.per_day_worker == 0.78  # 2 € × (1 − (1 − 9,19%) × (1 − 33%))
    assert meal.per_day_firm == 0.60
    assert "2025" in meal.why
    report = report_for({"dipendenti_totali": 50})
    assert any("2025" in name for name in report.unverified)  # the 8 € of before is itself unverified


def test_a_rule_naming_an_unknown_tax_parameter_is_refused_at_load(tmp_path: Path) -> None:
    data = yaml.safe_load((ROOT / "catalogue" / INCENTIVES_FILE).read_text(encoding="utf-8"))
    data["rules"][3]["parameters"]["daily_limit"] = "buono_pasto_inesistente"
    path = tmp_path / INCENTIVES_FILE
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ContentError, match="buono_pasto_inesistente"):
        load_incentive_rules(path, PARAMETERS)


def test_the_new_question_sits_next_to_single_parents_in_both_intakes() -> None:
    for definition in (FIRM, PA):
        ids = [q.id for q in definition.questions]
        assert ids.index("genitori_tre_figli") == ids.index("genitori_soli") + 1


def test_the_command_json_round_trips_to_the_same_report() -> None:
    result = CliRunner().invoke(
        main, ["incentives", str(EXAMPLES / "manifattura_turni.yaml"), "--year", "2026", "--json"]
    )
    assert result.exit_code == 0, result.output
    parsed = IncentivesReport.model_validate(json.loads(result.output))
    assert parsed == report_for(example_values("manifattura_turni.yaml"))


def test_the_command_prints_a_readable_table_in_english() -> None:
    result = CliRunner().invoke(
        main, ["incentives", str(EXAMPLES / "manifattura_turni.yaml"), "--year", "2026", "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    assert "shift workers" in result.output and "168" in result.output
    assert "None" not in result.output and "part_time_tre_figli" not in result.output


def test_only_the_years_every_rule_was_checked_for_are_offered() -> None:
    from workbench.incentives import known_years

    assert known_years(RULES) == [2026, 2027]
    assert 2031 not in known_years(RULES)
    assert known_years({}) == []
