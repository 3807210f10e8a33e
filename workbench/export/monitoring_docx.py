"""The monitoring report: indicators against targets, with the rule and a chart per indicator."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from workbench.charts import chart_png
from workbench.export.templates import render_document, template_for
from workbench.formatting import fmt_date, fmt_measure
from workbench.i18n import t
from workbench.models.document import MonitoringDocument
from workbench.models.plan import Plan
from workbench.models.text import Lang
from workbench.monitoring import IndicatorStatus, indicator_chart, status_rule


def monitoring_template(lang: Lang, *, folder: Path | None = None) -> Path:
    return template_for("monitoring", lang, folder=folder)


def _value(value: float | None, unit: str, lang: Lang, when: dt.date | None = None) -> str:
    if value is None:
        return "—"
    text = fmt_measure(value, unit, lang)
    return f"{text} ({fmt_date(when, lang)})" if when else text


ONE_FORMS = frozenset({"achieved", "no_data"})
"""Statuses whose Italian count word changes in the singular ('1 raggiunto', '2 raggiunti')."""


def _count(status: str, n: int, lang: Lang) -> str:
    """'2 raggiunti', '1 raggiunto', '3 in linea': how many indicators are in one status."""
    if n == 1 and status in ONE_FORMS:
        return t(f"mon_count_{status}_one", lang)
    return t(f"mon_count_{status}", lang, n=n)


def monitoring_document(
    plan: Plan, statuses: Sequence[IndicatorStatus], today: dt.date, lang: Lang, version: int
) -> MonitoringDocument:
    """The report's data: one row per indicator, the ones to discuss, the rule, a chart per indicator read."""
    counts = {
        s: sum(1 for x in statuses if x.status == s)
        for s in ("achieved", "on_track", "at_risk", "off_track", "no_target", "no_data")
    }
    parts = [_count(status, n, lang) for status, n in counts.items() if n]
    summary = t("mon_summary", lang, counts=", ".join(parts)) if parts else ""
    rows = [
        {
            "name": s.name,
            "baseline": _value(s.baseline, s.unit, lang),
            "target": _value(s.target, s.unit, lang, s.target_date),
            "latest": _value(s.latest, s.unit, lang, s.latest_date),
            "expected": _value(s.expected, s.unit, lang),
            "status": t("mon_status_" + s.status, lang),
        }
        for s in statuses
    ]
    attention = [
        f"{s.name}: {t('mon_status_' + s.status, lang)} — {_value(s.latest, s.unit, lang, s.latest_date)}, "
        f"{t('mon_expected', lang)} {_value(s.expected, s.unit, lang)}"
        for s in statuses
        if s.status in ("off_track", "at_risk")
    ]
    return MonitoringDocument.model_validate(
        {
            "org": {"name": plan.engagement.organisation.name},
            "date": fmt_date(today, lang),
            "plan_version": str(version),
            "period": f"{fmt_date(plan.start_date, lang)} – {fmt_date(plan.end_date, lang)}",
            "summary": summary,
            "rows": rows,
            "attention": attention,
            "rule": status_rule(lang),
            "charts": [chart_png(indicator_chart(s, lang)) for s in statuses if s.readings],
        }
    )


def render_monitoring_docx(
    plan: Plan,
    statuses: Sequence[IndicatorStatus],
    *,
    today: dt.date,
    lang: Lang,
    version: int,
    template: Path | None = None,
) -> bytes:
    document = monitoring_document(plan, statuses, today, lang, version)
    return render_document("monitoring", document, template=template or monitoring_template(lang))
