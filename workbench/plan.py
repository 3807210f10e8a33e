"""Draft plan from an assessment and the accepted measures, with sensible, editable defaults.

Everything a consultant may want to change (target groups per need, owners per
macro-area, how much an indicator should improve, how long plans last) comes from
``catalogue/plan_defaults.yaml``; this module only does the arithmetic:

- **Target group** of an action: the people behind its main need (e.g. parents of
  children 0-3), counted from the answers and capped at the headcount.
- **Budget**: the measure's cost range × the people it is priced on (every employee,
  each user in the target group, or the organisation) × the years it runs.
- **Timeline**: actions start in waves (3 every 3 months by default), run a set-up of
  the measure's lead time, then stay in force until the plan ends.
- **Indicators**: baseline read from the answers where the catalogue says how; target
  = a default relative improvement; unknown baselines are left open, never invented.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.assessment import Assessment
from workbench.catalogue import Catalogue
from workbench.content import INVALID_JSON, ContentError, ContentIssue, display_path, parse_json_text, parse_model
from workbench.content_ids import PLAN_COMPLETION_INDICATOR
from workbench.crosswalk import measure_counts_in
from workbench.formatting import fmt_date, fmt_month_year, fmt_number, fmt_percent
from workbench.i18n import t
from workbench.intake_status import intake_status
from workbench.models.answers import AnswerValue
from workbench.models.catalogue import Indicator, MacroArea, Measure, PlanDefaults
from workbench.models.crosswalk import SchemeArea
from workbench.models.plan import (
    PLAN_SCHEMA_VERSION,
    Action,
    BudgetLimits,
    DroppedMeasure,
    Engagement,
    Funding,
    IntakeCompleteness,
    ManagerObjective,
    MonitoringEvent,
    Objective,
    Plan,
    PlanIndicator,
    UncoveredNeed,
    add_months,
)
from workbench.models.recommendation import Recommendation, RecommendationSet
from workbench.models.text import Lang
from workbench.models.welfare import WelfareInputs, WelfarePlan
from workbench.models.workspace import CustomMeasure
from workbench.objectives import split_hundred
from workbench.plan_budget import fit_actions
from workbench.plan_sections import area_coverage, communication_plan, participation
from workbench.recommend import recommend
from workbench.scoring import LOW_BELOW
from workbench.welfare import has_welfare_budget, inputs_from_answers, plan_welfare

if TYPE_CHECKING:
    from workbench.survey.aggregate import SurveyResult

ASSESSMENT_MONTHS = 3
"""With no need scored, the plan's first objective is to measure them within this many months."""
MAX_OBJECTIVES = 5
"""Objectives beyond the actions' main needs (each action's main need always gets one)."""
MIN_OBJECTIVES = 3
MIN_OBJECTIVE_SCORE = LOW_BELOW  # a need at medium level or above
OBJECTIVE_STRENGTH = 0.5
"""A measure serves an objective's need when it addresses it at least this strongly."""


class UnknownMeasureError(ValueError):
    """A measure id that is not in the catalogue (or not for this kind of organisation)."""


def load_plan_json(path: Path) -> Plan:
    """A saved plan; a file from another schema version or a broken one is refused with a clear message."""
    name = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError([ContentIssue(name, "", "", f"not a readable plan JSON: {exc}")]) from exc
    try:
        raw = parse_json_text(text, name)
    except ContentError as exc:
        issues = [
            replace(i, message=f"not a readable plan JSON: {i.message.removeprefix(INVALID_JSON)}") for i in exc.issues
        ]
        raise ContentError(issues) from exc
    version = raw.get("schema_version") if isinstance(raw, dict) else None
    if version != PLAN_SCHEMA_VERSION:
        raise ContentError(
            [
                ContentIssue(
                    name,
                    "",
                    "schema_version",
                    f"plan schema {version!r} is not supported (expected {PLAN_SCHEMA_VERSION})",
                )
            ]
        )
    return parse_model(Plan, raw, path)


def draft_for(
    *,
    assessment: Assessment,
    catalogue: Catalogue,
    start_date: dt.date,
    today: dt.date,
    measure_ids: Sequence[str] | None = None,
    count: int = 8,
    consultant: str = "",
    lang: Lang = "it",
    custom: Sequence[CustomMeasure] = (),
    survey: SurveyResult | None = None,
    survey_date: dt.date | None = None,
) -> Plan:
    """Rank the whole catalogue for this organisation, then draft the plan from ``measure_ids``
    (None: a selection that serves every scored need, spans the Family Audit areas and fits the declared
    budget, see :func:`choose_measures`). The one entry point the CLI, the app and the tests share."""
    recommendations = recommend(
        questionnaire=assessment.questionnaire,
        profile=assessment.profile,
        values=assessment.validated.values,
        organisation=assessment.answers.organisation,
        catalogue=catalogue,
        top=len(catalogue.measures),
        lang=lang,
    )
    if measure_ids is None:
        drafting = _Drafting.of(assessment, catalogue, start_date, lang, recommendations)
        measure_ids = choose_measures(drafting, recommendations, count)
    return draft_plan(
        assessment=assessment,
        catalogue=catalogue,
        recommendations=recommendations,
        measure_ids=measure_ids,
        start_date=start_date,
        today=today,
        consultant=consultant,
        lang=lang,
        custom=custom,
        survey=survey,
        survey_date=survey_date,
    )


