"""Store errors carry a code and its values; the CLI says them in Italian or English, naming the thing.

The store modules hold no sentence for a person: the words are in strings.yaml under store_error_<code>.
"""

from __future__ import annotations

import ast
import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path

import click
import pytest
import yaml
from click.testing import CliRunner, Result

from tests.conftest import EXAMPLES, ROOT
from workbench.cli import main
from workbench.cli.common import LANG_OPTION, store_engine, store_failure, with_engagement
from workbench.models.text import Lang
from workbench.store.access import AccessDenied, CreateDenied, RoleChangeDenied
from workbench.store.engagements import ConflictError, InvalidStatus, NotFoundError
from workbench.store.engine import StoreError
from workbench.store.errors import KEY_PREFIX, CodedError, StorageUnavailable
from workbench.store.transfer import ImportRefused

STORE = ROOT / "workbench" / "store"
STRINGS = yaml.safe_load((ROOT / "workbench" / "i18n" / "strings.yaml").read_text(encoding="utf-8"))
WHEN = dt.datetime(2027, 3, 1, 9, 30, tzinfo=dt.UTC)

# each coded error, and the values its message must name (in both languages)
CODED: list[tuple[CodedError, tuple[str, ...]]] = [
    (NotFoundError("engagement_not_found", engagement_id=31), ("31",)),
    (NotFoundError("plan_not_found", engagement_id=32), ("32",)),
    (NotFoundError("plan_version_not_found", engagement_id=33, number=4), ("33", "4")),
    (ConflictError(34, 7, "bruno", WHEN), ("34", "bruno", "7", WHEN.astimezone().strftime("%d/%m/%Y %H:%M"))),
    (ConflictError(35, 8, "", WHEN), ("35", "8")),
    (InvalidStatus("unknown_status", status="'sospeso'"), ("'sospeso'",)),
    (AccessDenied(36), ("36",)),
    (RoleChangeDenied("roles_admin_only"), ()),
    (RoleChangeDenied("admin_exists"), ()),
    (CreateDenied("create_denied"), ()),
    (ImportRefused("import_unknown_questionnaire", questionnaire="nuovo@9"), ("nuovo@9",)),
    (ImportRefused("import_kind_mismatch", questionnaire="azienda@1"), ("azienda@1",)),
    (ImportRefused("import_duplicate_plan_number", number=3), ("3",)),
    (
        ImportRefused("import_bad_plan", number=2, detail="start_date: Input should be a valid date"),
        ("2", "start_date"),
    ),
    (ImportRefused("import_bad_workspace", detail="accepted: Input should be a valid list"), ("accepted",)),
    (ImportRefused("import_bad_survey", number=1, detail="needs: Field required"), ("1", "needs")),
    (ImportRefused("import_not_json", line=12, detail="Expecting value"), ("12", "Expecting value")),
    (ImportRefused("import_too_deep"), ()),
    (ImportRefused("import_not_an_export"), ("Conciliazione Workbench",)),
    (ImportRefused("import_bad_format_version", version="'x'"), ("'x'",)),
    (ImportRefused("import_newer_format", version=9, supported=1), ("9", "1")),
    (ImportRefused("import_unsupported_format", version=0), ("0",)),
    (ImportRefused("import_invalid", where="organisation", detail="Field required", problems=2), ("organisation", "2")),
    (StoreError("db_invalid_url", url="'nonsense'"), ("'nonsense'",)),
    (StoreError("db_schema_outdated"), ("workbench db upgrade",)),
    (StoreError("db_unavailable", url="postgresql://x@h/db", reason="refused"), ("postgresql://x@h/db", "refused")),
    (StorageUnavailable(), ()),
    (CodedError("text_nul"), ("NUL",)),
    (CodedError("text_too_long", limit=200), ("200",)),
    (CodedError("number_not_finite"), ()),
]
IDS = [error.code for error, _ in CODED]


def _raised_codes() -> set[str]:
    """Every code the store modules raise: the first argument of a coded error, or of super().__init__ in one."""
    codes: set[str] = set()
    for path in STORE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
                name = ast.unparse(node.func)
                if name.endswith(("Error", "Refused", "Denied", "Status", "super().__init__")) and isinstance(
                    node.args[0].value, str
                ):
                    codes.add(node.args[0].value)
    return codes


