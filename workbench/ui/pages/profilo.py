"""Profilo dei bisogni: need and feasibility scores, each one explained by the answers behind it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from workbench.charts import scores_chart
from workbench.formatting import fmt_number, fmt_percent
from workbench.i18n import t
from workbench.models.scoring import DimensionScore
from workbench.ui.state import assessment_of, current_lang, link_to, questionnaire_registry, require_engagement

lang = current_lang()
detail = require_engagement()
result = assessment_of(detail, lang)
profile = result.profile
questions = questionnaire_registry().get(detail.questionnaire).definition.question_map()

st.title(f"{t('ui_page_profilo', lang)} · {detail.organisation.name}")
if not detail.answers:
    st.info(t("ui_profile_empty", lang))
    link_to("questionario", t("ui_page_questionario", lang))
    st.stop()

top = profile.top_needs(3)
columns = st.columns(4)
columns[0].metric(t("overall_coverage", lang), fmt_percent(profile.coverage * 100, lang, 0))
for column, need in zip(columns[1:], top, strict=False):
    column.metric(need.label, f"{fmt_number(need.score, lang, 0)}/100")
if result.validated.errors:
    st.warning(t("ui_profile_errors", lang, n=len(result.validated.errors)))


def explain(dimension: DimensionScore) -> None:
    level = t("level_" + dimension.level, lang)
    title = (
        f"{dimension.label} — {fmt_number(dimension.score, lang, 0)}/100 ({level}) · "
        f"{t('coverage', lang).lower()} {fmt_percent(dimension.coverage * 100, lang, 0)}"
    )
    with st.expander(title):
        st.caption(dimension.description)
        if dimension.explanation:
            frame = pd.DataFrame(
                [
                    {
                        t("ui_col_question", lang): c.question_label,
                        t("ui_col_answer", lang): c.answer,
                        t("ui_col_points", lang): round(c.points, 1),
                        t("ui_col_why", lang): c.note or "",
                    }
                    for c in dimension.explanation
                ]
            )
            st.dataframe(frame, hide_index=True)
        else:
            st.info(t("no_answers", lang))
        for note in dimension.set_aside:
            st.caption(note)
        if dimension.missing:
            names = ", ".join(questions[q].label.get(lang) if q in questions else q for q in dimension.missing)
            st.caption(f"{t('missing_to_refine', lang)}: {names}")


needs_tab, feasibility_tab = st.tabs([t("needs", lang), t("feasibility", lang)])
with needs_tab:
    needs_chart = scores_chart(list(profile.needs.values()), t("needs_chart_title", lang), lang)
    st.altair_chart(needs_chart)  # no height: see workbench/charts.py
    st.caption(t("ui_explain_hint", lang))
    for dimension in sorted(profile.needs.values(), key=lambda d: -d.score):
        explain(dimension)
with feasibility_tab:
    feasibility_chart = scores_chart(list(profile.feasibility.values()), t("feasibility_chart_title", lang), lang)
    st.altair_chart(feasibility_chart)  # no height: see workbench/charts.py
    for dimension in sorted(profile.feasibility.values(), key=lambda d: -d.score):
        explain(dimension)

link_to("misure", t("ui_go_measures", lang))
