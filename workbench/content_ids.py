"""The content ids the code relies on, declared once, each with the feature that needs it.

Content is data consultants edit, and the code reads nearly all of it without knowing any id. These few ids
it does name: rename one in the YAML and everything still loads, while the feature quietly stops working (a
budget never known, a PIAO chapter without its laws). ``workbench validate`` checks that each declared id
exists (:func:`workbench.catalogue.check_declared_ids`). Code uses the constants below, never the literals.

This module declares and imports nothing else of the workbench, so any module can import it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal[
    "questionnaire",
    "feasibility dimension",
    "question",
    "answer option",
    "measure",
    "indicator",
    "legal reference",
    "tax parameter",
]


@dataclass(frozen=True)
class DeclaredId:
    kind: Kind
    id: str
    feature: str
    """What stops working when the id is missing."""
    questionnaires: tuple[str, ...] = ()
    """For a dimension, question or answer option: the questionnaires (``id@version``) that must have it."""
    question: str = ""
    """For an answer option: the question it is an option of."""

    def describe(self) -> str:
        if self.kind == "answer option":
            return f"answer option '{self.id}' of question '{self.question}'"
        return f"{self.kind} '{self.id}'"


_DECLARED: list[DeclaredId] = []


def _declare(
    kind: Kind, content_id: str, feature: str, *, questionnaires: tuple[str, ...] = (), question: str = ""
) -> str:
    _DECLARED.append(DeclaredId(kind, content_id, feature, questionnaires, question))
    return content_id


def declared_ids() -> tuple[DeclaredId, ...]:
    """Every declared id, in the order of this module."""
    return tuple(_DECLARED)


# ---- questionnaires ----------------------------------------------------------------------------------------

FIRM_QUESTIONNAIRE = _declare("questionnaire", "azienda@1", "a new company engagement starts with it (app: Incarichi)")
PA_QUESTIONNAIRE = _declare("questionnaire", "pa@1", "a new public body engagement starts with it (app: Incarichi)")
SURVEY_QUESTIONNAIRE = _declare(
    "questionnaire", "dipendenti@1", "the employee survey (`workbench survey`, the app's Indagine page) uses it"
)
_INTAKE = (FIRM_QUESTIONNAIRE, PA_QUESTIONNAIRE)

# ---- scoring dimensions ------------------------------------------------------------------------------------

BUDGET_CAPACITY = _declare(
    "feasibility dimension",
    "budget_capacity",
    "recommendations rank dearer measures lower when the budget is small; without it every budget is unknown",
    questionnaires=_INTAKE,
)

# ---- questions and their answers ---------------------------------------------------------------------------

UNION_QUESTION = _declare(
    "question",
    "rsu_presente",
    "the plan's participation section involves the RSU only when this answer says there is one",
    questionnaires=(FIRM_QUESTIONNAIRE,),
)
CUG_QUESTION = _declare(
    "question",
    "cug_attivo",
    "the plan's participation section involves the CUG only when this answer says it is active",
    questionnaires=(PA_QUESTIONNAIRE,),
)
WELFARE_CREDIT_QUESTION = _declare(
    "question",
    "credito_welfare_annuo",
    "the welfare calculator reads the yearly CCNL welfare credit per employee from it",
    questionnaires=(FIRM_QUESTIONNAIRE,),
)
FLEXIBLE_BENEFIT_QUESTION = _declare(
    "question",
    "flexible_benefit_ccnl",
    "the welfare calculator applies the contract's flexible benefit when this answer says it applies",
    questionnaires=(FIRM_QUESTIONNAIRE,),
)
CCNL_QUESTION = _declare(
    "question",
    "ccnl",
    "the welfare calculator knows the contract's typical flexible benefit from it",
    questionnaires=(FIRM_QUESTIONNAIRE,),
)
METALWORKERS_CCNL = _declare(
    "answer option",
    "metalmeccanico",
    "the welfare calculator gives metalworkers the contract's flexible benefit amount",
    questionnaires=(FIRM_QUESTIONNAIRE,),
    question=CCNL_QUESTION,
)
BONUS_AMOUNT_QUESTION = _declare(
    "question",
    "importo_medio_pdr",
    "the welfare calculator reads the average productivity bonus per employee from it",
    questionnaires=(FIRM_QUESTIONNAIRE,),
)
BONUS_CONVERSION_QUESTION = _declare(
    "question",
    "conversione_pdr_welfare",
    "the welfare calculator converts part of the bonus into welfare only when this answer says so",
    questionnaires=(FIRM_QUESTIONNAIRE,),
)
BODY_TYPE_QUESTION = _declare(
    "question",
    "tipo_ente",
    "the PIAO chapter leaves out the Funzioni Locali contracts for bodies under another one",
    questionnaires=(PA_QUESTIONNAIRE,),
)
HEALTH_BODY = _declare(
    "answer option",
    "asst_ats",
    "the PIAO chapter does not cite the Funzioni Locali contracts for a health authority",
    questionnaires=(PA_QUESTIONNAIRE,),
    question=BODY_TYPE_QUESTION,
)
SCHOOL_BODY = _declare(
    "answer option",
    "scuola",
    "the PIAO chapter does not cite the Funzioni Locali contracts for a school",
    questionnaires=(PA_QUESTIONNAIRE,),
    question=BODY_TYPE_QUESTION,
)
OTHER_SECTORS = frozenset({HEALTH_BODY, SCHOOL_BODY})
"""``tipo_ente`` answers of bodies under another contract (Sanità, Istruzione e ricerca)."""
ACTIVITY_MAPPING_QUESTION = _declare(
    "question",
    "mappatura_attivita",
    "the PIAO chapter states whether the remotable activities have been mapped",
    questionnaires=(PA_QUESTIONNAIRE,),
)
REMOTABLE_SHARE_QUESTION = _declare(
    "question",
    "quota_attivita_remotizzabili",
    "the PIAO chapter states the share of working time on remotable activities",
    questionnaires=(PA_QUESTIONNAIRE,),
)
MAPPING_QUESTIONS = (ACTIVITY_MAPPING_QUESTION, REMOTABLE_SHARE_QUESTION)

# ---- catalogue: measures, indicators, legal references -----------------------------------------------------

PIAO_SUBSECTION_MEASURE = _declare(
    "measure",
    "sezione_piao_lavoro_agile",
    "the PIAO chapter's core indicator set is this measure's indicators",
)
PLAN_COMPLETION_INDICATOR = _declare(
    "indicator",
    "avanzamento_piano",
    "every plan tracks its own completion with it (baseline 0 at the start)",
)
LAVORO_AGILE_LAW = _declare(
    "legal reference",
    "l81_2017_lavoro_agile",
    "a measure citing it counts as a lavoro-agile measure in the PIAO chapter, which also cites it",
)
_PIAO = "the PIAO chapter cites it in its legal frame"
PIAO_DECREE = _declare("legal reference", "dm132_2022_piao", _PIAO)
PIAO_ABSORBED_PLANS = _declare("legal reference", "dpr81_2022", _PIAO)
PIAO_LAW = _declare("legal reference", "dl80_2021_piao", _PIAO)
POLA_GUIDELINES = _declare("legal reference", "dfp_linee_guida_pola_2020", _PIAO)
CCNL_FUNZIONI_LOCALI_2019 = _declare(
    "legal reference", "ccnl_funzioni_locali_2019_2021", _PIAO + " (for bodies under the Funzioni Locali contract)"
)
CCNL_FUNZIONI_LOCALI_2022 = _declare(
    "legal reference", "ccnl_funzioni_locali_2022_2024", _PIAO + " (for bodies under the Funzioni Locali contract)"
)
FRAIL_WORKERS_DIRECTIVE = _declare("legal reference", "direttiva_dfp_29_12_2023_fragili", _PIAO)
PIAO_REFERENCES = (
    PIAO_DECREE,
    PIAO_ABSORBED_PLANS,
    PIAO_LAW,
    POLA_GUIDELINES,
    LAVORO_AGILE_LAW,
    CCNL_FUNZIONI_LOCALI_2019,
    CCNL_FUNZIONI_LOCALI_2022,
    FRAIL_WORKERS_DIRECTIVE,
)
"""The frame every lavoro-agile sub-section cites, in this order."""
FUNZIONI_LOCALI = frozenset({CCNL_FUNZIONI_LOCALI_2019, CCNL_FUNZIONI_LOCALI_2022})

# ---- catalogue: tax parameters (tax_parameters.yaml) -------------------------------------------------------

PDR_SUBSTITUTE_RATE = _declare(
    "tax parameter", "pdr_substitute_rate", "the bonus comparison taxes the bonus within the ceiling at this rate"
)
PDR_CEILING = _declare("tax parameter", "pdr_ceiling", "the bonus comparison applies the substitute tax up to it")
FRINGE_CEILING = _declare("tax parameter", "fringe_ceiling", "fringe benefits are tax-free up to it")
FRINGE_CEILING_CHILDREN = _declare(
    "tax parameter", "fringe_ceiling_children", "fringe benefits of employees with children are tax-free up to it"
)
WORKER_CONTRIBUTION_RATE = _declare(
    "tax parameter", "worker_contribution_rate", "the bonus comparison takes the worker's contributions at this rate"
)
IRPEF_MARGINAL_ASSUMED = _declare(
    "tax parameter", "irpef_marginal_assumed", "the bonus comparison taxes the bonus above the ceiling at this rate"
)
EMPLOYER_CONTRIBUTION_RATE = _declare(
    "tax parameter", "employer_contribution_rate", "the bonus comparison shows the employer's saving at this rate"
)
METALWORKERS_FLEXIBLE_BENEFIT = _declare(
    "tax parameter",
    "ccnl_flexible_benefit_metalmeccanico",
    "the welfare calculator's yearly credit for metalworkers when the flexible benefit applies",
)
CORE_TAX_PARAMETERS = (PDR_SUBSTITUTE_RATE, PDR_CEILING, FRINGE_CEILING, FRINGE_CEILING_CHILDREN)
"""Asked for every welfare budget: a year they do not cover is an error even when nothing else needs them."""

# ---- incentives calculator (workbench/incentives.py, catalogue/incentive_rules.yaml) -----------------------

LARGE_FAMILY_PARENTS_QUESTION = _declare(
    "question",
    "genitori_tre_figli",
    "the incentives calculator counts the parents who may get the part-time relief of L. 199/2025 c.214-218",
    questionnaires=_INTAKE,
)
SHIFT_WORK_QUESTION = _declare(
    "question",
    "lavoro_turni",
    "the incentives calculator shows the 15% tax on shift allowances only when this answer says there are shifts",
    questionnaires=_INTAKE,
)
SHIFT_SHARE_QUESTION = _declare(
    "question",
    "quota_turnisti",
    "the incentives calculator counts the shift workers who may get the 15% tax on shift allowances from it",
    questionnaires=_INTAKE,
)
BONUS_QUESTION = _declare(
    "question",
    "premio_risultato",
    "the incentives calculator shows the 1% productivity-bonus tax only when this answer says there is a bonus",
    questionnaires=(FIRM_QUESTIONNAIRE,),
)
