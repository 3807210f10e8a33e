"""The plan editor's tables: labels instead of codes, Italian numbers in and out, nothing half-applied."""

from __future__ import annotations

from typing import Any

import pytest

from tests.plan_fixtures import drafted
from workbench.models.plan import Plan
from workbench.models.text import Lang
from workbench.plan_editing import CHOICES, NUMBER_COLUMNS, apply_tables, choice_code, choice_label, plan_tables

RAW_CODES = {code for codes in CHOICES.values() for code in codes} - {"target"}  # "Target" is also a column


def office_plan() -> Plan:
    plan, _ = drafted("servizi_ufficio.yaml")
    return plan


def edited(plan: Plan, table: str, row: int, lang: Lang = "it", **cells: Any) -> tuple[Plan | None, list[str]]:
    """Apply the tables as the editor shows them, with ``cells`` typed into one row."""
    tables = plan_tables(plan, lang)
    tables[table][row] = {**tables[table][row], **cells}
    return apply_tables(plan, lang=lang, **tables)


@pytest.mark.parametrize("lang", ["it", "en"])
def test_the_tables_round_trip_to_the_same_plan(lang: Lang) -> None:
    plan = office_plan()
    assert apply_tables(plan, lang=lang, **plan_tables(plan, lang)) == (plan, [])


def test_codes_show_as_their_labels_and_empty_values_as_empty_cells() -> None:
    plan = office_plan()
    plan.indicators[0].baseline = None
    plan.actions[0].status = "in_progress"
    tables = plan_tables(plan, "it")
    cells = [value for rows in tables.values() for row in rows for value in row.values()]
    assert None not in cells
    assert not RAW_CODES & {c for c in cells if isinstance(c, str)}
    assert tables["actions"][0]["status"] == "in corso"
    assert tables["actions"][0]["funding"] == "budget aziendale"  # the Word plan's label (funding_company_budget)
    assert tables["indicators"][0]["baseline"] == ""
    assert {tables["indicators"][0]["frequency"]} <= {"mensile", "trimestrale", "semestrale", "annuale", "per stagione"}


def test_numbers_are_written_the_italian_way() -> None:
    plan = office_plan()
    plan.actions[0].budget_eur = 20125
    plan.indicators[1].target = 45.5
    tables = plan_tables(plan, "it")
    assert tables["actions"][0]["budget_eur"] == "20.125"
    assert tables["indicators"][1]["target"] == "45,5"
    assert all(isinstance(row[c], str) for rows in tables.values() for row in rows for c in NUMBER_COLUMNS if c in row)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("45,5", 45.5), ("1.200", 1200.0), ("1.200,50", 1200.5), ("1,200.50", 1200.5), ("40 %", 40.0), ("0,125", 0.125)],
)
def test_an_indicator_value_typed_the_italian_way_is_stored_as_meant(typed: str, stored: float) -> None:
    new, problems = edited(office_plan(), "indicators", 1, target=typed)
    assert problems == []
    assert new is not None and new.indicators[1].target == stored


def test_a_budget_typed_with_the_thousands_dot_is_not_a_decimal() -> None:
    new, problems = edited(office_plan(), "actions", 0, budget_eur="1.500")
    assert problems == [] and new is not None
    assert new.actions[0].budget_eur == 1500


def test_an_emptied_baseline_is_removed_and_an_emptied_budget_kept() -> None:
    plan = office_plan()
    new, problems = edited(plan, "indicators", 1, baseline="")
    assert problems == [] and new is not None and new.indicators[1].baseline is None
    new, problems = edited(plan, "actions", 0, budget_eur="")
    assert problems == [] and new is not None and new.actions[0].budget_eur == plan.actions[0].budget_eur


def test_an_ambiguous_number_is_a_problem_naming_table_row_and_column_not_a_guess() -> None:
    plan = office_plan()
    new, problems = edited(plan, "indicators", 1, target="1,200")
    assert new is None
    (problem,) = problems
    assert problem.startswith(f"Indicatori, riga 2 ({plan.indicators[1].name}): Target: «1,200» si può leggere")
    new, problems = edited(plan, "actions", 0, lang="en", budget_eur="dieci")
    assert new is None and len(problems) == 1
    assert problems[0].endswith("Budget (€): 'dieci' is not a number (examples: 1,200.50 · 45.5 · 40 %)")


def test_labels_are_read_back_to_codes_in_either_language() -> None:
    plan = office_plan()
    new, problems = edited(plan, "actions", 0, status="in corso", funding="welfare credit")
    assert problems == [] and new is not None
    assert (new.actions[0].status, new.actions[0].funding) == ("in_progress", "welfare_credit")
    new, problems = edited(plan, "indicators", 0, direction="più basso", frequency="per stagione")
    assert problems == [] and new is not None
    assert (new.indicators[0].direction, new.indicators[0].frequency) == ("lower", "per_season")
    new, problems = edited(plan, "indicators", 0, frequency="quarterly")  # a code is still understood
    assert problems == [] and new is not None and new.indicators[0].frequency == "quarterly"


@pytest.mark.parametrize("column", sorted(CHOICES))
@pytest.mark.parametrize("lang", ["it", "en"])
def test_every_code_has_a_label_that_reads_back_to_it(column: str, lang: Lang) -> None:
    for code in CHOICES[column]:
        label = choice_label(column, code, lang)
        assert not label.startswith(("funding_", "freq_", "action_status_", "direction_"))  # a real string
        assert choice_code(column, label) == code
        assert choice_code(column, f"  {label.upper()} ") == code


def test_a_label_that_is_no_choice_is_a_problem() -> None:
    new, problems = edited(office_plan(), "actions", 0, status="quasi finita")
    assert new is None
    assert problems[0].endswith(
        "Stato: «quasi finita» non è tra le scelte (proposta, approvata, in corso, completata, sospesa)"
    )


def test_new_rows_take_labels_and_italian_numbers_too() -> None:
    plan = office_plan()
    tables = plan_tables(plan, "it")
    tables["indicators"].append(
        {
            "name": "Ore di smart working",
            "unit": "ore",
            "direction": "più alto",
            "baseline": "1.250",
            "target": "1.400,5",
        }
    )
    new, problems = apply_tables(plan, lang="it", **tables)
    assert problems == [] and new is not None
    added = new.indicators[-1]
    assert (added.direction, added.baseline, added.target) == ("higher", 1250.0, 1400.5)
