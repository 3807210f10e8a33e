"""Turning an uploaded survey export (CSV of any common flavour, or XLSX) into rows of text cells.

Italian Excel writes CSV with ';', cp1252 and decimal commas; Google Forms and
LimeSurvey write UTF-8 with ','; Microsoft Forms gives XLSX. Everything comes out
as strings here: typing and validation happen per question in the importer.
Untrusted files are bounded: size, XLSX uncompressed size (zip bombs), rows.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field

from workbench.settings import MAX_UPLOAD_MB

MAX_SURVEY_BYTES = MAX_UPLOAD_MB * 1024 * 1024
MAX_XLSX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_ROWS = 500_000


class SurveyFileError(ValueError):
    """The file cannot be read at all; the message says why in Italian."""


@dataclass(frozen=True)
class RawTable:
    headers: list[str]
    rows: list[list[str]]
    encoding: str
    delimiter: str
    notes: list[str] = field(default_factory=list)


def read_table(name: str, data: bytes) -> RawTable:
    if not data:
        raise SurveyFileError("il file è vuoto")
    if len(data) > MAX_SURVEY_BYTES:
        size = len(data) / 1024 / 1024
        raise SurveyFileError(f"file troppo grande ({size:.0f} MB, massimo {MAX_SURVEY_BYTES // 1024 // 1024} MB)")
    if data[:2] == b"PK" or name.lower().endswith((".xlsx", ".xlsm")):
        return _read_xlsx(name, data)
    return _read_csv(name, data)


def _decode(data: bytes) -> tuple[str, str]:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:  # a UTF-16 mark on bytes that are not UTF-16 text
            raise SurveyFileError("non è un file di testo leggibile (codifica UTF-16 danneggiata)") from exc
    if data[:3] == b"\xef\xbb\xbf":
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _delimiter(text: str) -> str:
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=";,\t").delimiter
    except csv.Error:
        header = text.splitlines()[0] if text else ""
        return max(";,\t", key=header.count)


def _read_csv(name: str, data: bytes) -> RawTable:
    text, encoding = _decode(data)
    if "\x00" in text:
        raise SurveyFileError("non sembra un file di testo CSV (contiene caratteri binari)")
    if not text.strip():
        raise SurveyFileError("il file è vuoto")
    delimiter = _delimiter(text)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        table = list(reader)
    except csv.Error as exc:
        raise SurveyFileError(f"CSV non leggibile: {exc}") from exc
    if len(table) > MAX_ROWS + 1:
        raise SurveyFileError(f"troppe righe ({len(table) - 1}, massimo {MAX_ROWS})")
    headers = [h.strip() for h in table[0]]
    return RawTable(headers=headers, rows=table[1:], encoding=encoding, delimiter=delimiter)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def _read_xlsx(name: str, data: bytes) -> RawTable:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise SurveyFileError("non è un file Excel (.xlsx) valido") from exc
    if total > MAX_XLSX_UNCOMPRESSED:
        raise SurveyFileError(f"il file Excel decompresso sarebbe troppo grande ({total // 1024 // 1024} MB)")
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds of errors on bad files
        raise SurveyFileError(f"il file Excel non si apre ({type(exc).__name__})") from exc
    try:
        sheet = workbook.worksheets[0]
        rows: list[list[str]] = []
        for index, row in enumerate(sheet.iter_rows(values_only=True)):
            if index > MAX_ROWS:
                raise SurveyFileError(f"troppe righe (massimo {MAX_ROWS})")
            rows.append([_cell(v) for v in row])
    finally:
        workbook.close()
    while rows and not any(c.strip() for c in rows[-1]):
        rows.pop()
    if not rows:
        raise SurveyFileError("il foglio è vuoto")
    return RawTable(headers=[h.strip() for h in rows[0]], rows=rows[1:], encoding="xlsx", delimiter="")
