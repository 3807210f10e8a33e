"""Plan -> Word document, with docxtpl.

Two safety rules, both verified in the project notes: autoescape is always on
(otherwise `&` or `<` in a company name silently corrupts the file), and an
undefined tag is an error at render time (StrictUndefined), never a blank. A
template that lacks a tag the plan needs fails before rendering, naming the tag.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage

from workbench.answer_display import display_answer
from workbench.catalogue import Catalogue
from workbench.charts import chart_png, gantt_chart, scores_chart
from workbench.export.crosswalk_annex import crosswalk_context
from workbench.export.welfare_annex import welfare_context
from workbench.formatting import fmt_date, fmt_money, fmt_number, fmt_percent
from workbench.i18n import t
from workbench.intake_status import evidence_warning_text, intake_warning_text
from workbench.models.plan import Action, Plan, PlanIndicator
from workbench.models.scoring import DimensionScore
from workbench.models.text import Lang
from workbench.plain_text import xml_safe
from workbench.questionnaire import LoadedQuestionnaire
from workbench.settings import PROJECT_ROOT

TEMPLATES_DIR = PROJECT_ROOT / "plan_templates"
CHART_WIDTH = Mm(165)

REQUIRED_TAGS = frozenset(
    {
        "org",
        "status_label",
        "actions",
        "indicators",
        "objectives",
        "needs_chart",
        "gantt_chart",
        "monitoring",
        "total_budget",
        "legal",
        "answer_sections",
    }
)
"""A plan template without these would silently drop a part of the plan a manager signs."""


class TemplateError(Exception):
    """The template and the plan do not fit together; the message names the tag."""


@dataclass(frozen=True)
class Charts:
    needs: bytes
    feasibility: bytes
    gantt: bytes


def template_path(name: str) -> Path:
    """A template by file name or by language code ('it', 'en')."""
    if name in ("it", "en"):
        return TEMPLATES_DIR / f"piano_conciliazione_{name}.docx"
    path = Path(name)
    return path if path.suffix == ".docx" else TEMPLATES_DIR / f"{name}.docx"


def render_charts(plan: Plan, lang: Lang) -> Charts:
    profile = plan.profile
    return Charts(
        needs=chart_png(scores_chart(list(profile.needs.values()), t("needs_chart_title", lang), lang)),
        feasibility=chart_png(
            scores_chart(list(profile.feasibility.values()), t("feasibility_chart_title", lang), lang)
        ),
        gantt=chart_png(gantt_chart(plan, lang)),
    )


def _env() -> jinja2.Environment:
    return jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)


def render_plan_docx(
    plan: Plan,
    *,
    questionnaire: LoadedQuestionnaire,
    catalogue: Catalogue,
    template: Path,
    charts: Charts | None = None,
) -> bytes:
    """Render the plan into the template and return the .docx bytes."""
    lang = plan.engagement.language
    if not template.is_file():
        raise TemplateError(f"template not found: {template}")
    source = template.read_bytes()
    check_template(source, template.name)
    doc = DocxTemplate(io.BytesIO(source))
    context = plan_context(plan, questionnaire=questionnaire, catalogue=catalogue, lang=lang)
    charts = charts or render_charts(plan, lang)
    context["needs_chart"] = InlineImage(doc, io.BytesIO(charts.needs), width=CHART_WIDTH)
    context["feasibility_chart"] = InlineImage(doc, io.BytesIO(charts.feasibility), width=CHART_WIDTH)
    context["gantt_chart"] = InlineImage(doc, io.BytesIO(charts.gantt), width=CHART_WIDTH)
    return render_with(doc, context, template.name)


def render_with(doc: DocxTemplate, context: dict[str, Any], name: str) -> bytes:
    """Render with autoescape and strict undefined; template problems become TemplateError naming the tag."""
    context = xml_safe(context)
    try:
        doc.render(context, _env(), autoescape=True)
    except jinja2.UndefinedError as exc:
        raise TemplateError(f"{name}: the template uses a tag the document does not provide: {exc.message}") from exc
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{name}: broken tag near line {exc.lineno}: {exc.message}") from exc
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def check_template(source: bytes, name: str, required: frozenset[str] = REQUIRED_TAGS) -> set[str]:
    """The tags a template uses; fails if one the document needs is missing."""
    try:
        used: set[str] = DocxTemplate(io.BytesIO(source)).get_undeclared_template_variables(_env())
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{name}: broken tag near line {exc.lineno}: {exc.message}") from exc
    missing = sorted(required - used)
    if missing:
        tags = ", ".join("{{ " + tag + " }}" for tag in missing)
        raise TemplateError(f"{name}: the template lacks required tags: {tags}")
    return used


# ---- context ----------------------------------------------------------------------


def _money(value: float, lang: Lang) -> str:
    return fmt_money(value, lang, cents=False)


def _value(value: float | None, unit: str, lang: Lang, missing: str) -> str:
    if value is None:
        return missing
    return f"{fmt_number(value, lang)} {unit}".strip() if unit != "%" else fmt_percent(value, lang)


def _months(action: Action, lang: Lang) -> str:
    word = "mesi" if lang == "it" else "months"
    return f"{word} {action.start_month}–{action.end_month}"


def plan_context(plan: Plan, *, questionnaire: LoadedQuestionnaire, catalogue: Catalogue, lang: Lang) -> dict[str, Any]:
    """Everything the template shows, already formatted (Italian numbers and dates)."""
    org = plan.engagement.organisation
    headcount = _headcount(plan, questionnaire)
    total = plan.total_budget
    indicators = {i.id: i for i in plan.indicators}
    todo = t("doc_to_measure", lang)
    actions = [_action_row(n, a, plan, indicators, catalogue, lang) for n, a in enumerate(plan.actions, start=1)]
    return {
        "org": {"name": org.name, "place": ", ".join(p for p in (org.comune, org.province) if p) or "—"},
        "status_label": t("doc_draft" if plan.engagement.status == "draft" else "doc_approved", lang),
        "intake_warning": intake_warning(plan, lang),
        "evidence_warning": evidence_warning(plan, questionnaire, lang),
        "version": str(plan.engagement.version),
        "date": fmt_date(plan.engagement.date, lang),
        "consultant": plan.engagement.consultant or "—",
        "period": f"{fmt_date(plan.start_date, lang)} – {fmt_date(plan.end_date, lang)}",
        "period_years": f"{plan.start_date.year}–{plan.end_date.year}",
        "questionnaire": plan.questionnaire,
        "coverage": fmt_percent(plan.profile.coverage * 100, lang),
        "top_needs": [
            {
                "label": d.label,
                "score": fmt_number(d.score, lang, 0),
                "confidence": t("confidence_" + d.confidence, lang),
                "description": d.description,
                "evidence": _evidence(d.explanation[:1]) or t("no_answers", lang),
                "lines": [f"{c.question_label.rstrip('?').rstrip()}: {c.answer}" for c in d.explanation[:3]],
            }
            for d in plan.profile.top_needs(3)
        ],
        "not_assessed": ", ".join(d.label for d in _in_order(plan.profile.needs.values()) if not d.scored),
        "feasibility": [
            {
                "label": d.label,
                "score": _shown_score(d, lang),
                "level": f"{t('level_' + d.level, lang)} ({t('confidence_' + d.confidence, lang)})"
                if d.scored
                else t("confidence_" + d.confidence, lang),
                "evidence": _evidence(d.explanation[:1]) or "—",
            }
            for d in _in_order(plan.profile.feasibility.values())
        ],
        "actions": actions,
        "total_budget": _money(total, lang),
        "total_range": f"{_money(sum(a.budget_min_eur for a in plan.actions), lang)} – "
        f"{_money(sum(a.budget_max_eur for a in plan.actions), lang)}",
        "cost_per_employee": _money(total / headcount, lang) if headcount else "—",
        "budget_years": _budget_years(plan, lang),
        "key_indicators": [
            {
                "name": i.name,
                "baseline": _value(i.baseline, i.unit, lang, todo),
                "target": _value(i.target, i.unit, lang, todo),
            }
            for i in sorted(plan.indicators, key=lambda i: i.baseline is None)[:5]
        ],
        "decisions": _decisions(plan, lang),
        "profile_facts": _profile_facts(plan, questionnaire, catalogue, lang),
        "in_place": ", ".join(plan.existing_measures),
        "objectives": [
            {
                "title": o.title,
                "target_group": o.target_group,
                "due": fmt_date(plan.month_date(o.due_month), lang),
                "actions": t("doc_through", lang) + ", ".join(a.name for a in plan.actions if o.id in a.objectives),
                "indicators": ", ".join(indicators[i].name for i in o.indicators if i in indicators) or "—",
            }
            for o in plan.objectives
        ],
        "dropped": [{"name": d.name, "reason": d.reason} for d in plan.dropped_measures],
        "indicators": [_indicator_row(i, lang) for i in plan.indicators],
        "monitoring": [{"date": fmt_date(m.date, lang), "what": m.what, "who": m.who} for m in plan.monitoring],
        "manager_objectives": [
            {
                "manager": g.manager,
                "objective": g.objective,
                "indicator": indicators[g.indicator].name if g.indicator in indicators else "—",
                "weight": fmt_percent(g.weight, lang, 0),
                "target": g.target,
                "evidence": g.evidence,
                "review": fmt_date(g.review_date, lang),
            }
            for g in plan.manager_objectives
        ],
        "legal": _legal(plan, catalogue, lang),
        "answer_sections": _answer_sections(plan, questionnaire, lang),
        "ambito": plan.ambito or "",
        "services": _services(plan, catalogue, lang),
        "welfare": welfare_context(plan.welfare, lang, catalogue.benefit_items),
        "crosswalk": crosswalk_context(
            plan, catalogue=catalogue, headcount_question=questionnaire.definition.headcount_question, lang=lang
        ),
        "score_notes": [
            {
                "label": d.label,
                "score": _shown_score(d, lang),
                "confidence": t("confidence_" + d.confidence, lang),
                "coverage": fmt_percent(d.coverage * 100, lang, 0),
                "lines": "; ".join(
                    f"{c.question_label.rstrip('?').rstrip()}: {c.answer}"
                    + (f" (+{fmt_number(c.points, lang)})" if d.scored else "")
                    for c in d.explanation
                )
                or t("no_answers", lang),
            }
            for d in [*plan.profile.needs.values(), *plan.profile.feasibility.values()]
        ],
    }


def intake_warning(plan: Plan, lang: Lang) -> str:
    """The first page's warning when the plan was drafted from an incomplete intake ('' when it was not)."""
    intake = plan.intake
    return intake_warning_text(intake, lang) if intake is not None and intake.incomplete else ""


