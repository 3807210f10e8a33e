"""Loading the catalogue folder and checking every cross-reference in it.

Layout of ``catalogue/``: ``measures.yaml``, ``indicators.yaml``,
``legal_references.yaml``, ``tax_parameters.yaml``, ``crosswalks.yaml``, ``contexts.yaml`` (what the answers
show about an organisation beyond its scores: sector, shifts, size, welfare channels) and one file
per territorial district in ``territori/``. A measure that points at an indicator, law, need or feasibility
dimension that does not exist fails loudly, naming file, measure and field.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from workbench.content import ContentError, ContentIssue, display_path, parse_model, read_yaml
from workbench.content_ids import DeclaredId, declared_ids
from workbench.incentives import INCENTIVES_FILE, load_incentive_rules
from workbench.models.catalogue import (
    MACRO_AREAS,
    TERRITORIAL_ROUTE,
    Ambito,
    ContextFile,
    Indicator,
    IndicatorFile,
    LegalFile,
    LegalReference,
    MacroArea,
    Measure,
    MeasureFile,
    PlanDefaults,
)
from workbench.models.crosswalk import Covers, CrosswalkFile
from workbench.models.incentives import IncentiveRule
from workbench.models.pay_transparency import PayTransparencyRules
from workbench.models.questionnaire import NUMERIC_TYPES, Question, QuestionType, ShowIf
from workbench.models.welfare import BenefitItem, TaxFile, TaxParameter
from workbench.pay_transparency import PAY_TRANSPARENCY_FILE, load_pay_transparency
from workbench.questionnaire import check_condition, conditions_in
from workbench.registry import QuestionnaireRegistry

M = TypeVar("M", bound=BaseModel)
Item = TypeVar("Item", Measure, Indicator, LegalReference)

MEASURES_FILE = "measures.yaml"
INDICATORS_FILE = "indicators.yaml"
LEGAL_FILE = "legal_references.yaml"
DEFAULTS_FILE = "plan_defaults.yaml"
CONTEXTS_FILE = "contexts.yaml"
TAX_FILE = "tax_parameters.yaml"
CROSSWALKS_FILE = "crosswalks.yaml"
TERRITORIES_DIR = "territori"
CATALOGUE_FILES = (MEASURES_FILE, INDICATORS_FILE, LEGAL_FILE, DEFAULTS_FILE)


def normalise_place(name: str) -> str:
    """'San Giorgio su Legnano', 'san giorgio  su legnano', 'Sàn Giorgio' all compare equal."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.replace("'", " ").replace("’", " ").casefold().split())


@dataclass(frozen=True)
class Catalogue:
    measures: dict[str, Measure]
    indicators: dict[str, Indicator]
    legal: dict[str, LegalReference]
    ambiti: dict[str, Ambito]
    defaults: PlanDefaults
    tax: dict[str, TaxParameter] = field(default_factory=dict)
    benefit_items: list[BenefitItem] = field(default_factory=list)
    crosswalks: CrosswalkFile | None = None
    contexts: ContextFile | None = None
    incentives: dict[str, IncentiveRule] = field(default_factory=dict)
    """catalogue/incentive_rules.yaml by id (workbench/incentives.py); empty without the file."""
    pay_transparency: PayTransparencyRules | None = None
    """catalogue/pay_transparency.yaml (workbench/pay_transparency.py); None without the file."""

    def ambito_for(self, comune: str | None, declared: str | None = None) -> Ambito | None:
        """The district an organisation is located in.

        The municipality decides: a district file lists all its municipalities, so an organisation whose comune
        is not listed is not in that district, whatever ``declared`` says (it never joins the network of a
        district it is not located in). Without a comune, the district the answers file names
        (``organisation.ambito``: its id, name, one of its aliases or the distinctive word of its name) is used.
        """
        if comune and comune.strip():
            return self.district_of(comune)
        return self.ambito_named(declared)

    def district_of(self, comune: str | None) -> Ambito | None:
        """The district whose file lists this municipality, if any."""
        if not comune:
            return None
        wanted = normalise_place(comune)
        for ambito in self.ambiti.values():
            if any(normalise_place(c) == wanted for c in ambito.comuni):
                return ambito
        return None

    def ambito_named(self, declared: str | None) -> Ambito | None:
        """A district by id, name, alias or the distinctive word of its name ('Legnanese', 'Castellanza')."""
        if not declared or not normalise_place(declared):
            return None
        wanted = normalise_place(declared)
        for ambito in self.ambiti.values():
            names = [ambito.id.replace("_", " "), ambito.name, *ambito.aliases]
            if any(normalise_place(n) == wanted for n in names):
                return ambito
        for ambito in self.ambiti.values():
            if wanted in normalise_place(ambito.name).split():
                return ambito
        return None


