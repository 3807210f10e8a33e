"""Word rendering benchmark: a plan with 12 actions, 20 indicators and 3 charts.

Run: .venv/bin/python -m benchmarks.bench_render [--repeat N]

Prints the median time of each step and the ratio of the full export (context,
the three charts, template check, docxtpl, refitted tables and contents) to a bare
docxtpl render of the same template with the same, precomputed context. Charts whose
data did not change are reused (the "charts reused" line); "charts drawn" is their cost
the first time.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from collections.abc import Callable

import jinja2
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage

from tests.plan_fixtures import content, drafted
from workbench.assessment import Assessment
from workbench.charts import _png
from workbench.export.plan_docx import plan_document, render_charts, render_plan_docx, template_path
from workbench.models.plan import Plan, PlanIndicator


def bench_plan() -> tuple[Plan, Assessment]:
    """The manufacturer's plan padded to exactly 12 actions and 20 indicators."""
    plan, assessment = drafted("manifattura_turni.yaml", count=12)
    _, catalogue = content()
    indicators = list(plan.indicators)
    for indicator in catalogue.indicators.values():
        if len(indicators) >= 20:
            break
        if indicator.id not in {i.id for i in indicators}:
            indicators.append(
                PlanIndicator(id=indicator.id, indicator_id=indicator.id, name=indicator.name.it, unit=indicator.unit)
            )
    actions = list(plan.actions)
    while len(actions) < 12:  # the drafting spreads measures over target groups: copy some to reach 12
        copy = actions[len(actions) % len(plan.actions)]
        actions.append(copy.model_copy(update={"id": f"{copy.id}_bis{len(actions)}", "name": copy.name + " (bis)"}))
    plan = plan.model_copy(update={"indicators": indicators[:20], "actions": actions[:12]})
    assert len(plan.actions) == 12 and len(plan.indicators) == 20
    return plan, assessment


def median_seconds(step: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    plan, assessment = bench_plan()
    _, catalogue = content()
    questionnaire = assessment.questionnaire
    template = template_path("it")
    source = template.read_bytes()
    charts = render_charts(plan, "it")
    context = plan_document(plan, questionnaire=questionnaire, catalogue=catalogue, charts=charts).model_dump()

    def bare() -> bytes:
        doc = DocxTemplate(io.BytesIO(source))
        ctx = dict(context)
        for key, png in (
            ("needs_chart", charts.needs),
            ("feasibility_chart", charts.feasibility),
            ("gantt_chart", charts.gantt),
        ):
            ctx[key] = InlineImage(doc, io.BytesIO(png), width=Mm(165))
        doc.render(ctx, jinja2.Environment(autoescape=True), autoescape=True)
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()

    def full() -> bytes:
        return render_plan_docx(plan, questionnaire=questionnaire, catalogue=catalogue, template=template)

    def charts_cold() -> object:
        _png.cache_clear()  # as in a new process, or after the data changed
        return render_charts(plan, "it")

    steps = {
        "charts drawn (3 PNG)": charts_cold,
        "charts reused (unchanged)": lambda: render_charts(plan, "it"),
        "context (formatting)": lambda: plan_document(
            plan, questionnaire=questionnaire, catalogue=catalogue, charts=charts
        ),
        "bare docxtpl render": bare,
        "full export": full,
    }
    full()  # warm-up: imports, font loading
    results = {name: median_seconds(step, args.repeat) for name, step in steps.items()}
    print(
        f"plan: {len(plan.actions)} actions, {len(plan.indicators)} indicators, 3 charts; median of {args.repeat} runs"
    )
    for name, seconds in results.items():
        print(f"  {name:<28} {seconds * 1000:8.1f} ms")
    ratio = results["full export"] / results["bare docxtpl render"]
    print(f"  ratio full / bare docxtpl     {ratio:8.2f}x   (goal <= 2x; charts reused when unchanged)")


if __name__ == "__main__":
    main()
