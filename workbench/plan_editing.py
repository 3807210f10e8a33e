"""Editing a plan as three tables (objectives, actions, indicators), the way the app's data editors show it.

Pure functions: ``plan_tables`` turns a plan into rows; ``apply_tables`` takes the
edited rows back and returns a new, validated plan or the list of problems, each
naming the table and the row. Rows without an id are new; rows that disappear are
removed, and references to them (an action's indicators, an objective's) go too.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import ValidationError

from workbench.models.plan import Action, Objective, Plan, PlanIndicator

OBJECTIVE_COLUMNS = ("id", "title", "target_group", "due_month")
ACTION_COLUMNS = (
    "id",
    "name",
    "owner",
    "target_group",
    "target_size",
    "start_month",
    "launch_month",
    "end_month",
    "budget_eur",
    "funding",
    "status",
)
INDICATOR_COLUMNS = ("id", "name", "unit", "direction", "baseline", "target", "frequency", "owner")

Row = Mapping[str, Any]


def plan_tables(plan: Plan) -> dict[str, list[dict[str, Any]]]:
    return {
        "objectives": [{c: getattr(o, c) for c in OBJECTIVE_COLUMNS} for o in plan.objectives],
        "actions": [{c: getattr(a, c) for c in ACTION_COLUMNS} for a in plan.actions],
        "indicators": [{c: getattr(i, c) for c in INDICATOR_COLUMNS} for i in plan.indicators],
    }


def _clean(row: Row) -> dict[str, Any]:
    """Data editors give NaN for empty cells and floats for integer columns."""
    cleaned: dict[str, Any] = {}
    for key, value in row.items():
        if isinstance(value, float) and math.isnan(value):
            value = None
        if isinstance(value, str):
            value = value.strip()
        cleaned[key] = value
    return cleaned


def _slug(text: str, taken: set[str], prefix: str) -> str:
    base = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:40] or "nuova"
    candidate, n = f"{prefix}{base}", 2
    while candidate in taken:
        candidate, n = f"{prefix}{base}_{n}", n + 1
    taken.add(candidate)
    return candidate


def _problems(table: str, label: str, exc: ValidationError) -> list[str]:
    return [f"{table}, {label}: {'.'.join(str(p) for p in e['loc']) or 'riga'}: {e['msg']}" for e in exc.errors()]


def apply_tables(
    plan: Plan,
    *,
    objectives: Sequence[Row] | None = None,
    actions: Sequence[Row] | None = None,
    indicators: Sequence[Row] | None = None,
) -> tuple[Plan | None, list[str]]:
    """The plan with the edited rows, or None and the problems found (nothing is half-applied)."""
    problems: list[str] = []
    new_objectives = _merge(plan.objectives, objectives, Objective, "Obiettivi", "obj_", problems)
    new_actions = _merge(plan.actions, actions, Action, "Azioni", "custom_", problems)
    new_indicators = _merge(plan.indicators, indicators, PlanIndicator, "Indicatori", "custom_", problems)
    if problems:
        return None, problems
    indicator_ids = {i.id for i in new_indicators}
    objective_ids = {o.id for o in new_objectives}
    for action in new_actions:
        action.indicators = [i for i in action.indicators if i in indicator_ids]
        action.objectives = [o for o in action.objectives if o in objective_ids]
    for objective in new_objectives:
        objective.indicators = [i for i in objective.indicators if i in indicator_ids]
    data = plan.model_dump()
    data.update(
        objectives=[o.model_dump() for o in new_objectives],
        actions=[a.model_dump() for a in new_actions],
        indicators=[i.model_dump() for i in new_indicators],
    )
    try:
        return Plan.model_validate(data), []
    except ValidationError as exc:
        return None, _problems("Piano", "insieme", exc)


def _merge(
    current: Sequence[Any],
    rows: Sequence[Row] | None,
    model: type[Any],
    table: str,
    prefix: str,
    problems: list[str],
) -> list[Any]:
    if rows is None:
        return [item.model_copy(deep=True) for item in current]
    by_id = {item.id: item for item in current}
    taken = set(by_id)
    merged = []
    for number, raw in enumerate(rows, start=1):
        row = _clean(raw)
        item = by_id.get(row.get("id") or "")
        label = f"riga {number}" + (
            f" ({row.get('name') or row.get('title')})" if row.get("name") or row.get("title") else ""
        )
        base = _new_item(model, row, taken, prefix) if item is None else item.model_dump()
        updates = {k: v for k, v in row.items() if k != "id" and (v is not None or k in _NULLABLE)}
        try:
            merged.append(model.model_validate({**base, **updates}))
        except ValidationError as exc:
            problems.extend(_problems(table, label, exc))
    return merged


_NULLABLE = {"baseline", "target"}


def _new_item(model: type[Any], row: Mapping[str, Any], taken: set[str], prefix: str) -> dict[str, Any]:
    title = str(row.get("name") or row.get("title") or "")
    new_id = _slug(title, taken, prefix)
    if model is Action:
        return {
            "id": new_id,
            "name": title,
            "macro_area": "culture_management",
            "start_month": 1,
            "launch_month": 1,
            "end_month": 1,
        }
    if model is Objective:
        return {"id": new_id, "title": title, "target_group": "", "due_month": 12}
    return {"id": new_id, "name": title}
