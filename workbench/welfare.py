"""Welfare budget and the productivity bonus: cash or welfare, for the chosen year's rules.

Every figure comes from ``catalogue/tax_parameters.yaml``, where each value has a
validity period and a source; a year outside every period is an error that names
the parameter, never a silent default. The comparison follows the reference's
worked example: on 1,000 € of bonus the worker pays 9.19% contributions, then the
substitute tax on the rest (5% → 862.70 € net in 2025, 1% → 899.02 € in 2026);
converted into welfare the whole 1,000 € is spent tax- and contribution-free, and the
employer saves its own contributions on it.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from workbench.content import ContentError, ContentIssue, display_path, parse_model, read_yaml
from workbench.formatting import fmt_money, fmt_percent
from workbench.i18n import t
from workbench.models.text import Lang, LocalText

TAX_FILE = "tax_parameters.yaml"
CORE_PARAMETERS = ("pdr_substitute_rate", "pdr_ceiling", "fringe_ceiling", "fringe_ceiling_children")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DatedValue(_Strict):
    value: float
    valid_from: dt.date
    valid_to: dt.date | None = None
    source: str = Field(min_length=1)
    verified: bool = False


class TaxParameter(_Strict):
    id: str
    label: LocalText
    unit: str
    values: list[DatedValue] = Field(min_length=1)


class TaxFile(_Strict):
    parameters: list[TaxParameter] = Field(min_length=1)


class ParameterUnavailable(LookupError):
    """No value of a parameter is valid in the requested year."""


class UsedValue(_Strict):
    id: str
    label: str
    value: float
    source: str
    verified: bool


class TaxRules:
    """The parameters for one year; remembers which ones were used, to show them with their source."""

    def __init__(self, parameters: dict[str, TaxParameter], year: int, lang: Lang = "it") -> None:
        self.parameters, self.year, self.lang = parameters, year, lang
        self.used: dict[str, UsedValue] = {}

    def __call__(self, parameter_id: str) -> float:
        parameter = self.parameters.get(parameter_id)
        if parameter is None:
            raise ParameterUnavailable(f"unknown tax parameter '{parameter_id}'")
        day = dt.date(self.year, 7, 1)
        for dated in parameter.values:
            if dated.valid_from <= day and (dated.valid_to is None or day <= dated.valid_to):
                self.used[parameter_id] = UsedValue(
                    id=parameter_id,
                    label=parameter.label.get(self.lang),
                    value=dated.value,
                    source=dated.source,
                    verified=dated.verified,
                )
                return dated.value
        periods = ", ".join(f"{v.valid_from.year}-{v.valid_to.year if v.valid_to else '…'}" for v in parameter.values)
        raise ParameterUnavailable(
            t("wel_no_value", self.lang, parameter=parameter.label.get(self.lang), year=self.year, periods=periods)
        )


def load_tax_parameters(path: Path) -> dict[str, TaxParameter]:
    parameters = parse_model(TaxFile, read_yaml(path), path).parameters
    issues = []
    for parameter in parameters:
        ordered = sorted(parameter.values, key=lambda v: v.valid_from)
        for earlier, later in pairwise(ordered):
            if earlier.valid_to is None or earlier.valid_to >= later.valid_from:
                issues.append(
                    ContentIssue(
                        display_path(path),
                        f"parameter '{parameter.id}'",
                        "values",
                        f"periods overlap ({earlier.valid_from} and {later.valid_from})",
                    )
                )
    if issues:
        raise ContentError(issues)
    return {p.id: p for p in parameters}


class BonusComparison(_Strict):
    gross: float
    worker_contributions: float
    taxable: float
    tax: float
    net_cash: float
    welfare_value: float
    worker_gain_from_welfare: float
    employer_saving: float
    over_ceiling: float


def _cents(value: Decimal) -> float:
    """Money rounded half-up to the cent, as payslips do (binary floats would round 45.405 down)."""
    return float(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def bonus_cash_vs_welfare(gross: float, rules: TaxRules) -> BonusComparison:
    """Per employee: what a productivity bonus leaves in cash, and what it is worth converted into welfare."""
    amount = Decimal(str(gross))
    contribution_rate = Decimal(str(rules("worker_contribution_rate")))
    ceiling = Decimal(str(rules("pdr_ceiling")))
    taxable = amount * (1 - contribution_rate)
    within = min(amount, ceiling) * (1 - contribution_rate)
    over = max(Decimal(0), amount - ceiling)
    tax = within * Decimal(str(rules("pdr_substitute_rate")))
    if over:
        tax += (taxable - within) * Decimal(str(rules("irpef_marginal_assumed")))
    net = Decimal(str(_cents(taxable - tax)))  # the payslip figure; the gain below is measured against it
    return BonusComparison(
        gross=gross,
        worker_contributions=_cents(amount * contribution_rate),
        taxable=_cents(taxable),
        tax=_cents(tax),
        net_cash=_cents(net),
        welfare_value=gross,
        worker_gain_from_welfare=_cents(amount - net),
        employer_saving=_cents(amount * Decimal(str(rules("employer_contribution_rate")))),
        over_ceiling=float(over),
    )


def fringe_benefit(amount: float, rules: TaxRules, *, with_children: bool) -> tuple[float, float]:
    """(tax-free, taxable): above the ceiling the WHOLE amount is taxed, not just the excess (art. 51 c.3)."""
    ceiling = rules("fringe_ceiling_children" if with_children else "fringe_ceiling")
    return (amount, 0.0) if amount <= ceiling else (0.0, amount)


class WelfareBudget(_Strict):
    year: int
    headcount: int
    ccnl_credit: float
    converted_bonus: float
    voluntary: float
    total: float
    per_employee: float
    bonus: BonusComparison | None
    verdict: list[str]
    parameters: list[UsedValue]


def welfare_budget(
    *,
    year: int,
    headcount: int,
    ccnl_credit_per_employee: float,
    bonus_per_employee: float,
    conversion_share: float,
    voluntary_budget: float,
    parameters: dict[str, TaxParameter],
    lang: Lang = "it",
) -> WelfareBudget:
    """The yearly welfare budget and, per employee, cash vs welfare for the bonus, with a plain verdict."""
    rules = TaxRules(parameters, year, lang)
    for core in CORE_PARAMETERS:  # a year the rules do not cover is an error even when nothing else asks for them
        rules(core)
    share = min(1.0, max(0.0, conversion_share))
    ccnl = round(ccnl_credit_per_employee * headcount, 2)
    converted = round(bonus_per_employee * share * headcount, 2)
    total = round(ccnl + converted + voluntary_budget, 2)
    comparison = bonus_cash_vs_welfare(bonus_per_employee, rules) if bonus_per_employee > 0 else None
    verdict: list[str] = []
    if comparison is not None:
        gain_share = 100 * comparison.worker_gain_from_welfare / comparison.gross
        key = "wel_cash_better" if rules("pdr_substitute_rate") <= 0.01 else "wel_welfare_better"
        verdict.append(
            t(
                key,
                lang,
                year=year,
                net=fmt_money(comparison.net_cash, lang),
                gross=fmt_money(comparison.gross, lang),
                gain=fmt_money(comparison.worker_gain_from_welfare, lang),
                pct=fmt_percent(gain_share, lang),
            )
        )
        verdict.append(t("wel_employer", lang, saving=fmt_money(comparison.employer_saving, lang)))
        if comparison.over_ceiling:
            verdict.append(t("wel_over_ceiling", lang, over=fmt_money(comparison.over_ceiling, lang)))
    unverified = [u.label for u in rules.used.values() if not u.verified]
    if unverified:
        verdict.append(t("wel_unverified", lang, names=", ".join(unverified)))
    return WelfareBudget(
        year=year,
        headcount=headcount,
        ccnl_credit=ccnl,
        converted_bonus=converted,
        voluntary=voluntary_budget,
        total=total,
        per_employee=round(total / headcount, 2) if headcount else 0.0,
        bonus=comparison,
        verdict=verdict,
        parameters=list(rules.used.values()),
    )
