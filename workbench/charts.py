"""Altair charts built once and used twice: in the app (st.altair_chart) and in Word (PNG).

Charts must read in black-and-white print: values are written on the bars and
levels are told apart by lightness, not hue alone.
"""

from __future__ import annotations

import json
from typing import cast

import altair as alt
import pandas as pd

from workbench.i18n import t
from workbench.models.plan import Plan
from workbench.models.scoring import DimensionScore
from workbench.models.text import Lang
from workbench.plain_text import one_line, xml_safe

LEVEL_COLOURS = {"low": "#c9d6df", "medium": "#6f8fa6", "high": "#1f3b4d"}
WIDTH = 460


def _scores_frame(scores: list[DimensionScore], lang: Lang) -> pd.DataFrame:
    rows = [
        {
            "label": one_line(d.label),
            "score": d.score,
            "level": t("level_" + d.level, lang),
            "level_id": d.level,
            "text": f"{d.score:.0f}",
        }
        for d in sorted(scores, key=lambda d: -d.score)
    ]
    return pd.DataFrame(rows, columns=["label", "score", "level", "level_id", "text"])


def scores_chart(scores: list[DimensionScore], title: str, lang: Lang = "it") -> alt.LayerChart:
    """Horizontal bars 0-100, highest first, value at the end of each bar."""
    frame = _scores_frame(scores, lang)
    levels = [t("level_" + k, lang) for k in LEVEL_COLOURS]
    base = alt.Chart(frame).encode(
        y=alt.Y("label:N", sort=None, title=None, axis=alt.Axis(labelLimit=260)),
        x=alt.X("score:Q", scale=alt.Scale(domain=[0, 100]), title=t("score", lang) + " (0-100)"),
    )
    bars = base.mark_bar().encode(
        color=alt.Color(
            "level:N",
            scale=alt.Scale(domain=levels, range=list(LEVEL_COLOURS.values())),
            legend=alt.Legend(title=t("level", lang), orient="bottom"),
        ),
        tooltip=["label", "score", "level"],
    )
    labels = base.mark_text(align="left", dx=3, fontSize=11).encode(text="text:N")
    height = max(60, 22 * len(frame))
    return cast(alt.LayerChart, (bars + labels).properties(title=one_line(title), width=WIDTH, height=height))


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
    frame = pd.DataFrame(rows, columns=["action", "phase", "start", "end"])
    order = list(dict.fromkeys(frame["action"])) if not frame.empty else []
    bars = (
        alt.Chart(frame)
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
            tooltip=["action", "phase", "start", "end"],
        )
    )
    reviews = pd.DataFrame({"month": [e.month for e in plan.monitoring if 0 < e.month <= plan.duration_months]})
    rules = alt.Chart(reviews).mark_rule(strokeDash=[3, 3], color="#555555").encode(x="month:Q")
    height = max(60, 22 * len(order))
    return cast(alt.LayerChart, (bars + rules).properties(title=t("gantt_title", lang), width=WIDTH, height=height))


def display_height(chart: alt.LayerChart) -> int:
    """Height to give st.altair_chart: the plot plus room for title, axis and legend."""
    height = chart.height if isinstance(chart.height, int) else 200
    return height + 110


def chart_png(chart: alt.TopLevelMixin, scale: float = 2.0) -> bytes:
    """Render to PNG with vl-convert (no browser needed); labels are cleaned first (see plain_text)."""
    import vl_convert

    spec = xml_safe(chart.to_dict())
    return bytes(vl_convert.vegalite_to_png(json.dumps(spec), scale=scale))
