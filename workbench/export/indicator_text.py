"""How a plan indicator's source, baseline and target read in every document (plan, dossiers).

One home so the plan and the dossiers a funder reads next to it never word the same indicator differently.
"""

from __future__ import annotations

from workbench.formatting import fmt_date, fmt_measure, fmt_number
from workbench.i18n import t
from workbench.models.plan import PlanIndicator
from workbench.models.text import Lang


def indicator_source(indicator: PlanIndicator, lang: Lang) -> str:
    """The data source in words ('archivi del personale'); a consultant's own source as typed."""
    key = "source_" + indicator.data_source
    label = t(key, lang)
    return indicator.data_source if label == key else label


def indicator_baseline(indicator: PlanIndicator, lang: Lang) -> str:
    """'16,7% (2 su 12)'; with no baseline 'da rilevare entro il 31/03/2027' (never a bare 'da rilevare'
    when the plan says by when)."""
    if indicator.baseline is None:
        due = indicator.measure_by
        return t("doc_measure_by", lang, date=fmt_date(due, lang)) if due else t("doc_to_measure", lang)
    text = fmt_measure(indicator.baseline, indicator.unit, lang)
    if indicator.baseline_count is not None and indicator.baseline_of:
        text += " " + t(
            "doc_value_count",
            lang,
            count=fmt_number(indicator.baseline_count, lang),
            of=fmt_number(indicator.baseline_of, lang),
        )
    return text


def indicator_target(indicator: PlanIndicator, lang: Lang, *, dated: bool = True, flagged: bool = False) -> str:
    """'77,1% entro il 28/02/2029', with '(proposto — da confermare)' when ``flagged`` and not confirmed;
    'da concordare' with no target."""
    if indicator.target is None:
        return t("doc_to_agree", lang)
    text = fmt_measure(indicator.target, indicator.unit, lang)
    if dated and indicator.target_date is not None:
        text = t("doc_target_by", lang, value=text, date=fmt_date(indicator.target_date, lang))
    if flagged and not indicator.target_confirmed:
        text += f" ({t('doc_target_proposed', lang)})"
    return text
