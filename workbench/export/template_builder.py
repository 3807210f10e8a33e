"""Writes the first version of the Word plan templates in ``plan_templates/``.

The templates are *the* editable artefact: a consultant opens them in Word and
restyles them (fonts, colours, logo, wording). This builder exists so the first
version is generated with every docxtpl tag in a single run (Word splits tags
typed by hand across runs, which breaks them) and so both languages share one
structure. Run ``python -m workbench.export.template_builder`` to regenerate;
it overwrites the templates, so keep hand edits in Word, not here.
"""

from __future__ import annotations

import re
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

from workbench.i18n import t
from workbench.settings import PROJECT_ROOT

TEMPLATES_DIR = PROJECT_ROOT / "plan_templates"
TABLE_STYLE = "Table Grid"
TABLE_FONT = Pt(9)
TABLE_FONT_PT = 9.0
INK = RGBColor(0x1F, 0x3B, 0x4D)
HEADER_FILL = "1F3B4D"
BORDER_COLOUR = "B7C4CE"
PAGE_WIDTH_CM, PAGE_HEIGHT_CM, MARGIN_CM = 21.0, 29.7, 2.0
TEXT_WIDTH_CM = PAGE_WIDTH_CM - 2 * MARGIN_CM
CELL_PADDING_CM = 0.38
"""Word's default cell margins, left plus right (0,19 cm each)."""
LANGUAGE_TAGS = {"it": "it-IT", "en": "en-GB"}
"""The document language Word spell-checks and hyphenates with (styles' default run properties)."""

# Advance widths in thousandths of an em, measured on DejaVu Sans Bold: the font LibreOffice falls back to
# for Calibri, and wider than Calibri itself, so a width that fits here fits in Word too.
_NARROW = dict.fromkeys("ijlìíIJ.,;:'!|", 360) | dict.fromkeys("ft()[]/-", 450) | {"r": 493, " ": 348, "\xa0": 348}
TWIPS_PER_CM = 1440 / 2.54
REGULAR_TO_BOLD = 0.93
"""Body text is set in the regular weight, a little narrower than the bold the estimate measures."""
_WIDE = dict.fromkeys("mwMW%", 1030) | dict.fromkeys("–", 500) | {"—": 1000}


def text_width_cm(text: str, size_pt: float = TABLE_FONT_PT) -> float:
    """A generous estimate of how wide ``text`` prints in bold at ``size_pt`` (cm)."""
    units = 0
    for char in text:
        if char in _NARROW:
            units += _NARROW[char]
        elif char in _WIDE:
            units += _WIDE[char]
        else:
            units += 790 if char.isupper() else 700
    return units / 1000 * size_pt * 2.54 / 72


def min_column_cm(title: str, size_pt: float = TABLE_FONT_PT) -> float:
    """The narrowest column whose header shows every word of ``title`` whole (never 'Finanziam/ento')."""
    return max(text_width_cm(word, size_pt) for word in title.split()) + CELL_PADDING_CM + 0.1


def fit_widths(titles: list[str], widths: list[float] | None, total: float = TEXT_WIDTH_CM) -> list[float]:
    """Column widths (cm) that fill ``total``, follow the proportions asked for, and keep every header word
    on one line: a column narrower than its longest header word grows, the others give way."""
    least = [min_column_cm(t) for t in titles]
    if sum(least) > total:
        raise ValueError(f"headers too long for one table ({sum(least):.1f} cm > {total} cm): {titles}")
    return [round(w, 2) for w in _give_way(widths or [1.0] * len(titles), least, total)]


def _give_way(wanted: list[float], least: list[float], total: float) -> list[float]:
    """``wanted`` scaled to ``total``, every column at least ``least`` (whose sum fits in ``total``): the
    columns that grow take the room from the others in proportion to what each has to spare."""
    scale = total / sum(wanted)
    result = [w * scale for w in wanted]
    for _ in range(len(result)):
        short = [i for i, (w, m) in enumerate(zip(result, least, strict=True)) if w < m - 1e-9]
        if not short:
            break
        needed = sum(least[i] - result[i] for i in short)
        for i in short:
            result[i] = least[i]
        spare = {i: result[i] - least[i] for i in range(len(result)) if i not in short and result[i] > least[i]}
        room = sum(spare.values())
        for i, slack in spare.items():
            result[i] -= needed * slack / room
    return result


_BREAKS = re.compile(r"[ \t\n\r]+")
_AFTER_DASH = re.compile(r"(?<=[-–])")


def longest_word_cm(text: str, size_pt: float = TABLE_FONT_PT) -> float:
    """The widest unbreakable piece of ``text``: lines break at spaces and after dashes, never at a no-break
    space ('1.234 €' stays whole)."""
    pieces = [p for word in _BREAKS.split(text) for p in _AFTER_DASH.split(word) if p]
    return max((text_width_cm(p, size_pt) for p in pieces), default=0.0)


def fit_table(table: Table, most: float = 0.45) -> None:
    """Refit a filled table's columns so that no word in it, header or body, breaks in the middle: each
    column gets at least its widest word (up to ``most`` of the table), the rest keeps its proportions.
    When even that does not fit, the columns share the width in proportion to their widest words."""
    grid = table._tbl.tblGrid
    columns = grid.findall(qn("w:gridCol")) if grid is not None else []
    if not columns or any(c.get(qn("w:w")) is None for c in columns):
        return
    current = [int(str(c.get(qn("w:w")))) / TWIPS_PER_CM for c in columns]
    total = sum(current)
    need = [min(1.0, w) for w in current]
    for index, row in enumerate(table.rows):
        cells = row.cells
        if len(cells) != len(columns):
            continue
        for i, cell in enumerate(cells):
            widest = longest_word_cm(cell.text) * (1 if index == 0 else REGULAR_TO_BOLD)
            if widest:
                need[i] = max(need[i], min(widest + CELL_PADDING_CM + 0.1, most * total))
    widths = [total * n / sum(need) for n in need] if sum(need) > total else _give_way(current, need, total)
    _widths(table, [round(w, 2) for w in widths])


