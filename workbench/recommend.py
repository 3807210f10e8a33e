"""Scores + feasibility + organisation -> ranked, explained measures.

How a measure is ranked:

1. **Feasible?** Each requirement (feasibility floor, minimum headcount, a test on
   the answers) either holds, fails (the measure is dropped, with the reason), or
   cannot be settled because the answers are missing (kept, flagged "to check").
2. **Fit**: the measure answers need *d* with strength *m_d*; the firm's need is
   *n_d* = score/100. Fit = 1 - Π(1 - n_d·m_d): the strongest match dominates,
   every further need adds a little, and it never exceeds 1.
3. **Cost**: when the budget capacity is low, dearer cost bands lose a share of
   their fit, so at equal fit the cheaper measure comes first.
4. **Already in place**: listed apart, ranked the same way, so the plan can
   consolidate it instead of proposing it as new.
5. **Diversity**: each of the three highest needs gets its best strong measure
   (strength ≥ 0.7) in the list; remote-work measures take at most 30% of the list,
   and no macro-area more than 40%.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from workbench.catalogue import Catalogue
from workbench.formatting import fmt_number
from workbench.models.answers import AnswerValue, Organisation
from workbench.models.catalogue import Ambito, Measure, Requirement
from workbench.models.recommendation import Dropped, NeedMatch, Recommendation, RecommendationSet, ServiceRef
from workbench.models.scoring import DimensionScore, ScoreProfile
from workbench.models.text import Lang
from workbench.questionnaire import LoadedQuestionnaire, condition_holds, conditions_in, question_states

STRONG = 0.7
REMOTE_SHARE = 0.3
AREA_SHARE = 0.4
UNKNOWN_BUDGET = 50.0
COST_PENALTY = {"none": 0.0, "low": 0.05, "medium": 0.15, "high": 0.3, "very_high": 0.45}
"""Share of fit lost by each cost band when the budget capacity is nil (scaled down as it grows)."""
COST_ORDER = {band: i for i, band in enumerate(COST_PENALTY)}


@dataclass(frozen=True)
class _Verdict:
    failed: list[str]
    unsettled: list[str]


def recommend(
    *,
    questionnaire: LoadedQuestionnaire,
    profile: ScoreProfile,
    values: Mapping[str, AnswerValue],
    organisation: Organisation,
    catalogue: Catalogue,
    top: int = 10,
    lang: Lang = "it",
) -> RecommendationSet:
    """Rank the catalogue for one organisation. Pure: same inputs, same list."""
    kind = questionnaire.definition.kind
    headcount = _headcount(questionnaire, values)
    budget = _feasibility_score(profile, "budget_capacity")
    ambito = catalogue.ambito_for(organisation.comune)
    candidates: list[Recommendation] = []
    dropped: list[Dropped] = []
    for measure in catalogue.measures.values():
        if kind not in measure.kinds:
            continue
        verdict = _check(measure.requires, questionnaire, profile, values, headcount, lang)
        if verdict.failed:
            dropped.append(Dropped(id=measure.id, name=measure.name.get(lang), reason=" ".join(verdict.failed)))
            continue
        candidates.append(_rate(measure, profile, values, questionnaire, budget, verdict, ambito, lang))
    chosen = _select([c for c in candidates if not c.in_place], profile, top)
    return RecommendationSet(
        recommendations=chosen,
        in_place=sorted((c for c in candidates if c.in_place), key=_rank_key),
        dropped=sorted(dropped, key=lambda d: d.id),
        ambito=ambito.name if ambito else None,
        territorial_note=_territorial_note(organisation.comune, ambito is not None, lang),
    )


# ---- feasibility --------------------------------------------------------------


def _headcount(questionnaire: LoadedQuestionnaire, values: Mapping[str, AnswerValue]) -> float | None:
    qid = questionnaire.definition.headcount_question
    value = values.get(qid) if qid else None
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _feasibility_score(profile: ScoreProfile, dim: str) -> float | None:
    score = profile.feasibility.get(dim)
    return score.score if score is not None and score.coverage > 0 else None


def _check(
    requirements: Sequence[Requirement],
    questionnaire: LoadedQuestionnaire,
    profile: ScoreProfile,
    values: Mapping[str, AnswerValue],
    headcount: float | None,
    lang: Lang,
) -> _Verdict:
    failed: list[str] = []
    unsettled: list[str] = []
    states = question_states(questionnaire.definition, values)
    for req in requirements:
        reason = req.reason.get(lang)
        if req.feasibility is not None and req.at_least is not None:
            score = _feasibility_score(profile, req.feasibility)
            if score is None:
                unsettled.append(reason)
            elif score < req.at_least:
                label = profile.feasibility[req.feasibility].label
                failed.append(f"{reason.rstrip('.')} ({label}: {fmt_number(score, lang, 0)}/100).")
        elif req.min_employees is not None:
            if headcount is None:
                unsettled.append(reason)
            elif headcount < req.min_employees:
                failed.append(f"{reason.rstrip('.')} ({fmt_number(headcount, lang, 0)} < {req.min_employees}).")
        elif req.answer is not None:
            asked = [c.question for c in conditions_in(req.answer)]
            if not all(states.get(q) == "shown" and q in values for q in asked):
                # a question this questionnaire does not ask, or an answer still missing
                if any(q in states for q in asked):
                    unsettled.append(reason)
            elif not condition_holds(req.answer, values):
                failed.append(reason)
    return _Verdict(failed, unsettled)


# ---- rating --------------------------------------------------------------------


def _rate(
    measure: Measure,
    profile: ScoreProfile,
    values: Mapping[str, AnswerValue],
    questionnaire: LoadedQuestionnaire,
    budget: float | None,
    verdict: _Verdict,
    ambito: Ambito | None,
    lang: Lang,
) -> Recommendation:
    matches = [
        NeedMatch(need=need, label=profile.needs[need].label, need_score=profile.needs[need].score, strength=strength)
        for need, strength in measure.needs.items()
        if need in profile.needs
    ]
    matches.sort(key=lambda m: -(m.need_score * m.strength))
    miss = math.prod(1 - (m.need_score / 100) * m.strength for m in matches)
    fit = 1 - miss
    capacity = (budget if budget is not None else UNKNOWN_BUDGET) / 100
    fit *= 1 - COST_PENALTY[measure.cost_band] * (1 - capacity)
    in_place = measure.in_place_if is not None and _holds_if_answered(measure, questionnaire, values)
    services = _services(measure, ambito, lang)
    return Recommendation(
        id=measure.id,
        name=measure.name.get(lang),
        macro_area=measure.macro_area,
        remote_work=measure.remote_work,
        score=round(100 * fit, 1),
        explanation=_explain(measure, matches, profile, in_place, verdict, services, lang),
        needs=matches,
        cost_band=measure.cost_band,
        in_place=in_place,
        to_check=verdict.unsettled,
        territorial_services=services,
    )


def _holds_if_answered(measure: Measure, questionnaire: LoadedQuestionnaire, values: Mapping[str, AnswerValue]) -> bool:
    assert measure.in_place_if is not None
    asked = questionnaire.definition.question_map()
    if not any(c.question in asked for c in conditions_in(measure.in_place_if)):
        return False
    return condition_holds(measure.in_place_if, values)


def _services(measure: Measure, ambito: Ambito | None, lang: Lang) -> list[ServiceRef]:
    if ambito is None:
        return []
    return [
        ServiceRef(
            id=s.id,
            name=s.name.get(lang),
            provider=s.provider,
            ambito=ambito.name,
            welfare_eligible=s.welfare_eligible,
            tax_route=s.tax_route,
        )
        for s in ambito.services
        if measure.id in s.measures
    ]


def _explain(
    measure: Measure,
    matches: list[NeedMatch],
    profile: ScoreProfile,
    in_place: bool,
    verdict: _Verdict,
    services: list[ServiceRef],
    lang: Lang,
) -> str:
    """One sentence citing the need and the answer behind it, then short flags."""
    it = lang == "it"
    parts: list[str] = []
    main = matches[0] if matches else None
    if main is not None and main.need_score > 0:
        need: DimensionScore = profile.needs[main.need]
        score = fmt_number(main.need_score, lang, 0)
        parts.append(
            f"Risponde al bisogno «{main.label}» ({score}/100)."
            if it
            else f"Addresses the need «{main.label}» ({score}/100)."
        )
        if need.explanation and need.explanation[0].points > 0:
            top = need.explanation[0]
            label = top.question_label.rstrip("?").rstrip()
            parts.append(f"{'Dato principale' if it else 'Main evidence'}: {label}: {top.answer}.")
        others = [m.label for m in matches[1:] if m.need_score >= 34 and m.strength >= 0.5]
        if others:
            parts.append(("Aiuta anche: " if it else "Also helps: ") + ", ".join(others) + ".")
    else:
        parts.append(
            "Nessun bisogno rilevato per ora a cui risponda direttamente."
            if it
            else "No scored need it answers directly yet."
        )
    if in_place:
        parts.append("Già presente: da consolidare." if it else "Already in place: consolidate it.")
    if measure.union_agreement:
        parts.append("Di norma richiede un accordo sindacale." if it else "Usually needs a union agreement.")
    if verdict.unsettled:
        parts.append(("Da verificare: " if it else "To check: ") + " ".join(verdict.unsettled))
    if services:
        names = ", ".join(s.name for s in services)
        parts.append(f"Servizi sul territorio: {names}." if it else f"Local services: {names}.")
    return " ".join(parts)


# ---- selection -------------------------------------------------------------------


def _select(candidates: list[Recommendation], profile: ScoreProfile, top: int) -> list[Recommendation]:
    ranked = sorted(candidates, key=_rank_key)
    top = max(0, top)
    max_remote = math.floor(REMOTE_SHARE * top)
    max_area = max(3, math.ceil(AREA_SHARE * top))
    chosen: list[Recommendation] = []

    def fits(rec: Recommendation) -> bool:
        if rec in chosen or len(chosen) >= top:
            return False
        if rec.remote_work and sum(c.remote_work for c in chosen) >= max_remote:
            return False
        return sum(c.macro_area == rec.macro_area for c in chosen) < max_area

    for need in profile.top_needs(3):
        if need.score <= 0:
            continue
        strong = [r for r in ranked if any(m.need == need.id and m.strength >= STRONG for m in r.needs)]
        if any(r in chosen for r in strong):
            continue
        pick = next((r for r in strong if fits(r)), None)
        if pick is not None:
            chosen.append(pick)
    for rec in ranked:
        if fits(rec):
            chosen.append(rec)
    return sorted(chosen, key=_rank_key)


def _rank_key(rec: Recommendation) -> tuple[float, int, str]:
    """Best fit first; at equal fit the cheaper measure; then a stable order."""
    return (-rec.score, COST_ORDER[rec.cost_band], rec.id)


def _territorial_note(comune: str | None, known: bool, lang: Lang) -> str | None:
    if known:
        return None
    if not comune:
        return (
            "Comune non indicato: nessun servizio territoriale collegato."
            if lang == "it"
            else "No municipality given: no local services attached."
        )
    return (
        f"Il comune di {comune} non rientra negli ambiti territoriali censiti: nessun servizio territoriale collegato."
        if lang == "it"
        else f"{comune} is not in any known district: no local services attached."
    )
