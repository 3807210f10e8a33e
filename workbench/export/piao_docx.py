"""The PIAO chapter for a public administration: lavoro agile (maturity, mapping, actions, indicators,
training) and the positive actions for conciliation, ready to paste into PIAO section 3."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage

from workbench.catalogue import Catalogue
from workbench.charts import chart_png, scores_chart
from workbench.export.docx import TEMPLATES_DIR, TemplateError, check_template, render_with
from workbench.formatting import fmt_date, fmt_number, fmt_percent
from workbench.i18n import t
from workbench.maturity import TrainingRow
from workbench.models.maturity import MaturityAssessment
from workbench.models.plan import Action, Plan, PlanIndicator
from workbench.models.text import Lang

REQUIRED_TAGS = frozenset({"org", "conditions", "level", "training", "maturity_chart"})
AGILE_AREAS = {"place_and_organisation", "working_time"}
PIAO_SECTIONS = ("stato_implementazione", "performance_organizzativa", "impatti")


def piao_template(lang: Lang) -> Path:
    return TEMPLATES_DIR / f"piao_lavoro_agile_{lang}.docx"


def _value(value: float | None, unit: str, lang: Lang) -> str:
    if value is None:
        return t("doc_to_measure", lang)
    return fmt_percent(value, lang) if unit.strip() == "%" else f"{fmt_number(value, lang)} {unit}".strip()


def _indicator_names(action: Action, plan: Plan) -> str:
    names = {i.id: i.name for i in plan.indicators}
    return ", ".join(names[i] for i in action.indicators if i in names) or "—"


def _timing(action: Action, plan: Plan, lang: Lang) -> str:
    return (
        f"{fmt_date(plan.month_date(action.start_month), lang)} – {fmt_date(plan.month_date(action.end_month), lang)}"
    )


def _section(indicator: PlanIndicator, catalogue: Catalogue) -> str:
    found = catalogue.indicators.get(indicator.indicator_id or "")
    return found.piao_section if found and found.piao_section else "performance_organizzativa"


def piao_context(
    plan: Plan | None,
    assessment: MaturityAssessment,
    training: Sequence[TrainingRow],
    *,
    catalogue: Catalogue,
    organisation: str,
    levels: int,
    today: dt.date,
    lang: Lang,
) -> dict[str, Any]:
    actions = plan.actions if plan else []
    indicators = sorted(plan.indicators if plan else [], key=lambda i: PIAO_SECTIONS.index(_section(i, catalogue)))
    month = t("piao_month", lang)
    return {
        "org": {"name": organisation},
        "date": fmt_date(today, lang),
        "period": f"{fmt_date(plan.start_date, lang)} – {fmt_date(plan.end_date, lang)}"
        if plan
        else fmt_date(today, lang),
        "level": str(assessment.level),
        "levels": str(levels),
        "level_name": assessment.level_name,
        "level_description": assessment.level_description,
        "overall": fmt_number(assessment.overall, lang, 0),
        "conditions": [
            {
                "label": c.label,
                "score": fmt_number(c.score, lang, 0),
                "evidence": "; ".join(f"{e.question_label.rstrip('?')}: {e.answer}" for e in c.explanation[:2]) or "—",
            }
            for c in assessment.conditions
        ],
        "steps": assessment.to_next_level,
        "activity_share": fmt_percent(assessment.activity_share, lang) if assessment.activity_share is not None else "",
        "activities": [
            {
                "activity": a.activity,
                "office": a.office or "—",
                "remotable": t("remotable_" + a.remotable, lang),
                "staff": str(a.staff),
            }
            for a in assessment.activities
        ],
        "agile_actions": [
            {
                "name": a.name,
                "owner": a.owner,
                "timing": _timing(a, plan, lang),
                "indicators": _indicator_names(a, plan),
            }
            for a in actions
            if plan and a.macro_area in AGILE_AREAS
        ],
        "indicators": [
            {
                "section": t("piao_" + _section(i, catalogue), lang),
                "name": i.name,
                "baseline": _value(i.baseline, i.unit, lang),
                "target": _value(i.target, i.unit, lang),
            }
            for i in indicators
        ],
        "training": [
            {
                "title": m.title,
                "topics": m.topics,
                "audience": m.audience,
                "hours": fmt_number(m.hours, lang),
                "month": f"{month} {m.month}",
                "because": m.because,
            }
            for m in training
        ],
        "positive_actions": [
            {
                "name": a.name,
                "target": a.target_group,
                "owner": a.owner,
                "timing": _timing(a, plan, lang),
                "indicators": _indicator_names(a, plan),
            }
            for a in actions
            if plan and a.macro_area not in AGILE_AREAS
        ],
    }


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
) -> bytes:
    path = template or piao_template(lang)
    if not path.is_file():
        raise TemplateError(f"template not found: {path}")
    source = path.read_bytes()
    check_template(source, path.name, REQUIRED_TAGS)
    doc = DocxTemplate(io.BytesIO(source))
    context = piao_context(
        plan,
        assessment,
        training,
        catalogue=catalogue,
        organisation=organisation,
        levels=levels,
        today=today,
        lang=lang,
    )
    chart = scores_chart(assessment.conditions, t("mat_chart_title", lang), lang)
    context["maturity_chart"] = InlineImage(doc, io.BytesIO(chart_png(chart)), width=Mm(150))
    return render_with(doc, context, path.name)