def load_catalogue(folder: Path, registry: QuestionnaireRegistry) -> Catalogue:
    """Load and cross-check the whole catalogue against the questionnaires' dimensions and questions."""
    issues: list[ContentIssue] = []

    def load(path: Path, model: type[M]) -> M | None:
        try:
            return parse_model(model, read_yaml(path), path)
        except ContentError as exc:
            issues.extend(exc.issues)
            return None

    measures_path = folder / MEASURES_FILE
    indicators_path = folder / INDICATORS_FILE
    legal_path = folder / LEGAL_FILE
    defaults_path = folder / DEFAULTS_FILE
    for required in (measures_path, indicators_path, legal_path, defaults_path):
        if not required.is_file():
            issues.append(ContentIssue(display_path(required), "", "", "catalogue file not found"))
    if issues:
        raise ContentError(issues)

    measure_file = load(measures_path, MeasureFile)
    indicator_file = load(indicators_path, IndicatorFile)
    legal_file = load(legal_path, LegalFile)
    defaults = load(defaults_path, PlanDefaults)
    tax: dict[str, TaxParameter] = {}
    benefit_items: list[BenefitItem] = []
    if (folder / TAX_FILE).is_file():
        try:
            tax, benefit_items = load_tax_file(folder / TAX_FILE)
        except ContentError as exc:
            issues.extend(exc.issues)
    incentives: dict[str, IncentiveRule] = {}
    if tax and (folder / INCENTIVES_FILE).is_file():
        try:
            incentives = load_incentive_rules(folder / INCENTIVES_FILE, tax)
        except ContentError as exc:
            issues.extend(exc.issues)
    ambiti: dict[str, tuple[Ambito, Path]] = {}
    territory_dir = folder / TERRITORIES_DIR
    for path in sorted(territory_dir.glob("*.y*ml")) if territory_dir.is_dir() else []:
        ambito = load(path, Ambito)
        if ambito is None:
            continue
        if ambito.id in ambiti:
            issues.append(ContentIssue(display_path(path), "", "id", f"ambito '{ambito.id}' is defined twice"))
        ambiti[ambito.id] = (ambito, path)
    contexts_path = folder / CONTEXTS_FILE
    contexts = load(contexts_path, ContextFile) if contexts_path.is_file() else None
    if issues or measure_file is None or indicator_file is None or legal_file is None or defaults is None:
        raise ContentError(issues)

    indicators = _unique(indicator_file.indicators, indicators_path, "indicator", issues)
    legal = _unique(legal_file.references, legal_path, "reference", issues)
    measures = _unique(measure_file.measures, measures_path, "measure", issues)
    issues += check_measures(measures.values(), display_path(measures_path), indicators, legal, registry)
    issues += check_ambiti([(a, display_path(p)) for a, p in ambiti.values()], measures, registry)
    issues += check_indicators(indicators.values(), display_path(indicators_path), registry)
    issues += check_defaults(defaults, display_path(defaults_path), registry)
    issues += check_contexts(
        contexts, display_path(contexts_path), measures.values(), display_path(measures_path), registry
    )
    pay_transparency = None
    if not issues and (folder / PAY_TRANSPARENCY_FILE).is_file():
        try:
            pay_transparency = load_pay_transparency(folder / PAY_TRANSPARENCY_FILE, indicators)
        except ContentError as exc:
            issues.extend(exc.issues)
    crosswalks = None
    if not issues and (folder / CROSSWALKS_FILE).is_file():
        try:
            crosswalks = load_crosswalks(folder / CROSSWALKS_FILE, set(measures))
        except ContentError as exc:
            issues.extend(exc.issues)
    if issues:
        raise ContentError(issues)
    return Catalogue(
        measures,
        indicators,
        legal,
        {k: a for k, (a, _) in ambiti.items()},
        defaults,
        tax,
        benefit_items,
        crosswalks,
        contexts,
        incentives,
        pay_transparency,
    )


def load_tax_parameters(path: Path) -> dict[str, TaxParameter]:
    return load_tax_file(path)[0]


def load_tax_file(path: Path) -> tuple[dict[str, TaxParameter], list[BenefitItem]]:
    """The dated parameters by id and the art. 51 items; overlapping periods are refused, naming the parameter."""
    tax_file = parse_model(TaxFile, read_yaml(path), path)
    parameters = tax_file.parameters
    issues = []
    for parameter in parameters:
        ordered = sorted(parameter.values, key=lambda v: v.valid_from)
        for earlier, later in pairwise(ordered):
            if earlier.valid_to is None or earlier.valid_to >= later.valid_from:
                issues.append(
                    ContentIssue(
                        display_path(path),
                        f"parameter '{parameter.id}'",
                        "values",
                        f"periods overlap ({earlier.valid_from} and {later.valid_from})",
                    )
                )
    if issues:
        raise ContentError(issues)
    return {p.id: p for p in parameters}, list(tax_file.benefit_items)