@dataclass(frozen=True)
class _Drafting:
    """What every action of one draft is computed from."""

    assessment: Assessment
    catalogue: Catalogue
    values: Mapping[str, AnswerValue]
    headcount: float | None
    duration: int
    start_date: dt.date
    kind: str
    lang: Lang
    explained: Mapping[str, Recommendation]
    welfare: WelfarePlan | None
    limits: BudgetLimits
    in_place: frozenset[str]

    @classmethod
    def of(
        cls,
        assessment: Assessment,
        catalogue: Catalogue,
        start_date: dt.date,
        lang: Lang,
        recommendations: RecommendationSet,
    ) -> _Drafting:
        values = assessment.validated.values
        welfare = _welfare(assessment, catalogue, start_date.year, lang)
        return cls(
            assessment=assessment,
            catalogue=catalogue,
            values=values,
            headcount=_number(values, assessment.questionnaire.definition.headcount_question),
            duration=_duration(values, catalogue),
            start_date=start_date,
            kind=assessment.questionnaire.definition.kind,
            lang=lang,
            explained={r.id: r for r in [*recommendations.recommendations, *recommendations.in_place]},
            welfare=welfare,
            limits=budget_limits(values, welfare, catalogue.defaults),
            in_place=frozenset(r.id for r in recommendations.in_place),
        )

    def owner(self, area: MacroArea) -> str:
        defaults = self.catalogue.defaults
        owners = defaults.owners_pa if self.kind == "pa" and defaults.owners_pa else defaults.owners
        return owners[area].get(self.lang)


def budget_limits(
    values: Mapping[str, AnswerValue], welfare: WelfarePlan | None, defaults: PlanDefaults
) -> BudgetLimits:
    """The declared yearly budget and the welfare credit earmarked for services: what the draft must fit."""
    company = next((n for q in defaults.budget_questions if (n := _number(values, q)) is not None), None)
    earmarked: float | None = None
    per_person: float | None = None
    if welfare is not None and welfare.budget is not None:
        earmarked = (
            welfare.allocation.earmarked
            if welfare.allocation is not None
            else welfare.budget.total * welfare.inputs.package_share
        )
        per_person = welfare.budget.per_employee
    return BudgetLimits(company_yearly_eur=company, welfare_yearly_eur=earmarked, welfare_per_person_eur=per_person)


def choose_measures(drafting: _Drafting, recommendations: RecommendationSet, count: int) -> list[str]:
    """The measures a draft starts from when the consultant has not chosen yet, in this order:

    1. for every need scored medium or high, the best-ranked measure that serves it and fits the budget;
    2. for every Family Audit macro-area still empty, the best-ranked measure of that area among the top
       ``2 × count`` that fits;
    3. the best-ranked remaining measures that fit, up to ``count``, first those aimed at people who do
       not have ``max_actions_per_group`` actions yet, then any.
    A measure "fits" when the plan with it stays within the declared yearly budget (always, if none was
    declared). The needs come first: a plan may exceed ``count`` rather than leave a need unserved."""
    ranked = [r for r in recommendations.recommendations if r.id in drafting.catalogue.measures]
    measures = drafting.catalogue.measures
    chosen: list[str] = []

    def fits(candidate: str) -> bool:
        _, unfit = price_actions(_build_actions([measures[m] for m in [*chosen, candidate]], drafting), drafting)
        return candidate not in unfit

    for need in _needs_to_serve(drafting.assessment):
        if any(measures[m].needs.get(need, 0) >= OBJECTIVE_STRENGTH for m in chosen):
            continue
        for rec in ranked:
            if rec.id not in chosen and measures[rec.id].needs.get(need, 0) >= OBJECTIVE_STRENGTH and fits(rec.id):
                chosen.append(rec.id)
                break
    for covers in _family_audit_areas(drafting.catalogue):
        if len(chosen) >= count:
            break
        if any(measure_counts_in(covers, m, measures[m].macro_area) for m in chosen):
            continue
        for rec in ranked[: 2 * count]:
            if rec.id not in chosen and measure_counts_in(covers, rec.id, rec.macro_area) and fits(rec.id):
                chosen.append(rec.id)
                break
    most = drafting.catalogue.defaults.max_actions_per_group
    for spread in (True, False):  # first spread over target groups, then fill with whatever fits
        for rec in ranked:
            if len(chosen) >= count:
                break
            if rec.id in chosen or (spread and _group_full(rec.id, chosen, drafting, most)):
                continue
            if fits(rec.id):
                chosen.append(rec.id)
    return chosen


def _group_full(candidate: str, chosen: Sequence[str], drafting: _Drafting, most: int) -> bool:
    """Whether the people the candidate would serve already have ``most`` actions aimed at them
    (a comune's eight actions should not all go to the same 17 caregivers)."""
    measures = drafting.catalogue.measures
    actions = _build_actions([measures[m] for m in [*chosen, candidate]], drafting)
    group = actions[-1].target_group
    if group == drafting.catalogue.defaults.everyone.get(drafting.lang):
        return False
    return sum(a.target_group == group for a in actions[:-1]) >= most


