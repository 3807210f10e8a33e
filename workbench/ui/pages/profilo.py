"""Profilo dei bisogni: need and feasibility scores, each one explained by the answers behind it.

Never more confident than the answers: every score says its evidence in words ("evidenza alta/media/bassa"),
and a dimension with too little evidence is "non rilevato" (in the metrics, the expander titles and the
charts), never "0/100 basso" nor its provisional score.
"""

from __future__ import annotations

import pyarrow as pa  # type: ignore[import-untyped]  # no stubs; Streamlit shows Arrow tables as they are
import streamlit as st

from workbench.charts import scores_chart
from workbench.formatting import fmt_number, fmt_percent
from workbench.i18n import t
from workbench.models.scoring import MIN_EVIDENCE, DimensionScore
from workbench.ui.chart_view import show_chart
from workbench.ui.evidence import evidence_panel
from workbench.ui.state import (
    assessment_of,
    current_lang,
    link_to,
    per_version,
    questionnaire_registry,
    require_engagement,
)
from workbench.ui.user_text import as_text, cell_text

lang = current_lang()
detail = require_engagement()
result = assessment_of(detail, lang)
profile = result.profile
loaded = questionnaire_registry().get(detail.questionnaire)
questions = loaded.definition.question_map()
dimension_minimum = {d.id: d.min_evidence for d in loaded.dimensions}

st.title(f"{t('ui_page_profilo', lang)} · {as_text(detail.organisation.name)}")
if not detail.answers:
    st.info(t("ui_profile_empty", lang))
    link_to("questionario", t("ui_page_questionario", lang))
    st.stop()
evidence_panel(result, lang, warn=False)  # the questions whose answers would change the profile the most

top = profile.top_needs(3)
not_assessed = [d for d in profile.needs.values() if not d.scored]
columns = st.columns(4)
columns[0].metric(t("overall_coverage", lang), fmt_percent(profile.coverage * 100, lang, 0))
for column, need in zip(columns[1:], top, strict=False):
    column.metric(
        need.label,
        f"{fmt_number(need.score, lang, 0)}/100",
        t("confidence_" + need.confidence, lang),
        delta_color="off",
        delta_arrow="off",
    )
if not_assessed and len(top) < 3:  # the free column says how many needs could not be scored yet
    columns[len(top) + 1].metric(
        t("ui_needs_not_assessed", lang),
        f"{len(not_assessed)}/{len(profile.needs)}",
        t("status_insufficient", lang),
        delta_color="off",
        delta_arrow="off",
    )
if result.validated.errors:
    st.warning(t("ui_profile_errors", lang, n=len(result.validated.errors)))


def shown_score(dimension: DimensionScore) -> str:
    """'72/100 (alto)', or 'non rilevato': an insufficient dimension's provisional score is not shown."""
    if not dimension.scored:
        return t("status_insufficient", lang)
    return f"{fmt_number(dimension.score, lang, 0)}/100 ({t('level_' + dimension.level, lang)})"


def in_order(dimensions: list[DimensionScore]) -> list[DimensionScore]:
    """Scored ones highest first, then the ones not assessed, best evidenced first."""
    return sorted(dimensions, key=lambda d: (not d.scored, -d.score if d.scored else -d.evidence))


def explanation_table(dimension: DimensionScore) -> pa.Table:
    """The answers behind a score, as the table shows them (an Arrow table: no pandas round trip per rerun)."""
    rows = [
        {
            t("ui_col_question", lang): c.question_label,
            t("ui_col_answer", lang): cell_text(c.answer),  # a typed answer may look like a formula
            t("ui_col_points", lang): round(c.points, 1),
            t("ui_col_why", lang): cell_text(c.note or ""),
        }
        for c in dimension.explanation
    ]
    if not dimension.scored:  # no points towards a score that is not shown
        rows = [{k: v for k, v in row.items() if k != t("ui_col_points", lang)} for row in rows]
    return pa.Table.from_pylist(rows)


def explain(dimension: DimensionScore) -> None:
    title = (
        f"{dimension.label} — {shown_score(dimension)} · {t('confidence_' + dimension.confidence, lang)} · "
        f"{t('coverage', lang).lower()} {fmt_percent(dimension.coverage * 100, lang, 0)}"
    )
    evidence = fmt_percent(dimension.evidence * 100, lang, 0)
    with st.expander(title):
        st.caption(dimension.description)
        if not dimension.scored:
            needed = fmt_percent(dimension_minimum.get(dimension.id, MIN_EVIDENCE) * 100, lang, 0)
            st.info(t("ui_insufficient", lang, evidence=evidence, needed=needed), icon=":material/help:")
        else:
            confidence = t("confidence_" + dimension.confidence, lang)
            st.caption(t("ui_evidence_line", lang, evidence=evidence, confidence=confidence))
        if dimension.explanation:
            table = per_version(detail, f"explain:{lang}:{dimension.id}", lambda: explanation_table(dimension))
            st.dataframe(table, hide_index=True)
        else:
            st.info(t("no_answers", lang))
        for note in dimension.set_aside:
            st.caption(note)
        if dimension.missing:
            names = ", ".join(questions[q].label.get(lang) if q in questions else q for q in dimension.missing)
            st.caption(f"{t('missing_to_refine', lang)}: {names}")


needs_tab, feasibility_tab = st.tabs([t("needs", lang), t("feasibility", lang)])
with needs_tab:
    show_chart(
        detail, f"needs:{lang}", lambda: scores_chart(list(profile.needs.values()), t("needs_chart_title", lang), lang)
    )
    st.caption(t("ui_explain_hint", lang))
    for dimension in in_order(list(profile.needs.values())):
        explain(dimension)
with feasibility_tab:
    show_chart(
        detail,
        f"feasibility:{lang}",
        lambda: scores_chart(list(profile.feasibility.values()), t("feasibility_chart_title", lang), lang),
    )
    for dimension in in_order(list(profile.feasibility.values())):
        explain(dimension)

link_to("misure", t("ui_go_measures", lang))
