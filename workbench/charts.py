"""Altair charts built once and used twice: in the app (st.altair_chart) and in Word (PNG).

Charts must read in black-and-white print: values are written on the bars and
levels are told apart by lightness, not hue alone.

Sizing, one rule for both places: the plot is ``plot_height(rows)`` pixels high,
``ROW_HEIGHT`` per bar, so every row label has room; the width is the whole chart's
(``autosize: fit-x``). Word gets ``WIDTH``; the app gets its column's width, because
``st.altair_chart(chart)`` (width "stretch", height "content") replaces the spec's
width and keeps its height. Never pass ``height=`` to ``st.altair_chart`` for these
charts: Streamlit then sets the spec's height to that number and, with the
``autosize: fit`` it adds to any spec without one, squeezes title, axes and legend
into it, so the plot shrinks and its theme (``labelOverlap: true``) hides every
second label.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping, Sequence

import altair as alt

from workbench.i18n import t
from workbench.models.plan import Plan
from workbench.models.scoring import DimensionScore
from workbench.models.text import Lang
from workbench.plain_text import one_line, xml_safe

LEVEL_COLOURS = {"low": "#c9d6df", "medium": "#6f8fa6", "high": "#1f3b4d"}
WIDTH = 700  # px, the whole chart (labels, plot, legend) in Word; in the app, the column's width
ROW_HEIGHT = 24  # px per bar: a 16 px label box in Streamlit's theme (10 px font in Word) plus a gap
MIN_PLOT_HEIGHT = 60
SIZING = alt.AutoSizeParams(type="fit-x", contains="padding")  # width: the whole chart; height: the plot


def plot_height(rows: int) -> int:
    """The plot's height for ``rows`` bars: ROW_HEIGHT each, so no label is dropped or squeezed."""
    return max(MIN_PLOT_HEIGHT, ROW_HEIGHT * rows)


def _sized(chart: alt.LayerChart, title: str, rows: int) -> alt.LayerChart:
    return chart.properties(title=title, width=WIDTH, height=plot_height(rows), autosize=SIZING)


NOT_ASSESSED_COLOUR = "#ffffff"  # an empty box with a dashed outline: nothing measured, in colour and in print
NOT_ASSESSED_STROKE = "#7a7a7a"


def inline(rows: Sequence[Mapping[str, object]]) -> alt.Data:
    """Chart data written into the chart itself, row by row (no pandas needed: the CLI and the documents start
    faster, and the app sends the same rows)."""
    return alt.Data(values=[dict(row) for row in rows])  # type: ignore[no-untyped-call]


def _scores_rows(scores: list[DimensionScore], lang: Lang) -> list[dict[str, object]]:
    """One row per dimension, scored ones highest first, then the ones 'non rilevato' (no score to draw)."""
    not_assessed = t("status_insufficient", lang)
    rows: list[dict[str, object]] = [
        {
            "label": one_line(d.label),
            "score": d.score if d.scored else 100.0,  # an unscored row is an empty box across the scale, not a 0
            "level": t("level_" + d.level, lang) if d.scored else not_assessed,
            "level_id": d.level if d.scored else "insufficient",
            "text": f"{d.score:.0f}" if d.scored else not_assessed,
            "text_at": d.score if d.scored else 0.0,
            "evidence": t("confidence_" + d.confidence, lang),
        }
        for d in sorted(scores, key=lambda d: (not d.scored, -d.score if d.scored else -d.evidence))
    ]
    return rows