def test_every_code_the_store_raises_has_its_words_and_a_case_here() -> None:
    raised = _raised_codes()
    assert raised, "the scan found no codes"
    assert sorted(raised - set(IDS)) == []
    assert sorted(c for c in raised if KEY_PREFIX + c not in STRINGS) == []


@pytest.mark.parametrize(("error", "names"), CODED, ids=IDS)
def test_a_coded_error_reads_in_both_languages_and_names_the_thing(error: CodedError, names: tuple[str, ...]) -> None:
    entry = STRINGS[error.key]
    assert entry["it"] and entry["en"]
    italian, english = error.message("it"), error.message("en")
    assert italian != english
    for value in names:
        assert value in italian and value in english
    assert error.code in str(error)  # for logs: the code and its values
    assert all(repr(v) in str(error) for v in error.params.values())


def _sentences_raised(source: str) -> list[str]:
    """Raise statements whose arguments hold a sentence (a literal that is not a code, or an f-string)."""
    problems = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Raise) or not isinstance(node.exc, ast.Call):
            continue
        arguments = [*node.exc.args, *(k.value for k in node.exc.keywords)]
        for argument in arguments:
            for part in ast.walk(argument):
                text = part.value if isinstance(part, ast.Constant) and isinstance(part.value, str) else None
                if isinstance(part, ast.JoinedStr) or (text is not None and not re.fullmatch(r"[a-z_]+", text)):
                    problems.append(f"line {node.lineno}: {ast.unparse(node)}")
                    break
    return problems


@pytest.mark.parametrize("path", sorted(STORE.glob("*.py")), ids=lambda p: p.name)
def test_no_store_module_raises_a_sentence(path: Path) -> None:
    assert _sentences_raised(path.read_text(encoding="utf-8")) == [], path.name


def test_the_sentence_check_catches_the_old_messages() -> None:
    old = (
        'raise NotFoundError(f"incarico {engagement_id} non trovato")\n'
        'raise PermissionError("Solo un amministratore può cambiare i ruoli.")\n'
        'raise ImportRefused("non è un\'esportazione di un incarico")\n'
        'raise NotFoundError("engagement_not_found", engagement_id=3)\n'
    )
    assert [p.split(":")[0] for p in _sentences_raised(old)] == ["line 1", "line 2", "line 3"]


# ---- the CLI says them ------------------------------------------------------------------------------------------


def cli(database_url: str, *args: str, user: str = "anna", stdin: str | None = None) -> Result:
    runner = CliRunner(env={"WORKBENCH_DATABASE_URL": database_url, "WORKBENCH_USER": user})
    return runner.invoke(main, list(args), input=stdin, catch_exceptions=False)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'workbench.db'}"


@pytest.mark.parametrize(("error", "names"), CODED, ids=IDS)
@pytest.mark.parametrize("lang", ["it", "en"])
def test_the_cli_says_every_coded_error_in_the_chosen_language(
    sqlite_url: str, error: CodedError, names: tuple[str, ...], lang: Lang
) -> None:
    """Raised inside a command as the store would (in with_engagement's transaction), said by the adapter."""
    engagement_id = int(cli(sqlite_url, "engagements", "create", str(EXAMPLES / "comune.yaml")).stdout)

    def fails(_session: object) -> None:
        raise error

    @click.command()
    @LANG_OPTION
    def probe(lang: Lang) -> None:
        with_engagement(engagement_id, "read", fails)

    result = CliRunner(env={"WORKBENCH_DATABASE_URL": sqlite_url, "WORKBENCH_USER": "anna"}).invoke(
        probe, ["--lang", lang], catch_exceptions=False
    )
    assert result.exit_code == 1
    assert result.stderr.strip() == error.message(lang)
    assert all(value in result.stderr for value in names)
    assert "Traceback" not in result.stderr


def test_the_adapter_falls_back_to_italian_without_a_lang_option() -> None:
    @click.command()
    def bare() -> None:
        store_failure(AccessDenied(5))

    result = CliRunner().invoke(bare, [], catch_exceptions=False)
    assert (result.exit_code, result.stderr.strip()) == (1, "Non hai accesso all'incarico 5.")


ROUTES: list[tuple[str, Callable[[str, Path, str], Result], str, str]] = []


