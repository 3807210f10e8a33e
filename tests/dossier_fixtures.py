"""Dossiers built from the example organisations, as the CLI builds them from an answers file: for the tests
of each dossier and for the document checks every client document goes through."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from tests.conftest import ROOT
from tests.plan_fixtures import START, TODAY, content, drafted
from workbench.dossiers.kinds import DossierKind, build_dossier
from workbench.dossiers.source import DossierSource
from workbench.export.dossier_docx import render_dossier_docx
from workbench.models.answers import AnswerValue
from workbench.models.dossier import DossierDocument
from workbench.models.engagement import Reading
from workbench.models.text import Lang
from workbench.survey.aggregate import SurveyResult, aggregate_survey
from workbench.survey.importer import import_survey
from workbench.survey.reading import read_table

SURVEY_EXAMPLE = ROOT / "examples" / "survey" / "excel_italiano.csv"


def example_survey(path: Path = SURVEY_EXAMPLE, lang: Lang = "it") -> SurveyResult:
    """An employee-survey export read and aggregated as `workbench survey import` does."""
    registry, _ = content()
    questionnaire = registry.get("dipendenti@1")
    imported = import_survey(read_table(path.name, path.read_bytes()), questionnaire.definition)
    return aggregate_survey(questionnaire, imported.respondents, lang=lang, duplicates=imported.duplicate_rows)


def source_for(
    example: str,
    *,
    lang: Lang = "it",
    told: dict[str, AnswerValue] | None = None,
    survey: SurveyResult | None = None,
    readings: Sequence[Reading] = (),
    saved: bool = False,
    today: dt.date = TODAY,
    organisation_name: str | None = None,
) -> DossierSource:
    """The facts of an example organisation for a dossier; ``saved`` as if the plan were stored as version 2."""
    plan, assessment = drafted(example, lang=lang, told=told, organisation_name=organisation_name)
    _, catalogue = content()
    return DossierSource(
        assessment=assessment,
        catalogue=catalogue,
        plan=plan,
        plan_saved=saved,
        plan_version=2 if saved else None,
        today=today,
        lang=lang,
        survey=survey,
        survey_date=today if survey is not None else None,
        readings=tuple(readings),
    )


def readings_for(source: DossierSource, when: dt.date | None = None) -> list[Reading]:
    """One reading a year after the start for every indicator with a baseline: a plan under way."""
    day = when or dt.date(START.year + 1, START.month, 28)
    return [
        Reading(indicator=i.id, date=day, value=(i.baseline or 0) + 1)
        for i in source.plan.indicators
        if i.baseline is not None
    ]


def dossier(kind: DossierKind, source: DossierSource) -> DossierDocument:
    return build_dossier(kind, source)


def dossier_docx(kind: DossierKind, source: DossierSource) -> bytes:
    data, _ = render_dossier_docx(kind, source)
    return data