TEXT: dict[str, dict[str, str]] = {
    "it": {
        "title": "Piano di conciliazione vita-lavoro {{ period_years }}",
        "cover_rows": "Organizzazione|Sede|Stato|Versione|Data|Consulente|Periodo del piano",
        "toc": "Indice",
        "s1": "1. Sintesi per la direzione",
        "s1_needs": "I bisogni principali",
        "s1_uncovered": "Bisogni a cui nessuna azione del piano risponde",
        "s1_actions": "Le azioni principali",
        "s1_budget": "Il budget",
        "s1_not_assessed": "Non rilevati per mancanza di dati (da completare prima di decidere): {{ not_assessed }}.",
        "s1_kpi": "Gli indicatori che diranno se il piano funziona",
        "s1_decisions": "Che cosa deve decidere la direzione",
        "s2": "2. L'organizzazione",
        "s2_head": "Dato|Valore",
        "s2_in_place": "Misure di conciliazione già presenti: {{ in_place }}.",
        "s3": "3. Metodo",
        "s3_text": (
            "L'analisi si basa sul questionario di ingresso compilato con la direzione («{{ questionnaire }}», "
            "{{ date }}), con una copertura delle domande rilevanti del {{ coverage }}. Ogni punteggio da 0 a 100 è "
            "spiegato dalle risposte che lo determinano (allegato A); le soglie sono stime da tarare sui dati "
            "dell'organizzazione. Le misure sono state scelte dal catalogo in base ai bisogni, alla fattibilità "
            "organizzativa e al costo. Accanto a ogni punteggio è indicata l'evidenza (alta, media o bassa: quanta "
            "parte dei dati che contano è nota, e con quale precisione); una dimensione con troppo pochi dati è "
            "«non rilevata» e non ha punteggio."
        ),
        "s4": "4. Profilo dei bisogni",
        "s4_evidence": "Da che cosa emerge",
        "s4_uncovered": "Bisogni non coperti dalle azioni",
        "s4_feasibility": "Che cosa è realisticamente possibile",
        "s4_feas_head": "Dimensione|Punteggio|Livello|Dato principale",
        "s5": "5. Obiettivi",
        "s5_head": "Obiettivo|Per chi|Entro|Indicatori",
        "s6": "6. Azioni",
        "s6_head": "Azione|Destinatari|Responsabile|Mesi|Budget|Finanziamento",
        "s6_areas": "Aree del Family Audit coperte",
        "s6_areas_head": "Area|Azioni del piano",
        "s6_cards": "Le azioni una per una",
        "s6_why": "Perché",
        "s6_what": "Che cosa",
        "s6_who": "Destinatari",
        "s6_owner": "Responsabile",
        "s6_when": "Tempi",
        "s6_money": "Risorse",
        "s6_routes": "Finanziamenti pubblici possibili",
        "s6_kpi": "Indicatori",
        "s6_services": "Servizi del territorio",
        "s6_laws": "Riferimenti",
        "s6_watch": "Attenzione",
        "s6_dropped": "Misure valutate e non proposte",
        "s6_dropped_head": "Misura|Motivo",
        "s7": "7. Cronoprogramma",
        "s8": "8. Budget e copertura",
        "s8_head": "Azione|Intervallo di stima|Stima centrale|Copertura",
        "s8_total": "Totale",
        "s8_years": "Per anno solare",
        "s8_years_head": "Anno|Risorse proprie|Credito welfare|Fondi pubblici|Totale|Budget dichiarato",
        "s8_years_head_plain": "Anno|Risorse proprie|Fondi pubblici|Totale|Budget dichiarato",
        "s9": "9. Indicatori di risultato",
        "s9_head": "Indicatore e formula|Baseline|Target|Frequenza|Fonte dei dati|Referente",
        "s10": "10. Monitoraggio e valutazione",
        "s10_text": (
            "Il referente del piano raccoglie gli indicatori con la frequenza indicata e li presenta al gruppo di "
            "pilotaggio. Ogni anno una relazione di monitoraggio confronta i valori con i target, informa il "
            "personale e aggiorna gli obiettivi dei responsabili."
        ),
        "s10_head": "Data|Attività|Chi",
        "s10_mbo": "Obiettivi dei responsabili (valutazione per obiettivi)",
        "s10_mbo_head": "Responsabile|Obiettivo|Indicatore e target|Peso|Verifica",
        "s11": "11. Partecipazione",
        "s11_head": "Chi|Ruolo nel piano|Quando",
        "s12": "12. Piano di comunicazione",
        "s12_head": "Quando|A chi|Che cosa|Canale|Chi",
        "s13": "13. Riferimenti normativi",
        "s13_head": "Riferimento|Perché conta|Natura",
        "sign": "Approvazione",
        "sign_text": "Il piano è approvato e adottato con le firme che seguono.",
        "sign_name": "Nome e cognome: ________________________________________",
        "sign_line": "Firma: ______________________________          Data: ____________________",
        "annex_a": "Allegato A. Risposte al questionario",
        "annex_a_head": "Domanda|Risposta",
        "annex_b": "Allegato B. Servizi del territorio",
        "annex_b_head": "Servizio|Erogatore|Acquistabile con il welfare|Azioni collegate",
        "annex_c": "Allegato C. Come si leggono i punteggi",
        "annex_c_head": "Dimensione|Punteggio|Evidenza|Copertura|Risposte che lo determinano",
        "annex_d": "Allegato D. Budget welfare {{ welfare.year }} e pacchetti territoriali",
        "annex_d_total": (
            "Budget welfare dell'anno: {{ welfare.total }} ({{ welfare.per_employee }} per dipendente, "
            "{{ welfare.headcount }} dipendenti)."
        ),
        "annex_d_head": "Voce|Importo annuo",
        "annex_d_bonus": "Premio di risultato: denaro o welfare (per dipendente)",
        "annex_d_packages": "Pacchetti {{ welfare.packages.ambito }}",
        "annex_d_packages_text": (
            "Ente: {{ welfare.packages.lead_body }}. Quota del budget destinata ai pacchetti: "
            "{{ welfare.packages.share }} = {{ welfare.packages.earmarked }}, ripartita secondo i bisogni rilevati. "
            "Elenco da allegare alla convenzione."
        ),
        "annex_d_packages_head": "Pacchetto e fornitore|Bisogno|Quantità|Prezzo unitario|Costo",
        "annex_d_packages_total": "Totale assegnato: {{ welfare.packages.allocated }}; non assegnato: "
        "{{ welfare.packages.unallocated }}.",
        "annex_d_parameters": "Parametri fiscali applicati",
        "annex_d_parameters_head": "Parametro|Valore|Fonte|Stato",
        "annex_d_items": "Voci esenti dell'art. 51 TUIR valide nell'anno",
        "annex_d_items_head": "Norma e voce|Che cosa copre|Tetto per dipendente|Stato",
        "annex_e": "Allegato E. Il piano rispetto a schemi riconosciuti",
        "annex_e_head": "Area|Coperta|Azioni del piano",
        "annex_e_pdr_head": "KPI|Punti|Stato|Azioni del piano",
        "footer": "{{ org.name }} · Piano di conciliazione vita-lavoro · {{ status }} · versione {{ version }}",
        "header": "{{ status_label }}",
    },
    "en": {
        "title": "Work-life conciliation plan {{ period_years }}",
        "cover_rows": "Organisation|Location|Status|Version|Date|Consultant|Plan period",
        "toc": "Contents",
        "s1": "1. Executive summary",
        "s1_needs": "Main needs",
        "s1_uncovered": "Needs no action of the plan answers",
        "s1_actions": "Headline actions",
        "s1_budget": "The budget",
        "s1_not_assessed": "Not assessed for lack of data (to complete before deciding): {{ not_assessed }}.",
        "s1_kpi": "The indicators that will tell whether the plan works",
        "s1_decisions": "What management must decide",
        "s2": "2. The organisation",
        "s2_head": "Item|Value",
        "s2_in_place": "Work-life measures already in place: {{ in_place }}.",
        "s3": "3. Method",
        "s3_text": (
            "The analysis rests on the intake questionnaire filled in with management (“{{ questionnaire }}”, "
            "{{ date }}), covering {{ coverage }} of the relevant questions. Every 0-100 score is explained by the "
            "answers behind it (annex A); thresholds are estimates to calibrate on the organisation's data. Measures "
            "were chosen from the catalogue by need, organisational feasibility and cost. Next to every score is its "
            "evidence (high, medium or low: how much of the data that count is known, and how precisely); a "
            "dimension with too little data is 'not assessed' and has no score."
        ),
        "s4": "4. Needs profile",
        "s4_evidence": "What shows it",
        "s4_uncovered": "Needs the actions do not cover",
        "s4_feasibility": "What is realistically possible",
        "s4_feas_head": "Dimension|Score|Level|Main evidence",
        "s5": "5. Objectives",
        "s5_head": "Objective|For whom|By|Indicators",
        "s6": "6. Actions",
        "s6_head": "Action|Target group|Owner|Months|Budget|Funding",
        "s6_areas": "Family Audit areas covered",
        "s6_areas_head": "Area|Plan actions",
        "s6_cards": "The actions one by one",
        "s6_why": "Why",
        "s6_what": "What",
        "s6_who": "Target group",
        "s6_owner": "Owner",
        "s6_when": "Timing",
        "s6_money": "Resources",
        "s6_routes": "Possible public funding",
        "s6_kpi": "Indicators",
        "s6_services": "Local services",
        "s6_laws": "References",
        "s6_watch": "Watch out",
        "s6_dropped": "Measures considered and not proposed",
        "s6_dropped_head": "Measure|Reason",
        "s7": "7. Timeline",
        "s8": "8. Budget and funding",
        "s8_head": "Action|Estimate range|Central estimate|Paid by",
        "s8_total": "Total",
        "s8_years": "By calendar year",
        "s8_years_head": "Year|Own budget|Welfare credit|Public funding|Total|Declared budget",
        "s8_years_head_plain": "Year|Own budget|Public funding|Total|Declared budget",
        "s9": "9. Result indicators",
        "s9_head": "Indicator and formula|Baseline|Target|Frequency|Data source|Owner",
        "s10": "10. Monitoring and evaluation",
        "s10_text": (
            "The plan coordinator collects the indicators at the stated frequency and reports to the steering group. "
            "Every year a monitoring report compares values with targets, informs the staff and updates managers' "
            "objectives."
        ),
        "s10_head": "Date|Activity|Who",
        "s10_mbo": "Managers' objectives (evaluation by objectives)",
        "s10_mbo_head": "Manager|Objective|Indicator and target|Weight|Review",
        "s11": "11. Participation",
        "s11_head": "Who|Role in the plan|When",
        "s12": "12. Communication plan",
        "s12_head": "When|To whom|What|Channel|Who",
        "s13": "13. Legal references",
        "s13_head": "Reference|Why it matters|Nature",
        "sign": "Approval",
        "sign_text": "The plan is approved and adopted with the signatures below.",
        "sign_name": "Name: ________________________________________",
        "sign_line": "Signature: ______________________________          Date: ____________________",
        "annex_a": "Annex A. Questionnaire answers",
        "annex_a_head": "Question|Answer",
        "annex_b": "Annex B. Local services",
        "annex_b_head": "Service|Provider|Payable with welfare credit|Linked actions",
        "annex_c": "Annex C. How to read the scores",
        "annex_c_head": "Dimension|Score|Evidence|Coverage|Answers behind it",
        "annex_d": "Annex D. Welfare budget {{ welfare.year }} and local service packages",
        "annex_d_total": (
            "Welfare budget for the year: {{ welfare.total }} ({{ welfare.per_employee }} per employee, "
            "{{ welfare.headcount }} employees)."
        ),
        "annex_d_head": "Item|Yearly amount",
        "annex_d_bonus": "Productivity bonus: cash or welfare (per employee)",
        "annex_d_packages": "Packages of {{ welfare.packages.ambito }}",
        "annex_d_packages_text": (
            "Provider body: {{ welfare.packages.lead_body }}. Share of the budget earmarked for packages: "
            "{{ welfare.packages.share }} = {{ welfare.packages.earmarked }}, split by the needs found. "
            "List to attach to the convention."
        ),
        "annex_d_packages_head": "Package and provider|Need|Quantity|Unit price|Cost",
        "annex_d_packages_total": "Total allocated: {{ welfare.packages.allocated }}; left unallocated: "
        "{{ welfare.packages.unallocated }}.",
        "annex_d_parameters": "Tax parameters applied",
        "annex_d_parameters_head": "Parameter|Value|Source|Status",
        "annex_d_items": "Tax-free items of art. 51 TUIR valid in the year",
        "annex_d_items_head": "Provision and item|What it covers|Cap per employee|Status",
        "annex_e": "Annex E. The plan against recognised schemes",
        "annex_e_head": "Area|Covered|Plan actions",
        "annex_e_pdr_head": "KPI|Points|Status|Plan actions",
        "footer": "{{ org.name }} · Work-life conciliation plan · {{ status }} · version {{ version }}",
        "header": "{{ status_label }}",
    },
}


