"""Annex F of the plan, and the rows the app shows: the Budget Law levers for the organisation's staff.

The figures come from :func:`workbench.incentives.incentives_for`; this module only words them, once, for the
plan's annex and the Finanziamenti page. A year the rules were not checked for is said in the annex, never
computed.
"""

from __future__ import annotations

from collections.abc import Mapping

from workbench.catalogue import Catalogue
from workbench.formatting import fmt_money, fmt_number
from workbench.i18n import t
from workbench.incentives import IncentiveUnavailable, incentives_for
from workbench.models.answers import AnswerValue
from workbench.models.document import IncentiveRow, IncentivesAnnex
from workbench.models.incentives import IncentivesReport, LeverResult
from workbench.models.questionnaire import Questionnaire
from workbench.models.text import Lang
from workbench.welfare import ParameterUnavailable


def _money(value: float | None, up_to: bool, lang: Lang) -> str:
    if value is None or value == 0:
        return "—"
    text = fmt_money(value, lang, cents=value != round(value))
    return f"{t('inc_cli_up_to', lang)} {text}" if up_to else text


def incentive_row(lever: LeverResult, lang: Lang) -> IncentiveRow:
    """A lever as a table row: what applies, to how many, for how much."""
    if lever.applies == "no":
        people = "—"
    elif lever.people is None:
        people = t("inc_applies_check", lang)
    else:
        people = fmt_number(lever.people, lang, 0)
    firm = _money(lever.firm_total_year, lever.up_to, lang)
    if firm == "—" and lever.firm_per_worker_year:
        firm = t("inc_per_person", lang, amount=_money(lever.firm_per_worker_year, lever.up_to, lang))
    notes = list(lever.notes)
    if lever.months and lever.firm_total_period:
        notes.insert(
            0, t("inc_cli_period", lang, months=lever.months, amount=_money(lever.firm_total_period, lever.up_to, lang))
        )
    if lever.per_day_worker is not None:
        worker_day, firm_day = fmt_money(lever.per_day_worker, lang), fmt_money(lever.per_day_firm or 0.0, lang)
        notes.insert(0, t("inc_cli_per_day", lang, worker=worker_day, firm=firm_day))
    return IncentiveRow(
        lever=lever.label,
        applies=lever.applies_label,
        people=people,
        firm=firm,
        worker=_money(lever.worker_per_worker_year, lever.up_to, lang),
        why=lever.why,
        question=lever.question or "",
        notes=notes,
        act=lever.act,
    )


def incentives_report(
    *, values: Mapping[str, AnswerValue], questionnaire: Questionnaire, catalogue: Catalogue, year: int, lang: Lang
) -> IncentivesReport | str:
    """The levers for ``year``, or the sentence saying why they cannot be computed for it."""
    try:
        return incentives_for(
            values=values,
            questionnaire=questionnaire,
            rules=catalogue.incentives,
            parameters=catalogue.tax,
            year=year,
            lang=lang,
        )
    except IncentiveUnavailable as exc:
        return exc.message(lang)
    except ParameterUnavailable as exc:
        return str(exc)


def incentives_annex(
    *, values: Mapping[str, AnswerValue], questionnaire: Questionnaire, catalogue: Catalogue, year: int, lang: Lang
) -> IncentivesAnnex | None:
    """Annex F for the plan's first year; None when the catalogue has no incentive rules, and for a public
    administration: the levers are a private employer's (the one that reaches public staff, the meal voucher,
    is set by the public contracts), and the app's Finanziamenti page still shows each lever with why not."""
    if not catalogue.incentives or not catalogue.tax or questionnaire.kind == "pa":
        return None
    report = incentives_report(values=values, questionnaire=questionnaire, catalogue=catalogue, year=year, lang=lang)
    intro = t("inc_annex_intro", lang, year=year)
    if isinstance(report, str):
        return IncentivesAnnex(year=str(year), problem=report, intro=intro, rows=[], totals="", questions=[], check="")
    applying = [lever for lever in report.levers if lever.applies == "yes"]
    totals = (
        t(
            "inc_cli_totals",
            lang,
            firm=fmt_money(report.firm_total_year, lang, cents=False),
            worker=fmt_money(report.worker_total_year, lang, cents=False),
        )
        if applying
        else ""
    )
    return IncentivesAnnex(
        year=str(year),
        problem="",
        intro=intro,
        rows=[incentive_row(lever, lang) for lever in report.levers],
        totals=totals,
        questions=report.open_questions,
        check=t("inc_cli_unverified", lang, names=", ".join(report.unverified)) if report.unverified else "",
    )