def _build_actions(measures: Sequence[Measure], drafting: _Drafting) -> list[Action]:
    """The measures as actions in order; one whose main target group already has ``max_actions_per_group``
    actions is aimed at the group of its next strong need, when it has one with evidence."""
    most = drafting.catalogue.defaults.max_actions_per_group
    everyone = drafting.catalogue.defaults.everyone.get(drafting.lang)
    counts: dict[str, int] = {}
    actions = []
    for index, measure in enumerate(measures):
        full = {group for group, n in counts.items() if n >= most and group != everyone}
        action = _catalogue_action(measure, index, drafting, full)
        counts[action.target_group] = counts.get(action.target_group, 0) + 1
        actions.append(action)
    return actions


def _needs_to_serve(assessment: Assessment) -> list[str]:
    """Needs scored with enough evidence at medium or high level, highest first: each deserves an action."""
    needs = assessment.profile.needs
    served = [n for n, d in needs.items() if d.scored and d.score >= MIN_OBJECTIVE_SCORE]
    return sorted(served, key=lambda n: (-needs[n].score, n))


def _family_audit_areas(catalogue: Catalogue) -> list[SchemeArea]:
    return list(catalogue.crosswalks.family_audit.areas) if catalogue.crosswalks else []


def price_actions(actions: Sequence[Action], drafting: _Drafting) -> tuple[list[Action], set[str]]:
    """Split each action between welfare credit and the organisation's budget, phasing to fit the
    declared yearly budget; returns the actions and the ids of those that fit in no position."""
    welfare_areas = set(drafting.catalogue.defaults.welfare_areas)
    paid_by_welfare = {
        a.id: a.target_size
        for a in actions
        if a.macro_area in welfare_areas
        and a.measure_id is not None
        and a.target_size > 0
        and drafting.catalogue.measures[a.measure_id].cost.per != "organisation"
    }
    fitted, unfit = fit_actions(
        actions,
        limits=drafting.limits,
        start_year=drafting.start_date.year,
        start_month=drafting.start_date.month,
        duration=drafting.duration,
        phase_step=drafting.catalogue.defaults.months_between_waves,
        welfare_people=paid_by_welfare,
    )
    return [a.model_copy(update={"funding": _funding(a)}) for a in fitted], unfit


def _funding(action: Action) -> Funding:
    """The action's main source, as the card names it (the split is in the budget table)."""
    if action.budget_eur <= 0:
        return "none"
    if action.welfare_part >= action.budget_eur - 0.01:
        return "welfare_credit"
    return "company_budget"


def _catalogue_action(
    measure: Measure, index: int, drafting: _Drafting, full_groups: frozenset[str] | set[str] = frozenset()
) -> Action:
    """A catalogue measure as the ``index``-th action of the draft (its wave follows its position),
    aimed at the people of its main need, or of its next strong scored need when those are in ``full_groups``."""
    defaults = drafting.catalogue.defaults
    needs = drafting.assessment.profile.needs
    lang = drafting.lang
    ranked_needs = sorted(  # a scored need first: an unscored one's provisional number says nothing
        measure.needs,
        key=lambda n: (n in needs and needs[n].scored, (needs[n].score if n in needs else 0) * measure.needs[n]),
        reverse=True,
    )
    group_label, group_size = _target_group(
        ranked_needs[0], drafting.values, drafting.headcount, drafting.catalogue, lang
    )
    if group_label in full_groups:
        for other in ranked_needs[1:]:
            if measure.needs[other] < OBJECTIVE_STRENGTH or other not in needs or not needs[other].scored:
                continue
            label, size = _target_group(other, drafting.values, drafting.headcount, drafting.catalogue, lang)
            if label not in full_groups and label != group_label:
                group_label, group_size = label, size
                break
    duration = drafting.duration
    wave = index // defaults.actions_per_wave
    start = min(1 + wave * defaults.months_between_waves, duration)
    launch = min(duration, start + measure.lead_time_months)
    years = (duration - launch + 1) / 12
    low, high = _budget(measure, drafting.headcount, group_size, years)
    rec = drafting.explained.get(measure.id)
    return Action(
        id=measure.id,
        measure_id=measure.id,
        name=measure.name.get(lang),
        description=measure.description.get(lang),
        macro_area=measure.macro_area,
        rationale=rec.explanation if rec else t("plan_rationale_chosen", lang),
        owner=drafting.owner(measure.macro_area),
        target_group=group_label,
        target_size=group_size,
        start_month=start,
        launch_month=launch,
        end_month=duration,
        budget_eur=round((low + high) / 2, 2),
        budget_min_eur=round(low, 2),
        budget_max_eur=round(high, 2),
        cost_band=measure.cost_band,
        objectives=[],
        indicators=list(measure.indicators),
        legal_refs=[
            r
            for r in measure.legal_refs
            if r in drafting.catalogue.legal and drafting.kind in drafting.catalogue.legal[r].kinds
        ],
        territorial_services=[s.name for s in rec.territorial_services] if rec else [],
        union_agreement=measure.union_agreement,
        funding_routes=_routes(measure.macro_area, drafting),
    )


