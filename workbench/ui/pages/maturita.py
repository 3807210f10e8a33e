"""Maturità del lavoro agile (PA): enabling conditions, activity mapping, level, training plan, PIAO chapter."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from workbench.charts import scores_chart
from workbench.export.piao_docx import render_piao_docx
from workbench.formatting import fmt_number
from workbench.i18n import t
from workbench.maturity import assess_maturity, training_plan
from workbench.models.plan import Plan
from workbench.store.engagements import NotFoundError, get_workspace, load_plan
from workbench.ui.chart_view import show_chart
from workbench.ui.state import (
    actor,
    assessment_of,
    catalogue,
    current_lang,
    guarded,
    maturity_content,
    questionnaire_registry,
    require_engagement,
    session,
)
from workbench.ui.user_text import as_text
from workbench.workflow import REMOTABLE, read_activity_rows, save_activity_mapping

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
lang = current_lang()
detail = require_engagement()
st.title(f"{t('ui_page_maturita', lang)} · {as_text(detail.organisation.name)}")
if detail.kind != "pa":
    st.info(t("ui_pa_only", lang))
    st.stop()

model, modules = maturity_content()  # read once per server, not on every rerun
with session() as s:
    workspace = get_workspace(s, engagement_id=detail.id)

st.subheader(t("ui_activity_mapping", lang))
st.caption(t("ui_activity_mapping_hint", lang))
frame = pd.DataFrame(
    [a.model_dump() for a in workspace.activities], columns=["activity", "office", "remotable", "staff"]
)
edited = st.data_editor(
    frame,
    key=f"activities_{detail.id}",
    num_rows="dynamic",
    hide_index=True,
    column_config={
        "activity": st.column_config.TextColumn(t("ui_col_activity", lang), required=True, width="large"),
        "office": st.column_config.TextColumn(t("ui_col_office", lang)),
        "remotable": st.column_config.SelectboxColumn(
            t("ui_col_remotable", lang), options=list(REMOTABLE), required=True
        ),
        "staff": st.column_config.NumberColumn(t("ui_col_staff", lang), min_value=0, step=1, required=True),
    },
)
if st.button(t("ui_save_mapping", lang), key="save_mapping"):
    rows, problems = read_activity_rows([{str(k): v for k, v in r.items()} for r in edited.to_dict("records")], lang)
    if problems:
        st.error("\n".join(problems))
    else:

        def store() -> None:
            with session() as s:
                save_activity_mapping(
                    s, engagement_id=detail.id, activities=rows, expected_version=detail.version, actor=actor()
                )

        guarded(store)
        st.rerun()

result = assessment_of(detail, lang)
maturity = assess_maturity(
    model, result.questionnaire, result.validated.values, activities=workspace.activities, lang=lang
)
training = training_plan(modules, maturity, lang=lang)
columns = st.columns(3)
columns[0].metric(t("ui_level", lang), f"{maturity.level} · {maturity.level_name}")
columns[1].metric(t("ui_overall", lang), f"{fmt_number(maturity.overall, lang, 0)}/100")
columns[2].metric(
    t("ui_remotable_share", lang),
    "—" if maturity.activity_share is None else f"{fmt_number(maturity.activity_share, lang)}%",
)
st.caption(maturity.level_description)
show_chart(detail, f"maturity:{lang}", lambda: scores_chart(maturity.conditions, t("mat_chart_title", lang), lang))
for condition in maturity.conditions:
    with st.expander(f"{condition.label} — {fmt_number(condition.score, lang, 0)}/100"):
        for line in condition.explanation:
            st.markdown(f"- {line.question_label}: **{as_text(line.answer)}** (+{fmt_number(line.points, lang)})")
if maturity.to_next_level:
    st.subheader(t("ui_next_level", lang, level=maturity.next_level or ""))
    for step in maturity.to_next_level:
        st.markdown(f"- {step}")

st.subheader(t("ui_training_plan", lang))
st.dataframe(
    pd.DataFrame(
        [
            {
                t("ui_col_module", lang): m.title,
                t("ui_col_audience", lang): m.audience,
                t("ui_col_hours", lang): m.hours,
                t("ui_col_month", lang): m.month,
                t("ui_col_why", lang): m.because,
            }
            for m in training
        ]
    ),
    hide_index=True,
)

plan: Plan | None = None
try:
    with session() as s:
        plan = load_plan(s, engagement_id=detail.id)
except NotFoundError:
    st.caption(t("ui_piao_without_plan", lang))
st.download_button(
    t("ui_download_piao", lang),
    data=lambda: render_piao_docx(
        plan,
        maturity,
        training,
        catalogue=catalogue(),
        organisation=detail.organisation.name,
        levels=len(model.levels),
        today=dt.date.today(),
        lang=lang,
        questionnaire=questionnaire_registry().get(detail.questionnaire),  # names the answers still missing
    ),
    file_name=f"piao_lavoro_agile_{detail.id}.docx",
    mime=DOCX_MIME,
    on_click="ignore",
    key="download_piao",
    icon=":material/description:",
)
