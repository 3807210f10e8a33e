"""Esporta: the Word plan (template IT/EN) and the plan JSON, built only when asked for."""

from __future__ import annotations

import re

import streamlit as st

from workbench.export.plan_docx import TemplateError, template_path
from workbench.export.templates import check_template, template_for, template_set_folder, template_sets
from workbench.i18n import t
from workbench.objectives import objectives_docx, objectives_xlsx
from workbench.store.engagements import get_workspace
from workbench.ui.state import (
    actor,
    allowed,
    catalogue,
    current_lang,
    questionnaire_registry,
    require_engagement,
    require_plan,
    session,
    signed_in_name,
)
from workbench.ui.user_text import as_text
from workbench.workflow import choose_template_set, render_engagement_plan

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

lang = current_lang()
detail = require_engagement("read")
manager = "export" not in allowed(detail.id)  # a client manager *on this engagement* downloads the Word plan only
st.title(f"{t('ui_page_esporta', lang)} · {as_text(detail.organisation.name)}")
plan = require_plan(detail)

template = st.radio(
    t("ui_template", lang),
    ["it", "en"],
    format_func=lambda code: t("ui_language_name", code),
    horizontal=True,
    key="template",
)
sets = template_sets()  # the consultant's template sets (sub-folders of WORKBENCH_TEMPLATES_DIR)
with session() as s:
    stored = get_workspace(s, engagement_id=detail.id).template_set if sets else ""
if sets and not manager:
    chosen = st.selectbox(
        t("ui_template_set", lang),
        ["", *sets],
        index=sets.index(stored) + 1 if stored in sets else 0,
        format_func=lambda name: name or t("ui_template_set_default", lang),
        key=f"template_set_{detail.id}",
    )
    if chosen != stored:
        with session() as s:
            choose_template_set(s, engagement_id=detail.id, name=chosen, actor=actor())
        stored = chosen
folder = template_set_folder(stored)
slug = re.sub(r"[^A-Za-z0-9]+", "_", detail.organisation.name).strip("_")[:40] or "piano"
stem = f"piano_conciliazione_{slug}_v{detail.plan_versions}"


def build_docx() -> bytes:
    with session() as s:  # the stored plan with the store's version number (v3), not the draft's own counter
        return render_engagement_plan(
            s,
            engagement_id=detail.id,
            registry=questionnaire_registry(),
            catalogue=catalogue(),
            actor=actor(),
            template=template,
            signed_in=signed_in_name(),
        )


st.caption(t("ui_export_hint", lang, n=detail.plan_versions))
try:
    path = template_path(template, folder=folder)
    check_template(path.read_bytes(), path.name, "plan")
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
    data=lambda: objectives_docx(plan, lang, template=template_for("objectives", lang, folder=folder)),
    file_name=f"obiettivi_{stem}.docx",
    mime=DOCX_MIME,
    on_click="ignore",
    key="objectives_docx",
    icon=":material/description:",
)