def evidence_warning(plan: Plan, questionnaire: LoadedQuestionnaire, lang: Lang) -> str:
    """The first page's warning when the measures rest on insufficient evidence ('' when they do not, or when the
    plan predates the evidence record)."""
    evidence = plan.evidence
    if evidence is None or evidence.sufficient:
        return ""
    questions = questionnaire.definition.question_map()
    labels = [questions[q].label.get(lang) for q in evidence.ask_next if q in questions]
    return evidence_warning_text(evidence, labels, lang)


def _shown_score(dimension: DimensionScore, lang: Lang) -> str:
    """'72', or 'non rilevato' for a dimension with too little evidence (its provisional score is not shown)."""
    return fmt_number(dimension.score, lang, 0) if dimension.scored else t("status_insufficient", lang)


def _in_order(dimensions: Iterable[DimensionScore]) -> list[DimensionScore]:
    """Scored dimensions highest first, then the ones not assessed."""
    return sorted(dimensions, key=lambda d: (not d.scored, -d.score if d.scored else -d.evidence))


def _headcount(plan: Plan, questionnaire: LoadedQuestionnaire) -> float | None:
    qid = questionnaire.definition.headcount_question
    value = plan.answers.get(qid) if qid else None
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) and value > 0 else None


def _evidence(lines: Sequence[Any]) -> str:
    return "; ".join(f"{c.question_label.rstrip('?').rstrip()}: {c.answer}" for c in lines)


