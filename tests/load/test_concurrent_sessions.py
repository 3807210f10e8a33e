"""20 browser sessions at once, each editing its own engagement, on one SQLite file and one PostgreSQL server.

A real Streamlit server per backend and 20 contexts of Debian's Chromium (Playwright, async): every
change goes through the questionnaire's autosave. The twenty pages load first (as twenty consultants with the
questionnaire open), then all type at once. Every input must be stored within SAVE_TIMEOUT_S, each engagement
ends with exactly its own last answer and the audit trail counts every save: nothing lost, nothing crossed,
nothing unacknowledged. The latencies are reported in test-artifacts/load, never asserted.
"""

from __future__ import annotations

import asyncio
import re
import statistics
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, select

from tests.conftest import EXAMPLES, ROOT
from tests.e2e.conftest import CHROMIUM_FLAGS, chromium_path, streamlit_server
from workbench.answers_file import load_answers_file
from workbench.store.engagements import audit_trail, create_engagement, get_engagement
from workbench.store.engine import make_engine, open_store, session_scope
from workbench.store.schema import Answer

SESSIONS = 20
SAVES = 3
SAVE_TIMEOUT_S = 30.0  # an input the server has not stored after this long is unacknowledged: the test fails
REPORT = ROOT / "test-artifacts" / "load"


@pytest.fixture
def server(database_url: str) -> Iterator[str]:
    pytest.importorskip("playwright", reason="pip install playwright (the browser is Debian's chromium)")
    chromium_path()
    REPORT.mkdir(parents=True, exist_ok=True)
    log = REPORT / f"server-{database_url.split(':', 1)[0].split('+')[0]}.log"
    with streamlit_server({"WORKBENCH_DATABASE_URL": database_url, "WORKBENCH_USER": "anna"}, log=log) as url:
        yield url


def wait_saved(engine: Engine, engagement_id: int, value: int) -> bool:
    """Poll the stored answer until it is ``value``: the save latency as a user would feel it.

    One indexed row read per poll, on an engine shared by the sessions: 20 sessions polling through the full
    engagement loader took a core of this 2-core machine away from the app they were measuring.
    """
    query = select(Answer.value).where(Answer.engagement_id == engagement_id, Answer.question == "donne")
    deadline = time.monotonic() + SAVE_TIMEOUT_S
    while time.monotonic() < deadline:
        with engine.connect() as connection:
            if connection.execute(query).scalar() == value:
                return True
        time.sleep(0.05)
    return False


async def one_session(  # type: ignore[no-untyped-def]
    browser,
    url: str,
    engine: Engine,
    engagement_id: int,
    latencies: list[float],
    unacknowledged: list[int],
    ready: asyncio.Barrier,
) -> None:
    from playwright.async_api import expect

    context = await browser.new_context(viewport={"width": 1200, "height": 900})
    try:
        page = await context.new_page()
        page.set_default_timeout(60_000)
        idle = page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]')
        await page.goto(f"{url}/questionario?e={engagement_id}")
        await page.get_by_role("heading", name=re.compile("Questionario ·")).wait_for()
        await idle.wait_for()
        await page.get_by_role("button", name="Sezione successiva →").click()
        field = page.get_by_role("textbox", name=re.compile("Di cui donne"))
        await field.wait_for()
        await idle.wait_for()
        await ready.wait()  # twenty consultants with the questionnaire open, then all typing at once
        for n in range(SAVES):
            value = engagement_id * 10 + n
            start = time.perf_counter()
            await field.fill(str(value))
            await field.press("Enter")
            if not await asyncio.to_thread(wait_saved, engine, engagement_id, value):
                unacknowledged.append(value)
                return
            latencies.append(time.perf_counter() - start)
            await idle.wait_for()  # the page redrew after the save: the field shows what was typed, as stored
            await expect(field).to_have_value(str(value))
    finally:
        await context.close()


async def drive(url: str, engine: Engine, ids: list[int], latencies: list[float], unacknowledged: list[int]) -> float:
    """Run the sessions; returns the seconds the twenty page loads took before the typing started."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        started = time.perf_counter()
        ready = asyncio.Barrier(len(ids) + 1)
        sessions = [
            asyncio.create_task(one_session(browser, url, engine, i, latencies, unacknowledged, ready)) for i in ids
        ]
        waiting = asyncio.create_task(ready.wait())
        await asyncio.wait([waiting, *sessions], return_when=asyncio.FIRST_COMPLETED)
        loaded = time.perf_counter() - started
        await asyncio.gather(*sessions)  # a session that failed to load raises here
        await browser.close()
        return loaded


def test_twenty_concurrent_sessions_lose_and_cross_no_save(database_url: str, server: str) -> None:
    engine = open_store(database_url)
    answers = load_answers_file(EXAMPLES / "servizi_ufficio.yaml")
    answers = answers.model_copy(update={"answers": {**answers.answers, "dipendenti_totali": 100_000}})
    with session_scope(engine) as session:
        ids = [create_engagement(session, answers_file=answers, owner="anna") for _ in range(SESSIONS)]
    poller = make_engine(database_url)  # already migrated; Alembic is not for concurrent threads
    latencies: list[float] = []
    unacknowledged: list[int] = []
    started = time.perf_counter()
    try:
        load_s = asyncio.run(drive(server, poller, ids, latencies, unacknowledged))
    finally:
        poller.dispose()
    elapsed = time.perf_counter() - started
    lost = 0
    with session_scope(engine) as session:
        for engagement_id in ids:
            saves = [a for a in audit_trail(session, engagement_id=engagement_id) if a.action == "answers"]
            # its own last value, no other session's: nothing crossed, nothing overwritten by an older save
            assert get_engagement(session, engagement_id).answers["donne"] == engagement_id * 10 + SAVES - 1
            lost += SAVES - len(saves)
    engine.dispose()
    backend = database_url.split(":", 1)[0].split("+")[0]
    p95 = statistics.quantiles(latencies, n=20)[18] if len(latencies) > 1 else float("nan")
    REPORT.mkdir(parents=True, exist_ok=True)
    (REPORT / f"{backend}.txt").write_text(
        f"{SESSIONS} sessions x {SAVES} saves: {len(latencies)} acknowledged, {len(unacknowledged)} not, lost "
        f"{lost}; {SESSIONS} page loads {load_s:.1f} s, whole run {elapsed:.1f} s; save (browser round trip) "
        f"median {1000 * statistics.median(latencies):.0f} ms, p95 {1000 * p95:.0f} ms\n",
        encoding="utf-8",
    )
    assert unacknowledged == [], f"inputs the server never stored: {unacknowledged}"
    assert len(latencies) == SESSIONS * SAVES
    assert lost == 0
