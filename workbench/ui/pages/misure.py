"""Misure: suggested measures with their reasons, accept/reject, custom measures, and what stays uncovered."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pandas as pd
import streamlit as st
from sqlalchemy.orm import Session

from workbench.coverage import coverage_matrix, uncovered
from workbench.export.plan_docx import document_consultant
from workbench.formatting import fmt_number, fmt_percent
from workbench.i18n import t
from workbench.models.catalogue import COST_BANDS, MACRO_AREAS
from workbench.models.recommendation import Recommendation
from workbench.plan import intake_completeness
from workbench.recommend import recommend
from workbench.store.engagements import get_workspace
from workbench.ui.evidence import evidence_panel
from workbench.ui.state import (
    actor,
    assessment_of,
    catalogue,
    current_lang,
    guarded,
    link_to,
    per_version,
    questionnaire_registry,
    require_engagement,
    session,
    signed_in_name,
)
from workbench.ui.user_text import as_text, cell_text
from workbench.workflow import (
    accept_measure,
    add_custom_measure,
    draft_engagement_plan,
    reject_measure,
    reset_measure,
)

lang = current_lang()
detail = require_engagement()
eid = detail.id
result = assessment_of(detail, lang)
measures = catalogue().measures

st.title(f"{t('ui_page_misure', lang)} · {as_text(detail.organisation.name)}")
if not detail.answers:
    st.info(t("ui_profile_empty", lang))
    st.stop()
evidence_panel(result, lang)  # insufficient evidence said first, with the questions that would change the list

with session() as s:
    workspace = get_workspace(s, engagement_id=eid)


def _store(change: Callable[[Session], int]) -> None:
    def write() -> None:
        with session() as s:
            change(s)

    guarded(write)


def _accept(measure_id: str) -> None:
    _store(
        lambda s: accept_measure(
            s, engagement_id=eid, measure_id=measure_id, expected_version=detail.version, actor=actor()
        )
    )


def _reject(measure_id: str, reason_key: str) -> None:
    # The reason is read now, from the session: a button's args were fixed on the previous run, so they
    # would miss text typed since then (a user who clicks "Conferma" without pressing Enter first).
    reason = str(st.session_state.get(reason_key) or "")
    _store(
        lambda s: reject_measure(
            s,
            engagement_id=eid,
            measure_id=measure_id,
            reason=reason,
            expected_version=detail.version,
            actor=actor(),
            lang=lang,
        )
    )


def _reset(measure_id: str) -> None:
    _store(
        lambda s: reset_measure(
            s, engagement_id=eid, measure_id=measure_id, expected_version=detail.version, actor=actor()
        )
    )


controls = st.columns([1, 2, 2])
top = controls[0].number_input(t("ui_how_many", lang), min_value=5, max_value=40, value=10, step=1, key="top_n")
areas = controls[1].multiselect(
    t("ui_filter_area", lang),
    MACRO_AREAS,
    format_func=lambda a: t("area_" + a, lang),
    key="filter_area",
    placeholder=t("ui_all", lang),
)
costs = controls[2].multiselect(
    t("ui_filter_cost", lang),
    COST_BANDS,
    format_func=lambda c: t("cost_" + c, lang),
    key="filter_cost",
    placeholder=t("ui_all", lang),
)

recs = per_version(
    detail,
    f"recommend:{lang}:{int(top)}",
    lambda: recommend(
        questionnaire=result.questionnaire,
        profile=result.profile,
        values=result.validated.values,
        organisation=result.answers.organisation,  # with the comune answered in the questionnaire
        catalogue=catalogue(),
        top=int(top),
        lang=lang,
    ),
)
if recs.territorial_note:
    st.info(recs.territorial_note)
elif recs.ambito:
    st.success(t("ui_ambito", lang, ambito=recs.ambito))


def card(rec: Recommendation, prefix: str) -> None:
    status = "accepted" if rec.id in workspace.accepted else "rejected" if rec.id in workspace.rejected else ""
    with st.container(border=True):
        head, buttons = st.columns([4, 2])
        badge = {"accepted": "✓ ", "rejected": "✗ "}.get(status, "")
        remote = f" · {t('remote_work_flag', lang)}" if rec.remote_work else ""
        head.markdown(f"**{badge}{as_text(rec.name)}** · {fmt_number(rec.score, lang, 0)}/100")
        head.caption(
            f"{t('area_' + rec.macro_area, lang)} · {t('cost_' + rec.cost_band, lang)}{remote} · "
            f"{t('confidence_' + rec.confidence, lang)}"
        )
        head.write(rec.explanation)
        if status == "rejected":
            head.caption(f"{t('ui_rejected_because', lang)}: {as_text(workspace.rejected[rec.id])}")
        if status:
            buttons.button(t("ui_undo", lang), key=f"{prefix}_undo_{rec.id}", on_click=_reset, args=(rec.id,))
        else:
            buttons.button(
                t("ui_accept", lang), key=f"{prefix}_acc_{rec.id}", type="primary", on_click=_accept, args=(rec.id,)
            )
            with buttons.popover(t("ui_reject", lang)):
                reason_key = f"{prefix}_why_{rec.id}"
                st.text_input(t("ui_reason", lang), key=reason_key)
                st.button(
                    t("ui_confirm_reject", lang),
                    key=f"{prefix}_rej_{rec.id}",
                    on_click=_reject,
                    args=(rec.id, reason_key),
                )


suggested, to_verify_tab, existing, dropped_tab, chosen_tab = st.tabs(
    [
        t("ui_tab_suggested", lang),
        t("ui_tab_to_verify", lang, n=len(recs.to_verify)),
        t("in_place_measures", lang),
        t("dropped_measures", lang),
        t("ui_tab_chosen", lang, n=len(workspace.accepted) + len(workspace.custom)),
    ]
)
with suggested:
    shown = [
        r for r in recs.recommendations if (not areas or r.macro_area in areas) and (not costs or r.cost_band in costs)
    ]
    if not shown:
        st.info(t("ui_no_match", lang))
    for rec in shown:
        card(rec, "s")
with to_verify_tab:
    if not recs.to_verify:
        st.info(t("ui_none", lang))
    else:
        st.caption(t("ui_to_verify_intro", lang))
    for rec in recs.to_verify:
        with st.container(border=True):
            st.markdown(f"**{as_text(rec.name)}**")
            st.caption(t("ui_ask_first", lang, questions="; ".join(q.label for q in rec.verify_with)))
            st.write(rec.explanation)
with existing:
    if not recs.in_place:
        st.info(t("ui_none", lang))
    for rec in recs.in_place:
        card(rec, "e")
with dropped_tab:
    if recs.dropped:
        st.dataframe(
            pd.DataFrame(
                [
                    {t("ui_col_measure", lang): cell_text(d.name), t("ui_col_reason", lang): cell_text(d.reason)}
                    for d in recs.dropped
                ]
            ),
            hide_index=True,
        )
    else:
        st.info(t("ui_none", lang))

with chosen_tab:
    names = {m: measures[m].name.get(lang) for m in workspace.accepted if m in measures}
    chosen = [(names[m], measures[m].needs) for m in workspace.accepted if m in measures]
    chosen += [(c.name, c.needs) for c in workspace.custom]
    if not chosen:
        st.info(t("ui_nothing_chosen", lang))
    else:
        for mid in workspace.accepted:
            if mid in names:
                line, button = st.columns([5, 1])
                line.markdown(f"✓ {as_text(names[mid])}")
                button.button(t("ui_remove", lang), key=f"c_rm_{mid}", on_click=_reset, args=(mid,))
        for custom in workspace.custom:
            line, button = st.columns([5, 1])
            line.markdown(f"✎ {as_text(custom.name)} ({t('ui_custom', lang)})")
            button.button(t("ui_remove", lang), key=f"c_rm_{custom.id}", on_click=_reset, args=(custom.id,))
        rows = coverage_matrix(result.profile, chosen)
        matrix = pd.DataFrame(
            [
                {
                    t("ui_col_need", lang): r.label,
                    t("score", lang): round(r.score),
                    **{
                        name: ("●●●" if s >= 0.7 else "●●" if s >= 0.5 else "●" if s > 0 else "")
                        for name, s in r.strengths.items()
                    },
                    t("ui_col_covered", lang): "✓" if r.covered else ("✗" if r.relevant else "—"),
                }
                for r in rows
            ]
        )
        st.markdown(f"**{t('ui_coverage_matrix', lang)}**")
        st.table(matrix.set_index(t("ui_col_need", lang)))
        st.caption(t("ui_coverage_legend", lang))
        gaps = uncovered(rows)
        if gaps:
            st.warning(t("ui_uncovered", lang, needs=", ".join(f"{g.label} ({g.score:.0f})" for g in gaps)))

    with st.form("custom_measure", clear_on_submit=True):
        st.markdown(f"**{t('ui_add_custom', lang)}**")
        name = st.text_input(t("ui_custom_name", lang), max_chars=200)
        area = st.selectbox(t("ui_filter_area", lang), MACRO_AREAS, format_func=lambda a: t("area_" + a, lang))
        helped = st.multiselect(
            t("ui_custom_needs", lang), list(result.profile.needs), format_func=lambda n: result.profile.needs[n].label
        )
        budget = st.number_input(t("ui_custom_budget", lang), min_value=0.0, step=500.0, value=0.0)
        if st.form_submit_button(t("ui_add", lang)):
            if not name.strip():
                st.error(t("ui_name_required", lang))
            else:
                _store(
                    lambda s: add_custom_measure(
                        s,
                        engagement_id=eid,
                        name=name,
                        macro_area=area,
                        needs=helped,
                        budget_eur=budget,
                        expected_version=detail.version,
                        actor=actor(),
                    )
                )
                st.rerun()

st.divider()
ready = bool(workspace.accepted or workspace.custom)


def _draft() -> int:
    with session() as s:
        return draft_engagement_plan(
            s,
            engagement_id=eid,
            registry=questionnaire_registry(),
            catalogue=catalogue(),
            measure_ids=[m for m in workspace.accepted if m in measures],
            custom=workspace.custom,
            today=dt.date.today(),
            consultant=document_consultant(signed_in_name()),  # never the computer's account name
            actor=actor(),
            note=t("ui_draft_note", lang),
            lang=lang,
            expected_version=detail.version,
        )


intake = intake_completeness(result, lang)
knowingly = True
if intake.incomplete:  # the gate: a draft from too little is asked for knowingly, and the document says so
    missing = intake.missing_required
    st.warning(
        t(
            "ui_gate_incomplete",
            lang,
            answered=intake.answered,
            shown=intake.shown,
            coverage=fmt_percent(intake.coverage * 100, lang, 0),
        )
        + (("\n\n" + t("ui_gate_missing", lang, labels="; ".join(missing))) if missing else ""),
        icon=":material/warning:",
    )
    link_to("questionario", t("ui_gate_complete", lang))
    knowingly = st.checkbox(t("ui_gate_confirm", lang), key=f"draft_anyway_{eid}")
label = t("ui_make_draft" if not detail.plan_versions else "ui_make_new_draft", lang)
if st.button(label, type="primary", disabled=not ready or not knowingly, key="make_draft"):
    number = guarded(_draft)
    if number is not None:
        st.switch_page("workbench/ui/pages/piano.py")
if not ready:
    st.caption(t("ui_accept_first", lang))
