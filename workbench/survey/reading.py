"""Turning an uploaded survey export (CSV of any common flavour, or XLSX) into columns of text cells.

Italian Excel writes CSV with ';', cp1252 and decimal commas; Google Forms and
LimeSurvey write UTF-8 with ','; Microsoft Forms gives XLSX. Everything comes out
as strings here: typing and validation happen per question in the importer.
Untrusted files are bounded: size (``Settings.max_upload_mb``), XLSX uncompressed
size (zip bombs), rows, and the sample the delimiter is guessed from.

A CSV is split by pandas' C parser, with the quoting rules of Python's csv module
(the file's first record is read by both and must agree); a file pandas cannot split
the csv module's way (an unterminated quote, a leading BOM) is read by the csv module.
Each column is kept as its distinct texts plus, per row, an index into them.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from workbench.settings import get_settings

MAX_XLSX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_ROWS = 500_000
SNIFF_LINES = 20
SNIFF_CHARS = 8 * 1024
"""The delimiter is guessed from the first 20 lines, at most this many characters of them: csv.Sniffer's
quote regexes are quadratic in the sample (a 100 KB line of ';"x' took 46 s)."""
PANDAS_MAX_COLUMNS = 2_000
"""Wider files (never a real export) are split by the csv module: pandas spends about 0.1 ms per column."""
_LINE_BREAK = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
"""What str.splitlines() splits on."""


class SurveyFileError(ValueError):
    """The file cannot be read at all; the message says why in Italian."""


def max_upload_bytes() -> int:
    """The upload cap in bytes, read from the settings each time (WORKBENCH_MAX_UPLOAD_MB)."""
    return get_settings().max_upload_mb * 1024 * 1024


def upload_cap_mb(server_limit_mb: int | None = None) -> int:
    """The cap an app uploader offers, in MB: the setting, never more than Streamlit's ``server.maxUploadSize``
    (``server_limit_mb``), which would refuse a bigger file with no message of ours."""
    cap = get_settings().max_upload_mb
    return cap if server_limit_mb is None else max(1, min(cap, server_limit_mb))


def _tenths_of_mb(size: int) -> int:
    return round(size * 10 / 1024 / 1024)


def _megabytes(tenths: int) -> str:
    """12.3 MB as '12,3', 100 MB as '100'."""
    return f"{tenths // 10}" if tenths % 10 == 0 else f"{tenths // 10},{tenths % 10}"


def check_size(size: int, max_bytes: int | None = None) -> None:
    """Refuse a file of ``size`` bytes over the cap, with a message naming both (to a tenth of a MB; a file
    just over the cap reads a tenth over it, never as the cap itself)."""
    cap = max_upload_bytes() if max_bytes is None else max_bytes
    if size > cap:
        shown = max(_tenths_of_mb(size), _tenths_of_mb(cap) + 1)
        raise SurveyFileError(
            f"file troppo grande ({_megabytes(shown)} MB, massimo {_megabytes(_tenths_of_mb(cap))} MB)"
        )


@dataclass(frozen=True)
class TextColumn:
    """One column of a table: its distinct texts, and per row the index of the row's text in ``values``."""

    codes: npt.NDArray[np.intp]
    values: list[str]

    @classmethod
    def of(cls, cells: npt.NDArray[np.object_] | list[str]) -> TextColumn:
        codes, uniques = pd.factorize(np.asarray(cells, dtype=object))
        return cls(codes.astype(np.intp, copy=False), [str(v) for v in uniques])

    @classmethod
    def compact(cls, codes: npt.NDArray[np.integer[Any]], values: list[str]) -> TextColumn:
        """From codes into ``values``, keeping only the values some row has."""
        used = np.bincount(codes, minlength=len(values)) > 0
        if used.all():
            return cls(codes.astype(np.intp), values)
        renumber = np.cumsum(used) - 1
        return cls(renumber[codes].astype(np.intp), [v for v, keep in zip(values, used, strict=True) if keep])