def _custom_action(extra: CustomMeasure, index: int, drafting: _Drafting) -> Action:
    defaults = drafting.catalogue.defaults
    duration = drafting.duration
    wave = index // defaults.actions_per_wave
    start = min(1 + wave * defaults.months_between_waves, duration)
    return Action(
        id=extra.id,
        measure_id=None,
        name=extra.name,
        description=extra.description,
        macro_area=extra.macro_area,
        rationale=t("plan_rationale_custom", drafting.lang),
        owner=extra.owner or drafting.owner(extra.macro_area),
        target_group=defaults.everyone.get(drafting.lang),
        target_size=int(drafting.headcount or 0),
        start_month=start,
        launch_month=min(duration, start + 2),
        end_month=duration,
        budget_eur=extra.budget_eur,
        budget_min_eur=extra.budget_eur,
        budget_max_eur=extra.budget_eur,
        cost_band=extra.cost_band,
        indicators=[PLAN_COMPLETION_INDICATOR] if PLAN_COMPLETION_INDICATOR in drafting.catalogue.indicators else [],
        funding_routes=_routes(extra.macro_area, drafting),
    )


def _routes(area: MacroArea, drafting: _Drafting) -> list[str]:
    """Public routes that may co-fund an action of this area, for this kind and size of organisation."""
    size = drafting.headcount
    return [
        route.name.get(drafting.lang)
        for route in drafting.catalogue.defaults.funding_routes
        if area in route.macro_areas
        and drafting.kind in route.kinds
        and (route.min_headcount is None or (size is not None and size >= route.min_headcount))
        and (route.max_headcount is None or (size is not None and size <= route.max_headcount))
    ]


def draft_plan(
    *,
    assessment: Assessment,
    catalogue: Catalogue,
    recommendations: RecommendationSet,
    measure_ids: Sequence[str],
    start_date: dt.date,
    today: dt.date,
    consultant: str = "",
    lang: Lang = "it",
    custom: Sequence[CustomMeasure] = (),
    survey: SurveyResult | None = None,
    survey_date: dt.date | None = None,
) -> Plan:
    """Build a complete, valid draft plan; every default can be edited afterwards.

    All of ``measure_ids`` become actions (the consultant chose them): the draft phases them to fit the
    declared budget and, when it cannot, the budget summary says by how much and what to phase or drop.
    ``custom`` measures (added by the consultant, not in the catalogue) become actions too, followed by
    the plan-completion indicator. ``survey`` aggregates, when held, give perception baselines."""
    drafting = _Drafting.of(assessment, catalogue, start_date, lang, recommendations)
    kind = assessment.questionnaire.definition.kind
    measures = _resolve(measure_ids, catalogue, kind)
    duration = drafting.duration
    end_date = add_months(start_date, duration) - dt.timedelta(days=1)

    built = _build_actions(measures, drafting)
    built += [_custom_action(extra, len(measures) + i, drafting) for i, extra in enumerate(custom)]
    actions = _measurable_first(price_actions(built, drafting)[0], drafting, survey)
    needs_of: list[Mapping[str, float]] = [*(m.needs for m in measures), *(extra.needs for extra in custom)]

    indicators = _indicators(actions, drafting, today, end_date, survey, survey_date or today)
    objectives = _objectives(actions, needs_of, drafting, indicators)
    plan = Plan(
        engagement=Engagement(
            organisation=assessment.answers.organisation, consultant=consultant, date=today, language=lang
        ),
        questionnaire=assessment.questionnaire.ref,
        answers=dict(drafting.values),
        profile=assessment.profile,
        start_date=start_date,
        duration_months=duration,
        objectives=objectives,
        actions=actions,
        indicators=indicators,
        existing_measures=[r.name for r in recommendations.in_place],
        dropped_measures=[DroppedMeasure(name=d.name, reason=d.reason) for d in recommendations.dropped],
        territorial_note=recommendations.territorial_note,
        ambito=recommendations.ambito,
        welfare=drafting.welfare,
        intake=intake_completeness(assessment, lang),
        evidence=recommendations.evidence,
        budget_limits=drafting.limits,
        uncovered_needs=uncovered_needs(needs_of, assessment, lang),
    )
    plan.monitoring = monitoring_calendar(plan, lang)
    plan.manager_objectives = manager_objectives(plan, lang)
    plan.communication = communication_plan(plan, catalogue.defaults, kind, lang)
    plan.participation = participation(drafting.values, catalogue.defaults, kind, survey is not None, lang)
    plan.areas = area_coverage(plan, catalogue, lang)
    return plan


def uncovered_needs(needs_of: Sequence[Mapping[str, float]], assessment: Assessment, lang: Lang) -> list[UncoveredNeed]:
    """Needs scored medium or high that no chosen action serves: the document names them."""
    needs = assessment.profile.needs
    return [
        UncoveredNeed(need=n, label=needs[n].label, reason=t("plan_need_uncovered", lang))
        for n in _needs_to_serve(assessment)
        if not any(m.get(n, 0) >= OBJECTIVE_STRENGTH for m in needs_of)
    ]


