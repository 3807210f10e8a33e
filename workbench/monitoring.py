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
from pydantic import BaseModel, ConfigDict

from workbench.charts import SIZING, inline
from workbench.formatting import fmt_date
from workbench.i18n import t
from workbench.models.engagement import Reading
from workbench.models.numeric import FIRST_YEAR, LAST_YEAR
from workbench.models.plan import Plan, PlanIndicator
from workbench.models.text import Lang
from workbench.numbers import parse_number
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


def _parse_date(text: str) -> dt.date | None:
    text = text.strip()
    for pattern, order in ((r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$", "dmy"), (r"^(\d{4})-(\d{2})-(\d{2})", "ymd")):
        match = re.match(pattern, text)
        if match:
            a, b, c = (int(x) for x in match.groups())
            try:
                day = dt.date(c, b, a) if order == "dmy" else dt.date(a, b, c)
            except ValueError:
                return None
            return day if FIRST_YEAR <= day.year <= LAST_YEAR else None  # the Reading contract's years
    return None


def readings_from_table(table: RawTable, plan: Plan) -> tuple[list[Reading], list[RejectedRow]]:
    """Readings by indicator id or name; each bad row is reported with its row number, good ones kept."""
    positions: dict[str, int] = {}
    for index, header in enumerate(table.headers):
        for key, names in _COLUMNS.items():
            if normalise(header) in names and key not in positions:
                positions[key] = index
    missing = [k for k in ("indicator", "date", "value") if k not in positions]
    if missing:
        raise SurveyFileError(t("mon_missing_columns", "it", columns=", ".join(missing)))
    by_key = {normalise(i.id): i.id for i in plan.indicators} | {normalise(i.name): i.id for i in plan.indicators}
    readings: list[Reading] = []
    rejected: list[RejectedRow] = []
    for number, row in enumerate(table.rows, start=2):
        cells = {k: (row[i].strip() if i < len(row) else "") for k, i in positions.items()}
        if not any(cells.values()):
            continue
        indicator = by_key.get(normalise(cells["indicator"]))
        day = _parse_date(cells["date"])
        value = parse_number(cells["value"]) if cells["value"] else None
        problems = []
        if indicator is None:
            problems.append(f"indicatore sconosciuto nel piano: '{cells['indicator']}'")
        if day is None:
            problems.append(f"data non valida: '{cells['date']}' (usa gg/mm/aaaa)")
        if value is None:
            problems.append(f"valore non numerico: '{cells['value']}'")
        if problems or indicator is None or day is None or value is None:
            rejected.append(RejectedRow(row=number, reason="; ".join(problems)))
            continue
        readings.append(Reading(indicator=indicator, date=day, value=value, note=cells.get("note", "")[:1000]))
    return readings, rejected
