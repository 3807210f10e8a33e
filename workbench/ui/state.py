"""What every page shares: cached content and database, the current engagement (from the URL), messages.

The engagement id lives in the URL (``?e=12``), and everything else in the
store, so a browser reload (which starts a new Streamlit session) loses nothing.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar, cast

import streamlit as st
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from workbench.assessment import Assessment, assess
from workbench.catalogue import Catalogue, load_catalogue
from workbench.content import ContentError
from workbench.i18n import t
from workbench.models.answers import AnswersFile
from workbench.models.engagement import EngagementDetail
from workbench.models.plan import Plan
from workbench.models.text import Lang
from workbench.registry import QuestionnaireRegistry, load_registry
from workbench.settings import get_settings
from workbench.store.access import AccessDenied, Need, Principal, principal_for, require
from workbench.store.engagements import ConflictError, NotFoundError, get_engagement, load_plan
from workbench.store.engine import StoreError, open_store, session_scope

T = TypeVar("T")
ENGAGEMENT_PARAM = "e"
LANG_KEY = "ui_lang"  # the chosen language; the sidebar radio (key "lang") writes it
PAGE_ICONS = {
    "incarichi": ":material/folder_open:",
    "questionario": ":material/edit_note:",
    "profilo": ":material/bar_chart:",
    "misure": ":material/extension:",
    "piano": ":material/calendar_month:",
    "esporta": ":material/description:",
    "welfare": ":material/savings:",
    "indagine": ":material/groups:",
    "monitoraggio": ":material/monitoring:",
    "maturita": ":material/account_balance:",
    "questionari": ":material/list_alt:",
}


def link_to(page: str, label: str) -> None:
    """A link to another page of the app, with that page's icon."""
    st.page_link(f"workbench/ui/pages/{page}.py", label=label, icon=PAGE_ICONS[page])


def current_lang() -> Lang:
    return cast(Lang, st.session_state.get(LANG_KEY, "it"))


@st.cache_resource(show_spinner=False)
def questionnaire_registry() -> QuestionnaireRegistry:
    """Loaded once per server: definitions are read-only while the app runs."""
    return load_registry(get_settings().questionnaires_dir)


@st.cache_resource(show_spinner=False)
def catalogue() -> Catalogue:
    return load_catalogue(get_settings().catalogue_dir, questionnaire_registry())


@st.cache_resource(show_spinner=False)
def engine(url: str) -> Engine:
    return open_store(url)


def store() -> Engine:
    return engine(get_settings().resolved_database_url())


def auth_configured() -> bool:
    """Login is on when the deployment configures an OIDC provider in secrets ([auth])."""
    try:
        return "auth" in st.secrets
    except FileNotFoundError:
        return False


def principal() -> Principal:
    """Who is using the app: the logged-in user, or — with no provider configured — the local single user."""
    if auth_configured():
        user = st.user
        name = str(user.get("email") or user.get("sub") or "") if user.is_logged_in else ""
        if not name:
            return Principal(username="", role="manager")
        with session() as s:
            return principal_for(s, name)
    return Principal(username=get_settings().user or getpass.getuser(), role="admin")


def actor() -> str:
    return principal().username


def signed_in_name() -> str:
    """The signed-in user's name from the identity provider ('' in local mode: never the computer's account)."""
    if not auth_configured() or not st.user.is_logged_in:
        return ""
    return str(st.user.get("name") or "")


@contextmanager
def session() -> Iterator[Session]:
    with session_scope(store()) as s:
        yield s


def stop_with_error(message: str) -> None:
    st.error(message)
    st.stop()


def guarded(action: Callable[[], T]) -> T | None:
    """Run a store or content action; every failure a user can cause becomes a message, not a traceback."""
    lang = current_lang()
    try:
        return action()
    except ConflictError as exc:
        st.error(str(exc))
        if st.button(t("ui_reload", lang), key=f"reload_{id(exc)}"):
            st.rerun()
    except NotFoundError as exc:
        st.error(str(exc))
    except (ContentError, StoreError) as exc:
        st.error(f"{t('content_error', lang)}:\n\n{exc}")
    return None


def current_engagement_id() -> int | None:
    raw = st.query_params.get(ENGAGEMENT_PARAM)
    if raw is None:
        return None
    try:
        return int(raw)
    except ValueError:
        return None


def open_engagement(engagement_id: int) -> None:
    st.query_params[ENGAGEMENT_PARAM] = str(engagement_id)


def load_current(need: Need = "read") -> EngagementDetail | None:
    """The engagement in the URL, if this user may ``need`` it; otherwise None (and a message if denied)."""
    engagement_id = current_engagement_id()
    if engagement_id is None:
        return None
    with session() as s:
        try:
            require(s, principal(), engagement_id, need)
            return get_engagement(s, engagement_id)
        except AccessDenied as exc:
            st.error(str(exc))
            return None
        except NotFoundError:
            return None


def require_engagement(need: Need = "edit") -> EngagementDetail:
    """The open engagement, or an empty state that sends the user to the list."""
    lang = current_lang()
    detail = guarded(lambda: load_current(need))
    if detail is None:
        st.info(t("ui_no_engagement", lang))
        link_to("incarichi", t("ui_go_engagements", lang))
        st.stop()
    assert detail is not None
    return detail


def require_plan(detail: EngagementDetail) -> Plan:
    """The engagement's latest plan, or an empty state that sends the user to the measures page."""
    lang = current_lang()
    try:
        with session() as s:
            return load_plan(s, engagement_id=detail.id)
    except NotFoundError:
        st.info(t("ui_no_plan", lang))
        link_to("misure", t("ui_go_measures", lang))
        st.stop()
        raise  # st.stop() raises; this line keeps the type checker honest


def assessment_of(detail: EngagementDetail, lang: Lang) -> Assessment:
    answers = AnswersFile(questionnaire=detail.questionnaire, organisation=detail.organisation, answers=detail.answers)
    return assess(answers, questionnaire_registry(), lang=lang)
