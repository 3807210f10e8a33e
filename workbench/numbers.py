"""Reading numbers the way Italian users and Italian Excel files write them."""

from __future__ import annotations

import re

_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


def parse_number(text: str) -> float | None:
    """'1.234,5' -> 1234.5, '12,5' -> 12.5, '12.5' -> 12.5, '40 %' -> 40; None if not a number.

    A lone dot followed by exactly three digits ('1.234') is read as a thousands
    separator, as an Italian spreadsheet would write it.
    """
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").removesuffix("%").removesuffix("€")
    cleaned = cleaned.removeprefix("€")
    if not cleaned:
        return None
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"[+-]?\d{1,3}(\.\d{3})+", cleaned):
        cleaned = cleaned.replace(".", "")
    if not _NUMBER.match(cleaned):
        return None
    return float(cleaned)
