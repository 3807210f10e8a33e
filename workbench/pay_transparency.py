"""Pay-transparency readiness: when an employer of 100 or more must report its gender pay gap, and which of its
conciliation plan's indicators already document the factors that explain a gap (part-time, leave, return,
career after leave). The rules are data (``catalogue/pay_transparency.yaml``): dates and thresholds change with
the Italian decree, the code does not."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from workbench.assessment import Assessment
from workbench.content import ContentError, ContentIssue, display_path, parse_model, read_yaml
from workbench.formatting import fmt_date, fmt_measure, fmt_number, fmt_percent
from workbench.i18n import t
from workbench.models.catalogue import Indicator
from workbench.models.pay_transparency import (
    EvidenceIndicator,
    EvidenceStatus,
    PayTransparencyReadiness,
    PayTransparencyRules,
)
from workbench.models.plan import Plan, PlanIndicator
from workbench.models.text import Lang

PAY_TRANSPARENCY_FILE = "pay_transparency.yaml"


def load_pay_transparency(path: Path, indicators: Mapping[str, Indicator]) -> PayTransparencyRules:
    """Read the rules; an indicator the catalogue does not define is an error naming the theme."""
    rules = parse_model(PayTransparencyRules, read_yaml(path), path)
    issues = [
        ContentIssue(display_path(path), theme.id, "indicators", f"unknown indicator '{ref}' (not in indicators.yaml)")
        for theme in rules.evidence
        for ref in theme.indicators
        if ref not in indicators
    ]
    if issues:
        raise ContentError(issues)
    return rules


def _shown(value: float | None, unit: str, lang: Lang) -> str:
    if value is None:
        return ""
    return fmt_measure(value, unit, lang)


def pay_transparency_readiness(
    *,
    rules: PayTransparencyRules,
    assessment: Assessment,
    plan: Plan | None,
    indicators: Mapping[str, Indicator],
    lang: Lang,
) -> PayTransparencyReadiness:
    """The organisation's duty by its headcount (the questionnaire's headcount answer) and what its plan already
    measures, theme by theme."""
    question = assessment.questionnaire.definition.headcount_question
    headcount = assessment.validated.values.get(question) if question else None
    count = int(headcount) if isinstance(headcount, int | float) and not isinstance(headcount, bool) else None
    band = rules.band_for(count) if count is not None else None
    if count is None:
        summary = t("pt_unknown", lang, threshold=rules.threshold)
    elif band is None:
        summary = t("pt_not_required", lang, n=fmt_number(count, lang), threshold=rules.threshold)
    else:
        every = t("pt_every_year", lang) if band.every_years == 1 else t("pt_every_years", lang, n=band.every_years)
        summary = t("pt_required", lang, n=fmt_number(count, lang), date=fmt_date(band.first_report, lang), every=every)
    in_plan: dict[str, PlanIndicator] = {i.indicator_id: i for i in (plan.indicators if plan else []) if i.indicator_id}
    themes, to_add = [], []
    for theme in rules.evidence:
        rows = []
        for ref in theme.indicators:
            planned = in_plan.get(ref)
            name = planned.name if planned else indicators[ref].name.get(lang)
            rows.append(
                EvidenceIndicator(
                    name=name,
                    in_plan=planned is not None,
                    baseline=_shown(planned.baseline, planned.unit, lang) if planned else "",
                    target=_shown(planned.target, planned.unit, lang) if planned else "",
                )
            )
        covered = any(r.in_plan for r in rows)
        if not covered:
            to_add.append(rows[0].name)
        themes.append(
            EvidenceStatus(label=theme.label.get(lang), why=theme.why.get(lang), indicators=rows, covered=covered)
        )
    return PayTransparencyReadiness(
        headcount=count,
        required=None if count is None else band is not None,
        summary=summary,
        first_report=band.first_report if band else None,
        every_years=band.every_years if band else None,
        trigger=t("pt_trigger", lang, gap=fmt_percent(rules.gap_trigger * 100, lang, 0)),
        themes=themes,
        to_add=to_add,
        source=rules.source,
        verified=rules.verified,
    )
