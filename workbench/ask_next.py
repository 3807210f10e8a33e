"""Ask next: the few unanswered questions whose answer would change the needs profile or the top 10 the most.

Nothing is guessed from weights: for every candidate question a few plausible answers are tried — every option
of a choice (each alone, for a multiple choice), yes and no, the two ends of the ramps for a number, a
percentage or a scale — and for each one the answers are re-scored (:func:`workbench.scoring.score_answers`)
and re-ranked (:func:`workbench.recommend.recommend`, top 10). What moves is counted in the steps a consultant
sees, each trial on its own, and a question keeps the most any of its answers could do:

- a need that becomes measurable (insufficient → scored): 2 points each;
- a scored need that changes level (low / medium / high): 1 point each;
- a measure entering the top 10: 0.5 points each;
- otherwise, evidence added to needs still short of it (under 0.5 in all): it *refines* them.

Candidates are pruned before anything is recomputed: only questions shown and unanswered that can move
something (they feed a signal, are the base of a percentage, open questions that do, or a measure's condition
reads them), and options that would read the same in every signal and condition are tried once. Only the
dimensions a question can touch are re-scored, and the list is re-ranked only when the profile (or an answer a
measure's condition reads) changed. Results are cached per answers, so a Streamlit rerun with the same answers
costs nothing (see ``benchmarks/bench_ask_next.py`` for the figures).
"""

from __future__ import annotations

import contextvars
import dataclasses
import math
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from pydantic import BaseModel, ConfigDict

from workbench.catalogue import Catalogue
from workbench.i18n import t
from workbench.models.answers import AnswerValue, Organisation
from workbench.models.questionnaire import Condition, Question, QuestionType, ShowIf
from workbench.models.recommendation import RecommendationEvidence, evidence_is_sufficient
from workbench.models.scoring import DimensionScore, ScoreProfile
from workbench.models.text import Lang
from workbench.questionnaire import LoadedQuestionnaire, condition_holds, conditions_in, question_states
from workbench.scoring import score_answers

ASK_TOP = 10
"""The list whose changes count: the first ten measures, whatever length a caller asked for."""
DEFAULT_LIMIT = 5
W_OPENS, W_LEVEL, W_TOP, W_REFINES = 2.0, 1.0, 0.5, 0.5
CACHE_SIZE = 64
REFINES_SHOWN = 2
RERANKED = 12
"""How many candidates (the most promising by what they change in the profile) are re-ranked, at their two
extreme answers (the one that raises the scores most and the one that lowers them most)."""

_in_trial: contextvars.ContextVar[bool] = contextvars.ContextVar("ask_next_in_trial", default=False)


class AskNextItem(BaseModel):
    """One question worth asking now, and what its answer could change."""

    model_config = ConfigDict(frozen=True)

    question: str
    label: str
    section: str
    section_index: int  # 0-based
    reason: str
    impact: float
    opens: list[str]  # labels of needs it can make measurable
    levels: list[str]  # labels of scored needs whose level it can change
    top_changes: int  # measures of the top 10 it can replace
    required: bool = False
    core: bool = False


# ---- what each question can touch (per questionnaire and catalogue, computed once) ------------


@dataclasses.dataclass(frozen=True)
class _Reach:
    dims: dict[str, tuple[str, ...]]  # question -> ids of the dimensions its answer can change
    conditions: dict[str, tuple[Condition, ...]]  # question -> conditions (show_if, catalogue) that read it
    catalogue_reads: frozenset[str]  # questions the ranking reads directly (conditions, headcount)


_reach_cache: dict[tuple[int, int], tuple[LoadedQuestionnaire, Catalogue, _Reach]] = {}
_lock = threading.Lock()


