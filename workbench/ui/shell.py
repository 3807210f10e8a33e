"""Navigation and the shared sidebar (language, current engagement, where you are in the flow)."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import get_args

import streamlit as st

from workbench.i18n import t
from workbench.models.text import Lang
from workbench.settings import get_settings
from workbench.store.errors import CodedError
from workbench.ui.state import (
    ENGAGEMENT_PARAM,
    LANG_KEY,
    PAGE_ICONS,
    allowed,
    auth_configured,
    current_engagement_id,
    current_lang,
    error_text,
    guarded,
    link_to,
    load_current,
    new_run,
    principal,
)
from workbench.ui.user_text import as_text

logger = logging.getLogger(__name__)
LOOPBACK = ("127.0.0.1", "localhost", "::1")

PAGES = Path(__file__).parent / "pages"
MANAGER_FLOW = ("incarichi", "finanziamenti", "esporta", "monitoraggio")
FLOW = (
    "incarichi",
    "questionario",
    "indagine",
    "profilo",
    "maturita",
    "misure",
    "piano",
    "welfare",
    "finanziamenti",
    "esporta",
    "monitoraggio",
)


def _keep_engagement_in_url() -> None:
    """Page switches drop query parameters; the session remembers the engagement and puts it back."""
    in_url = st.query_params.get(ENGAGEMENT_PARAM)
    if in_url is not None:
        st.session_state["engagement"] = in_url
    elif st.session_state.get("engagement"):
        st.query_params[ENGAGEMENT_PARAM] = st.session_state["engagement"]


LANGUAGES: tuple[Lang, ...] = get_args(Lang)
"""Each offered in its own words: the name of language X is ``t("ui_language_name", X)``."""


def _keep_language() -> None:
    """The language lives in session state of its own: st.switch_page resets the sidebar radio's value."""
    st.session_state[LANG_KEY] = st.session_state["lang"]


def report_unexpected(exc: Exception, lang: Lang) -> str:
    """An error nobody planned for: the server log gets the traceback under a short id, the user only the id
    (never a traceback or a server path), to quote when asking for help."""
    error_id = secrets.token_hex(4)
    logger.error("unexpected error %s in a page", error_id, exc_info=exc)
    st.error(t("ui_unexpected_error", lang, error_id=error_id), icon=":material/error:")
    return error_id


def contained(step: Callable[[], None]) -> None:
    """Run ``step`` (a page, the shell); Streamlit's own st.rerun/st.stop/st.switch_page pass through (they are
    BaseExceptions, not Exceptions), a coded error is said in words, anything else is reported with an id."""
    try:
        step()
    except CodedError as exc:
        st.error(error_text(exc))
    except Exception as exc:
        report_unexpected(exc, current_lang())


def _local_mode_is_local(lang: Lang) -> None:
    """Without sign-in everyone who reaches the app is its admin: it must answer on this computer only."""
    address = st.get_option("server.address")
    if str(address or "") not in LOOPBACK:
        st.error(t("ui_local_needs_loopback", lang))
        st.stop()


def run() -> None:
    contained(_run)


def _reads_only(role: str) -> bool:
    """The short menu (engagements, export, monitoring) for a client manager, and for anyone whose role on the
    open engagement is only to read it (a consultant it was shared with as manager): by the role on the
    engagement, as every use case checks it, not only the global one. So a client manager who owns an engagement
    (an admin reassigned it to them) gets the full menu on that one; with no engagement open, or one they have
    no role on, the global role decides."""
    engagement_id = current_engagement_id()
    if engagement_id is None:
        return role == "manager"
    try:
        may = allowed(engagement_id)
    except CodedError:  # the store does not answer, or no such engagement: the page itself says so
        return role == "manager"
    if not may:
        return role == "manager"
    return "edit" not in may


def _not_for_this_role(name: str, lang: Lang) -> Callable[[], None]:
    """What a page left out of the short menu shows when its address is opened: a refusal in words and the way
    back, instead of Streamlit's "page not found" and a silent jump to the first page."""

    def refused() -> None:
        st.title(t(f"ui_page_{name}", lang))
        st.error(t("ui_page_not_for_role", lang, page=t(f"ui_page_{name}", lang)), icon=":material/block:")
        link_to("incarichi", t("ui_go_engagements", lang))

    refused.__name__ = f"refused_{name}"
    return refused


def _run() -> None:
    new_run()
    st.set_page_config(page_title="Conciliazione Workbench", page_icon=":material/balance:", layout="wide")
    _keep_engagement_in_url()
    with st.sidebar:
        st.radio(
            "Lingua / Language",
            options=list(LANGUAGES),
            index=LANGUAGES.index(current_lang()),  # a page switch may drop the widget's own state
            format_func=lambda code: t("ui_language_name", code),
            key="lang",
            horizontal=True,
            on_change=_keep_language,
        )
    lang = current_lang()
    if not auth_configured():
        _local_mode_is_local(lang)
    user = principal()
    if auth_configured() and not user.username:
        st.title(t("app_title", lang))
        st.write(t("ui_login_needed", lang))
        st.button(t("ui_login", lang), on_click=st.login, type="primary", key="login")
        st.stop()
    reads_only = _reads_only(user.role)
    flow = MANAGER_FLOW if reads_only else FLOW
    pages = {
        t("ui_nav_session", lang): [
            st.Page(
                PAGES / f"{name}.py",
                title=t(f"ui_page_{name}", lang),
                icon=PAGE_ICONS[name],
                url_path=name,
                default=name == "incarichi",
            )
            for name in flow
        ],
        t("ui_nav_content", lang): [
            st.Page(
                PAGES / "questionari.py",
                title=t("questionnaires", lang),
                icon=PAGE_ICONS["questionari"],
                url_path="questionari",
            ),
        ],
    }
    if reads_only:  # the other pages are not in the menu; opened by their address, they say why not
        pages[t("ui_nav_session", lang)] += [
            st.Page(
                _not_for_this_role(name, lang),
                title=t(f"ui_page_{name}", lang),
                icon=PAGE_ICONS[name],
                url_path=name,
                visibility="hidden",
            )
            for name in FLOW
            if name not in MANAGER_FLOW
        ]
    if user.role == "manager":
        pages.pop(t("ui_nav_content", lang))
    page = st.navigation(pages)
    with st.sidebar:
        detail = guarded(lambda: load_current(say_refusal=False))
        st.divider()
        if auth_configured():
            st.caption(f"{as_text(user.username)} · {t('role_' + user.role, lang)}")
            st.button(t("ui_logout", lang), on_click=st.logout, key="logout")
        else:
            st.info(t("ui_local_banner", lang), icon=":material/lock:")
            named = get_settings().user  # a name the deployment set; never the computer's account name
            if named:
                st.caption(t("ui_local_mode", lang, user=as_text(named)))
        if detail is None:
            st.caption(t("ui_sidebar_none", lang))
        else:
            st.markdown(f"**{as_text(detail.organisation.name)}**")
            answers, versions = len(detail.answers), detail.plan_versions
            st.caption(
                f"{t('kind_' + detail.kind, lang)} · {as_text(detail.organisation.comune or '—')} · "
                f"{answers} {t('ui_answers_one' if answers == 1 else 'ui_answers', lang)} · "
                f"{versions} {t('ui_plan_versions_one' if versions == 1 else 'ui_plan_versions', lang)}"
            )
            if st.button(t("ui_close_engagement", lang), key="close_engagement"):
                st.session_state["engagement"] = None
                st.query_params.clear()
                st.rerun()
    contained(page.run)