# ---- pieces ---------------------------------------------------------------------


def intake_completeness(assessment: Assessment, lang: Lang = "it") -> IntakeCompleteness:
    """What the plan records of the intake it was drafted from (the same facts the app's gate shows)."""
    status = intake_status(assessment.questionnaire.definition, assessment.validated.values, lang)
    return IntakeCompleteness(
        answered=status.answered,
        shown=status.shown,
        missing_required=[m.label for m in status.missing_required],
        incomplete=status.needs_confirmation,
    )


def welfare_inputs(
    *,
    values: Mapping[str, AnswerValue],
    headcount_question: str | None,
    comune: str | None,
    year: int,
    catalogue: Catalogue,
) -> WelfareInputs:
    """The calculator's starting point for an organisation: its answers, the catalogue's defaults, its district."""
    ambito = catalogue.ambito_for(comune)
    return inputs_from_answers(
        values=values,
        headcount_question=headcount_question,
        year=year,
        defaults=catalogue.defaults,
        parameters=catalogue.tax,
        ambito_id=ambito.id if ambito else None,
    )


def _welfare(assessment: Assessment, catalogue: Catalogue, year: int, lang: Lang) -> WelfarePlan | None:
    """The welfare budget of the plan's first year and the district packages it buys, if there is money."""
    if not catalogue.tax:
        return None
    inputs = welfare_inputs(
        values=assessment.validated.values,
        headcount_question=assessment.questionnaire.definition.headcount_question,
        comune=assessment.answers.organisation.comune,
        year=year,
        catalogue=catalogue,
    )
    if not has_welfare_budget(inputs):
        return None
    return plan_welfare(
        inputs=inputs, parameters=catalogue.tax, ambiti=catalogue.ambiti, needs=assessment.profile.needs, lang=lang
    )


def _resolve(measure_ids: Sequence[str], catalogue: Catalogue, kind: str) -> list[Measure]:
    measures: list[Measure] = []
    for mid in dict.fromkeys(measure_ids):
        measure = catalogue.measures.get(mid)
        if measure is None:
            raise UnknownMeasureError(f"measure '{mid}' is not in the catalogue")
        if kind not in measure.kinds:
            raise UnknownMeasureError(f"measure '{mid}' does not apply to this kind of organisation ({kind})")
        measures.append(measure)
    return measures


def _number(values: Mapping[str, AnswerValue], qid: str | None) -> float | None:
    value = values.get(qid) if qid else None
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _duration(values: Mapping[str, AnswerValue], catalogue: Catalogue) -> int:
    defaults = catalogue.defaults
    answer = values.get(defaults.duration_question) if defaults.duration_question else None
    return (
        defaults.durations.get(answer, defaults.default_duration_months)
        if isinstance(answer, str)
        else (defaults.default_duration_months)
    )


def _target_group(
    need: str, values: Mapping[str, AnswerValue], headcount: float | None, catalogue: Catalogue, lang: Lang
) -> tuple[str, int]:
    group = catalogue.defaults.target_groups.get(need)
    everyone = (catalogue.defaults.everyone.get(lang), int(headcount or 0))
    if group is None:
        return everyone
    counts = [n for q in group.questions if (n := _number(values, q)) is not None]
    share = _number(values, group.share_question)
    if share is not None and headcount is not None:
        counts.append(share / 100 * headcount)
    if not counts:
        return everyone  # the answers do not count this group: the action is open to all
    size = sum(counts)
    if headcount is not None:
        size = min(size, headcount)
    return group.label.get(lang), int(size)


def _budget(measure: Measure, headcount: float | None, group_size: int, years: float) -> tuple[float, float]:
    people = {"employee": headcount or 0, "user": group_size, "organisation": 1}[measure.cost.per]
    return measure.cost.min * people * years, measure.cost.max * people * years


@dataclass(frozen=True)
class Baseline:
    """Where an indicator starts, as read from the answers or the survey, with what it was read from."""

    value: float
    source: str
    count: float | None = None
    of: float | None = None


def baseline_from_answers(
    indicator: Indicator, values: Mapping[str, AnswerValue], headcount: float | None = None
) -> Baseline | None:
    """The first baseline the answers can give for this indicator (a share keeps its count and base)."""
    for source in indicator.baseline_from:
        value = _number(values, source.question)
        if value is None:
            continue
        base: float | None = None
        if source.per is not None:
            base = _number(values, source.per)
        elif source.per_share is not None:
            share = _number(values, source.per_share)
            base = round(share / 100 * headcount) if share is not None and headcount else None
        if source.per is not None or source.per_share is not None:
            if not base:
                continue
            share = 100 * value / base
            if source.complement:
                return Baseline(round(100 - share, 1), source.question, base - value, base)
            return Baseline(round(share, 1), source.question, value, base)
        if source.complement:
            value = 100 - value
        return Baseline(round(value, 1), source.question)
    return None


