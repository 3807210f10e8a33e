"""CLI start-up benchmark: the CPU time of `workbench --help`, `workbench plan` and `workbench validate`.

Run: .venv/bin/python -m benchmarks.bench_cli [--repeat N]

Each command runs N times (default 5) in a fresh process (a cold start: nothing imported, no cache filled); the
figure is the median CPU time (user + sys) of the child, read from ``getrusage(RUSAGE_CHILDREN)``, so a machine busy
with something else changes it little. One untimed run per command first writes the bytecode caches. A bare
``python -c pass`` is printed for reference: no command can start faster.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = "examples/servizi_ufficio.yaml"


def workbench() -> list[str]:
    """The installed console script, as a consultant runs it (else the same entry point through python -c)."""
    script = Path(sys.executable).parent / "workbench"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from workbench.cli import main; sys.exit(main())"]


def child_cpu(command: list[str]) -> float:
    """User + sys CPU seconds of one run of ``command`` in a fresh process; exits if it fails."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def median_cpu(command: list[str], repeat: int) -> float:
    child_cpu(command)  # untimed: writes the .pyc files a first run after an edit would
    return statistics.median(child_cpu(command) for _ in range(repeat))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5, help="Runs per command (the median is printed).")
    args = parser.parse_args()
    exe = workbench()
    with tempfile.TemporaryDirectory() as tmp:
        output = os.path.join(tmp, "p.docx")
        cases: list[tuple[str, list[str], float | None]] = [
            ("python -c pass", [sys.executable, "-c", "pass"], None),
            ("workbench --help", [*exe, "--help"], 0.5),
            (f"workbench plan {EXAMPLE} -o p.docx", [*exe, "plan", EXAMPLE, "-o", output], 2.0),
            ("workbench validate", [*exe, "validate"], None),
        ]
        print(f"median CPU time (user+sys of the child) over {args.repeat} fresh processes")
        print(f"{'command':<54} {'CPU s':>7} {'goal s':>7} {'ratio':>7}")
        for label, command, goal in cases:
            cpu = median_cpu(command, args.repeat)
            goal_text = f"{goal:.2f}" if goal is not None else "—"
            ratio = f"{cpu / goal:.2f}" if goal is not None else "—"
            print(f"{label:<54} {cpu:>7.2f} {goal_text:>7} {ratio:>7}")


if __name__ == "__main__":
    main()