def load_crosswalks(path: Path, measure_ids: set[str]) -> CrosswalkFile:
    """Read and check ``crosswalks.yaml``; every problem names the file, the area or KPI and the field."""
    crosswalks = parse_model(CrosswalkFile, read_yaml(path), path)
    name = display_path(path)
    issues: list[ContentIssue] = []
    for where, covers in _all_covers(crosswalks):
        for field_name in ("measures", "except_measures"):
            for measure_id in getattr(covers, field_name):
                if measure_id not in measure_ids:
                    issues.append(ContentIssue(name, where, field_name, f"unknown measure '{measure_id}'"))
    if issues:
        raise ContentError(issues)
    return crosswalks


def _all_covers(crosswalks: CrosswalkFile) -> list[tuple[str, Covers]]:
    found: list[tuple[str, Covers]] = []
    for scheme_id, scheme in (
        ("family_audit", crosswalks.family_audit),
        ("berufundfamilie", crosswalks.berufundfamilie),
        ("welfare_index_pmi", crosswalks.welfare_index_pmi),
    ):
        found += [(f"{scheme_id} > area '{area.id}'", area) for area in scheme.areas]
    found += [(f"uni_pdr_125 > KPI '{kpi.id}'", kpi) for kpi in crosswalks.uni_pdr_125.kpis]
    return found


def check_declared_ids(
    registry: QuestionnaireRegistry, catalogue: Catalogue, *, catalogue_dir: Path, questionnaires_dir: Path
) -> list[ContentIssue]:
    """Every id the code relies on (:mod:`workbench.content_ids`) exists in this content.

    A missing one is named with its kind and the feature that stops working without it: a renamed id
    otherwise loads fine and silently switches the feature off.
    """
    files = {
        "measure": MEASURES_FILE,
        "indicator": INDICATORS_FILE,
        "legal reference": LEGAL_FILE,
        "tax parameter": TAX_FILE,
    }
    known: dict[str, Mapping[str, object]] = {
        "measure": catalogue.measures,
        "indicator": catalogue.indicators,
        "legal reference": catalogue.legal,
        "tax parameter": catalogue.tax,
    }
    issues: list[ContentIssue] = []
    for declared in declared_ids():
        if declared.kind == "questionnaire":
            if declared.id not in registry.by_ref:
                issues.append(_missing(display_path(questionnaires_dir), declared))
            continue
        if declared.kind in files:
            if declared.id not in known[declared.kind]:
                issues.append(_missing(display_path(catalogue_dir / files[declared.kind]), declared))
            continue
        for ref in declared.questionnaires:
            loaded = registry.by_ref.get(ref)
            if loaded is None:
                continue  # the questionnaire itself is reported missing
            questions = loaded.definition.question_map()
            if declared.kind == "feasibility dimension":
                present = any(d.id == declared.id and d.kind == "feasibility" for d in loaded.dimensions)
            elif declared.kind == "question":
                present = declared.id in questions
            else:
                question = questions.get(declared.question)
                if question is None:
                    continue  # the question is reported missing
                present = any(o.value == declared.id for o in question.options or [])
            if not present:
                issues.append(_missing(display_path(loaded.path), declared, ref))
    return issues


def _missing(file: str, declared: DeclaredId, ref: str = "") -> ContentIssue:
    where = f" from {ref}" if ref else ""
    return ContentIssue(
        file,
        declared.describe(),
        "",
        f"missing{where}, and the code relies on it: {declared.feature} (declared in workbench/content_ids.py)",
    )


def _unique(items: list[Item], path: Path, label: str, issues: list[ContentIssue]) -> dict[str, Item]:
    found: dict[str, Item] = {}
    for item in items:
        if item.id in found:
            issues.append(ContentIssue(display_path(path), f"{label} '{item.id}'", "id", "duplicate id"))
        found[item.id] = item
    return found


def _dimension_ids(registry: QuestionnaireRegistry, kind: str) -> set[str]:
    return {d.id for q in registry.by_ref.values() for d in q.dimensions if d.kind == kind}


def _all_questions(registry: QuestionnaireRegistry) -> dict[str, Question]:
    return {q.id: q for loaded in registry.by_ref.values() for q in loaded.definition.questions}


