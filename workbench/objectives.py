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

from openpyxl import Workbook
from openpyxl.styles import Font
from pydantic import BaseModel, ConfigDict

from workbench.export.template_builder import add_row, fit_table, house_document, house_table, spacer
from workbench.formatting import fmt_date, fmt_number
from workbench.i18n import t
from workbench.models.plan import ManagerObjective, Plan
from workbench.models.text import Lang
from workbench.plain_text import xml_safe
from workbench.survey.templates import safe_cell


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


HEADERS: dict[Lang, list[str]] = {
    "it": ["Obiettivo", "Indicatore", "Peso %", "Target", "Evidenza", "Verifica"],
    "en": ["Objective", "Indicator", "Weight %", "Target", "Evidence", "Review"],
}


def _sheet_title(name: str, taken: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", " ", xml_safe(name)).strip()[:28] or "Responsabile"
    title, n = base, 2
    while title.lower() in taken:
        title, n = f"{base[:25]} ({n})", n + 1
    taken.add(title.lower())
    return title


def objectives_xlsx(plan: Plan, lang: Lang = "it") -> bytes:
    """One worksheet per manager; every text cell is formula-safe."""
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
        worksheet.append(HEADERS[lang])
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
        worksheet.append(["Totale" if lang == "it" else "Total", "", f"=SUM(C5:C{4 + len(sheet.lines)})"])
        for column, width in zip("ABCDEF", (60, 34, 10, 24, 34, 12), strict=True):
            worksheet.column_dimensions[column].width = width
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def objectives_docx(plan: Plan, lang: Lang = "it") -> bytes:
    """One section per manager: the plan's objectives, indicator, weight, target, evidence and review date,
    with a line for the manager's signature. A4, in the plan's house style."""
    document = house_document(lang)
    title = "Obiettivi dei responsabili collegati al piano" if lang == "it" else "Managers' objectives from the plan"
    document.add_paragraph(title, style="Title")
    document.add_paragraph(xml_safe(plan.engagement.organisation.name), style="Subtitle")
    for sheet in manager_sheets(plan, lang):
        document.add_heading(xml_safe(sheet.manager), level=1)
        table = house_table(document, HEADERS[lang], [5.4, 3.2, 1.6, 2.6, 2.4, 1.8])
        for line in sheet.lines:
            values = [
                line.objective,
                line.indicator,
                fmt_number(line.weight, lang),
                line.target,
                line.evidence,
                line.review,
            ]
            add_row(table, [xml_safe(v) for v in values])
        fit_table(table)
        spacer(document)
        document.add_paragraph(("Firma del responsabile: " if lang == "it" else "Manager's signature: ") + "_" * 30)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
