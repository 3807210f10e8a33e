"""Editing a plan as three tables (objectives, actions, indicators), the way the app's data editors show it.

Pure functions: ``plan_tables`` turns a plan into rows a person reads (codes as their
translated labels, money and indicator values as Italian numbers such as "1.200" or
"45,5", empty values as empty cells); ``apply_tables`` takes the edited rows back and
returns a new, validated plan or the list of problems, each naming the table and the
row. Labels are read back into codes in either language; numbers go through
:func:`workbench.numbers.read_number`, so "45,5" is 45.5 and an ambiguous "1,200" is a
problem, not a guess. Rows without an id are new; rows that disappear are removed, and
references to them (an action's indicators, an objective's) go too.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, get_args

from pydantic import ValidationError

from workbench.formatting import fmt_editable
from workbench.i18n import t
from workbench.models.catalogue import Frequency
from workbench.models.plan import Action, ActionStatus, Direction, Funding, Objective, Plan, PlanIndicator
from workbench.models.text import Lang
from workbench.numbers import NumberError, read_number

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
    "welfare_eur",
    "public_eur",
    "funding",
    "status",
)
INDICATOR_COLUMNS = ("id", "name", "unit", "direction", "baseline", "target", "target_confirmed", "frequency", "owner")

Row = Mapping[str, Any]

# Columns holding a code, shown as its label (the same keys the Word plan uses).
_LABELS: dict[str, Callable[[str, Lang], str]] = {
    "funding": lambda code, lang: t("funding_" + code, lang),
    "status": lambda code, lang: t("action_status_" + code, lang),
    "direction": lambda code, lang: t("direction_" + code, lang),
    "frequency": lambda code, lang: t("freq_" + code, lang),
}
CHOICES: dict[str, tuple[str, ...]] = {
    "funding": get_args(Funding),
    "status": get_args(ActionStatus),
    "direction": get_args(Direction),
    "frequency": get_args(Frequency),
}
# Columns holding a number, shown and typed as text in the user's language ("1.200", "45,5").
NUMBER_COLUMNS = ("budget_eur", "welfare_eur", "public_eur", "baseline", "target")
_NULLABLE = {"baseline", "target"}
_COLUMN_LABELS: dict[str, Callable[[Lang], str]] = {
    "budget_eur": lambda lang: t("ui_col_budget", lang),
    "welfare_eur": lambda lang: t("ui_col_welfare_part", lang),
    "public_eur": lambda lang: t("ui_col_public_part", lang),
    "baseline": lambda lang: t("ui_col_baseline", lang),
    "target": lambda lang: t("ui_col_target_value", lang),
    "funding": lambda lang: t("ui_col_funding", lang),
    "status": lambda lang: t("ui_col_status", lang),
    "direction": lambda lang: t("ui_col_direction", lang),
    "frequency": lambda lang: t("ui_col_frequency", lang),
}


def choice_label(column: str, code: str, lang: Lang = "it") -> str:
    """The label a person reads for a code of ``column`` ("in_progress" -> "in corso")."""
    return _LABELS[column](code, lang)


def choice_options(column: str, lang: Lang = "it") -> list[str]:
    """The labels of every code ``column`` allows, in the model's order (for a selectbox)."""
    return [choice_label(column, code, lang) for code in CHOICES[column]]


def choice_code(column: str, text: str) -> str | None:
    """The code behind a label of ``column`` in either language (or the code itself); None if unknown."""
    wanted = text.strip().casefold()
    languages: tuple[Lang, ...] = ("it", "en")
    for code in CHOICES[column]:
        if wanted == code.casefold() or any(wanted == choice_label(column, code, lg).casefold() for lg in languages):
            return code
    return None


def _display(column: str, value: Any, lang: Lang) -> Any:
    if value is None:
        return ""  # an empty cell, not a grey "None"
    if column in CHOICES:
        return choice_label(column, value, lang)
    if column in NUMBER_COLUMNS:
        return fmt_editable(value, lang)
    return value