class RawTable:
    """A sheet of text cells: the header row, then ``size`` rows of one cell per header (a short row is
    padded with empty cells, cells past the headers are dropped).

    Held as columns (from pandas' parser) or as rows (from the csv module or a worksheet), whichever the
    reader made; a column is made from the rows when first asked for, so a table of 300,000 columns costs
    nothing until the importer picks the few it matched.
    """

    def __init__(
        self,
        headers: list[str],
        *,
        size: int,
        encoding: str,
        delimiter: str,
        columns: list[TextColumn] | None = None,
        rows: list[list[str]] | None = None,
        notes: list[str] | None = None,
    ) -> None:
        assert (columns is None) != (rows is None), "a table is held as columns or as rows"
        self.headers = headers
        self.size = size
        self.encoding = encoding
        self.delimiter = delimiter
        self.notes = notes or []
        self._columns: dict[int, TextColumn] = dict(enumerate(columns or []))
        self._rows = rows

    @classmethod
    def from_rows(cls, headers: list[str], rows: list[list[str]], *, encoding: str, delimiter: str) -> RawTable:
        return cls([h.strip() for h in headers], size=len(rows), encoding=encoding, delimiter=delimiter, rows=rows)

    def column(self, index: int) -> TextColumn:
        """The cells under ``headers[index]``."""
        found = self._columns.get(index)
        if found is None:
            if self._rows is None or not 0 <= index < len(self.headers):
                raise IndexError(index)
            found = self._columns[index] = TextColumn.of([r[index] if index < len(r) else "" for r in self._rows])
        return found

    def first_of_duplicates(self) -> npt.NDArray[np.bool_]:
        """True on the first of each set of rows identical in every column (identifiers, timestamps too)."""
        from workbench.survey.disclosure import distinct_rows

        if self._rows is not None:
            width = len(self.headers)
            seen: set[tuple[str, ...]] = set()
            keep = np.zeros(self.size, dtype=bool)
            for index, row in enumerate(self._rows):
                key = tuple(row[:width]) + ("",) * (width - len(row))
                if key not in seen:
                    seen.add(key)
                    keep[index] = True
            return keep
        return distinct_rows([self.column(i).codes for i in range(len(self.headers))], self.size)

    @property
    def rows(self) -> list[list[str]]:
        """The rows as lists of cells, one per header."""
        width = len(self.headers)
        if self._rows is not None:
            return [r[:width] + [""] * (width - len(r)) for r in self._rows]
        if not width:
            return [[] for _ in range(self.size)]
        cells = [np.asarray([*c.values, ""], dtype=object)[c.codes] for c in (self.column(i) for i in range(width))]
        return [list(row) for row in zip(*cells, strict=True)]


def read_file(path: Path, max_bytes: int | None = None) -> RawTable:
    """A survey or readings file from disk; one over the cap is refused before it is read."""
    check_size(path.stat().st_size, max_bytes)
    return read_table(path.name, path.read_bytes(), max_bytes)


def read_table(name: str, data: bytes, max_bytes: int | None = None) -> RawTable:
    """``max_bytes``: the cap (default: ``Settings.max_upload_mb``)."""
    if not data:
        raise SurveyFileError("il file è vuoto")
    check_size(len(data), max_bytes)
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


def _first_line(text: str) -> str:
    """``text.splitlines()[0]`` without splitting the whole text."""
    found = _LINE_BREAK.search(text)
    return text if found is None else text[: found.start()]


def _sniff_sample(text: str) -> str:
    """The first SNIFF_LINES lines, cut to whole lines within SNIFF_CHARS (the first line alone is cut)."""
    head = text[: SNIFF_CHARS + 1]
    lines = head.splitlines()
    if len(head) > SNIFF_CHARS and len(lines) <= SNIFF_LINES:
        lines = lines[:-1] or [head[:SNIFF_CHARS]]  # the last line is cut short: leave it out
    return "\n".join(lines[:SNIFF_LINES])


def _delimiter(text: str) -> str:
    try:
        return csv.Sniffer().sniff(_sniff_sample(text), delimiters=";,\t").delimiter
    except csv.Error:
        header = _first_line(text) if text else ""
        return max(";,\t", key=header.count)


