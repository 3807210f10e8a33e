"""The 2026 Budget Law levers (L. 199/2025) for an engagement: which apply, to how many people, how many euros.

Rules come from ``catalogue/incentive_rules.yaml`` (dated, sourced, flagged when unverified); figures that already
exist in ``catalogue/tax_parameters.yaml`` are read from there through :class:`workbench.welfare.TaxRules`. A year
the catalogue has not checked a rule for is an :class:`IncentiveUnavailable` naming the rule, never a guess. When
the answers do not say how many people a lever concerns, the lever is "da verificare" with the question to ask.
The productivity-bonus arithmetic is :func:`workbench.welfare.bonus_cash_vs_welfare`, not repeated here.

:func:`incentives_for` is pure: the CLI (``workbench incentives``) and the app call it with an engagement's answers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from workbench.content import ContentError, ContentIssue, display_path, parse_model, read_yaml
from workbench.content_ids import (
    BONUS_AMOUNT_QUESTION,
    BONUS_QUESTION,
    LARGE_FAMILY_PARENTS_QUESTION,
    SHIFT_SHARE_QUESTION,
    SHIFT_WORK_QUESTION,
)
from workbench.formatting import fmt_date, fmt_money, fmt_number, fmt_percent
from workbench.i18n import t
from workbench.models.answers import AboutAnswer, AnswerValue
from workbench.models.incentives import Applies, IncentiveRule, IncentiveRuleFile, IncentivesReport, LeverResult
from workbench.models.questionnaire import Questionnaire
from workbench.models.text import Lang
from workbench.models.welfare import TaxParameter, UsedValue
from workbench.welfare import ParameterUnavailable, TaxRules, bonus_cash_vs_welfare

INCENTIVES_FILE = "incentive_rules.yaml"

PART_TIME = "part_time_tre_figli"
MOTHERS_HIRING = "assunzione_madri_tre_figli"
LEAVE_SUBSTITUTE = "affiancamento_sostituto_congedo"
MEAL_VOUCHERS = "buoni_pasto_elettronici"
SHIFT_ALLOWANCES = "maggiorazioni_turni_15"
PRODUCTIVITY_BONUS = "premio_risultato_1"

REQUIRED: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    PART_TIME: (("ceiling_per_year", "months", "min_hours_reduction"), ()),
    MOTHERS_HIRING: (("ceiling_per_year", "months_permanent", "months_fixed_term", "months_converted"), ()),
    LEAVE_SUBSTITUTE: (("relief_share", "max_employees_excluded"), ("employer_rate",)),
    MEAL_VOUCHERS: ((), ("daily_limit", "worker_contribution_rate", "marginal_rate", "employer_rate")),
    SHIFT_ALLOWANCES: ((), ("rate", "ceiling", "income_limit", "marginal_rate")),
    PRODUCTIVITY_BONUS: ((), ("rate", "ceiling", "income_limit")),
}
"""For each rule the calculator computes: the amounts and the parameter roles it reads (checked at load)."""


class IncentiveUnavailable(ParameterUnavailable):
    """The catalogue has not checked a rule for the requested year: update incentive_rules.yaml first."""

    def __init__(self, rule: IncentiveRule, year: int, lang: Lang = "it") -> None:
        self.rule, self.year = rule, year
        super().__init__(self.message(lang))

    def message(self, lang: Lang) -> str:
        rule = self.rule
        return t(
            "inc_no_period",
            lang,
            rule=rule.label.get(lang),
            act=rule.act,
            year=self.year,
            start=rule.valid_from.year,
            end=rule.checked_to.year,
        )


def load_incentive_rules(path: Path, tax: Mapping[str, TaxParameter]) -> dict[str, IncentiveRule]:
    """The rules by id; duplicate ids, unknown tax parameters and missing amounts are refused, naming the rule."""
    rule_file = parse_model(IncentiveRuleFile, read_yaml(path), path)
    where = display_path(path)
    issues: list[ContentIssue] = []
    rules: dict[str, IncentiveRule] = {}
    for rule in rule_file.rules:
        ref = f"rule '{rule.id}'"
        if rule.id in rules:
            issues.append(ContentIssue(where, ref, "id", "defined twice"))
        rules[rule.id] = rule
        for role, parameter_id in rule.parameters.items():
            if parameter_id not in tax:
                issues.append(ContentIssue(where, ref, f"parameters.{role}", f"unknown tax parameter '{parameter_id}'"))
        amounts, roles = REQUIRED.get(rule.id, ((), ()))
        issues += [ContentIssue(where, ref, "amounts", f"'{a}' is missing") for a in amounts if a not in rule.amounts]
        issues += [
            ContentIssue(where, ref, "parameters", f"'{r}' is missing") for r in roles if r not in rule.parameters
        ]
    if issues:
        raise ContentError(issues)
    return rules


def _cents(value: float) -> float:
    return float(Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _number(value: AnswerValue | None) -> float | None:
    """An exact number, or the value of a 'circa' answer; anything else (ranges, shares, no answer) is not a count."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, AboutAnswer):
        return float(value.value)
    return None


