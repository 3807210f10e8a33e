"""What a consultant waits for in the browser: an answer saved and acknowledged, and a page switch.

Run: .venv/bin/python -m benchmarks.bench_browser [--answers N] [--switches N]

Starts the app (`streamlit run app.py`) on a fresh SQLite file, opens Debian's Chromium with Playwright and,
as a consultant would, types answers into the questionnaire one after the other and then moves between
pages from the sidebar. Each time is measured in the page, from the keystroke or the click to the moment
Streamlit reports the rerun it started as finished (the page shows the saved answer, or the new page is
drawn); each save is also checked in the database. Prints the median and the 95th percentile of both, with
the goals (answer ≤ 0.3 s, page switch ≤ 0.5 s, medians).
"""

from __future__ import annotations

import argparse
import statistics

from benchmarks.bench_pages import seeded_database
from tests.e2e.conftest import CHROMIUM_FLAGS, chromium_path, streamlit_server
from workbench.i18n import t
from workbench.store.engagements import get_engagement
from workbench.store.engine import open_store, session_scope

WATCH = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    window.__done = new Promise(resolve => {
        let ran = false;
        const observer = new MutationObserver(records => {
            // a fast rerun can start and end before this callback runs: the records' old values still show it
            if (records.some(r => r.oldValue === 'running')) ran = true;
            const state = app.getAttribute('data-test-script-state');
            if (state === 'running') ran = true;
            if (ran && state === 'notRunning') { observer.disconnect(); resolve(performance.now()); }
        });
        observer.observe(app, {attributes: true, attributeOldValue: true, attributeFilter: ['data-test-script-state']});
    });
    window.__start = performance.now();
}"""
"""Arms a watch on Streamlit's script state: resolves when a rerun that started after now has finished."""

PAGES = [t(f"ui_page_{page}") for page in ("profilo", "misure", "piano", "esporta", "questionario")]


def _quantiles(values: list[float]) -> tuple[float, float]:
    return statistics.median(values), statistics.quantiles(values, n=20)[18] if len(values) >= 2 else values[0]


def _timed(page, action) -> float:  # type: ignore[no-untyped-def]
    """Seconds from ``action()`` to the end of the rerun it started, measured by the page's own clock."""
    page.evaluate(WATCH)
    action()
    done = page.evaluate("() => window.__done")
    start = page.evaluate("() => window.__start")
    return float(done - start) / 1000


def _saved(url: str, engagement_id: int, value: int) -> bool:
    engine = open_store(url)
    try:
        with session_scope(engine) as session:
            return get_engagement(session, engagement_id).answers.get("donne") == value
    finally:
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--answers", type=int, default=20)
    parser.add_argument("--switches", type=int, default=15)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    database, engagement_id = seeded_database()  # the office firm with its answers and a plan
    saves: list[float] = []
    switches: list[float] = []
    unsaved = 0
    with (
        streamlit_server({"WORKBENCH_DATABASE_URL": database, "WORKBENCH_USER": "bench"}) as url,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(60_000)
        idle = page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]')
        page.goto(f"{url}/questionario?e={engagement_id}&s=2")
        field = page.get_by_role("textbox", name="Di cui donne")
        field.wait_for()
        idle.wait_for()
        for n in range(args.answers):
            value = 100 + n
            field.fill(str(value))
            saves.append(_timed(page, lambda: field.press("Enter")))
            unsaved += not _saved(database, engagement_id, value)
            page.wait_for_timeout(400)  # a person reads the next question before typing
        for n in range(args.switches):
            name = PAGES[n % len(PAGES)]
            link = page.get_by_test_id("stSidebarNavItems").get_by_role("link", name=name, exact=True)
            switches.append(_timed(page, link.click))
            page.wait_for_timeout(400)
        browser.close()
    save_median, save_p95 = _quantiles(saves)
    switch_median, switch_p95 = _quantiles(switches)
    print(f"scripted session: {len(saves)} answers typed, {len(switches)} page switches (office firm, SQLite)")
    print(f"  answer saved and acknowledged  median {save_median:.3f} s  p95 {save_p95:.3f} s  (goal median <= 0.3 s)")
    print(
        f"  page switch                    median {switch_median:.3f} s  p95 {switch_p95:.3f} s  (goal median <= 0.5 s)"
    )
    print(f"  ratio to goal                  answers {save_median / 0.3:.2f}x  switches {switch_median / 0.5:.2f}x")
    print(f"  answers not in the database    {unsaved}")


if __name__ == "__main__":
    main()
