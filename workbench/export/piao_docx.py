"""The PIAO chapter for a public administration: the lavoro agile sub-section of PIAO section 3
(DM 132/2022, art. 4, c. 1, lett. b), ready to insert as is.

It covers lavoro agile only: the legal and contractual frame, the conditions, the enabling factors
(maturity of the enabling conditions), the activities that can be done in lavoro agile, the plan's
lavoro-agile actions, targets and indicators over the PIAO triennium, and training. The plan's other
conciliation actions are listed apart, briefly, as positive actions that belong elsewhere in the PIAO.

Which actions are lavoro agile is read from the catalogue, not from a list here: a measure flagged
``remote_work`` (the measure is lavoro agile, remote work or a near-home hub) or one grounded in the
lavoro-agile law (``legal_refs`` cites :data:`LAVORO_AGILE_LAW`: activity mapping, digital equipment
and training, the PIAO sub-section, disconnection). A custom action counts when it cites that law.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from workbench.catalogue import Catalogue
from workbench.charts import chart_png, scores_chart
from workbench.content_ids import (
    BODY_TYPE_QUESTION,
    FUNZIONI_LOCALI,
    LAVORO_AGILE_LAW,
    MAPPING_QUESTIONS,
    OTHER_SECTORS,
    PIAO_REFERENCES,
    PIAO_SUBSECTION_MEASURE,
)
from workbench.export.templates import render_document, template_for
from workbench.export.wording import public_wording
from workbench.formatting import fmt_date, fmt_month_year, fmt_number, fmt_percent
from workbench.i18n import t
from workbench.maturity import TrainingRow
from workbench.models.catalogue import Indicator
from workbench.models.document import PiaoDocument
from workbench.models.maturity import MaturityAssessment
from workbench.models.plan import Action, Plan, PlanIndicator, add_months
from workbench.models.scoring import DimensionScore
from workbench.models.text import Lang
from workbench.plan import baseline_from_answers, indicator_value, measure_by_date, plan_indicator
from workbench.questionnaire import LoadedQuestionnaire

PIAO_SECTIONS = ("stato_implementazione", "performance_organizzativa", "impatti")
PIAO_YEARS = 3


def piao_template(lang: Lang, *, folder: Path | None = None) -> Path:
    return template_for("piao", lang, folder=folder)


def piao_first_year(today: dt.date) -> int:
    """The first year of the next PIAO to adopt: this year's in January (due by 31 January), next year's after."""
    return today.year if today.month == 1 else today.year + 1


def piao_triennium(plan: Plan | None, today: dt.date) -> tuple[int, int]:
    """The PIAO triennium: from the plan's start year (a start in 2027 goes in PIAO 2027-2029)."""
    first = plan.start_date.year if plan else piao_first_year(today)
    return first, first + PIAO_YEARS - 1


def is_lavoro_agile(action: Action, catalogue: Catalogue) -> bool:
    measure = catalogue.measures.get(action.measure_id or "")
    if measure is not None:
        return measure.remote_work or LAVORO_AGILE_LAW in measure.legal_refs
    return LAVORO_AGILE_LAW in action.legal_refs


def _source(data_source: str, lang: Lang) -> str:
    label = t("source_" + data_source, lang)
    return data_source if label == "source_" + data_source else label


def _timing(action: Action, plan: Plan, lang: Lang) -> str:
    start = fmt_month_year(plan.month_date(action.start_month), lang)
    return t("piao_timing", lang, start=start, end=fmt_month_year(plan.month_date(action.end_month), lang))


def _section(indicator_id: str | None, catalogue: Catalogue) -> str:
    found = catalogue.indicators.get(indicator_id or "")
    return found.piao_section if found and found.piao_section else "performance_organizzativa"


def _from_catalogue(indicator: Indicator, plan: Plan, catalogue: Catalogue, lang: Lang) -> PlanIndicator:
    """A core sub-section indicator the plan does not carry, built as the plan builds its own."""
    date = plan.engagement.date
    return plan_indicator(
        indicator,
        baseline_from_answers(indicator, plan.answers),
        source=t("plan_baseline_source_pa", lang, date=fmt_date(date, lang)),
        baseline_date=date,
        measure_by=measure_by_date(plan.start_date, catalogue.defaults),
        end_date=plan.end_date,
        defaults=catalogue.defaults,
        lang=lang,
    )


