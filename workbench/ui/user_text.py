"""Text a user typed, shown as text: never as markdown, HTML, a link or a remote image.

Streamlit reads markdown in st.markdown, st.caption, st.title, st.subheader, alerts and widget labels. An
organisation name like ``![x](http://evil/beacon)`` would load that address in every colleague's browser (a
tracking beacon), ``[Accedi](http://phish)`` would be a link, ``:red[...]`` a colour. Every user-provided value
that reaches one of those goes through :func:`as_text` first; tables (st.dataframe, st.data_editor) show cells as
text already, and what they export goes through :func:`cell_text`.
"""

from __future__ import annotations

import re
import string

from workbench.plain_text import FORMULA_START

_MARKUP = re.compile("([" + re.escape(string.punctuation) + "])")
"""CommonMark lets a backslash escape any ASCII punctuation and shows it as the plain character; escaping all
of it also disarms Streamlit's own additions (``:red[..]``, ``:material/x:``, ``$latex$``) and raw HTML."""


def as_text(value: object) -> str:
    """``value`` as markdown that shows exactly its characters."""
    return _MARKUP.sub(r"\\\1", str(value))


def cell_text(value: object) -> object:
    """A cell of user text made safe for a spreadsheet: text that would start a formula gets a leading
    apostrophe (shown, and never evaluated); numbers and everything else are returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
