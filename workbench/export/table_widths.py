"""Column widths of a filled Word table, refitted to what it holds once rendered.

A template's column widths are set for its tags, not for the text that replaces them: a long
measure name or '12.345 €' would break mid-word in a narrow column. After rendering, every table is
refitted so that no word breaks in the middle, the columns keeping the template's proportions as far
as they can. Widths are estimated from DejaVu Sans Bold advance widths: the font LibreOffice falls
back to for Calibri, and wider than Calibri, so a width that fits here fits in Word too.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table

TABLE_FONT_PT = 9.0
"""The size of table text in the shipped templates."""
CELL_PADDING_CM = 0.38
"""Word's default cell margins, left plus right (0,19 cm each)."""
TWIPS_PER_CM = 1440 / 2.54
REGULAR_TO_BOLD = 0.93
"""Body text is set in the regular weight, a little narrower than the bold the estimate measures."""

# Advance widths in thousandths of an em.
_NARROW = dict.fromkeys("ijlìíIJ.,;:'!|", 360) | dict.fromkeys("ft()[]/-", 450) | {"r": 493, " ": 348, "\xa0": 348}
_WIDE = dict.fromkeys("mwMW%", 1030) | dict.fromkeys("–", 500) | {"—": 1000}
_BREAKS = re.compile(r"[ \t\n\r]+")
_AFTER_DASH = re.compile(r"(?<=[-–])")


@functools.lru_cache(maxsize=8192)
def text_width_cm(text: str, size_pt: float = TABLE_FONT_PT) -> float:
    """A generous estimate of how wide ``text`` prints in bold at ``size_pt`` (cm); the same words recur in
    every table and every export, so each is measured once."""
    units = 0
    for char in text:
        if char in _NARROW:
            units += _NARROW[char]
        elif char in _WIDE:
            units += _WIDE[char]
        else:
            units += 790 if char.isupper() else 700
    return units / 1000 * size_pt * 2.54 / 72


def longest_word_cm(text: str, size_pt: float = TABLE_FONT_PT) -> float:
    """The widest unbreakable piece of ``text``: lines break at spaces and after dashes, never at a no-break
    space ('1.234 €' stays whole)."""
    pieces = [p for word in _BREAKS.split(text) for p in _AFTER_DASH.split(word) if p]
    return max((text_width_cm(p, size_pt) for p in pieces), default=0.0)


def _give_way(wanted: list[float], least: list[float], total: float) -> list[float]:
    """``wanted`` scaled to ``total``, every column at least ``least`` (whose sum fits in ``total``): the
    columns that grow take the room from the others in proportion to what each has to spare."""
    scale = total / sum(wanted)
    result = [w * scale for w in wanted]
    for _ in range(len(result)):
        short = [i for i, (w, m) in enumerate(zip(result, least, strict=True)) if w < m - 1e-9]
        if not short:
            break
        needed = sum(least[i] - result[i] for i in short)
        for i in short:
            result[i] = least[i]
        spare = {i: result[i] - least[i] for i in range(len(result)) if i not in short and result[i] > least[i]}
        room = sum(spare.values())
        for i, slack in spare.items():
            result[i] -= needed * slack / room
    return result


def _set_widths(table: Table, widths: list[float]) -> None:
    """Fixed column widths that Word and LibreOffice both respect (grid, cells and fixed layout), written in
    the XML directly (python-docx's row and cell objects are slow on a long plan)."""
    properties = table._tbl.tblPr
    layout = properties.find(qn("w:tblLayout"))
    if layout is None:
        layout = OxmlElement("w:tblLayout")
        properties.append(layout)
    layout.set(qn("w:type"), "fixed")
    twips = [str(round(w * TWIPS_PER_CM)) for w in widths]
    for column, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), twips, strict=True):
        column.set(qn("w:w"), width)
    for row in table._tbl.findall(qn("w:tr")):
        cells = row.findall(qn("w:tc"))
        if len(cells) != len(twips):
            continue
        for cell, width in zip(cells, twips, strict=True):
            cell_width = cell.get_or_add_tcPr().get_or_add_tcW()
            cell_width.set(qn("w:type"), "dxa")
            cell_width.set(qn("w:w"), width)


def _cell_text(cell: Any) -> str:
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in cell.iter(qn("w:p")))


def fit_table(table: Table, most: float = 0.45) -> None:
    """Refit a filled table's columns so that no word in it, header or body, breaks in the middle: each
    column gets at least its widest word (up to ``most`` of the table), the rest keeps its proportions.
    When even that does not fit, the columns share the width in proportion to their widest words. A table
    whose grid has no widths (a template made in another editor) is left as it is."""
    grid = table._tbl.tblGrid
    columns = grid.findall(qn("w:gridCol")) if grid is not None else []
    if not columns or any(c.get(qn("w:w")) is None for c in columns):
        return
    current = [int(str(c.get(qn("w:w")))) / TWIPS_PER_CM for c in columns]
    total = sum(current)
    if total <= 0:
        return
    need = [min(1.0, w) for w in current]
    for index, row in enumerate(table._tbl.findall(qn("w:tr"))):
        cells = row.findall(qn("w:tc"))
        if len(cells) != len(columns):
            continue
        for i, cell in enumerate(cells):
            widest = longest_word_cm(_cell_text(cell)) * (1 if index == 0 else REGULAR_TO_BOLD)
            if widest:
                need[i] = max(need[i], min(widest + CELL_PADDING_CM + 0.1, most * total))
    widths = [total * n / sum(need) for n in need] if sum(need) > total else _give_way(current, need, total)
    _set_widths(table, [round(w, 2) for w in widths])
