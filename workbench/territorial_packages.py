"""Spending the welfare budget on the district's service packages, in proportion to the scored needs.

The Legnanese protocol lets workers spend their collective-agreement welfare on So.Le.
packages; the firm attaches to its convention a list of packages, quantities and cost.
This module drafts that list: only packages payable with welfare and with a price take
part, each weighs as much as the strongest need it answers (needs scored low are left
out), the earmarked money is shared by weight and turned into whole units, and what
is left is handed out one unit at a time, strongest need first. The consultant then
edits quantities; :func:`priced_lines` recomputes costs and totals from them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal

from workbench.formatting import fmt_number
from workbench.i18n import t
from workbench.models.catalogue import Ambito, Price, TerritorialService
from workbench.models.scoring import DimensionScore
from workbench.models.text import Lang
from workbench.models.welfare import PackageAllocation, PackageLine


def _money(value: Decimal) -> float:
    return float(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _strongest_need(service: TerritorialService, needs: Mapping[str, DimensionScore]) -> DimensionScore | None:
    """The service's highest need with enough evidence: a need 'non rilevato' buys nothing on a guess."""
    scored = [needs[n] for n in service.needs if n in needs and needs[n].scored]
    return max(scored, key=lambda d: d.score, default=None)


def allocate_packages(
    *, amount: float, ambito: Ambito, needs: Mapping[str, DimensionScore], lang: Lang = "it"
) -> PackageAllocation:
    """Share ``amount`` euros among the district's priced welfare packages, following the needs."""
    budget = Decimal(str(max(0.0, amount)))
    candidates: list[tuple[TerritorialService, Price, DimensionScore]] = []
    for service in ambito.services:
        if not service.welfare_eligible or service.price is None or service.price.amount <= 0:
            continue
        need = _strongest_need(service, needs)
        if need is not None and need.level != "low":  # the same bands the profile shows
            candidates.append((service, service.price, need))
    candidates.sort(key=lambda c: (-c[2].score, c[0].id))
    units = _units(budget, [(Decimal(str(price.amount)), Decimal(str(need.score))) for _, price, need in candidates])
    lines = [
        PackageLine(
            service_id=service.id,
            name=service.name.get(lang),
            provider=service.provider,
            unit=price.unit.get(lang),
            unit_price=price.amount,
            price_verified=price.verified,
            quantity=quantity,
            cost=_money(quantity * Decimal(str(price.amount))),
            need=f"{need.label} {fmt_number(need.score, lang, 0)}/100",
            tax_route=service.tax_route or "",
        )
        for (service, price, need), quantity in zip(candidates, units, strict=True)
    ]
    notes: list[str] = []
    if not candidates:
        notes.append(t("pkg_no_candidates", lang, ambito=ambito.name))
    elif budget <= 0:
        notes.append(t("pkg_no_budget", lang))
    if any(not line.price_verified for line in lines):
        notes.append(t("pkg_prices_unverified", lang))
    empty = PackageAllocation(
        ambito=ambito.name,
        lead_body=ambito.lead_body,
        earmarked=_money(budget),
        allocated=0,
        unallocated=_money(budget),
        lines=[],
        notes=notes,
    )
    return _with_lines(empty, lines)


def _units(budget: Decimal, priced: Sequence[tuple[Decimal, Decimal]]) -> list[int]:
    """Whole units per (price, weight): shares by weight, then one more unit each while money lasts."""
    weights = sum((weight for _, weight in priced), Decimal(0))
    if budget <= 0 or weights <= 0:
        return [0] * len(priced)
    units = [int(budget * weight / weights // price) for price, weight in priced]
    remaining = budget - sum((n * price for n, (price, _) in zip(units, priced, strict=True)), Decimal(0))
    placed = True
    while placed:
        placed = False
        for index, (price, _) in enumerate(priced):
            if price <= remaining:
                units[index] += 1
                remaining -= price
                placed = True
    return units


def priced_lines(allocation: PackageAllocation, quantities: Mapping[str, int]) -> PackageAllocation:
    """The same allocation with the consultant's quantities: costs and totals recomputed, never typed."""
    lines = []
    for line in allocation.lines:
        quantity = max(0, int(quantities.get(line.service_id, line.quantity)))
        lines.append(
            line.model_copy(update={"quantity": quantity, "cost": _money(quantity * Decimal(str(line.unit_price)))})
        )
    return _with_lines(allocation, lines)


def _with_lines(allocation: PackageAllocation, lines: Sequence[PackageLine]) -> PackageAllocation:
    allocated = sum((Decimal(str(line.cost)) for line in lines), Decimal(0))
    return allocation.model_copy(
        update={
            "lines": list(lines),
            "allocated": _money(allocated),
            "unallocated": _money(Decimal(str(allocation.earmarked)) - allocated),
        }
    )
