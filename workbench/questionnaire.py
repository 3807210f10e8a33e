"""Loading questionnaire definitions, deciding which questions are shown, and validating answers.

Definitions live in ``questionnaires/*.yaml``. A definition may pull shared sections
from fragment files (``- include: _shared/forza_lavoro.yaml``) so that the firm
and the PA variants ask workforce and care questions the same way, and it names
its scoring-model files, which are checked against its questions here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from workbench.answer_display import display_answer
from workbench.approximate_text import ApproximateError, read_approximate
from workbench.content import ContentError, ContentIssue, display_path, parse_model, read_yaml
from workbench.models.answers import (
    ABOUT_SPREAD,
    AboutAnswer,
    AnswerIssue,
    AnswerValue,
    AnyApproximation,
    Approximation,
    Estimate,
    RangeAnswer,
    ValidatedAnswers,
    as_approximation,
    parse_approximation,
)
from workbench.models.questionnaire import (
    CHOICE_TYPES,
    NUMERIC_TYPES,
    AllOf,
    AnyOf,
    Condition,
    Question,
    Questionnaire,
    QuestionType,
    Section,
    ShowIf,
)
from workbench.models.scoring import Dimension, ScoringModel
from workbench.numbers import LARGEST_NUMBER, NumberError, is_plausible, parse_number

SCORING_SUFFIX = ".scoring.yaml"
MATURITY_SUFFIX = ".maturity.yaml"


@dataclass(frozen=True)
class LoadedQuestionnaire:
    """A validated definition together with the scoring dimensions that apply to it."""

    definition: Questionnaire
    dimensions: tuple[Dimension, ...]
    path: Path

    @property
    def ref(self) -> str:
        return self.definition.ref


# ---- loading ----------------------------------------------------------------


def is_definition_file(path: Path) -> bool:
    """Questionnaire files sit at the top of the folder; fragments start with '_' or sit in '_' folders."""
    return (
        path.suffix in (".yaml", ".yml")
        and not path.name.endswith((SCORING_SUFFIX, MATURITY_SUFFIX))
        and not any(part.startswith("_") for part in path.parts[-1:])
    )


def load_questionnaire(path: Path) -> LoadedQuestionnaire:
    """Read, expand includes, validate and cross-check one definition and its scoring files."""
    raw = read_yaml(path)
    name = display_path(path)
    if isinstance(raw, dict) and isinstance(raw.get("sections"), list):
        raw = {**raw, "sections": _expand_includes(raw["sections"], path)}
    definition, issues = _for_kind(parse_model(Questionnaire, raw, path), name)
    issues += check_questionnaire(definition, name)
    dimensions: list[Dimension] = []
    for rel in definition.scoring:
        scoring_path = (path.parent / rel).resolve()
        try:
            model = parse_model(ScoringModel, read_yaml(scoring_path), scoring_path)
        except ContentError as exc:
            issues.extend(exc.issues)
            continue
        model, kind_issues = _signals_for_kind(model, definition.kind, display_path(scoring_path))
        issues.extend(kind_issues)
        issues.extend(check_scoring(model, definition, display_path(scoring_path)))
        dimensions.extend(model.dimensions)
    seen: set[str] = set()
    for dim in dimensions:
        if dim.id in seen:
            issues.append(ContentIssue(name, f"dimension '{dim.id}'", "id", "defined in two scoring files"))
        seen.add(dim.id)
    if issues:
        raise ContentError(issues)
    return LoadedQuestionnaire(definition=definition, dimensions=tuple(dimensions), path=path)


def _for_kind(definition: Questionnaire, name: str) -> tuple[Questionnaire, list[ContentIssue]]:
    """Drop the questions of shared sections meant for another kind of questionnaire (``only_for``)."""
    issues: list[ContentIssue] = []
    sections = []
    for section in definition.sections:
        kept = [q for q in section.questions if q.only_for in (None, definition.kind)]
        if kept:
            sections.append(section.model_copy(update={"questions": kept}))
        else:
            issues.append(ContentIssue(name, f"section '{section.id}'", "questions", f"none for a {definition.kind}"))
    return definition.model_copy(update={"sections": sections}), issues


def _signals_for_kind(model: ScoringModel, kind: str, name: str) -> tuple[ScoringModel, list[ContentIssue]]:
    """Drop the signals of a shared scoring file meant for another kind of questionnaire (``only_for``)."""
    issues: list[ContentIssue] = []
    dimensions = []
    for dim in model.dimensions:
        kept = [s for s in dim.signals if s.only_for in (None, kind)]
        if not kept:
            issues.append(ContentIssue(name, f"dimension '{dim.id}'", "signals", f"none for a {kind}"))
            continue
        dimensions.append(dim.model_copy(update={"signals": kept}))
    return model.model_copy(update={"dimensions": dimensions}), issues


def _expand_includes(sections: list[Any], path: Path) -> list[Any]:
    expanded: list[Any] = []
    for index, item in enumerate(sections):
        if isinstance(item, dict) and set(item) == {"include"}:
            target = (path.parent / str(item["include"])).resolve()
            if not target.is_file():
                raise ContentError(
                    [
                        ContentIssue(
                            display_path(path),
                            f"section #{index + 1}",
                            "include",
                            f"file not found: {item['include']}",
                        )
                    ]
                )
            fragment = read_yaml(target)
            parse_model(Section, fragment, target)  # problems are reported against the fragment file
            expanded.append(fragment)
        else:
            expanded.append(item)
    return expanded


def check_questionnaire(definition: Questionnaire, name: str) -> list[ContentIssue]:
    """Cross-references the models cannot see: unique ids, show_if pointing backwards, at_most."""
    issues: list[ContentIssue] = []
    seen_sections: set[str] = set()
    for section in definition.sections:
        if section.id in seen_sections:
            issues.append(ContentIssue(name, f"section '{section.id}'", "id", "duplicate section id"))
        seen_sections.add(section.id)
    earlier: dict[str, Question] = {}
    all_questions = {q.id: q for q in definition.questions}
    for question in definition.questions:
        where = f"question '{question.id}'"
        if question.id in earlier:
            issues.append(ContentIssue(name, where, "id", "duplicate question id"))
        if question.show_if is not None:
            for cond in conditions_in(question.show_if):
                message = check_condition(cond, earlier, all_questions)
                if message:
                    issues.append(ContentIssue(name, where, "show_if", message))
        if question.at_most is not None:
            bound = all_questions.get(question.at_most)
            if bound is None or bound.type != QuestionType.NUMBER or bound.id == question.id:
                issues.append(
                    ContentIssue(name, where, "at_most", f"'{question.at_most}' is not another number question")
                )
        earlier[question.id] = question
    for qid in definition.group_by:
        target = all_questions.get(qid)
        if target is None or target.type != QuestionType.SINGLE_CHOICE:
            issues.append(ContentIssue(name, "", "group_by", f"'{qid}' is not a single_choice question"))
    if definition.headcount_question is not None:
        headcount = all_questions.get(definition.headcount_question)
        if headcount is None or headcount.type != QuestionType.NUMBER:
            issues.append(
                ContentIssue(
                    name, "", "headcount_question", f"'{definition.headcount_question}' is not a number question"
                )
            )
    if definition.comune_question is not None:
        comune = all_questions.get(definition.comune_question)
        if comune is None or comune.type != QuestionType.TEXT:
            issues.append(
                ContentIssue(name, "", "comune_question", f"'{definition.comune_question}' is not a text question")
            )
    return issues


def conditions_in(show_if: ShowIf) -> Iterable[Condition]:
    if isinstance(show_if, Condition):
        yield show_if
    elif isinstance(show_if, AllOf):
        for item in show_if.all:
            yield from conditions_in(item)
    elif isinstance(show_if, AnyOf):
        for item in show_if.any:
            yield from conditions_in(item)


def check_condition(cond: Condition, earlier: Mapping[str, Question], every: Mapping[str, Question]) -> str:
    target = earlier.get(cond.question)
    if target is None:
        if cond.question in every:
            return f"'{cond.question}' comes later; show_if may only look at earlier questions"
        return f"unknown question '{cond.question}'"
    op = cond.operator
    if op == "contains" and target.type != QuestionType.MULTI_CHOICE:
        return f"'contains' needs a multi_choice question, '{target.id}' is {target.type.value}"
    if op in ("greater_than", "less_than") and target.type not in NUMERIC_TYPES:
        return f"'{op}' needs a numeric question, '{target.id}' is {target.type.value}"
    values: list[Any] = []
    if op in ("equals", "not_equals"):
        values = [getattr(cond, op)]
    elif op == "in_":
        values = list(cond.in_ or [])
    elif op == "contains":
        values = [cond.contains]
    if target.type in CHOICE_TYPES:
        known = {o.value for o in target.options or []}
        unknown = [str(v) for v in values if v not in known]
        if unknown:
            return f"'{target.id}' has no option {', '.join(unknown)}"
    if target.type == QuestionType.YES_NO and any(not isinstance(v, bool) for v in values):
        return f"'{target.id}' is yes/no: compare it with true or false"
    return ""


def check_scoring(model: ScoringModel, definition: Questionnaire, name: str) -> list[ContentIssue]:
    """Every signal must point at a question that can feed it."""
    issues: list[ContentIssue] = []
    questions = definition.question_map()
    for dim in model.dimensions:
        for signal in dim.signals:
            where = f"dimension '{dim.id}' > signal '{signal.question}'"
            question = questions.get(signal.question)
            if question is None:
                issues.append(
                    ContentIssue(name, where, "question", f"no question '{signal.question}' in {definition.ref}")
                )
                continue
            if question.type == QuestionType.TEXT:
                issues.append(ContentIssue(name, where, "question", "free-text questions cannot be scored"))
            elif signal.map is not None:
                if question.type == QuestionType.YES_NO:
                    known = {"yes", "no"}
                elif question.type in CHOICE_TYPES:
                    known = {o.value for o in question.options or []}
                else:
                    issues.append(
                        ContentIssue(name, where, "map", f"'{question.id}' is {question.type.value}: use from/to")
                    )
                    continue
                unknown = sorted(set(signal.map) - known)
                if unknown:
                    issues.append(ContentIssue(name, where, "map", f"unknown values: {', '.join(unknown)}"))
            elif question.type not in NUMERIC_TYPES:
                issues.append(ContentIssue(name, where, "from", f"'{question.id}' is {question.type.value}: use map"))
            if signal.per is not None:
                per = questions.get(signal.per)
                if per is None or per.type != QuestionType.NUMBER:
                    issues.append(ContentIssue(name, where, "per", f"'{signal.per}' is not a number question"))
            if signal.if_hidden is not None and question.show_if is None:
                issues.append(
                    ContentIssue(name, where, "if_hidden", f"'{question.id}' has no show_if, it is never hidden")
                )
    return issues


# ---- which questions are shown ------------------------------------------------


def condition_holds(show_if: ShowIf, values: Mapping[str, AnswerValue]) -> bool:
    """Evaluate a show_if against the answers given so far; no answer means 'not shown yet'."""
    if isinstance(show_if, AllOf):
        return all(condition_holds(c, values) for c in show_if.all)
    if isinstance(show_if, AnyOf):
        return any(condition_holds(c, values) for c in show_if.any)
    value = values.get(show_if.question)
    op = show_if.operator
    if op == "answered":
        return (value is not None) == show_if.answered
    if value is None:
        return False
    if op == "equals":
        return value == show_if.equals
    if op == "not_equals":
        return value != show_if.not_equals
    if op == "in_":
        return value in (show_if.in_ or [])
    if op == "contains":
        return isinstance(value, list) and show_if.contains in value
    approx = as_approximation(value)
    if approx is not None:  # asked when it may apply: 'meno di 50' may be more than 0
        low, high = _span(approx)
        if op == "greater_than":
            return show_if.greater_than is not None and (high is None or high > show_if.greater_than)
        return show_if.less_than is not None and low < show_if.less_than
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    if op == "greater_than":
        return show_if.greater_than is not None and value > show_if.greater_than
    return show_if.less_than is not None and value < show_if.less_than


def _span(approx: AnyApproximation) -> tuple[float, float | None]:
    """Where an approximate answer may lie, without its question's bounds: shares and 'presente' are above 0."""
    if isinstance(approx, RangeAnswer):
        return (-math.inf if approx.low is None else approx.low), approx.high
    if isinstance(approx, AboutAnswer):
        return approx.value * (1 - ABOUT_SPREAD), approx.value * (1 + ABOUT_SPREAD)
    return 1e-9, None