@dataclass(frozen=True)
class _Context:
    values: Mapping[str, AnswerValue]
    questionnaire: Questionnaire
    parameters: Mapping[str, TaxParameter]
    year: int
    lang: Lang

    @property
    def public(self) -> bool:
        return self.questionnaire.kind == "pa"

    @property
    def headcount(self) -> float | None:
        question = self.questionnaire.headcount_question
        return _number(self.values.get(question)) if question else None

    def number(self, question: str) -> float | None:
        return _number(self.values.get(question))

    def ask(self, key: str, **fmt: object) -> str:
        """The question to put to the organisation, worded as a question (a questionnaire label is a field name)."""
        return t(key, self.lang, **fmt)

    def money(self, value: float) -> str:
        return fmt_money(value, self.lang, cents=value != round(value))


class _Lever:
    """Builds one LeverResult; every text comes from strings.yaml."""

    def __init__(self, ctx: _Context, rule: IncentiveRule) -> None:
        self.ctx, self.rule = ctx, rule
        self.rules = TaxRules(dict(ctx.parameters), ctx.year, ctx.lang)
        self.extra_used: list[UsedValue] = []

    def param(self, role: str, year: int | None = None) -> float:
        parameter_id = self.rule.parameters[role]
        if year is None or year == self.ctx.year:
            return self.rules(parameter_id)
        other = TaxRules(dict(self.ctx.parameters), year, self.ctx.lang)
        value = other(parameter_id)
        self.extra_used += [
            u.model_copy(update={"label": t("inc_param_of_year", self.ctx.lang, label=u.label, year=year)})
            for u in other.used.values()
        ]
        return value

    def result(self, applies: Applies, why: str, *, notes: list[str] | None = None, **fields: Any) -> LeverResult:
        lang, rule = self.ctx.lang, self.rule
        used = list(self.rules.used.values()) + self.extra_used
        return LeverResult(
            id=rule.id,
            label=rule.label.get(lang),
            summary=rule.summary.get(lang),
            act=rule.act,
            source=rule.source,
            verified=rule.verified,
            applies=applies,
            applies_label=t(f"inc_applies_{applies}", lang),
            why=why,
            notes=notes or [],
            parameters=used,
            **fields,
        )

    def not_for_public(self) -> LeverResult:
        return self.result("no", t("inc_private_only", self.ctx.lang))

    def ended(self) -> LeverResult:
        end = self.rule.valid_to
        return self.result(
            "no",
            t("inc_ended", self.ctx.lang, end=fmt_date(end, self.ctx.lang) if end else "", act=self.rule.act),
        )


