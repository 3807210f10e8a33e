"""The one disclosure rule every employee-survey figure goes through: it protects people, not just groups.

Why: a survey answer is personal data. Hiding groups under 5 people is not enough. Two breakdowns that
differ by one person (5 shift workers all over 55, plus one office worker over 55) give that person's answer
by difference; a mean over the one caregiver among 20 rows is that caregiver's own answer; a group where
everybody answered the same reveals each member's answer; a row copied five times is one person counted five.

The rule, for each question (with the questions its figures are derived from, see ``families``):

1. A figure is over the people who *answered* it (not the group's size): at least ``MIN_PEOPLE`` of them,
   and not all with the same answer ("risposte omogenee").
2. Groups are added one at a time to the sets a question's figures are shown for (everybody first); a group
   is kept only if every *cell* of the crossing of the sets shown so far (people in exactly the same shown
   sets, the rest included) still has at least ``MIN_PEOPLE`` answerers who did not all answer the same.
   That is complementary suppression: no cell is recoverable from a total minus the cells shown.
3. Two groups of different breakdowns whose members differ by 1-4 people are never both shown.

Why it is enough: every person shares their cell with someone who answered differently; swapping the two
answers changes none of the figures shown (each is a function of a shown set's answers, and both are in the
same shown sets), so nothing shown determines anybody's answer (tests/survey/test_disclosure.py checks it
by brute force on random small populations).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Literal, TypeVar

import numpy as np
import numpy.typing as npt
import pandas as pd

MIN_PEOPLE = 5

Codes = npt.NDArray[np.intp]
"""Per person, a code of their answer (equal answers, equal codes); -1 = no answer."""
Flags = npt.NDArray[np.bool_]
Verdict = Literal["shown", "too_few", "homogeneous"]
K = TypeVar("K", bound=Hashable)


def codes_of(values: npt.NDArray[np.float64]) -> Codes:
    """Codes of per-person numbers (NaN = no answer)."""
    codes, _ = pd.factorize(values, use_na_sentinel=True)
    return codes.astype(np.intp, copy=False)


def verdict(values: Codes) -> Verdict:
    """Whether a figure over these answers may be shown for everybody (rule 1)."""
    answered = values[values >= 0]
    if answered.size < MIN_PEOPLE:
        return "too_few"
    if np.all(answered == answered[0]):
        return "homogeneous"
    return "shown"


def cells_safe(values: Codes, cells: Codes) -> bool:
    """Every cell with an answerer has at least MIN_PEOPLE of them, not all with the same answer (rule 2)."""
    present = values >= 0
    answers, where = values[present].astype(np.int64), cells[present].astype(np.int64)
    if not answers.size:
        return True
    size = np.bincount(where)
    width = int(answers.max()) + 1
    pairs = pd.unique(where * width + answers)
    distinct = np.bincount(pairs // width, minlength=len(size))
    used = size > 0
    return bool(np.all(size[used] >= MIN_PEOPLE) and np.all(distinct[used] >= 2))


def _split(cells: Codes, members: Flags) -> Codes:
    refined, _ = pd.factorize(cells.astype(np.int64) * 2 + members)
    return refined.astype(np.intp, copy=False)


def kept_groups(columns: Sequence[Codes], groups: Sequence[tuple[K, Flags]], size: int) -> list[K]:
    """The groups a question's figures may be shown for, in the order given (rule 2).

    ``columns``: every per-person value the question's figures are computed from (its answers, the strengths
    derived from them); ``groups``: the candidates with their members."""
    cells: Codes = np.zeros(size, dtype=np.intp)
    kept: list[K] = []
    for key, members in groups:
        candidate = _split(cells, members)
        if all(cells_safe(column, candidate) for column in columns):
            cells, kept = candidate, [*kept, key]
    return kept


def differ_by_few(first: Flags, second: Flags) -> bool:
    """Two groups whose members differ by 1-4 people in either direction (rule 3)."""
    only_first, only_second = int((first & ~second).sum()), int((second & ~first).sum())
    return 0 < only_first < MIN_PEOPLE or 0 < only_second < MIN_PEOPLE


def distinct_rows(columns: Sequence[Codes], size: int) -> Flags:
    """True on the first of each set of identical rows (every column, identifiers and timestamps included):
    a row copied five times is one respondent."""
    if not columns or not size:
        return np.ones(size, dtype=bool)
    table = np.stack([np.asarray(c, dtype=np.int64) for c in columns], axis=1)
    _, first = np.unique(table, axis=0, return_index=True)
    keep = np.zeros(size, dtype=bool)
    keep[first] = True
    return keep
