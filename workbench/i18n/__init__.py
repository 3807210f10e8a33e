"""Interface strings in Italian and English, kept as data in ``strings.yaml``.

Missing English falls back to Italian; a missing key shows the key itself, so a
typo is visible rather than fatal.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from workbench.models.text import Lang


@lru_cache(maxsize=1)
def _strings() -> dict[str, dict[str, str]]:
    text = resources.files(__package__).joinpath("strings.yaml").read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the package's own file: libyaml's parser when present
    data: dict[str, dict[str, str]] = yaml.load(text, Loader=loader)
    return data


def t(key: str, lang: Lang = "it", **params: Any) -> str:
    """The string for ``key`` in ``lang``, with ``{name}`` placeholders filled in."""
    entry = _strings().get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry["it"]
    return text.format(**params) if params else text