def question_states(definition: Questionnaire, values: Mapping[str, AnswerValue]) -> dict[str, str]:
    """Each question's state for these answers.

    ``shown``: asked. ``ruled_out``: not asked because the questions its show_if looks at
    are answered and say it does not apply (e.g. no shifts, so no share of shift workers).
    ``pending``: not asked yet because those questions are still unanswered. An answer to a
    question that is not shown never opens others.
    """
    states: dict[str, str] = {}
    effective: dict[str, AnswerValue] = {}
    for question in definition.questions:
        if question.show_if is None or condition_holds(question.show_if, effective):
            states[question.id] = "shown"
            if question.id in values:
                effective[question.id] = values[question.id]
        elif all(c.question in effective for c in conditions_in(question.show_if)):
            states[question.id] = "ruled_out"
        else:
            states[question.id] = "pending"
    return states


def visible_questions(definition: Questionnaire, values: Mapping[str, AnswerValue]) -> list[Question]:
    """Questions shown for these answers, in questionnaire order."""
    states = question_states(definition, values)
    return [q for q in definition.questions if states[q.id] == "shown"]


# ---- validating answers --------------------------------------------------------

PLAUSIBLE_LIMIT = LARGEST_NUMBER  # one bound for every edge (workbench.numbers)
"""No answer of an intake (people, euros, hours) comes near this; larger values are typos or attacks."""

