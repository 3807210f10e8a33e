"""What changed between two versions of a plan, in sentences a consultant reads.

``diff_plans`` in the store lists changed paths (``indicators[x].baseline``) for code and
tests; people get :func:`describe_changes`: «Indicatore «Tasso di rientro»: baseline da — a
20 %», «Azione «Banca delle ore»: budget da 1.000 € a 1.500 €», «Azione aggiunta: …».
Codes are shown with the labels the plan editor and the Word plan use, numbers, money and
dates in the user's language, references by name. Pure: no Streamlit, no database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from workbench.formatting import fmt_date, fmt_money, fmt_number
from workbench.i18n import t
from workbench.models.plan import Action, Objective, Plan, PlanIndicator
from workbench.models.text import Lang
from workbench.plan_editing import CHOICES, choice_label

EMPTY = "—"
_LONG = 60  # characters of a text value quoted in a sentence

# Field names as words: one key per field of objectives, actions and indicators.
FIELD_LABELS: dict[str, Callable[[Lang], str]] = {
    "title": lambda lang: t("chg_f_title", lang),
    "name": lambda lang: t("chg_f_name", lang),
    "target_group": lambda lang: t("chg_f_target_group", lang),
    "due_month": lambda lang: t("chg_f_due_month", lang),
    "needs": lambda lang: t("chg_f_needs", lang),
    "indicators": lambda lang: t("chg_f_indicators", lang),
    "objectives": lambda lang: t("chg_f_objectives", lang),
    "measure_id": lambda lang: t("chg_f_measure_id", lang),
    "description": lambda lang: t("chg_f_description", lang),
    "macro_area": lambda lang: t("chg_f_macro_area", lang),
    "rationale": lambda lang: t("chg_f_rationale", lang),
    "owner": lambda lang: t("chg_f_owner", lang),
    "target_size": lambda lang: t("chg_f_target_size", lang),
    "start_month": lambda lang: t("chg_f_start_month", lang),
    "launch_month": lambda lang: t("chg_f_launch_month", lang),
    "end_month": lambda lang: t("chg_f_end_month", lang),
    "budget_eur": lambda lang: t("chg_f_budget_eur", lang),
    "budget_min_eur": lambda lang: t("chg_f_budget_min_eur", lang),
    "budget_max_eur": lambda lang: t("chg_f_budget_max_eur", lang),
    "cost_band": lambda lang: t("chg_f_cost_band", lang),
    "funding": lambda lang: t("chg_f_funding", lang),
    "status": lambda lang: t("chg_f_status", lang),
    "legal_refs": lambda lang: t("chg_f_legal_refs", lang),
    "territorial_services": lambda lang: t("chg_f_territorial_services", lang),
    "union_agreement": lambda lang: t("chg_f_union_agreement", lang),
    "indicator_id": lambda lang: t("chg_f_indicator_id", lang),
    "formula": lambda lang: t("chg_f_formula", lang),
    "unit": lambda lang: t("chg_f_unit", lang),
    "direction": lambda lang: t("chg_f_direction", lang),
    "frequency": lambda lang: t("chg_f_frequency", lang),
    "data_source": lambda lang: t("chg_f_data_source", lang),
    "baseline": lambda lang: t("chg_f_baseline", lang),
    "baseline_date": lambda lang: t("chg_f_baseline_date", lang),
    "baseline_source": lambda lang: t("chg_f_baseline_source", lang),
    "target": lambda lang: t("chg_f_target", lang),
    "target_date": lambda lang: t("chg_f_target_date", lang),
    "indicator": lambda lang: t("chg_f_indicator", lang),
    "welfare_eur": lambda lang: t("chg_f_welfare_eur", lang),
    "public_eur": lambda lang: t("chg_f_public_eur", lang),
    "funding_routes": lambda lang: t("chg_f_funding_routes", lang),
    "phased": lambda lang: t("chg_f_phased", lang),
    "baseline_count": lambda lang: t("chg_f_baseline_count", lang),
    "baseline_of": lambda lang: t("chg_f_baseline_of", lang),
    "target_confirmed": lambda lang: t("chg_f_target_confirmed", lang),
    "measure_by": lambda lang: t("chg_f_measure_by", lang),
}
# Plan fields with one value, said as «Piano: durata da 24 a 36 mesi».
PLAN_FIELD_LABELS: dict[str, Callable[[Lang], str]] = {
    "start_date": lambda lang: t("chg_p_start_date", lang),
    "duration_months": lambda lang: t("chg_p_duration_months", lang),
    "notes": lambda lang: t("chg_p_notes", lang),
    "territorial_note": lambda lang: t("chg_p_territorial_note", lang),
    "ambito": lambda lang: t("chg_p_ambito", lang),
    "questionnaire": lambda lang: t("chg_p_questionnaire", lang),
}
# Plan parts said in one sentence when anything inside them changed.
PLAN_PART_SENTENCES: dict[str, Callable[[Lang], str]] = {
    "schema_version": lambda lang: t("chg_s_schema_version", lang),
    "engagement": lambda lang: t("chg_s_engagement", lang),
    "answers": lambda lang: t("chg_s_answers", lang),
    "profile": lambda lang: t("chg_s_profile", lang),
    "monitoring": lambda lang: t("chg_s_monitoring", lang),
    "manager_objectives": lambda lang: t("chg_s_manager_objectives", lang),
    "existing_measures": lambda lang: t("chg_s_existing_measures", lang),
    "dropped_measures": lambda lang: t("chg_s_dropped_measures", lang),
    "welfare": lambda lang: t("chg_s_welfare", lang),
    "intake": lambda lang: t("chg_s_intake", lang),
    "evidence": lambda lang: t("chg_s_evidence", lang),
    "budget_limits": lambda lang: t("chg_s_budget_limits", lang),
    "communication": lambda lang: t("chg_s_communication", lang),
    "participation": lambda lang: t("chg_s_participation", lang),
    "areas": lambda lang: t("chg_s_areas", lang),
    "uncovered_needs": lambda lang: t("chg_s_uncovered_needs", lang),
}
_COLLECTIONS = ("objectives", "actions", "indicators")
Item = Objective | Action | PlanIndicator
_MONEY = {"budget_eur", "budget_min_eur", "budget_max_eur", "welfare_eur", "public_eur"}
_MEASURED = {"baseline", "target"}


def _labelled(key: str, code: str, lang: Lang) -> str:
    """A code's label, or the text itself when it is not a code (a custom data source)."""
    label = t(key, lang)
    return code if label == key else label


