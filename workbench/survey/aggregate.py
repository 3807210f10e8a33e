"""Survey answers -> need scores for the whole staff and for groups, never for fewer than 5 people.

Each signal of the survey's scoring model gives every respondent a strength (as in
the intake); the staff's strength is the mean over those who answered, and a
``prevalence`` ramp turns "14% of respondents have a child under 3" into a need
strength the same way the managers' model does. Each rule is applied once per distinct
answer and spread with numpy (see workbench.survey.respondents): 100,000 rows aggregate
in about a tenth of a second.

Privacy: every figure goes through the disclosure rule (workbench.survey.disclosure): a figure is
over at least 5 people who answered it and who did not all answer the same; a group (by role, gender,
age band) is shown only with at least ``MIN_GROUP`` respondents, never next to a group of another
breakdown that differs from it by 1-4 people, and, for each question, only while every cell of the
crossing of the groups shown keeps 5 answerers who did not all answer the same (so nothing is
recoverable by difference). Free-text answers never leave this module.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from workbench.formatting import fmt_number, fmt_percent
from workbench.i18n import t
from workbench.models.answers import AnswerValue
from workbench.models.questionnaire import AllOf, AnyOf, Condition, Question, QuestionType, ShowIf
from workbench.models.scoring import Dimension, ScoreProfile, Signal
from workbench.models.text import Lang
from workbench.questionnaire import LoadedQuestionnaire
from workbench.survey.disclosure import MIN_PEOPLE, Codes, Verdict, codes_of, differ_by_few, kept_groups, verdict
from workbench.survey.respondents import AnswerColumn, Respondents, answers_of

MIN_GROUP = MIN_PEOPLE
DEFAULT_SURVEY_WEIGHT = 0.4
"""Share of the blended need score that comes from the survey (managers' data: the rest); reference §8.3."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class NeedAggregate(_Frozen):
    id: str
    label: str
    score: float
    coverage: float = Field(description="share of the dimension's weight with at least one answer")
    explanation: list[str]


class GroupAggregate(_Frozen):
    by: str
    by_label: str
    value: str
    label: str
    n: int = Field(ge=MIN_GROUP)
    needs: dict[str, float]


class Preference(_Frozen):
    question: str
    option: str
    label: str
    share: float


class ScaleShare(_Frozen):
    """How the whole sample answered a 1-5 scale question: shares at each end (never for a group)."""

    question: str
    answered: int = Field(ge=MIN_GROUP)
    low_share: float = Field(description="percentage answering 1 or 2")
    high_share: float = Field(description="percentage answering 4 or 5")


class SurveyResult(_Frozen):
    questionnaire: str
    respondents: int
    min_group: int = MIN_GROUP
    too_few: bool = Field(description="fewer than MIN_GROUP respondents: nothing is shown")
    needs: dict[str, NeedAggregate]
    groups: list[GroupAggregate]
    suppressed_groups: dict[str, int] = Field(description="per breakdown, how many groups were hidden (no sizes)")
    duplicates_dropped: int = Field(default=0, description="copies of identical rows not counted (a count only)")
    preferences: list[Preference]
    scales: list[ScaleShare] = Field(
        default_factory=list, description="whole-sample shares of 1-5 answers (the plan's perception baselines)"
    )


class BlendedNeed(_Frozen):
    id: str
    label: str
    managers: float
    survey: float | None
    blended: float
    survey_weight: float


def frame(respondents: Sequence[Mapping[str, AnswerValue]]) -> pd.DataFrame:
    return pd.DataFrame.from_records(list(respondents))


# ---- per-signal strengths, computed once per distinct answer ----------------------------------
#
# Every per-answer rule below is applied to each question's distinct answers (AnswerColumn.values) and
# spread to the respondents with numpy; the means are pandas' own, over the same arrays in the same
# order as when the respondents were a DataFrame, so the figures are the same to the last digit.

Flags = npt.NDArray[np.bool_]
Floats = npt.NDArray[np.float64]


def condition_mask(show_if: ShowIf, answers: Respondents) -> tuple[Flags, Flags]:
    """(holds, decided) per respondent. An 'any' is decided as soon as one part holds; an 'all' as soon
    as one part fails; otherwise every part must be answered."""
    if isinstance(show_if, AllOf | AnyOf):
        parts = [condition_mask(c, answers) for c in (show_if.all if isinstance(show_if, AllOf) else show_if.any)]
        holds_table = np.array([p[0] for p in parts], dtype=bool).reshape(len(parts), len(answers))
        decided_table = np.array([p[1] for p in parts], dtype=bool).reshape(len(parts), len(answers))
        every_part_decided: Flags = np.all(decided_table, axis=0)
        if isinstance(show_if, AnyOf):
            holds: Flags = np.any(holds_table, axis=0)
            return holds, holds | every_part_decided
        holds = np.all(holds_table, axis=0)
        failed: Flags = np.any(decided_table & ~holds_table, axis=0)
        return holds, failed | every_part_decided
    assert isinstance(show_if, Condition)
    column = answers.column(show_if.question)
    present = column.present()
    op = show_if.operator
    holds_one: Flags
    if op == "answered":
        return present == bool(show_if.answered), np.ones(len(answers), dtype=bool)
    if op == "equals":
        holds_one = column.flags(lambda v: v == show_if.equals)
    elif op == "not_equals":
        holds_one = column.flags(lambda v: v != show_if.not_equals)
    elif op == "in_":
        holds_one = column.flags(lambda v: v in (show_if.in_ or []))
    elif op == "contains":
        holds_one = column.flags(lambda v: isinstance(v, list) and show_if.contains in v)
    else:
        numbers = column.numbers()
        bound = show_if.greater_than if op == "greater_than" else show_if.less_than
        assert bound is not None
        with np.errstate(invalid="ignore"):  # NaN (no answer, not a number) compares False, as in pandas
            holds_one = numbers > bound if op == "greater_than" else numbers < bound
    return holds_one & present, present


def _lookup(table: Mapping[Any, float], value: AnswerValue) -> float:
    try:
        return table.get(value, np.nan)
    except TypeError:  # an unhashable answer matches nothing
        return np.nan


def _strongest(mapping: Mapping[str, float], value: AnswerValue) -> float:
    """A multi-choice answer counts with its strongest option (an empty list with 0)."""
    if isinstance(value, list | tuple | set):
        return max((mapping.get(v, 0.0) for v in value), default=0.0)
    return mapping.get(value, 0.0) if isinstance(value, str) else 0.0


def _strengths(signal: Signal, question: Question, answers: Respondents) -> Floats:
    """Strength 0-1 per respondent; NaN where the question was not answered (or not asked)."""
    column = answers.column(signal.question)
    mapping = signal.map
    strengths: Floats
    if mapping is not None:
        if question.type == QuestionType.YES_NO:
            by_answer = {True: mapping.get("yes", 0.0), False: mapping.get("no", 0.0)}
            strengths = column.floats(lambda v: _lookup(by_answer, v))
        elif question.type == QuestionType.MULTI_CHOICE:
            strengths = column.floats(lambda v: _strongest(mapping, v))
        else:
            strengths = column.floats(lambda v: mapping.get(v, 0.0) if isinstance(v, str) else np.nan)
    else:
        assert signal.ramp_from is not None and signal.ramp_to is not None
        numbers = column.numbers()
        strengths = np.clip((numbers - signal.ramp_from) / (signal.ramp_to - signal.ramp_from), 0, 1)
    if signal.if_hidden is not None and question.show_if is not None:
        holds, decided = condition_mask(question.show_if, answers)
        ruled_out = decided & ~holds
        strengths = np.where(ruled_out, signal.if_hidden, strengths)
    return strengths


def _share(column: AnswerColumn, per_value: Callable[[AnswerValue], bool]) -> float:
    """The share (0-1) of those who answered whose answer passes ``per_value``."""
    counts = column.counts()
    passing = sum(int(n) for value, n in zip(column.values, counts, strict=True) if n and per_value(value))
    return passing / int(counts.sum())


def _describe(signal: Signal, question: Question, answers: Respondents, lang: Lang) -> str:
    """The figure behind a signal, as a consultant would say it, or why it is not shown (disclosure rule 1)."""
    label = question.label.get(lang).rstrip("?").rstrip()
    column = answers.column(signal.question)
    answered = int(column.present().sum())
    if question.type == QuestionType.YES_NO:
        if (found := verdict(column.codes)) != "shown":
            return t(f"svy_hidden_{found}", lang, label=label, k=MIN_PEOPLE)
        share = 100 * _share(column, bool) if answered else 0.0
        return t("svy_yes_share", lang, label=label, share=fmt_percent(share, lang))
    if question.type in (QuestionType.SINGLE_CHOICE, QuestionType.MULTI_CHOICE):
        # the options this signal counts (weight > 0), and the share of respondents who chose one of them
        counted = [o for o, weight in (signal.map or {}).items() if weight >= 0.5]
        if not counted or not answered:
            return label

        def chose(v: AnswerValue) -> bool:
            return (v in counted) if isinstance(v, str) else bool(isinstance(v, list) and set(v) & set(counted))

        if (found := verdict(codes_of(column.floats(lambda v: float(chose(v)))))) != "shown":
            return t(f"svy_hidden_{found}", lang, label=label, k=MIN_PEOPLE)
        share = 100 * _share(column, chose)
        names = " / ".join(f"«{question.option_label(o, lang)}»" for o in counted[:2]) + (
            " …" if len(counted) > 2 else ""
        )
        return f"{label}: {names} {fmt_percent(share, lang)}"
    if (found := verdict(column.codes)) != "shown":
        return t(f"svy_hidden_{found}", lang, label=label, k=MIN_PEOPLE)
    average = float(pd.Series(column.numbers()[column.present()], dtype=np.float64).mean())
    if question.type == QuestionType.SCALE:
        value = f"{fmt_number(average, lang)}/5"
    elif question.type == QuestionType.PERCENTAGE:
        value = fmt_percent(average, lang)
    else:
        unit = f" {question.unit.get(lang)}" if question.unit else ""
        value = f"{fmt_number(average, lang)}{unit}"
    return t("svy_mean", lang, label=label, value=value)


def strength_table(
    dimensions: Sequence[Dimension], questions: Mapping[str, Question], answers: Respondents
) -> pd.DataFrame:
    """One column per (dimension, signal): every respondent's strength, NaN where not answered."""
    columns = {
        f"{dim.id}#{n}": _strengths(signal, questions[signal.question], answers)
        for dim in dimensions
        if dim.kind == "need"
        for n, signal in enumerate(dim.signals)
    }
    return pd.DataFrame(columns, index=pd.RangeIndex(len(answers)))


def scores_from_means(dimensions: Sequence[Dimension], means: pd.Series) -> dict[str, tuple[float, float, list[float]]]:
    """need -> (score 0-100, coverage, weighted strength per signal) from the mean strength of each signal."""
    result = {}
    for dim in dimensions:
        if dim.kind != "need":
            continue
        weighted, weights, total, parts = 0.0, 0.0, 0.0, []
        for n, signal in enumerate(dim.signals):
            total += signal.weight
            mean = means.get(f"{dim.id}#{n}", np.nan)
            if mean != mean:  # NaN: nobody answered
                parts.append(-1.0)
                continue
            strength = signal.prevalence.strength(100 * float(mean)) if signal.prevalence else float(mean)
            weighted += signal.weight * strength
            weights += signal.weight
            parts.append(signal.weight * strength)
        score = round(100 * weighted / weights, 1) if weights else 0.0
        result[dim.id] = (score, round(weights / total, 4) if total else 0.0, parts)
    return result


def score_dimensions(
    dimensions: Sequence[Dimension],
    questions: Mapping[str, Question],
    answers: Respondents,
    lang: Lang,
    strengths: pd.DataFrame | None = None,
    hidden: Mapping[str, Verdict] | None = None,
) -> dict[str, NeedAggregate]:
    """``hidden``: the signals the disclosure rule keeps out (their column left out of ``strengths``), and why."""
    if strengths is None:
        strengths = strength_table(dimensions, questions, answers)
    scored = scores_from_means(dimensions, strengths.mean())
    result: dict[str, NeedAggregate] = {}
    for dim in dimensions:
        if dim.id not in scored:
            continue
        score, coverage, parts = scored[dim.id]
        if not coverage:
            continue  # nothing shown: no score rather than a 0 from nobody
        lines = [
            (part, _describe(signal, questions[signal.question], answers, lang))
            for part, signal in zip(parts, dim.signals, strict=True)
            if part >= 0
        ]
        lines += [
            (
                -1.0,
                t(
                    f"svy_hidden_{why}",
                    lang,
                    label=questions[signal.question].label.get(lang).rstrip("?"),
                    k=MIN_PEOPLE,
                ),
            )
            for n, signal in enumerate(dim.signals)
            if (why := (hidden or {}).get(f"{dim.id}#{n}")) is not None
        ]
        result[dim.id] = NeedAggregate(
            id=dim.id,
            label=dim.label.get(lang),
            score=score,
            coverage=coverage,
            explanation=list(dict.fromkeys(text for _, text in sorted(lines, key=lambda pair: -pair[0]))),
        )
    return result


# ---- groups, with small-group suppression --------------------------------------------------


def shown_groups(counts: Mapping[str, int], total: int) -> list[str]:
    """Groups safe to show: each ≥ MIN_GROUP, and the hidden remainder either empty or ≥ MIN_GROUP."""
    shown = sorted((v for v, n in counts.items() if n >= MIN_GROUP), key=lambda v: (counts[v], v))
    while shown:
        remainder = total - sum(counts[v] for v in shown)
        if remainder == 0 or remainder >= MIN_GROUP:
            break
        shown.pop(0)  # hide the smallest shown group as well, so nobody can be isolated by difference
    return sorted(shown)


def _condition_questions(show_if: ShowIf) -> set[str]:
    if isinstance(show_if, AllOf | AnyOf):
        parts = show_if.all if isinstance(show_if, AllOf) else show_if.any
        return set().union(*(_condition_questions(c) for c in parts))
    assert isinstance(show_if, Condition)
    return {show_if.question}


class _SignalColumn:
    """One signal's per-person values, what they are derived from, and whether it is shown at all."""

    def __init__(self, key: str, signal: Signal, question: Question, answers: Respondents, strengths: Floats) -> None:
        self.key = key
        self.questions = {signal.question}
        self.arrays: list[Codes] = [codes_of(strengths), answers.column(signal.question).codes]
        if signal.if_hidden is not None and question.show_if is not None:
            self.questions |= _condition_questions(question.show_if)
            asked = answers.column(signal.question).present()  # the answers themselves, without the if_hidden fill
            self.arrays.append(codes_of(np.where(asked, strengths, np.nan)))
        found = [verdict(a) for a in self.arrays]
        self.verdict: Verdict = next((v for v in found if v != "shown"), "shown")


def _families(columns: Sequence[_SignalColumn]) -> dict[str, str]:
    """Signal key -> the family of questions its figures are derived from (questions linked by a signal)."""
    parent: dict[str, str] = {}

    def root(q: str) -> str:
        while parent.setdefault(q, q) != q:
            q = parent[q]
        return q

    for column in columns:
        first, *rest = sorted(column.questions)
        for other in rest:
            parent[root(other)] = root(first)
    return {c.key: root(min(c.questions)) for c in columns}


def _candidate_groups(
    definition_group_by: Sequence[str], answers: Respondents, n: int
) -> tuple[list[tuple[tuple[str, str], Flags]], dict[str, int], dict[str, int]]:
    """Groups of at least MIN_GROUP whose remainder is safe, never two of different breakdowns that differ by 1-4
    people (rule 3); with each group's size and, per breakdown, how many groups were left out."""
    candidates: list[tuple[tuple[str, str], Flags]] = []
    sizes: dict[str, int] = {}
    suppressed: dict[str, int] = {}
    for by in definition_group_by:
        column = answers.column(by)
        counts = {str(v): int(c) for v, c in zip(column.values, column.counts(), strict=True) if c}
        codes = {str(v): code for code, v in enumerate(column.values)}
        visible = shown_groups(counts, n)
        suppressed[by] = len(counts) - len(visible)
        earlier = list(candidates)
        for value in visible:
            members = column.codes == codes[value]
            if any(other[0] != by and differ_by_few(members, flags) for other, flags in earlier):
                suppressed[by] += 1
                continue
            candidates.append(((by, value), members))
            sizes[f"{by}={value}"] = counts[value]
    return candidates, sizes, suppressed


def aggregate_survey(
    questionnaire: LoadedQuestionnaire,
    respondents: Sequence[Mapping[str, AnswerValue]],
    *,
    lang: Lang = "it",
    duplicates: int = 0,
) -> SurveyResult:
    """``respondents``: the importer's (read as columns, no dict is built) or any list of answer dicts;
    ``duplicates``: how many copies of identical rows the importer dropped (told as a count)."""
    definition = questionnaire.definition
    questions = definition.question_map()
    n = len(respondents)
    if n < MIN_GROUP:
        return SurveyResult(
            questionnaire=definition.ref,
            respondents=n,
            too_few=True,
            needs={},
            groups=[],
            suppressed_groups={},
            preferences=[],
            duplicates_dropped=duplicates,
        )
    answers = answers_of(respondents)
    strengths = strength_table(questionnaire.dimensions, questions, answers)
    known = set(definition.group_by)  # who is in which group is not a secret: the breakdowns are shown
    signals = {
        f"{dim.id}#{i}": (dim, signal)
        for dim in questionnaire.dimensions
        if dim.kind == "need"
        for i, signal in enumerate(dim.signals)
    }
    columns = [
        _SignalColumn(key, signal, questions[signal.question], answers, strengths[key].to_numpy(dtype=np.float64))
        for key, (_, signal) in signals.items()
    ]
    hidden = {c.key: c.verdict for c in columns if c.verdict != "shown" and not c.questions <= known}
    visible = strengths.drop(columns=list(hidden))
    needs = score_dimensions(questionnaire.dimensions, questions, answers, lang, visible, hidden)

    candidates, sizes, suppressed = _candidate_groups(definition.group_by, answers, n)
    family_of = _families(columns)
    checked: dict[str, list[Codes]] = {}
    for column in columns:
        if column.key not in hidden and not column.questions <= known:
            checked.setdefault(family_of[column.key], []).extend(column.arrays)
    kept = {family: set(kept_groups(arrays, candidates, n)) for family, arrays in checked.items()}
    groups: list[GroupAggregate] = []
    for (by, value), members in candidates:
        means = visible[members].mean()
        scored = scores_from_means(questionnaire.dimensions, means)
        shown_needs = {
            dim_id: score
            for dim_id, (score, _, _) in scored.items()
            if dim_id in needs
            and all(
                (by, value) in kept.get(family_of[key], {(by, value)})
                for key, (dim, _) in signals.items()
                if dim.id == dim_id and key not in hidden
            )
        }
        if not shown_needs:
            suppressed[by] += 1
            continue
        groups.append(
            GroupAggregate(
                by=by,
                by_label=questions[by].label.get(lang),
                value=value,
                label=questions[by].option_label(value, lang),
                n=sizes[f"{by}={value}"],
                needs=shown_needs,
            )
        )
    return SurveyResult(
        questionnaire=definition.ref,
        respondents=n,
        too_few=False,
        needs=needs,
        groups=groups,
        suppressed_groups=suppressed,
        preferences=_preferences(definition.questions, answers, lang),
        scales=_scale_shares(definition.questions, answers),
        duplicates_dropped=duplicates,
    )


def _scale_shares(questions: Sequence[Question], answers: Respondents) -> list[ScaleShare]:
    """For each 1-5 question the disclosure rule lets through (answers and ends alike), the shares at the two ends."""
    result = []
    for question in questions:
        if question.type != QuestionType.SCALE or question.id not in answers.columns:
            continue
        column = answers.column(question.id)
        numbers = column.numbers()
        bands = codes_of(np.where(np.isnan(numbers), np.nan, np.digitize(numbers, [2.5, 3.5])))
        if verdict(column.codes) != "shown" or verdict(bands) != "shown":
            continue
        answered = numbers[~np.isnan(numbers)]
        result.append(
            ScaleShare(
                question=question.id,
                answered=len(answered),
                low_share=round(100 * (int((answered <= 2).sum()) / len(answered)), 1),
                high_share=round(100 * (int((answered >= 4).sum()) / len(answered)), 1),
            )
        )
    return result


def _preferences(questions: Sequence[Question], answers: Respondents, lang: Lang) -> list[Preference]:
    """The share choosing each option, for options the disclosure rule lets through (not chosen by all or none)."""
    result = []
    for question in questions:
        if question.type != QuestionType.MULTI_CHOICE or question.id not in answers.columns:
            continue
        column = answers.column(question.id)
        counts = column.counts()
        answered = int(counts.sum())
        if answered < MIN_GROUP:
            continue
        for option in question.options or []:

            def chose(value: AnswerValue, wanted: str = option.value) -> float:
                return float(isinstance(value, list) and wanted in value)

            picked = column.floats(chose)
            if verdict(codes_of(picked)) != "shown":
                continue
            chosen = int(np.nansum(picked))
            result.append(
                Preference(
                    question=question.id,
                    option=option.value,
                    label=option.label.get(lang),
                    share=round(100 * chosen / answered, 1),
                )
            )
    return sorted(result, key=lambda p: -p.share)


def blend_needs(
    profile: ScoreProfile, survey: SurveyResult, weight: float = DEFAULT_SURVEY_WEIGHT
) -> list[BlendedNeed]:
    """Managers' scores blended with the survey's, with the weight shown next to the result."""
    blended = []
    for need in profile.needs.values():
        from_survey = survey.needs.get(need.id)
        value = need.score if from_survey is None else (1 - weight) * need.score + weight * from_survey.score
        blended.append(
            BlendedNeed(
                id=need.id,
                label=need.label,
                managers=need.score,
                survey=from_survey.score if from_survey else None,
                blended=round(value, 1),
                survey_weight=weight if from_survey else 0.0,
            )
        )
    return sorted(blended, key=lambda b: -b.blended)


def result_json(survey: SurveyResult, rejected: Sequence[Any] = ()) -> dict[str, Any]:
    """The CLI/JSON shape: respondents, needs, groups (only what the disclosure rule lets through) and, per
    problem, how many rows were rejected (``rejected``: never a row's value nor its row number)."""
    from workbench.survey.importer import rejected_summary

    data = survey.model_dump(mode="json")
    data["rejected"] = [{"reason": reason, "rows": count} for reason, count in rejected_summary(list(rejected))]
    return data