def _read_csv(name: str, data: bytes) -> RawTable:
    text, encoding = _decode(data)
    if "\x00" in text:
        raise SurveyFileError("non sembra un file di testo CSV (contiene caratteri binari)")
    if not text or text.isspace():
        raise SurveyFileError("il file è vuoto")
    delimiter = _delimiter(text)
    try:
        lines = text.count("\n") + text.count("\r") - text.count("\r\n") + 1
        if lines > MAX_ROWS + 1:  # perhaps more records than allowed: count them without keeping them
            records = sum(1 for _ in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
            if records > MAX_ROWS + 1:
                raise SurveyFileError(f"troppe righe ({records - 1}, massimo {MAX_ROWS})")
        headers = next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), [])
        table = _split_with_pandas(text, data if encoding == "utf-8" else None, encoding, delimiter, headers)
        if table is None:
            reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
            rows: list[list[str]] = []
            try:
                rows.extend(reader)
            except csv.Error as exc:
                if "field limit" not in str(exc):
                    raise
                raise SurveyFileError(_too_long_cell(len(rows) + 1, "", csv.field_size_limit())) from exc
            table = RawTable.from_rows(rows[0], rows[1:], encoding=encoding, delimiter=delimiter)
    except csv.Error as exc:
        if "field limit" in str(exc):  # counting the records met the long cell first
            raise SurveyFileError(_too_long_cell(0, "", csv.field_size_limit())) from exc
        raise SurveyFileError(f"CSV non leggibile: {exc}") from exc
    if table.size > MAX_ROWS:
        raise SurveyFileError(f"troppe righe ({table.size}, massimo {MAX_ROWS})")
    return table


def _too_long_cell(row: int, header: str, limit: int) -> str:
    """A cell no CSV reader here holds (a line of a file that is not a table, or a pasted document), said with
    where it is and never what it says."""
    where = f"riga {row}" if row > 0 else "una riga"
    if header.strip():
        where += f", colonna «{header.strip()[:40]}»"
    return f"{where}: una cella supera {f'{limit:,}'.replace(',', '.')} caratteri (non è un file di dati leggibile)"


def _split_with_pandas(
    text: str, utf8: bytes | None, encoding: str, delimiter: str, headers: list[str]
) -> RawTable | None:
    """The table split by pandas' C parser the way csv.reader splits it, or None where it cannot be.

    ``headers``: the first record as the csv module reads it; ``utf8``: ``text`` encoded, if at hand."""
    width = len(headers)
    if not 0 < width <= PANDAS_MAX_COLUMNS or text.startswith("\ufeff"):  # pandas would drop a BOM csv keeps
        return None
    source = utf8 if utf8 is not None else text.encode("utf-8")
    try:
        frame = pd.read_csv(
            io.BytesIO(source),
            encoding="utf-8",
            sep=delimiter,
            header=None,
            usecols=range(width),  # cells past the header row's are dropped, as before
            dtype="category",  # the parser gives each column's distinct texts and codes: no string per cell
            na_filter=False,
            skip_blank_lines=False,
            quoting=csv.QUOTE_MINIMAL,
            quotechar='"',
            doublequote=True,
            engine="c",
            low_memory=False,
        )
    except (ValueError, pd.errors.ParserError, UnicodeDecodeError):  # e.g. EOF inside a quoted field
        return None
    del source
    if frame.shape[1] != width or frame.iloc[0].tolist() != headers:
        return None
    limit = csv.field_size_limit()
    columns = []
    for position, (_, cells) in enumerate(frame.items()):
        column = TextColumn.compact(cells.cat.codes.to_numpy()[1:], [str(v) for v in cells.cat.categories])
        lengths = np.fromiter(map(len, column.values), dtype=np.int64, count=len(column.values))
        if lengths.size and lengths.max() > limit:
            row = int(np.argmax(lengths[column.codes] > limit)) + 2  # the header is row 1
            raise SurveyFileError(_too_long_cell(row, headers[position], limit))
        columns.append(column)
    return RawTable(
        [h.strip() for h in headers], size=len(frame) - 1, encoding=encoding, delimiter=delimiter, columns=columns
    )


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
    return RawTable.from_rows(rows[0], rows[1:], encoding="xlsx", delimiter="")
