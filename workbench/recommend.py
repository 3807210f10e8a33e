"""Scores + feasibility + organisation -> ranked, explained measures.

How a measure is ranked:

1. **Feasible?** Each requirement (feasibility floor, minimum headcount, a test on
   the answers) either holds, fails (the measure is dropped, with the reason), or
   cannot be settled (answers missing, or a feasibility dimension without enough
   evidence to be scored: kept, flagged "to check"). A failed requirement is waived
   when a route the catalogue names for it exists (``waived_by``: a welfare credit or
   a productivity bonus to spend, a service of the organisation's district): the
   measure stays, flagged with the route.
2. **Fit**: the measure answers need *d* with strength *m_d*; the organisation's need
   level is *n_d* = score/100 when the need is *scored*. A need without enough
   evidence ("insufficient") contributes nothing of its own score: at most the prior
   level of what the answers show about the organisation (sector, shifts, workforce
   mix, size: ``catalogue/contexts.yaml``), never more than 0.6, and of those priors
   only the strongest counts (*p* = max p_d·m_d: a guess about many needs is still
   one guess). The organisation's declared goals (*g*, ``goals:`` on the measure) and
   the contexts the measure fits (*c*, ``contexts:``: a bonus to convert, a small firm
   that needs shared services) count as further reasons.
   Fit = 1 - Π_scored(1 - n_d·m_d) · (1 - p) · (1 - ½g) · (1 - ½c): the strongest
   reason dominates, every further one adds a little, never above 1.
3. **Cost and open questions**: when the budget capacity is low, dearer cost bands
   lose a share of their fit, so at equal fit the cheaper measure comes first; a
   measure whose precondition is still unanswered (are there shifts at all?) keeps
   85% of its fit, one whose feasibility floor cannot be settled yet 95%.
4. **Already in place**: listed apart, ranked the same way, so the plan can
   consolidate it instead of proposing it as new.
5. **Fail closed on remote work**: where work is done on site (shifts, restaurants,
   care, farms, shops, sites, lines) and nobody has said how many roles could be done
   remotely, remote-work measures are kept out of the list and set apart as "to
   verify", with the question to ask.
6. **Diversity**: each of the three highest needs (scored first, then the likeliest
   ones) gets its best strong measure (strength ≥ 0.7) in the list (in a list shorter
   than 9, only the first top//3 of them); remote-work measures take at most 30% of
   the list, and no macro-area more than 40%.
7. **Confidence**: "high" only when the main reason is a need scored with high
   confidence and nothing is left to check; "medium" for a scored need of medium
   confidence, or a declared goal or channel; "low" when the list rests on priors.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from workbench.ask_next import recommendation_evidence
from workbench.catalogue import Catalogue
from workbench.content_ids import BUDGET_CAPACITY
from workbench.formatting import fmt_number
from workbench.i18n import t
from workbench.models.answers import AnswerValue, Organisation
from workbench.models.catalogue import TERRITORIAL_ROUTE, Ambito, Measure, OrganisationContext, Requirement
from workbench.models.questionnaire import ShowIf
from workbench.models.recommendation import (
    Dropped,
    NeedMatch,
    QuestionToAsk,
    Recommendation,
    RecommendationSet,
    ServiceRef,
)
from workbench.models.scoring import Confidence, DimensionScore, ScoreProfile
from workbench.models.text import Lang
from workbench.questionnaire import LoadedQuestionnaire, condition_holds, conditions_in, question_states
from workbench.scoring import LOW_BELOW

STRONG = 0.7
REMOTE_SHARE = 0.3
AREA_SHARE = 0.4
UNKNOWN_BUDGET = 50.0
GOAL_WEIGHT = 0.5
"""A goal the measure serves fully weighs like a need at level 0.5."""
CONTEXT_WEIGHT = 0.5
"""So does a context the measure fits fully (a bonus to convert, a small firm's shared services)."""
CITED = 0.3
"""Goals and contexts at least this strong are named in the explanation."""
COST_PENALTY = {"none": 0.0, "low": 0.05, "medium": 0.15, "high": 0.3, "very_high": 0.45}
"""Share of fit lost by each cost band when the budget capacity is nil (scaled down as it grows)."""
COST_ORDER = {band: i for i, band in enumerate(COST_PENALTY)}
OPEN_PRECONDITION = 0.85
"""Fit kept by a measure whose precondition (shifts exist, a welfare channel exists...) is still unanswered."""
OPEN_CHECK = 0.95
"""Fit kept by a measure whose feasibility or size floor cannot be settled yet."""
CONFIDENCE_ORDER: dict[Confidence, int] = {"low": 0, "medium": 1, "high": 2}


@dataclass(frozen=True)
class _Verdict:
    failed: list[str]
    unsettled: list[str]
    open_preconditions: int = 0
    """answer tests still unanswered (shifts exist? a welfare channel?): the measure may not apply at all"""
    open_checks: int = 0
    """feasibility or headcount floors the answers cannot settle yet"""


@dataclass(frozen=True)
class _Prior:
    level: float
    because: list[str]
    """labels of the contexts that give this level"""


@dataclass(frozen=True)
class _Facts:
    """What the answers show about the organisation beyond its scores."""

    contexts: list[OrganisationContext] = field(default_factory=list)
    priors: dict[str, _Prior] = field(default_factory=dict)
    goals: dict[str, str] = field(default_factory=dict)
    """declared goal value -> its label"""
    on_site: list[str] = field(default_factory=list)
    ask_remote: QuestionToAsk | None = None
    """set when remote-work measures fail closed: the question that would settle them"""


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
    budget = _feasibility_score(profile, BUDGET_CAPACITY)
    comune = _comune(organisation, questionnaire, values)
    ambito = catalogue.ambito_for(comune, organisation.ambito)
    facts = _facts(catalogue, questionnaire, values, lang)
    states = question_states(questionnaire.definition, values)
    candidates: list[Recommendation] = []
    dropped: list[Dropped] = []
    to_verify: list[Recommendation] = []
    for measure in catalogue.measures.values():
        if kind not in measure.kinds:
            continue
        services = _services(measure, ambito, lang)
        verdict = _check(measure, questionnaire, profile, values, states, headcount, facts, ambito, services, lang)
        gated = measure.remote_work and facts.ask_remote is not None
        if verdict.failed and not gated:
            dropped.append(Dropped(id=measure.id, name=measure.name.get(lang), reason=" ".join(verdict.failed)))
            continue
        rec = _rate(measure, profile, values, questionnaire, budget, verdict, facts, services, lang)
        if gated and (not rec.in_place or verdict.failed):  # in place but failing a provisional check: verify too
            to_verify.append(_set_apart(rec, verdict, facts, lang))
            continue
        candidates.append(rec)
    chosen = _select([c for c in candidates if not c.in_place], profile, facts, top)
    return RecommendationSet(
        recommendations=chosen,
        in_place=sorted((c for c in candidates if c.in_place), key=_rank_key),
        dropped=sorted(dropped, key=lambda d: d.id),
        ambito=ambito.name if ambito else None,
        territorial_note=_territorial_note(catalogue, comune, organisation.ambito, ambito, lang),
        evidence=recommendation_evidence(questionnaire, profile, values, organisation, catalogue, lang),
        to_verify=sorted(to_verify, key=_rank_key),
        known_facts=[c.label.get(lang) for c in facts.contexts if not c.always],
    )


# ---- what is known beyond the scores ---------------------------------------------------


def _facts(
    catalogue: Catalogue, questionnaire: LoadedQuestionnaire, values: Mapping[str, AnswerValue], lang: Lang
) -> _Facts:
    setting = catalogue.contexts
    if setting is None:
        return _Facts()
    kind = questionnaire.definition.kind
    active = [c for c in setting.contexts if kind in c.kinds and _context_holds(c, values)]
    priors: dict[str, _Prior] = {}
    for context in active:
        for need, level in context.needs.items():
            prior = priors.get(need)
            label = context.label.get(lang)
            if prior is None or level > prior.level:
                priors[need] = _Prior(level, [label])
            elif level == prior.level:
                prior.because.append(label)
    questions = questionnaire.definition.question_map()
    goals: dict[str, str] = {}
    goal_question = questions.get(setting.goals_question)
    declared = values.get(setting.goals_question)
    if goal_question is not None and isinstance(declared, list):
        labels = {o.value: o.label.get(lang) for o in goal_question.options or []}
        goals = {g: labels[g] for g in declared if g in labels}
    on_site = [c.label.get(lang) for c in active if c.on_site]
    gate = setting.remote_work
    asked = [q for q in gate.questions if q in questions]
    known = any(values.get(q) is not None for q in gate.questions) or (
        gate.known_if is not None and _asks_any(gate.known_if, questions) and condition_holds(gate.known_if, values)
    )
    ask_remote = None
    if on_site and asked and not known:
        ask_remote = QuestionToAsk(question=asked[0], label=questions[asked[0]].label.get(lang))
    return _Facts(active, priors, goals, on_site, ask_remote)


def _asks_any(test: ShowIf, questions: Mapping[str, object]) -> bool:
    return any(c.question in questions for c in conditions_in(test))


def _context_holds(context: OrganisationContext, values: Mapping[str, AnswerValue]) -> bool:
    if context.always:
        return True
    if context.when is not None:
        return condition_holds(context.when, values)
    share = context.share
    assert share is not None
    part, whole = values.get(share.question), values.get(share.per)
    if not isinstance(part, int | float) or not isinstance(whole, int | float) or isinstance(part, bool):
        return False
    if isinstance(whole, bool) or whole <= 0:
        return False
    percent = 100 * float(part) / float(whole)
    return percent >= share.at_least if share.at_least is not None else percent < (share.below or 0)


def _comune(
    organisation: Organisation, questionnaire: LoadedQuestionnaire, values: Mapping[str, AnswerValue]
) -> str | None:
    if organisation.comune:
        return organisation.comune
    qid = questionnaire.definition.comune_question
    answer = values.get(qid) if qid else None
    return answer if isinstance(answer, str) and answer.strip() else None


# ---- feasibility --------------------------------------------------------------


def _headcount(questionnaire: LoadedQuestionnaire, values: Mapping[str, AnswerValue]) -> float | None:
    qid = questionnaire.definition.headcount_question
    value = values.get(qid) if qid else None
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _feasibility_score(profile: ScoreProfile, dim: str) -> float | None:
    """The score, when the dimension has enough evidence to be scored; otherwise nothing is settled."""
    score = profile.feasibility.get(dim)
    return score.score if score is not None and score.coverage > 0 and score.scored else None


def _check(
    measure: Measure,
    questionnaire: LoadedQuestionnaire,
    profile: ScoreProfile,
    values: Mapping[str, AnswerValue],
    states: Mapping[str, str],
    headcount: float | None,
    facts: _Facts,
    ambito: Ambito | None,
    services: list[ServiceRef],
    lang: Lang,
) -> _Verdict:
    failed: list[str] = []
    unsettled: list[str] = []
    preconditions = checks = 0
    for req in measure.requires:
        reason = req.reason.get(lang)
        failure: str | None = None
        if req.feasibility is not None and req.at_least is not None:
            score = _feasibility_score(profile, req.feasibility)
            if score is None:
                checks += 1
                unsettled.append(_not_yet(_dimension_label(profile, req.feasibility), reason, lang))
            elif score < req.at_least:
                label = profile.feasibility[req.feasibility].label
                failure = f"{reason.rstrip('.')} ({label}: {fmt_number(score, lang, 0)}/100)."
        elif req.min_employees is not None:
            if headcount is None:
                checks += 1
                label = _question_label(questionnaire, questionnaire.definition.headcount_question, lang)
                unsettled.append(_not_yet(label, reason, lang))
            elif headcount < req.min_employees:
                failure = f"{reason.rstrip('.')} ({fmt_number(headcount, lang, 0)} < {req.min_employees})."
        elif req.answer is not None:
            asked = [c.question for c in conditions_in(req.answer)]
            missing = [q for q in asked if q in states and not (states[q] == "shown" and q in values)]
            if condition_holds(req.answer, values):
                pass  # holds already, also through an 'answered: false' alternative
            elif not all(states.get(q) == "shown" and q in values for q in asked):
                # a question this questionnaire does not ask, or an answer still missing
                if missing:
                    preconditions += 1
                    unsettled.append(_not_yet(_question_label(questionnaire, missing[0], lang), reason, lang))
            else:
                failure = reason
        if failure is None:
            continue
        routes = _routes(req, facts, ambito, services, lang)
        if routes:
            unsettled.append(t("rec_still_feasible", lang, failure=failure.rstrip("."), routes="; ".join(routes)))
        else:
            failed.append(failure)
    return _Verdict(failed, unsettled, preconditions, checks)


def _not_yet(what: str, reason: str, lang: Lang) -> str:
    """A requirement the answers cannot settle yet: what to find out, and what it would mean."""
    return t("rec_not_yet", lang, what=what, reason=reason)


def _dimension_label(profile: ScoreProfile, dim: str) -> str:
    score = profile.feasibility.get(dim)
    return score.label if score is not None else dim


def _question_label(questionnaire: LoadedQuestionnaire, qid: str | None, lang: Lang) -> str:
    question = questionnaire.definition.question_map().get(qid or "")
    return question.label.get(lang).rstrip("?").rstrip() if question is not None else (qid or "")


def _routes(
    req: Requirement, facts: _Facts, ambito: Ambito | None, services: list[ServiceRef], lang: Lang
) -> list[str]:
    """The routes named in ``waived_by`` that this organisation has."""
    active = {c.id: c.label.get(lang) for c in facts.contexts}
    routes: list[str] = []
    for route in req.waived_by:
        if route == TERRITORIAL_ROUTE:
            if ambito is not None and services:
                names = ", ".join(s.name for s in services)
                routes.append(f"{names} ({ambito.name})")
        elif route in active:
            routes.append(active[route])
    return list(dict.fromkeys(routes))


# ---- rating --------------------------------------------------------------------


def _rate(
    measure: Measure,
    profile: ScoreProfile,
    values: Mapping[str, AnswerValue],
    questionnaire: LoadedQuestionnaire,
    budget: float | None,
    verdict: _Verdict,
    facts: _Facts,
    services: list[ServiceRef],
    lang: Lang,
) -> Recommendation:
    matches = _matches(measure, profile, facts)
    # measured needs add up; priors do not (a guess about many needs is still one guess): only the strongest counts
    need_miss = math.prod(1 - m.level * m.strength for m in matches if m.basis == "scored")
    need_miss *= 1 - max((m.level * m.strength for m in matches if m.basis == "prior"), default=0.0)
    goals = sorted(
        ((measure.goals[g], label) for g, label in facts.goals.items() if g in measure.goals), key=lambda x: -x[0]
    )
    fits = sorted(
        ((measure.contexts[c.id], c.label.get(lang)) for c in facts.contexts if c.id in measure.contexts),
        key=lambda x: -x[0],
    )
    goal = goals[0][0] if goals else 0.0
    context = fits[0][0] if fits else 0.0
    fit = 1 - need_miss * (1 - GOAL_WEIGHT * goal) * (1 - CONTEXT_WEIGHT * context)
    capacity = (budget if budget is not None else UNKNOWN_BUDGET) / 100
    fit *= 1 - COST_PENALTY[measure.cost_band] * (1 - capacity)
    fit *= OPEN_PRECONDITION**verdict.open_preconditions * OPEN_CHECK**verdict.open_checks
    in_place = measure.in_place_if is not None and _holds_if_answered(measure, questionnaire, values)
    reasons = _Reasons(
        matches=matches,
        goals=[label for strength, label in goals if strength >= CITED],
        goal=goal,
        fits=[label for strength, label in fits if strength >= CITED],
        context=context,
    )
    return Recommendation(
        id=measure.id,
        name=measure.name.get(lang),
        macro_area=measure.macro_area,
        remote_work=measure.remote_work,
        score=round(100 * fit, 1),
        explanation=_explain(measure, reasons, profile, facts, in_place, verdict, services, lang),
        needs=matches,
        cost_band=measure.cost_band,
        in_place=in_place,
        to_check=verdict.unsettled,
        territorial_services=services,
        confidence=_confidence(reasons, profile, verdict),
    )


@dataclass(frozen=True)
class _Reasons:
    matches: list[NeedMatch]
    goals: list[str]
    goal: float
    fits: list[str]
    context: float


def _matches(measure: Measure, profile: ScoreProfile, facts: _Facts) -> list[NeedMatch]:
    """The needs the measure answers, each at the level the evidence allows: its score, a prior, or nothing."""
    matches: list[NeedMatch] = []
    for need, strength in measure.needs.items():
        dim = profile.needs.get(need)
        if dim is None:
            continue
        if dim.scored:
            level, basis = dim.score / 100, "scored"
        elif need in facts.priors:
            level, basis = facts.priors[need].level, "prior"
        else:
            level, basis = 0.0, "unscored"
        matches.append(
            NeedMatch(
                need=need,
                label=dim.label,
                need_score=dim.score if dim.scored else 0.0,
                strength=strength,
                basis=basis,
                level=round(level, 4),
            )
        )
    matches.sort(key=lambda m: -(m.level * m.strength))
    return matches


def _main_scored(reasons: _Reasons) -> NeedMatch | None:
    return next((m for m in reasons.matches if m.basis == "scored" and m.need_score > 0), None)


def _confidence(reasons: _Reasons, profile: ScoreProfile, verdict: _Verdict) -> Confidence:
    """Never more confident than the evidence behind the strongest reason."""
    need = max(reasons.matches, key=lambda m: m.level * m.strength, default=None)
    need_weight = need.level * need.strength if need is not None else 0.0
    declared = max(GOAL_WEIGHT * reasons.goal, CONTEXT_WEIGHT * reasons.context)
    if need is not None and need.basis == "scored" and need_weight > 0 and need_weight >= declared:
        level = profile.needs[need.need].confidence
        if verdict.unsettled and level == "high":
            return "medium"
        return level
    if declared > 0 and declared >= need_weight:
        return "medium"
    return "low"


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
            verified=s.verified,
        )
        for s in ambito.services
        if measure.id in s.measures
    ]


