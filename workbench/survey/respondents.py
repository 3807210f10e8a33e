"""Survey answers held column by column: each question's distinct answers once, and per respondent an index.

A survey column holds few distinct answers (a choice, a 1-5 scale, yes/no), so everything the importer and
the aggregation compute per answer (typing, strengths, conditions) is computed once per distinct answer and
spread to the respondents with one numpy ``take``. :class:`Respondents` still reads as the list of answer
dicts it replaces (``len``, indexing, slicing, iteration, ``==`` with a list), so callers that want dicts
get exactly the dicts they got before; the aggregation reads the columns without building any.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from typing import cast, overload

import numpy as np
import numpy.typing as npt
import pandas as pd

from workbench.models.answers import AnswerValue

Codes = npt.NDArray[np.intp]
"""Per respondent, the index of the answer in ``values``; -1 = no answer."""


def value_key(value: object) -> Hashable:
    """Equal answers share a key, answers of different types never do (True, 1 and 1.0 stay apart)."""
    if isinstance(value, list | tuple):
        return (type(value).__name__, tuple(value_key(v) for v in value))
    try:
        return (type(value).__name__, hash(value), value)
    except TypeError:  # an unhashable answer (never from the importer): it is its own value
        return ("id", id(value))


def object_array(values: Sequence[object], tail: object = None) -> npt.NDArray[np.object_]:
    """``values`` then ``tail`` as a 1-d object array (lists stay elements: numpy would make them a dimension)."""
    array = np.empty(len(values) + 1, dtype=object)
    for index, value in enumerate(values):
        array[index] = value
    array[-1] = tail
    return array


def _no_answer(value: object) -> bool:
    """None, NaN or pd.NA: what a DataFrame of the dicts would have held as missing."""
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


class AnswerColumn:
    """One question's answers: ``values`` (distinct) and ``codes`` (per respondent, -1 = no answer)."""

    __slots__ = ("codes", "values")

    def __init__(self, codes: Codes, values: Sequence[AnswerValue]) -> None:
        self.codes = codes
        self.values = list(values)

    @classmethod
    def empty(cls, size: int) -> AnswerColumn:
        return cls(np.full(size, -1, dtype=np.intp), [])

    def present(self) -> npt.NDArray[np.bool_]:
        return self.codes >= 0

    def counts(self) -> npt.NDArray[np.intp]:
        """How many respondents gave each value."""
        answered = self.codes[self.codes >= 0]
        return np.bincount(answered, minlength=len(self.values)).astype(np.intp)

    def floats(self, per_value: Callable[[AnswerValue], float], missing: float = math.nan) -> npt.NDArray[np.float64]:
        """``per_value`` of each respondent's answer, ``missing`` where there is none."""
        table = np.array([per_value(v) for v in self.values] + [missing], dtype=np.float64)
        return table[self.codes]  # -1 picks the last entry: missing

    def flags(self, per_value: Callable[[AnswerValue], bool], missing: bool = False) -> npt.NDArray[np.bool_]:
        table = np.array([bool(per_value(v)) for v in self.values] + [missing], dtype=bool)
        return table[self.codes]

    def numbers(self) -> npt.NDArray[np.float64]:
        """The answers as numbers (``pd.to_numeric(errors="coerce")``), NaN where missing or not a number."""
        converted = pd.to_numeric(pd.Series(self.values, dtype=object), errors="coerce")
        table = np.append(converted.to_numpy(dtype=np.float64, na_value=np.nan), np.nan)
        return table[self.codes]

    def without(self, rows: npt.NDArray[np.bool_]) -> AnswerColumn:
        """The same answers with those of ``rows`` removed."""
        codes = self.codes.copy()
        codes[rows] = -1
        return AnswerColumn(codes, self.values)

    def take(self, rows: npt.NDArray[np.intp] | slice) -> AnswerColumn:
        return AnswerColumn(self.codes[rows], self.values)

    def objects(self, missing: object = None) -> npt.NDArray[np.object_]:
        """Each respondent's answer as an object array (``missing`` where there is none)."""
        return object_array(self.values, missing)[self.codes]


class Respondents(Sequence[dict[str, AnswerValue]]):
    """The valid respondents of a survey: reads as a list of answer dicts, holds columns.

    A respondent's dict has the answered questions only, in column order, as the importer always gave them.
    """

    def __init__(self, columns: Mapping[str, AnswerColumn], size: int) -> None:
        self._columns = dict(columns)
        self._size = size
        self._rows: list[dict[str, AnswerValue]] | None = None

    @classmethod
    def from_records(cls, records: Sequence[Mapping[str, object]]) -> Respondents:
        """Columns from answer dicts (a missing key, None or NaN is no answer)."""
        size = len(records)
        codes: dict[str, list[int]] = {}
        keys: dict[str, dict[Hashable, int]] = {}
        values: dict[str, list[AnswerValue]] = {}
        for row, record in enumerate(records):
            for qid, value in record.items():
                if _no_answer(value):
                    continue
                if qid not in codes:
                    codes[qid], keys[qid], values[qid] = [-1] * size, {}, []
                key = value_key(value)
                code = keys[qid].get(key)
                if code is None:
                    code = keys[qid][key] = len(values[qid])
                    values[qid].append(cast(AnswerValue, value))
                codes[qid][row] = code
        columns = {qid: AnswerColumn(np.array(codes[qid], dtype=np.intp), values[qid]) for qid in codes}
        return cls(columns, size)

    @property
    def columns(self) -> Mapping[str, AnswerColumn]:
        return self._columns

    def column(self, qid: str) -> AnswerColumn:
        """A question's answers; every respondent without one when nobody has the column."""
        found = self._columns.get(qid)
        return found if found is not None else AnswerColumn.empty(self._size)

    def __len__(self) -> int:
        return self._size

    def _dicts(self) -> list[dict[str, AnswerValue]]:
        if self._rows is None:
            missing = object()
            names = list(self._columns)
            cells = [column.objects(missing) for column in self._columns.values()]
            self._rows = (
                [
                    {qid: value for qid, value in zip(names, row, strict=True) if value is not missing}
                    for row in zip(*cells, strict=True)
                ]
                if cells
                else [{} for _ in range(self._size)]
            )
        return self._rows

    @overload
    def __getitem__(self, index: int) -> dict[str, AnswerValue]: ...

    @overload
    def __getitem__(self, index: slice) -> Respondents: ...

    def __getitem__(self, index: int | slice) -> dict[str, AnswerValue] | Respondents:
        if isinstance(index, slice):
            rows = range(self._size)[index]
            picked = np.arange(rows.start, rows.stop, rows.step, dtype=np.intp)
            return Respondents({qid: c.take(picked) for qid, c in self._columns.items()}, len(rows))
        if self._rows is not None:
            return self._rows[index]
        row = range(self._size)[index]  # IndexError, negative indices: as a list
        return {qid: c.values[c.codes[row]] for qid, c in self._columns.items() if c.codes[row] >= 0}

    def __iter__(self) -> Iterator[dict[str, AnswerValue]]:
        return iter(self._dicts())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Respondents | list | tuple):
            return len(self) == len(other) and list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Respondents({self._dicts()!r})" if self._size <= 10 else f"<Respondents: {self._size}>"


def answers_of(respondents: Sequence[Mapping[str, object]]) -> Respondents:
    """The columns of ``respondents``: as they are when the importer made them, else built from the dicts."""
    return respondents if isinstance(respondents, Respondents) else Respondents.from_records(respondents)
