"""With sign-in configured, each user sees only their engagements; a client manager only reads the plan."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import APP, seed
from tests.conftest import EXAMPLES
from tests.plan_fixtures import drafted
from workbench.answers_file import load_answers_file
from workbench.store.access import bootstrap_admin, principal_for, reassign, set_role, share
from workbench.store.engagements import create_engagement, save_plan
from workbench.store.engine import open_store, session_scope

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "x" * 32,
    "client_id": "wb",
    "client_secret": "s",
    "server_metadata_url": "http://127.0.0.1:1/.well-known/openid-configuration",
}


ISSUER = "https://idp.example"


def claims_for(email: str) -> dict[str, object]:
    """The ID token of someone whose provider verified their e-mail."""
    return {"iss": ISSUER, "sub": f"sub-{email}", "email": email, "email_verified": True, "name": email}


def signed_in(
    email: str | None,
    engagement_id: int | None = None,
    page: str | None = None,
    *,
    claims: dict[str, object] | None = None,
) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"] = AUTH
    token = claims if claims is not None else claims_for(email) if email else None
    at.user = {"is_logged_in": True, **token} if token is not None else {"is_logged_in": False}
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
        bootstrap_admin(session, username="admin@studio.it", actor="setup")
        admin = principal_for(session, "admin@studio.it")
        reassign(session, principal=admin, engagement_id=engagement_id, username="anna@studio.it")  # signs in so
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
    at = signed_in("anna@studio.it", annas_engagement, "questionario")
    assert not at.exception
    assert at.title[0].value.startswith("Questionario · Navigli Digital")


@pytest.mark.parametrize(
    "claims",
    [
        {"iss": ISSUER, "sub": "anna"},  # a subject equal to the owner's name, no e-mail
        {"iss": ISSUER, "sub": "carla@cliente.it"},  # a subject equal to the manager's e-mail
        {"iss": ISSUER, "sub": "x", "email": "carla@cliente.it", "email_verified": False},  # e-mail not verified
        {"iss": ISSUER, "sub": "x", "email": "carla@cliente.it"},  # verification not said
        {"sub": "carla@cliente.it", "email": "carla@cliente.it", "email_verified": True},  # no issuer
    ],
)
def test_a_subject_equal_to_someones_email_opens_nothing(annas_engagement: int, claims: dict[str, object]) -> None:
    at = signed_in(None, annas_engagement, claims=claims)
    assert not at.exception
    assert not any("Navigli" in m.value for m in at.markdown)
    if "iss" in claims:
        assert "Ancora nessun incarico" in at.info[0].value  # signed in as someone new: nothing of theirs
    else:
        assert [b.label for b in at.button] == ["Accedi"]  # a token that does not say who is nobody


def test_a_consultant_who_manages_an_engagement_gets_only_the_manager_buttons(
    annas_engagement: int, database: str
) -> None:
    """carla also owns an engagement and is a consultant (her global role), and manages anna's: on anna's the
    export page offers the Word plan only, monitoring no form, and the list no duplicate or archive button."""
    engine = open_store(database)
    with session_scope(engine) as session:
        create_engagement(session, answers_file=load_answers_file(EXAMPLES / "comune.yaml"), owner="carla@cliente.it")
        admin = principal_for(session, "admin@studio.it")
        set_role(session, principal=admin, username="carla@cliente.it", role="consultant")
    engine.dispose()
    at = signed_in("carla@cliente.it", annas_engagement, "esporta")
    assert not at.exception
    assert [getattr(b, "label", "") for b in at.get("download_button")] == ["Scarica il piano in Word"]
    at = signed_in("carla@cliente.it", annas_engagement, "monitoraggio")
    assert not at.exception and not at.get("form")
    at = signed_in("carla@cliente.it")
    keys = {str(b.key) for b in at.button}
    assert f"open_{annas_engagement}" in keys
    assert not {f"dup_{annas_engagement}", f"arch_{annas_engagement}"} & keys
    assert any(key.startswith("dup_") for key in keys)  # on her own engagement she has them
