"""Text that is safe to put in XML (Word) and in chart renderers, whatever a user pasted.

XML 1.0 cannot hold most control characters, and the chart renderer (vl-convert, Rust)
aborts the whole process on a NUL inside a label: both would let one pasted character
take down an export or the app. Everything else stays exactly as typed.
"""

from __future__ import annotations

import re
from typing import Any

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(value: Any) -> Any:
    """Strings (also inside dicts and lists) without the characters XML 1.0 forbids."""
    if isinstance(value, str):
        return _XML_ILLEGAL.sub("", value)
    if isinstance(value, dict):
        return {k: xml_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [xml_safe(v) for v in value]
    return value


def one_line(text: str) -> str:
    """A label for a chart title or axis: XML-safe, on one line (vega breaks on newlines in titles)."""
    return " ".join(xml_safe(text).split())


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet reads as the start of a formula in a CSV or XLSX cell (OWASP, "CSV injection")."""


def safe_cell(text: str) -> str:
    """A spreadsheet cell of text that is never executed: a leading =, +, -, @ (or tab, CR) gets an apostrophe,
    and the control characters a worksheet cannot hold are dropped."""
    text = xml_safe(text)
    return "'" + text if text.startswith(FORMULA_START) else text
