"""Evaluation by objectives: one sheet per manager, weights adding up to exactly 100."""

from __future__ import annotations

import io

import docx
import openpyxl
import pytest

from tests.plan_fixtures import NASTY_NAME, drafted
from workbench.objectives import manager_sheets, objectives_docx, objectives_xlsx, split_hundred


@pytest.mark.parametrize("count", [1, 2, 3, 6, 7, 9, 11])
def test_equal_weights_always_add_up_to_one_hundred(count: int) -> None:
    weights = split_hundred(count)
    assert len(weights) == count
    assert round(sum(weights), 6) == 100
    assert max(weights) - min(weights) <= 0.1 + 1e-9


@pytest.mark.parametrize("name", ["manifattura_turni.yaml", "servizi_ufficio.yaml", "comune.yaml"])
def test_every_manager_sheet_weighs_one_hundred(name: str) -> None:
    plan, _ = drafted(name)
    sheets = manager_sheets(plan)
    assert sheets
    assert sum(len(s.lines) for s in sheets) == len(plan.actions)
    for sheet in sheets:
        assert round(sum(line.weight for line in sheet.lines), 6) == 100


def test_the_xlsx_has_one_sheet_per_manager_and_reopens() -> None:
    plan, _ = drafted("manifattura_turni.yaml", organisation_name=NASTY_NAME)
    workbook = openpyxl.load_workbook(io.BytesIO(objectives_xlsx(plan)))
    sheets = manager_sheets(plan)
    assert len(workbook.worksheets) == len(sheets)
    for worksheet, sheet in zip(workbook.worksheets, sheets, strict=True):
        assert worksheet["A1"].value == sheet.manager
        assert [c.value for c in worksheet[4]] == [
            "Obiettivo",
            "Indicatore",
            "Peso %",
            "Target",
            "Evidenza",
            "Verifica",
        ]
        weights = [float(str(worksheet.cell(row=r, column=3).value)) for r in range(5, 5 + len(sheet.lines))]
        assert round(sum(weights), 6) == 100
    assert workbook.worksheets[0]["A2"].value == NASTY_NAME  # safe_cell only touches a leading = + - @


def test_the_word_version_has_a_table_and_a_signature_per_manager() -> None:
    plan, _ = drafted("comune.yaml")
    document = docx.Document(io.BytesIO(objectives_docx(plan)))
    assert len(document.tables) == len(manager_sheets(plan))
    assert sum("Firma del responsabile" in p.text for p in document.paragraphs) == len(document.tables)
