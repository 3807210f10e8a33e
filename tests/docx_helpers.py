"""Rendering a plan to text for tests that look at the wording of the Word document."""

from __future__ import annotations

import io

import docx

from tests.plan_fixtures import content
from workbench.export.docx import render_plan_docx, template_path
from workbench.models.plan import Plan
from workbench.questionnaire import LoadedQuestionnaire


def plan_text(plan: Plan, questionnaire: LoadedQuestionnaire) -> str:
    _, catalogue = content()
    data = render_plan_docx(plan, questionnaire=questionnaire, catalogue=catalogue, template=template_path("it"))
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join(parts)