def _styles(doc: DocumentObject, lang: str = "it") -> None:
    """The house style every generated document shares: A4, 2 cm margins, Calibri, the plan's headings,
    the document language (Word's spelling and hyphenation) and a quiet header and footer."""
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.1
    for name, size, before in (
        ("Title", 26, 0),
        ("Subtitle", 14, 0),
        ("Heading 1", 16, 18),
        ("Heading 2", 13, 12),
        ("Heading 3", 11, 10),
        ("Heading 4", 10.5, 8),
    ):
        style = doc.styles[name]
        style.font.name = "Calibri"
        style.font.size = Pt(size)
        style.font.color.rgb = INK
        style.font.italic = False
        style.font.bold = name not in ("Title", "Subtitle")
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(4 if name != "Title" else 8)
        style.paragraph_format.keep_with_next = True
    for name in ("Header", "Footer"):
        style = doc.styles[name]
        style.font.size = Pt(8)
        style.font.color.rgb = RGBColor(0x5A, 0x6B, 0x78)
    for level in (1, 2, 3):
        name = f"toc {level}"
        style = (
            doc.styles[name]
            if name in [s.name for s in doc.styles]
            else doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        )
        style.base_style = doc.styles["Normal"]
        style.font.bold = level == 1
        style.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        style.paragraph_format.space_before = Pt(4 if level == 1 else 0)
        style.paragraph_format.space_after = Pt(0)
        style.paragraph_format.line_spacing = 1.0
    set_language(doc, lang)
    doc.core_properties.author = doc.core_properties.last_modified_by = ""  # not 'python-docx' in File > Info
    for section in doc.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(PAGE_WIDTH_CM), Cm(PAGE_HEIGHT_CM)
        section.left_margin = section.right_margin = Cm(MARGIN_CM)
        section.top_margin = section.bottom_margin = Cm(MARGIN_CM)
        section.header_distance = section.footer_distance = Cm(1)