def _action_row(
    number: int, action: Action, plan: Plan, indicators: dict[str, PlanIndicator], catalogue: Catalogue, lang: Lang
) -> dict[str, Any]:
    start, launch, end = (
        fmt_date(plan.month_date(m), lang) for m in (action.start_month, action.launch_month, action.end_month)
    )
    budget = _money(action.budget_eur, lang)
    funding = t("funding_" + action.funding, lang)
    target = action.target_group + (f" ({fmt_number(action.target_size, lang)})" if action.target_size else "")
    watch = [t("doc_union_agreement", lang)] if action.union_agreement else []
    return {
        "number": str(number),
        "name": action.name,
        "area": t("area_" + action.macro_area, lang),
        "target": target,
        "owner": action.owner,
        "months": _months(action, lang),
        "budget": budget,
        "funding": funding,
        "rationale": action.rationale or "—",
        "description": action.description or "—",
        "timing": t("doc_timing", lang, start=start, launch=launch, end=end),
        "money": f"{budget} ({_money(action.budget_min_eur, lang)} – {_money(action.budget_max_eur, lang)}); {funding}",
        "indicators": ", ".join(indicators[i].name for i in action.indicators if i in indicators) or "—",
        "laws": ", ".join(catalogue.legal[r].title for r in action.legal_refs if r in catalogue.legal) or "—",
        "services": ", ".join(action.territorial_services),
        "watch": " ".join(watch),
        "range": f"{_money(action.budget_min_eur, lang)} – {_money(action.budget_max_eur, lang)}",
        "central": budget,
    }


