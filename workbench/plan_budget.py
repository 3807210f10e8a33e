"""The plan's money, reconciled: what each calendar year costs the organisation, the employees'
welfare credit and public funders, against what the organisation declared it can spend.

Why a module of its own: a draft used to multiply every measure's price by its people and years
and never looked at the declared budget (an office declaring 40.000 €/year got 145.000 € of
company spending and more welfare credit than its whole workforce had). Here the declared budget
is a constraint:

- **Calendar years** from the real start date: a plan from March 2027 for 24 months spends in
  2027 (10 months), 2028 (12) and 2029 (2); each year's cap is the declared yearly budget × its
  months / 12.
- **Welfare credit is the employees' money**: an action is paid with it only up to the share
  earmarked for services, and never beyond one yearly credit per person of its target group
  (two actions for the same 14 parents share those 14 credits).
- **Fitting**: actions are taken in the plan's order (the ranking); one that does not fit is
  first started later (phased, in steps of the wave interval), and if it still does not fit it
  stays in the plan (the consultant chose it) but is named among those to phase or drop, and the
  summary states by how much the plan exceeds the budget.
"""

from __future__ import annotations

from collections.abc import Sequence

from workbench.formatting import fmt_money
from workbench.models.plan import Action, BudgetLimits, BudgetSummary, BudgetYear, Plan


def active_months(action: Action) -> int:
    """Months the measure is available (from launch to the end): its cost is spread over them."""
    return action.end_month - action.launch_month + 1


def months_by_year(start_year: int, start_month: int, first: int, last: int) -> dict[int, int]:
    """How many of plan months ``first``..``last`` (1-based) fall in each calendar year."""
    result: dict[int, int] = {}
    for month in range(first, last + 1):
        index = start_month - 1 + month - 1
        year = start_year + index // 12
        result[year] = result.get(year, 0) + 1
    return result


def _spread(amount: float, action: Action, plan_start: tuple[int, int]) -> dict[int, float]:
    """An amount of the action's spread evenly over its active months, per calendar year."""
    months = active_months(action)
    per_year = months_by_year(plan_start[0], plan_start[1], action.launch_month, action.end_month)
    return {year: amount * n / months for year, n in per_year.items()}


def _plan_years(plan_start: tuple[int, int], duration: int) -> dict[int, int]:
    return months_by_year(plan_start[0], plan_start[1], 1, duration)


def budget_summary(plan: Plan) -> BudgetSummary:
    """Per calendar year and in total: company, welfare and public money against the declared caps."""
    start = (plan.start_date.year, plan.start_date.month)
    years = _plan_years(start, plan.duration_months)
    company = dict.fromkeys(years, 0.0)
    welfare = dict.fromkeys(years, 0.0)
    public = dict.fromkeys(years, 0.0)
    for action in plan.actions:
        for year, value in _spread(action.company_part, action, start).items():
            company[year] += value
        for year, value in _spread(action.welfare_part, action, start).items():
            welfare[year] += value
        for year, value in _spread(action.public_part, action, start).items():
            public[year] += value
    limits = plan.budget_limits
    rows = [
        BudgetYear(
            year=year,
            months=months,
            company_eur=round(company[year], 2),
            welfare_eur=round(welfare[year], 2),
            public_eur=round(public[year], 2),
            company_cap_eur=_cap(limits.company_yearly_eur, months),
            welfare_cap_eur=_cap(limits.welfare_yearly_eur, months),
        )
        for year, months in years.items()
    ]
    company_cap = _cap(limits.company_yearly_eur, plan.duration_months)
    welfare_cap = _cap(limits.welfare_yearly_eur, plan.duration_months)
    company_total = round(sum(company.values()), 2)
    over = None if company_cap is None else round(max(0.0, company_total - company_cap), 2)
    return BudgetSummary(
        years=rows,
        company_eur=company_total,
        welfare_eur=round(sum(welfare.values()), 2),
        public_eur=round(sum(public.values()), 2),
        min_eur=round(sum(a.budget_min_eur for a in plan.actions), 2),
        max_eur=round(sum(a.budget_max_eur for a in plan.actions), 2),
        company_cap_eur=company_cap,
        welfare_cap_eur=welfare_cap,
        over_budget_eur=over,
        to_phase_or_drop=_to_cut(plan, rows, over) if over else [],
    )


def budget_verdict(summary: BudgetSummary) -> str:
    """One line for the CLI, in both languages: within, over by how much, or no budget declared."""
    if summary.over_budget_eur is None:
        return "budget non dichiarato / no budget declared"
    if summary.over_budget_eur <= 0:
        return "entro il budget dichiarato / within the declared budget"
    over = fmt_money(summary.over_budget_eur, cents=False)
    return f"oltre il budget dichiarato di {over} / over the declared budget by {over}"


def _cap(yearly: float | None, months: int) -> float | None:
    return None if yearly is None else round(yearly * months / 12, 2)