def _reach(questionnaire: LoadedQuestionnaire, catalogue: Catalogue) -> _Reach:
    key = (id(questionnaire), id(catalogue))
    with _lock:
        hit = _reach_cache.get(key)
    if hit is not None and hit[0] is questionnaire and hit[1] is catalogue:
        return hit[2]
    definition = questionnaire.definition
    conditions: dict[str, list[Condition]] = {}
    opens: dict[str, set[str]] = {}  # question -> questions whose show_if reads it
    for question in definition.questions:
        for cond in conditions_in(question.show_if) if question.show_if is not None else ():
            conditions.setdefault(cond.question, []).append(cond)
            opens.setdefault(cond.question, set()).add(question.id)
    reads: set[str] = set()
    for measure in catalogue.measures.values():
        tests = [r.answer for r in measure.requires if r.answer is not None]
        if measure.in_place_if is not None:
            tests.append(measure.in_place_if)
        for test in tests:
            for cond in conditions_in(test):
                conditions.setdefault(cond.question, []).append(cond)
                reads.add(cond.question)
    if definition.headcount_question:
        reads.add(definition.headcount_question)
    contexts = catalogue.contexts
    if contexts is not None:  # sector, shifts, evening work, goals and remotability move the ranking too
        reads.update({contexts.goals_question, *contexts.remote_work.questions})
        tests = [c.when for c in contexts.contexts if c.when is not None]
        if contexts.remote_work.known_if is not None:
            tests.append(contexts.remote_work.known_if)
        for test in tests:
            for cond in conditions_in(test):
                conditions.setdefault(cond.question, []).append(cond)
                reads.add(cond.question)

    def downstream(qid: str) -> set[str]:
        seen, todo = {qid}, [qid]
        while todo:
            for nxt in opens.get(todo.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return seen

    dims: dict[str, tuple[str, ...]] = {}
    for question in definition.questions:
        touched = downstream(question.id)
        dims[question.id] = tuple(
            dim.id
            for dim in questionnaire.dimensions
            if any(s.question in touched or s.per == question.id for s in dim.signals)
        )
    reach = _Reach(
        dims=dims,
        conditions={q: tuple(c) for q, c in conditions.items()},
        catalogue_reads=frozenset(reads | {q for r in reads for q in downstream(r)}),
    )
    with _lock:
        _reach_cache[key] = (questionnaire, catalogue, reach)
    return reach


# ---- plausible answers ------------------------------------------------------------------------


def _number_of(value: AnswerValue | None) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def plausible_answers(
    question: Question,
    questionnaire: LoadedQuestionnaire,
    values: Mapping[str, AnswerValue],
    conditions: Iterable[Condition] = (),
) -> list[AnswerValue]:
    """The answers worth trying: each option (options that read the same everywhere once), yes and no,
    and for numbers the lowest and highest of the points where a signal ramp or a condition turns."""
    conditions = tuple(conditions)
    signals = [s for d in questionnaire.dimensions for s in d.signals if s.question == question.id]
    if question.type == QuestionType.YES_NO:
        return [True, False]
    if question.type in (QuestionType.SINGLE_CHOICE, QuestionType.MULTI_CHOICE):
        chosen: list[AnswerValue] = []
        seen: set[tuple[Any, ...]] = set()
        for option in question.options or []:
            answer: AnswerValue = [option.value] if question.type == QuestionType.MULTI_CHOICE else option.value
            reads = (
                *(s.map.get(option.value, 0.0) if s.map else 0.0 for s in signals),
                *(condition_holds(c, {question.id: answer}) for c in conditions),
            )
            if reads not in seen:
                seen.add(reads)
                chosen.append(answer)
        return chosen
    if question.type == QuestionType.TEXT:
        return []
    points: list[float] = []
    for signal in signals:
        if signal.ramp_from is None or signal.ramp_to is None:
            continue
        ends = (signal.ramp_from, signal.ramp_to)
        if signal.per is not None:
            base = _number_of(values.get(signal.per))
            if base is None or base <= 0:
                continue  # a share of an unknown base cannot be read
            ends = (ends[0] * base / 100, ends[1] * base / 100)
        points.extend(ends)
    for cond in conditions:
        if cond.greater_than is not None:
            points += [cond.greater_than, cond.greater_than + 1]
        elif cond.less_than is not None:
            points += [cond.less_than - 1, cond.less_than]
    if question.type == QuestionType.SCALE:
        return [1, 5]
    if not points:
        return []
    low_bound, high_bound = question.bounds
    if question.type == QuestionType.NUMBER:
        low_bound = 0.0 if low_bound is None else low_bound
        cap = _number_of(values.get(question.at_most)) if question.at_most else None
        if cap is not None:
            high_bound = cap if high_bound is None else min(high_bound, cap)
    low, high = min(points), max(points)
    low = max(low, low_bound) if low_bound is not None else low
    high = min(high, high_bound) if high_bound is not None else high
    if high < low:
        return []
    if question.integer:
        low, high = math.floor(low), math.ceil(high)
        if high_bound is not None and high > high_bound:
            high = math.floor(high_bound)
    tried: list[AnswerValue] = []
    for each in (low, high):
        number: AnswerValue = int(each) if question.integer else round(float(each), 2)
        if number not in tried:
            tried.append(number)
    return tried


# ---- trials ----------------------------------------------------------------------------------


def _fingerprint(dims: Mapping[str, DimensionScore]) -> tuple[tuple[str, float, str, float, bool], ...]:
    return tuple((d.id, d.score, d.status, d.evidence, d.coverage > 0) for d in dims.values())


@contextmanager
def _trial() -> Iterator[None]:
    """While trying answers, recommend() skips its own ask-next (it would recurse)."""
    token = _in_trial.set(True)
    try:
        yield
    finally:
        _in_trial.reset(token)


def in_trial() -> bool:
    return _in_trial.get()


def _top_ids(
    questionnaire: LoadedQuestionnaire,
    profile: ScoreProfile,
    values: Mapping[str, AnswerValue],
    organisation: Organisation,
    catalogue: Catalogue,
    lang: Lang,
) -> frozenset[str]:
    from workbench.recommend import recommend  # recommend() builds its evidence from this module

    with _trial():
        recs = recommend(
            questionnaire=questionnaire,
            profile=profile,
            values=values,
            organisation=organisation,
            catalogue=catalogue,
            top=ASK_TOP,
            lang=lang,
        )
    return frozenset(r.id for r in recs.recommendations)


def _labels(ids: Iterable[str], needs: Mapping[str, DimensionScore]) -> list[str]:
    """Labels of these needs, in the profile's order."""
    wanted = set(ids)
    return [need.label for key, need in needs.items() if key in wanted]


def _quoted(labels: list[str]) -> str:
    return ", ".join(f"«{label}»" for label in labels)


def _reason(opens: list[str], levels: list[str], top: int, refines: list[str], lang: Lang) -> str:
    parts: list[str] = []
    if opens:
        parts.append(t("ask_opens_one" if len(opens) == 1 else "ask_opens_many", lang, needs=_quoted(opens)))
    if levels:
        parts.append(t("ask_level_one" if len(levels) == 1 else "ask_level_many", lang, needs=_quoted(levels)))
    if top:
        parts.append(t("ask_top", lang, n=top, top=ASK_TOP))
    if not parts and refines:
        parts.append(t("ask_refines", lang, needs=_quoted(refines)))
    return "; ".join(parts)


@dataclasses.dataclass
class _Candidate:
    question: Question
    section: int
    order: int
    opens: set[str] = dataclasses.field(default_factory=set)
    levels: set[str] = dataclasses.field(default_factory=set)
    refined: dict[str, float] = dataclasses.field(default_factory=dict)
    trials: list[tuple[float, tuple[Any, ...], dict[str, AnswerValue], ScoreProfile]] = dataclasses.field(
        default_factory=list
    )  # (signed score change, ranking key, answers, profile) of the trials the ranking could see
    top_changes: int = 0

    @property
    def profile_impact(self) -> float:
        impact = W_OPENS * len(self.opens) + W_LEVEL * len(self.levels)
        if impact == 0 and self.refined:
            impact = W_REFINES * min(1.0, sum(self.refined.values()))
        return impact

    @property
    def impact(self) -> float:
        if self.opens or self.levels or self.top_changes:
            return W_OPENS * len(self.opens) + W_LEVEL * len(self.levels) + W_TOP * self.top_changes
        return self.profile_impact


def _reads_top(qid: str, answers: Mapping[str, AnswerValue], top: frozenset[str], catalogue: Catalogue) -> bool:
    """Whether this answer settles a condition of a measure in the top 10 (already in place, or ruled out)."""

    def reads(test: ShowIf) -> bool:
        return any(c.question == qid for c in conditions_in(test))

    for mid in top:
        measure = catalogue.measures[mid]
        in_place = measure.in_place_if
        if in_place is not None and reads(in_place) and condition_holds(in_place, answers):
            return True
        if any(
            r.answer is not None and reads(r.answer) and not condition_holds(r.answer, answers)
            for r in measure.requires
        ):
            return True
    return False


def _rank_all(
    questionnaire: LoadedQuestionnaire,
    values: Mapping[str, AnswerValue],
    organisation: Organisation,
    catalogue: Catalogue,
    lang: Lang,
) -> list[AskNextItem]:
    definition = questionnaire.definition
    reach = _reach(questionnaire, catalogue)
    states = question_states(definition, values)
    base = score_answers(questionnaire, values, lang=lang)
    base_top = _top_ids(questionnaire, base, values, organisation, catalogue, lang)
    base_print = (_fingerprint(base.needs), _fingerprint(base.feasibility))
    by_id = {d.id: d for d in questionnaire.dimensions}

    # 1. every candidate, every plausible answer: re-score the dimensions it can touch (cheap)
    candidates: list[_Candidate] = []
    order = 0
    for index, section in enumerate(definition.sections):
        for question in section.questions:
            order += 1
            qid = question.id
            if states[qid] != "shown" or qid in values or question.type == QuestionType.TEXT:
                continue
            touched = reach.dims.get(qid, ())
            reads = qid in reach.catalogue_reads
            if not touched and not reads:
                continue
            sub = dataclasses.replace(questionnaire, dimensions=tuple(by_id[d] for d in touched))
            cand = _Candidate(question=question, section=index, order=order)
            for answer in plausible_answers(question, questionnaire, values, reach.conditions.get(qid, ())):
                trial = {**values, qid: answer}
                rescored = score_answers(sub, trial, lang=lang) if touched else None
                needs = {**base.needs, **(rescored.needs if rescored else {})}
                feasibility = {**base.feasibility, **(rescored.feasibility if rescored else {})}
                for need_id, now in needs.items():
                    was = base.needs[need_id]
                    if now.scored and not was.scored:
                        cand.opens.add(need_id)
                    elif now.scored and was.scored and now.level != was.level:
                        cand.levels.add(need_id)
                    elif not now.scored and now.evidence > was.evidence:
                        cand.refined[need_id] = max(cand.refined.get(need_id, 0.0), now.evidence - was.evidence)
                printed = (_fingerprint(needs), _fingerprint(feasibility))
                settles = reads and _reads_top(qid, trial, base_top, catalogue)
                if printed == base_print and not settles:
                    continue  # nothing the ranking reads has changed: the top 10 cannot move
                key = (*printed, (qid, str(answer)) if settles else None)
                delta = sum(n.score - base.needs[i].score for i, n in needs.items()) + sum(
                    f.score - base.feasibility[i].score for i, f in feasibility.items()
                )
                profile = base.model_copy(update={"needs": needs, "feasibility": feasibility})
                cand.trials.append((delta, key, trial, profile))
            if cand.profile_impact > 0 or cand.trials:
                candidates.append(cand)

    # 2. the most promising candidates: re-rank their extreme answers (the costly step)
    candidates.sort(key=lambda c: (-c.profile_impact, not c.question.required, not c.question.core, c.order))
    ranked: dict[tuple[Any, ...], frozenset[str]] = {}
    for cand in [c for c in candidates if c.trials][:RERANKED]:
        trials = sorted(cand.trials, key=lambda x: x[0])
        for _, key, trial, profile in {id(x): x for x in (trials[0], trials[-1])}.values():
            if key not in ranked:
                ranked[key] = _top_ids(questionnaire, profile, trial, organisation, catalogue, lang)
            cand.top_changes = max(cand.top_changes, len(ranked[key] - base_top))

    # 3. best first; at equal impact required, then core questions, then the questionnaire's order
    items = []
    for cand in sorted(candidates, key=lambda c: (-c.impact, not c.question.required, not c.question.core, c.order)):
        if cand.impact <= 0:
            continue
        opens = _labels(cand.opens, base.needs)
        levels = _labels(cand.levels, base.needs)
        most = sorted(cand.refined, key=lambda n: (-cand.refined[n], n))[:REFINES_SHOWN]
        refines = _labels(most, base.needs)
        section = definition.sections[cand.section]
        items.append(
            AskNextItem(
                question=cand.question.id,
                label=cand.question.label.get(lang),
                section=section.title.get(lang),
                section_index=cand.section,
                reason=_reason(opens, levels, cand.top_changes, refines, lang),
                impact=round(cand.impact, 4),
                opens=opens,
                levels=levels,
                top_changes=cand.top_changes,
                required=cand.question.required,
                core=cand.question.core,
            )
        )
    return items


# ---- cache and entry points ---------------------------------------------------------------------

_cache: OrderedDict[tuple[Any, ...], tuple[LoadedQuestionnaire, Catalogue, list[AskNextItem]]] = OrderedDict()


def answers_key(values: Mapping[str, AnswerValue]) -> tuple[tuple[str, Any], ...]:
    """A hashable, order-free form of the answers (lists become tuples)."""
    return tuple(sorted((k, (type(v).__name__, tuple(v) if isinstance(v, list) else v)) for k, v in values.items()))


def ask_next(
    *,
    questionnaire: LoadedQuestionnaire,
    values: Mapping[str, AnswerValue],
    organisation: Organisation,
    catalogue: Catalogue,
    limit: int = DEFAULT_LIMIT,
    lang: Lang = "it",
) -> list[AskNextItem]:
    """The ``limit`` questions to ask next, best first (empty when no unanswered question changes anything).

    Pure, and cached per answers: the same answers give the same list, computed once.
    """
    key = (id(questionnaire), id(catalogue), answers_key(values), organisation.model_dump_json(), lang)
    with _lock:
        hit = _cache.get(key)
        if hit is not None and hit[0] is questionnaire and hit[1] is catalogue:
            _cache.move_to_end(key)
            return hit[2][: max(0, limit)]
    items = _rank_all(questionnaire, values, organisation, catalogue, lang)
    with _lock:
        _cache[key] = (questionnaire, catalogue, items)
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return items[: max(0, limit)]


def clear_cache() -> None:
    with _lock:
        _cache.clear()
        _reach_cache.clear()


def recommendation_evidence(
    questionnaire: LoadedQuestionnaire,
    profile: ScoreProfile,
    values: Mapping[str, AnswerValue],
    organisation: Organisation,
    catalogue: Catalogue,
    lang: Lang = "it",
) -> RecommendationEvidence:
    """What ``recommend()`` reports about the evidence behind its list (the rule is in RecommendationEvidence).

    Inside ask-next's own trials the questions to ask are not looked for again (it would recurse)."""
    scored = profile.scored_needs
    asked = (
        []
        if in_trial() or questionnaire.definition.kind == "employee"
        else ask_next(
            questionnaire=questionnaire, values=values, organisation=organisation, catalogue=catalogue, lang=lang
        )
    )
    return RecommendationEvidence(
        coverage=profile.coverage,
        sufficient=evidence_is_sufficient(scored, profile.coverage),
        scored_needs=scored,
        needs=len(profile.needs),
        unscored_needs=[d.label for d in profile.needs.values() if not d.scored],
        ask_next=[item.question for item in asked],
    )
