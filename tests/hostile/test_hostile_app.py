"""Hostile text and uploads against the app's display and reading rules: markdown from users is shown as text,
formula-looking cells are disarmed, the delimiter sniff sees a bounded sample, an unexpected page error shows
an id only, and local mode answers on this computer only."""

from __future__ import annotations

import csv
import logging
import re

import pytest

from tests.app.conftest import app, database  # noqa: F401  # the fixture these AppTest runs use
from workbench.i18n import t
from workbench.survey.reading import SNIFF_CHARS, read_table
from workbench.ui.user_text import as_text, cell_text

MARKUP = [
    "![x](http://evil/beacon)",
    "[Accedi](http://phish.example)",
    "<img src=http://evil/b.png>",
    ":red[allarme] :material/warning:",
    "**grassetto** _corsivo_ `codice` ~~barrato~~",
    "$x^2$ # titolo | a | b |",
    "\\![x](http://evil/beacon)",
]


@pytest.mark.parametrize("text", MARKUP)
def test_user_markdown_is_shown_as_its_own_characters(text: str) -> None:
    escaped = as_text(text)
    assert re.sub(r"\\(.)", r"\1", escaped) == text  # unescaping gives back exactly what was typed
    assert not re.search(r"(?<!\\)[\[\]()<>!*_`:$#|~]", escaped)  # no markup character left active


@pytest.mark.parametrize(
    ("cell", "exported"),
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Rossi S.r.l.", "Rossi S.r.l."),
        (-2.5, -2.5),
    ],
)
def test_formula_looking_cells_are_disarmed_and_others_untouched(cell: object, exported: object) -> None:
    assert cell_text(cell) == exported


def test_the_delimiter_sniff_sees_a_bounded_sample_of_a_hostile_line(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []
    real = csv.Sniffer.sniff

    def spy(self: csv.Sniffer, sample: str, delimiters: str | None = None) -> type[csv.Dialect]:
        seen.append(len(sample))
        return real(self, sample, delimiters)

    monkeypatch.setattr(csv.Sniffer, "sniff", spy)
    hostile = ('"x", ' * 78_000).encode()  # 390 KB, one line
    try:
        read_table("risposte.csv", hostile)
    except Exception as exc:  # refused with a message is as good as read: what matters is the sample
        assert "Traceback" not in str(exc)
    assert seen and max(seen) <= SNIFF_CHARS


@pytest.mark.usefixtures("database")
def test_an_unexpected_page_error_shows_an_id_and_no_traceback(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("/srv/secret/path/app.py exploded")

    monkeypatch.setattr("workbench.store.engagements.list_engagements", broken)
    with caplog.at_level(logging.ERROR, logger="workbench.ui.shell"):
        at = app()
    shown = " ".join(e.value for e in at.error)
    assert not at.exception
    found = re.search(r"\b([0-9a-f]{8})\b", shown)
    assert found and t("ui_unexpected_error", "it", error_id=found.group(1)) in shown
    assert "/srv/secret" not in shown and "RuntimeError" not in shown
    assert any(found.group(1) in r.getMessage() and r.exc_info for r in caplog.records)


@pytest.mark.usefixtures("database")
def test_local_mode_says_so_and_refuses_to_answer_beyond_this_computer(monkeypatch: pytest.MonkeyPatch) -> None:
    at = app()
    assert t("ui_local_banner", "it") in [i.value for i in at.sidebar.info]
    import streamlit

    real = streamlit.get_option
    monkeypatch.setattr(streamlit, "get_option", lambda name: "0.0.0.0" if name == "server.address" else real(name))
    at = app()
    assert t("ui_local_needs_loopback", "it") in [e.value for e in at.error]
