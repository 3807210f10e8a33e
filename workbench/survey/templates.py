"""Blank survey forms to hand out: a CSV and an XLSX to fill in, and a printable Word version.

Headers are question ids (unambiguous on import); the XLSX adds a legend sheet and
drop-down lists for choices. Every text written into a spreadsheet cell goes through
:func:`safe_cell`, so a label can never be executed as a formula.
"""

from __future__ import annotations

import csv
import io

from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from workbench.export.template_builder import house_document
from workbench.models.questionnaire import Question, Questionnaire, QuestionType
from workbench.models.text import Lang
from workbench.plain_text import xml_safe

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """Neutralise spreadsheet formula injection (a leading =, +, -, @ becomes literal text) and drop the
    control characters a worksheet cannot hold."""
    text = xml_safe(text)
    return "'" + text if text.startswith(FORMULA_START) else text


def _hint(question: Question, lang: Lang) -> str:
    if question.type in (QuestionType.SINGLE_CHOICE, QuestionType.MULTI_CHOICE):
        values = " | ".join(o.value for o in question.options or [])
        many = (
            " (più valori separati da ;)"
            if question.type == QuestionType.MULTI_CHOICE and lang == "it"
            else (" (several values separated by ;)" if question.type == QuestionType.MULTI_CHOICE else "")
        )
        return values + many
    return {
        QuestionType.YES_NO: "sì | no" if lang == "it" else "yes | no",
        QuestionType.SCALE: "1-5",
        QuestionType.PERCENTAGE: "0-100",
        QuestionType.NUMBER: "numero" if lang == "it" else "number",
        QuestionType.TEXT: "testo libero" if lang == "it" else "free text",
    }[question.type]


def blank_csv(definition: Questionnaire) -> bytes:
    """UTF-8 with BOM and ';' so that Italian Excel opens it in columns."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe_cell(q.id) for q in definition.questions])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def blank_xlsx(definition: Questionnaire, lang: Lang = "it") -> bytes:
    workbook = Workbook()
    answers = workbook.active
    assert answers is not None
    answers.title = "risposte" if lang == "it" else "answers"
    for column, question in enumerate(definition.questions, start=1):
        cell = answers.cell(row=1, column=column, value=safe_cell(question.id))
        cell.font = Font(bold=True)
        answers.column_dimensions[get_column_letter(column)].width = max(14, min(40, len(question.id) + 4))
        letter = get_column_letter(column)
        if question.type in (QuestionType.SINGLE_CHOICE, QuestionType.YES_NO):
            options = (
                [o.value for o in question.options or []]
                if question.options
                else (["sì", "no"] if lang == "it" else ["yes", "no"])
            )
            formula = '"' + ",".join(options) + '"'
            if len(formula) <= 255:  # Excel's limit for an inline list
                validation = DataValidation(type="list", formula1=formula, allow_blank=True)
                validation.add(f"{letter}2:{letter}1000")
                answers.add_data_validation(validation)
        elif question.type == QuestionType.SCALE:
            validation = DataValidation(type="whole", operator="between", formula1="1", formula2="5", allow_blank=True)
            validation.add(f"{letter}2:{letter}1000")
            answers.add_data_validation(validation)
    answers.freeze_panes = "A2"
    legend = workbook.create_sheet("legenda" if lang == "it" else "legend")
    headers = ["id", "domanda" if lang == "it" else "question", "valori ammessi" if lang == "it" else "allowed values"]
    legend.append(headers)
    for cell in legend[1]:
        cell.font = Font(bold=True)
    for question in definition.questions:
        legend.append([safe_cell(question.id), safe_cell(question.label.get(lang)), safe_cell(_hint(question, lang))])
    legend.column_dimensions["A"].width = 28
    legend.column_dimensions["B"].width = 80
    legend.column_dimensions["C"].width = 60
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def printable_docx(definition: Questionnaire, lang: Lang = "it") -> bytes:
    """A paper version: one question after the other with boxes to tick."""
    document = house_document(lang)  # A4, the plan's fonts and margins, the document language
    document.add_heading(definition.title.get(lang), level=0)
    if definition.description:
        document.add_paragraph(definition.description.get(lang))
    number = 0
    for section in definition.sections:
        document.add_heading(section.title.get(lang), level=1)
        for question in section.questions:
            number += 1
            first = len(document.paragraphs)
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{number}. {question.label.get(lang)}").bold = True
            if question.show_if is not None:
                paragraph.add_run(" " + ("(se pertinente)" if lang == "it" else "(if relevant)")).italic = True
            if question.help:
                document.add_paragraph(question.help.get(lang)).runs[0].italic = True
            if question.type in (QuestionType.SINGLE_CHOICE, QuestionType.MULTI_CHOICE):
                box = "☐"
                for option in question.options or []:
                    document.add_paragraph(f"{box} {option.label.get(lang)}")
                if question.type == QuestionType.MULTI_CHOICE:
                    document.add_paragraph("più risposte possibili" if lang == "it" else "tick all that apply")
            elif question.type == QuestionType.YES_NO:
                document.add_paragraph("☐ sì    ☐ no" if lang == "it" else "☐ yes    ☐ no")
            elif question.type == QuestionType.SCALE:
                low = question.scale_labels.low.get(lang) if question.scale_labels else "1"
                high = question.scale_labels.high.get(lang) if question.scale_labels else "5"
                document.add_paragraph(f"{low}  ☐ 1   ☐ 2   ☐ 3   ☐ 4   ☐ 5  {high}")
            else:
                unit = f" {question.unit.get(lang)}" if question.unit else ""
                document.add_paragraph("_" * 40 + unit)
            answers = document.paragraphs[first:]
            for line in answers[:-1]:  # a question never parts from its boxes at a page break
                line.paragraph_format.keep_with_next = True
            for line in answers[1:-1]:
                line.paragraph_format.space_after = Pt(2)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
