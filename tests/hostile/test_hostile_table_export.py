"""No table of the app exports a formula a user typed: Streamlit's own "Download as CSV" (which writes cells as
typed) is off by configuration, and the plan's tables come as the app's own formula-safe Excel file instead."""

from __future__ import annotations

import io
import tomllib

import openpyxl
import pytest
from streamlit import config as streamlit_config

from tests.app.conftest import app, database, with_plan  # noqa: F401  # the fixture these AppTest runs use
from tests.conftest import ROOT
from tests.plan_fixtures import drafted
from workbench.export.tables_xlsx import tables_xlsx
from workbench.plain_text import FORMULA_START
from workbench.plan_editing import plan_tables

FORMULAS = ['=HYPERLINK("http://evil","clic")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def test_streamlits_own_table_download_is_off_for_the_whole_app() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["disableDataExport"] is True
    assert "client.disableDataExport" in streamlit_config.get_config_options()  # the installed Streamlit knows it


@pytest.mark.parametrize("text", FORMULAS, ids=[repr(f)[:20] for f in FORMULAS])
def test_the_plan_tables_download_disarms_every_formula(text: str) -> None:
    plan, _ = drafted("servizi_ufficio.yaml")
    plan.actions[0].name = text
    plan.actions[0].owner = text
    plan.indicators[0].name = text
    tables = plan_tables(plan, "it")
    sheets = {name: (list(rows[0]), [list(row.values()) for row in rows]) for name, rows in tables.items() if rows}
    workbook = openpyxl.load_workbook(io.BytesIO(tables_xlsx(sheets)))
    texts = [
        cell.value
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]
    assert not [value for value in texts if value.startswith(FORMULA_START)]
    assert "'" + text in texts


def test_the_plan_page_offers_its_tables_as_a_safe_excel_file(database: str) -> None:  # noqa: F811
    at = app(with_plan(database, accepted=2), "piano")
    assert not at.exception
    assert "plan_tables_xlsx" in [b.key for b in at.get("download_button")]
