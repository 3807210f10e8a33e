"""Ask-next benchmark: the time to find the questions that would change the profile or the top 10 the most.

Run: .venv/bin/python -m benchmarks.bench_ask_next [--repeat N]

For each example case at four stages of the intake (only the comune; the core path; the first half of the
answers; complete) it prints the visible unanswered questions, the candidates left after pruning, the median
cold time (cache cleared: what the first Streamlit rerun after a new answer pays) and the cached time (every
later rerun with the same answers), with the cost of one re-score and one re-rank for scale.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable

from tests.plan_fixtures import case, content
from workbench import ask_next as an
from workbench.assessment import Assessment, assess
from workbench.models.answers import AnswersFile
from workbench.questionnaire import question_states
from workbench.recommend import recommend
from workbench.scoring import score_answers

CASES = ("servizi_ufficio.yaml", "manifattura_turni.yaml", "comune.yaml")


def median_ms(
    step: Callable[[], object], repeat: int, before: Callable[[], None] | None = None, clock: str = "wall"
) -> float:
    """Median wall time, or CPU time of this process (``clock="cpu"``: the same on a machine busy elsewhere)."""
    tick = time.process_time if clock == "cpu" else time.perf_counter
    times = []
    for _ in range(repeat):
        if before is not None:
            before()
        start = tick()
        step()
        times.append(tick() - start)
    return 1000 * statistics.median(times)


def stages(full: AnswersFile, core: set[str]) -> dict[str, AnswersFile]:
    answers = full.answers
    keep = {
        "comune only": {k: v for k, v in answers.items() if k == "comune"},
        "core path": {k: v for k, v in answers.items() if k in core},
        "first half": dict(list(answers.items())[: len(answers) // 2]),
        "complete": dict(answers),
    }
    return {name: full.model_copy(update={"answers": values}) for name, values in keep.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    registry, catalogue = content()
    print(f"ask-next, median of {args.repeat} runs; {os.cpu_count()} CPU(s); top {an.ASK_TOP}, {an.RERANKED} re-ranked")
    print(
        f"  {'case':<24} {'stage':<12} {'shown':>5} {'cand.':>5} {'items':>5} {'cold ms':>8} {'cold cpu':>8} "
        f"{'cached ms':>9}"
    )
    colds: list[float] = []
    cpus: list[float] = []
    for name in CASES:
        full = case(name)
        questionnaire = registry.get(full.questionnaire)
        core = {q.id for q in questionnaire.definition.questions if q.core}
        for stage, answers in stages(full, core).items():
            result: Assessment = assess(answers, registry)
            values = result.validated.values

            def run(result: Assessment = result) -> list[an.AskNextItem]:
                return an.ask_next(
                    questionnaire=result.questionnaire,
                    values=result.validated.values,
                    organisation=result.answers.organisation,
                    catalogue=catalogue,
                    limit=100,
                )

            states = question_states(questionnaire.definition, values)
            reach = an._reach(questionnaire, catalogue)
            shown = [q for q in questionnaire.definition.questions if states[q.id] == "shown" and q.id not in values]
            candidates = [q for q in shown if reach.dims.get(q.id) or q.id in reach.catalogue_reads]
            cold = median_ms(run, args.repeat, before=an.clear_cache)
            cpu = median_ms(run, args.repeat, before=an.clear_cache, clock="cpu")
            cached = median_ms(run, args.repeat)
            colds.append(cold)
            cpus.append(cpu)
            print(
                f"  {name:<24} {stage:<12} {len(shown):>5} {len(candidates):>5} {len(run()):>5} "
                f"{cold:>8.1f} {cpu:>8.1f} {cached:>9.3f}"
            )
    result = assess(case(CASES[0]), registry)
    one_score = median_ms(lambda: score_answers(result.questionnaire, result.validated.values), 20)
    one_rank = median_ms(
        lambda: recommend(
            questionnaire=result.questionnaire,
            profile=result.profile,
            values=result.validated.values,
            organisation=result.answers.organisation,
            catalogue=catalogue,
        ),
        20,
    )
    print(
        f"  cold runs: slowest {max(colds):.1f} ms ({max(cpus):.1f} ms CPU), "
        f"median {statistics.median(colds):.1f} ms ({statistics.median(cpus):.1f} ms CPU)"
    )
    print(f"  for scale: one full re-score {one_score:.2f} ms, one re-rank (recommend) {one_rank:.2f} ms")


if __name__ == "__main__":
    main()