def set_language(doc: DocumentObject, lang: str) -> None:
    """The document language in the styles' default run properties (it-IT / en-GB)."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        doc.styles.element.insert(0, defaults)
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_defaults)
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run_defaults.append(properties)
    language = properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        properties.append(language)
    language.set(qn("w:val"), LANGUAGE_TAGS[lang])


def house_document(lang: str) -> DocumentObject:
    """A new Word document in the house style, for the documents built directly with python-docx."""
    doc = Document()
    _styles(doc, lang)
    return doc


def _shade(cell_properties: object, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell_properties.append(shading)  # type: ignore[attr-defined]


def _house_table(table: Table) -> None:
    """Thin grey borders, centred, a dark header row with white bold text that repeats on every page,
    and rows that do not break across pages."""
    table.style = TABLE_STYLE
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), "4")
        line.set(qn("w:space"), "0")
        line.set(qn("w:color"), BORDER_COLOUR)
        borders.append(line)
    properties.append(borders)
    for index, row in enumerate(table.rows):
        row_properties = row._tr.get_or_add_trPr()
        row_properties.append(OxmlElement("w:cantSplit"))
        if index == 0:
            row_properties.append(OxmlElement("w:tblHeader"))
            for cell in row.cells:
                _shade(cell._tc.get_or_add_tcPr(), HEADER_FILL)
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.space_after = Pt(0)
                    for run in paragraph.runs:
                        run.bold = True
                        run.font.size = TABLE_FONT
                        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        else:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.space_after = Pt(0)


def house_table(doc: DocumentObject, titles: list[str], widths: list[float] | None = None) -> Table:
    """A house-style table with its header row; rows are added by the caller (cell text at 9 pt)."""
    table: Table = doc.add_table(rows=1, cols=len(titles))
    for cell, title in zip(table.rows[0].cells, titles, strict=True):
        cell.text = title
    _house_table(table)
    _widths(table, fit_widths(titles, widths))
    return table


def add_row(table: Table, values: list[str]) -> None:
    """A body row of a :func:`house_table`, in the table font, never split across pages."""
    row = table.add_row()  # type: ignore[no-untyped-call]
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    for cell, value in zip(row.cells, values, strict=True):
        cell.text = value
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.space_after = Pt(0)
            for run in paragraph.runs:
                run.font.size = TABLE_FONT
    for cell, column in zip(row.cells, table.columns, strict=True):
        cell.width = column.width


def _page_number(paragraph: Paragraph) -> None:
    """Append a PAGE field, so Word numbers the pages itself."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _table(
    doc: DocumentObject,
    header: str,
    cells: list[str],
    loop: str | None,
    widths: list[float] | None = None,
    total: list[str] | None = None,
) -> Table:
    """A table with a header row, optionally one looped row (docxtpl {%tr %}), optionally a total row."""
    titles = header.split("|")
    rows = 1 + (3 if loop else 1) + (1 if total else 0)
    table: Table = doc.add_table(rows=rows, cols=len(titles))
    for cell, title in zip(table.rows[0].cells, titles, strict=True):
        cell.text = title
    body = 1
    if loop:
        table.rows[1].cells[0].text = "{%tr for " + loop + " %}"
        body = 2
        table.rows[3].cells[0].text = "{%tr endfor %}"
    for cell, text in zip(table.rows[body].cells, cells, strict=True):
        lines = text.split("\n")
        cell.text = lines[0]
        for run in cell.paragraphs[0].runs:
            run.font.size = TABLE_FONT
        for extra in lines[1:]:
            paragraph = cell.add_paragraph(extra)
            for run in paragraph.runs:
                run.italic = True
                run.font.size = Pt(8.5)
    if total:
        for cell, text in zip(table.rows[-1].cells, total, strict=True):
            cell.text = text
            _shade(cell._tc.get_or_add_tcPr(), "E4EAEF")
            for run in cell.paragraphs[0].runs:
                run.bold = True
                run.font.size = TABLE_FONT
    _house_table(table)
    _widths(table, fit_widths(titles, widths))
    spacer(doc)
    return table


def spacer(doc: DocumentObject) -> None:
    """A thin empty line after a table, so the next paragraph does not stick to its bottom border."""
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.line_spacing = 1.0
    mark = OxmlElement("w:rPr")  # the empty paragraph is as tall as its paragraph mark: a 6 pt one
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "12")
    mark.append(size)
    paragraph._p.get_or_add_pPr().append(mark)


def _widths(table: Table, widths: list[float]) -> None:
    """Fixed column widths that Word and LibreOffice both respect (grid, cells and fixed layout)."""
    table.autofit = False
    properties = table._tbl.tblPr
    layout = properties.find(qn("w:tblLayout"))
    if layout is None:
        layout = OxmlElement("w:tblLayout")
        properties.append(layout)
    layout.set(qn("w:type"), "fixed")
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)


def _loop(doc: DocumentObject, head: str, body: list[tuple[str, str]], tail: str = "{%p endfor %}") -> None:
    doc.add_paragraph(head)
    for text, style in body:
        doc.add_paragraph(text, style=style)
    doc.add_paragraph(tail)


def _labelled(doc: DocumentObject, label: str, tag: str, *, keep: bool = False) -> None:
    """'Label: value' with the label in bold (an action card's line); ``keep`` holds it on the next one's page."""
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(3)
    paragraph.paragraph_format.keep_with_next = keep
    paragraph.add_run(label + ": ").bold = True
    paragraph.add_run("{{ " + tag + " }}")


def _cover_table(doc: DocumentObject, labels: list[str], cells: list[str]) -> None:
    """The cover's facts: labels on a light band, values beside them."""
    table = doc.add_table(rows=len(cells), cols=2)
    for row, label, value in zip(table.rows, labels, cells, strict=True):
        row.cells[0].text = label
        row.cells[1].text = value
        _shade(row.cells[0]._tc.get_or_add_tcPr(), "E4EAEF")
        for run in row.cells[0].paragraphs[0].runs:
            run.bold = True
    _house_table(table)
    for column, cell in enumerate(table.rows[0].cells):  # no header row here: undo the header look
        properties = cell._tc.get_or_add_tcPr()
        for shading in properties.findall(qn("w:shd")):
            properties.remove(shading)
        for run in cell.paragraphs[0].runs:
            run.font.color.rgb = None
            run.font.size = None
            run.bold = column == 0
    table.rows[0]._tr.get_or_add_trPr().remove(table.rows[0]._tr.trPr.find(qn("w:tblHeader")))
    _shade(table.rows[0].cells[0]._tc.get_or_add_tcPr(), "E4EAEF")
    _widths(table, [4.5, TEXT_WIDTH_CM - 4.5])


TOC_FIELD = ' TOC \\o "1-3" \\h \\z \\u '
"""Headings 1-3, as hyperlinks, without page numbers in web view, keeping outline levels (Word's default)."""


def _contents(doc: DocumentObject, title: str, placeholder: str) -> None:
    """A real table-of-contents field; the renderer writes the headings in as its current result and Word
    updates it (page numbers) on opening, since the settings ask it to."""
    doc.add_paragraph(title, style="TOC Heading")
    paragraph = doc.add_paragraph()
    for kind, text in (("begin", None), (None, TOC_FIELD), ("separate", None), (None, placeholder), ("end", None)):
        run = paragraph.add_run()
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
            if kind == "begin":
                element.set(qn("w:dirty"), "true")
        elif text == TOC_FIELD:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)
    _update_fields_on_open(doc)


_SETTINGS_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
)


def _update_fields_on_open(doc: DocumentObject) -> None:
    """w:updateFields in settings.xml, in its place in the schema's sequence (Word rejects it elsewhere)."""
    settings = doc.settings.element
    if settings.find(qn("w:updateFields")) is not None:
        return
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    follower = next((c for c in settings if c.tag in {qn("w:" + n) for n in _SETTINGS_AFTER_UPDATE_FIELDS}), None)
    if follower is None:
        settings.append(update)
    else:
        follower.addprevious(update)


def _signatures(doc: DocumentObject, x: dict[str, str]) -> None:
    """The legal representative signs; the RSU (a firm) or the CUG (a public body) too when an action needs an
    agreement with them."""
    doc.add_heading(x["sign"], level=1)
    doc.add_paragraph(x["sign_text"]).paragraph_format.keep_with_next = True  # never an orphan heading
    for tag, condition in (("signatures.legal", None), ("signatures.union", "signatures.union")):
        if condition:
            doc.add_paragraph("{%p if " + condition + " %}")
        block = doc.add_paragraph()
        block.paragraph_format.space_before = Pt(18)
        block.paragraph_format.keep_with_next = True
        block.add_run("{{ " + tag + " }}").bold = True
        for line in (x["sign_name"], x["sign_line"]):
            paragraph = doc.add_paragraph(line)
            paragraph.paragraph_format.space_before = Pt(10)
            paragraph.paragraph_format.keep_with_next = True
        if condition:
            doc.add_paragraph("{%p endif %}")


