"""Italian users type and read numbers the Italian way."""

from __future__ import annotations

import datetime as dt

import pytest

from workbench.formatting import fmt_date, fmt_money, fmt_number, fmt_percent
from workbench.numbers import parse_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12", 12.0),
        ("12,5", 12.5),
        ("12.5", 12.5),
        ("1.234", 1234.0),
        ("1.234,56", 1234.56),
        ("1.234.567", 1234567.0),
        (" 40 % ", 40.0),
        ("€ 1.200", 1200.0),
        ("1.200 €", 1200.0),
        ("-3", -3.0),
        ("", None),
        ("dodici", None),
        ("12,5,3", None),
        ("1e309", None),
    ],
)
def test_parse_number_reads_italian_and_plain_notation(text: str, expected: float | None) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (1234.56, "it", "1.234,56\xa0€"),
        (0, "it", "0,00\xa0€"),
        (1234.56, "en", "€1,234.56"),
    ],
)
def test_money_follows_the_language(value: float, lang: str, expected: str) -> None:
    assert fmt_money(value, lang) == expected  # type: ignore[arg-type]


def test_numbers_percentages_and_dates_are_italian_by_default() -> None:
    assert fmt_number(1234.5) == "1.234,5"
    assert fmt_number(240) == "240"
    assert fmt_percent(38.46) == "38,5%"
    assert fmt_date(dt.date(2026, 11, 22)) == "22/11/2026"


def test_absurd_numbers_are_formatted_not_crashed_on() -> None:
    assert fmt_number(1e28) == "1e+28"
    assert fmt_number(float("inf")) == "inf"