def baseline_from_survey(indicator: Indicator, survey: SurveyResult | None, headcount: float | None) -> float | None:
    """A perception baseline from the employee survey's aggregates (never for fewer than 5 respondents)."""
    if survey is None or survey.too_few or indicator.survey_baseline is None:
        return None
    found = indicator.survey_baseline
    if found.response_rate:
        return round(min(100.0, 100 * survey.respondents / headcount), 1) if headcount else None
    if found.scale_end is not None:
        scale = next((x for x in survey.scales if x.question == found.question), None)
        if scale is None:
            return None
        return scale.low_share if found.scale_end == "low" else scale.high_share
    shares = [p.share for p in survey.preferences if p.question == found.question and p.option in found.options]
    return round(100 * sum(shares), 1) if shares else None


def proposed_target(baseline: Baseline, indicator: Indicator, defaults: PlanDefaults) -> float | None:
    """The target the stated rule proposes (``plan_defaults.yaml`` ``targets`` and ``improvement``)."""
    rule = defaults.targets
    if rule is not None and indicator.id in rule.fixed:
        return rule.fixed[indicator.id]
    improvement = defaults.improvement
    value = baseline.value
    if indicator.direction == "higher":
        if indicator.unit.strip() == "%":
            return round(min(100.0, value + improvement["higher"] * (100 - value)), 1)
        return round(value * (1 + improvement["higher"]), 1)
    if indicator.direction == "lower":
        people = baseline.count if baseline.of is not None else value
        if rule is not None and people is not None and people <= rule.small_count:
            return 0.0
        return round(value * (1 - improvement["lower"]), 1)
    return None


def target_rule_text(defaults: PlanDefaults, lang: Lang) -> str:
    """The rule the proposed targets follow, in words, for the document (data, not code)."""
    if defaults.targets is None:
        return ""
    return defaults.targets.rule.get(lang).format(
        higher=fmt_percent(100 * defaults.improvement["higher"], lang, 0),
        lower=fmt_percent(100 * defaults.improvement["lower"], lang, 0),
        small_count=defaults.targets.small_count,
    )


def measure_by_date(start_date: dt.date, defaults: PlanDefaults) -> dt.date:
    """When a baseline the answers do not give is to be measured (``measure_within_months`` after the start)."""
    return add_months(start_date, defaults.measure_within_months) - dt.timedelta(days=1)


def plan_indicator(
    indicator: Indicator,
    baseline: Baseline | None,
    *,
    source: str,
    baseline_date: dt.date,
    measure_by: dt.date,
    end_date: dt.date,
    defaults: PlanDefaults,
    lang: Lang,
) -> PlanIndicator:
    """A catalogue indicator as a plan row: its baseline and where it comes from, or when it is to be
    measured; the target the stated rule proposes (a fixed one, set by law or the measure, even without
    a baseline)."""
    fixed = defaults.targets.fixed if defaults.targets else {}
    return PlanIndicator(
        id=indicator.id,
        indicator_id=indicator.id,
        name=indicator.name.get(lang),
        formula=indicator.formula.get(lang),
        unit=indicator.unit,
        direction=indicator.direction,
        frequency=indicator.frequency,
        data_source=indicator.data_source,
        baseline=baseline.value if baseline else None,
        baseline_count=baseline.count if baseline else None,
        baseline_of=baseline.of if baseline else None,
        baseline_date=baseline_date if baseline else None,
        baseline_source=source if baseline else t("plan_baseline_todo", lang, date=fmt_date(measure_by, lang)),
        measure_by=None if baseline else measure_by,
        target=proposed_target(baseline, indicator, defaults) if baseline else fixed.get(indicator.id),
        target_date=end_date,
        owner=t("plan_indicator_owner", lang),
    )


def _indicators(
    actions: Sequence[Action],
    drafting: _Drafting,
    today: dt.date,
    end_date: dt.date,
    survey: SurveyResult | None,
    survey_date: dt.date,
) -> list[PlanIndicator]:
    catalogue, lang = drafting.catalogue, drafting.lang
    ids = list(dict.fromkeys(i for a in actions for i in a.indicators))
    if PLAN_COMPLETION_INDICATOR in catalogue.indicators and PLAN_COMPLETION_INDICATOR not in ids:
        ids.append(PLAN_COMPLETION_INDICATOR)
    measure_by = measure_by_date(drafting.start_date, catalogue.defaults)
    result: list[PlanIndicator] = []
    for iid in ids:
        indicator = catalogue.indicators[iid]
        baseline = baseline_from_answers(indicator, drafting.values, drafting.headcount)
        source = t(
            "plan_baseline_source_pa" if drafting.kind == "pa" else "plan_baseline_source",
            lang,
            date=fmt_date(today, lang),
        )
        if baseline is None and (rate := baseline_from_survey(indicator, survey, drafting.headcount)) is not None:
            baseline = Baseline(rate, "survey")
            n = survey.respondents if survey else 0
            source = t("plan_baseline_survey", lang, n=n, date=fmt_date(survey_date, lang))
        if baseline is None and iid == PLAN_COMPLETION_INDICATOR:
            baseline = Baseline(0.0, "plan")  # nothing of a new plan is done at its start
            source = t("plan_baseline_plan_start", lang)
        if baseline is None and indicator.starts_at_zero and _all_new(iid, actions, drafting):
            baseline = Baseline(0.0, "new")  # the measure it counts the use of does not exist yet
            source = t("plan_baseline_new_measure", lang)
        result.append(
            plan_indicator(
                indicator,
                baseline,
                source=source,
                baseline_date=survey_date if baseline is not None and baseline.source == "survey" else today,
                measure_by=measure_by,
                end_date=end_date,
                defaults=catalogue.defaults,
                lang=lang,
            )
        )
    return result


