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
import json
from collections.abc import Mapping, Sequence
from pathlib import Path

from workbench.assessment import Assessment
from workbench.catalogue import Catalogue
from workbench.content import ContentError, ContentIssue, display_path, parse_model
from workbench.formatting import fmt_date, fmt_number
from workbench.i18n import t
from workbench.intake_status import intake_status
from workbench.models.answers import AnswerValue
from workbench.models.catalogue import Indicator, Measure
from workbench.models.plan import (
    PLAN_SCHEMA_VERSION,
    Action,
    DroppedMeasure,
    Engagement,
    Funding,
    IntakeCompleteness,
    ManagerObjective,
    MonitoringEvent,
    Objective,
    Plan,
    PlanIndicator,
    add_months,
)
from workbench.models.recommendation import RecommendationSet
from workbench.models.text import Lang
from workbench.models.welfare import WelfareInputs, WelfarePlan
from workbench.models.workspace import CustomMeasure
from workbench.objectives import split_hundred
from workbench.recommend import recommend
from workbench.welfare import has_welfare_budget, inputs_from_answers, plan_welfare

PLAN_COMPLETION_INDICATOR = "avanzamento_piano"
ASSESSMENT_MONTHS = 3
"""With no need scored, the plan's first objective is to measure them within this many months."""
MAX_OBJECTIVES = 5
MIN_OBJECTIVES = 3
MIN_OBJECTIVE_SCORE = 34.0
OBJECTIVE_STRENGTH = 0.5
"""A measure serves an objective's need when it addresses it at least this strongly."""


class UnknownMeasureError(ValueError):
    """A measure id that is not in the catalogue (or not for this kind of organisation)."""


def load_plan_json(path: Path) -> Plan:
    """A saved plan; a file from another schema version or a broken one is refused with a clear message."""
    name = display_path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ContentError([ContentIssue(name, "", "", f"not a readable plan JSON: {exc}")]) from exc
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


