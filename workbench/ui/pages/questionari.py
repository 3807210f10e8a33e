"""Questionnaire list: what a consultant can run with a client today."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from workbench.content import ContentError
from workbench.i18n import t
from workbench.ui.state import current_lang, questionnaire_registry

lang = current_lang()
st.title(t("app_title", lang))
st.caption(t("app_tagline", lang))

try:
    registry = questionnaire_registry()
except ContentError as exc:
    st.error(f"{t('content_error', lang)}:\n\n" + "\n\n".join(f"`{issue}`" for issue in exc.issues))
    st.stop()

st.subheader(t("questionnaires", lang))
rows = []
for ref in registry.refs():
    loaded = registry.get(ref)
    q = loaded.definition
    rows.append(
        {
            t("questionnaire", lang): q.title.get(lang),
            "id@version": ref,
            "tipo / kind": t(f"kind_{q.kind}", lang),
            t("sections", lang): len(q.sections),
            t("questions", lang): len(q.questions),
            t("dimensions", lang): len(loaded.dimensions),
        }
    )
st.dataframe(pd.DataFrame(rows), hide_index=True)

for ref in registry.refs():
    q = registry.get(ref).definition
    with st.expander(f"{q.title.get(lang)} ({ref})"):
        if q.description:
            st.write(q.description.get(lang))
        for section in q.sections:
            st.markdown(f"**{section.title.get(lang)}** — {len(section.questions)} {t('questions', lang)}")
            st.markdown("\n".join(f"- {question.label.get(lang)}" for question in section.questions))

st.info(t("placeholder_note", lang))