def _measurable_first(actions: Sequence[Action], drafting: _Drafting, survey: SurveyResult | None) -> list[Action]:
    """Each action keeps the indicators whose starting value is known (at most the defaults' number), or,
    when none is, its first ones: a plan with ten indicators it can read beats one with twenty "da rilevare"."""
    catalogue = drafting.catalogue
    keep = catalogue.defaults.indicators_per_action

    def known(iid: str) -> bool:
        indicator = catalogue.indicators[iid]
        return (
            baseline_from_answers(indicator, drafting.values, drafting.headcount) is not None
            or baseline_from_survey(indicator, survey, drafting.headcount) is not None
            or (indicator.starts_at_zero and _all_new(iid, actions, drafting))
        )

    result = []
    for action in actions:
        readable = [i for i in action.indicators if known(i)][:keep]
        # an action with no readable indicator keeps its first ones, to be measured by a stated date
        chosen = readable or action.indicators[:keep]
        result.append(action.model_copy(update={"indicators": chosen}))
    return result


def _all_new(indicator: str, actions: Sequence[Action], drafting: _Drafting) -> bool:
    """Every action carrying the indicator introduces a measure the organisation does not have yet."""
    carrying = [a for a in actions if indicator in a.indicators]
    return bool(carrying) and all(a.measure_id is not None and a.measure_id not in drafting.in_place for a in carrying)


def _objective_needs(needs_of: Sequence[Mapping[str, float]], assessment: Assessment) -> list[str]:
    """The needs the plan sets objectives on: each action's main scored need (so every action serves an
    objective), then the other highest scored needs the actions address, up to ``MAX_OBJECTIVES``
    (a need without enough evidence gets no objective: there is nothing observed to improve on yet)."""
    needs = assessment.profile.needs

    def scored(n: str) -> bool:
        return n in needs and needs[n].scored

    mains: list[str] = []
    for served in needs_of:
        strong = [n for n, s in served.items() if s >= OBJECTIVE_STRENGTH and scored(n)]
        if strong:
            mains.append(max(strong, key=lambda n: (needs[n].score * served[n], n)))
    addressed = {n for m in needs_of for n, s in m.items() if s >= OBJECTIVE_STRENGTH and scored(n)}
    ranked = sorted(addressed, key=lambda n: (-needs[n].score, n))
    relevant = [n for n in ranked if needs[n].score >= MIN_OBJECTIVE_SCORE]
    chosen = list(dict.fromkeys(n for n in ranked if n in mains))
    chosen += [n for n in relevant if n not in chosen][: max(0, MAX_OBJECTIVES - len(chosen))]
    if len(chosen) < MIN_OBJECTIVES:
        chosen += [n for n in ranked if n not in chosen][: MIN_OBJECTIVES - len(chosen)]
    return sorted(chosen, key=lambda n: (-needs[n].score, n))


def _objectives(
    actions: Sequence[Action],
    needs_of: Sequence[Mapping[str, float]],
    drafting: _Drafting,
    indicators: Sequence[PlanIndicator],
) -> list[Objective]:
    """One objective per served need, stated as an observable result of one of its indicators:
    "«Dimissioni …»: da 16,7% (2 su 12) a 0% entro dicembre 2028", never as the tool's own score."""
    needs = drafting.assessment.profile.needs
    lang = drafting.lang
    by_id = {i.id: i for i in indicators}
    stated: set[str] = set()
    objectives = []
    for need in _objective_needs(needs_of, drafting.assessment):
        linked = [a for a, n in zip(actions, needs_of, strict=True) if n.get(need, 0) >= OBJECTIVE_STRENGTH]
        for action in linked:
            if f"obj_{need}" not in action.objectives:
                action.objectives.append(f"obj_{need}")
        ids = [i for i in dict.fromkeys(i for a in linked for i in a.indicators) if i != PLAN_COMPLETION_INDICATOR]
        main = _stated_indicator([by_id[i] for i in ids], stated)
        if main is not None:
            stated.add(main)
        group, _ = _target_group(need, drafting.values, drafting.headcount, drafting.catalogue, lang)
        objectives.append(
            Objective(
                id=f"obj_{need}",
                title=objective_title(needs[need].label, by_id[main] if main else None, drafting, lang),
                target_group=group,
                due_month=drafting.duration,
                needs=[need],
                indicators=([main] if main else []) + [i for i in ids if i != main][:2],
                indicator=main,
            )
        )
    if not objectives:  # no need has the evidence for an objective yet: the first result is knowing them
        objectives.append(
            Objective(
                id="obj_rilevazione_bisogni",
                title=t("plan_objective_assess", lang),
                target_group=drafting.catalogue.defaults.everyone.get(lang),
                due_month=min(ASSESSMENT_MONTHS, drafting.duration),
            )
        )
    return objectives