def check_measures(
    measures: Iterable[Measure],
    name: str,
    indicators: dict[str, Indicator],
    legal: dict[str, LegalReference],
    registry: QuestionnaireRegistry,
) -> list[ContentIssue]:
    needs = _dimension_ids(registry, "need")
    feasibility = _dimension_ids(registry, "feasibility")
    questions = _all_questions(registry)
    issues: list[ContentIssue] = []
    for measure in measures:
        where = f"measure '{measure.id}'"

        def add(field: str, message: str, where: str = where) -> None:
            issues.append(ContentIssue(name, where, field, message))

        for need in measure.needs:
            if need not in needs:
                add("needs", f"unknown need dimension '{need}' (known: {', '.join(sorted(needs))})")
        for indicator in measure.indicators:
            if indicator not in indicators:
                add("indicators", f"unknown indicator '{indicator}'")
        for ref in measure.legal_refs:
            if ref not in legal:
                add("legal_refs", f"unknown legal reference '{ref}'")
        for index, req in enumerate(measure.requires, start=1):
            if req.feasibility is not None and req.feasibility not in feasibility:
                add(f"requires.{index}.feasibility", f"unknown feasibility dimension '{req.feasibility}'")
            if req.answer is not None:
                for message in _condition_problems(req.answer, questions):
                    add(f"requires.{index}.answer", message)
        if measure.in_place_if is not None:
            for message in _condition_problems(measure.in_place_if, questions):
                add("in_place_if", message)
    return issues


def check_contexts(
    contexts: ContextFile | None,
    name: str,
    measures: Iterable[Measure],
    measures_name: str,
    registry: QuestionnaireRegistry,
) -> list[ContentIssue]:
    """Contexts test real questions and prime real needs; measures name real goals, contexts and routes."""
    needs = _dimension_ids(registry, "need")
    questions = _all_questions(registry)
    issues: list[ContentIssue] = []
    known_contexts = {c.id for c in contexts.contexts} if contexts else set()
    goals: set[str] = set()
    if contexts is not None:
        goal_questions = [
            q
            for loaded in registry.by_ref.values()
            for q in loaded.definition.questions
            if q.id == contexts.goals_question
        ]
        if not goal_questions or any(q.type != QuestionType.MULTI_CHOICE for q in goal_questions):
            issues.append(
                ContentIssue(name, "", "goals_question", f"'{contexts.goals_question}' is not a multi_choice question")
            )
        goals = {o.value for q in goal_questions for o in q.options or []}
        for index, qid in enumerate(contexts.remote_work.questions, start=1):
            if qid not in questions or questions[qid].type not in NUMERIC_TYPES:
                issues.append(
                    ContentIssue(name, "remote_work", f"questions.{index}", f"'{qid}' is not a numeric question")
                )
        if contexts.remote_work.known_if is not None:
            for message in _condition_problems(contexts.remote_work.known_if, questions):
                issues.append(ContentIssue(name, "remote_work", "known_if", message))
        seen: set[str] = set()
        for context in contexts.contexts:
            where = f"context '{context.id}'"
            if context.id in seen:
                issues.append(ContentIssue(name, where, "id", "duplicate id"))
            seen.add(context.id)
            if context.when is not None:
                for message in _condition_problems(context.when, questions):
                    issues.append(ContentIssue(name, where, "when", message))
            if context.share is not None:
                for qid in (context.share.question, context.share.per):
                    if qid not in questions or questions[qid].type != QuestionType.NUMBER:
                        issues.append(ContentIssue(name, where, "share", f"'{qid}' is not a number question"))
            for need in context.needs:
                if need not in needs:
                    issues.append(ContentIssue(name, where, "needs", f"unknown need dimension '{need}'"))
    for measure in measures:
        where = f"measure '{measure.id}'"
        for goal in measure.goals:
            if goal not in goals:
                known = ", ".join(sorted(goals)) or "no contexts.yaml"
                issues.append(ContentIssue(measures_name, where, "goals", f"unknown goal '{goal}' (known: {known})"))
        for context_id in measure.contexts:
            if context_id not in known_contexts:
                issues.append(ContentIssue(measures_name, where, "contexts", f"unknown context '{context_id}'"))
        for index, req in enumerate(measure.requires, start=1):
            for route in req.waived_by:
                if route != TERRITORIAL_ROUTE and route not in known_contexts:
                    issues.append(
                        ContentIssue(
                            measures_name,
                            where,
                            f"requires.{index}.waived_by",
                            f"unknown route '{route}' (a context id or '{TERRITORIAL_ROUTE}')",
                        )
                    )
    return issues


