"""Matching an export's columns to the survey's questions and validating each respondent.

Columns are matched by question id or by the question's text (Italian or English),
ignoring case, accents and trailing '*', '?' or ':' that form tools add. Columns that
carry identities (e-mail, name) are never read. Each row is validated with the same
rules as the intake; a bad row is set aside with its spreadsheet row number and a
reason that names the column and the kind of problem, never the value typed (an answer is
personal data: "95 è fuori dall'intervallo", row 12, is one person's answer). Rows identical in
every column (identifiers and timestamps included) are one respondent: the copies are dropped
and only their number is told.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Hashable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict, Field, field_serializer, field_validator

from workbench.models.answers import AnswerValue
from workbench.models.questionnaire import Question, Questionnaire, QuestionType
from workbench.questionnaire import coerce_answer
from workbench.survey.reading import RawTable, SurveyFileError, TextColumn
from workbench.survey.respondents import AnswerColumn, Respondents, value_key

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
    model_config = ConfigDict(arbitrary_types_allowed=True)

    respondents: Respondents = Field(description="the valid rows, read as a list of answer dicts")
    rejected_rows: list[RejectedRow]
    matched_columns: dict[str, str] = Field(description="column header -> question id")
    ignored_columns: list[str]
    empty_rows: int = 0
    duplicate_rows: int = Field(default=0, description="copies of an identical row, dropped (a count only)")
    encoding: str = ""
    delimiter: str = ""

    @field_validator("respondents", mode="before")
    @classmethod
    def _columns(cls, value: Any) -> Any:
        return Respondents.from_records(value) if isinstance(value, list | tuple) else value

    @field_serializer("respondents")
    def _dicts(self, value: Respondents) -> list[dict[str, AnswerValue]]:
        return list(value)


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

    Cells are typed once per distinct text (a survey column holds few of them) and spread to the rows
    with numpy; the show_if and at_most rules run column-wise too, and no per-row object is built: the
    respondents stay columns (:class:`Respondents`), so 100,000 rows import in a fraction of a second.
    """
    matched, ignored = match_columns(table.headers, definition)
    if not matched:
        shown = ", ".join(h for h in table.headers[:6] if h) or "nessuna"
        raise SurveyFileError(
            f"nessuna colonna corrisponde alle domande del questionario {definition.ref}: le intestazioni devono "
            f"essere gli id o i testi delle domande (trovate: {shown})"
        )
    size = table.size
    blank = np.ones(size, dtype=bool)
    problems: dict[int, list[str]] = defaultdict(list)
    columns: dict[str, AnswerColumn] = {}
    for index, question in matched.items():
        cells = table.column(index)
        column, blank_text, messages = _type_column(question, cells)
        blank &= blank_text[cells.codes]
        invalid = np.array([m is not None for m in messages], dtype=bool)
        if invalid.any():
            for row in np.flatnonzero(invalid[cells.codes]):
                problems[int(row)].append(str(messages[cells.codes[row]]))
        columns[question.id] = column
    _drop_hidden_and_check_bounds(definition, columns, size, problems)
    rejected = [
        RejectedRow(row=position + 2, reason="; ".join(found))
        for position, found in sorted(problems.items())
        if not blank[position]
    ]
    duplicate = ~table.first_of_duplicates() & ~blank
    rejected = [r for r in rejected if not duplicate[r.row - 2]]
    keep = ~blank & ~duplicate
    keep[list(problems)] = False
    kept = np.flatnonzero(keep)
    return SurveyImport(
        respondents=Respondents({qid: c.take(kept) for qid, c in columns.items()}, len(kept)),
        rejected_rows=rejected,
        matched_columns={table.headers[i]: q.id for i, q in matched.items()},
        ignored_columns=ignored,
        empty_rows=int(blank.sum()),
        duplicate_rows=int(duplicate.sum()),
        encoding=table.encoding,
        delimiter=table.delimiter,
    )


def _type_cell(question: Question, cell: str) -> tuple[AnswerValue | None, str | None]:
    raw: object = split_multi(question, cell) if question.type == QuestionType.MULTI_CHOICE else cell
    value, issue = coerce_answer(question, raw)
    return value, _problem(question, issue.code) if issue else None


def _problem(question: Question, code: str) -> str:
    """What is wrong with a cell, naming the column and never the value typed."""
    if question.type in (QuestionType.NUMBER, QuestionType.PERCENTAGE, QuestionType.SCALE):
        kind = "fuori dall'intervallo ammesso" if code == "out_of_range" else "serve un numero"
    elif question.type in (QuestionType.SINGLE_CHOICE, QuestionType.MULTI_CHOICE):
        kind = "risposta che non è un'opzione prevista" if code == "out_of_range" else "serve una delle opzioni"
    elif question.type == QuestionType.YES_NO:
        kind = "serve sì o no"
    else:
        kind = "testo troppo lungo" if code == "too_long" else "risposta non valida"
    return f"«{question.label.it}» ({question.id}): {kind}"


def rejected_summary(rejected: Sequence[RejectedRow]) -> list[tuple[str, int]]:
    """Per problem (column and kind), how many rows were set aside: what the consultant is told."""
    counts: dict[str, int] = {}
    for row in rejected:
        for reason in dict.fromkeys(row.reason.split("; ")):
            counts[reason] = counts.get(reason, 0) + 1
    return list(counts.items())


def _type_column(question: Question, cells: TextColumn) -> tuple[AnswerColumn, npt.NDArray[np.bool_], list[str | None]]:
    """The column's answers, and per distinct text: blank after trimming, the reason it is invalid."""
    keys: dict[Hashable, int] = {}
    values: list[AnswerValue] = []
    outcomes: dict[str, tuple[int, str | None]] = {}
    remap = np.full(len(cells.values), -1, dtype=np.intp)
    blank = np.zeros(len(cells.values), dtype=bool)
    messages: list[str | None] = [None] * len(cells.values)
    for position, text in enumerate(cells.values):
        cell = text.strip()
        if not cell:
            blank[position] = True
            continue
        if cell not in outcomes:
            value, message = _type_cell(question, cell)
            code = -1
            if value is not None:
                code = keys.setdefault(value_key(value), len(values))
                if code == len(values):
                    values.append(value)
            outcomes[cell] = (code, message)
        remap[position], messages[position] = outcomes[cell]
    return AnswerColumn(remap[cells.codes], values), blank, messages


def _drop_hidden_and_check_bounds(
    definition: Questionnaire, columns: dict[str, AnswerColumn], size: int, problems: dict[int, list[str]]
) -> None:
    """Answers to questions a respondent was not asked are dropped (as the intake does); at_most is checked."""
    from workbench.survey.aggregate import condition_mask

    for question in definition.questions:
        if question.id not in columns:
            continue
        if question.show_if is not None:
            holds, _ = condition_mask(question.show_if, Respondents(columns, size))
            columns[question.id] = columns[question.id].without(~holds)
        if question.at_most is not None and question.at_most in columns:
            value = columns[question.id].numbers()
            bound = columns[question.at_most].numbers()
            over = value > bound
            for index in np.flatnonzero(over):
                problems[int(index)].append(f"«{question.label.it}» ({question.id}): supera il limite")
            columns[question.id] = columns[question.id].without(over)