def _part_time(lever: _Lever) -> LeverResult:
    ctx, amounts = lever.ctx, lever.rule.amounts
    ceiling, months = amounts["ceiling_per_year"], int(amounts["months"])
    question = ctx.ask("inc_q_large_families")
    common: dict[str, Any] = {
        "up_to": True,
        "months": months,
        "firm_per_worker_year": ceiling,
        "worker_per_worker_year": 0.0,
        "notes": [
            t(
                "inc_pt_conditions",
                ctx.lang,
                reduction=fmt_percent(amounts["min_hours_reduction"] * 100, ctx.lang, 0),
                ceiling=ctx.money(ceiling),
                period=ctx.money(ceiling * months / 12),
                months=months,
            )
        ],
    }
    parents = ctx.number(LARGE_FAMILY_PARENTS_QUESTION)
    if parents is None:
        return lever.result("check", t("inc_pt_unknown", ctx.lang), question=question, **common)
    people = round(parents)
    if people == 0:
        return lever.result("no", t("inc_pt_none", ctx.lang), people=0, people_basis=question, **common)
    total = ceiling * people
    return lever.result(
        "yes",
        t("inc_pt_yes", ctx.lang, people=people, ceiling=ctx.money(ceiling), months=months),
        people=people,
        people_basis=question,
        firm_total_year=total,
        worker_total_year=0.0,
        firm_total_period=_cents(total * months / 12),
        **common,
    )


def _mothers_hiring(lever: _Lever) -> LeverResult:
    ctx, amounts = lever.ctx, lever.rule.amounts
    ceiling = amounts["ceiling_per_year"]
    return lever.result(
        "check",
        t("inc_mothers_check", ctx.lang),
        question=ctx.ask("inc_q_mothers", year=ctx.year),
        up_to=True,
        months=int(amounts["months_permanent"]),
        firm_per_worker_year=ceiling,
        worker_per_worker_year=0.0,
        notes=[
            t(
                "inc_mothers_durations",
                ctx.lang,
                ceiling=ctx.money(ceiling),
                permanent=int(amounts["months_permanent"]),
                fixed=int(amounts["months_fixed_term"]),
                converted=int(amounts["months_converted"]),
            )
        ],
    )


def _leave_substitute(lever: _Lever) -> LeverResult:
    ctx, amounts = lever.ctx, lever.rule.amounts
    limit = int(amounts["max_employees_excluded"])
    headcount = ctx.headcount
    if headcount is None:
        question = ctx.ask("inc_q_headcount")
        return lever.result("check", t("inc_sub_no_headcount", ctx.lang, limit=limit), question=question)
    if headcount >= limit:
        return lever.result(
            "no", t("inc_sub_large", ctx.lang, limit=limit, headcount=fmt_number(headcount, ctx.lang, 0))
        )
    share = amounts["relief_share"] * lever.param("employer_rate")
    return lever.result(
        "check",
        t("inc_sub_small", ctx.lang, limit=limit, share=fmt_percent(share * 100, ctx.lang, 0)),
        question=ctx.ask("inc_q_substitutes", year=ctx.year),
        worker_per_worker_year=0.0,
        notes=[t("inc_sub_overlap", ctx.lang)],
    )


def _meal_vouchers(lever: _Lever) -> LeverResult:
    ctx = lever.ctx
    limit = lever.param("daily_limit")
    before_year = lever.rule.valid_from.year - 1
    before = lever.param("daily_limit", before_year)
    extra = limit - before
    contributions, marginal = lever.param("worker_contribution_rate"), lever.param("marginal_rate")
    burden = 1 - (1 - contributions) * (1 - marginal)  # what 1 € of pay loses to contributions and income tax
    worker_day = _cents(extra * burden)
    firm_day = _cents(extra * lever.param("employer_rate"))
    return lever.result(
        "check",
        t(
            "inc_meal_check",
            ctx.lang,
            limit=ctx.money(limit),
            before=ctx.money(before),
            year=before_year,
            extra=ctx.money(extra),
            worker=ctx.money(worker_day),
            firm=ctx.money(firm_day),
        ),
        question=ctx.ask("inc_q_meal"),
        per_day_worker=worker_day,
        per_day_firm=firm_day,
        notes=[t("inc_meal_rates", ctx.lang, burden=fmt_percent(burden * 100, ctx.lang, 1))],
    )


