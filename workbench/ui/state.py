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
from workbench.identity import identity_from_claims
from workbench.maturity import MATURITY_FILE, TRAINING_FILE, load_maturity_model, load_training
from workbench.models.answers import AnswersFile
from workbench.models.engagement import EngagementDetail
from workbench.models.maturity import MaturityModel, TrainingModule
from workbench.models.plan import Plan
from workbench.models.text import Lang
from workbench.registry import QuestionnaireRegistry, load_registry
from workbench.settings import get_settings
from workbench.store.access import AccessDenied, Action, Principal, allowed_actions, principal_for, require
from workbench.store.engagements import ConflictError, NotFoundError, get_engagement, load_plan
from workbench.store.engine import StoreError, open_store, session_scope
from workbench.store.errors import CodedError

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
    "finanziamenti": ":material/account_balance_wallet:",
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
def maturity_content() -> tuple[MaturityModel, list[TrainingModule]]:
    """The PA maturity model and its training modules, read once per server like the catalogue."""
    settings = get_settings()
    model = load_maturity_model(settings.questionnaires_dir / MATURITY_FILE, questionnaire_registry())
    return model, load_training(settings.catalogue_dir / TRAINING_FILE, model)


@st.cache_resource(show_spinner=False)
def engine(url: str) -> Engine:
    return open_store(url)


def store() -> Engine:
    return engine(get_settings().resolved_database_url())


RUN_KEY = "_this_run"


def new_run() -> None:
    """Called first in every rerun (the shell): what :func:`per_run` remembered belongs to the previous one."""
    st.session_state[RUN_KEY] = {}


def per_run(what: str, build: Callable[[], T]) -> T:
    """``build()`` once per rerun of this session: the sidebar and the page ask for the same engagement, user
    and secrets, and each asking cost a database round trip or a file parse."""
    memo: dict[str, object] = st.session_state.setdefault(RUN_KEY, {})
    if what not in memo:
        memo[what] = build()
    return cast(T, memo[what])


def auth_configured() -> bool:
    """Login is on when the deployment configures an OIDC provider in secrets ([auth])."""
    return per_run("auth_configured", _auth_in_secrets)


def _auth_in_secrets() -> bool:
    try:
        return "auth" in st.secrets
    except FileNotFoundError:
        return False


def principal() -> Principal:
    """Who is using the app: the logged-in user, or — with no provider configured — the local single user."""
    return per_run("principal", _principal)


def _principal() -> Principal:
    if auth_configured():
        identity = identity_from_claims(st.user.to_dict()) if st.user.is_logged_in else None
        if identity is None:  # not signed in, or a token that does not say who (no issuer or subject)
            return Principal(username="", role="manager")
        with session() as s:
            return principal_for(s, identity.username)
    return Principal(username=get_settings().user or getpass.getuser(), role="admin")


def actor() -> Principal:
    """Who the use cases of ``workbench.workflow`` act for: they check what this principal may do."""
    return principal()


def allowed(engagement_id: int) -> frozenset[Action]:
    """What the user may do with this engagement, by their role on it (``workbench.store.access``): the pages
    offer only these buttons, and the use cases refuse the rest anyway."""

    def build() -> frozenset[Action]:
        with session() as s:
            return allowed_actions(s, principal(), engagement_id)

    return per_run(f"allowed:{engagement_id}", build)


def signed_in_name() -> str:
    """The signed-in user's name from the identity provider ('' in local mode: never the computer's account)."""
    if not auth_configured() or not st.user.is_logged_in:
        return ""
    return str(st.user.get("name") or "")


@contextmanager
def session() -> Iterator[Session]:
    with session_scope(store()) as s:
        yield s


def error_text(exc: CodedError) -> str:
    """A store error in the user's language (the store raises codes, the words are in strings.yaml)."""
    return exc.message(current_lang())


def stop_with_error(message: str) -> None:
    st.error(message)
    st.stop()


def guarded(action: Callable[[], T]) -> T | None:
    """Run a store or content action; every failure a user can cause becomes a message, not a traceback."""
    lang = current_lang()
    try:
        return action()
    except ConflictError as exc:
        st.error(error_text(exc))
        if st.button(t("ui_reload", lang), key=f"reload_{id(exc)}"):
            st.rerun()
    except StoreError as exc:
        st.error(f"{t('content_error', lang)}:\n\n{error_text(exc)}")
    except CodedError as exc:  # not found, access denied, an import refused...
        st.error(error_text(exc))
    except ContentError as exc:
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


def load_current(need: Action = "read", *, say_refusal: bool = True) -> EngagementDetail | None:
    """The engagement in the URL, if this user may ``need`` it; otherwise None, and a message if denied unless
    ``say_refusal`` is off (the sidebar: the page says it, where the user reads it)."""
    engagement_id = current_engagement_id()
    if engagement_id is None:
        return None
    with session() as s:
        try:
            require(s, principal(), engagement_id, need)
            return per_run(f"engagement:{engagement_id}", lambda: get_engagement(s, engagement_id))
        except AccessDenied as exc:
            if say_refusal:
                st.error(error_text(exc))
            return None
        except NotFoundError:
            return None


def require_engagement(need: Action = "edit") -> EngagementDetail:
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

    def load() -> Plan:
        with session() as s:
            return load_plan(s, engagement_id=detail.id)

    try:
        return per_version(detail, "plan", load)
    except NotFoundError:
        st.info(t("ui_no_plan", lang))
        link_to("misure", t("ui_go_measures", lang))
        st.stop()
        raise  # st.stop() raises; this line keeps the type checker honest


def assessment_of(detail: EngagementDetail, lang: Lang) -> Assessment:
    """Validate and score the engagement's answers: once per version of the engagement, shared by the pages."""
    answers = AnswersFile(questionnaire=detail.questionnaire, organisation=detail.organisation, answers=detail.answers)
    return per_version(detail, f"assessment:{lang}", lambda: assess(answers, questionnaire_registry(), lang=lang))


@st.cache_resource(max_entries=256, show_spinner=False)
def _computed(key: tuple[str, int, int, int, str], _build: Callable[[], object]) -> object:
    return _build()


def per_version(detail: EngagementDetail, what: str, build: Callable[[], T]) -> T:
    """``build()`` computed once per version of the engagement (its answers, workspace and plans) and shared by
    every page and session that shows that version: a rerun after a click does not redo it. The result is
    shared, so callers never change it; ``what`` names the result and everything else it depends on (the
    language, a widget's value)."""
    key = (get_settings().resolved_database_url(), detail.id, detail.version, detail.plan_versions, what)
    return cast(T, _computed(key, build))