def _explain(
    measure: Measure,
    reasons: _Reasons,
    profile: ScoreProfile,
    facts: _Facts,
    in_place: bool,
    verdict: _Verdict,
    services: list[ServiceRef],
    lang: Lang,
) -> str:
    """The measured need and the answer behind it first; then the likely needs, goals and context; then flags."""
    parts: list[str] = []
    main = _main_scored(reasons)
    if main is not None:
        need: DimensionScore = profile.needs[main.need]
        parts.append(t("rec_addresses", lang, need=main.label, score=fmt_number(main.need_score, lang, 0)))
        if need.explanation and need.explanation[0].points > 0:
            top = need.explanation[0]
            label = top.question_label.rstrip("?").rstrip()
            parts.append(t("rec_main_evidence", lang, question=label, answer=top.answer))
        others = [
            m.label
            for m in reasons.matches
            if m is not main and m.basis == "scored" and m.need_score >= LOW_BELOW and m.strength >= 0.5
        ]
        if others:
            parts.append(t("rec_also_helps", lang, needs=", ".join(others)))
    likely = [m for m in reasons.matches if m.basis == "prior" and m.strength >= 0.5 and m.level >= 0.3][:2]
    if main is None and not likely:
        likely = [m for m in reasons.matches if m.basis == "prior"][:1]
    if likely:
        because = list(dict.fromkeys(b for m in likely for b in facts.priors[m.need].because))
        labels = ", ".join(f"«{m.label}»" for m in likely)
        parts.append(t("rec_likely_need", lang, because="; ".join(because), needs=labels))
    if reasons.goals:
        parts.append(t("rec_goal", lang, goals="; ".join(reasons.goals)))
    if reasons.fits:
        parts.append(t("rec_fits", lang, fits="; ".join(reasons.fits)))
    if not parts:
        parts.append(t("rec_no_reason", lang))
    if in_place:
        parts.append(t("rec_in_place", lang))
    if measure.union_agreement:
        parts.append(t("rec_union_agreement", lang))
    if verdict.unsettled:
        parts.append(t("rec_to_check", lang, checks=" ".join(verdict.unsettled)))
    if services:
        names = ", ".join(s.name if s.verified else t("rec_service_unchecked", lang, name=s.name) for s in services)
        parts.append(t("rec_services", lang, services=names))
    return " ".join(parts)


