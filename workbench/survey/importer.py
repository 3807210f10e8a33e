"""Matching an export's columns to the survey's questions and validating each respondent.

Columns are matched by question id or by the question's text (Italian or English),
ignoring case, accents and trailing '*', '?' or ':' that form tools add. Columns that
carry identities (e-mail, name) are never read. Each row is validated with the same
rules as the intake; a bad row is set aside with its spreadsheet row number and the
reason, and every good row is kept.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field

from workbench.models.answers import AnswerValue
from workbench.models.questionnaire import Question, Questionnaire, QuestionType
from workbench.questionnaire import validate_answers
from workbench.survey.reading import RawTable, SurveyFileError

IDENTITY_COLUMNS = {
    "email",
    "e mail",
    "posta elettronica",
    "nome",
    "name",
    "cognome",
    "surname",
    "indirizzo email",
    "email address",
    "nome utente",
    "username",
}


class RejectedRow(BaseModel):
    model_config = ConfigDict(frozen=True)

    row: int = Field(description="row number as a spreadsheet shows it (the header is row 1)")
    reason: str


class SurveyImport(BaseModel):
    respondents: list[dict[str, AnswerValue]]
    rejected_rows: list[RejectedRow]
    matched_columns: dict[str, str] = Field(description="column header -> question id")
    ignored_columns: list[str]
    empty_rows: int = 0
    encoding: str = ""
    delimiter: str = ""


def normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    plain = re.sub(r"[*?:.!()\[\]\"'’«»]", " ", plain)
    return " ".join(plain.replace("_", " ").split())


def match_columns(headers: Sequence[str], definition: Questionnaire) -> tuple[dict[int, Question], list[str]]:
    keys: dict[str, Question] = {}
    for question in definition.questions:
        for text in (question.id, question.label.it, question.label.en or ""):
            if text:
                keys.setdefault(normalise(text), question)
    matched: dict[int, Question] = {}
    ignored: list[str] = []
    taken: set[str] = set()
    for index, header in enumerate(headers):
        found = keys.get(normalise(header))
        if found is None or found.id in taken or normalise(header) in IDENTITY_COLUMNS:
            if header.strip():
                ignored.append(header)
            continue
        matched[index] = found
        taken.add(found.id)
    return matched, ignored


def split_multi(question: Question, text: str) -> list[str]:
    """'Orari flessibili, Centri estivi' or 'a;b': split on ';' or ',' while keeping labels that contain commas."""
    if ";" in text:
        return [p.strip() for p in text.split(";") if p.strip()]
    known = {normalise(o.value) for o in question.options or []} | {
        normalise(label) for o in question.options or [] for label in (o.label.it, o.label.en or "") if label
    }
    parts = [p.strip() for p in text.split(",")]
    items: list[str] = []
    buffer = ""
    for part in parts:
        buffer = f"{buffer}, {part}" if buffer else part
        if normalise(buffer) in known:
            items.append(buffer)
            buffer = ""
    if buffer:
        items.append(buffer)  # unknown: the validator names it
    return [i for i in items if i]


def import_survey(table: RawTable, definition: Questionnaire) -> SurveyImport:
    matched, ignored = match_columns(table.headers, definition)
    if not matched:
        shown = ", ".join(h for h in table.headers[:6] if h) or "nessuna"
        raise SurveyFileError(
            f"nessuna colonna corrisponde alle domande del questionario {definition.ref}: le intestazioni devono "
            f"essere gli id o i testi delle domande (trovate: {shown})"
        )
    respondents: list[dict[str, AnswerValue]] = []
    rejected: list[RejectedRow] = []
    empty = 0
    for number, row in enumerate(table.rows, start=2):
        raw: dict[str, object] = {}
        for index, question in matched.items():
            cell = row[index].strip() if index < len(row) else ""
            if not cell:
                continue
            raw[question.id] = split_multi(question, cell) if question.type == QuestionType.MULTI_CHOICE else cell
        if not raw:
            empty += 1
            continue
        result = validate_answers(definition, raw)
        errors = [i for i in result.errors if i.code != "hidden"]
        if errors:
            rejected.append(RejectedRow(row=number, reason="; ".join(e.message for e in errors)))
            continue
        respondents.append(result.values)
    return SurveyImport(
        respondents=respondents,
        rejected_rows=rejected,
        matched_columns={table.headers[i]: q.id for i, q in matched.items()},
        ignored_columns=ignored,
        empty_rows=empty,
        encoding=table.encoding,
        delimiter=table.delimiter,
    )
