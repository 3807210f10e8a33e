"""Survey benchmark: ingest and score 100,000 answer rows from an Italian Excel CSV.

Run: .venv/bin/python -m benchmarks.bench_survey [--rows N] [--repeat R]

Prints, as medians of R runs (wall and CPU time; CPU time is the steadier on a busy machine):
a bare ``pandas.read_csv`` of the file, then reading + validating + aggregating it as the app
does (read_table, import_survey, aggregate_survey), their ratio (goal: at most 2x), and the peak
memory of reading + validating + aggregating (goal: at most 300 MB). The peak is the resident set
of a fresh child process that does only that, from ``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss``
read by a small launcher process; a second child that imports the same modules and reads the file
but does not parse it gives the floor (interpreter, pandas, the questionnaires), shown next to it.
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from workbench.questionnaire import LoadedQuestionnaire
from workbench.registry import load_registry
from workbench.settings import get_settings
from workbench.survey.aggregate import SurveyResult, aggregate_survey
from workbench.survey.importer import SurveyImport, import_survey
from workbench.survey.reading import SurveyFileError, read_table

SURVEY = "dipendenti@1"
ROOT = Path(__file__).resolve().parent.parent


def synthetic_csv(rows: int) -> bytes:
    """Answers shaped like the example files: values, labels, decimal commas, some blanks."""
    survey = load_registry(get_settings().questionnaires_dir).get(SURVEY).definition
    rng = random.Random(7)
    out = io.StringIO()
    questions = survey.questions
    out.write(";".join(q.id for q in questions) + "\n")
    for _ in range(rows):
        cells = []
        for q in questions:
            if rng.random() < 0.1 and not q.required:
                cells.append("")
            elif q.options:
                options = [o.value for o in q.options]
                cells.append(
                    ";".join(rng.sample(options, 2)) if q.type.value == "multi_choice" else rng.choice(options)
                )
            elif q.type.value == "yes_no":
                cells.append(rng.choice(["sì", "no"]))
            elif q.type.value == "scale":
                cells.append(str(rng.randint(1, 5)))
            elif q.type.value == "number":
                cells.append(f"{rng.randint(0, 60)},{rng.randint(0, 9)}" if not q.integer else str(rng.randint(0, 60)))
            else:
                cells.append("")
        out.write(";".join(f'"{c}"' if ";" in c else c for c in cells) + "\n")
    return out.getvalue().encode("cp1252")


def bare_read(data: bytes) -> None:
    pd.read_csv(io.BytesIO(data), sep=";", encoding="cp1252", dtype=str)


def ingest(
    survey: LoadedQuestionnaire, data: bytes, stages: dict[str, list[float]] | None = None
) -> tuple[SurveyImport, SurveyResult]:
    """What the app and `workbench survey import` do with an uploaded file (the questionnaire is loaded)."""
    marks = [time.process_time()]
    table = read_table("bench.csv", data)
    marks.append(time.process_time())
    imported = import_survey(table, survey.definition)
    marks.append(time.process_time())
    result = aggregate_survey(survey, imported.respondents)
    marks.append(time.process_time())
    if stages is not None:
        for name, start, end in zip(("read", "validate", "aggregate"), marks, marks[1:], strict=False):
            stages.setdefault(name, []).append(end - start)
    return imported, result


def timed(action: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median wall and CPU seconds of ``repeat`` runs."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


LAUNCHER = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)
"""Started from a small interpreter: a child's ru_maxrss starts from its parent's size when it is spawned
(Linux counts the address space it replaces at exec), so this process, grown by the timing runs, must not
be the direct parent."""


def child_peak_mb(path: Path, mode: str) -> float:
    """Peak resident memory (MB) of a fresh interpreter running ``--child MODE PATH``."""
    command = [sys.executable, "-m", "benchmarks.bench_survey", "--child", mode, str(path)]
    done = subprocess.run(
        [sys.executable, "-c", LAUNCHER, *command], check=True, capture_output=True, text=True, cwd=ROOT
    )
    return int(done.stdout.split()[-1]) / 1024  # ru_maxrss is in kB on Linux


def child(mode: str, path: Path) -> None:
    data = path.read_bytes()
    survey = load_registry(get_settings().questionnaires_dir).get(SURVEY)
    if mode == "ingest":
        ingest(survey, data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--child", nargs=2, metavar=("MODE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return

    data = synthetic_csv(args.rows)
    survey = load_registry(get_settings().questionnaires_dir).get(SURVEY)
    try:
        imported, result = ingest(survey, data)  # once before timing: warm caches, and a clear stop if refused
    except SurveyFileError as exc:
        sys.exit(f"bench.csv: {exc} (WORKBENCH_MAX_UPLOAD_MB sets the cap)")
    stages: dict[str, list[float]] = {}
    bare_wall, bare_cpu = timed(lambda: bare_read(data), args.repeat)
    full_wall, full_cpu = timed(lambda: ingest(survey, data, stages), args.repeat)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.csv"
        path.write_bytes(data)
        floor = child_peak_mb(path, "floor")
        peak = child_peak_mb(path, "ingest")

    print(
        f"{args.rows} rows, {len(data) / 1024 / 1024:.1f} MB CSV; {result.respondents} valid, "
        f"{len(imported.rejected_rows)} rejected, {len(result.groups)} groups shown; medians of {args.repeat} runs"
    )
    print(f"  bare pandas.read_csv            {bare_wall:6.2f} s wall  {bare_cpu:6.2f} s CPU")
    print(f"  import + aggregate              {full_wall:6.2f} s wall  {full_cpu:6.2f} s CPU")
    for name, values in stages.items():
        print(f"    {name:<28}                {statistics.median(values):6.2f} s CPU")
    print(f"  ratio (goal <= 2x)              {full_wall / bare_wall:6.2f} x wall  {full_cpu / bare_cpu:6.2f} x CPU")
    print(
        f"  peak memory (goal <= 300 MB)    {peak:6.0f} MB   child process ru_maxrss "
        f"(RUSAGE_CHILDREN); the same child without parsing: {floor:.0f} MB"
    )


if __name__ == "__main__":
    main()
