"""Survey benchmark: ingest and score 100,000 answer rows from an Italian Excel CSV.

Run: .venv/bin/python -m benchmarks.bench_survey [--rows N]

Prints the time and peak memory of reading + validating + aggregating, and the
ratio to a bare ``pandas.read_csv`` of the same file.
"""

from __future__ import annotations

import argparse
import io
import random
import resource
import time

import pandas as pd

from workbench.registry import load_registry
from workbench.settings import get_settings
from workbench.survey.aggregate import aggregate_survey
from workbench.survey.importer import import_survey
from workbench.survey.reading import read_table


def synthetic_csv(rows: int) -> bytes:
    """Answers shaped like the example files: values, labels, decimal commas, some blanks."""
    survey = load_registry(get_settings().questionnaires_dir).get("dipendenti@1").definition
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    data = synthetic_csv(args.rows)
    registry = load_registry(get_settings().questionnaires_dir)
    survey = registry.get("dipendenti@1")

    start = time.perf_counter()
    pd.read_csv(io.BytesIO(data), sep=";", encoding="cp1252", dtype=str)
    bare = time.perf_counter() - start

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    table = read_table("bench.csv", data)
    read_done = time.perf_counter()
    imported = import_survey(table, survey.definition)
    import_done = time.perf_counter()
    result = aggregate_survey(survey, imported.respondents)
    end = time.perf_counter()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    total = end - start
    print(
        f"{args.rows} rows, {len(data) / 1e6:.1f} MB CSV; {result.respondents} valid, "
        f"{len(imported.rejected_rows)} rejected, {len(result.groups)} groups shown"
    )
    print(f"  read (decode, sniff, csv)    {read_done - start:7.2f} s")
    print(f"  validate rows                {import_done - read_done:7.2f} s")
    print(f"  aggregate (pandas)           {end - import_done:7.2f} s")
    print(
        f"  total                        {total:7.2f} s   peak RSS {rss_after:.0f} MB "
        f"(was {rss_before:.0f} MB with the CSV in memory)"
    )
    print(f"  bare pandas.read_csv         {bare:7.2f} s   ratio {total / bare:.0f}x")


if __name__ == "__main__":
    main()