def auto_measures(recommendations: RecommendationSet, count: int = 8) -> list[str]:
    """The measures a draft starts from when the consultant has not chosen yet."""
    return [r.id for r in recommendations.recommendations[:count]]


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
) -> Plan:
    """Rank the whole catalogue for this organisation, then draft the plan from ``measure_ids``
    (None: the top ``count`` suggestions). The one entry point the CLI, the app and the tests share."""
    recommendations = recommend(
        questionnaire=assessment.questionnaire,
        profile=assessment.profile,
        values=assessment.validated.values,
        organisation=assessment.answers.organisation,
        catalogue=catalogue,
        top=len(catalogue.measures),
        lang=lang,
    )
    chosen = auto_measures(recommendations, count) if measure_ids is None else measure_ids
    return draft_plan(
        assessment=assessment,
        catalogue=catalogue,
        recommendations=recommendations,
        measure_ids=chosen,
        start_date=start_date,
        today=today,
        consultant=consultant,
        lang=lang,
        custom=custom,
    )


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
) -> Plan:
    """Build a complete, valid draft plan; every default can be edited afterwards.

    ``custom`` measures (added by the consultant, not in the catalogue) become actions too,
    followed by the plan-completion indicator.
    """
    values = assessment.validated.values
    defaults = catalogue.defaults
    kind = assessment.questionnaire.definition.kind
    measures = _resolve(measure_ids, catalogue, kind)
    headcount = _number(values, assessment.questionnaire.definition.headcount_question)
    duration = _duration(values, catalogue)
    end_date = add_months(start_date, duration) - dt.timedelta(days=1)
    explained = {r.id: r for r in [*recommendations.recommendations, *recommendations.in_place]}
    needs = assessment.profile.needs

    actions: list[Action] = []
    for index, measure in enumerate(measures):
        main_need = max(  # a scored need first: an unscored one's provisional number says nothing
            measure.needs,
            key=lambda n: (n in needs and needs[n].scored, (needs[n].score if n in needs else 0) * measure.needs[n]),
        )
        group_label, group_size = _target_group(main_need, values, headcount, catalogue, lang)
        wave = index // defaults.actions_per_wave
        start = min(1 + wave * defaults.months_between_waves, duration)
        launch = min(duration, start + measure.lead_time_months)
        years = (duration - launch + 1) / 12
        low, high = _budget(measure, headcount, group_size, years)
        rec = explained.get(measure.id)
        actions.append(
            Action(
                id=measure.id,
                measure_id=measure.id,
                name=measure.name.get(lang),
                description=measure.description.get(lang),
                macro_area=measure.macro_area,
                rationale=rec.explanation if rec else t("plan_rationale_chosen", lang),
                owner=defaults.owners[measure.macro_area].get(lang),
                target_group=group_label,
                target_size=group_size,
                start_month=start,
                launch_month=launch,
                end_month=duration,
                budget_eur=round((low + high) / 2, 2),
                budget_min_eur=round(low, 2),
                budget_max_eur=round(high, 2),
                cost_band=measure.cost_band,
                funding=_funding(measure, catalogue),
                objectives=[],
                indicators=list(measure.indicators),
                legal_refs=list(measure.legal_refs),
                territorial_services=[s.name for s in rec.territorial_services] if rec else [],
                union_agreement=measure.union_agreement,
            )
        )

    needs_of: list[Mapping[str, float]] = [m.needs for m in measures]
    for extra in custom:
        index = len(actions)
        wave = index // defaults.actions_per_wave
        start = min(1 + wave * defaults.months_between_waves, duration)
        actions.append(
            Action(
                id=extra.id,
                measure_id=None,
                name=extra.name,
                description=extra.description,
                macro_area=extra.macro_area,
                rationale=t("plan_rationale_custom", lang),
                owner=extra.owner or defaults.owners[extra.macro_area].get(lang),
                target_group=defaults.everyone.get(lang),
                target_size=int(headcount or 0),
                start_month=start,
                launch_month=min(duration, start + 2),
                end_month=duration,
                budget_eur=extra.budget_eur,
                budget_min_eur=extra.budget_eur,
                budget_max_eur=extra.budget_eur,
                cost_band=extra.cost_band,
                funding="none" if extra.budget_eur == 0 else "company_budget",
                indicators=[PLAN_COMPLETION_INDICATOR] if PLAN_COMPLETION_INDICATOR in catalogue.indicators else [],
            )
        )
        needs_of.append(extra.needs)

    indicators = _indicators(actions, catalogue, values, today, end_date, lang)
    objectives = _objectives(actions, needs_of, assessment, catalogue, duration, lang)
    plan = Plan(
        engagement=Engagement(
            organisation=assessment.answers.organisation, consultant=consultant, date=today, language=lang
        ),
        questionnaire=assessment.questionnaire.ref,
        answers=dict(values),
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
        welfare=_welfare(assessment, catalogue, start_date.year, lang),
        intake=intake_completeness(assessment, lang),
        evidence=recommendations.evidence,
    )
    plan.monitoring = monitoring_calendar(plan, lang)
    plan.manager_objectives = manager_objectives(plan, lang)
    return plan


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


def _funding(measure: Measure, catalogue: Catalogue) -> Funding:
    if measure.cost_band == "none":
        return "none"
    if measure.macro_area in catalogue.defaults.welfare_areas:
        return "welfare_credit"
    return "company_budget"


def baseline_from_answers(indicator: Indicator, values: Mapping[str, AnswerValue]) -> tuple[float, str] | None:
    """The first baseline the answers can give for this indicator, with the question it came from."""
    for source in indicator.baseline_from:
        value = _number(values, source.question)
        if value is None:
            continue
        if source.per is not None:
            base = _number(values, source.per)
            if not base:
                continue
            value = 100 * value / base
        if source.complement:
            value = 100 - value
        return round(value, 1), source.question
    return None


def default_target(baseline: float, indicator: Indicator, catalogue: Catalogue) -> float | None:
    """Improve by the default share: close part of the gap to 100% for percentages, or scale."""
    improvement = catalogue.defaults.improvement
    if indicator.direction == "higher":
        if indicator.unit.strip() == "%":
            return round(min(100.0, baseline + improvement["higher"] * (100 - baseline)), 1)
        return round(baseline * (1 + improvement["higher"]), 1)
    if indicator.direction == "lower":
        return round(baseline * (1 - improvement["lower"]), 1)
    return None


