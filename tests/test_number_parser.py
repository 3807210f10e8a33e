"""The one number parser: what people type in the questionnaire, the monitoring, the plan editor, the
welfare page and the CLI. Italian first, English where it cannot be mistaken, and nothing guessed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.formatting import fmt_editable
from workbench.models.text import Lang
from workbench.numbers import NumberError, parse_number, read_number


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        # Italian
        ("1.200", 1200.0),  # a budget of one thousand two hundred euros, not 1.2
        ("1.200,50", 1200.5),
        ("45,5", 45.5),
        ("0,125", 0.125),
        ("1.234.567", 1234567.0),
        ("1.234.567,89", 1234567.89),
        ("1200,5", 1200.5),
        ("3,25", 3.25),
        ("-2,5", -2.5),
        # with units and spaces, as copied from a report
        ("40 %", 40.0),
        ("40%", 40.0),
        ("12,5 %", 12.5),
        ("€ 1.200", 1200.0),
        ("1.200 €", 1200.0),
        ("1.200,00 EUR", 1200.0),
        ("1 200", 1200.0),
        ("1\u00a0200,50", 1200.5),  # a no-break space from Excel
        ("  38  ", 38.0),
        ("+7", 7.0),
        # English forms that cannot be read another way
        ("1,200.50", 1200.5),
        ("1,200,000", 1200000.0),
        ("12.5", 12.5),
        ("12.0", 12.0),
        ("0.125", 0.125),
        ("1.5", 1.5),
        ("1234.56", 1234.56),
        # plain integers
        ("0", 0.0),
        ("85", 85.0),
        ("100000", 100000.0),
    ],
)
def test_a_number_is_read_as_the_person_meant_it(typed: str, meant: float) -> None:
    assert read_number(typed) == meant


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("1,200", "ambiguous"),  # 1.2 in Italian, 1200 in English: asked, not guessed
        ("12,500", "ambiguous"),
        ("100,000", "ambiguous"),
        ("1.2.3", "bad_grouping"),
        ("1,2,3", "bad_grouping"),
        ("12.34.567", "bad_grouping"),
        ("1.234,5.6", "bad_grouping"),
        ("1,234.5,6", "bad_grouping"),
        ("1.23,5", "bad_grouping"),
        ("", "empty"),
        ("   ", "empty"),
        ("%", "empty"),
        ("dodici", "not_a_number"),
        ("1e3", "not_a_number"),
        (",5", "not_a_number"),
        ("5,", "not_a_number"),
        ("1/2", "not_a_number"),
        ("12 dipendenti", "not_a_number"),
        ("--3", "not_a_number"),
    ],
)
def test_what_could_be_read_two_ways_or_is_no_number_is_refused_with_a_reason(typed: str, problem: str) -> None:
    with pytest.raises(NumberError) as refused:
        read_number(typed)
    assert refused.value.problem == problem
    assert parse_number(typed) is None


def test_the_message_says_both_readings_and_how_to_write_each() -> None:
    with pytest.raises(NumberError) as refused:
        read_number("1,200")
    assert refused.value.message("it") == "«1,200» si può leggere in due modi (1200 o 1,2): scrivi 1.200 oppure 1,2"
    assert "1200 or 1.2" in refused.value.message("en")


@given(st.decimals(min_value=-1_000_000, max_value=1_000_000, places=3, allow_nan=False, allow_infinity=False))
def test_a_number_written_back_into_a_field_reads_back_the_same_in_both_languages(value: Decimal) -> None:
    number = float(value)
    languages: tuple[Lang, ...] = ("it", "en")
    for lang in languages:
        assert read_number(fmt_editable(number, lang)) == pytest.approx(number, abs=1e-9)