def route(code: str, italian: str, english: str) -> Callable[..., object]:
    def register(run: Callable[[str, Path, str], Result]) -> Callable[[str, Path, str], Result]:
        ROUTES.append((code, run, italian, english))
        return run

    return register


@route("access_denied", "Non hai accesso all'incarico 999999.", "You have no access to engagement 999999.")
def _show_unknown(url: str, _tmp: Path, lang: str) -> Result:
    return cli(url, "engagements", "show", "999999", "--lang", lang)


@route("plan_not_found", "L'incarico {id} non ha ancora nessun piano.", "Engagement {id} has no plan yet.")
def _report_without_plan(url: str, _tmp: Path, lang: str) -> Result:
    engagement_id = cli(url, "engagements", "create", str(EXAMPLES / "comune.yaml")).stdout.strip()
    return cli(url, "monitor", "report", engagement_id, "--lang", lang)


@route(
    "import_newer_format",
    "versione più recente del programma (formato 7, qui 1)",
    "newer version of the program (format 7, here 1)",
)
def _import_newer(url: str, tmp: Path, lang: str) -> Result:
    path = tmp / "nuovo.json"
    path.write_text(json.dumps({"format": "conciliazione-workbench/engagement", "format_version": 7}), encoding="utf-8")
    return cli(url, "engagements", "import", str(path), "--lang", lang)


@route("import_not_json", "non è un file JSON valido (riga 1)", "not a valid JSON file (line 1)")
def _import_broken(url: str, tmp: Path, lang: str) -> Result:
    path = tmp / "rotto.json"
    path.write_text('{"format": ', encoding="utf-8")
    return cli(url, "engagements", "import", str(path), "--lang", lang)


@route("import_not_an_export", "non è un'esportazione di un incarico", "not an engagement exported")
def _import_other(url: str, tmp: Path, lang: str) -> Result:
    path = tmp / "altro.json"
    path.write_text('{"format": "altro"}', encoding="utf-8")
    return cli(url, "engagements", "import", str(path), "--lang", lang)


@route("roles_admin_only", "Solo un amministratore può cambiare i ruoli.", "Only an administrator can change roles.")
def _role_by_a_consultant(url: str, _tmp: Path, lang: str) -> Result:
    cli(
        url, "db", "bootstrap-admin", "zeno", user="zeno"
    )  # the first admin, a set-up step (once: it runs per language)
    return cli(url, "role", "anna", "admin", "--lang", lang)


@route("db_invalid_url", "URL del database non valido: 'non è un url'", "invalid database URL: 'non è un url'")
def _bad_url(_url: str, _tmp: Path, lang: str) -> Result:
    return cli("non è un url", "engagements", "list", "--lang", lang)


@pytest.mark.parametrize(("code", "run", "italian", "english"), ROUTES, ids=[r[0] for r in ROUTES])
def test_real_commands_say_the_store_error_in_italian_and_in_english(
    sqlite_url: str, tmp_path: Path, code: str, run: Callable[[str, Path, str], Result], italian: str, english: str
) -> None:
    assert cli(sqlite_url, "db", "upgrade").exit_code == 0
    for lang, words in (("it", italian), ("en", english)):
        folder = tmp_path / lang
        folder.mkdir()
        result = run(sqlite_url, folder, lang)
        assert result.exit_code == 1, (code, result.stdout)
        expected = words.replace("{id}", _latest_id(sqlite_url))
        assert expected in result.stderr, (code, lang, result.stderr)
        assert "Traceback" not in result.stderr


def _latest_id(url: str) -> str:
    listed = json.loads(cli(url, "engagements", "list", "--json").stdout)
    return str(max((e["id"] for e in listed), default=""))


def test_store_engine_says_an_unreachable_database_in_the_command_language() -> None:
    @click.command()
    @LANG_OPTION
    def probe(lang: Lang) -> None:
        store_engine()

    runner = CliRunner(env={"WORKBENCH_DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:1/none"})
    italian = runner.invoke(probe, [], catch_exceptions=False)
    english = runner.invoke(probe, ["--lang", "en"], catch_exceptions=False)
    assert "impossibile aprire il database (postgresql+psycopg://nobody@127.0.0.1:1/none)" in italian.stderr
    assert "cannot open the database (postgresql+psycopg://nobody@127.0.0.1:1/none)" in english.stderr
