"""Blank survey forms to hand out: a CSV and an XLSX to fill in, and a printable Word version.

Headers are question ids (unambiguous on import); the XLSX adds a legend sheet and
drop-down lists for choices. Every text written into a spreadsheet cell goes through
:func:`safe_cell`, so a label can never be executed as a formula.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from workbench.export.templates import render_document, template_for
from workbench.i18n import t
from workbench.models.document import SurveyFormDocument
from workbench.models.questionnaire import Question, Questionnaire, QuestionType
from workbench.models.text import Lang
from workbench.plain_text import safe_cell


def _hint(question: Question, lang: Lang) -> str:
    if question.type in (QuestionType.SINGLE_CHOICE, QuestionType.MULTI_CHOICE):
        values = " | ".join(o.value for o in question.options or [])
        return values + (t("svy_hint_many", lang) if question.type == QuestionType.MULTI_CHOICE else "")
    if question.type in (QuestionType.SCALE, QuestionType.PERCENTAGE):
        return "1-5" if question.type == QuestionType.SCALE else "0-100"
    return t(f"svy_hint_{question.type.value}", lang)


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
    answers.title = t("svy_sheet_answers", lang)
    for column, question in enumerate(definition.questions, start=1):
        cell = answers.cell(row=1, column=column, value=safe_cell(question.id))
        cell.font = Font(bold=True)
        answers.column_dimensions[get_column_letter(column)].width = max(14, min(40, len(question.id) + 4))
        letter = get_column_letter(column)
        if question.type in (QuestionType.SINGLE_CHOICE, QuestionType.YES_NO):
            options = (
                [o.value for o in question.options or []]
                if question.options
                else [t("svy_yes", lang), t("svy_no", lang)]
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
    legend = workbook.create_sheet(t("svy_sheet_legend", lang))
    headers = ["id", t("svy_col_question", lang), t("svy_col_allowed", lang)]
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


def _answer_lines(question: Question, lang: Lang) -> list[str]:
    """What a respondent ticks or writes under a question."""
    if question.type in (QuestionType.SINGLE_CHOICE, QuestionType.MULTI_CHOICE):
        lines = [f"☐ {option.label.get(lang)}" for option in question.options or []]
        if question.type == QuestionType.MULTI_CHOICE:
            lines.append(t("form_tick_all", lang))
        return lines
    if question.type == QuestionType.YES_NO:
        return [t("form_yes_no", lang)]
    if question.type == QuestionType.SCALE:
        low = question.scale_labels.low.get(lang) if question.scale_labels else "1"
        high = question.scale_labels.high.get(lang) if question.scale_labels else "5"
        return [f"{low}  ☐ 1   ☐ 2   ☐ 3   ☐ 4   ☐ 5  {high}"]
    unit = f" {question.unit.get(lang)}" if question.unit else ""
    return ["_" * 40 + unit]


def survey_form_document(definition: Questionnaire, lang: Lang = "it") -> SurveyFormDocument:
    """The paper form's data: numbered questions by section, each with its boxes."""
    sections = []
    number = 0
    for section in definition.sections:
        questions = []
        for question in section.questions:
            number += 1
            lines = _answer_lines(question, lang) or [""]
            questions.append(
                {
                    "number": str(number),
                    "label": question.label.get(lang),
                    "note": t("form_if_relevant", lang) if question.show_if is not None else "",
                    "help": question.help.get(lang) if question.help else "",
                    "lines": lines[:-1],
                    "last": lines[-1],
                }
            )
        sections.append({"title": section.title.get(lang), "questions": questions})
    return SurveyFormDocument.model_validate(
        {
            "title": definition.title.get(lang),
            "description": definition.description.get(lang) if definition.description else "",
            "sections": sections,
        }
    )


def printable_docx(definition: Questionnaire, lang: Lang = "it", *, template: Path | None = None) -> bytes:
    """A paper version: one question after the other with boxes to tick; a question never parts from its
    boxes at a page break (the template keeps its lines together)."""
    document = survey_form_document(definition, lang)
    return render_document("survey_form", document, template=template or template_for("survey_form", lang))
