"""Indicator readings against the plan's targets: status, the rule behind it, charts and readings import.

The rule (shown to users with every status): the path from baseline to target is
expected to be covered in a straight line between the plan start and the target
date. At the latest reading, an indicator is *achieved* when it reached the target,
*on track* when it covered at least the expected share of the path minus 10
points, *at risk* down to 30 points below, *off track* otherwise (including moving
away from the target).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Literal, cast

import altair as alt
from pydantic import BaseModel, ConfigDict, ValidationError

from workbench.charts import SIZING, inline
from workbench.formatting import fmt_date
from workbench.i18n import t
from workbench.models.engagement import Reading
from workbench.models.numeric import FIRST_YEAR, LAST_YEAR
from workbench.models.plan import Plan, PlanIndicator
from workbench.models.text import Lang
from workbench.numbers import NumberError, read_number
from workbench.plain_text import one_line
from workbench.survey.importer import RejectedRow, normalise
from workbench.survey.reading import RawTable, SurveyFileError

Status = Literal["achieved", "on_track", "at_risk", "off_track", "no_target", "no_data"]
ON_TRACK_TOLERANCE = 0.10
AT_RISK_TOLERANCE = 0.30


class IndicatorStatus(BaseModel):
    model_config = ConfigDict(frozen=True)

    indicator: str
    name: str
    unit: str
    direction: str
    baseline: float | None
    baseline_from_readings: bool
    target: float | None
    target_date: dt.date | None
    latest: float | None
    latest_date: dt.date | None
    expected: float | None
    progress: float | None
    status: Status
    readings: list[Reading]


def _elapsed(start: dt.date, end: dt.date | None, when: dt.date) -> float:
    if end is None or end <= start:
        return 1.0
    return min(1.0, max(0.0, (when - start).days / (end - start).days))


def indicator_status(indicator: PlanIndicator, readings: Sequence[Reading], plan_start: dt.date) -> IndicatorStatus:
    ordered = sorted((r for r in readings if r.indicator == indicator.id), key=lambda r: r.date)
    latest = ordered[-1] if ordered else None
    baseline = indicator.baseline
    from_readings = False
    if baseline is None and len(ordered) >= 2:
        baseline, from_readings = ordered[0].value, True
    status: Status
    progress = expected = None
    if latest is None:
        status = "no_data"
    elif indicator.target is None or baseline is None:
        status = "no_target"
    else:
        gap = indicator.target - baseline
        share = _elapsed(plan_start, indicator.target_date, latest.date)
        expected = round(baseline + share * gap, 2)
        if gap == 0:
            progress = 1.0 if latest.value == indicator.target else 0.0
        else:
            progress = round((latest.value - baseline) / gap, 3)
        if progress >= 1:
            status = "achieved"
        elif progress >= share - ON_TRACK_TOLERANCE:
            status = "on_track"
        elif progress >= share - AT_RISK_TOLERANCE and progress >= 0:
            status = "at_risk"
        else:
            status = "off_track"
    return IndicatorStatus(
        indicator=indicator.id,
        name=indicator.name,
        unit=indicator.unit,
        direction=indicator.direction,
        baseline=baseline,
        baseline_from_readings=from_readings,
        target=indicator.target,
        target_date=indicator.target_date,
        latest=latest.value if latest else None,
        latest_date=latest.date if latest else None,
        expected=expected,
        progress=progress,
        status=status,
        readings=ordered,
    )


def plan_status(plan: Plan, readings: Sequence[Reading]) -> list[IndicatorStatus]:
    return [indicator_status(i, readings, plan.start_date) for i in plan.indicators]


def status_rule(lang: Lang) -> str:
    return t("mon_rule", lang, on=round(ON_TRACK_TOLERANCE * 100), risk=round(AT_RISK_TOLERANCE * 100))


def indicator_chart(status: IndicatorStatus, lang: Lang = "it") -> alt.LayerChart:
    """Readings over time against the target line (dashed) and the baseline (dotted)."""
    points = [{"date": r.date.isoformat(), "value": r.value, "label": fmt_date(r.date, lang)} for r in status.readings]
    line = (
        alt.Chart(inline(points))
        .mark_line(point=True, color="#1f3b4d")
        .encode(
            x=alt.X("date:T", title=None, axis=alt.Axis(format="%m/%Y")),
            y=alt.Y("value:Q", title=one_line(status.unit) or None, scale=alt.Scale(zero=False)),
            tooltip=["label:N", "value:Q"],
        )
    )
    layers: list[alt.Chart] = [line]
    for value, dash, name in ((status.target, [6, 3], t("mon_target", lang)), (status.baseline, [2, 2], "baseline")):
        if value is not None:
            layers.append(
                alt.Chart(inline([{"value": value, "name": name}]))
                .mark_rule(strokeDash=dash, color="#555555")
                .encode(y="value:Q", tooltip=["name:N", "value:Q"])
            )
    title = f"{one_line(status.name)} — {t('mon_status_' + status.status, lang)}"
    return cast(alt.LayerChart, alt.layer(*layers).properties(title=title, width=420, height=180, autosize=SIZING))


# ---- readings from a CSV/XLSX ------------------------------------------------------------------

_COLUMNS = {
    "indicator": {"indicatore", "indicator", "id", "kpi"},
    "date": {"data", "date", "giorno"},
    "value": {"valore", "value", "val"},
    "note": {"nota", "note", "notes", "commento"},
}


READING_NOTE_MAX = 1000
"""The longest note a reading keeps (ReadingNote): a longer one refuses its row rather than being cut."""
MAX_REJECTED_SHOWN = 50
"""Rejected rows listed one by one in the app and the CLI; past these, one line says how many more."""


def _read_date(text: str) -> tuple[dt.date | None, str]:
    """The day ``text`` names (gg/mm/aaaa or aaaa-mm-gg), or None and why not: 'missing', 'format' (not a date
    written either way), 'no_such_day' (31/02), 'years' (outside the years a reading may have)."""
    text = text.strip()
    if not text:
        return None, "missing"
    for pattern, order in ((r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$", "dmy"), (r"^(\d{4})-(\d{2})-(\d{2})", "ymd")):
        match = re.match(pattern, text)
        if match:
            a, b, c = (int(x) for x in match.groups())
            try:
                day = dt.date(c, b, a) if order == "dmy" else dt.date(a, b, c)
            except ValueError:
                return None, "no_such_day"
            if not FIRST_YEAR <= day.year <= LAST_YEAR:  # the Reading contract's years
                return None, "years"
            return day, ""
    return None, "format"


def _read_value(text: str) -> tuple[float | None, str]:
    """The number in a value cell, or None and the NumberProblem (inf, nan, 400 digits: 'not_a_number',
    'too_large', 'too_precise')."""
    try:
        return read_number(text), ""
    except NumberError as exc:
        return None, exc.problem


def readings_from_table(table: RawTable, plan: Plan, lang: Lang = "it") -> tuple[list[Reading], list[RejectedRow]]:
    """Readings by indicator id or name; each bad row is reported with its row number, good ones kept.

    The one parser of readings files, for the monitoring page and ``workbench monitor import``. A reason names
    the column (as headed in the file) and what is wrong, never the cell's content: an unknown "indicator" may
    be a person's name pasted in the wrong column. Nothing is cut or guessed: a note too long for a reading
    refuses its row instead of losing its end."""
    positions: dict[str, int] = {}
    for index, header in enumerate(table.headers):
        for key, names in _COLUMNS.items():
            if normalise(header) in names and key not in positions:
                positions[key] = index
    missing = [k for k in ("indicator", "date", "value") if k not in positions]
    if missing:
        named = ", ".join(t(f"mon_import_col_{k}", lang) for k in missing)
        raise SurveyFileError(t("mon_missing_columns", lang, columns=named))
    column = {k: table.headers[i] for k, i in positions.items()}
    by_key = {normalise(i.id): i.id for i in plan.indicators} | {normalise(i.name): i.id for i in plan.indicators}
    readings: list[Reading] = []
    rejected: list[RejectedRow] = []
    for number, row in enumerate(table.rows, start=2):
        cells = {k: (row[i].strip() if i < len(row) else "") for k, i in positions.items()}
        if not any(cells.values()):
            continue
        problems: list[str] = []
        indicator = by_key.get(normalise(cells["indicator"]))
        if indicator is None:
            key = "mon_import_indicator_missing" if not cells["indicator"] else "mon_import_indicator_unknown"
            problems.append(t(key, lang, column=column["indicator"]))
        day, date_problem = _read_date(cells["date"])
        if date_problem:
            problems.append(
                t(f"mon_import_date_{date_problem}", lang, column=column["date"], first=FIRST_YEAR, last=LAST_YEAR)
            )
        value, value_problem = _read_value(cells["value"])
        if value_problem:
            problems.append(t(f"mon_import_value_{value_problem}", lang, column=column["value"]))
        note = cells.get("note", "")
        if len(note) > READING_NOTE_MAX:
            problems.append(
                t("mon_import_note_too_long", lang, column=column["note"], n=len(note), max=READING_NOTE_MAX)
            )
        if not problems and indicator is not None and day is not None and value is not None:
            try:
                readings.append(Reading(indicator=indicator, date=day, value=value, note=note))
                continue
            except ValidationError:  # e.g. a control character the store refuses in the note
                problems.append(t("mon_import_row_invalid", lang))
        rejected.append(RejectedRow(row=number, reason="; ".join(problems)))
    return readings, rejected


def rejected_lines(rejected: Sequence[RejectedRow], lang: Lang = "it") -> tuple[list[RejectedRow], str]:
    """The rejected rows to list one by one, and a line saying how many more there are ('' if none)."""
    more = len(rejected) - MAX_REJECTED_SHOWN
    return list(rejected[:MAX_REJECTED_SHOWN]), t("mon_import_more_rejected", lang, n=more) if more > 0 else ""