def build_plan_template(lang: str) -> DocumentObject:
    """The plan template for one language, following the outline in the project's domain notes."""
    x = TEXT[lang]
    doc = Document()
    _styles(doc, lang)
    section = doc.sections[0]
    section.header.paragraphs[0].text = x["header"]
    section.header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer.paragraphs[0]
    footer.text = x["footer"] + " · "
    _page_number(footer)

    # 0. cover and contents; the years on their own line (never '2027–' / '2029')
    title = doc.add_paragraph(x["title"].replace(" {{ period_years }}", ""), style="Title")
    title.add_run().add_break()
    title.add_run("{{ period_years }}")
    doc.add_paragraph("{{ org.name }}", style="Subtitle")
    status = doc.add_paragraph()
    status.add_run("{{ status_label }}").bold = True
    doc.add_paragraph("{%p if intake_warning %}")
    doc.add_paragraph().add_run("{{ intake_warning }}").bold = True
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p if evidence_warning %}")
    doc.add_paragraph().add_run("{{ evidence_warning }}").bold = True
    doc.add_paragraph("{%p endif %}")
    cover_cells = [
        "{{ org.name }}",
        "{{ org.place }}",
        "{{ status }}",
        "{{ version }}",
        "{{ date }}",
        "{{ consultant }}",
        "{{ period }}",
    ]
    _cover_table(doc, x["cover_rows"].split("|"), cover_cells)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _contents(doc, x["toc"], t("doc_toc_placeholder", "en" if lang == "en" else "it"))
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # 1. executive summary
    doc.add_heading(x["s1"], level=1)
    doc.add_heading(x["s1_needs"], level=4)
    _loop(
        doc,
        "{%p for n in top_needs %}",
        [("{{ n.label }} ({{ n.score }}/100, {{ n.confidence }}): {{ n.evidence }}", "List Bullet")],
    )
    doc.add_paragraph("{%p if not_assessed %}")
    doc.add_paragraph(x["s1_not_assessed"])
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p if uncovered_needs %}")
    doc.add_heading(x["s1_uncovered"], level=4)
    _loop(doc, "{%p for u in uncovered_needs %}", [("{{ u.label }}: {{ u.reason }}", "List Bullet")])
    doc.add_paragraph("{%p endif %}")
    doc.add_heading(x["s1_actions"], level=4)
    _loop(doc, "{%p for a in actions[:8] %}", [("{{ a.name }} ({{ a.months }}; {{ a.cost }})", "List Bullet")])
    doc.add_heading(x["s1_budget"], level=4)
    _loop(doc, "{%p for b in budget.lines %}", [("{{ b }}", "Normal")])
    doc.add_paragraph().add_run("{{ budget.verdict }}").bold = True
    doc.add_heading(x["s1_kpi"], level=4)
    _loop(doc, "{%p for k in key_indicators %}", [("{{ k.name }}: {{ k.baseline }} → {{ k.target }}", "List Bullet")])
    doc.add_heading(x["s1_decisions"], level=4)
    _loop(doc, "{%p for d in decisions %}", [("{{ d }}", "List Bullet")])

    # 2. organisation
    doc.add_heading(x["s2"], level=1)
    _table(doc, x["s2_head"], ["{{ f.label }}", "{{ f.value }}"], "f in profile_facts", [10, 7])
    doc.add_paragraph("{%p if in_place %}")
    doc.add_paragraph(x["s2_in_place"])
    doc.add_paragraph("{%p endif %}")

    # 3. method
    doc.add_heading(x["s3"], level=1)
    doc.add_paragraph(x["s3_text"])

    # 4. needs profile
    doc.add_heading(x["s4"], level=1)
    doc.add_paragraph("{{ needs_chart }}")
    doc.add_heading(x["s4_evidence"], level=2)
    doc.add_paragraph("{%p for n in top_needs %}")
    doc.add_heading("{{ n.label }} ({{ n.score }}/100, {{ n.confidence }})", level=4)
    doc.add_paragraph("{{ n.description }}")
    doc.add_paragraph("{%p for e in n.lines %}")
    doc.add_paragraph("{{ e }}", style="List Bullet")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p if uncovered_needs %}")
    doc.add_heading(x["s4_uncovered"], level=2)
    _table(doc, x["s6_dropped_head"], ["{{ u.label }}", "{{ u.reason }}"], "u in uncovered_needs", [5, 12])
    doc.add_paragraph("{%p endif %}")
    doc.add_heading(x["s4_feasibility"], level=2)
    doc.add_paragraph("{{ feasibility_chart }}")
    _table(
        doc,
        x["s4_feas_head"],
        ["{{ f.label }}", "{{ f.score }}", "{{ f.level }}", "{{ f.evidence }}"],
        "f in feasibility",
        [4.5, 2.4, 2.6, 7.5],
    )

    # 5. objectives
    doc.add_heading(x["s5"], level=1)
    _table(
        doc,
        x["s5_head"],
        ["{{ o.title }}\n{{ o.actions }}", "{{ o.target_group }}", "{{ o.due }}", "{{ o.indicators }}"],
        "o in objectives",
        [7.2, 3.4, 2.6, 3.8],
    )

    # 6. actions
    doc.add_heading(x["s6"], level=1)
    _table(
        doc,
        x["s6_head"],
        [
            "{{ a.number }}. {{ a.name }}\n{{ a.area }}",
            "{{ a.target }}",
            "{{ a.owner }}",
            "{{ a.span }}",
            "{{ a.budget }}",
            "{{ a.funding }}",
        ],
        "a in actions",
        [4.8, 3.0, 3.0, 1.5, 2, 2.7],
    )
    doc.add_paragraph("{%p if areas %}")
    doc.add_heading(x["s6_areas"], level=2)
    _table(doc, x["s6_areas_head"], ["{{ r.label }}", "{{ r.actions }}"], "r in areas", [6, 11])
    doc.add_paragraph("{%p endif %}")
    doc.add_heading(x["s6_cards"], level=2)
    doc.add_paragraph("{%p for a in actions %}")
    doc.add_heading("{{ a.number }}. {{ a.name }}", level=3)
    for key, tag in (
        ("s6_why", "a.rationale"),
        ("s6_what", "a.description"),
        ("s6_who", "a.target"),
        ("s6_owner", "a.owner"),
        ("s6_when", "a.timing"),
        ("s6_money", "a.money"),
    ):
        _labelled(doc, x[key], tag, keep=key != "s6_money")  # a card's core reads on one page
    doc.add_paragraph("{%p if a.routes %}")
    _labelled(doc, x["s6_routes"], "a.routes")
    doc.add_paragraph("{%p endif %}")
    _labelled(doc, x["s6_kpi"], "a.indicators")
    _labelled(doc, x["s6_laws"], "a.laws")
    doc.add_paragraph("{%p if a.services %}")
    _labelled(doc, x["s6_services"], "a.services")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p if a.watch %}")
    _labelled(doc, x["s6_watch"], "a.watch")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p if dropped %}")
    doc.add_heading(x["s6_dropped"], level=2)
    _table(doc, x["s6_dropped_head"], ["{{ d.name }}", "{{ d.reason }}"], "d in dropped", [5, 12])
    doc.add_paragraph("{%p endif %}")

    # 7. timeline
    doc.add_heading(x["s7"], level=1)
    doc.add_paragraph("{{ gantt_chart }}")

    # 8. budget
    doc.add_heading(x["s8"], level=1)
    _loop(doc, "{%p for b in budget.lines %}", [("{{ b }}", "Normal")])
    doc.add_paragraph().add_run("{{ budget.verdict }}").bold = True
    _table(
        doc,
        x["s8_head"],
        ["{{ b.name }}", "{{ b.range }}", "{{ b.central }}", "{{ b.split }}"],
        "b in actions",
        [5.6, 3.8, 2.6, 5],
        total=[x["s8_total"], "{{ total_range }}", "{{ total_budget }}", "{{ total_split }}"],
    )
    doc.add_heading(x["s8_years"], level=2)
    doc.add_paragraph("{%p if has_welfare %}")
    _table(
        doc,
        x["s8_years_head"],
        ["{{ y.label }}", "{{ y.company }}", "{{ y.welfare }}", "{{ y.public }}", "{{ y.total }}", "{{ y.cap }}"],
        "y in budget_years",
        [3.2, 2.8, 2.6, 2.6, 2.6, 3.2],
        total=[
            x["s8_total"],
            "{{ budget_total.company }}",
            "{{ budget_total.welfare }}",
            "{{ budget_total.public }}",
            "{{ budget_total.total }}",
            "{{ budget_total.cap }}",
        ],
    )
    doc.add_paragraph("{%p else %}")
    _table(
        doc,
        x["s8_years_head_plain"],
        ["{{ y.label }}", "{{ y.company }}", "{{ y.public }}", "{{ y.total }}", "{{ y.cap }}"],
        "y in budget_years",
        [3.6, 3.4, 3.2, 3.2, 3.6],
        total=[
            x["s8_total"],
            "{{ budget_total.company }}",
            "{{ budget_total.public }}",
            "{{ budget_total.total }}",
            "{{ budget_total.cap }}",
        ],
    )
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{{ budget.note }}")

    # 9. indicators
    doc.add_heading(x["s9"], level=1)
    _table(
        doc,
        x["s9_head"],
        [
            "{{ i.name }}\n{{ i.formula }}",
            "{{ i.baseline }}\n{{ i.baseline_note }}",
            "{{ i.target }}\n{{ i.target_note }}",
            "{{ i.frequency }}",
            "{{ i.source }}",
            "{{ i.owner }}",
        ],
        "i in indicators",
        [5.0, 2.9, 3.0, 2.0, 2.1, 2.0],
    )
    doc.add_paragraph("{%p if target_rule %}")
    doc.add_paragraph("{{ target_rule }}")
    doc.add_paragraph("{%p endif %}")

    # 10. monitoring
    doc.add_heading(x["s10"], level=1)
    doc.add_paragraph(x["s10_text"])
    _table(doc, x["s10_head"], ["{{ m.date }}", "{{ m.what }}", "{{ m.who }}"], "m in monitoring", [2.4, 10, 4.6])
    doc.add_paragraph("{%p if manager_objectives %}")
    doc.add_heading(x["s10_mbo"], level=2)
    _table(
        doc,
        x["s10_mbo_head"],
        [
            "{{ g.manager }}",
            "{{ g.objective }}\n{{ g.evidence }}",
            "{{ g.indicator }}: {{ g.target }}",
            "{{ g.weight }}",
            "{{ g.review }}",
        ],
        "g in manager_objectives",
        [3.4, 5.8, 3.8, 1.5, 2.5],
    )
    doc.add_paragraph("{%p endif %}")

    # 11. participation, 12. communication: headings always, a line to fill in when empty
    doc.add_heading(x["s11"], level=1)
    doc.add_paragraph("{%p if participation %}")
    _table(doc, x["s11_head"], ["{{ p.body }}", "{{ p.role }}", "{{ p.when }}"], "p in participation", [4, 9, 4])
    doc.add_paragraph("{%p else %}")
    doc.add_paragraph("{{ part_todo }}")
    doc.add_paragraph("{%p endif %}")
    doc.add_heading(x["s12"], level=1)
    doc.add_paragraph("{%p if communication %}")
    _table(
        doc,
        x["s12_head"],
        ["{{ c.when }}", "{{ c.audience }}", "{{ c.message }}", "{{ c.channel }}", "{{ c.owner }}"],
        "c in communication",
        [2.3, 3.2, 6, 2.7, 2.8],
    )
    doc.add_paragraph("{%p else %}")
    doc.add_paragraph("{{ comm_todo }}")
    doc.add_paragraph("{%p endif %}")

    # 13. legal references, then the signatures
    doc.add_heading(x["s13"], level=1)
    _table(doc, x["s13_head"], ["{{ r.title }}", "{{ r.summary }}", "{{ r.nature }}"], "r in legal", [5, 9, 3])
    _signatures(doc, x)

    # annexes
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_heading(x["annex_a"], level=1)
    doc.add_paragraph("{%p for s in answer_sections %}")
    doc.add_heading("{{ s.title }}", level=4)
    _table(doc, x["annex_a_head"], ["{{ r.question }}", "{{ r.answer }}"], "r in s.rows", [11, 6])
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p if services %}")
    doc.add_heading(x["annex_b"], level=1)
    doc.add_paragraph("{{ ambito }}")
    _table(
        doc,
        x["annex_b_head"],
        ["{{ s.name }}", "{{ s.provider }}", "{{ s.welfare }}", "{{ s.actions }}"],
        "s in services",
        [5, 5, 3, 4],
    )
    doc.add_paragraph("{%p endif %}")
    doc.add_heading(x["annex_c"], level=1)
    _table(
        doc,
        x["annex_c_head"],
        ["{{ c.label }}", "{{ c.score }}", "{{ c.confidence }}", "{{ c.coverage }}", "{{ c.lines }}"],
        "c in score_notes",
        [3.4, 2.2, 2, 2.2, 7.2],
    )
    _welfare_annex(doc, x)
    _crosswalk_annex(doc, x)
    doc.core_properties.title = x["title"].replace("{{ period_years }}", "").strip()
    return doc


