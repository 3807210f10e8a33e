"""The Word templates: which file each document uses, whether a template fits its contract, and rendering.

The ``.docx`` files are the source of every document: a consultant restyles them in Word (fonts, colours,
logo, wording, lines left out) and the code never regenerates them. Each document has a contract
(:mod:`workbench.models.document`): a template may use its fields and nothing else. Templates are looked
up in the folder chosen for the engagement, then in the consultant's folder (``WORKBENCH_TEMPLATES_DIR``),
then among the shipped ones; a folder may hold only the documents it restyles.

Two safety rules hold for every render: autoescape is always on (otherwise ``&`` or ``<`` in a company name
silently corrupts the file), and an undefined tag is an error (StrictUndefined), never a blank. Templates
run in Jinja's sandbox: a template is a file anyone may hand over, and it must not run code.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, get_args

import docx
import jinja2
import jinja2.sandbox
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2.exceptions import SecurityError

from workbench.export.contents import fill_contents
from workbench.export.table_widths import fit_table
from workbench.export.wording import agree_counts
from workbench.models.document import (
    DocumentModel,
    MonitoringDocument,
    ObjectivesDocument,
    PiaoDocument,
    PlanDocument,
    SurveyFormDocument,
)
from workbench.models.dossier import AllianceReport, AllianceSheet, CheckupDossier, PdrGapDossier
from workbench.models.text import Lang
from workbench.plain_text import xml_safe
from workbench.settings import get_settings

DocumentKind = Literal[
    "plan",
    "monitoring",
    "piao",
    "objectives",
    "survey_form",
    "checkup",
    "pdr125",
    "alliance",
    "alliance_interim",
    "alliance_final",
]
DOCUMENT_KINDS: tuple[DocumentKind, ...] = get_args(DocumentKind)


class TemplateError(Exception):
    """The template and the document do not fit together; the message names the tag."""


@dataclass(frozen=True)
class DocumentSpec:
    """A document: its kind, the stem of its template files (``{stem}_{lang}.docx``) and its contract."""

    kind: DocumentKind
    stem: str
    contract: type[DocumentModel]


SPECS: dict[DocumentKind, DocumentSpec] = {
    "plan": DocumentSpec("plan", "piano_conciliazione", PlanDocument),
    "monitoring": DocumentSpec("monitoring", "monitoraggio", MonitoringDocument),
    "piao": DocumentSpec("piao", "piao_lavoro_agile", PiaoDocument),
    "objectives": DocumentSpec("objectives", "obiettivi_responsabili", ObjectivesDocument),
    "survey_form": DocumentSpec("survey_form", "questionario_cartaceo", SurveyFormDocument),
    "checkup": DocumentSpec("checkup", "dossier_checkup", CheckupDossier),
    "pdr125": DocumentSpec("pdr125", "gap_analysis_pdr125", PdrGapDossier),
    "alliance": DocumentSpec("alliance", "scheda_alleanza", AllianceSheet),
    "alliance_interim": DocumentSpec("alliance_interim", "relazione_alleanza_intermedia", AllianceReport),
    "alliance_final": DocumentSpec("alliance_final", "relazione_alleanza_finale", AllianceReport),
}


def shipped_templates_dir() -> Path:
    return get_settings().shipped_templates_dir


def template_folders(folder: Path | None = None) -> list[Path]:
    """Where templates are looked for, first match wins: the engagement's folder, the consultant's, the shipped."""
    settings = get_settings()
    folders = [f for f in (folder, settings.templates_dir) if f is not None]
    return [*folders, shipped_templates_dir()]


def template_sets() -> list[str]:
    """The template sets a consultant can choose per engagement: the sub-folders of their template folder
    (``WORKBENCH_TEMPLATES_DIR``) holding at least one document template, by name."""
    root = get_settings().templates_dir
    if root is None or not root.is_dir():
        return []
    return sorted(
        folder.name
        for folder in root.iterdir()
        if folder.is_dir() and any(kind_of(path) is not None for path in folder.glob("*.docx"))
    )


def template_set_folder(name: str) -> Path | None:
    """The folder of a template set chosen by name; only a listed set, never a typed path. None for '' and for
    a set since removed from the consultant's folder: its documents then use the default templates."""
    root = get_settings().templates_dir
    return root / name if root is not None and name and name in template_sets() else None


def template_for(kind: DocumentKind, lang: Lang, *, folder: Path | None = None) -> Path:
    """The template a document renders with (see :func:`template_folders`)."""
    name = f"{SPECS[kind].stem}_{lang}.docx"
    for place in template_folders(folder):
        if (place / name).is_file():
            return place / name
    raise TemplateError(f"template not found: {name}")


def kind_of(path: Path) -> DocumentKind | None:
    """The document a template file is for, from its name (``monitoraggio_it.docx``, ``piano_mio.docx``)."""
    stem = path.stem.lower()
    for spec in sorted(SPECS.values(), key=lambda s: -len(s.stem)):
        if stem.startswith(spec.stem):
            return spec.kind
    return "plan" if stem.startswith("piano") else None


