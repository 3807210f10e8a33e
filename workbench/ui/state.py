"""Session-level values shared by the pages, and cached content."""

from __future__ import annotations

from typing import cast

import streamlit as st

from workbench.models.text import Lang
from workbench.registry import QuestionnaireRegistry, load_registry
from workbench.settings import get_settings


def current_lang() -> Lang:
    return cast(Lang, st.session_state.get("lang", "it"))


@st.cache_resource(show_spinner=False)
def questionnaire_registry() -> QuestionnaireRegistry:
    """Loaded once per server: definitions are read-only while the app runs."""
    return load_registry(get_settings().questionnaires_dir)
