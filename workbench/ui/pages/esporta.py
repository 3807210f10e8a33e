"""Esporta: the Word plan (template IT/EN) and the plan JSON, built only when asked for."""

from __future__ import annotations

import re

import streamlit as st

from workbench.export.docx import TemplateError, check_template, document_consultant, render_plan_docx, template_path
from workbench.i18n import t
from workbench.objectives import objectives_docx, objectives_xlsx
from workbench.ui.state import (
    catalogue,
    current_lang,
    principal,
    questionnaire_registry,
    require_engagement,
    require_plan,
    signed_in_name,
)

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

lang = current_lang()
detail = require_engagement("read")
manager = principal().role == "manager"
st.title(f"{t('ui_page_esporta', lang)} · {detail.organisation.name}")
plan = require_plan(detail)

template = st.radio(
    t("ui_template", lang),
    ["it", "en"],
    format_func=lambda c: {"it": "Italiano", "en": "English"}[c],
    horizontal=True,
    key="template",
)
slug = re.sub(r"[^A-Za-z0-9]+", "_", detail.organisation.name).strip("_")[:40] or "piano"
stem = f"piano_conciliazione_{slug}_v{detail.plan_versions}"


stored_version = detail.plans[-1].number if detail.plans else detail.plan_versions


def build_docx() -> bytes:
    return render_plan_docx(
        plan,
        questionnaire=questionnaire_registry().get(plan.questionnaire),
        catalogue=catalogue(),
        template=template_path(template),
        version=stored_version,  # the store's number (v3), not the draft's own counter
        consultant=document_consultant(signed_in_name()) or None,  # None: the name stored with the plan
    )


st.caption(t("ui_export_hint", lang, n=detail.plan_versions))
path = template_path(template)
try:
    check_template(path.read_bytes(), path.name)
except (TemplateError, OSError) as exc:
    st.error(str(exc))
else:
    # the document is rendered only when the button is pressed (data is a callable)
    st.download_button(
        t("ui_download_docx", lang),
        data=build_docx,
        file_name=f"{stem}.docx",
        mime=DOCX_MIME,
        type="primary",
        on_click="ignore",
        key="download_docx",
        icon=":material/description:",
    )
if manager:
    st.stop()  # a client manager downloads the Word plan, nothing else
st.download_button(
    t("ui_download_json", lang),
    data=plan.model_dump_json(indent=2),
    file_name=f"{stem}.json",
    mime="application/json",
    on_click="ignore",
    key="download_json",
    icon=":material/download:",
)

st.divider()
st.markdown(f"**{t('ui_objectives_export', lang)}**")
st.caption(t("ui_objectives_hint", lang))
left, right = st.columns(2)
left.download_button(
    "Excel",
    data=lambda: objectives_xlsx(plan, lang),
    file_name=f"obiettivi_{stem}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    on_click="ignore",
    key="objectives_xlsx",
    icon=":material/grid_on:",
)
right.download_button(
    "Word",
    data=lambda: objectives_docx(plan, lang),
    file_name=f"obiettivi_{stem}.docx",
    mime=DOCX_MIME,
    on_click="ignore",
    key="objectives_docx",
    icon=":material/description:",
)
