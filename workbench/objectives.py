"""Evaluation by objectives: the plan's commitments as one sheet per manager or office, in Word and Excel.

Weights are percentages of each person's plan objectives and always add up to exactly
100 (largest-remainder rounding to one decimal), so the sheet can go straight into a
performance system.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from workbench.export.templates import render_document, template_for
from workbench.formatting import fmt_date, fmt_number
from workbench.i18n import t
from workbench.models.document import ObjectivesDocument
from workbench.models.plan import ManagerObjective, Plan
from workbench.models.text import Lang
from workbench.plain_text import safe_cell, xml_safe


class ObjectiveLine(BaseModel):
    model_config = ConfigDict(frozen=True)

    objective: str
    indicator: str
    weight: float
    target: str
    evidence: str
    review: str


class ManagerSheet(BaseModel):
    model_config = ConfigDict(frozen=True)

    manager: str
    lines: list[ObjectiveLine]


def split_hundred(count: int, digits: int = 1) -> list[float]:
    """``count`` equal weights rounded to ``digits`` that add up to exactly 100."""
    if count <= 0:
        return []
    unit = 10**digits
    base = math.floor(100 * unit / count)
    extra = 100 * unit - base * count
    return [(base + (1 if i < extra else 0)) / unit for i in range(count)]


def manager_sheets(plan: Plan, lang: Lang = "it") -> list[ManagerSheet]:
    indicators = {i.id: i.name for i in plan.indicators}
    by_manager: dict[str, list[ManagerObjective]] = {}
    for objective in plan.manager_objectives:
        by_manager.setdefault(objective.manager or t("plan_indicator_owner", lang), []).append(objective)
    sheets = []
    for manager, objectives in by_manager.items():
        weights = split_hundred(len(objectives)) if not _weights_ok(objectives) else [o.weight for o in objectives]
        sheets.append(
            ManagerSheet(
                manager=manager,
                lines=[
                    ObjectiveLine(
                        objective=o.objective,
                        indicator=indicators.get(o.indicator, "—"),
                        weight=w,
                        target=o.target,
                        evidence=o.evidence,
                        review=fmt_date(o.review_date, lang),
                    )
                    for o, w in zip(objectives, weights, strict=True)
                ],
            )
        )
    return sheets


def _weights_ok(objectives: Sequence[ManagerObjective]) -> bool:
    return abs(sum(o.weight for o in objectives) - 100) < 1e-9


HEADER_KEYS = (
    "obj_col_objective",
    "obj_col_indicator",
    "obj_col_weight",
    "obj_col_target",
    "obj_col_evidence",
    "obj_col_review",
)
"""The Excel sheet's columns (the Word sheet's are its template's)."""


def headers(lang: Lang) -> list[str]:
    return [t(key, lang) for key in HEADER_KEYS]


def _sheet_title(name: str, taken: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", " ", xml_safe(name)).strip()[:28] or "Responsabile"
    title, n = base, 2
    while title.lower() in taken:
        title, n = f"{base[:25]} ({n})", n + 1
    taken.add(title.lower())
    return title


def objectives_xlsx(plan: Plan, lang: Lang = "it") -> bytes:
    """One worksheet per manager; every text cell is formula-safe."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    first = workbook.active
    assert first is not None
    workbook.remove(first)
    taken: set[str] = set()
    for sheet in manager_sheets(plan, lang):
        worksheet = workbook.create_sheet(_sheet_title(sheet.manager, taken))
        worksheet.append([safe_cell(sheet.manager)])
        worksheet["A1"].font = Font(bold=True, size=13)
        worksheet.append([safe_cell(plan.engagement.organisation.name)])
        worksheet.append([])
        worksheet.append(headers(lang))
        for cell in worksheet[4]:
            cell.font = Font(bold=True)
        for line in sheet.lines:
            worksheet.append(
                [
                    safe_cell(line.objective),
                    safe_cell(line.indicator),
                    line.weight,
                    safe_cell(line.target),
                    safe_cell(line.evidence),
                    safe_cell(line.review),
                ]
            )
        worksheet.append([t("obj_total", lang), "", f"=SUM(C5:C{4 + len(sheet.lines)})"])
        for column, width in zip("ABCDEF", (60, 34, 10, 24, 34, 12), strict=True):
            worksheet.column_dimensions[column].width = width
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def objectives_document(plan: Plan, lang: Lang = "it") -> ObjectivesDocument:
    """The sheet's data: one block per manager, weights as printed (they add up to 100)."""
    return ObjectivesDocument.model_validate(
        {
            "org": {"name": plan.engagement.organisation.name},
            "sheets": [
                {
                    "manager": sheet.manager,
                    "lines": [line.model_dump() | {"weight": fmt_number(line.weight, lang)} for line in sheet.lines],
                }
                for sheet in manager_sheets(plan, lang)
            ],
        }
    )


def objectives_docx(plan: Plan, lang: Lang = "it", *, template: Path | None = None) -> bytes:
    """One section per manager: the plan's objectives, indicator, weight, target, evidence and review date,
    with a line for the manager's signature, in the objectives template (the consultant's, else the shipped)."""
    document = objectives_document(plan, lang)
    return render_document("objectives", document, template=template or template_for("objectives", lang))
