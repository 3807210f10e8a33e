"""Approximate answers typed as text: "tra 10 e 20", "meno di 50", "circa 100", "in maggioranza", "presenti".

The one reader of what a consultant types when the figure is not known exactly (stored forms: see
workbench.models.answers). Italian first, English too; the numbers inside are read by read_number, so
"tra 1.200 e 1.500" is Italian thousands and "tra 1,200 e 1,500" is refused as ambiguous. A text that is
none of these forms gives None, and the caller says "not a number" as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

from workbench.models.answers import AboutAnswer, AnyApproximation, PresentAnswer, RangeAnswer, ShareAnswer, ShareLevel
from workbench.numbers import read_number

_N = r"(\d[\d.,'\u00a0\u202f]*(?:\s?%|\s?€)?)"  # a number as read_number reads it (no sign: bounds are >= 0)
_ART = r"(?:(?:il|lo|la|i|gli|le|the)\s+|l')?"  # Italian articles: "tra il 10 e il 20%", "sui 100"
_TAIL = r"(?:[\s,;:(]+[^\d]*)?"  # words after the figure or the word: "tra 10 e 20 dipendenti", "molti part-time"
_UNKNOWN = (  # "… but how many is not known": after a bare "sì"/"yes" it makes it mean "present"
    r"[\s,;:(]+(?:ma\s+|but\s+)?(?:non\s+so\s+quant[ie]|non\s+si\s+sa\s+quant[ie]|numero\s+non\s+noto|"
    r"quant[ie]\s+non\s+(?:lo\s+)?so|not\s+sure\s+how\s+many|(?:i\s+)?don'?t\s+know\s+how\s+many|"
    r"number\s+(?:not\s+known|unknown)|unknown\s+number)\)?"
)

_DI = r"d(?:i|ei|egli|el|ella|ello|elle|ell')"  # "meno di 50", "meno del 50%", "più dell'80%"
_A = r"a(?:l|i|gli|lla|lle|ll')?"  # "fino a 50", "intorno al 40%", "fino ai 100"

_APPROX_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern + "$"))
    for kind, pattern in (
        ("between", rf"^(?:tra|fra|da|dai|dal|between|from)\s+{_ART}{_N}\s*(?:e|a|and|to|-)\s+{_ART}{_N}{_TAIL}"),
        ("between", rf"^{_N}\s*(?:-|÷|\s(?:a|to)\s)\s*{_N}{_TAIL}"),
        (
            "just_under",
            rf"^(?:poco\s+meno\s+{_DI}|poco\s+sotto|quasi|just\s+under|almost|nearly|"
            rf"slightly\s+(?:under|less\s+than)|a\s+little\s+under)\s*{_ART}{_N}{_TAIL}",
        ),
        (
            "just_over",
            rf"^(?:poco\s+pi[uù]\s+{_DI}|poco\s+oltre|poco\s+sopra|just\s+over|slightly\s+"
            rf"(?:over|more\s+than)|a\s+little\s+(?:over|more\s+than))\s*{_ART}{_N}{_TAIL}",
        ),
        (
            "under",
            rf"^(?:meno\s+{_DI}|sotto|fino\s+{_A}|al\s+massimo|massimo|max\.?|non\s+pi[uù]\s+{_DI}|"
            rf"inferiore\s+{_A}|under|less\s+than|fewer\s+than|below|up\s+to|at\s+most|no\s+more\s+than|<=?|≤)"
            rf"\s*{_ART}{_N}{_TAIL}",
        ),
        (
            "over",
            rf"^(?:pi[uù]\s+{_DI}|oltre|sopra|almeno|non\s+meno\s+{_DI}|superiore\s+{_A}|over|more\s+than|"
            rf"above|at\s+least|no\s+(?:less|fewer)\s+than|>=?|≥)\s*{_ART}{_N}{_TAIL}",
        ),
        (
            "about",
            rf"^(?:circa|ca\.?|all'incirca|intorno\s+{_A}|attorno\s+{_A}|pi[uù]\s+o\s+meno|su(?:i|l|lle|gli)|"
            rf"approssimativamente|about|around|approx\.?|approximately|roughly|some|~|≈)\s*{_ART}{_N}{_TAIL}",
        ),
        ("about", rf"^{_N}\s+(?:circa|ca\.?|o\s+gi[uù]\s+di\s+l[iì]|more\s+or\s+less|or\s+so|approx\.?){_TAIL}"),
    )
)


def _phrases(text: str) -> tuple[str, ...]:
    return tuple(text.split("|"))


SHARE_WORDS: dict[ShareLevel, tuple[str, ...]] = {
    "almost_all": _phrases(
        "quasi tutti|quasi tutte|la quasi totalità|quasi la totalità|quasi totalità|almost all|nearly all|virtually all"
    ),
    "most": _phrases(
        "in maggioranza|la maggioranza|maggioranza|la maggior parte|maggior parte|più della metà|oltre la metà|"
        "in prevalenza|prevalentemente|the majority|majority|mostly|most|more than half"
    ),
    "many": _phrases("molti|molte|tanti|tante|parecchi|parecchie|many|a lot|lots"),
    "some": _phrases("una parte|una minoranza|in minoranza|minoranza|a minority|minority|a part"),
    "few": _phrases("pochissimi|pochissime|pochi|poche|very few|a few|few"),
}
"""Words for a share of the whole, per level (models.answers.SHARE_PERCENT says what each is worth)."""

PRESENT_WORDS = _phrases(
    "presenti|presente|ci sono|c'è|c'e|ce ne sono|alcuni|alcune|qualcuno|qualcuna|qualche|present|"
    "there are some|there are|some"
)
"""Words that say "more than none, how many not known"; a bare "sì"/"yes" only with "non so quanti"."""

_YES = ("sì", "si", "yes")


def _words(phrases: Iterable[str]) -> str:
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))


_SHARE_PATTERNS = tuple(
    (level, re.compile(rf"^(?:{_words(words)})(?![\w']){_TAIL}$")) for level, words in SHARE_WORDS.items()
)
_PRESENT_PATTERN = re.compile(rf"^(?:{_words(PRESENT_WORDS)})(?![\w']){_TAIL}$")
_YES_UNKNOWN = re.compile(rf"^(?:{_words(_YES)})(?![\w']){_UNKNOWN}$")

ApproximateProblem = Literal["reversed", "equal"]

_APPROX_MESSAGES: dict[ApproximateProblem, dict[str, str]] = {
    "reversed": {
        "it": "«{text}»: il primo estremo è più grande del secondo; scrivi «tra {high} e {low}»",
        "en": "'{text}': the first end is larger than the second; write 'between {high} and {low}'",
    },
    "equal": {
        "it": "«{text}»: i due estremi coincidono; scrivi solo il numero ({low})",
        "en": "'{text}': both ends are the same; write the number alone ({low})",
    },
}


class ApproximateError(ValueError):
    """A text that reads as a range but cannot be one (ends reversed or equal); ``message(lang)`` says why."""

    def __init__(self, problem: ApproximateProblem, text: str, low: str, high: str) -> None:
        self.problem = problem
        self.text = text
        self.details = {"low": low, "high": high}
        super().__init__(self.message("it"))

    def message(self, lang: str = "it") -> str:
        template = _APPROX_MESSAGES[self.problem]
        return (template.get(lang) or template["it"]).format(text=self.text, **self.details)


def read_approximate(text: str) -> AnyApproximation | None:
    """The approximate answer ``text`` states, or None if it states none (then it may be a plain number).

    - ranges: "tra 10 e 20", "fra il 10 e il 20%", "da 10 a 20", "10-20", "between 10 and 20", "10 to 20";
    - one end: "meno di 50", "fino a 50", "<50", "under 50" (high end only: read as 'up to 50');
      "più di 100", "oltre 100", "almeno 100", ">100", "over 100" (low end only);
      "poco meno di 100", "quasi 100" (within a tenth below: 90-100), "poco più di 50" (50-55);
    - "circa 100", "ca. 100", "sui 100", "100 circa", "about 100", "~100";
    - a share in words: "in maggioranza (donne)", "molti (part-time)", "una parte", "pochi", "quasi tutti",
      "most", "many", "a minority", "few", "almost all" (SHARE_WORDS);
    - present, number unknown: "presenti", "ci sono", "alcuni", "sì ma non so quanti", "some" (PRESENT_WORDS).

    Words may follow ("tra 10 e 20 dipendenti", "in maggioranza donne"), another figure may not. Raises
    NumberError for a number inside that read_number refuses, ApproximateError for a range backwards or empty.
    """
    said = re.sub(r"\s+", " ", text.strip().lower().replace("’", "'").replace("–", "-").replace("—", "-"))
    said = said.rstrip(" .!;")
    if not said:
        return None
    for kind, pattern in _APPROX_PATTERNS:
        match = pattern.match(said)
        if match is None:
            continue
        numbers = [read_number(group) for group in match.groups()]
        if kind == "between":
            low, high = numbers
            if low >= high:
                shown = (f"{low:g}", f"{high:g}")
                raise ApproximateError("equal" if low == high else "reversed", text.strip(), *shown)
            return RangeAnswer(low=_tidy(low), high=_tidy(high))
        (number,) = numbers
        step = _tenth(number)
        if kind == "just_under":
            return RangeAnswer(low=_tidy(max(0.0, number - step)), high=_tidy(number))
        if kind == "just_over":
            return RangeAnswer(low=_tidy(number), high=_tidy(number + step))
        if kind == "under":
            return RangeAnswer(high=_tidy(number))
        if kind == "over":
            return RangeAnswer(low=_tidy(number))
        return AboutAnswer(value=_tidy(number))
    for level, pattern in _SHARE_PATTERNS:
        if pattern.match(said):
            return ShareAnswer(level=level)
    if _PRESENT_PATTERN.match(said) or _YES_UNKNOWN.match(said):
        return PresentAnswer()
    return None


def _tenth(number: float) -> float:
    """'poco meno di 100' is 90-100: a tenth of the figure, a whole one (at least 1) for a whole figure."""
    return max(1.0, float(round(number / 10))) if float(number).is_integer() else number / 10


def _tidy(number: float) -> int | float:
    return int(number) if float(number).is_integer() else number
