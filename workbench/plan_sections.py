"""The plan's communication, participation and Family Audit coverage sections.

Why separate from the drafting arithmetic: these sections are what an evaluator (Family Audit,
the Lombard territorial calls) looks for first — who tells staff what and when, who takes part
(working group, RSU or CUG, the survey) and which macro-areas the plan spans — and their content
is data in ``catalogue/plan_defaults.yaml`` the consultant edits, not code.
"""

from __future__ import annotations

from collections.abc import Mapping

from workbench.catalogue import Catalogue
from workbench.content_ids import CUG_QUESTION, UNION_QUESTION
from workbench.crosswalk import counts_in
from workbench.i18n import t
from workbench.models.answers import AnswerValue
from workbench.models.catalogue import ParticipationWhen, PlanDefaults
from workbench.models.plan import AreaCover, CommunicationItem, ParticipationItem, Plan, add_months
from workbench.models.text import Lang


def communication_plan(plan: Plan, defaults: PlanDefaults, kind: str, lang: Lang) -> list[CommunicationItem]:
    """Who tells whom what, when and how: the defaults' lines, one launch notice per action, by date."""
    items: list[CommunicationItem] = []
    for line in defaults.communication:
        if kind not in line.kinds:
            continue
        if line.every_action:
            for action in plan.actions:
                items.append(
                    CommunicationItem(
                        month=action.launch_month,
                        date=plan.month_date(action.launch_month),
                        audience=action.target_group or line.audience.get(lang),
                        message=line.message.get(lang).format(action=action.name),
                        channel=line.channel.get(lang),
                        owner=action.owner or line.owner.get(lang),
                    )
                )
            continue
        month = plan.duration_months if line.month == -1 else min(line.month, plan.duration_months)
        items.append(
            CommunicationItem(
                month=month,
                date=plan.start_date if month == 0 else add_months(plan.start_date, month),
                audience=line.audience.get(lang),
                message=line.message.get(lang),
                channel=line.channel.get(lang),
                owner=line.owner.get(lang),
            )
        )
    return sorted(items, key=lambda i: i.month)


def _holds(when: ParticipationWhen, values: Mapping[str, AnswerValue], kind: str, survey: bool) -> bool:
    union = values.get(UNION_QUESTION) is True
    cug = values.get(CUG_QUESTION) is True
    return {
        "always": True,
        "rsu": kind == "firm" and union,
        "no_rsu": kind == "firm" and not union,
        "cug": kind == "pa" and cug,
        "no_cug": kind == "pa" and not cug,
        "pa": kind == "pa",
        "survey": survey,
        "no_survey": not survey,
    }[when]


def participation(
    values: Mapping[str, AnswerValue], defaults: PlanDefaults, kind: str, survey: bool, lang: Lang
) -> list[ParticipationItem]:
    """Working group, RSU or staff representatives, CUG for public bodies, the survey, consultation."""
    return [
        ParticipationItem(body=line.body.get(lang), role=line.role.get(lang), when=line.schedule.get(lang))
        for line in defaults.participation
        if _holds(line.when, values, kind, survey)
    ]


def area_coverage(plan: Plan, catalogue: Catalogue, lang: Lang) -> list[AreaCover]:
    """Each Family Audit macro-area with the plan's actions in it, or the stated reason for none."""
    if catalogue.crosswalks is None:
        return []
    defaults = catalogue.defaults
    result = []
    for area in catalogue.crosswalks.family_audit.areas:
        names = [a.name for a in plan.actions if counts_in(area, a)]
        if area.id == defaults.communication_area and plan.communication:
            names.append(t("plan_communication_section", lang))
        reason = ""
        if not names:
            text = defaults.area_reasons.get(area.id)
            reason = text.get(lang) if text else ""
        result.append(AreaCover(area=area.id, label=area.name.get(lang), actions=names, reason=reason))
    return result