def _indicator_row(indicator: PlanIndicator, lang: Lang) -> dict[str, str]:
    todo = t("doc_to_measure", lang)
    baseline = _value(indicator.baseline, indicator.unit, lang, todo)
    if indicator.baseline is not None and indicator.baseline_date is not None:
        baseline += f" ({fmt_date(indicator.baseline_date, lang)})"
    target = _value(indicator.target, indicator.unit, lang, t("doc_to_agree", lang))
    if indicator.target is not None and indicator.target_date is not None:
        target += f" ({t('doc_by', lang)} {fmt_date(indicator.target_date, lang)})"
    arrow = {"higher": "↑", "lower": "↓", "target": "→"}[indicator.direction]
    return {
        "name": f"{indicator.name} {arrow}",
        "formula": indicator.formula,
        "baseline": baseline,
        "target": target,
        "frequency": t("freq_" + indicator.frequency, lang),
        "source": t("source_" + indicator.data_source, lang),
        "owner": indicator.owner or "—",
    }


def _budget_years(plan: Plan, lang: Lang) -> list[dict[str, str]]:
    years = (plan.duration_months + 11) // 12
    amounts = [0.0] * years
    for action in plan.actions:
        running = action.end_month - action.launch_month + 1
        for month in range(action.launch_month, action.end_month + 1):
            amounts[(month - 1) // 12] += action.budget_eur / running
    word = "Anno" if lang == "it" else "Year"
    return [
        {"label": f"{word} {k + 1} ({plan.month_date(12 * k + 1).year})", "amount": _money(v, lang)}
        for k, v in enumerate(amounts)
    ]


def _decisions(plan: Plan, lang: Lang) -> list[str]:
    decisions = [
        t("doc_decide_budget", lang, amount=_money(plan.total_budget, lang)),
        t("doc_decide_coordinator", lang),
    ]
    union = [a.name for a in plan.actions if a.union_agreement]
    if union:
        decisions.append(t("doc_decide_union", lang, actions=", ".join(union)))
    open_baselines = sum(1 for i in plan.indicators if i.baseline is None)
    if open_baselines:
        decisions.append(t("doc_decide_baselines", lang, n=open_baselines))
    return decisions


def _profile_facts(
    plan: Plan, questionnaire: LoadedQuestionnaire, catalogue: Catalogue, lang: Lang
) -> list[dict[str, str]]:
    questions = questionnaire.definition.question_map()
    facts = []
    for qid in catalogue.defaults.profile_facts:
        value = plan.answers.get(qid)
        if qid in questions and value is not None:
            question = questions[qid]
            facts.append(
                {"label": question.label.get(lang).rstrip("?"), "value": display_answer(question, value, lang)}
            )
    return facts


def _answer_sections(plan: Plan, questionnaire: LoadedQuestionnaire, lang: Lang) -> list[dict[str, Any]]:
    sections = []
    for section in questionnaire.definition.sections:
        rows = [
            {"question": q.label.get(lang), "answer": display_answer(q, plan.answers[q.id], lang)}
            for q in section.questions
            if q.id in plan.answers
        ]
        if rows:
            sections.append({"title": section.title.get(lang), "rows": rows})
    return sections


def _legal(plan: Plan, catalogue: Catalogue, lang: Lang) -> list[dict[str, str]]:
    kind = plan.engagement.organisation.kind
    ids = list(
        dict.fromkeys(
            r for a in plan.actions for r in a.legal_refs if r in catalogue.legal and kind in catalogue.legal[r].kinds
        )
    )
    return [
        {
            "title": catalogue.legal[r].title,
            "summary": catalogue.legal[r].summary.get(lang),
            "nature": t("doc_statutory" if catalogue.legal[r].statutory else "doc_additional", lang),
        }
        for r in ids
    ]


def _services(plan: Plan, catalogue: Catalogue, lang: Lang) -> list[dict[str, str]]:
    ambito = next((a for a in catalogue.ambiti.values() if a.name == plan.ambito), None)
    if ambito is None:
        return []
    rows = []
    for service in ambito.services:
        linked = [a.name for a in plan.actions if service.name.get(lang) in a.territorial_services]
        if linked:
            rows.append(
                {
                    "name": service.name.get(lang),
                    "provider": service.provider,
                    "welfare": t("doc_yes" if service.welfare_eligible else "doc_no", lang),
                    "actions": ", ".join(linked),
                }
            )
    return rows