def _agile_indicators(plan: Plan, agile: Sequence[Action], catalogue: Catalogue, lang: Lang) -> list[PlanIndicator]:
    """The lavoro-agile actions' indicators and the sub-section's core set, in PIAO-section order."""
    core = catalogue.measures.get(PIAO_SUBSECTION_MEASURE)
    wanted = list(dict.fromkeys([i for a in agile for i in a.indicators] + (core.indicators if core else [])))
    own = {i.id: i for i in plan.indicators} | {i.indicator_id: i for i in plan.indicators if i.indicator_id}
    rows = [
        own[iid] if iid in own else _from_catalogue(catalogue.indicators[iid], plan, catalogue, lang)
        for iid in wanted
        if iid in own or iid in catalogue.indicators
    ]
    rows = list({id(r): r for r in rows}.values())
    return sorted(rows, key=lambda i: PIAO_SECTIONS.index(_section(i.indicator_id, catalogue)))


def _target_rule(indicator: PlanIndicator, catalogue: Catalogue, date: str, lang: Lang) -> str:
    improvement = catalogue.defaults.improvement
    if indicator.direction == "higher":
        share = fmt_percent(100 * improvement["higher"], lang, 0)
        key = "piao_target_rule_share" if indicator.unit.strip() == "%" else "piao_target_rule_up"
        return t(key, lang, share=share, date=date)
    if indicator.direction == "lower":
        return t("piao_target_rule_down", lang, share=fmt_percent(100 * improvement["lower"], lang, 0), date=date)
    return t("piao_target_rule_agree", lang, date=date)


def _indicator_row(
    indicator: PlanIndicator, plan: Plan, catalogue: Catalogue, last_day: dt.date, lang: Lang
) -> dict[str, str]:
    """Every row has a baseline (a value with its source, or when and from what to measure it) and a target
    within the triennium (a value, or the rule that sets it on the baseline), marked when still a proposal."""
    if indicator.baseline is None:
        due = fmt_date(
            min(indicator.measure_by or measure_by_date(plan.start_date, catalogue.defaults), last_day), lang
        )
        baseline = t("piao_baseline_todo", lang, date=due, source=_source(str(indicator.data_source), lang))
    else:
        value = indicator_value(indicator.baseline, indicator, lang, with_count=True)
        source = indicator.baseline_source
        baseline = t("piao_baseline_value", lang, value=value, source=source) if source else value
    by = fmt_date(min(indicator.target_date or plan.end_date, last_day), lang)
    if indicator.target is not None:
        target = t("piao_target_value", lang, value=indicator_value(indicator.target, indicator, lang), date=by)
    else:
        target = _target_rule(indicator, catalogue, by, lang)
    if not indicator.target_confirmed:
        target = f"{target} ({t('piao_proposed', lang)})"
    return {
        "section": t("piao_" + _section(indicator.indicator_id, catalogue), lang),
        "name": indicator.name,
        "baseline": baseline,
        "target": target,
    }


def _references(plan: Plan | None, catalogue: Catalogue, lang: Lang) -> list[dict[str, str]]:
    """The sub-section's legal and contractual frame, as the catalogue names it (a reference not there is
    skipped; the Funzioni Locali contracts only for bodies of that sector)."""
    other_sector = plan is not None and plan.answers.get(BODY_TYPE_QUESTION) in OTHER_SECTORS
    rows = []
    for rid in PIAO_REFERENCES:
        reference = catalogue.legal.get(rid)
        if reference is None or "pa" not in reference.kinds or (other_sector and rid in FUNZIONI_LOCALI):
            continue
        rows.append({"title": reference.title, "summary": reference.summary.get(lang)})
    return rows


