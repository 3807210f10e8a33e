"""Numbers, money, percentages and dates in the user's language (Italian by default).

Everything a person reads goes through here, so '1.234,56 €' and '22/11/2026'
are written one way in the CLI, the app and the Word plan.
"""

from __future__ import annotations

import datetime as dt
import math

from babel.dates import format_date as _babel_date
from babel.numbers import format_currency, format_decimal, get_decimal_symbol

from workbench.models.text import Lang
from workbench.numbers import unambiguous_fraction

LOCALES: dict[Lang, str] = {"it": "it_IT", "en": "en_GB"}


def fmt_number(value: float, lang: Lang = "it", digits: int = 1) -> str:
    """1234.5 -> '1.234,5'; integers keep no decimals."""
    if not math.isfinite(value) or abs(value) >= 1e15:
        return f"{value:.3g}"  # beyond what babel's decimal context formats; never a real answer anyway
    pattern = "#,##0" if float(value).is_integer() or digits == 0 else "#,##0." + "#" * digits
    return format_decimal(value, format=pattern, locale=LOCALES[lang])


def fmt_percent(value: float, lang: Lang = "it", digits: int = 1) -> str:
    """A value already in percent: 38.46 -> '38,5%'."""
    return f"{fmt_number(round(value, digits), lang, digits)}%"


def fmt_measure(value: float, unit: str, lang: Lang = "it") -> str:
    """An indicator's value with its unit: '38,5%' for a percentage, '42 min', '2,8' without a unit."""
    if unit.strip() == "%":
        return fmt_percent(value, lang)
    return f"{fmt_number(value, lang)} {unit}".strip()


_WHOLE_EUROS: dict[Lang, str] = {"it": "#,##0\u00a0¤", "en": "¤#,##0"}


def fmt_money(value: float, lang: Lang = "it", cents: bool = True) -> str:
    """1234.56 -> '1.234,56 €' (Italian) or '€1,234.56' (English); cents=False -> '1.235 €'."""
    if cents:
        return format_currency(value, "EUR", locale=LOCALES[lang])
    return format_currency(round(value), "EUR", format=_WHOLE_EUROS[lang], locale=LOCALES[lang], currency_digits=False)


def fmt_date(value: dt.date, lang: Lang = "it") -> str:
    """22 Nov 2026 -> '22/11/2026' in both languages (the plan is an Italian document)."""
    return _babel_date(value, format="dd/MM/yyyy", locale=LOCALES[lang])


def fmt_month_year(value: dt.date, lang: Lang = "it") -> str:
    """1 Dec 2028 -> 'dicembre 2028' / 'December 2028': how an objective's deadline reads."""
    return _babel_date(value, format="LLLL yyyy", locale=LOCALES[lang])


_EDITABLE: dict[Lang, str] = {"it": "#,##0.######", "en": "0.######"}
"""Patterns of numbers put back in text fields: Italian keeps thousands dots, English has no thousands commas."""


def fmt_editable(value: float, lang: Lang = "it") -> str:
    """A number to put back in a text field so that read_number reads it again exactly.

    Italian: '1.200', '45,5', '0,125'. English has no thousands commas ('1200.5'):
    '1,200' would be refused as ambiguous when the user edits it.
    """
    if not math.isfinite(value) or abs(value) >= 1e15:
        return f"{value:.3g}"
    text = format_decimal(value, format=_EDITABLE[lang], locale=LOCALES[lang])
    mark = get_decimal_symbol(LOCALES[lang])
    whole, found, fraction = text.rpartition(mark)
    if found and len(whole.lstrip("-")) <= 3 and whole.lstrip("-") != "0":
        text = f"{whole}{mark}{unambiguous_fraction(fraction)}"  # '1,001' would read as one thousand and one
    return text