def _join(items: list[str], lang: Lang) -> str:
    if len(items) <= 1:
        return "".join(items)
    return t("rec_and", lang, items=", ".join(items[:-1]), last=items[-1])


def _set_apart(rec: Recommendation, verdict: _Verdict, facts: _Facts, lang: Lang) -> Recommendation:
    """A remote-work measure where work is on site and remotability is unknown: not proposed, asked about."""
    assert facts.ask_remote is not None
    ask = facts.ask_remote
    parts = [t("rec_verify_remote", lang, where=_join(facts.on_site, lang), ask=ask.label)]
    if verdict.failed:
        parts.append(t("rec_also_failed", lang, failed=" ".join(verdict.failed)))
    return rec.model_copy(
        update={
            "explanation": " ".join([*parts, rec.explanation]),
            "verify_with": [ask],
            "confidence": "low",
        }
    )


# ---- selection -------------------------------------------------------------------


def _select(candidates: list[Recommendation], profile: ScoreProfile, facts: _Facts, top: int) -> list[Recommendation]:
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

    for need in _leading_needs(profile, facts, min(3, max(1, top // 3))):
        strong = [r for r in ranked if any(m.need == need and m.strength >= STRONG for m in r.needs)]
        if any(r in chosen for r in strong):
            continue
        pick = next((r for r in strong if fits(r)), None)
        if pick is not None:
            chosen.append(pick)
    for rec in ranked:
        if fits(rec):
            chosen.append(rec)
    return sorted(chosen, key=_rank_key)


def _leading_needs(profile: ScoreProfile, facts: _Facts, n: int = 3) -> list[str]:
    """The three highest scored needs; while fewer are scored, the likeliest unscored ones fill in."""
    leading = [d.id for d in profile.top_needs(n) if d.score > 0]
    likely = sorted(
        (need for need, dim in profile.needs.items() if not dim.scored and need in facts.priors),
        key=lambda need: (-facts.priors[need].level, need),
    )
    return (leading + likely)[:n]


def _rank_key(rec: Recommendation) -> tuple[float, int, str]:
    """Best fit first; at equal fit the cheaper measure; then a stable order."""
    return (-rec.score, COST_ORDER[rec.cost_band], rec.id)


def _territorial_note(
    catalogue: Catalogue, comune: str | None, declared: str | None, ambito: Ambito | None, lang: Lang
) -> str | None:
    """Why no district, or why not the one the answers file names."""
    named = catalogue.ambito_named(declared)
    if ambito is not None:
        if comune and declared and named is not ambito:
            return t("rec_terr_declared_other", lang, declared=declared, comune=comune, ambito=ambito.name)
        if not comune:
            return t("rec_terr_declared_only", lang, ambito=ambito.name)
        return None
    if not comune:
        if declared:
            return t("rec_terr_declared_unknown", lang, declared=declared)
        return t("rec_terr_no_comune", lang)
    if named is not None:
        return t("rec_terr_not_in_declared", lang, comune=comune, ambito=named.name)
    return t("rec_terr_unknown_comune", lang, comune=comune)