def plan_tables(plan: Plan, lang: Lang = "it") -> dict[str, list[dict[str, Any]]]:
    """The plan as the editor shows it: labels for codes, numbers as text to retype, no empty "None"."""

    def rows(items: Sequence[Any], columns: tuple[str, ...]) -> list[dict[str, Any]]:
        return [{c: _display(c, getattr(item, c), lang) for c in columns} for item in items]

    return {
        "objectives": rows(plan.objectives, OBJECTIVE_COLUMNS),
        "actions": rows(plan.actions, ACTION_COLUMNS),
        "indicators": rows(plan.indicators, INDICATOR_COLUMNS),
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


def _read_cells(row: dict[str, Any], lang: Lang) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Labels back to codes and number texts to numbers; what cannot be read, as (column, reason)."""
    read: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []
    for key, value in row.items():
        if key in CHOICES and isinstance(value, str) and value:
            code = choice_code(key, value)
            if code is None:
                options = ", ".join(choice_options(key, lang))
                problems.append((key, t("plan_edit_bad_choice", lang, text=value, options=options)))
                continue
            value = code
        elif key in NUMBER_COLUMNS and isinstance(value, str) and value:
            try:
                value = read_number(value)
            except NumberError as exc:
                problems.append((key, exc.message(lang)))
                continue
        elif (key in CHOICES or key in NUMBER_COLUMNS) and value == "":
            value = None
        read[key] = value
    return read, problems


def _slug(text: str, taken: set[str], prefix: str) -> str:
    base = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:40] or "nuova"
    candidate, n = f"{prefix}{base}", 2
    while candidate in taken:
        candidate, n = f"{prefix}{base}_{n}", n + 1
    taken.add(candidate)
    return candidate


def _column_problem(table: str, label: str, column: str, message: str, lang: Lang) -> str:
    return f"{table}, {label}: {_COLUMN_LABELS[column](lang)}: {message}"


def _problems(table: str, label: str, exc: ValidationError) -> list[str]:
    return [f"{table}, {label}: {'.'.join(str(p) for p in e['loc']) or 'riga'}: {e['msg']}" for e in exc.errors()]


def apply_tables(
    plan: Plan,
    *,
    objectives: Sequence[Row] | None = None,
    actions: Sequence[Row] | None = None,
    indicators: Sequence[Row] | None = None,
    lang: Lang = "it",
) -> tuple[Plan | None, list[str]]:
    """The plan with the edited rows, or None and the problems found (nothing is half-applied).

    Cells may hold what :func:`plan_tables` wrote (labels, number texts) or plain codes and numbers.
    """
    problems: list[str] = []
    new_objectives = _merge(plan.objectives, objectives, Objective, "Obiettivi", "obj_", problems, lang)
    new_actions = _merge(plan.actions, actions, Action, "Azioni", "custom_", problems, lang)
    new_indicators = _merge(plan.indicators, indicators, PlanIndicator, "Indicatori", "custom_", problems, lang)
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
    lang: Lang,
) -> list[Any]:
    if rows is None:
        return [item.model_copy(deep=True) for item in current]
    by_id = {item.id: item for item in current}
    taken = set(by_id)
    merged = []
    for number, raw in enumerate(rows, start=1):
        row, unreadable = _read_cells(_clean(raw), lang)
        item = by_id.get(row.get("id") or "")
        label = f"riga {number}" + (
            f" ({row.get('name') or row.get('title')})" if row.get("name") or row.get("title") else ""
        )
        if unreadable:
            problems.extend(_column_problem(table, label, column, reason, lang) for column, reason in unreadable)
            continue
        base = _new_item(model, row, taken, prefix) if item is None else item.model_dump()
        updates = {k: v for k, v in row.items() if k != "id" and (v is not None or k in _NULLABLE)}
        try:
            merged.append(model.model_validate({**base, **updates}))
        except ValidationError as exc:
            problems.extend(_problems(table, label, exc))
    return merged


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
