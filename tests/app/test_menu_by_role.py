"""The menu follows the role on the open engagement: the short, read-only one where a person only reads, the full
one where they own the engagement, whatever their global role; a left-out page opened by its address says why."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import streamlit

from tests.app.test_access import annas_engagement, signed_in  # noqa: F401  # the fixture these runs use
from tests.conftest import EXAMPLES
from workbench.answers_file import load_answers_file
from workbench.i18n import t
from workbench.store.access import principal_for, reassign, set_role
from workbench.store.engagements import create_engagement
from workbench.store.engine import open_store, session_scope
from workbench.ui.shell import FLOW, MANAGER_FLOW

CARLA = "carla@cliente.it"


def _paths(flow: tuple[str, ...]) -> list[str]:
    return ["" if name == "incarichi" else name for name in flow]  # the default page has the app's own address


SHORT, FULL = _paths(MANAGER_FLOW), _paths(FLOW)


@pytest.fixture
def menus(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[list[str]]]:
    """The session pages each run put in the visible menu, in order."""
    seen: list[list[str]] = []
    real = streamlit.navigation

    def spy(pages: Any, **kwargs: Any) -> Any:
        listed = [p for group in pages.values() for p in group if p.visibility == "visible"]
        seen.append([p.url_path for p in listed if p.url_path != "questionari"])
        return real(pages, **kwargs)

    monkeypatch.setattr(streamlit, "navigation", spy)
    yield seen


def _carla_owns_one(database: str, *, global_role: str) -> int:
    """carla manages anna's engagement (the fixture) and owns one of her own, the comune's."""
    engine = open_store(database)
    with session_scope(engine) as session:
        admin = principal_for(session, "admin@studio.it")
        own = create_engagement(session, answers_file=load_answers_file(EXAMPLES / "comune.yaml"), owner="bruno")
        reassign(session, principal=admin, engagement_id=own, username=CARLA)  # a manager does not create one
        set_role(session, principal=admin, username=CARLA, role=global_role)  # type: ignore[arg-type]
    engine.dispose()
    return own


@pytest.mark.parametrize("global_role", ["manager", "consultant"])
def test_a_client_manager_gets_the_short_menu_on_the_shared_engagement_and_the_full_one_on_her_own(
    annas_engagement: int,  # noqa: F811
    database: str,
    menus: list[list[str]],
    global_role: str,
) -> None:
    own = _carla_owns_one(database, global_role=global_role)
    at = signed_in(CARLA, own, "questionario")
    assert not at.exception
    assert menus[-1] == FULL
    assert at.title[0].value.startswith("Questionario · Comune di")  # her own: she edits it
    at = signed_in(CARLA, annas_engagement)
    assert not at.exception
    assert menus[-1] == SHORT


def test_a_client_manager_who_owns_nothing_open_gets_the_short_menu(
    annas_engagement: int,  # noqa: F811
    database: str,
    menus: list[list[str]],
) -> None:
    _carla_owns_one(database, global_role="manager")
    assert not signed_in(CARLA).exception
    assert menus[-1] == SHORT


@pytest.mark.parametrize("page", [name for name in FLOW if name not in MANAGER_FLOW])
def test_a_page_left_out_of_the_short_menu_is_refused_with_a_message(
    annas_engagement: int,  # noqa: F811
    database: str,
    menus: list[list[str]],
    page: str,
) -> None:
    """carla has the page open on her own engagement and then opens a link to anna's: the page says she may not
    use it there, shows nothing of anna's and offers the way back."""
    own = _carla_owns_one(database, global_role="manager")
    at = signed_in(CARLA, own, page)
    assert not at.exception
    at.query_params["e"] = str(annas_engagement)
    at.run()
    assert not at.exception
    assert menus[-1] == SHORT
    refusal = t("ui_page_not_for_role", "it", page=t(f"ui_page_{page}", "it"))
    assert [e.value for e in at.error] == [refusal]
    assert [title.value for title in at.title] == [t(f"ui_page_{page}", "it")]  # no organisation name of anna's
    assert not at.get("form") and not at.get("download_button") and not at.get("data_editor")
    assert {b.key for b in at.button} <= {"logout", "close_engagement"}  # nothing to change anna's engagement
    assert not at.text_input