def _stated_indicator(candidates: Sequence[PlanIndicator], stated: set[str]) -> str | None:
    """The indicator an objective's title states: one no other objective states, with a target that
    differs from its baseline, then any with a target, then any (in the actions' order)."""
    fresh = [i for i in candidates if i.id not in stated] or list(candidates)
    for good in (
        lambda i: i.target is not None and i.target != i.baseline,
        lambda i: i.target is not None,
        lambda i: True,
    ):
        found = next((i.id for i in fresh if good(i)), None)
        if found is not None:
            return found
    return None


def objective_title(need: str, indicator: PlanIndicator | None, drafting: _Drafting, lang: Lang) -> str:
    """The objective in words a client can check against its own records."""
    end = add_months(drafting.start_date, drafting.duration) - dt.timedelta(days=1)
    by = fmt_month_year(end, lang)
    if indicator is None:
        return t("plan_objective_actions", lang, need=need, date=by)
    name = indicator.name
    if indicator.baseline is not None:
        baseline = indicator_value(indicator.baseline, indicator, lang, with_count=True)
        if indicator.target is None:
            return t("plan_objective_agree", lang, need=need, indicator=name, baseline=baseline, date=by)
        if indicator.target == indicator.baseline:
            return t("plan_objective_keep", lang, need=need, indicator=name, baseline=baseline, date=by)
        target = indicator_value(indicator.target, indicator, lang)
        return t("plan_objective_result", lang, need=need, indicator=name, baseline=baseline, target=target, date=by)
    measured = indicator.measure_by or drafting.start_date
    return t("plan_objective_measure", lang, need=need, indicator=name, measure=fmt_date(measured, lang), date=by)


def indicator_value(value: float, indicator: PlanIndicator, lang: Lang, *, with_count: bool = False) -> str:
    """16,7% (2 su 12), 4,5 giorni, 0%: a value as the document prints it."""
    text = (
        f"{fmt_number(value, lang)}{indicator.unit}"
        if indicator.unit == "%"
        else (f"{fmt_number(value, lang)} {indicator.unit}".strip())
    )
    if with_count and indicator.baseline_count is not None and indicator.baseline_of is not None:
        text += " " + t(
            "plan_value_count",
            lang,
            count=fmt_number(indicator.baseline_count, lang, 0),
            of=fmt_number(indicator.baseline_of, lang, 0),
        )
    return text


def monitoring_calendar(plan: Plan, lang: Lang) -> list[MonitoringEvent]:
    """Kick-off, quarterly checks when indicators need them, half-yearly steering, yearly report, final review."""
    frequent = any(i.frequency in ("monthly", "quarterly") for i in plan.indicators)
    events = [
        MonitoringEvent(date=plan.start_date, month=0, what=t("plan_mon_kickoff", lang), who=t("plan_mon_team", lang))
    ]
    for month in range(3, plan.duration_months, 3):
        when = add_months(plan.start_date, month)
        if month % 12 == 0:
            events.append(
                MonitoringEvent(
                    date=when, month=month, what=t("plan_mon_yearly", lang), who=t("plan_mon_direction", lang)
                )
            )
        elif month % 6 == 0:
            events.append(
                MonitoringEvent(date=when, month=month, what=t("plan_mon_steering", lang), who=t("plan_mon_team", lang))
            )
        elif frequent:
            events.append(
                MonitoringEvent(
                    date=when, month=month, what=t("plan_mon_quarterly", lang), who=t("plan_indicator_owner", lang)
                )
            )
    events.append(
        MonitoringEvent(
            date=plan.end_date,
            month=plan.duration_months,
            what=t("plan_mon_final", lang),
            who=t("plan_mon_direction", lang),
        )
    )
    return events


def manager_objectives(plan: Plan, lang: Lang) -> list[ManagerObjective]:
    """One objective per action for its owner, weights splitting each owner's share equally."""
    indicators = {i.id: i for i in plan.indicators}
    per_owner: dict[str, int] = {}
    for action in plan.actions:
        per_owner[action.owner] = per_owner.get(action.owner, 0) + 1
    result = []
    weights: dict[str, list[float]] = {owner: split_hundred(n) for owner, n in per_owner.items()}
    for action in plan.actions:
        indicator = indicators.get(action.indicators[0]) if action.indicators else None
        if indicator is not None and indicator.target is not None:
            target = f"{fmt_number(indicator.target, lang)} {indicator.unit}".strip()
        else:
            target = t("plan_mbo_target_launch", lang)
        launch = plan.month_date(action.launch_month)
        result.append(
            ManagerObjective(
                manager=action.owner,
                objective=t("plan_mbo_objective", lang, action=action.name, date=fmt_date(launch, lang)),
                indicator=indicator.id if indicator else "",
                weight=weights[action.owner].pop(0),
                target=target,
                evidence=t("plan_mbo_evidence", lang),
                review_date=min(plan.end_date, add_months(launch, 6)),
            )
        )
    return result
