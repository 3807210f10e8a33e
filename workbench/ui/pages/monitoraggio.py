"""Monitoraggio: record indicator readings, see them against the targets, download the report."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from functools import partial

import pandas as pd
import streamlit as st

from workbench.export.monitoring_docx import render_monitoring_docx
from workbench.formatting import fmt_date, fmt_number
from workbench.i18n import t
from workbench.models.engagement import Reading
from workbench.monitoring import indicator_chart, plan_status, readings_from_table, rejected_lines, status_rule
from workbench.numbers import NumberError, read_number
from workbench.store.engagements import count_unreadable_readings, list_readings
from workbench.survey.reading import SurveyFileError, read_table, upload_cap_mb
from workbench.ui.chart_view import show_chart
from workbench.ui.state import (
    actor,
    allowed,
    current_lang,
    guarded,
    require_engagement,
    require_plan,
    session,
)
from workbench.ui.user_text import as_text
from workbench.workflow import record_readings

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
lang = current_lang()
detail = require_engagement("read")
manager = "edit" not in allowed(detail.id)  # by the role on this engagement: a client manager only reads
st.title(f"{t('ui_page_monitoraggio', lang)} · {as_text(detail.organisation.name)}")
plan = require_plan(detail)


def _add(readings: list[Reading]) -> int:
    with session() as s:
        return record_readings(s, engagement_id=detail.id, readings=readings, actor=actor())


names = {i.id: i.name for i in plan.indicators}


def _submit_reading() -> None:
    """Read the typed value when the form is sent: a mistake stays in the field with its reason beside it."""
    state = st.session_state
    typed, day = str(state.get("reading_value") or ""), state.get("reading_date")
    if not typed.strip() or not isinstance(day, dt.date) or state.get("reading_indicator") not in names:
        state["reading_problem"] = t("ui_mon_value_needed", lang)
        return
    try:
        value = read_number(typed)  # text, not a number_input: that one takes "45,5" as 455
    except NumberError as exc:
        state["reading_problem"] = exc.message(lang)
        return
    state["reading_pending"] = Reading(
        indicator=state["reading_indicator"], date=day, value=value, note=str(state.get("reading_note") or "")
    )
    state["reading_value"] = state["reading_note"] = ""  # ready for the next reading


if not manager:  # a client manager only reads
    with st.form("reading"):
        st.markdown(f"**{t('ui_mon_add', lang)}**")
        columns = st.columns([3, 1.2, 1, 2])
        columns[0].selectbox(
            t("ui_col_indicator", lang), list(names), format_func=lambda i: names[i], key="reading_indicator"
        )
        columns[1].date_input(t("ui_mon_date", lang), value=dt.date.today(), format="DD/MM/YYYY", key="reading_date")
        columns[2].text_input(
            t("ui_mon_value", lang), key="reading_value", placeholder=t("ui_number_hint", lang), max_chars=40
        )
        problem = st.session_state.pop("reading_problem", None)
        if problem:
            columns[2].error(problem)  # next to the field; nothing was saved
        columns[3].text_input(t("ui_mon_note", lang), max_chars=300, key="reading_note")
        st.form_submit_button(t("ui_add", lang), type="primary", on_click=_submit_reading)
    pending = st.session_state.pop("reading_pending", None)
    if isinstance(pending, Reading):
        added = guarded(partial(_add, [pending]))
        if added is not None:
            st.toast(t("ui_mon_added", lang))

    upload = st.file_uploader(
        t("ui_mon_upload", lang),
        type=["csv", "xlsx"],
        key="readings_upload",
        max_upload_size=upload_cap_mb(st.get_option("server.maxUploadSize")),
    )
    if upload is not None and st.button(t("ui_mon_import", lang), key="import_readings"):
        try:
            readings, rejected = readings_from_table(read_table(upload.name, upload.getvalue()), plan, lang)
        except SurveyFileError as exc:
            st.error(f"{as_text(upload.name)}: {as_text(exc)}")
        else:
            saved = guarded(lambda: _add(readings)) if readings else 0
            if saved is not None:  # a store failure was said by guarded: nothing was imported
                st.success(t("ui_mon_imported", lang, n=len(readings), rejected=len(rejected)))
            listed, more = rejected_lines(rejected, lang)
            for row in listed:
                st.caption(f"{t('ui_col_row', lang)} {row.row}: {as_text(row.reason)}")
            if more:
                st.caption(more)


with session() as s:
    stored = list_readings(s, engagement_id=detail.id)
    unreadable = count_unreadable_readings(s, engagement_id=detail.id)
if unreadable:
    st.warning(t("mon_unreadable_readings", lang, n=unreadable), icon=":material/warning:")
statuses = plan_status(plan, stored)


def _value(number: float | None, unit: str) -> str:
    return "—" if number is None else f"{fmt_number(number, lang)} {unit}".strip()


st.dataframe(
    pd.DataFrame(
        [
            {
                t("ui_col_indicator", lang): s.name,
                t("ui_col_baseline", lang): _value(s.baseline, s.unit),
                t("ui_col_target_value", lang): _value(s.target, s.unit),
                t("ui_mon_latest", lang): _value(s.latest, s.unit)
                + (f" ({fmt_date(s.latest_date, lang)})" if s.latest_date else ""),
                t("ui_mon_expected", lang): _value(s.expected, s.unit),
                t("ui_col_status", lang): t("mon_status_" + s.status, lang),
            }
            for s in statuses
        ]
    ),
    hide_index=True,
)
st.caption(status_rule(lang))

with_readings = [s for s in statuses if s.readings]
if not with_readings:
    st.info(t("ui_mon_none", lang))
for status in with_readings:  # readings are not part of the engagement's version: the chart is keyed by its data
    data = hashlib.sha256(status.model_dump_json().encode()).hexdigest()
    show_chart(detail, f"indicator:{lang}:{data}", functools.partial(indicator_chart, status, lang))

st.download_button(
    t("ui_mon_report", lang),
    data=lambda: render_monitoring_docx(plan, statuses, today=dt.date.today(), lang=lang, version=detail.plan_versions),
    file_name=f"monitoraggio_{detail.id}_{dt.date.today():%Y%m%d}.docx",
    mime=DOCX_MIME,
    on_click="ignore",
    key="monitoring_report",
    icon=":material/description:",
)
