"""Chart sizing: one rule for the app and Word, so every row label has room in both."""

from __future__ import annotations

import struct
from typing import Any

import pytest

from tests.plan_fixtures import drafted
from workbench.charts import ROW_HEIGHT, WIDTH, chart_png, gantt_chart, plot_height, scores_chart

MIN_PX_PER_ROW = 20  # a row label is 16 px high in Streamlit's theme; below ~18 px its axis hides every second one


def png_size(png: bytes) -> tuple[int, int]:
    width, height = struct.unpack(">II", png[16:24])
    return int(width), int(height)


@pytest.mark.parametrize("rows", [1, 2, 3, 5, 13, 15, 40])
def test_the_plot_gives_every_row_enough_pixels_for_its_label(rows: int) -> None:
    assert plot_height(rows) / rows >= MIN_PX_PER_ROW
    assert plot_height(rows) >= rows * ROW_HEIGHT


def test_13_needs_get_a_plot_tall_enough_for_13_labels_in_the_app_and_in_word() -> None:
    _, assessment = drafted("servizi_ufficio.yaml")
    needs = list(assessment.profile.needs.values())
    assert len(needs) == 13
    chart = scores_chart(needs, "Bisogni")
    spec: dict[str, Any] = chart.to_dict()
    assert spec["height"] == plot_height(13)
    assert spec["height"] / 13 >= MIN_PX_PER_ROW
    # the chart says how it is sized, so Streamlit does not add its own autosize "fit" (see workbench/charts.py)
    assert spec["autosize"] == {"type": "fit-x", "contains": "padding"}
    width, height = png_size(chart_png(chart, scale=1))
    assert width == WIDTH
    assert height >= 13 * MIN_PX_PER_ROW  # Word's PNG: the plot plus title, axis and legend


def test_a_15_action_gantt_gets_a_row_per_action_with_room_for_its_label() -> None:
    plan, _ = drafted("servizi_ufficio.yaml", count=15, told={"budget_piano": 500_000})  # room for 15 actions
    assert len(plan.actions) == 15
    chart = gantt_chart(plan)
    spec: dict[str, Any] = chart.to_dict()
    assert spec["height"] == plot_height(15)
    assert spec["height"] / 15 >= MIN_PX_PER_ROW
    assert spec["autosize"] == {"type": "fit-x", "contains": "padding"}
    width, height = png_size(chart_png(chart, scale=1))
    assert width == WIDTH
    assert height >= 15 * MIN_PX_PER_ROW


def test_streamlit_keeps_the_charts_own_sizing() -> None:
    """st.altair_chart adds autosize "fit" (title, axes, legend squeezed into the height) only when a spec has none."""
    from streamlit.elements.vega_charts import _prepare_vega_lite_spec

    _, assessment = drafted("servizi_ufficio.yaml")
    spec = scores_chart(list(assessment.profile.needs.values()), "Bisogni").to_dict()
    prepared = _prepare_vega_lite_spec(spec, use_container_width=True)
    assert prepared["autosize"] == {"type": "fit-x", "contains": "padding"}
    assert prepared["height"] == plot_height(13)