def _question_labels(ids: Sequence[str], questionnaire: LoadedQuestionnaire | None, lang: Lang) -> list[str]:
    if questionnaire is None:
        return []
    questions = questionnaire.definition.question_map()
    return [questions[q].label.get(lang).rstrip("?").rstrip() for q in ids if q in questions]


def _condition_row(condition: DimensionScore, questionnaire: LoadedQuestionnaire | None, lang: Lang) -> dict[str, str]:
    evidence = "; ".join(f"{e.question_label.rstrip('?')}: {e.answer}" for e in condition.explanation[:2]) or "—"
    if condition.scored:
        score = t("piao_score", lang, score=fmt_number(condition.score, lang, 0))
        if condition.confidence != "high":
            score = f"{score}, {t('confidence_' + condition.confidence, lang)}"
        return {"label": condition.label, "score": score, "evidence": evidence}
    labels = _question_labels(condition.missing[:2], questionnaire, lang)
    todo = (
        t("piao_insufficient_questions", lang, questions="; ".join(labels))
        if labels
        else t("piao_insufficient_count", lang, n=len(condition.missing))
    )
    return {"label": condition.label, "score": t("piao_insufficient", lang), "evidence": todo}


def _level_text(assessment: MaturityAssessment, levels: int, lang: Lang) -> str:
    unknown = [c for c in assessment.conditions if not c.scored]
    if not unknown:
        return t(
            "piao_level",
            lang,
            level=assessment.level,
            levels=levels,
            name=assessment.level_name,
            overall=fmt_number(assessment.overall, lang, 0),
            description=assessment.level_description,
        )
    if len(unknown) == len(assessment.conditions):
        return t("piao_level_unknown", lang)
    return t(
        "piao_level_provisional",
        lang,
        conditions=", ".join(f"«{c.label}»" for c in unknown),
        level=assessment.level,
        levels=levels,
        name=assessment.level_name,
    )


def _steps(assessment: MaturityAssessment, questionnaire: LoadedQuestionnaire | None, lang: Lang) -> list[str]:
    """What the next level takes; a condition without enough evidence is first measured, never 'brought from 0'."""
    unknown = [c for c in assessment.conditions if not c.scored]
    steps = []
    for condition in unknown:
        labels = _question_labels(condition.missing[:3], questionnaire, lang)
        steps.append(
            t(
                "piao_step_evidence",
                lang,
                condition=condition.label,
                questions="; ".join(labels) if labels else t("piao_insufficient_count", lang, n=len(condition.missing)),
            )
        )
    return steps + [s for s in assessment.to_next_level if not any(f"«{c.label}»" in s for c in unknown)]


def _mapping_text(
    assessment: MaturityAssessment, plan: Plan | None, catalogue: Catalogue, first_year: int, lang: Lang
) -> str:
    """The activities that can be done in lavoro agile: the office-by-office table when filled in, else what
    the answers say and by when the mapping is to be done (as any missing baseline: ``measure_within_months``)."""
    if assessment.activity_share is not None:
        return t("piao_mapping_table", lang, share=fmt_percent(assessment.activity_share, lang))
    start = plan.start_date if plan else dt.date(first_year, 1, 1)
    due = fmt_date(add_months(start, catalogue.defaults.measure_within_months) - dt.timedelta(days=1), lang)
    facts = {
        e.question: f"{e.question_label.rstrip('?').rstrip()}: {e.answer}"
        for c in assessment.conditions
        for e in c.explanation
        if e.question in MAPPING_QUESTIONS
    }
    if facts:
        ordered = [facts[q] for q in MAPPING_QUESTIONS if q in facts]
        return t("piao_mapping_answers", lang, facts="; ".join(ordered), date=due)
    return t("piao_mapping_todo", lang, date=due)