def tags_used(source: bytes, name: str) -> set[str]:
    """The top-level tags a template uses (``org`` for ``{{ org.name }}``), remembered by the file's content
    (reading them parses the whole template: an export should not pay for it twice)."""
    digest = hashlib.sha256(source).hexdigest()
    if digest not in _TAGS:
        _TAGS[digest] = frozenset(_read_tags(source, name))
    return set(_TAGS[digest])


_TAGS: dict[str, frozenset[str]] = {}


def _read_tags(source: bytes, name: str) -> set[str]:
    try:
        return set(DocxTemplate(io.BytesIO(source)).get_undeclared_template_variables(_environment()))
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{name}: broken tag near line {exc.lineno}: {exc.message}") from exc
    except Exception as exc:  # not a Word file at all (a renamed web page, a truncated download)
        raise TemplateError(f"{name}: not a Word .docx template ({type(exc).__name__})") from exc


def template_problems(source: bytes, name: str, kind: DocumentKind) -> list[str]:
    """What keeps a template from rendering its document: a broken tag, a tag its contract does not declare
    (named), a required tag missing. An optional tag left out is fine. Each message starts with ``name``."""
    try:
        used = tags_used(source, name)
    except TemplateError as exc:
        return [str(exc)]
    contract = SPECS[kind].contract
    unknown = sorted(used - set(contract.model_fields))
    missing = sorted(contract.REQUIRED - used)
    problems = [f"{name}: unknown tag {{{{ {tag} }}}}: the {kind} document has no such field" for tag in unknown]
    if missing:
        problems.append(f"{name}: lacks required tags: " + ", ".join("{{ " + tag + " }}" for tag in missing))
    return problems


def template_file_problems(path: Path) -> list[str]:
    """:func:`template_problems` for a file, its document told by its name."""
    kind = kind_of(path)
    if kind is None:
        stems = ", ".join(f"{spec.stem}_it.docx" for spec in SPECS.values())
        return [f"{path.name}: not a template name the tool knows (name it like {stems})"]
    return template_problems(path.read_bytes(), path.name, kind)


def check_template(source: bytes, name: str, kind: DocumentKind) -> None:
    problems = template_problems(source, name, kind)
    if problems:
        raise TemplateError("; ".join(problems))


def render_document(kind: DocumentKind, document: DocumentModel, *, template: Path) -> bytes:
    """Render ``document`` into ``template``: the only place a Word document is rendered."""
    if not isinstance(document, SPECS[kind].contract):
        raise TypeError(f"a {kind} template renders a {SPECS[kind].contract.__name__}")
    if not template.is_file():
        raise TemplateError(f"template not found: {template.name}")
    source = template.read_bytes()
    check_template(source, template.name, kind)
    doc = DocxTemplate(io.BytesIO(source))
    data = xml_safe(agree_counts(document.model_dump()))
    logo = document.logo if document.logo is not None else house_logo()
    context = _pictures(data, doc, Mm(document.IMAGE_WIDTH_MM))
    context["logo"] = InlineImage(doc, io.BytesIO(logo), width=Mm(document.LOGO_WIDTH_MM)) if logo else None
    try:
        doc.render(context, _environment(), autoescape=True)
    except jinja2.UndefinedError as exc:
        raise TemplateError(f"{template.name}: the template uses a tag the document does not provide: {exc}") from exc
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{template.name}: broken tag near line {exc.lineno}: {exc.message}") from exc
    except SecurityError as exc:
        raise TemplateError(f"{template.name}: the template tries something a document may not do") from exc
    out = io.BytesIO()
    doc.save(out)
    return _finish(out.getvalue())


def house_logo() -> bytes | None:
    """The consultant's logo from the settings (WORKBENCH_LOGO), None when none is set."""
    path = get_settings().logo
    if path is None:
        return None
    if not path.is_file() or path.suffix.lower() not in (".png", ".jpg", ".jpeg"):
        raise TemplateError(f"logo not found or not a PNG/JPEG image: {path.name}")
    return path.read_bytes()


def _environment() -> jinja2.Environment:
    return jinja2.sandbox.SandboxedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined)


def _pictures(value: Any, doc: DocxTemplate, width: Any) -> Any:
    """Chart bytes become pictures the template places where their tag is."""
    if isinstance(value, bytes):
        return InlineImage(doc, io.BytesIO(value), width=width)
    if isinstance(value, dict):
        return {k: _pictures(v, doc, width) for k, v in value.items()}
    if isinstance(value, list):
        return [_pictures(v, doc, width) for v in value]
    return value


def _finish(data: bytes) -> bytes:
    """One pass over the rendered file: tables refitted to their text, the contents filled in, and no trace of
    the tool or of a template's history in the file's properties ('generated by python-docx', a template's
    author): the client's document is dated now and keeps only its title."""
    document = docx.Document(io.BytesIO(data))
    for table in document.tables:
        fit_table(table)
    fill_contents(document)
    properties = document.core_properties
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    properties.comments = ""
    properties.author = ""
    properties.last_modified_by = ""
    properties.created = now
    properties.modified = now
    properties.revision = 1
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
