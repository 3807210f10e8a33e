"""Charts on a page, drawn from a specification computed once per version of the engagement.

``st.altair_chart`` re-validates the whole chart against Vega-Lite's JSON schema on every rerun (the slowest
step of the profile page). The chart is a pure function of the engagement's data, so its specification is
built and checked once per version (:func:`workbench.ui.state.per_version`) and handed to the browser as is.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import altair as alt
import streamlit as st

from workbench.models.engagement import EngagementDetail
from workbench.ui.state import per_version


def show_chart(detail: EngagementDetail, what: str, build: Callable[[], alt.TopLevelMixin]) -> None:
    """Show the chart ``build()`` makes, built once per engagement version (``what`` names it and its language)."""
    spec: dict[str, Any] = per_version(detail, f"chart:{what}", lambda: build().to_dict())
    st.vega_lite_chart(spec=copy.deepcopy(spec))  # no height: the chart's own sizing (see workbench/charts.py)
