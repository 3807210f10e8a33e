"""Indagine dipendenti: forms to hand out, import of the answers, anonymous results, blend with the intake."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from workbench.content_ids import SURVEY_QUESTIONNAIRE
from workbench.formatting import fmt_number
from workbench.i18n import t
from workbench.store.engagements import list_survey_aggregates
from workbench.survey.aggregate import SurveyResult, aggregate_survey, blend_needs
from workbench.survey.importer import import_survey, rejected_summary
from workbench.survey.reading import SurveyFileError, read_table, upload_cap_mb
from workbench.survey.templates import blank_csv, blank_xlsx, printable_docx
from workbench.ui.state import (
    actor,
    assessment_of,
    current_lang,
    guarded,
    questionnaire_registry,
    require_engagement,
    session,
)
from workbench.workflow import store_survey

SURVEY = SURVEY_QUESTIONNAIRE
lang = current_lang()
detail = require_engagement()
survey = questionnaire_registry().get(SURVEY)
st.title(f"{t('ui_page_indagine', lang)} · {detail.organisation.name}")
st.caption(t("ui_survey_intro", lang))

with st.expander(t("ui_survey_forms", lang)):
    columns = st.columns(3)
    columns[0].download_button(
        "CSV",
        data=lambda: blank_csv(survey.definition),
        file_name="indagine_dipendenti.csv",
        mime="text/csv",
        on_click="ignore",
        key="form_csv",
        icon=":material/table:",
    )
    columns[1].download_button(
        "Excel",
        data=lambda: blank_xlsx(survey.definition, lang),
        file_name="indagine_dipendenti.xlsx",
        on_click="ignore",
        key="form_xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/grid_on:",
    )
    columns[2].download_button(
        "Word",
        data=lambda: printable_docx(survey.definition, lang),
        file_name="indagine_dipendenti.docx",
        on_click="ignore",
        key="form_docx",
        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        icon=":material/print:",
    )


def _store(aggregate: SurveyResult, keep_history: bool) -> None:
    """Only aggregates are stored; rejected rows and raw answers stay out of the database. The latest upload
    replaces the earlier ones unless the consultant keeps them."""
    with session() as s:
        store_survey(s, engagement_id=detail.id, result=aggregate, actor=actor(), keep_history=keep_history)


upload = st.file_uploader(
    t("ui_survey_upload", lang),
    type=["csv", "xlsx", "txt"],
    key="survey_upload",
    max_upload_size=upload_cap_mb(st.get_option("server.maxUploadSize")),
)
result: SurveyResult | None = None
if upload is not None:
    try:
        imported = import_survey(read_table(upload.name, upload.getvalue()), survey.definition)
    except SurveyFileError as exc:
        st.error(f"{upload.name}: {exc}")
    else:
        result = aggregate_survey(survey, imported.respondents, lang=lang, duplicates=imported.duplicate_rows)
        st.success(
            t(
                "survey_summary",
                lang,
                n=result.respondents,
                rejected=len(imported.rejected_rows),
                ignored=len(imported.ignored_columns),
            )
        )
        for reason, count in rejected_summary(imported.rejected_rows):  # never the value typed nor its row
            st.warning(t("survey_rejected_column", lang, reason=reason, n=count))
        if imported.duplicate_rows:
            st.caption(t("survey_duplicates", lang, n=imported.duplicate_rows))
        if imported.ignored_columns:
            st.caption(t("ui_ignored_columns", lang, columns=", ".join(imported.ignored_columns[:12])))
        keep = not result.too_few and st.checkbox(t("ui_survey_keep_history", lang), key="survey_keep_history")
        if not result.too_few and st.button(t("ui_survey_save", lang), type="primary", key="save_survey"):
            guarded(partial(_store, result, bool(keep)))
            st.toast(t("ui_survey_saved", lang))

if result is None:
    with session() as s:
        saved = list_survey_aggregates(s, engagement_id=detail.id, latest_only=True)
    if saved:
        result = SurveyResult.model_validate(saved[-1].data)
        when = saved[-1].created_at.astimezone().strftime("%d/%m/%Y") if saved[-1].created_at else ""
        st.info(t("ui_survey_stored", lang, n=result.respondents, date=when))

if result is None:
    st.info(t("ui_survey_none", lang))
    st.stop()
if result.too_few:
    st.warning(t("survey_too_few", lang, k=result.min_group))
    st.stop()

st.subheader(t("ui_survey_needs", lang))
weight = st.slider(t("ui_survey_weight", lang), 0.0, 1.0, 0.4, 0.05, key="survey_weight")
managers = assessment_of(detail, lang).profile if detail.answers else None
if managers is not None:
    rows = [
        {
            t("ui_col_need", lang): b.label,
            t("ui_col_managers", lang): round(b.managers),
            t("ui_col_survey", lang): "—" if b.survey is None else round(b.survey),
            t("ui_col_blended", lang): round(b.blended),
        }
        for b in blend_needs(managers, result, weight)
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True)
    st.caption(t("ui_survey_weight_note", lang, pct=fmt_number(weight * 100, lang, 0)))
for need in sorted(result.needs.values(), key=lambda n: -n.score):
    with st.expander(f"{need.label} — {fmt_number(need.score, lang, 0)}/100"):
        for line in need.explanation:
            st.markdown(f"- {line}")

if result.groups:
    st.subheader(t("ui_survey_groups", lang))
    labels = {n.id: n.label for n in result.needs.values()}
    table = pd.DataFrame(
        [
            {
                t("ui_col_group", lang): f"{g.by_label}: {g.label}",
                "n": g.n,
                **{
                    label: round(g.needs[k]) if k in g.needs else t("ui_survey_not_available", lang)
                    for k, label in labels.items()
                },
            }
            for g in result.groups
        ]
    )
    st.dataframe(table, hide_index=True)
    if any(len(g.needs) < len(labels) for g in result.groups):
        st.caption(t("survey_hidden_by_rule", lang, k=result.min_group))
hidden = sum(result.suppressed_groups.values())
if hidden:
    st.caption(t("survey_suppressed", lang, n=hidden, k=result.min_group))
if result.preferences:
    st.subheader(t("ui_survey_preferences", lang))
    st.bar_chart(
        pd.DataFrame({"%": [p.share for p in result.preferences]}, index=[p.label for p in result.preferences]),
        horizontal=True,
    )
