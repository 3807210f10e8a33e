"""The table of contents of a rendered document, written in before Word ever opens it."""

from __future__ import annotations

from typing import Any

from docx.document import Document as DocumentObject
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph


def fill_contents(document: DocumentObject) -> None:
    """Write the headings into the table-of-contents field as its current result, so the contents read
    right before Word updates the field (and in viewers that never update it); Word adds the page numbers
    when it updates the fields on opening (the template asks it to). A template without a contents field,
    or whose field Word already filled in, is left as it is.

    Styles are read from the XML by id (python-docx's ``paragraph.style`` looks the style up anew for every
    paragraph, which made this the slowest step of an export)."""
    body = document.element.body
    paragraphs = body.findall(qn("w:p"))
    field = next((p for p in paragraphs if any("TOC" in (i.text or "") for i in p.iter(qn("w:instrText")))), None)
    if field is None:
        return
    names = {name.lower(): style_id for name, style_id in _styles_by_name(document).items()}
    levels = _heading_levels(names)
    entries: list[tuple[int, str]] = []
    for paragraph in paragraphs[paragraphs.index(field) + 1 :]:
        level = levels.get(_style_id(paragraph) or "")
        text = "".join(t.text or "" for t in paragraph.iter(qn("w:t"))).strip()
        if level and text:
            entries.append((level, text))
    end = next((r for r in field.findall(qn("w:r")) if _field_char(r) == "end"), None)
    if not entries or end is None:
        return
    toc_ids = _toc_style_ids(names)
    for run in field.findall(qn("w:r")):
        if run.find(qn("w:t")) is not None:  # the placeholder text
            field.remove(run)
    field.remove(end)
    parent = Paragraph(field, document._body)
    level, text = entries[0]
    _set_style(parent, toc_ids.get(level))
    parent.add_run(text)
    previous = field
    last = parent
    for level, text in entries[1:]:
        element = OxmlElement("w:p")
        previous.addnext(element)
        last = Paragraph(element, document._body)
        _set_style(last, toc_ids.get(level))
        last.add_run(text)
        previous = element
    last._p.append(end)


def _styles_by_name(document: DocumentObject) -> dict[str, str]:
    """Style name -> style id, read once from styles.xml."""
    names: dict[str, str] = {}
    for style in document.styles.element.findall(qn("w:style")):
        name = style.find(qn("w:name"))
        style_id = style.get(qn("w:styleId"))
        if name is not None and style_id:
            names[str(name.get(qn("w:val")))] = style_id
    return names


def _heading_levels(names: dict[str, str]) -> dict[str, int]:
    """Style id -> contents level of the headings the contents list (``names``: lower-case name -> id)."""
    return {names[f"heading {level}"]: level for level in (1, 2, 3) if f"heading {level}" in names}


def _toc_style_ids(names: dict[str, str]) -> dict[int, str]:
    """Contents level -> the 'toc N' style id, when the template has it (a template made elsewhere may not)."""
    return {level: names[f"toc {level}"] for level in (1, 2, 3) if f"toc {level}" in names}


def _style_id(paragraph: Any) -> str | None:
    properties = paragraph.find(qn("w:pPr"))
    style = properties.find(qn("w:pStyle")) if properties is not None else None
    return None if style is None else str(style.get(qn("w:val")))


def _set_style(paragraph: Paragraph, style_id: str | None) -> None:
    if style_id is None:
        return
    properties = paragraph._p.get_or_add_pPr()
    for old in properties.findall(qn("w:pStyle")):
        properties.remove(old)
    style = OxmlElement("w:pStyle")
    style.set(qn("w:val"), style_id)
    properties.insert(0, style)


def _field_char(run: Any) -> str | None:
    char = run.find(qn("w:fldChar"))
    return None if char is None else str(char.get(qn("w:fldCharType")))