def piao_document(
    plan: Plan | None,
    assessment: MaturityAssessment,
    training: Sequence[TrainingRow],
    *,
    catalogue: Catalogue,
    organisation: str,
    levels: int,
    today: dt.date,
    lang: Lang,
    questionnaire: LoadedQuestionnaire | None = None,
) -> PiaoDocument:
    """The sub-section's data, in a public body's words (the organisation's name kept as it is)."""
    first, last = piao_triennium(plan, today)
    last_day = dt.date(last, 12, 31)
    triennium = f"{first}-{last}"
    actions = plan.actions if plan else []
    agile = [a for a in actions if is_lavoro_agile(a, catalogue)]
    related = [a for a in actions if not is_lavoro_agile(a, catalogue)]
    indicators = _agile_indicators(plan, agile, catalogue, lang) if plan else []
    names = {i.id: i.name for i in plan.indicators} if plan else {}
    adoption = fmt_date(dt.date(first, 1, 31), lang)
    if plan:
        period = t(
            "piao_period",
            lang,
            triennium=triennium,
            adoption=adoption,
            start=fmt_date(plan.start_date, lang),
            end=fmt_date(min(plan.end_date, last_day), lang),
        )
    else:
        period = t("piao_period_no_plan", lang, triennium=triennium, adoption=adoption)
    scored = all(c.scored for c in assessment.conditions)
    context = {
        "org": {"name": organisation},
        "date": fmt_date(today, lang),
        "triennium": triennium,
        "period": period,
        "references": _references(plan, catalogue, lang),
        "level": str(assessment.level),
        "levels": str(levels),
        "level_name": assessment.level_name,
        "level_description": assessment.level_description,
        "level_text": _level_text(assessment, levels, lang),
        "overall": fmt_number(assessment.overall, lang, 0) if scored else t("piao_insufficient", lang),
        "conditions": [_condition_row(c, questionnaire, lang) for c in assessment.conditions],
        "steps": _steps(assessment, questionnaire, lang),
        "activity_share": fmt_percent(assessment.activity_share, lang) if assessment.activity_share is not None else "",
        "mapping_text": _mapping_text(assessment, plan, catalogue, first, lang),
        "activities": [
            {
                "activity": a.activity,
                "office": a.office or "—",
                "remotable": t("remotable_" + a.remotable, lang),
                "staff": str(a.staff),
            }
            for a in assessment.activities
        ],
        "actions_text": t("piao_actions_intro" if agile else "piao_no_agile_actions", lang),
        "agile_actions": [
            {
                "name": a.name,
                "description": a.description,
                "target": a.target_group or "—",
                "owner": a.owner or "—",
                "timing": _timing(a, plan, lang),
                "indicators": ", ".join(names[i] for i in a.indicators if i in names) or "—",
            }
            for a in agile
            if plan
        ],
        "indicators": [_indicator_row(i, plan, catalogue, last_day, lang) for i in indicators if plan],
        "training": [
            {
                "title": m.title,
                "topics": m.topics,
                "audience": m.audience,
                "hours": fmt_number(m.hours, lang),
                "month": fmt_month_year(dt.date(first, m.month, 1), lang),
                "because": m.because,
            }
            for m in training
        ],
        "related_actions": [
            {
                "name": a.name,
                "target": a.target_group or "—",
                "owner": a.owner or "—",
                "timing": _timing(a, plan, lang),
                "indicators": ", ".join(names[i] for i in a.indicators if i in names) or "—",
            }
            for a in related
            if plan
        ],
    }
    chart = scores_chart(assessment.conditions, t("mat_chart_title", lang), lang)
    return PiaoDocument.model_validate(
        public_wording(context, lang, welfare_credit=False, keep=("org",)) | {"maturity_chart": chart_png(chart)}
    )


def render_piao_docx(
    plan: Plan | None,
    assessment: MaturityAssessment,
    training: Sequence[TrainingRow],
    *,
    catalogue: Catalogue,
    organisation: str,
    levels: int,
    today: dt.date,
    lang: Lang,
    template: Path | None = None,
    questionnaire: LoadedQuestionnaire | None = None,
) -> bytes:
    document = piao_document(
        plan,
        assessment,
        training,
        catalogue=catalogue,
        organisation=organisation,
        levels=levels,
        today=today,
        lang=lang,
        questionnaire=questionnaire,
    )
    return render_document("piao", document, template=template or piao_template(lang))
