"""Piano: edit objectives, actions and indicators; see the timeline and the budget; save a new version."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from workbench.charts import gantt_chart
from workbench.export.tables_xlsx import tables_xlsx
from workbench.formatting import fmt_money, fmt_number
from workbench.i18n import t
from workbench.plan_changes import describe_changes
from workbench.plan_editing import choice_options, plan_tables
from workbench.store.engagements import load_plan
from workbench.ui.budget import budget_panel
from workbench.ui.chart_view import show_chart
from workbench.ui.state import (
    actor,
    current_lang,
    guarded,
    link_to,
    questionnaire_registry,
    require_engagement,
    require_plan,
    session,
)
from workbench.ui.user_text import as_text
from workbench.workflow import PLAN_STATUSES, restore_plan_version, save_plan_edits

lang = current_lang()
detail = require_engagement()
eid = detail.id
st.title(f"{t('ui_page_piano', lang)} · {as_text(detail.organisation.name)}")

plan = require_plan(detail)

headcount_question = questionnaire_registry().get(plan.questionnaire).definition.headcount_question
headcount = plan.answers.get(headcount_question) if headcount_question else None
per_head = plan.total_budget / headcount if isinstance(headcount, int | float) and headcount else None
metrics = st.columns(4)
metrics[0].metric(t("ui_total_budget", lang), fmt_money(plan.total_budget, lang, cents=False))
metrics[1].metric(t("ui_per_employee", lang), fmt_money(per_head, lang, cents=False) if per_head else "—")
metrics[2].metric(t("ui_actions", lang), str(len(plan.actions)))
metrics[3].metric(t("ui_version", lang), f"v{detail.plan_versions} · {plan.duration_months} {t('ui_months', lang)}")

st.subheader(t("ui_budget_heading", lang))
budget_panel(plan, lang, public_body=detail.kind == "pa")  # the saved version's figures, as the document states them

show_chart(detail, f"gantt:{lang}", lambda: gantt_chart(plan, lang))

tables = plan_tables(plan, lang)  # codes as labels, numbers as Italian text ("1.200", "45,5"), no "None"
number_help = t("ui_number_hint", lang)

st.subheader(t("ui_objectives", lang))
objectives = st.data_editor(
    pd.DataFrame(tables["objectives"]),
    key=f"obj_editor_{eid}",
    num_rows="dynamic",
    hide_index=True,
    column_config={
        "id": None,
        "title": st.column_config.TextColumn(t("ui_col_objective", lang), width="large", required=True),
        "target_group": st.column_config.TextColumn(t("ui_col_target", lang)),
        "due_month": st.column_config.NumberColumn(
            t("ui_col_due_month", lang), min_value=1, max_value=plan.duration_months, step=1
        ),
    },
)
st.subheader(t("ui_actions", lang))
actions = st.data_editor(
    pd.DataFrame(tables["actions"]),
    key=f"act_editor_{eid}",
    num_rows="dynamic",
    hide_index=True,
    column_config={
        "id": None,
        "name": st.column_config.TextColumn(t("ui_col_action", lang), width="large", required=True),
        "owner": st.column_config.TextColumn(t("ui_col_owner", lang)),
        "target_group": st.column_config.TextColumn(t("ui_col_target", lang)),
        "target_size": st.column_config.NumberColumn(t("ui_col_size", lang), min_value=0, step=1),
        "start_month": st.column_config.NumberColumn(
            t("ui_col_start", lang), min_value=1, max_value=plan.duration_months, step=1
        ),
        "launch_month": st.column_config.NumberColumn(
            t("ui_col_launch", lang), min_value=1, max_value=plan.duration_months, step=1
        ),
        "end_month": st.column_config.NumberColumn(
            t("ui_col_end", lang), min_value=1, max_value=plan.duration_months, step=1
        ),
        "budget_eur": st.column_config.TextColumn(t("ui_col_budget", lang), help=number_help),
        "welfare_eur": (
            st.column_config.TextColumn(t("ui_col_welfare_part", lang), help=t("ui_col_welfare_part_help", lang))
            if plan.welfare is not None
            else None  # no welfare credit to spend: no column
        ),
        "public_eur": st.column_config.TextColumn(
            t("ui_col_public_part", lang), help=t("ui_col_public_part_help", lang)
        ),
        "funding": st.column_config.SelectboxColumn(t("ui_col_funding", lang), options=choice_options("funding", lang)),
        "status": st.column_config.SelectboxColumn(t("ui_col_status", lang), options=choice_options("status", lang)),
    },
)
st.subheader(t("ui_indicators", lang))
indicators = st.data_editor(
    pd.DataFrame(tables["indicators"]),
    key=f"ind_editor_{eid}",
    num_rows="dynamic",
    hide_index=True,
    column_config={
        "id": None,
        "name": st.column_config.TextColumn(t("ui_col_indicator", lang), width="large", required=True),
        "unit": st.column_config.TextColumn(t("ui_col_unit", lang)),
        "direction": st.column_config.SelectboxColumn(
            t("ui_col_direction", lang), options=choice_options("direction", lang)
        ),
        "baseline": st.column_config.TextColumn(t("ui_col_baseline", lang), help=number_help),
        "target": st.column_config.TextColumn(t("ui_col_target_value", lang), help=number_help),
        "target_confirmed": st.column_config.CheckboxColumn(
            t("ui_col_target_confirmed", lang), help=t("ui_col_target_confirmed_help", lang)
        ),
        "frequency": st.column_config.SelectboxColumn(
            t("ui_col_frequency", lang), options=choice_options("frequency", lang)
        ),
        "owner": st.column_config.TextColumn(t("ui_col_owner", lang)),
    },
)
st.caption(t("ui_months_legend", lang, n=plan.duration_months))
_LABELS = {
    "objectives": {"title": "ui_col_objective", "target_group": "ui_col_target", "due_month": "ui_col_due_month"},
    "actions": {
        "name": "ui_col_action",
        "owner": "ui_col_owner",
        "target_group": "ui_col_target",
        "target_size": "ui_col_size",
        "start_month": "ui_col_start",
        "launch_month": "ui_col_launch",
        "end_month": "ui_col_end",
        "budget_eur": "ui_col_budget",
        **({"welfare_eur": "ui_col_welfare_part"} if plan.welfare is not None else {}),
        "public_eur": "ui_col_public_part",
        "funding": "ui_col_funding",
        "status": "ui_col_status",
    },
    "indicators": {
        "name": "ui_col_indicator",
        "unit": "ui_col_unit",
        "direction": "ui_col_direction",
        "baseline": "ui_col_baseline",
        "target": "ui_col_target_value",
        "target_confirmed": "ui_col_target_confirmed",
        "frequency": "ui_col_frequency",
        "owner": "ui_col_owner",
    },
}


def _saved_tables() -> bytes:
    """The saved version's three tables as Excel, every text cell formula-safe (Streamlit's own CSV download of
    the editors is off: it would write a cell starting with "=" as a formula)."""
    return tables_xlsx(
        {
            t(f"ui_{name}", lang): (
                [t(label, lang) for label in labels.values()],
                [[row.get(column) for column in labels] for row in tables[name]],
            )
            for name, labels in _LABELS.items()
        }
    )


st.download_button(
    t("ui_plan_tables_xlsx", lang),
    data=_saved_tables,
    file_name=f"tabelle_piano_{eid}_v{detail.plan_versions}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    on_click="ignore",
    key="plan_tables_xlsx",
    icon=":material/grid_on:",
)

note = st.text_input(t("ui_version_note", lang), key=f"plan_note_{eid}", max_chars=300)
status = st.radio(
    t("ui_plan_status", lang),
    list(PLAN_STATUSES),  # as the plan model declares them: draft, approved
    index=PLAN_STATUSES.index(plan.engagement.status),
    format_func=lambda code: t("doc_status_" + code, lang),
    horizontal=True,
    key=f"plan_status_{eid}",
    help=t("ui_plan_status_help", lang),
)


def _records(frame: pd.DataFrame) -> list[dict[str, object]]:
    return [{str(k): v for k, v in row.items()} for row in frame.to_dict(orient="records")]


def _save() -> tuple[int | None, list[str]]:
    with session() as s:
        return save_plan_edits(
            s,
            engagement_id=eid,
            plan=plan,
            objectives=_records(objectives),
            actions=_records(actions),
            indicators=_records(indicators),
            status=status or "draft",
            note=note,
            expected_version=detail.version,
            actor=actor(),
            lang=lang,
        )


if st.button(t("ui_save_version", lang), type="primary", key="save_plan"):
    outcome = guarded(_save)
    if outcome is not None:
        number, problems = outcome
        if problems:
            st.error(t("ui_plan_problems", lang) + "\n\n" + "\n".join(f"- {p}" for p in problems))
        elif number is not None:
            st.success(t("ui_saved_version", lang, n=number))
            st.rerun()

with st.expander(t("ui_history", lang)):
    versions = detail.plans
    for info in reversed(versions):
        when = info.created_at.astimezone().strftime("%d/%m/%Y %H:%M")
        line, button = st.columns([4, 1])
        line.markdown(f"**v{info.number}** · {when} · {as_text(info.created_by)} · {as_text(info.note)}")
        if info.number != versions[-1].number and button.button(
            t("ui_restore_version", lang), key=f"restore_{info.number}"
        ):

            def restore(number: int = info.number) -> int:
                with session() as s:
                    return restore_plan_version(
                        s, engagement_id=eid, number=number, expected_version=detail.version, actor=actor(), lang=lang
                    )

            if guarded(restore) is not None:
                st.rerun()
    if len(versions) >= 2:
        numbers = [v.number for v in versions]
        left, right = st.columns(2)
        old = left.selectbox(t("ui_compare_from", lang), numbers, index=len(numbers) - 2, key="diff_old")
        new = right.selectbox(t("ui_compare_to", lang), numbers, index=len(numbers) - 1, key="diff_new")
        with session() as s:
            older, newer = (load_plan(s, engagement_id=eid, number=n) for n in (old, new))
        changes = describe_changes(older, newer, lang)
        if changes:
            st.markdown("\n".join(f"- {as_text(c)}" for c in changes))
        else:
            st.caption(t("ui_no_changes", lang))

st.caption(
    t(
        "ui_budget_note",
        lang,
        total=fmt_money(plan.total_budget, lang, cents=False),
        n=fmt_number(sum(1 for i in plan.indicators if i.baseline is not None and i.target is not None), lang),
        of=fmt_number(len(plan.indicators), lang),
    )
)
link_to("esporta", t("ui_go_export", lang))
