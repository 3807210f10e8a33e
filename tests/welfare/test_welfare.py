"""Welfare budget and productivity bonus: the reference's worked examples, to the cent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from tests.conftest import EXAMPLES, ROOT
from workbench.catalogue import TAX_FILE, load_tax_parameters
from workbench.cli import main
from workbench.content import ContentError
from workbench.welfare import (
    ParameterUnavailable,
    TaxRules,
    bonus_cash_vs_welfare,
    fringe_benefit,
    welfare_budget,
)

PARAMETERS = load_tax_parameters(ROOT / "catalogue" / TAX_FILE)


@pytest.mark.parametrize(
    ("year", "tax", "net"),
    [(2025, 45.41, 862.70), (2026, 9.08, 899.02), (2027, 9.08, 899.02)],  # reference §5.4 [S51]
)
def test_a_1000_euro_bonus_nets_what_the_reference_says(year: int, tax: float, net: float) -> None:
    result = bonus_cash_vs_welfare(1000, TaxRules(PARAMETERS, year))
    assert result.worker_contributions == pytest.approx(91.90, abs=0.01)
    assert result.taxable == pytest.approx(908.10, abs=0.01)
    assert result.tax == pytest.approx(tax, abs=0.001)
    assert result.net_cash == pytest.approx(net, abs=0.001)
    assert result.welfare_value == 1000


def test_from_2026_cash_is_nearly_as_good_and_the_verdict_says_so() -> None:
    budget = welfare_budget(
        year=2026,
        headcount=100,
        ccnl_credit_per_employee=200,
        bonus_per_employee=1000,
        conversion_share=0.5,
        voluntary_budget=5000,
        parameters=PARAMETERS,
    )
    assert budget.total == 100 * 200 + 100 * 500 + 5000
    assert budget.per_employee == 750
    assert "con l'imposta all'1%" in budget.verdict[0]
    assert "100,98" in budget.verdict[0]
    assert "evita i contributi" in budget.verdict[1]
    assert any("da verificare" in line.lower() for line in budget.verdict)


def test_in_2025_conversion_still_paid_more() -> None:
    budget = welfare_budget(
        year=2025,
        headcount=10,
        ccnl_credit_per_employee=0,
        bonus_per_employee=1000,
        conversion_share=1,
        voluntary_budget=0,
        parameters=PARAMETERS,
    )
    assert "convertito in welfare vale 137,30" in budget.verdict[0]


@pytest.mark.parametrize(
    ("year", "amount", "children", "exempt"),
    [
        (2026, 900, False, 900),
        (2026, 1200, False, 0),
        (2026, 1200, True, 1200),
        (2026, 2100, True, 0),
        (2023, 258.23, False, 258.23),  # 2024 had a 1.000 € ceiling (L. 213/2023): 2023 is the last ordinary year
        (2023, 300, False, 0),
    ],
)
def test_above_the_fringe_ceiling_the_whole_amount_is_taxed(
    year: int, amount: float, children: bool, exempt: float
) -> None:
    free, taxed = fringe_benefit(amount, TaxRules(PARAMETERS, year), with_children=children)
    assert free == exempt
    assert taxed == (0 if exempt else amount)


def test_bonus_above_the_ceiling_is_taxed_ordinarily_on_the_excess() -> None:
    result = bonus_cash_vs_welfare(6000, TaxRules(PARAMETERS, 2026))
    assert result.over_ceiling == 1000
    assert result.tax > 6000 * (1 - 0.0919) * 0.01


@pytest.mark.parametrize("year", [2015, 2028, 2030])
def test_a_year_no_rule_covers_is_a_clear_error(year: int) -> None:
    with pytest.raises(ParameterUnavailable, match=f"non ha un valore valido per il {year}"):
        welfare_budget(
            year=year,
            headcount=10,
            ccnl_credit_per_employee=0,
            bonus_per_employee=0,
            conversion_share=0,
            voluntary_budget=0,
            parameters=PARAMETERS,
        )


def test_every_value_says_where_it_comes_from_and_overlaps_are_refused(tmp_path: Path) -> None:
    assert all(v.source for p in PARAMETERS.values() for v in p.values)
    data = yaml.safe_load((ROOT / "catalogue" / TAX_FILE).read_text(encoding="utf-8"))
    data["parameters"][0]["values"][1]["valid_from"] = "2022-06-01"
    broken = tmp_path / TAX_FILE
    broken.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(ContentError, match="periods overlap"):
        load_tax_parameters(broken)


def test_the_cli_budget_for_the_example_cases() -> None:
    runner = CliRunner()
    factory = runner.invoke(
        main, ["welfare", "budget", str(EXAMPLES / "manifattura_turni.yaml"), "--year", "2026", "--json"]
    )
    data = json.loads(factory.stdout)["budget"]
    assert data["ccnl_credit"] == 240 * 250  # metalworkers' flexible benefit, 250 € from 2026
    assert data["converted_bonus"] == 240 * 1400 * 0.5
    assert data["bonus"]["net_cash"] == pytest.approx(1258.63, abs=0.01)
    office = runner.invoke(main, ["welfare", "budget", str(EXAMPLES / "servizi_ufficio.yaml"), "--year", "2026"])
    assert office.exit_code == 0 and "budget welfare 2026: 51.000,00 €" in office.stdout.replace("\xa0", " ")
    future = runner.invoke(main, ["welfare", "budget", str(EXAMPLES / "servizi_ufficio.yaml"), "--year", "2031"])
    assert future.exit_code == 1 and "aggiorna catalogue/tax_parameters.yaml" in future.stderr
