"""Navigation and the shared sidebar (language switch), run on every page."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from workbench.i18n import t
from workbench.ui.state import current_lang

PAGES = Path(__file__).parent / "pages"


def run() -> None:
    st.set_page_config(page_title="Conciliazione Workbench", page_icon="⚖️", layout="wide")
    with st.sidebar:
        st.radio(
            "Lingua / Language",
            options=["it", "en"],
            format_func=lambda code: {"it": "Italiano", "en": "English"}[code],
            key="lang",
            horizontal=True,
        )
    lang = current_lang()
    pages = [
        st.Page(
            PAGES / "questionari.py", title=t("questionnaires", lang), icon="📋", url_path="questionari", default=True
        ),
    ]
    st.navigation(pages).run()
