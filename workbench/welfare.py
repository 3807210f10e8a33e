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

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal

from workbench.content_ids import (
    BONUS_AMOUNT_QUESTION,
    BONUS_CONVERSION_QUESTION,
    CCNL_QUESTION,
    CORE_TAX_PARAMETERS,
    EMPLOYER_CONTRIBUTION_RATE,
    FLEXIBLE_BENEFIT_QUESTION,
    FRINGE_CEILING,
    FRINGE_CEILING_CHILDREN,
    IRPEF_MARGINAL_ASSUMED,
    METALWORKERS_CCNL,
    METALWORKERS_FLEXIBLE_BENEFIT,
    PDR_CEILING,
    PDR_SUBSTITUTE_RATE,
    WELFARE_CREDIT_QUESTION,
    WORKER_CONTRIBUTION_RATE,
)
from workbench.formatting import fmt_money, fmt_percent
from workbench.i18n import t
from workbench.models.answers import AnswerValue
from workbench.models.catalogue import Ambito, PlanDefaults
from workbench.models.scoring import DimensionScore
from workbench.models.text import Lang
from workbench.models.welfare import (
    BonusComparison,
    TaxParameter,
    UsedValue,
    WelfareBudget,
    WelfareInputs,
    WelfarePlan,
)
from workbench.territorial_packages import allocate_packages


class ParameterUnavailable(LookupError):
    """No value of a parameter is valid in the requested year."""


class TaxRules:
    """The parameters for one year; remembers which ones were used, to show them with their source."""

    def __init__(self, parameters: dict[str, TaxParameter], year: int, lang: Lang = "it") -> None:
        self.parameters, self.year, self.lang = parameters, year, lang
        self.used: dict[str, UsedValue] = {}

    def __call__(self, parameter_id: str) -> float:
        parameter = self.parameters.get(parameter_id)
        if parameter is None:
            raise ParameterUnavailable(f"unknown tax parameter '{parameter_id}'")
        for dated in parameter.values:
            if dated.valid_in(self.year):
                self.used[parameter_id] = UsedValue(
                    id=parameter_id,
                    label=parameter.label.get(self.lang),
                    value=dated.value,
                    unit=parameter.unit,
                    source=dated.source,
                    verified=dated.verified,
                )
                return dated.value
        periods = ", ".join(f"{v.valid_from.year}-{v.valid_to.year if v.valid_to else '…'}" for v in parameter.values)
        raise ParameterUnavailable(
            t("wel_no_value", self.lang, parameter=parameter.label.get(self.lang), year=self.year, periods=periods)
        )


