"""Maturità del lavoro agile (PA): enabling conditions, activity mapping, level, training plan, PIAO chapter."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from workbench.charts import scores_chart
from workbench.export.piao_docx import render_piao_docx
from workbench.formatting import fmt_number
from workbench.i18n import t
from workbench.maturity import (
    MATURITY_FILE,
    TRAINING_FILE,
    assess_maturity,
    load_maturity_model,
    load_training,
    training_plan,
)
from workbench.models.maturity import ActivityRow
from workbench.models.plan import Plan
from workbench.settings import get_settings
from workbench.store.engagements import NotFoundError, get_workspace, load_plan, save_workspace
from workbench.ui.state import (
    actor,
    assessment_of,
    catalogue,
    current_lang,
    guarded,
    questionnaire_registry,
    require_engagement,
    session,
)

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
lang = current_lang()
detail = require_engagement()
st.title(f"{t('ui_page_maturita', lang)} · {detail.organisation.name}")
if detail.kind != "pa":
    st.info(t("ui_pa_only", lang))
    st.stop()

settings = get_settings()
model = load_maturity_model(settings.questionnaires_dir / MATURITY_FILE, questionnaire_registry())
modules = load_training(settings.catalogue_dir / TRAINING_FILE, model)
with session() as s:
    workspace = get_workspace(s, engagement_id=detail.id)

st.subheader(t("ui_activity_mapping", lang))
st.caption(t("ui_activity_mapping_hint", lang))
REMOTABLE = ["yes", "partly", "no"]
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
        "remotable": st.column_config.SelectboxColumn(t("ui_col_remotable", lang), options=REMOTABLE, required=True),
        "staff": st.column_config.NumberColumn(t("ui_col_staff", lang), min_value=0, step=1, required=True),
    },
)
if st.button(t("ui_save_mapping", lang), key="save_mapping"):
    rows, problems = [], []
    for number, record in enumerate(edited.to_dict(orient="records"), start=1):
        try:
            rows.append(
                ActivityRow(
                    activity=str(record.get("activity") or "").strip(),
                    office=str(record.get("office") or "").strip(),
                    remotable=record.get("remotable") or "no",
                    staff=int(record.get("staff") or 0),
                )
            )
        except (ValueError, TypeError) as exc:
            problems.append(f"{t('ui_col_row', lang)} {number}: {exc}")
    if problems:
        st.error("\n".join(problems))
    else:
        updated = workspace.model_copy(update={"activities": rows})

        def store() -> None:
            with session() as s:
                save_workspace(
                    s, engagement_id=detail.id, workspace=updated, expected_version=detail.version, actor=actor()
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
chart = scores_chart(maturity.conditions, t("mat_chart_title", lang), lang)
st.altair_chart(chart)  # no height: see workbench/charts.py
for condition in maturity.conditions:
    with st.expander(f"{condition.label} — {fmt_number(condition.score, lang, 0)}/100"):
        for line in condition.explanation:
            st.markdown(f"- {line.question_label}: **{line.answer}** (+{fmt_number(line.points, lang)})")
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