def scores_chart(scores: list[DimensionScore], title: str, lang: Lang = "it") -> alt.LayerChart:
    """Horizontal bars 0-100, highest first, value at the end of each bar.

    A dimension without enough evidence ('insufficient') is never drawn as a 0 bar: it gets a row of its own
    at the bottom, an empty dashed box across the scale with "non rilevato" written in it, and its own entry
    in the legend.
    """
    rows = _scores_rows(scores, lang)
    not_assessed = t("status_insufficient", lang)
    levels = [t("level_" + k, lang) for k in LEVEL_COLOURS]
    domain = [*levels, not_assessed] if any(r["level_id"] == "insufficient" for r in rows) else levels
    colours = [*LEVEL_COLOURS.values(), NOT_ASSESSED_COLOUR][: len(domain)]
    base = alt.Chart(inline(rows)).encode(
        y=alt.Y("label:N", sort=None, title=None, axis=alt.Axis(labelLimit=260)),
        x=alt.X("score:Q", scale=alt.Scale(domain=[0, 100]), title=t("score", lang) + " (0-100)"),
    )
    colour = alt.Color(
        "level:N",
        scale=alt.Scale(domain=domain, range=colours),
        legend=alt.Legend(
            title=t("level", lang), orient="bottom", symbolStrokeColor=NOT_ASSESSED_STROKE, symbolStrokeWidth=0.5
        ),
    )
    tooltip = [
        alt.Tooltip("label:N", title=t("dimension", lang)),
        alt.Tooltip("text:N", title=t("score", lang)),
        alt.Tooltip("level:N", title=t("level", lang)),
        alt.Tooltip("evidence:N", title=t("evidence", lang)),
    ]
    scored = alt.datum.level_id != "insufficient"
    bars = base.transform_filter(scored).mark_bar().encode(color=colour, tooltip=tooltip)
    empty = (
        base.transform_filter(~scored)
        .mark_bar(stroke=NOT_ASSESSED_STROKE, strokeDash=[4, 3], strokeWidth=1)
        .encode(color=colour, tooltip=tooltip)
    )
    labels = base.mark_text(align="left", dx=3, fontSize=11).encode(
        x=alt.X("text_at:Q", scale=alt.Scale(domain=[0, 100])), text="text:N"
    )
    return _sized(bars + empty + labels, one_line(title), len(rows))


def gantt_chart(plan: Plan, lang: Lang = "it") -> alt.LayerChart:
    """Set-up (light) and running (dark) phase of every action over the plan's months, with reviews."""
    rows = []
    for action in plan.actions:
        name = one_line(action.name)
        name = name if len(name) <= 48 else name[:46] + "…"
        rows.append(
            {
                "action": name,
                "phase": t("gantt_setup", lang),
                "start": action.start_month - 1,
                "end": action.launch_month,
            }
        )
        if action.end_month > action.launch_month:
            rows.append(
                {
                    "action": name,
                    "phase": t("gantt_running", lang),
                    "start": action.launch_month,
                    "end": action.end_month,
                }
            )
    order = list(dict.fromkeys(str(r["action"]) for r in rows))
    bars = (
        alt.Chart(inline(rows))
        .mark_bar(height=12)
        .encode(
            y=alt.Y("action:N", sort=order, title=None, axis=alt.Axis(labelLimit=280)),
            x=alt.X("start:Q", scale=alt.Scale(domain=[0, plan.duration_months]), title=t("gantt_month", lang)),
            x2="end:Q",
            color=alt.Color(
                "phase:N",
                scale=alt.Scale(
                    domain=[t("gantt_setup", lang), t("gantt_running", lang)], range=["#a9bccb", "#1f3b4d"]
                ),
                legend=alt.Legend(title=None, orient="bottom"),
            ),
            tooltip=["action:N", "phase:N", "start:Q", "end:Q"],
        )
    )
    reviews = [{"month": e.month} for e in plan.monitoring if 0 < e.month <= plan.duration_months]
    rules = alt.Chart(inline(reviews)).mark_rule(strokeDash=[3, 3], color="#555555").encode(x="month:Q")
    return _sized(bars + rules, t("gantt_title", lang), len(order))


def chart_png(chart: alt.TopLevelMixin, scale: float = 2.0) -> bytes:
    """Render to PNG with vl-convert (no browser needed); labels are cleaned first (see plain_text).

    A chart whose data did not change since it was last drawn is not drawn again: the picture is kept by
    its specification (the last :data:`CHART_CACHE_SIZE` of them), so a re-export only pays for new charts."""
    spec = json.dumps(xml_safe(chart.to_dict(validate=False)), sort_keys=True)
    return _png(spec, scale)


CHART_CACHE_SIZE = 64


@functools.lru_cache(maxsize=CHART_CACHE_SIZE)
def _png(spec: str, scale: float) -> bytes:
    import vl_convert

    return bytes(vl_convert.vegalite_to_png(spec, scale=scale))