def _shift_allowances(lever: _Lever) -> LeverResult:
    ctx = lever.ctx
    ceiling, rate = lever.param("ceiling"), lever.param("rate")
    marginal, income = lever.param("marginal_rate"), lever.param("income_limit")
    gain = _cents(ceiling * max(0.0, marginal - rate))
    common: dict[str, Any] = {
        "up_to": True,
        "firm_per_worker_year": 0.0,
        "worker_per_worker_year": gain,
        "notes": [
            t(
                "inc_shift_conditions",
                ctx.lang,
                income=ctx.money(income),
                ceiling=ctx.money(ceiling),
                marginal=fmt_percent(marginal * 100, ctx.lang, 0),
                rate=fmt_percent(rate * 100, ctx.lang, 0),
                gain=ctx.money(gain),
            )
        ],
    }
    shifts = ctx.values.get(SHIFT_WORK_QUESTION)
    if shifts is False:
        return lever.result("no", t("inc_shift_none", ctx.lang), people=0, **common)
    share = ctx.number(SHIFT_SHARE_QUESTION)
    if shifts is not True and share is None:
        return lever.result("check", t("inc_shift_unknown", ctx.lang), question=ctx.ask("inc_q_shifts"), **common)
    headcount = ctx.headcount
    if share is None or headcount is None:
        question = ctx.ask("inc_q_shift_share" if share is None else "inc_q_headcount")
        return lever.result("check", t("inc_shift_count_unknown", ctx.lang), question=question, **common)
    people = round(share * headcount / 100)
    if people == 0:
        return lever.result("no", t("inc_shift_none", ctx.lang), people=0, **common)
    basis = t(
        "inc_shift_basis",
        ctx.lang,
        share=fmt_percent(share, ctx.lang, 0),
        headcount=fmt_number(headcount, ctx.lang, 0),
    )
    return lever.result(
        "yes",
        t("inc_shift_yes", ctx.lang, people=people, gain=ctx.money(gain), income=ctx.money(income)),
        people=people,
        people_basis=basis,
        firm_total_year=0.0,
        worker_total_year=_cents(gain * people),
        **common,
    )


def _productivity_bonus(lever: _Lever) -> LeverResult:
    ctx = lever.ctx
    rate, ceiling, income = lever.param("rate"), lever.param("ceiling"), lever.param("income_limit")
    before_year = lever.rule.valid_from.year - 1
    before_rate = lever.param("rate", before_year)
    conditions = t(
        "inc_pdr_conditions",
        ctx.lang,
        rate=fmt_percent(rate * 100, ctx.lang, 0),
        ceiling=ctx.money(ceiling),
        income=ctx.money(income),
    )
    bonus = ctx.values.get(BONUS_QUESTION)
    if bonus is False:
        return lever.result("no", t("inc_pdr_none", ctx.lang), people=0, notes=[conditions])
    if bonus is not True:
        question = ctx.ask("inc_q_bonus")
        return lever.result("check", t("inc_pdr_unknown", ctx.lang), question=question, notes=[conditions])
    amount = ctx.number(BONUS_AMOUNT_QUESTION)
    headcount = ctx.headcount
    if not amount or headcount is None:
        question = ctx.ask("inc_q_bonus_amount" if not amount else "inc_q_headcount")
        return lever.result("check", t("inc_pdr_amount_unknown", ctx.lang), question=question, notes=[conditions])
    now = bonus_cash_vs_welfare(amount, lever.rules)
    before_rules = TaxRules(dict(ctx.parameters), before_year, ctx.lang)
    then = bonus_cash_vs_welfare(amount, before_rules)
    lever.extra_used += [
        u.model_copy(update={"label": f"{u.label}, {before_year}"})
        for u in before_rules.used.values()
        if u.id == lever.rule.parameters["rate"]
    ]
    gain = _cents(now.net_cash - then.net_cash)
    people = round(headcount)
    return lever.result(
        "yes",
        t(
            "inc_pdr_yes",
            ctx.lang,
            amount=ctx.money(amount),
            net=ctx.money(now.net_cash),
            before_net=ctx.money(then.net_cash),
            before_rate=fmt_percent(before_rate * 100, ctx.lang, 0),
            year=before_year,
            gain=ctx.money(gain),
        ),
        people=people,
        people_basis=t("inc_pdr_basis", ctx.lang),
        firm_per_worker_year=0.0,
        worker_per_worker_year=gain,
        firm_total_year=0.0,
        worker_total_year=_cents(gain * people),
        notes=[conditions],
    )