def _welfare_annex(doc: DocumentObject, x: dict[str, str]) -> None:
    """Annex D, only when the plan has a welfare budget; a year without tax rules shows why instead."""
    doc.add_paragraph("{%p if welfare %}")
    doc.add_heading(x["annex_d"], level=1)
    doc.add_paragraph("{%p if welfare.problem %}")
    doc.add_paragraph("{{ welfare.problem }}")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p if welfare.sources %}")
    doc.add_paragraph(x["annex_d_total"])
    _table(doc, x["annex_d_head"], ["{{ r.label }}", "{{ r.amount }}"], "r in welfare.sources", [12, 5])
    _loop(doc, "{%p for v in welfare.verdict %}", [("{{ v }}", "List Bullet")])
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p if welfare.bonus %}")
    doc.add_heading(x["annex_d_bonus"], level=2)
    _table(doc, x["annex_d_head"], ["{{ r.label }}", "{{ r.amount }}"], "r in welfare.bonus", [12, 5])
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p if welfare.packages %}")
    doc.add_heading(x["annex_d_packages"], level=2)
    doc.add_paragraph(x["annex_d_packages_text"])
    _table(
        doc,
        x["annex_d_packages_head"],
        [
            "{{ p.name }}\n{{ p.provider }}",
            "{{ p.need }}\n{{ p.tax_route }}",
            "{{ p.quantity }}\n{{ p.unit }}",
            "{{ p.price }}",
            "{{ p.cost }}",
        ],
        "p in welfare.packages.lines",
        [5.2, 4.6, 2.6, 2.4, 2.2],
    )
    doc.add_paragraph(x["annex_d_packages_total"])
    _loop(doc, "{%p for n in welfare.packages.notes %}", [("{{ n }}", "List Bullet")])
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p if welfare.parameters %}")
    doc.add_heading(x["annex_d_parameters"], level=2)
    _table(
        doc,
        x["annex_d_parameters_head"],
        ["{{ r.label }}", "{{ r.value }}", "{{ r.source }}", "{{ r.status }}"],
        "r in welfare.parameters",
        [5.5, 2.5, 6.5, 2.5],
    )
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p if welfare.exempt %}")
    doc.add_heading(x["annex_d_items"], level=2)
    _table(
        doc,
        x["annex_d_items_head"],
        ["{{ r.provision }}", "{{ r.covers }}", "{{ r.cap }}", "{{ r.status }}"],
        "r in welfare.exempt",
        [5, 7.5, 2.3, 2.2],
    )
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p endif %}")


