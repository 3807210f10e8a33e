"""With sign-in configured, each user sees only their engagements; a client manager only reads the plan."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import APP, seed
from tests.plan_fixtures import drafted
from workbench.store.access import principal_for, share
from workbench.store.engagements import save_plan
from workbench.store.engine import open_store, session_scope

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "x" * 32,
    "client_id": "wb",
    "client_secret": "s",
    "server_metadata_url": "http://127.0.0.1:1/.well-known/openid-configuration",
}


def signed_in(email: str | None, engagement_id: int | None = None, page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": True, "email": email, "name": email} if email else {"is_logged_in": False}
    if engagement_id is not None:
        at.query_params["e"] = str(engagement_id)
    at.run()
    if page is not None:
        at.switch_page(f"workbench/ui/pages/{page}.py").run()
    return at


@pytest.fixture
def annas_engagement(database: str) -> int:
    engagement_id = seed(database)
    plan, _ = drafted("servizi_ufficio.yaml")
    engine = open_store(database)
    with session_scope(engine) as session:
        save_plan(session, engagement_id=engagement_id, plan=plan, expected_version=1, actor="anna")
        share(
            session,
            principal=principal_for(session, "anna"),
            engagement_id=engagement_id,
            username="carla@cliente.it",
            role="manager",
        )
    engine.dispose()
    return engagement_id


def test_without_signing_in_there_is_only_the_sign_in_button(annas_engagement: int) -> None:
    at = signed_in(None, annas_engagement)
    assert not at.exception
    assert [b.label for b in at.button] == ["Accedi"]
    assert "Navigli" not in " ".join(m.value for m in at.markdown)


@pytest.mark.parametrize("page", ["questionario", "profilo", "misure", "piano", "esporta", "monitoraggio", "indagine"])
def test_a_user_without_a_share_cannot_open_it_by_url(annas_engagement: int, page: str) -> None:
    at = signed_in("bruno@altro.it", annas_engagement, page)
    assert not at.exception
    assert any(f"Non hai accesso all'incarico {annas_engagement}" in e.value for e in at.error)
    assert not at.get("download_button")
    assert not any("Navigli" in t.value for t in at.title)


def test_a_user_without_a_share_does_not_see_it_in_the_list(annas_engagement: int) -> None:
    at = signed_in("bruno@altro.it")
    assert not at.exception
    assert "Ancora nessun incarico" in at.info[0].value


def test_the_client_manager_reads_the_plan_and_downloads_only_the_word_file(annas_engagement: int) -> None:
    at = signed_in("carla@cliente.it", annas_engagement, "esporta")
    assert not at.exception
    assert [getattr(b, "label", "") for b in at.get("download_button")] == ["Scarica il piano in Word"]
    at = signed_in("carla@cliente.it", annas_engagement, "monitoraggio")
    assert not at.exception and not at.get("form")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        signed_in("carla@cliente.it", annas_engagement, "questionario")  # not even in her navigation


def test_the_owner_sees_and_edits(annas_engagement: int) -> None:
    at = signed_in("anna", annas_engagement, "questionario")
    assert not at.exception
    assert at.title[0].value.startswith("Questionario · Navigli Digital")
