"""Wording fixes applied to a document's finished texts: singular counts, and a public body's own words.

They live here, apart from the documents, because every document needs the first and the plan and the
PIAO chapter the second. Both are patches over texts written elsewhere (interface strings with a count,
catalogue texts written for firms); the content owners should give such texts their own variants.
"""

from __future__ import annotations

import re
from typing import Any

SINGULAR: dict[str, str] = {
    # Italian units and counted nouns the documents print after a number
    "sedi": "sede",
    "dipendenti": "dipendente",
    "persone": "persona",
    "richieste": "richiesta",
    "accordi": "accordo",
    "minuti": "minuto",
    "giorni": "giorno",
    "mesi": "mese",
    "anni": "anno",
    "ore": "ora",
    "azioni": "azione",
    "risposte": "risposta",
    "figli": "figlio",
    "indicatori": "indicatore",
    # English
    "employees": "employee",
    "sites": "site",
    "people": "person",
    "requests": "request",
    "agreements": "agreement",
    "minutes": "minute",
    "days": "day",
    "months": "month",
    "years": "year",
    "hours": "hour",
    "actions": "action",
    "answers": "answer",
    "indicators": "indicator",
}
_ONE_THING = re.compile(r"(?<![\d.,])1 (" + "|".join(SINGULAR) + r")\b")


def agree_counts(value: Any) -> Any:
    """'1 sedi' -> '1 sede', '1 employees' -> '1 employee': a count of one takes the singular (also inside
    dicts and lists); '0 sedi', '2 sedi' and '1,5 giorni' are left alone."""
    if isinstance(value, str):
        return _ONE_THING.sub(lambda m: "1 " + SINGULAR[m.group(1)], value)
    if isinstance(value, dict):
        return {k: agree_counts(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [agree_counts(v) for v in value]
    return value


_PUBLIC_TERMS: dict[str, tuple[tuple[str, str], ...]] = {
    "it": (
        ("nido aziendale o interaziendale", "nido dell'ente o condiviso con altri enti"),
        ("budget aziendale", "bilancio dell'ente"),
        ("budget aziendali", "bilancio dell'ente"),
        ("contratti nazionali e aziendali", "contratti nazionali e integrativi"),
        ("contratto aziendale", "contratto integrativo"),
        ("contratti aziendali", "contratti integrativi"),
        ("accordo aziendale", "accordo integrativo"),
        ("accordi aziendali", "accordi integrativi"),
        ("welfare aziendale", "welfare per il personale"),
        ("responsabili di reparto", "dirigenti e posizioni organizzative"),
        ("interaziendale", "condiviso con altri enti"),
        ("interaziendali", "condivisi con altri enti"),
        ("aziendale", "dell'ente"),
        ("aziendali", "dell'ente"),
        ("in azienda", "nell'ente"),
        ("l'azienda", "l'ente"),
        ("dell'azienda", "dell'ente"),
        ("all'azienda", "all'ente"),
        ("dall'azienda", "dall'ente"),
        ("nell'azienda", "nell'ente"),
        ("sull'azienda", "sull'ente"),
        ("un'azienda", "un ente"),
        ("le aziende", "gli enti"),
        ("delle aziende", "degli enti"),
        ("alle aziende", "agli enti"),
        ("dalle aziende", "dagli enti"),
        ("nelle aziende", "negli enti"),
        ("aziende", "enti"),
        ("azienda", "ente"),
    ),
    "en": (
        ("company budget", "public budget"),
        ("welfare credit", "supplementary welfare"),
        ("line managers", "managers and unit heads"),
        ("companies", "public bodies"),
        ("company", "public body"),
    ),
}
"""Company wording in catalogue and questionnaire texts, with the public body's term: longer phrases first, so
'accordo aziendale' becomes 'accordo integrativo', not 'accordo dell'ente'."""

_NO_WELFARE_CREDIT = {"it": ("credito welfare", "welfare integrativo")}
"""A public body without a welfare budget has no welfare credit: its supplementary welfare is the contract's."""


def _pattern(term: str) -> re.Pattern[str]:
    """The term in either case of its first letter, with either apostrophe."""
    body = re.escape(term[1:]).replace("'", "['’]")
    return re.compile(rf"(?<![\w'’])[{term[0].lower()}{term[0].upper()}]{body}\b")


_COMPILED = {lang: [(_pattern(term), public) for term, public in terms] for lang, terms in _PUBLIC_TERMS.items()}
_NO_CREDIT = {lang: [(_pattern(term), public)] for lang, (term, public) in _NO_WELFARE_CREDIT.items()}
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|\n)$")


def _public_text(text: str, lang: str, welfare_credit: bool) -> str:
    rules = _COMPILED.get(lang, [])
    if not welfare_credit:
        rules = [*_NO_CREDIT.get(lang, []), *rules]
    for pattern, public in rules:

        def replace(match: re.Match[str], public: str = public) -> str:
            found = match.group(0)
            if found[0].islower():
                return public
            if _SENTENCE_START.search(match.string[: match.start()]):  # a capital that starts a sentence
                return public[0].upper() + public[1:]
            return found  # a capital inside a sentence is a proper name: 'Azienda Speciale Consortile'

        text = pattern.sub(replace, text)
    return text


def public_wording(value: Any, lang: str = "it", *, welfare_credit: bool = True, keep: tuple[str, ...] = ()) -> Any:
    """A public body's document speaks of 'ente': the texts written for a firm are said so, also inside dicts
    and lists (the keys in ``keep`` left as they are: proper names such as the organisation's); with no welfare
    budget, no 'credito welfare' either. A capital inside a sentence is a proper name and stays."""
    if isinstance(value, str):
        return _public_text(value, lang, welfare_credit)
    if isinstance(value, dict):
        return {
            k: v if k in keep else public_wording(v, lang, welfare_credit=welfare_credit, keep=keep)
            for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return [public_wording(v, lang, welfare_credit=welfare_credit, keep=keep) for v in value]
    return value