def _to_cut(plan: Plan, years: Sequence[BudgetYear], over: float) -> list[str]:
    """The last-ranked paying actions whose company cost covers the excess: the ones to phase or drop."""
    names: list[str] = []
    covered = 0.0
    for action in reversed(plan.actions):
        if action.company_part <= 0:
            continue
        names.append(action.name)
        covered += action.company_part
        if covered >= over:
            break
    return names


# ---- fitting a draft ------------------------------------------------------------------


class _Pools:
    """What is still free while a draft is fitted: company money and welfare credit per year,
    and each target group's own credits per year."""

    def __init__(self, limits: BudgetLimits, years: dict[int, int]) -> None:
        self.company = (
            None
            if limits.company_yearly_eur is None
            else {y: limits.company_yearly_eur * n / 12 for y, n in years.items()}
        )
        self.welfare = {y: (limits.welfare_yearly_eur or 0.0) * n / 12 for y, n in years.items()}
        self.per_person = limits.welfare_per_person_eur or 0.0
        self.groups: dict[str, dict[int, float]] = {}

    def group_room(self, group: str, people: int, year: int, months: int) -> float:
        rooms = self.groups.setdefault(group, {})
        if year not in rooms:
            rooms[year] = people * self.per_person * months / 12  # one yearly credit per person, pro rata
        return rooms[year]


def fit_actions(
    actions: Sequence[Action],
    *,
    limits: BudgetLimits,
    start_year: int,
    start_month: int,
    duration: int,
    phase_step: int,
    welfare_people: dict[str, int],
) -> tuple[list[Action], set[str]]:
    """Pay each action from welfare credit (within the earmark and one credit per person) and from the
    company budget (within each year's cap), phasing an action later when that makes it fit.

    ``welfare_people`` maps the id of each action the welfare credit may pay to the number of people
    whose credit it uses (its target group); actions with the same target group share those credits.
    Returns the new actions and the ids of those that fit in no position (they keep their months; the
    summary names them among the actions to phase or drop)."""
    start = (start_year, start_month)
    pools = _Pools(limits, _plan_years(start, duration))
    placed: list[Action] = []
    unfit: set[str] = set()
    for action in actions:
        result, fits = _place(action, start, duration, phase_step, pools, welfare_people)
        placed.append(result)
        if not fits:
            unfit.add(action.id)
    return placed, unfit


def _place(
    action: Action,
    start: tuple[int, int],
    duration: int,
    phase_step: int,
    pools: _Pools,
    welfare_people: dict[str, int],
) -> tuple[Action, bool]:
    """Try the action at its planned start, then later in steps; commit the first position that fits."""
    candidates = [action]
    shift = phase_step
    while phase_step > 0 and action.launch_month + shift <= duration - 5:  # at least six months in force
        candidates.append(_shifted(action, shift))
        shift += phase_step
    for candidate in candidates:
        welfare_use = _welfare_use(candidate, start, pools, welfare_people)
        priced = candidate.model_copy(update={"welfare_eur": round(sum(welfare_use.values()), 2)})
        company_use = _spread(priced.company_part, priced, start)
        if pools.company is None or all(company_use[y] <= pools.company[y] + 0.01 for y in company_use):
            _commit(priced, welfare_use, company_use, pools)
            return priced.model_copy(update={"phased": candidate is not action}), True
    welfare_use = _welfare_use(action, start, pools, welfare_people)
    priced = action.model_copy(update={"welfare_eur": round(sum(welfare_use.values()), 2)})
    _commit(priced, welfare_use, {}, pools)  # over budget: its company cost is left out of the caps
    return priced, False


def _commit(action: Action, welfare_use: dict[int, float], company_use: dict[int, float], pools: _Pools) -> None:
    for year, amount in welfare_use.items():
        pools.welfare[year] -= amount
        if action.target_group in pools.groups:
            pools.groups[action.target_group][year] -= amount
    if pools.company is not None:
        for year, amount in company_use.items():
            pools.company[year] -= amount


def _shifted(action: Action, shift: int) -> Action:
    """The same action started ``shift`` months later, its cost scaled to the shorter time in force."""
    moved = action.model_copy(
        update={"start_month": action.start_month + shift, "launch_month": action.launch_month + shift}
    )
    ratio = active_months(moved) / active_months(action)
    return moved.model_copy(
        update={
            "budget_eur": round(action.budget_eur * ratio, 2),
            "budget_min_eur": round(action.budget_min_eur * ratio, 2),
            "budget_max_eur": round(action.budget_max_eur * ratio, 2),
        }
    )


def _welfare_use(
    action: Action, start: tuple[int, int], pools: _Pools, welfare_people: dict[str, int]
) -> dict[int, float]:
    """Per year, how much of the action the welfare credit can pay: within what is left of the earmark
    and of its target group's credits."""
    people = welfare_people.get(action.id)
    if people is None or action.budget_eur <= 0:
        return {}
    months = months_by_year(start[0], start[1], action.launch_month, action.end_month)
    use: dict[int, float] = {}
    for year, amount in _spread(action.budget_eur, action, start).items():
        room = pools.group_room(action.target_group, people, year, months[year])
        use[year] = max(0.0, min(amount, pools.welfare.get(year, 0.0), room))
    return use
