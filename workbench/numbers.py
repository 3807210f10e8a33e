"""Reading numbers the way Italian users, English users and Italian Excel files write them.

One parser for every place a person or a file hands us a number: the questionnaire,
the monitoring readings, the plan editor, the welfare page and the CLI. Italian comes
first ("1.200" is one thousand two hundred, "45,5" is forty-five and a half), English
forms are read where they cannot be mistaken ("1,200.50"), and what could be read two
ways ("1,200": 1.2 or 1200?) is refused with a message instead of guessed.
"""

from __future__ import annotations

import math
import re
from typing import Literal

NumberProblem = Literal["empty", "not_a_number", "ambiguous", "bad_grouping", "too_large", "too_precise"]

LARGEST_NUMBER = 1e12
"""The largest magnitude any figure may have: a thousand billion. No headcount, hour count, percentage, reading
or budget in euros comes near it, while a number past it (or ``inf``, or 400 nines) would reach the store, the
JSON export and the charts as ``inf``/``null`` and break them. One bound for every edge: read_number here, the
pydantic models (workbench.models.numeric) and the questionnaire's answers."""

MAX_SIGNIFICANT_DIGITS = 15
"""Digits a float keeps exactly: a longer number cannot be stored as written, so it is refused, not rounded."""

_SHOWN_CHARS = 24
"""How much of a refused text a message repeats: enough to recognise it, never a screenful of digits."""

_STRIP = str.maketrans("", "", " \u00a0\u202f\u2009'")  # spaces (also narrow/no-break) and Swiss apostrophes
_DIGITS = re.compile(r"\d+")
_UNITS = ("%", "€", "eur", "euro")

_MESSAGES: dict[NumberProblem, dict[str, str]] = {
    "empty": {"it": "nessun numero", "en": "no number"},
    "not_a_number": {
        "it": "«{text}» non è un numero (esempi: 1.200 · 45,5 · 40 %)",
        "en": "'{text}' is not a number (examples: 1,200.50 · 45.5 · 40 %)",
    },
    "ambiguous": {
        "it": "«{text}» si può leggere in due modi ({a} o {b}): scrivi {hint_it}",
        "en": "'{text}' can be read two ways ({a} or {b}): write {hint_en}",
    },
    "bad_grouping": {
        "it": "«{text}»: le migliaia vanno a gruppi di tre cifre (1.200.000 o 1.200,50)",
        "en": "'{text}': thousands go in groups of three digits (1,200,000 or 1,200.50)",
    },
    "too_large": {
        "it": "«{text}» è troppo grande: nessun dato supera mille miliardi (1.000.000.000.000)",
        "en": "'{text}' is too large: no figure goes beyond a thousand billion (1,000,000,000,000)",
    },
    "too_precise": {
        "it": "«{text}» ha troppe cifre: al massimo 15 cifre significative",
        "en": "'{text}' has too many digits: at most 15 significant digits",
    },
}


class NumberError(ValueError):
    """A text that is not one clear number; ``message(lang)`` says why, in words a user reads."""

    def __init__(self, problem: NumberProblem, text: str, **details: str) -> None:
        self.problem = problem
        self.text = text
        self.details = details
        super().__init__(self.message("it"))

    def message(self, lang: str = "it") -> str:
        template = _MESSAGES[self.problem]
        shown = self.text if len(self.text) <= _SHOWN_CHARS else self.text[: _SHOWN_CHARS - 1] + "…"
        return (template.get(lang) or template["it"]).format(text=shown, **self.details)


def is_plausible(value: float) -> bool:
    """True for a finite number within ±LARGEST_NUMBER (a huge int is compared exactly, never turned to float)."""
    if isinstance(value, float) and not math.isfinite(value):
        return False
    return -LARGEST_NUMBER <= value <= LARGEST_NUMBER


def _grouped(body: str, sep: str) -> bool:
    return re.fullmatch(rf"\d{{1,3}}(?:{re.escape(sep)}\d{{3}})+", body) is not None


def unambiguous_fraction(digits: str) -> str:
    """Decimal digits that cannot pass for a thousands group: three of them get a trailing zero ('001' -> '0010')."""
    return digits + "0" if len(digits) == 3 else digits


def read_number(text: str) -> float:
    """The number ``text`` means, or NumberError (empty, not a number, ambiguous, badly grouped).

    Rules, Italian first:
    - both separators: the last one is the decimal mark, the other groups thousands ("1.200,50", "1,200.50");
    - dots only: several are thousands ("1.200.000"); one followed by exactly three digits is thousands
      ("1.200" = 1200), otherwise it is a decimal point ("12.5", "0.125");
    - commas only: several are thousands ("1,200,000"); one followed by exactly three digits after 1-3
      digits is ambiguous ("1,200") and refused; otherwise it is the decimal comma ("45,5", "0,125");
    - a trailing "%" or "€" and spaces are ignored; exponents, fractions and words are refused;
    - beyond LARGEST_NUMBER, or with more than MAX_SIGNIFICANT_DIGITS significant digits, it is refused.
    """
    original = text.strip()
    cleaned = original.translate(_STRIP).lower()
    for unit in _UNITS:
        if cleaned.endswith(unit):
            cleaned = cleaned[: -len(unit)]
        if cleaned.startswith(unit):
            cleaned = cleaned[len(unit) :]
    if not cleaned:
        raise NumberError("empty", original)
    sign = ""
    if cleaned[0] in "+-":
        sign, cleaned = ("-" if cleaned[0] == "-" else ""), cleaned[1:]
    if not cleaned or not re.fullmatch(r"[0-9.,]+", cleaned) or not cleaned[0].isdigit() or not cleaned[-1].isdigit():
        raise NumberError("not_a_number", original)
    dots, commas = cleaned.count("."), cleaned.count(",")
    if dots and commas:
        decimal = "." if cleaned.rfind(".") > cleaned.rfind(",") else ","
        group = "," if decimal == "." else "."
        whole, _, fraction = cleaned.rpartition(decimal)
        if group in fraction or decimal in whole or not _grouped(whole, group):
            raise NumberError("bad_grouping", original)
        number = f"{whole.replace(group, '')}.{fraction}"
    elif dots + commas == 0:
        number = cleaned
    else:
        sep = "." if dots else ","
        whole, _, fraction = cleaned.partition(sep)
        if dots + commas > 1:
            if not _grouped(cleaned, sep):
                raise NumberError("bad_grouping", original)
            number = cleaned.replace(sep, "")
        elif len(fraction) == 3 and len(whole) <= 3 and whole != "0":
            if sep == ",":
                decimal_reading = f"{whole},{unambiguous_fraction(fraction.rstrip('0'))}".rstrip(",")
                raise NumberError(
                    "ambiguous",
                    original,
                    a=f"{whole}{fraction}",
                    b=decimal_reading,
                    hint_it=f"{whole}.{fraction} oppure {decimal_reading}",
                    hint_en=f"{whole}{fraction} or {decimal_reading.replace(',', '.')}",
                )
            number = whole + fraction  # "1.200": the Italian thousands dot
        else:
            number = f"{whole}.{fraction}"
    value = float(sign + number)
    if not is_plausible(value):
        raise NumberError("too_large", original)
    if len(number.replace(".", "").strip("0")) > MAX_SIGNIFICANT_DIGITS:
        raise NumberError("too_precise", original)
    return value


def parse_number(text: str) -> float | None:
    """Lenient form of read_number for callers that only need "a number or not": None if it is not one."""
    try:
        return read_number(text)
    except NumberError:
        return None