def _cents(value: Decimal) -> float:
    """Money rounded half-up to the cent, as payslips do (binary floats would round 45.405 down)."""
    return float(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def bonus_cash_vs_welfare(gross: float, rules: TaxRules) -> BonusComparison:
    """Per employee: what a productivity bonus leaves in cash, and what it is worth converted into welfare."""
    amount = Decimal(str(gross))
    contribution_rate = Decimal(str(rules(WORKER_CONTRIBUTION_RATE)))
    ceiling = Decimal(str(rules(PDR_CEILING)))
    taxable = amount * (1 - contribution_rate)
    within = min(amount, ceiling) * (1 - contribution_rate)
    over = max(Decimal(0), amount - ceiling)
    tax = within * Decimal(str(rules(PDR_SUBSTITUTE_RATE)))
    if over:
        tax += (taxable - within) * Decimal(str(rules(IRPEF_MARGINAL_ASSUMED)))
    net = Decimal(str(_cents(taxable - tax)))  # the payslip figure; the gain below is measured against it
    return BonusComparison(
        gross=gross,
        worker_contributions=_cents(amount * contribution_rate),
        taxable=_cents(taxable),
        tax=_cents(tax),
        net_cash=_cents(net),
        welfare_value=gross,
        worker_gain_from_welfare=_cents(amount - net),
        employer_saving=_cents(amount * Decimal(str(rules(EMPLOYER_CONTRIBUTION_RATE)))),
        over_ceiling=float(over),
    )


def fringe_benefit(amount: float, rules: TaxRules, *, with_children: bool) -> tuple[float, float]:
    """(tax-free, taxable): above the ceiling the WHOLE amount is taxed, not just the excess (art. 51 c.3)."""
    ceiling = rules(FRINGE_CEILING_CHILDREN if with_children else FRINGE_CEILING)
    return (amount, 0.0) if amount <= ceiling else (0.0, amount)


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
    for core in CORE_TAX_PARAMETERS:  # a year the rules do not cover is an error even when nothing else asks for them
        rules(core)
    share = min(1.0, max(0.0, conversion_share))
    ccnl = round(ccnl_credit_per_employee * headcount, 2)
    converted = round(bonus_per_employee * share * headcount, 2)
    total = round(ccnl + converted + voluntary_budget, 2)
    comparison = bonus_cash_vs_welfare(bonus_per_employee, rules) if bonus_per_employee > 0 else None
    verdict: list[str] = []
    if comparison is not None:
        gain_share = 100 * comparison.worker_gain_from_welfare / comparison.gross
        key = "wel_cash_better" if rules(PDR_SUBSTITUTE_RATE) <= 0.01 else "wel_welfare_better"
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


def _number(values: Mapping[str, AnswerValue], key: str | None) -> float:
    value = values.get(key) if key else None
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0


def inputs_from_answers(
    *,
    values: Mapping[str, AnswerValue],
    headcount_question: str | None,
    year: int,
    defaults: PlanDefaults,
    parameters: Mapping[str, TaxParameter],
    ambito_id: str | None,
) -> WelfareInputs:
    """The calculator's starting point, read from the intake answers; the consultant edits it afterwards.

    The CCNL credit is the answer when given; metalworkers who said the flexible benefit
    applies get the contract's typical amount for the year (a parameter, flagged to check).
    """
    ccnl_credit = _number(values, WELFARE_CREDIT_QUESTION)
    metalworkers = values.get(CCNL_QUESTION) == METALWORKERS_CCNL
    if not ccnl_credit and values.get(FLEXIBLE_BENEFIT_QUESTION) is True and metalworkers:
        try:
            ccnl_credit = TaxRules(dict(parameters), year)(METALWORKERS_FLEXIBLE_BENEFIT)
        except ParameterUnavailable:
            ccnl_credit = 0.0
    willingness = values.get(defaults.welfare_package_question) if defaults.welfare_package_question else None
    package_share = defaults.welfare_package_share.get(int(willingness), 0.0) if isinstance(willingness, int) else 0.0
    return WelfareInputs(
        year=year,
        headcount=int(_number(values, headcount_question)),
        ccnl_credit_per_employee=ccnl_credit,
        bonus_per_employee=_number(values, BONUS_AMOUNT_QUESTION),
        conversion_share=defaults.welfare_conversion_share if values.get(BONUS_CONVERSION_QUESTION) is True else 0.0,
        package_share=package_share,
        ambito_id=ambito_id,
    )


def has_welfare_budget(inputs: WelfareInputs) -> bool:
    """Is there any money to plan with? (A plan without one gets no welfare annex.)"""
    converted = inputs.bonus_per_employee * inputs.conversion_share
    return (
        inputs.headcount > 0 and (inputs.ccnl_credit_per_employee > 0 or converted > 0)
    ) or inputs.voluntary_budget > 0


def plan_welfare(
    *,
    inputs: WelfareInputs,
    parameters: Mapping[str, TaxParameter],
    ambiti: Mapping[str, Ambito],
    needs: Mapping[str, DimensionScore],
    lang: Lang = "it",
) -> WelfarePlan:
    """Budget for the inputs' year and, when a district is chosen, its packages bought with the earmarked share.

    A year the tax rules do not cover gives a plan with ``problem`` set and no figures:
    the document and the app then say why, instead of computing with another year's rules.
    """
    try:
        budget = welfare_budget(
            year=inputs.year,
            headcount=inputs.headcount,
            ccnl_credit_per_employee=inputs.ccnl_credit_per_employee,
            bonus_per_employee=inputs.bonus_per_employee,
            conversion_share=inputs.conversion_share,
            voluntary_budget=inputs.voluntary_budget,
            parameters=dict(parameters),
            lang=lang,
        )
    except ParameterUnavailable as exc:
        return WelfarePlan(inputs=inputs, problem=str(exc))
    ambito = ambiti.get(inputs.ambito_id) if inputs.ambito_id else None
    allocation = (
        allocate_packages(amount=round(budget.total * inputs.package_share, 2), ambito=ambito, needs=needs, lang=lang)
        if ambito is not None
        else None
    )
    return WelfarePlan(inputs=inputs, budget=budget, allocation=allocation)
