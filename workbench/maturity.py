"""Lavoro-agile maturity of a public administration, and the training plan that follows from it.

The enabling conditions (organisational, professional, digital, economic-financial
health, plus equal opportunities and wellbeing) are scored from the PA questionnaire
with the same engine as needs and feasibility, so every score is explained by the
answers behind it. The overall score is their mean; the level is the highest whose
threshold it reaches, and "what it takes" names, for each condition still below the
next threshold, the answers that hold it back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from workbench.content import ContentError, ContentIssue, display_path, parse_model, read_yaml
from workbench.formatting import fmt_number
from workbench.i18n import t
from workbench.models.answers import AnswerValue
from workbench.models.maturity import ActivityRow, MaturityAssessment, MaturityModel, TrainingFile, TrainingModule
from workbench.models.scoring import ScoringModel
from workbench.models.text import Lang
from workbench.questionnaire import LoadedQuestionnaire, check_scoring
from workbench.registry import QuestionnaireRegistry
from workbench.scoring import score_answers

MATURITY_FILE = "pa.maturity.yaml"
TRAINING_FILE = "training_modules.yaml"
REMOTABLE_WEIGHT = {"yes": 1.0, "partly": 0.5, "no": 0.0}


def load_maturity_model(path: Path, registry: QuestionnaireRegistry) -> MaturityModel:
    model = parse_model(MaturityModel, read_yaml(path), path)
    try:
        questionnaire = registry.get(model.questionnaire)
    except LookupError as exc:
        raise ContentError([ContentIssue(display_path(path), "", "questionnaire", str(exc))]) from exc
    issues = check_scoring(ScoringModel(dimensions=model.conditions), questionnaire.definition, display_path(path))
    share = model.activity_share_question
    if share is not None and share not in questionnaire.definition.question_map():
        issues.append(ContentIssue(display_path(path), "", "activity_share_question", f"unknown question '{share}'"))
    if issues:
        raise ContentError(issues)
    return model


def load_training(path: Path, model: MaturityModel) -> list[TrainingModule]:
    modules = parse_model(TrainingFile, read_yaml(path), path).modules
    known = {c.id for c in model.conditions}
    issues = [
        ContentIssue(display_path(path), f"module '{m.id}'", "conditions", f"unknown condition '{c}'")
        for m in modules
        for c in m.conditions
        if c not in known
    ]
    if issues:
        raise ContentError(issues)
    return modules


def activity_share(rows: Sequence[ActivityRow]) -> float | None:
    """Staff-weighted share (0-100) of activities that can be done remotely: partly counts half."""
    staff = sum(r.staff for r in rows)
    if staff == 0:
        return None
    return round(100 * sum(REMOTABLE_WEIGHT[r.remotable] * r.staff for r in rows) / staff, 1)


def assess_maturity(
    model: MaturityModel,
    questionnaire: LoadedQuestionnaire,
    values: Mapping[str, AnswerValue],
    *,
    activities: Sequence[ActivityRow] = (),
    lang: Lang = "it",
) -> MaturityAssessment:
    """Pure: conditions, overall score, level, and what it takes to reach the next level."""
    share = activity_share(activities)
    answers = dict(values)
    if share is not None and model.activity_share_question:
        answers[model.activity_share_question] = share
    scorer = LoadedQuestionnaire(questionnaire.definition, tuple(model.conditions), questionnaire.path)
    profile = score_answers(scorer, answers, lang=lang)
    conditions = [profile.feasibility[c.id] for c in model.conditions]
    answered = [c for c in conditions if c.coverage > 0]
    overall = round(sum(c.score for c in answered) / len(answered), 1) if answered else 0.0
    reached = [lvl for lvl in model.levels if overall >= lvl.min_score]
    level = reached[-1]
    following = next((lvl for lvl in model.levels if lvl.level == level.level + 1), None)
    steps: list[str] = []
    if following is not None:
        for condition in sorted(conditions, key=lambda c: c.score):
            if condition.score >= following.min_score:
                continue
            weak = sorted(condition.explanation, key=lambda e: e.strength * e.weight)[:2]
            points = [f"{e.question_label.rstrip('?').rstrip()} ({t('mat_today', lang)}: {e.answer})" for e in weak]
            questions = questionnaire.definition.question_map()
            points += [
                f"{questions[q].label.get(lang).rstrip('?')} ({t('mat_unanswered', lang)})"
                for q in condition.missing[:1]
            ]
            steps.append(
                t(
                    "mat_step",
                    lang,
                    condition=condition.label,
                    score=fmt_number(condition.score, lang, 0),
                    target=fmt_number(following.min_score, lang, 0),
                    points="; ".join(points) or "—",
                )
            )
    return MaturityAssessment(
        conditions=conditions,
        overall=overall,
        level=level.level,
        level_name=level.name.get(lang),
        level_description=level.description.get(lang),
        next_level=following.level if following else None,
        next_level_name=following.name.get(lang) if following else None,
        to_next_level=steps,
        activity_share=share,
        activities=list(activities),
    )


class TrainingRow(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    title: str
    audience: str
    hours: float
    format: str
    topics: str
    month: int
    because: str


MAX_MODULES = 8


def training_plan(
    modules: Sequence[TrainingModule], assessment: MaturityAssessment, *, lang: Lang = "it", threshold: float = 75.0
) -> list[TrainingRow]:
    """Up to MAX_MODULES modules for the conditions below ``threshold``: the weakest chosen first, listed by month."""
    scores = {c.id: c for c in assessment.conditions}
    weak = {c.id for c in assessment.conditions if c.score < threshold}

    def weakest(module: TrainingModule) -> float:
        return min(scores[c].score for c in module.conditions if c in scores)

    candidates = [m for m in modules if assessment.level < m.max_level and set(m.conditions) & weak]
    chosen = sorted(candidates, key=lambda m: (weakest(m), m.month, m.id))[:MAX_MODULES]
    if not chosen:  # a mature administration still trains newcomers: keep the general modules
        chosen = [m for m in modules if m.audience == "tutti"][:3]

    return [
        TrainingRow(
            id=m.id,
            title=m.title.get(lang),
            audience=t("aud_" + m.audience, lang),
            hours=m.hours,
            format=m.format.get(lang),
            topics=m.topics.get(lang),
            month=m.month,
            because=", ".join(scores[c].label for c in m.conditions if c in weak and c in scores)
            or t("mat_keep_up", lang),
        )
        for m in sorted(chosen, key=lambda m: (m.month, weakest(m), m.id))
    ]
