"""In headless Chromium: the app's charts are drawn at their full size, with every row label shown.

Streamlit draws Altair charts with vega-embed as SVG. Vega hides an axis label that would
overlap its neighbour by setting its opacity to 0 (Streamlit's theme turns labelOverlap on),
so a squeezed chart still has every label in the DOM: the check is on what is visible.
"""

from __future__ import annotations

import itertools
import re
import time
from pathlib import Path
from typing import Any

from tests.conftest import EXAMPLES
from tests.e2e.conftest import CHROMIUM_FLAGS, TIMEOUT, accept_and_draft, chromium_path
from tests.e2e.conftest import wait_idle as _wait_idle
from tests.e2e.test_browser_session import _nav

MIN_PX_PER_ROW = 20

# Every visible chart on the page: its size and its y axis (the rows), read from Vega's SVG.
CHARTS_JS = """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
  .filter(el => el.offsetParent !== null)
  .map(el => {
    const box = el.getBoundingClientRect();
    const axis = [...el.querySelectorAll('g.role-axis')]
      .find(g => (g.getAttribute('aria-label') || '').startsWith('Y-axis'));
    const aria = axis ? axis.getAttribute('aria-label') : '';
    const count = /with (\\d+) values/.exec(aria);
    const labels = axis ? [...axis.querySelectorAll('.role-axis-label text')].map(t => {
      const r = t.getBoundingClientRect();
      const opacity = parseFloat(t.getAttribute('opacity') ?? getComputedStyle(t).opacity);
      return {text: t.textContent, visible: opacity > 0 && r.height > 0, top: r.top, bottom: r.bottom};
    }) : [];
    return {svg: !!el.querySelector('svg.marks'), width: box.width, height: box.height,
            rows: count ? parseInt(count[1], 10) : null, labels: labels};
  })"""

# The labels of the visible expanders, "Label — 94/100 ...": one per bar of the page's score chart.
EXPANDER_LABELS_JS = """() => [...document.querySelectorAll('[data-testid="stExpander"] summary')]
  .filter(el => el.offsetParent !== null)
  .map(el => (el.querySelector('[data-testid="stMarkdownContainer"]') || el).innerText.trim())"""


def _charts(page: Any, expected: int) -> list[dict[str, Any]]:
    """The visible charts once ``expected`` of them have their y axis drawn and sized (Vega resizes after mount)."""
    deadline = time.monotonic() + TIMEOUT / 1000
    previous: list[dict[str, Any]] | None = None
    while True:
        charts: list[dict[str, Any]] = page.evaluate(CHARTS_JS)
        drawn = len(charts) == expected and all(c["rows"] for c in charts)
        if drawn and charts == previous:
            return charts
        if time.monotonic() > deadline:
            raise AssertionError(f"charts not drawn: expected {expected}, got {charts}")
        previous = charts if drawn else None
        page.wait_for_timeout(400)


def _expander_labels(page: Any) -> list[str]:
    return [title.rsplit(" — ", 1)[0] for title in page.evaluate(EXPANDER_LABELS_JS) if " — " in title]


def _assert_every_row_label_shows(chart: dict[str, Any], expected: list[str] | int, where: str) -> None:
    rows = expected if isinstance(expected, int) else len(expected)
    labels = chart["labels"]
    assert chart["svg"], f"{where}: the chart is not drawn as SVG"
    assert chart["rows"] == rows, f"{where}: {chart['rows']} rows on the y axis, expected {rows}"
    hidden = [label["text"] for label in labels if not label["visible"]]
    assert len(labels) == rows and not hidden, f"{where}: hidden y labels {hidden} of {[x['text'] for x in labels]}"
    if not isinstance(expected, int):
        shown = [label["text"] for label in labels]
        for name in expected:  # the app may shorten a long label with "…"
            assert any(s == name or (s.endswith("…") and name.startswith(s[:-1])) for s in shown), (
                f"{where}: {name!r} is not among the y labels {shown}"
            )
    ordered = sorted(labels, key=lambda label: label["top"])
    for upper, lower in itertools.pairwise(ordered):
        assert upper["bottom"] <= lower["top"] + 0.5, f"{where}: {upper['text']!r} overlaps {lower['text']!r}"
        pitch = (lower["top"] + lower["bottom"] - upper["top"] - upper["bottom"]) / 2
        assert pitch >= MIN_PX_PER_ROW, f"{where}: {pitch:.1f} px between row labels, expected >= {MIN_PX_PER_ROW}"
    assert chart["height"] >= rows * MIN_PX_PER_ROW, f"{where}: chart crushed to {chart['height']} px for {rows} rows"


def _create_from_file(page: Any, server: str, name: str) -> None:
    from playwright.sync_api import expect

    page.goto(server)
    expect(page.get_by_role("heading", name="Incarichi")).to_be_visible()
    _wait_idle(page)
    page.get_by_text("Nuovo incarico", exact=True).click()
    page.locator('input[type="file"]').set_input_files(str(EXAMPLES / name))
    page.get_by_role("button", name="Crea dal file").click()
    expect(page.get_by_role("heading", name=re.compile("Questionario ·"))).to_be_visible()
    _wait_idle(page)


def test_the_charts_show_every_row_label_at_full_size(server: str, artifacts: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="it-IT")
        page = context.new_page()
        page.set_default_timeout(TIMEOUT)

        # 1. A company: the needs profile, 13 needs, and its feasibility tab
        _create_from_file(page, server, "servizi_ufficio.yaml")
        _nav(page, "Profilo dei bisogni")
        expect(page.get_by_role("heading", name=re.compile("Profilo dei bisogni"))).to_be_visible()
        _wait_idle(page)
        needs = _expander_labels(page)
        assert len(needs) == 13, needs
        (chart,) = _charts(page, 1)
        _assert_every_row_label_shows(chart, needs, "profilo/bisogni")
        page.screenshot(path=str(artifacts / "profilo.png"), full_page=True)
        page.get_by_role("tab", name="Fattibilità").click()
        _wait_idle(page)
        feasibility = _expander_labels(page)
        assert feasibility and not set(feasibility) & set(needs), feasibility
        (chart,) = _charts(page, 1)
        _assert_every_row_label_shows(chart, feasibility, "profilo/fattibilità")
        page.screenshot(path=str(artifacts / "profilo_fattibilita.png"), full_page=True)

        # 2. Its plan: accept four measures, draft, the timeline has one row per action
        _nav(page, "Misure")
        expect(page.get_by_role("heading", name=re.compile("Misure ·"))).to_be_visible()
        _wait_idle(page)
        accept_and_draft(page)
        actions = page.get_by_test_id("stMetric").filter(has_text="Azioni").get_by_test_id("stMetricValue")
        expect(actions).to_have_text("4")
        (chart,) = _charts(page, 1)
        _assert_every_row_label_shows(chart, 4, "piano/cronoprogramma")
        page.screenshot(path=str(artifacts / "piano.png"), full_page=True)

        # 3. A municipality: the lavoro agile maturity page, one row per enabling condition
        _create_from_file(page, server, "comune.yaml")
        _nav(page, "Maturità lavoro agile (PA)")
        expect(page.get_by_role("heading", name=re.compile("Maturità lavoro agile"))).to_be_visible()
        _wait_idle(page)
        conditions = _expander_labels(page)
        assert len(conditions) >= 3, conditions
        (chart,) = _charts(page, 1)
        _assert_every_row_label_shows(chart, conditions, "maturità")
        page.screenshot(path=str(artifacts / "maturita.png"), full_page=True)
        browser.close()
