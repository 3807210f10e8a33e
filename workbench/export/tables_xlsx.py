"""Tables the app shows as editors, as an Excel file of its own: every text cell formula-safe.

Streamlit's own "Download as CSV" of a table writes cells as typed, so a cell starting with ``=`` opens as a
formula in a spreadsheet; it is turned off for the whole app (``client.disableDataExport`` in
.streamlit/config.toml) and this is offered where a download is useful instead.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

from workbench.plain_text import safe_cell

Table = tuple[Sequence[str], Sequence[Sequence[object]]]
"""Column headers and rows of cells."""


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return value
    return safe_cell(str(value))


def tables_xlsx(sheets: Mapping[str, Table]) -> bytes:
    """One worksheet per table (named by its key, at most 31 characters), headers in bold."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    first = workbook.active
    assert first is not None
    workbook.remove(first)
    for title, (headers, rows) in sheets.items():
        worksheet = workbook.create_sheet(title[:31])  # the app's own words: "Obiettivi", "Azioni"...
        worksheet.append([safe_cell(h) for h in headers])
        for cell in worksheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            worksheet.append([_cell(v) for v in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