def _condition_problems(show_if: ShowIf, questions: dict[str, Question]) -> list[str]:
    return [m for cond in conditions_in(show_if) if (m := check_condition(cond, questions, questions))]


def check_ambiti(
    ambiti: list[tuple[Ambito, str]], measures: dict[str, Measure], registry: QuestionnaireRegistry
) -> list[ContentIssue]:
    needs = _dimension_ids(registry, "need")
    issues: list[ContentIssue] = []
    owner: dict[str, str] = {}
    for ambito, name in ambiti:
        for comune in ambito.comuni:
            key = normalise_place(comune)
            if key in owner and owner[key] != ambito.id:
                issues.append(
                    ContentIssue(name, f"ambito '{ambito.id}'", "comuni", f"{comune} is also in '{owner[key]}'")
                )
            owner[key] = ambito.id
        for service in ambito.services:
            where = f"service '{service.id}'"
            for need in service.needs:
                if need not in needs:
                    issues.append(ContentIssue(name, where, "needs", f"unknown need dimension '{need}'"))
            for measure in service.measures:
                if measure not in measures:
                    issues.append(ContentIssue(name, where, "measures", f"unknown measure '{measure}'"))
    return issues


def check_indicators(indicators: Iterable[Indicator], name: str, registry: QuestionnaireRegistry) -> list[ContentIssue]:
    questions = _all_questions(registry)
    issues: list[ContentIssue] = []
    for indicator in indicators:
        where = f"indicator '{indicator.id}'"
        for source in indicator.baseline_from:
            for qid in (source.question, source.per):
                if qid is not None and (qid not in questions or questions[qid].type not in NUMERIC_TYPES):
                    issues.append(ContentIssue(name, where, "baseline_from", f"'{qid}' is not a numeric question"))
            share = source.per_share
            if share is not None and (share not in questions or questions[share].type != QuestionType.PERCENTAGE):
                issues.append(ContentIssue(name, where, "baseline_from", f"'{share}' is not a percentage question"))
        survey = indicator.survey_baseline
        if survey is not None and survey.question is not None:
            question = questions.get(survey.question)
            wanted = QuestionType.SCALE if survey.scale_end else QuestionType.MULTI_CHOICE
            if question is None or question.type != wanted:
                issues.append(
                    ContentIssue(
                        name, where, "survey_baseline", f"'{survey.question}' is not a {wanted.value} question"
                    )
                )
    return issues


def check_defaults(defaults: PlanDefaults, name: str, registry: QuestionnaireRegistry) -> list[ContentIssue]:
    needs = _dimension_ids(registry, "need")
    questions = _all_questions(registry)
    issues: list[ContentIssue] = []
    for need, group in defaults.target_groups.items():
        if need not in needs:
            issues.append(ContentIssue(name, f"target group '{need}'", "", "unknown need dimension"))
        for qid in group.questions:
            if qid not in questions or questions[qid].type != QuestionType.NUMBER:
                issues.append(
                    ContentIssue(name, f"target group '{need}'", "questions", f"'{qid}' is not a number question")
                )
        share = group.share_question
        if share is not None and (share not in questions or questions[share].type != QuestionType.PERCENTAGE):
            issues.append(
                ContentIssue(
                    name, f"target group '{need}'", "share_question", f"'{share}' is not a percentage question"
                )
            )
    missing_pa = [a for a in MACRO_AREAS if defaults.owners_pa and a not in defaults.owners_pa]
    if missing_pa:
        issues.append(ContentIssue(name, "", "owners_pa", f"no owner for public bodies for: {', '.join(missing_pa)}"))
    missing: list[MacroArea] = [a for a in MACRO_AREAS if a not in defaults.owners]
    if missing:
        issues.append(ContentIssue(name, "", "owners", f"no default owner for: {', '.join(missing)}"))
    for qid in defaults.profile_facts:
        if qid not in questions:
            issues.append(ContentIssue(name, "", "profile_facts", f"unknown question '{qid}'"))
    named = {
        "duration_question": defaults.duration_question,
        "welfare_package_question": defaults.welfare_package_question,
    } | {f"budget_questions[{i}]": qid for i, qid in enumerate(defaults.budget_questions)}
    for name_field, named_id in named.items():
        if named_id is not None and named_id not in questions:
            issues.append(ContentIssue(name, "", name_field, f"unknown question '{named_id}'"))
    if defaults.duration_question in questions:
        options = {o.value for o in questions[defaults.duration_question].options or []}
        unknown = sorted(set(defaults.durations) - options)
        if unknown:
            issues.append(ContentIssue(name, "", "durations", f"unknown answers: {', '.join(unknown)}"))
    return issues