def _unknown_rule(lever: _Lever) -> LeverResult:
    return lever.result("check", t("inc_unknown_rule", lever.ctx.lang))


_LEVERS: dict[str, Callable[[_Lever], LeverResult]] = {
    PART_TIME: _part_time,
    MOTHERS_HIRING: _mothers_hiring,
    LEAVE_SUBSTITUTE: _leave_substitute,
    MEAL_VOUCHERS: _meal_vouchers,
    SHIFT_ALLOWANCES: _shift_allowances,
    PRODUCTIVITY_BONUS: _productivity_bonus,
}


def known_years(rules: Mapping[str, IncentiveRule]) -> list[int]:
    """The years every rule has been checked for: the only ones the calculator answers (the app offers these)."""
    if not rules:
        return []
    first = max(rule.valid_from.year for rule in rules.values())
    last = min(rule.checked_to.year for rule in rules.values())
    return [year for year in range(first, last + 1) if all(rule.known_in(year) for rule in rules.values())]


def incentives_for(
    *,
    values: Mapping[str, AnswerValue],
    questionnaire: Questionnaire,
    rules: Mapping[str, IncentiveRule],
    parameters: Mapping[str, TaxParameter],
    year: int,
    lang: Lang = "it",
) -> IncentivesReport:
    """Every lever of ``rules`` for these answers and year, in the file's order.

    Raises :class:`IncentiveUnavailable` when a rule has not been checked for ``year`` (before it starts or
    after its ``checked_to``), and :class:`ParameterUnavailable` when a tax parameter it reads has no value then.
    """
    for rule in rules.values():
        if not rule.known_in(year):
            raise IncentiveUnavailable(rule, year, lang)
    ctx = _Context(values=values, questionnaire=questionnaire, parameters=parameters, year=year, lang=lang)
    levers: list[LeverResult] = []
    for rule in rules.values():
        lever = _Lever(ctx, rule)
        if rule.private_only and ctx.public:
            levers.append(lever.not_for_public())
        elif not rule.in_force(year):
            levers.append(lever.ended())
        else:
            levers.append(_LEVERS.get(rule.id, _unknown_rule)(lever))
    applying = [lever for lever in levers if lever.applies == "yes"]
    questions = list(dict.fromkeys(lever.question for lever in levers if lever.question))
    unverified = list(
        dict.fromkeys(
            [u.label for lever in levers for u in lever.parameters if not u.verified]
            + [lever.label for lever in levers if not lever.verified]
        )
    )
    return IncentivesReport(
        year=year,
        organisation_kind=questionnaire.kind,
        levers=levers,
        firm_total_year=_cents(sum(lever.firm_total_year or 0.0 for lever in applying)),
        worker_total_year=_cents(sum(lever.worker_total_year or 0.0 for lever in applying)),
        open_questions=questions,
        unverified=unverified,
    )
