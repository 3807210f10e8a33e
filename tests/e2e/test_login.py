"""Sign-in for real: Streamlit's st.login against an OIDC provider started on loopback by the test.

The provider is `oidc-provider-mock` (a real OpenID Connect server), Streamlit is a real server with
[auth] in a secrets file, and Debian's Chromium clicks through the login. Anna sees her engagement;
Bruno, signed in too, sees nothing of it — not in the list, not by its id in the URL.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT
from tests.e2e.conftest import CHROMIUM_FLAGS, _free_port, chromium_path, streamlit_server
from workbench.answers_file import load_answers_file
from workbench.store.engagements import create_engagement
from workbench.store.engine import open_store, session_scope

TIMEOUT = 30_000


@pytest.fixture
def provider() -> Iterator[str]:
    mock = pytest.importorskip("oidc_provider_mock", reason="pip install oidc-provider-mock (dev extra)")
    users = [
        mock.User(sub="anna", claims={"email": "anna@studio.it", "email_verified": True, "name": "Anna Bianchi"}),
        mock.User(sub="bruno", claims={"email": "bruno@altrostudio.it", "email_verified": True, "name": "Bruno Neri"}),
    ]
    with mock.run_server_in_thread(port=_free_port(), user_claims=users) as server:
        yield f"http://127.0.0.1:{server.server_port}"


@pytest.fixture
def signed_server(provider: str, tmp_path: Path) -> Iterator[tuple[str, int]]:
    chromium_path()
    database = f"sqlite:///{tmp_path / 'login.db'}"
    engine = open_store(database)
    with session_scope(engine) as session:
        engagement_id = create_engagement(
            session, answers_file=load_answers_file(EXAMPLES / "servizi_ufficio.yaml"), owner="anna@studio.it"
        )
    engine.dispose()
    secrets = tmp_path / "secrets.toml"
    # the redirect URI must name the server's own port, so pick it first and pass it explicitly
    port = _free_port()
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{"s3cr3t" * 8}"\n'
        'client_id = "conciliazione-workbench"\n'
        'client_secret = "test-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    env = {"WORKBENCH_DATABASE_URL": database, "AUTHLIB_INSECURE_TRANSPORT": "1", "WORKBENCH_USER": ""}
    with streamlit_server(env, f"--secrets.files={secrets}", port=port) as url:
        yield url, engagement_id


def _sign_in(browser, url: str, sub: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    page.goto(url)
    page.get_by_role("button", name="Accedi").click()
    page.get_by_role("button", name=sub, exact=True).click()  # the provider's predefined user
    page.get_by_role("heading", name="Incarichi").wait_for()
    return context, page


def test_sign_in_shows_each_consultant_only_their_engagements(signed_server: tuple[str, int], tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    url, engagement_id = signed_server
    artifacts = ROOT / "test-artifacts" / "e2e"
    artifacts.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        page = browser.new_page()
        page.goto(url)
        expect(page.get_by_role("button", name="Accedi")).to_be_visible(timeout=TIMEOUT)
        expect(page.get_by_text("Navigli Digital")).to_have_count(0)
        page.close()

        anna, page = _sign_in(browser, url, "anna")
        expect(page.get_by_text("Navigli Digital S.r.l.").first).to_be_visible(timeout=TIMEOUT)
        expect(page.get_by_test_id("stSidebarUserContent").get_by_text(re.compile("anna@studio.it"))).to_be_visible()
        page.screenshot(path=str(artifacts / "10_login_anna.png"))
        anna.close()

        bruno, page = _sign_in(browser, url, "bruno")
        expect(page.get_by_text("Ancora nessun incarico")).to_be_visible(timeout=TIMEOUT)
        page.goto(f"{url}/esporta?e={engagement_id}")
        expect(page.get_by_text(f"Non hai accesso all'incarico {engagement_id}.")).to_be_visible(timeout=TIMEOUT)
        expect(page.get_by_text("Navigli Digital")).to_have_count(0)
        page.screenshot(path=str(artifacts / "11_login_bruno_negato.png"))
        bruno.close()
        browser.close()