def _crosswalk_annex(doc: DocumentObject, x: dict[str, str]) -> None:
    """Annex E: one table per scheme, its summary and its caveats (mapping and points to be checked)."""
    doc.add_paragraph("{%p if crosswalk %}")
    doc.add_heading(x["annex_e"], level=1)
    doc.add_paragraph("{{ crosswalk.disclaimer }}")
    doc.add_paragraph("{%p for s in crosswalk.schemes %}")
    doc.add_heading("{{ s.name }}", level=2)
    _table(doc, x["annex_e_head"], ["{{ r.area }}", "{{ r.covered }}", "{{ r.actions }}"], "r in s.rows", [6, 2, 9])
    doc.add_paragraph("{{ s.summary }}")
    _loop(doc, "{%p for n in s.notes %}", [("{{ n }}", "List Bullet")])
    doc.add_paragraph("{%p endfor %}")
    doc.add_heading("{{ crosswalk.pdr.title }}", level=2)
    _table(
        doc,
        x["annex_e_pdr_head"],
        ["{{ r.kpi }}", "{{ r.points }}", "{{ r.state }}", "{{ r.actions }}"],
        "r in crosswalk.pdr.rows",
        [6.5, 2.3, 2.7, 5.5],
    )
    _loop(doc, "{%p for n in crosswalk.pdr.summary %}", [("{{ n }}", "Normal")])
    _loop(doc, "{%p for n in crosswalk.pdr.notes %}", [("{{ n }}", "List Bullet")])
    doc.add_paragraph("{%p endif %}")


MONITORING_TEXT: dict[str, dict[str, str]] = {
    "it": {
        "title": "Monitoraggio del piano di conciliazione",
        "intro": (
            "Situazione degli indicatori di risultato al {{ date }} (piano versione {{ plan_version }}, "
            "{{ period }}). {{ summary }}"
        ),
        "table_head": "Indicatore|Baseline|Target|Ultima lettura|Atteso a quella data|Stato",
        "rule_title": "Come si legge lo stato",
        "charts_title": "Andamento degli indicatori",
        "attention_title": "Da discutere nel gruppo di pilotaggio",
        "signature": "Referente del piano: ______________________     Data: ____________",
        "footer": "{{ org.name }} · Monitoraggio del piano · {{ date }}",
    },
    "en": {
        "title": "Work-life plan monitoring report",
        "intro": ("Result indicators as of {{ date }} (plan version {{ plan_version }}, {{ period }}). {{ summary }}"),
        "table_head": "Indicator|Baseline|Target|Latest reading|Expected at that date|Status",
        "rule_title": "How to read the status",
        "charts_title": "Indicator trends",
        "attention_title": "For the steering group",
        "signature": "Plan coordinator: ______________________     Date: ____________",
        "footer": "{{ org.name }} · Plan monitoring · {{ date }}",
    },
}