class _Names:
    """Names of the items of both versions, to say references (an action's indicators) in words."""

    def __init__(self, old: Plan, new: Plan) -> None:
        self.indicators = {i.id: i.name for i in [*old.indicators, *new.indicators]}
        self.objectives = {o.id: o.title for o in [*old.objectives, *new.objectives]}
        self.needs = {key: need.label for plan in (old, new) for key, need in plan.profile.needs.items()}


def _quoted(text: str, lang: Lang) -> str:
    one_line = " ".join(text.split())
    if not one_line:
        return EMPTY
    return t("chg_quoted", lang, text=f"{one_line[:_LONG]}…" if len(one_line) > _LONG else one_line)


def _value(field: str, value: Any, lang: Lang, names: _Names, unit: str = "") -> str:
    """One value as a person reads it."""
    if value is None or value == [] or value == "":
        return EMPTY
    if field in CHOICES:
        return choice_label(field, value, lang)
    if field == "cost_band":
        return t("cost_" + value, lang)
    if field == "macro_area":
        return t("area_" + value, lang)
    if field == "data_source":
        return _labelled("source_" + value, value, lang)
    if field == "indicator":
        return _quoted(names.indicators.get(str(value), str(value)), lang)
    if field in _MONEY:
        return fmt_money(value, lang, cents=not float(value).is_integer())
    if field in _MEASURED:
        return f"{fmt_number(value, lang, 2)} {unit}".strip()
    if isinstance(value, bool):
        return t("doc_yes" if value else "doc_no", lang)
    if isinstance(value, dt.date):
        return fmt_date(value, lang)
    if isinstance(value, int | float):
        return fmt_number(value, lang, 2)
    if isinstance(value, list):
        lookup = {"indicators": names.indicators, "objectives": names.objectives, "needs": names.needs}.get(field, {})
        return _quoted(", ".join(lookup.get(str(v), str(v)) for v in value), lang)
    return _quoted(str(value), lang)


def _item_name(item: Item) -> str:
    return item.title if isinstance(item, Objective) else item.name


def _collection(
    collection: str, old_items: Sequence[Item], new_items: Sequence[Item], lang: Lang, names: _Names
) -> list[str]:
    added, removed, changed = {
        "objectives": ("chg_added_objective", "chg_removed_objective", "chg_item_objective"),
        "actions": ("chg_added_action", "chg_removed_action", "chg_item_action"),
        "indicators": ("chg_added_indicator", "chg_removed_indicator", "chg_item_indicator"),
    }[collection]
    before = {i.id: i for i in old_items}
    after = {i.id: i for i in new_items}
    sentences = [t(removed, lang, name=_item_name(i)) for key, i in before.items() if key not in after]
    sentences += [t(added, lang, name=_item_name(i)) for key, i in after.items() if key not in before]
    for key, new_item in after.items():
        old_item = before.get(key)
        if old_item is None:
            continue
        for field in type(new_item).model_fields:
            was, now = getattr(old_item, field), getattr(new_item, field)
            if field == "id" or was == now:
                continue
            label = FIELD_LABELS[field](lang) if field in FIELD_LABELS else field.replace("_", " ")
            sentences.append(
                t(
                    changed,
                    lang,
                    name=_item_name(new_item),
                    field=label,
                    before=_value(field, was, lang, names, getattr(old_item, "unit", "")),
                    after=_value(field, now, lang, names, getattr(new_item, "unit", "")),
                )
            )
    return sentences


def describe_changes(old: Plan, new: Plan, lang: Lang = "it") -> list[str]:
    """Every difference from ``old`` to ``new`` as a sentence; empty when they are the same plan."""
    names = _Names(old, new)
    sentences: list[str] = []
    for collection in _COLLECTIONS:
        sentences += _collection(collection, getattr(old, collection), getattr(new, collection), lang, names)
    for field in Plan.model_fields:
        was, now = getattr(old, field), getattr(new, field)
        if field in _COLLECTIONS or was == now:
            continue
        if field in PLAN_FIELD_LABELS:
            sentences.append(
                t(
                    "chg_plan_field",
                    lang,
                    field=PLAN_FIELD_LABELS[field](lang),
                    before=_value(field, was, lang, names),
                    after=_value(field, now, lang, names),
                )
            )
        elif field in PLAN_PART_SENTENCES:
            sentences.append(PLAN_PART_SENTENCES[field](lang))
        else:
            sentences.append(t("chg_s_other", lang))
    return sentences
