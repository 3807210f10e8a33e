"""The numbers and dates a contract accepts from outside: finite, within a bound no real figure reaches.

A plan JSON, an engagement export, a monitoring reading or an answers file may carry ``Infinity``, ``NaN``,
400 nines or ``9999-12-01``. Python takes them all, and they crash much later (a Word render adding months
past year 9999, an export writing ``null`` that its own import then refuses). These types refuse them where
the data comes in, with a validation error that names the field. The bound is the number parser's
(workbench.numbers.LARGEST_NUMBER), so typed text, files and the store follow one rule.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator, Field

from workbench.numbers import LARGEST_NUMBER

FIRST_YEAR = 1900
LAST_YEAR = 2199
"""Dates outside these years are typing mistakes (a plan starting in 9999, a reading from year 1): a plan of up
to 60 months starting in LAST_YEAR still ends in a year Python can represent, and any baseline a consultant
could have is after FIRST_YEAR."""

Figure = Annotated[float, Field(allow_inf_nan=False, ge=-LARGEST_NUMBER, le=LARGEST_NUMBER)]
"""A measured or declared quantity (a reading, a baseline, a target, an amount in euros)."""

Count = Annotated[int, Field(ge=-int(LARGEST_NUMBER), le=int(LARGEST_NUMBER))]
"""A whole number from outside (people, respondents): an int of 400 digits is refused before any arithmetic."""


def _in_years(day: dt.date) -> dt.date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(f"the date {day.isoformat()} is not plausible (years {FIRST_YEAR}-{LAST_YEAR})")
    return day


CalendarDate = Annotated[dt.date, AfterValidator(_in_years)]
"""A date in a plan, a reading or a baseline: within FIRST_YEAR-LAST_YEAR."""
