"""Finanziamenti e dossier: the 2026 incentives in euros, the funding dossiers, pay-transparency readiness.

Everything here reads the engagement (a client manager sees it too) and is computed by the functions the CLI
calls (`workbench incentives`, `workbench dossier`, `workbench pay-transparency`); a document is rendered only
when its button is pressed."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import streamlit as st

from workbench.dossiers.kinds import DOSSIER_KINDS, DossierKind, build_dossier
from workbench.dossiers.source import DossierSource
from workbench.export.dossier_docx import render_dossier_docx
from workbench.export.incentives_annex import incentive_row, incentives_report
from workbench.export.templates import SPECS, TemplateError
from workbench.i18n import t
from workbench.incentives import known_years
from workbench.pay_transparency import pay_transparency_readiness
from workbench.ui.state import (
    actor,
    catalogue,
    current_lang,
    guarded,
    questionnaire_registry,
    require_engagement,
    session,
)
from workbench.ui.user_text import as_text
from workbench.workflow import engagement_dossier_source, engagement_template_folder

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

lang = current_lang()
detail = require_engagement("read")
st.title(f"{t('ui_page_finanziamenti', lang)} · {as_text(detail.organisation.name)}")
st.caption(t("ui_fin_intro", lang))


def _source() -> DossierSource:
    with session() as s:
        return engagement_dossier_source(
            s,
            engagement_id=detail.id,
            registry=questionnaire_registry(),
            catalogue=catalogue(),
            actor=actor(),
            today=dt.date.today(),
            lang=lang,
        )


found = guarded(_source)
if found is None:
    st.stop()
source: DossierSource = found
if not source.plan_saved:
    st.info(t("ui_fin_draft_basis", lang), icon=":material/info:")

tab_incentives, tab_dossiers, tab_transparency = st.tabs(
    [t("ui_fin_tab_incentives", lang), t("ui_fin_tab_dossiers", lang), t("pt_title", lang)]
)


@st.fragment
def _incentives() -> None:
    """The levers for the chosen year; switching the year reruns only this part, not the dossiers."""
    years = known_years(source.catalogue.incentives)
    if not years:
        st.info(t("inc_no_years", lang))
        return
    start = source.plan.start_date.year
    year = st.selectbox(
        t("ui_fin_year", lang), years, index=years.index(start) if start in years else 0, key="incentives_year"
    )
    st.caption(t("inc_annex_intro", lang, year=year))
    report = incentives_report(
        values=source.assessment.validated.values,
        questionnaire=source.assessment.questionnaire.definition,
        catalogue=source.catalogue,
        year=year,
        lang=lang,
    )
    if isinstance(report, str):
        st.warning(report)
    else:
        rows = [incentive_row(lever, lang) for lever in report.levers]
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        t("ui_fin_lever", lang): r.lever,
                        t("ui_fin_applies", lang): r.applies,
                        t("ui_fin_people", lang): r.people,
                        t("ui_fin_firm_year", lang): r.firm,
                        t("ui_fin_worker_year", lang): r.worker,
                    }
                    for r in rows
                ]
            ),
            hide_index=True,
            width="stretch",
        )
        for r in rows:
            with st.expander(f"{r.lever} — {r.applies}"):
                st.write(r.why)
                if r.question:
                    st.markdown(f"**{t('inc_cli_ask', lang)}:** {r.question}")
                for note in r.notes:
                    st.markdown(f"- {note}")
                st.caption(r.act)
        if report.open_questions:
            st.info(
                f"**{t('ui_fin_questions', lang)}**\n\n" + "\n".join(f"- {q}" for q in report.open_questions),
                icon=":material/help:",
            )
        if report.unverified:
            st.caption(t("inc_cli_unverified", lang, names=", ".join(report.unverified)))


with tab_incentives:
    _incentives()

with session() as s:
    folder = engagement_template_folder(s, engagement_id=detail.id)
slug = re.sub(r"[^A-Za-z0-9]+", "_", detail.organisation.name).strip("_")[:40] or "organizzazione"

with tab_dossiers:
    for kind in DOSSIER_KINDS:
        st.subheader(t(f"dos_kind_{kind}", lang))
        st.caption(t(f"ui_fin_about_{kind}", lang))
        document = build_dossier(kind, source)
        if document.missing:
            lines = "\n".join(f"- **{as_text(m.item)}**: {as_text(m.how)}" for m in document.missing)
            st.warning(f"{t('ui_fin_missing', lang, n=len(document.missing))}\n\n{lines}", icon=":material/checklist:")
        else:
            st.success(t("cli_dossier_ready", lang), icon=":material/task_alt:")

        def _docx(kind: DossierKind = kind) -> bytes:
            try:
                data, _ = render_dossier_docx(kind, source, folder=folder)
            except TemplateError as exc:  # a restyled template that does not fit: named, never a traceback
                st.error(str(exc))
                return b""
            return data

        st.download_button(
            t("ui_fin_download", lang),
            data=_docx,
            file_name=f"{SPECS[kind].stem}_{slug}.docx",
            mime=DOCX_MIME,
            on_click="ignore",
            key=f"dossier_{kind}",
            icon=":material/description:",
        )
        st.divider()

with tab_transparency:
    rules = source.catalogue.pay_transparency
    if rules is None:
        st.info(t("pt_no_rules", lang))
        st.stop()
    readiness = pay_transparency_readiness(
        rules=rules, assessment=source.assessment, plan=source.plan, indicators=source.catalogue.indicators, lang=lang
    )
    (st.info if readiness.required else st.write)(readiness.summary)
    st.caption(readiness.trigger)
    table = [
        {
            t("ui_fin_theme", lang): theme.label,
            t("ui_fin_indicator", lang): row.name,
            t("ui_fin_state", lang): t("pt_in_plan" if row.in_plan else "pt_not_in_plan", lang),
            t("ui_col_baseline", lang): row.baseline or "—",
            t("ui_col_target_value", lang): row.target or "—",
        }
        for theme in readiness.themes
        for row in theme.indicators
    ]
    st.dataframe(pd.DataFrame(table), hide_index=True, width="stretch")
    for theme in readiness.themes:
        st.markdown(f"**{theme.label}** — {theme.why}")
    if readiness.to_add:
        st.warning(f"{t('pt_to_add', lang)}: " + ", ".join(readiness.to_add), icon=":material/add_chart:")
    st.caption(readiness.source + ("" if readiness.verified else f" — {t('pt_check', lang)}"))
