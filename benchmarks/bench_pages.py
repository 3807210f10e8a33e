"""Script run time of each app page with a loaded engagement, against the empty app.

Run: .venv/bin/python -m benchmarks.bench_pages [--repeat N]

Uses AppTest (the script runs in-process, as on the server, without the browser):
the figure is what each rerun costs the server when a consultant clicks, as CPU time
(process_time), so a busy machine does not inflate it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.plan_fixtures import case, drafted
from workbench.store.engagements import create_engagement, save_plan
from workbench.store.engine import open_store, session_scope

PAGES = ("incarichi", "questionario", "profilo", "misure", "piano", "esporta")
ROOT = Path(__file__).resolve().parent.parent


def seeded_database() -> tuple[str, int]:
    url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'pages.db'}"
    engine = open_store(url)
    plan, _ = drafted("servizi_ufficio.yaml")
    with session_scope(engine) as session:
        engagement_id = create_engagement(session, answers_file=case("servizi_ufficio.yaml"), owner="bench")
        save_plan(session, engagement_id=engagement_id, plan=plan, expected_version=1, actor="bench")
    engine.dispose()
    return url, engagement_id


def page_ms(page: str, engagement_id: int | None, repeat: int) -> float:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    if engagement_id is not None:
        at.query_params["e"] = str(engagement_id)
    at.run()
    at.switch_page(f"workbench/ui/pages/{page}.py").run()  # first run: caches warm
    times = []
    for _ in range(repeat):
        start = time.process_time()  # CPU time of this process: the script's, undisturbed by a busy machine
        at.run()
        times.append(time.process_time() - start)
        assert not at.exception, at.exception
    return 1000 * statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    url, engagement_id = seeded_database()
    os.environ["WORKBENCH_DATABASE_URL"] = url
    print(
        f"median CPU time of {args.repeat} reruns per page (ms); loaded = office firm, 85 answers, 1 plan; "
        "goal: loaded <= 50 ms and <= 2x empty"
    )
    print(f"  {'page':<14} {'empty':>8} {'loaded':>8} {'ratio':>7}")
    for page in PAGES:
        empty = page_ms(page, None, args.repeat)
        loaded = page_ms(page, engagement_id, args.repeat)
        print(f"  {page:<14} {empty:8.1f} {loaded:8.1f} {loaded / empty:6.1f}x")


if __name__ == "__main__":
    main()