_TRUE = {"true", "yes", "si", "sì", "y", "s", "1", "vero"}
_FALSE = {"false", "no", "n", "0", "falso"}


class _Invalid(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _coerce(question: Question, raw: Any, approximate: bool = False) -> AnswerValue | None:
    """Type one answer; None means 'not answered'. Raises _Invalid with an Italian message.

    ``approximate``: a number or percentage may also be an approximate answer (see read_approximate).
    """
    if raw is None or (isinstance(raw, str) and not raw.strip()) or raw == []:
        return None
    qtype = question.type
    if qtype == QuestionType.TEXT:
        if not isinstance(raw, str | int | float) or isinstance(raw, bool):
            raise _Invalid("wrong_type", "serve un testo")
        text = str(raw)
        if len(text) > question.max_length:
            raise _Invalid("too_long", f"testo troppo lungo ({len(text)} caratteri, massimo {question.max_length})")
        return text
    if qtype == QuestionType.YES_NO:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and raw.strip().lower() in _TRUE | _FALSE:
            return raw.strip().lower() in _TRUE
        raise _Invalid("wrong_type", f"serve sì o no, non {raw!r}")
    if qtype == QuestionType.SINGLE_CHOICE:
        return _choice(question, raw)
    if qtype == QuestionType.MULTI_CHOICE:
        items = [p.strip() for p in raw.split(";")] if isinstance(raw, str) else raw
        if not isinstance(items, list):
            raise _Invalid("wrong_type", "serve un elenco di opzioni")
        chosen: list[str] = []
        for item in items:
            value = _choice(question, item)
            if value not in chosen:
                chosen.append(value)
        return chosen or None
    if approximate and question.type != QuestionType.SCALE:
        approx = _approximation_in(raw)
        if approx is not None:
            return check_approximation(question, approx)
    return _number(question, raw)


def _approximation_in(raw: Any) -> AnyApproximation | None:
    """The approximate answer ``raw`` holds (typed text, the stored form or an already typed one), None if it
    is meant as a number."""
    typed = as_approximation(raw) if isinstance(raw, Approximation) else None
    if typed is not None:
        return typed
    if isinstance(raw, dict):
        if "approx" not in raw:
            return None
        try:
            return parse_approximation(raw)
        except ValidationError as exc:
            reasons = "; ".join(str(e["msg"]) for e in exc.errors())
            raise _Invalid("wrong_type", f"risposta approssimata non valida ({reasons})") from exc
    if not isinstance(raw, str) or parse_number(raw) is not None:
        return None
    try:
        return read_approximate(raw)
    except (NumberError, ApproximateError) as exc:
        raise _Invalid("wrong_type", exc.message("it")) from exc


def check_approximation(question: Question, approx: AnyApproximation) -> AnyApproximation:
    """An approximate answer checked against its question: bounds and whole numbers as for an exact one;
    a share or 'presente' only where there is a whole (a percentage, or a count bounded by another answer)."""
    if approx.relative and question.type != QuestionType.PERCENTAGE and question.at_most is None:
        said = display_answer(question, approx, "it")
        raise _Invalid(
            "wrong_type",
            f"serve un numero: «{said}» vale solo per una quota o per un conteggio su un totale; "
            "qui scrivi un numero o un intervallo (es. «tra 10 e 20», «circa 100»)",
        )
    if isinstance(approx, RangeAnswer):
        low = None if approx.low is None else _number(question, approx.low)
        high = None if approx.high is None else _number(question, approx.high)
        return RangeAnswer(low=low, high=high)
    if isinstance(approx, AboutAnswer):
        return AboutAnswer(value=_number(question, approx.value))
    return approx


def _choice(question: Question, raw: Any) -> str:
    if not isinstance(raw, str):
        raise _Invalid("wrong_type", f"serve una delle opzioni previste, non {raw!r}")
    wanted = raw.strip()
    for option in question.options or []:
        if wanted == option.value or wanted.casefold() in (
            option.label.it.casefold(),
            (option.label.en or "").casefold(),
        ):
            return option.value
    allowed = ", ".join(o.value for o in question.options or [])
    raise _Invalid("out_of_range", f"'{wanted}' non è un'opzione prevista ({allowed})")


def _number(question: Question, raw: Any) -> int | float:
    if isinstance(raw, bool):
        raise _Invalid("wrong_type", f"serve un numero, non {raw!r}")
    if isinstance(raw, int | float):
        number: float = raw
    elif isinstance(raw, str):
        parsed = parse_number(raw)
        if parsed is None:
            raise _Invalid("wrong_type", f"serve un numero, non '{raw}'")
        number = parsed
    else:
        raise _Invalid("wrong_type", f"serve un numero, non {type(raw).__name__}")
    if number != number or number in (float("inf"), float("-inf")):
        raise _Invalid("wrong_type", "serve un numero finito")
    low, high = question.bounds
    if not is_plausible(number):  # before any formatting: "{:g}" of a 400-digit int overflows
        raise _Invalid("out_of_range", "non è un valore plausibile (oltre mille miliardi)")
    if (low is not None and number < low) or (high is not None and number > high):
        span = f"{'' if low is None else f'{low:g}'}–{'' if high is None else f'{high:g}'}"
        raise _Invalid("out_of_range", f"{number:g} è fuori dall'intervallo ammesso ({span})")
    if question.type == QuestionType.SCALE or question.integer:
        if number != int(number):
            raise _Invalid("wrong_type", f"serve un numero intero, non {number:g}")
        return int(number)
    return int(number) if isinstance(raw, int) else float(number)


def coerce_answer(
    question: Question, raw: Any, *, approximate: bool = False
) -> tuple[AnswerValue | None, AnswerIssue | None]:
    """One answer typed, or the issue that sets it aside (same rules and messages as validate_answers).

    ``approximate``: accept approximate answers to numbers ('tra 10 e 20', 'presenti'), as the intake does.
    """
    try:
        return _coerce(question, raw, approximate), None
    except _Invalid as exc:
        return None, _issue(question, exc.code, exc.message)


def accepts_approximations(definition: Questionnaire) -> bool:
    """The intake questionnaires do; an employee survey answer is one person's own figure and must be one."""
    return definition.kind in APPROXIMATE_KINDS


APPROXIMATE_KINDS = frozenset({"firm", "pa"})


def validate_answers(definition: Questionnaire, raw: Mapping[str, Any]) -> ValidatedAnswers:
    """Keep every answer that is valid and visible; explain everything set aside.

    Errors (unknown question, wrong type, out of range, answer to a hidden question)
    drop that answer only; a missing required answer is a warning, so a half-filled
    questionnaire still scores, with lower coverage.
    """
    questions = definition.question_map()
    issues: list[AnswerIssue] = []
    typed: dict[str, AnswerValue] = {}
    approximate = accepts_approximations(definition)

    for key, value in raw.items():
        question = questions.get(str(key))
        if question is None:
            issues.append(
                AnswerIssue(
                    question=str(key),
                    code="unknown_question",
                    severity="error",
                    message=f"'{key}': domanda sconosciuta nel questionario {definition.ref}",
                )
            )
            continue
        try:
            coerced = _coerce(question, value, approximate)
        except _Invalid as exc:
            issues.append(_issue(question, exc.code, exc.message))
            continue
        if coerced is not None:
            typed[question.id] = coerced

    for question in definition.questions:
        value = typed.get(question.id)
        if question.at_most is None or value is None:
            continue
        bound_question = questions[question.at_most]
        bound = typed.get(question.at_most)
        least, most = _lowest(value), _highest(bound)
        if bound is not None and least is not None and most is not None and least > most:
            said = f"{value:g}" if isinstance(value, int | float) else display_answer(question, value, "it")
            limit = f"{bound:g}" if isinstance(bound, int | float) else display_answer(bound_question, bound, "it")
            issues.append(_issue(question, "out_of_range", f"{said} supera «{bound_question.label.it}» ({limit})"))
            del typed[question.id]

    shown = {q.id for q in visible_questions(definition, typed)}
    for qid in list(typed):
        if qid not in shown:
            issues.append(
                _issue(
                    questions[qid],
                    "hidden",
                    "risposta ignorata: la domanda non si applica con le risposte date alle domande precedenti",
                )
            )
            del typed[qid]

    for question in definition.questions:
        if question.required and question.id in shown and question.id not in typed:
            already = any(i.question == question.id for i in issues)
            if not already:
                issues.append(
                    AnswerIssue(
                        question=question.id,
                        code="missing_required",
                        severity="warning",
                        message=f"«{question.label.it}»: risposta obbligatoria mancante",
                    )
                )
    return ValidatedAnswers(values=typed, issues=issues)


def _lowest(value: AnswerValue | None) -> float | None:
    """The least a numeric answer may be (None: not a figure, e.g. a share of the whole or 'presente')."""
    approx = as_approximation(value)
    if approx is None:
        return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None
    if isinstance(approx, RangeAnswer):
        return None if approx.low is None else float(approx.low)
    if isinstance(approx, AboutAnswer):
        return approx.value * (1 - ABOUT_SPREAD)
    return None


def _highest(value: AnswerValue | None) -> float | None:
    """The most a numeric answer may be (None: unbounded or not a figure)."""
    approx = as_approximation(value)
    if approx is None:
        return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None
    if isinstance(approx, RangeAnswer):
        return None if approx.high is None else float(approx.high)
    if isinstance(approx, AboutAnswer):
        return approx.value * (1 + ABOUT_SPREAD)
    return None


def estimate_answer(
    question: Question, value: AnswerValue | None, values: Mapping[str, AnswerValue]
) -> Estimate | None:
    """A numeric answer, exact or approximate, on its question's scale: the interval it allows, the value
    scored and how certain it is. None when it is no number, or a share of a whole that is not answered
    (a share of a count is taken of the answer that bounds it, ``at_most``: women out of the headcount)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return Estimate(low=float(value), high=float(value), value=float(value), certainty=1.0)
    approx = as_approximation(value)
    if approx is None:
        return None
    floor, top = question.bounds
    whole: float | None = None
    whole_certainty = 1.0
    if question.type == QuestionType.PERCENTAGE:
        whole = 100.0
    elif question.at_most is not None:
        bound = values.get(question.at_most)
        whole = _point(bound)
        whole_certainty = certainty_of(bound)
    estimate = approx.estimate(floor or 0.0, whole, whole if whole is not None else top, question.integer)
    if estimate is not None and approx.relative and whole_certainty < estimate.certainty:
        estimate = replace(estimate, certainty=whole_certainty)  # as vague as its vaguest part
    return estimate


def certainty_of(value: AnswerValue | None) -> float:
    """1 for an exact answer, less for an approximate one (models.answers.CERTAINTY), 0 for none."""
    if value is None:
        return 0.0
    approx = as_approximation(value)
    return 1.0 if approx is None else approx.certainty


def _point(value: AnswerValue | None) -> float | None:
    """A bound's value as the whole of a share: an exact figure, 'circa' as said, the middle of a closed range
    ('più di 100': 100); None for a share of a share."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    approx = as_approximation(value)
    if isinstance(approx, AboutAnswer):
        return float(approx.value)
    if isinstance(approx, RangeAnswer):
        if approx.high is None:
            return None if approx.low is None else float(approx.low)
        return (float(approx.low or 0) + float(approx.high)) / 2
    return None


def _issue(question: Question, code: Any, message: str) -> AnswerIssue:
    return AnswerIssue(
        question=question.id,
        code=code,
        severity="error",
        message=f"«{question.label.it}» ({question.id}): {message}",
    )
