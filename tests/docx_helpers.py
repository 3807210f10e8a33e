"""Rendering a plan to text for tests that look at the wording of the Word document."""

from __future__ import annotations

import io
from typing import Any

import docx

from tests.plan_fixtures import content
from workbench.catalogue import Catalogue
from workbench.export.plan_docx import Charts, plan_document, render_plan_docx, template_path
from workbench.models.plan import Plan
from workbench.questionnaire import LoadedQuestionnaire


def plan_text(plan: Plan, questionnaire: LoadedQuestionnaire) -> str:
    _, catalogue = content()
    data = render_plan_docx(plan, questionnaire=questionnaire, catalogue=catalogue, template=template_path("it"))
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join(parts)


NO_CHARTS = Charts(needs=b"", feasibility=b"", gantt=b"")
"""For tests that read the plan's document data and never render it: no chart is drawn."""


def plan_data(plan: Plan, *, questionnaire: LoadedQuestionnaire, catalogue: Catalogue) -> dict[str, Any]:
    """The plan's document data (what its template receives) as plain dicts and lists."""
    return plan_document(plan, questionnaire=questionnaire, catalogue=catalogue, charts=NO_CHARTS).model_dump()
