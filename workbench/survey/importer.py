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

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from workbench.models.answers import AnswerValue
from workbench.models.questionnaire import Question, Questionnaire, QuestionType
from workbench.questionnaire import coerce_answer
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
    """Type every cell, set aside the rows with an invalid answer, keep all the others.

    Cells are typed once per distinct value (a survey column holds few of them), and the
    show_if and at_most rules run column-wise, so 100,000 rows import in seconds.
    """
    matched, ignored = match_columns(table.headers, definition)
    if not matched:
        shown = ", ".join(h for h in table.headers[:6] if h) or "nessuna"
        raise SurveyFileError(
            f"nessuna colonna corrisponde alle domande del questionario {definition.ref}: le intestazioni devono "
            f"essere gli id o i testi delle domande (trovate: {shown})"
        )
    width = len(table.headers)
    rows = [r[:width] + [""] * (width - len(r)) for r in table.rows]
    cells = pd.DataFrame(rows, columns=range(width), dtype=object) if rows else pd.DataFrame(columns=range(width))
    cells = cells[list(matched)].rename(columns={i: q.id for i, q in matched.items()}).fillna("")
    cells = cells.map(lambda c: c.strip() if isinstance(c, str) else "")
    blank = (cells == "").all(axis=1)
    typed = pd.DataFrame(index=cells.index, dtype=object)
    problems: pd.Series = pd.Series([[] for _ in range(len(cells))], index=cells.index, dtype=object)
    for question in matched.values():
        column = cells[question.id]
        outcomes = {cell: _type_cell(question, cell) for cell in column.unique() if cell}
        typed[question.id] = column.map(lambda c, o=outcomes: o[c][0] if c else None)
        messages = column.map(lambda c, o=outcomes: o[c][1] if c else None)
        for index in messages[messages.notna()].index:
            problems[index].append(messages[index])
    _drop_hidden_and_check_bounds(definition, typed, problems)
    blank_rows = set(blank[blank].index)
    rejected = [
        RejectedRow(row=position + 2, reason="; ".join(found))
        for position, found in enumerate(problems.tolist())
        if found and position not in blank_rows
    ]
    keep = ~blank & problems.map(lambda found: not found)
    respondents = [
        {k: v for k, v in record.items() if v is not None and v == v}
        for record in typed[keep].to_dict(orient="records")
    ]
    return SurveyImport(
        respondents=respondents,
        rejected_rows=rejected,
        matched_columns={table.headers[i]: q.id for i, q in matched.items()},
        ignored_columns=ignored,
        empty_rows=int(blank.sum()),
        encoding=table.encoding,
        delimiter=table.delimiter,
    )


def _type_cell(question: Question, cell: str) -> tuple[AnswerValue | None, str | None]:
    raw: object = split_multi(question, cell) if question.type == QuestionType.MULTI_CHOICE else cell
    value, issue = coerce_answer(question, raw)
    return value, issue.message if issue else None


def _drop_hidden_and_check_bounds(definition: Questionnaire, typed: pd.DataFrame, problems: pd.Series) -> None:
    """Answers to questions a respondent was not asked are dropped (as the intake does); at_most is checked."""
    from workbench.survey.aggregate import condition_mask

    for question in definition.questions:
        if question.id not in typed.columns:
            continue
        if question.show_if is not None:
            holds, _ = condition_mask(question.show_if, typed)
            typed.loc[~holds, question.id] = None
        if question.at_most is not None and question.at_most in typed.columns:
            value = pd.to_numeric(typed[question.id], errors="coerce")
            bound = pd.to_numeric(typed[question.at_most], errors="coerce")
            over = value > bound
            for index in over[over].index:
                problems[index].append(f"«{question.label.it}» ({question.id}): {value[index]:g} supera il limite")
                typed.loc[index, question.id] = None