def build_monitoring_template(lang: str) -> DocumentObject:
    x = MONITORING_TEXT[lang]
    doc = Document()
    _styles(doc, lang)
    section = doc.sections[0]
    section.header.paragraphs[0].text = "{{ org.name }}"
    section.header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer.paragraphs[0]
    footer.text = x["footer"] + " · "
    _page_number(footer)
    doc.add_paragraph(x["title"], style="Title")
    doc.add_paragraph("{{ org.name }}", style="Subtitle")
    doc.add_paragraph(x["intro"])
    _table(
        doc,
        x["table_head"],
        ["{{ r.name }}", "{{ r.baseline }}", "{{ r.target }}", "{{ r.latest }}", "{{ r.expected }}", "{{ r.status }}"],
        "r in rows",
        [5.2, 2.3, 2.6, 2.6, 2.3, 2.0],
    )
    doc.add_paragraph("{%p if attention %}")
    doc.add_heading(x["attention_title"], level=1)
    doc.add_paragraph("{%p for a in attention %}")
    doc.add_paragraph("{{ a }}", style="List Bullet")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endif %}")
    doc.add_heading(x["rule_title"], level=1)
    doc.add_paragraph("{{ rule }}")
    doc.add_paragraph("{%p if charts %}")
    doc.add_heading(x["charts_title"], level=1)
    doc.add_paragraph("{%p for c in charts %}")
    doc.add_paragraph("{{ c }}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph()
    doc.add_paragraph(x["signature"])
    return doc


PIAO_TEXT: dict[str, dict[str, str]] = {
    "it": {
        "title": "PIAO {{ triennium }} – Sezione 3 «Organizzazione e capitale umano»",
        "subtitle": "Sottosezione 3.2 «Organizzazione del lavoro agile» · {{ org.name }}",
        "s1": "3.2 Organizzazione del lavoro agile",
        "s1_intro": (
            "Questa sottosezione (DM 132/2022, art. 4, comma 1, lettera b) indica per il triennio {{ triennium }} la "
            "strategia e gli obiettivi del lavoro agile dell'ente: le condizioni per svolgerlo, i fattori abilitanti "
            "(salute organizzativa, professionale, digitale ed economico-finanziaria), le attività che possono essere "
            "svolte in modalità agile, le modalità attuative, gli obiettivi e gli indicatori di monitoraggio. È redatta "
            "in coerenza con le Linee guida sul POLA del Dipartimento della funzione pubblica e con la disciplina del "
            "lavoro agile del contratto collettivo nazionale."
        ),
        "s1_references": "Riferimenti normativi e contrattuali",
        "s1_rules": "Condizioni per lo svolgimento del lavoro agile",
        "s1_rules_list": (
            "Il lavoro agile si svolge su base volontaria, con un accordo individuale scritto (artt. 18-23 L. 81/2017), "
            "secondo la disciplina del contratto collettivo nazionale e del regolamento dell'ente.\n"
            "Il lavoro agile non pregiudica né riduce i servizi agli utenti: la presenza negli uffici è programmata "
            "per garantirli.\n"
            "L'ente fornisce o autorizza dotazioni e strumenti digitali adeguati, che garantiscono la sicurezza e la "
            "riservatezza dei dati.\n"
            "Hanno priorità di accesso le persone indicate dalla legge (art. 18, comma 3-bis, L. 81/2017: genitori di "
            "figli fino a 12 anni o con disabilità, lavoratori con disabilità, caregiver); per i lavoratori fragili si "
            "applica la direttiva del 29/12/2023.\n"
            "Sono assicurati il diritto alla disconnessione e le fasce di contattabilità fissate nell'accordo "
            "individuale."
        ),
        "s1_level": "Fattori abilitanti e livello di attuazione",
        "s1_conditions": "Condizioni abilitanti",
        "s1_conditions_head": "Condizione|Punteggio|Dato principale",
        "s1_next": "Che cosa serve per il livello successivo",
        "s1_mapping": "Attività che possono essere svolte in lavoro agile",
        "s1_mapping_head": "Attività|Ufficio|Svolgibile da remoto|Personale",
        "s1_actions": "Modalità attuative",
        "s1_actions_head": "Azione|Destinatari|Responsabile|Tempi|Indicatori",
        "s1_indicators": "Obiettivi e indicatori",
        "s1_indicators_text": (
            "Per ogni indicatore: la baseline dalle risposte dell'ente, con fonte e data, oppure la data entro cui "
            "rilevarla e la fonte; il target del triennio proposto dal piano, da confermare con l'adozione del PIAO."
        ),
        "s1_indicators_head": "Dimensione|Indicatore|Baseline|Target nel triennio",
        "s1_training": "Formazione di dirigenti, posizioni organizzative e personale",
        "s1_training_head": "Modulo|Destinatari|Ore|Prima edizione|Perché",
        "s2": "Altre misure di conciliazione collegate",
        "s2_text": (
            "Azioni positive per la conciliazione vita-lavoro previste dal piano dell'ente che non sono modalità di "
            "lavoro agile: restano fuori da questa sottosezione e vanno riportate nel piano triennale di azioni "
            "positive (art. 48 D.Lgs. 198/2006), assorbito nel PIAO e condiviso con il CUG."
        ),
        "s2_item": "{{ a.name }} — {{ a.owner }}, {{ a.timing }}",
        "footer": "{{ org.name }} · PIAO {{ triennium }} – organizzazione del lavoro agile · {{ date }}",
    },
    "en": {
        "title": "PIAO {{ triennium }} – Section 3 «Organisation and human capital»",
        "subtitle": "Sub-section 3.2 «Organisation of agile work» · {{ org.name }}",
        "s1": "3.2 Organisation of agile work",
        "s1_intro": (
            "This sub-section (DM 132/2022, art. 4(1)(b)) sets out the body's agile-work strategy and objectives for "
            "the period {{ triennium }}: the conditions for agile work, the enabling factors (organisational, "
            "professional, digital and economic-financial health), the activities that can be done in agile work, how "
            "it is implemented, the objectives and the monitoring indicators. It follows the POLA guidelines of the "
            "Department of Public Administration and the national collective agreement's rules on agile work."
        ),
        "s1_references": "Legal and contractual references",
        "s1_rules": "Conditions for agile work",
        "s1_rules_list": (
            "Agile work is voluntary and based on a written individual agreement (arts. 18-23 L. 81/2017), under the "
            "national collective agreement and the body's own rules.\n"
            "Agile work neither harms nor reduces services to users: presence in the offices is scheduled to "
            "guarantee them.\n"
            "The body supplies or authorises suitable digital equipment and tools that keep data secure and "
            "confidential.\n"
            "Priority goes to the people the law names (art. 18(3-bis) L. 81/2017: parents of children up to 12 or "
            "with disabilities, workers with disabilities, carers); for vulnerable workers the directive of "
            "29/12/2023 applies.\n"
            "The right to disconnect and the contact hours set in the individual agreement are guaranteed."
        ),
        "s1_level": "Enabling factors and level of implementation",
        "s1_conditions": "Enabling conditions",
        "s1_conditions_head": "Condition|Score|Main evidence",
        "s1_next": "What the next level takes",
        "s1_mapping": "Activities that can be done in agile work",
        "s1_mapping_head": "Activity|Office|Remotable|Staff",
        "s1_actions": "How agile work is implemented",
        "s1_actions_head": "Action|Target group|Owner|Timing|Indicators",
        "s1_indicators": "Objectives and indicators",
        "s1_indicators_text": (
            "For each indicator: the baseline from the body's answers, with source and date, or the date by which to "
            "measure it and the source; the period's target proposed by the plan, to be confirmed when the PIAO is "
            "adopted."
        ),
        "s1_indicators_head": "Dimension|Indicator|Baseline|Target in the period",
        "s1_training": "Training for managers, unit heads and staff",
        "s1_training_head": "Module|Audience|Hours|First edition|Why",
        "s2": "Other related work-life measures",
        "s2_text": (
            "Positive actions for work-life balance in the body's plan that are not forms of agile work: they stay out "
            "of this sub-section and belong in the three-year positive-action plan (art. 48 D.Lgs. 198/2006), part of "
            "the PIAO and shared with the CUG."
        ),
        "s2_item": "{{ a.name }} — {{ a.owner }}, {{ a.timing }}",
        "footer": "{{ org.name }} · PIAO {{ triennium }} – organisation of agile work · {{ date }}",
    },
}


def build_piao_template(lang: str) -> DocumentObject:
    """The PIAO lavoro-agile sub-section: lavoro agile only; the plan's other actions in a short list apart."""
    x = PIAO_TEXT[lang]
    doc = house_document(lang)
    doc.core_properties.language = LANGUAGE_TAGS[lang]
    footer = doc.sections[0].footer.paragraphs[0]
    footer.text = x["footer"] + " · "
    _page_number(footer)
    doc.add_paragraph(x["title"], style="Title")
    doc.add_paragraph(x["subtitle"], style="Subtitle")
    doc.add_paragraph("{{ period }}")
    doc.add_heading(x["s1"], level=1)
    doc.add_paragraph(x["s1_intro"])
    doc.add_paragraph("{%p if references %}")
    doc.add_heading(x["s1_references"], level=2)
    _loop(doc, "{%p for r in references %}", [("{{ r.title }}", "List Bullet")])
    doc.add_paragraph("{%p endif %}")
    doc.add_heading(x["s1_rules"], level=2)
    for rule in x["s1_rules_list"].split("\n"):
        doc.add_paragraph(rule, style="List Bullet")
    doc.add_heading(x["s1_level"], level=2)
    doc.add_paragraph("{{ level_text }}")
    doc.add_paragraph("{{ maturity_chart }}")
    doc.add_heading(x["s1_conditions"], level=3)
    _table(
        doc,
        x["s1_conditions_head"],
        ["{{ c.label }}", "{{ c.score }}", "{{ c.evidence }}"],
        "c in conditions",
        [5, 2.5, 9.5],
    )
    doc.add_paragraph("{%p if steps %}")
    doc.add_heading(x["s1_next"], level=3)
    doc.add_paragraph("{%p for s in steps %}")
    doc.add_paragraph("{{ s }}", style="List Bullet")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endif %}")
    doc.add_heading(x["s1_mapping"], level=2)
    doc.add_paragraph("{{ mapping_text }}")
    doc.add_paragraph("{%p if activities %}")
    _table(
        doc,
        x["s1_mapping_head"],
        ["{{ a.activity }}", "{{ a.office }}", "{{ a.remotable }}", "{{ a.staff }}"],
        "a in activities",
        [7, 4, 3.5, 2.5],
    )
    doc.add_paragraph("{%p endif %}")
    doc.add_heading(x["s1_actions"], level=2)
    doc.add_paragraph("{{ actions_text }}")
    doc.add_paragraph("{%p if agile_actions %}")
    _table(
        doc,
        x["s1_actions_head"],
        [
            "{{ a.name }}\n{{ a.description }}",
            "{{ a.target }}",
            "{{ a.owner }}",
            "{{ a.timing }}",
            "{{ a.indicators }}",
        ],
        "a in agile_actions",
        [5.6, 2.8, 3, 2.6, 3],
    )
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p if indicators %}")
    doc.add_heading(x["s1_indicators"], level=2)
    doc.add_paragraph(x["s1_indicators_text"])
    _table(
        doc,
        x["s1_indicators_head"],
        ["{{ i.section }}", "{{ i.name }}", "{{ i.baseline }}", "{{ i.target }}"],
        "i in indicators",
        [3.5, 4.2, 4.4, 4.9],
    )
    doc.add_paragraph("{%p endif %}")
    doc.add_heading(x["s1_training"], level=2)
    _table(
        doc,
        x["s1_training_head"],
        ["{{ m.title }}\n{{ m.topics }}", "{{ m.audience }}", "{{ m.hours }}", "{{ m.month }}", "{{ m.because }}"],
        "m in training",
        [6, 2.8, 1.2, 2.5, 4.5],
    )
    doc.add_paragraph("{%p if related_actions %}")
    doc.add_heading(x["s2"], level=1)
    doc.add_paragraph(x["s2_text"])
    doc.add_paragraph("{%p for a in related_actions %}")
    doc.add_paragraph(x["s2_item"], style="List Bullet")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endif %}")
    return doc


def write_templates(folder: Path = TEMPLATES_DIR) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for lang in TEXT:
        path = folder / f"piano_conciliazione_{lang}.docx"
        build_plan_template(lang).save(str(path))
        written.append(path)
        path = folder / f"monitoraggio_{lang}.docx"
        build_monitoring_template(lang).save(str(path))
        written.append(path)
        path = folder / f"piao_lavoro_agile_{lang}.docx"
        build_piao_template(lang).save(str(path))
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover
    for written_path in write_templates():
        print(written_path)  # noqa: T201
