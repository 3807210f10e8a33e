"""The consultant's working choices on the measures page, kept with the engagement."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from workbench.models.catalogue import CostBand, MacroArea
from workbench.models.maturity import ActivityRow


class CustomMeasure(BaseModel):
    """A measure the consultant adds by hand (not in the catalogue)."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^custom_[a-z0-9_]+$")
    name: str = Field(min_length=1, max_length=200)
    description: str = Field(default="", max_length=2000)
    macro_area: MacroArea
    needs: dict[str, float] = Field(default_factory=dict)
    cost_band: CostBand = "none"
    budget_eur: float = Field(default=0, ge=0)
    owner: str = Field(default="", max_length=200)


class Workspace(BaseModel):
    model_config = ConfigDict(extra="ignore")

    accepted: list[str] = Field(default_factory=list, description="catalogue measure ids, in the order chosen")
    rejected: dict[str, str] = Field(default_factory=dict, description="measure id -> reason")
    custom: list[CustomMeasure] = Field(default_factory=list)
    activities: list[ActivityRow] = Field(default_factory=list, description="PA activity mapping")
    template_set: str = Field(
        "", description="the template set this engagement's documents use (a sub-folder of WORKBENCH_TEMPLATES_DIR)"
    )