def _indicators(
    actions: Sequence[Action],
    catalogue: Catalogue,
    values: Mapping[str, AnswerValue],
    today: dt.date,
    end_date: dt.date,
    lang: Lang,
) -> list[PlanIndicator]:
    ids = list(dict.fromkeys(i for a in actions for i in a.indicators))
    if PLAN_COMPLETION_INDICATOR in catalogue.indicators and PLAN_COMPLETION_INDICATOR not in ids:
        ids.append(PLAN_COMPLETION_INDICATOR)
    result: list[PlanIndicator] = []
    for iid in ids:
        indicator = catalogue.indicators[iid]
        found = baseline_from_answers(indicator, values)
        baseline = found[0] if found else None
        source = t("plan_baseline_source", lang, date=fmt_date(today, lang)) if found else t("plan_baseline_todo", lang)
        result.append(
            PlanIndicator(
                id=iid,
                indicator_id=iid,
                name=indicator.name.get(lang),
                formula=indicator.formula.get(lang),
                unit=indicator.unit,
                direction=indicator.direction,
                frequency=indicator.frequency,
                data_source=indicator.data_source,
                baseline=baseline,
                baseline_date=today if found else None,
                baseline_source=source,
                target=default_target(baseline, indicator, catalogue) if baseline is not None else None,
                target_date=end_date,
                owner=t("plan_indicator_owner", lang),
            )
        )
    return result


def _objective_needs(needs_of: Sequence[Mapping[str, float]], assessment: Assessment) -> list[str]:
    """The needs the plan sets objectives on: the highest scored ones the chosen measures really address
    (a need without enough evidence gets no objective: its "score" is not a baseline anyone can verify)."""
    needs = assessment.profile.needs
    addressed = {
        n for m in needs_of for n, s in m.items() if s >= OBJECTIVE_STRENGTH and n in needs and needs[n].scored
    }
    ranked = sorted(addressed, key=lambda n: (-needs[n].score, n))
    relevant = [n for n in ranked if needs[n].score >= MIN_OBJECTIVE_SCORE]
    chosen = relevant[:MAX_OBJECTIVES]
    return chosen if len(chosen) >= MIN_OBJECTIVES else ranked[:MIN_OBJECTIVES]


def _objectives(
    actions: Sequence[Action],
    needs_of: Sequence[Mapping[str, float]],
    assessment: Assessment,
    catalogue: Catalogue,
    duration: int,
    lang: Lang,
) -> list[Objective]:
    needs = assessment.profile.needs
    values = assessment.validated.values
    headcount = _number(values, assessment.questionnaire.definition.headcount_question)
    objectives = []
    for need in _objective_needs(needs_of, assessment):
        linked = [a for a, n in zip(actions, needs_of, strict=True) if n.get(need, 0) >= OBJECTIVE_STRENGTH]
        for action in linked:
            if f"obj_{need}" not in action.objectives:
                action.objectives.append(f"obj_{need}")
        group, _ = _target_group(need, values, headcount, catalogue, lang)
        score = needs[need].score
        target = score * (1 - catalogue.defaults.improvement["lower"])
        objectives.append(
            Objective(
                id=f"obj_{need}",
                title=t(
                    "plan_objective_title",
                    lang,
                    need=needs[need].label,
                    score=fmt_number(score, lang, 0),
                    target=fmt_number(target, lang, 0),
                ),
                target_group=group,
                due_month=duration,
                needs=[need],
                indicators=list(dict.fromkeys(i for a in linked for i in a.indicators))[:3],
            )
        )
    if not objectives:  # no need has the evidence for an objective yet: the first result is knowing them
        objectives.append(
            Objective(
                id="obj_rilevazione_bisogni",
                title=t("plan_objective_assess", lang),
                target_group=catalogue.defaults.everyone.get(lang),
                due_month=min(ASSESSMENT_MONTHS, duration),
            )
        )
    return objectives


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
