"""Store benchmark: save and load an engagement with 3 plan versions and 500 indicator readings.

Run: .venv/bin/python -m benchmarks.bench_store [--url DATABASE_URL] [--repeat N]
(default: a temporary SQLite file). Prints median times and the ratio of a full
load to a single answers save.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tests.plan_fixtures import case, drafted
from workbench.models.engagement import Reading
from workbench.store.engagements import (
    add_readings,
    create_engagement,
    get_engagement,
    list_readings,
    load_plan,
    save_answers,
    save_plan,
)
from workbench.store.engine import open_store, session_scope


def median_ms(step: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", default=None)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    url = args.url or f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
    engine = open_store(url)
    plan, _ = drafted("manifattura_turni.yaml")
    with session_scope(engine) as session:
        engagement_id = create_engagement(session, answers_file=case("manifattura_turni.yaml"), owner="bench")
    version = 1
    for number in range(3):
        plan.notes = f"versione {number + 1}"
        with session_scope(engine) as session:
            save_plan(session, engagement_id=engagement_id, plan=plan, expected_version=version, actor="bench")
        version += 1
    readings = [
        Reading(indicator=f"indicatore_{i % 20}", date=dt.date(2027, 1, 1) + dt.timedelta(days=i), value=float(i))
        for i in range(500)
    ]
    with session_scope(engine) as session:
        add_readings(session, engagement_id=engagement_id, readings=readings, actor="bench")

    state = {"version": version}

    def save_one_answer() -> None:
        with session_scope(engine) as session:
            state["version"] = save_answers(
                session,
                engagement_id=engagement_id,
                changes={"donne": state["version"]},
                expected_version=state["version"],
                actor="bench",
            )

    def save_plan_version() -> None:
        with session_scope(engine) as session:
            save_plan(session, engagement_id=engagement_id, plan=plan, expected_version=state["version"], actor="bench")
        state["version"] += 1

    def load_everything() -> None:
        with session_scope(engine) as session:
            get_engagement(session, engagement_id)
            load_plan(session, engagement_id=engagement_id)
            list_readings(session, engagement_id=engagement_id)

    results = {
        "save one answer": median_ms(save_one_answer, args.repeat),
        "save a plan version": median_ms(save_plan_version, args.repeat),
        "load engagement+plan+500 readings": median_ms(load_everything, args.repeat),
    }
    print(
        f"{engine.url.get_backend_name()}: engagement with 3+ plan versions and 500 readings, median of {args.repeat}"
    )
    for name, ms in results.items():
        print(f"  {name:<36} {ms:8.1f} ms")
    ratio = results["load engagement+plan+500 readings"] / results["save one answer"]
    print(f"  ratio load / answer save            {ratio:8.2f}x")
    engine.dispose()


if __name__ == "__main__":
    main()
