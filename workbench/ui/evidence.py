"""The evidence behind the needs and the measures, at the top of the profile and measures pages: a warning when
it is insufficient, and the questions whose answers would change the most (workbench/ask_next.py)."""

from __future__ import annotations

import streamlit as st

from workbench.ask_next import ask_next, recommendation_evidence
from workbench.assessment import Assessment
from workbench.formatting import fmt_percent
from workbench.i18n import t
from workbench.models.text import Lang
from workbench.ui.state import catalogue, link_to
from workbench.ui.user_text import as_text

_plain = as_text  # text from the content files shown as it is written, never as markdown


def evidence_panel(result: Assessment, lang: Lang, *, warn: bool = True) -> None:
    """Warning about the list of measures (when the evidence is insufficient and ``warn``) and the panel of the
    questions to ask next, open while the evidence is insufficient; both cached per answers."""
    evidence = recommendation_evidence(
        result.questionnaire,
        result.profile,
        result.validated.values,
        result.answers.organisation,
        catalogue(),
        lang,
    )
    if warn and not evidence.sufficient:
        st.warning(
            t(
                "ui_evidence_insufficient",
                lang,
                scored=evidence.scored_needs,
                needs=evidence.needs,
                coverage=fmt_percent(evidence.coverage * 100, lang, 0),
            ),
            icon=":material/warning:",
        )
    items = ask_next(
        questionnaire=result.questionnaire,
        values=result.validated.values,
        organisation=result.answers.organisation,
        catalogue=catalogue(),
        lang=lang,
    )
    if not items:
        return
    title = t("ui_ask_next_title", lang, n=len(items)) if len(items) > 1 else t("ui_ask_next_title_one", lang)
    section_word = t("ui_section", lang).lower()
    lines = [
        f"{n}. **{_plain(item.label)}** — {section_word} {item.section_index + 1}. {_plain(item.section)}: "
        f"{_plain(item.reason)}"
        for n, item in enumerate(items, start=1)
    ]
    with st.container(border=True) if not evidence.sufficient else st.expander(title):
        if not evidence.sufficient:
            st.markdown(f"**{title}**")
        st.markdown("\n".join(lines))
        st.caption(t("ui_ask_next_hint", lang))
        link_to("questionario", t("ui_ask_next_go", lang))
