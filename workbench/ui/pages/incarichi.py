"""Incarichi: list, search, create, open, duplicate and archive engagements."""

from __future__ import annotations

import math
from functools import partial

import streamlit as st

from workbench.answers_file import MAX_ANSWERS_BYTES, parse_answers_bytes
from workbench.content import ContentError
from workbench.i18n import t
from workbench.models.answers import AnswersFile
from workbench.models.engagement import EngagementSummary
from workbench.store.access import may_create, visible_ids
from workbench.store.engagements import list_engagements
from workbench.ui.state import (
    actor,
    allowed,
    current_engagement_id,
    current_lang,
    guarded,
    open_engagement,
    principal,
    questionnaire_registry,
    session,
)
from workbench.ui.user_text import as_text
from workbench.workflow import create_engagement, duplicate_engagement, new_answers_file, set_engagement_status

lang = current_lang()
st.title(t("ui_page_incarichi", lang))
st.caption(t("app_tagline", lang))


def _open(engagement_id: int, page: str = "questionario") -> None:
    st.session_state["engagement"] = str(engagement_id)
    open_engagement(engagement_id)
    st.switch_page(f"workbench/ui/pages/{page}.py")


def _create(answers: AnswersFile) -> int:
    with session() as s:
        return create_engagement(s, answers=answers, registry=questionnaire_registry(), owner=actor())


def _duplicate(engagement_id: int) -> int:
    with session() as s:
        return duplicate_engagement(
            s, engagement_id=engagement_id, registry=questionnaire_registry(), actor=actor(), lang=lang
        )


def _set_status(engagement_id: int, version: int, status: str) -> None:
    with session() as s:
        set_engagement_status(s, engagement_id=engagement_id, status=status, expected_version=version, actor=actor())


# ---- new engagement ------------------------------------------------------------------------

user = principal()
if may_create(user):  # client managers read, they do not create engagements
    with st.expander(t("ui_new_engagement", lang), expanded=False):
        with st.form("new_engagement", clear_on_submit=False):
            name = st.text_input(t("ui_org_name", lang), key="new_name", max_chars=300)
            columns = st.columns(3)
            kind = columns[0].radio(
                t("ui_org_kind", lang),
                ["firm", "pa"],
                format_func=lambda k: t("kind_" + k, lang),
                horizontal=True,
                key="new_kind",
            )
            comune = columns[1].text_input(t("ui_org_comune", lang), key="new_comune", max_chars=120)
            province = columns[2].text_input(t("ui_org_province", lang), key="new_province", max_chars=4)
            submitted = st.form_submit_button(t("ui_create", lang), type="primary")
        if submitted:
            typed = new_answers_file(name=name, kind=kind, comune=comune, province=province)
            if typed is None:
                st.error(t("ui_name_required", lang))
            else:
                new_id = guarded(partial(_create, typed))
                if new_id is not None:
                    _open(new_id)

        st.markdown(f"**{t('ui_from_file', lang)}**")
        upload = st.file_uploader(
            t("ui_answers_file", lang),
            type=["yaml", "yml", "json"],
            key="answers_upload",
            max_upload_size=math.ceil(MAX_ANSWERS_BYTES / 1024 / 1024),  # an answers file is small: 2 MB
        )
        if upload is not None and st.button(t("ui_create_from_file", lang), key="create_from_file"):
            try:
                answers = parse_answers_bytes(upload.name, upload.getvalue())
                questionnaire_registry().get(answers.questionnaire)
            except (ContentError, LookupError) as exc:
                st.error(f"{t('ui_file_refused', lang)}: {as_text(exc)}")
            else:
                new_id = guarded(lambda: _create(answers))
                if new_id is not None:
                    _open(new_id)

# ---- list ------------------------------------------------------------------------------------

left, right = st.columns([3, 1])
search = left.text_input(t("ui_search", lang), key="search", placeholder=t("ui_search_hint", lang))
show_archived = right.toggle(t("ui_show_archived", lang), key="show_archived")


def _list() -> list[EngagementSummary]:
    with session() as s:
        only = visible_ids(s, principal())
        return list_engagements(s, search=search or None, include_archived=show_archived, only=only)


rows = guarded(_list) or []
if not rows:
    st.info(t("ui_no_engagements" if not search else "ui_no_match", lang))
current = current_engagement_id()
for row in rows:
    with st.container(border=True):
        info, actions = st.columns([3, 2])
        marker = f" · {t('ui_open_now', lang)}" if row.id == current else ""
        info.markdown(f"**{as_text(row.organisation.name)}**{marker}")
        changed = row.updated_at.astimezone().strftime("%d/%m/%Y %H:%M")
        info.caption(
            f"{t('kind_' + row.kind, lang)} · {as_text(row.organisation.comune or '—')} · "
            f"{t('ui_updated', lang)} {changed} ({as_text(row.updated_by)}) · "
            f"{row.plan_versions} {t('ui_plan_versions', lang)}"
            + (f" · {t('ui_archived', lang)}" if row.status == "archived" else "")
        )
        buttons = actions.columns(3)
        may = allowed(row.id)  # by the role on this engagement, not the user's global role
        if buttons[0].button(t("ui_open", lang), key=f"open_{row.id}", type="primary"):
            _open(row.id, "questionario" if "edit" in may else "esporta")
        copies = "duplicate" in may and may_create(user)  # the copy is theirs: a client manager makes none
        if copies and buttons[1].button(t("ui_duplicate", lang), key=f"dup_{row.id}"):
            new_id = guarded(partial(_duplicate, row.id))
            if new_id is not None:
                st.toast(t("ui_duplicated", lang))
                st.rerun()
        archive_to = "active" if row.status == "archived" else "archived"
        label = t("ui_restore" if row.status == "archived" else "ui_archive", lang)
        if "archive" in may and buttons[2].button(label, key=f"arch_{row.id}"):
            guarded(partial(_set_status, row.id, row.version, archive_to))
            st.rerun()
