"""Writes the first version of the Word plan templates in ``plan_templates/``.

The templates are *the* editable artefact: a consultant opens them in Word and
restyles them (fonts, colours, logo, wording). This builder exists so the first
version is generated with every docxtpl tag in a single run (Word splits tags
typed by hand across runs, which breaks them) and so both languages share one
structure. Run ``python -m workbench.export.template_builder`` to regenerate;
it overwrites the templates, so keep hand edits in Word, not here.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

from workbench.settings import PROJECT_ROOT

TEMPLATES_DIR = PROJECT_ROOT / "plan_templates"
TABLE_STYLE = "Light Grid Accent 1"
TABLE_FONT = Pt(9)

TEXT: dict[str, dict[str, str]] = {
    "it": {
        "title": "Piano di conciliazione vita-lavoro {{ period_years }}",
        "cover_rows": "Organizzazione|Sede|Versione|Data|Consulente|Periodo del piano",
        "s1": "1. Sintesi per la direzione",
        "s1_needs": "I bisogni principali",
        "s1_actions": "Le azioni principali",
        "s1_budget": (
            "Budget stimato per tutto il periodo: {{ total_budget }}, pari a {{ cost_per_employee }} per dipendente."
        ),
        "s1_not_assessed": "Non rilevati per mancanza di dati (da completare prima di decidere): {{ not_assessed }}.",
        "s1_kpi": "Gli indicatori che diranno se il piano funziona",
        "s1_decisions": "Che cosa deve decidere la direzione",
        "s2": "2. L'organizzazione",
        "s2_head": "Dato|Valore",
        "s2_in_place": "Misure di conciliazione già presenti: {{ in_place }}.",
        "s3": "3. Metodo",
        "s3_text": (
            "L'analisi si basa sul questionario di ingresso compilato con la direzione ({{ questionnaire }}, "
            "{{ date }}), con una copertura delle domande rilevanti del {{ coverage }}. Ogni punteggio da 0 a 100 è "
            "spiegato dalle risposte che lo determinano (allegato A); le soglie sono stime da tarare sui dati "
            "dell'organizzazione. Le misure sono state scelte dal catalogo in base ai bisogni, alla fattibilità "
            "organizzativa e al costo. Accanto a ogni punteggio è indicata l'evidenza (alta, media o bassa: quanta "
            "parte dei dati che contano è nota, e con quale precisione); una dimensione con troppo pochi dati è "
            "«non rilevata» e non ha punteggio."
        ),
        "s4": "4. Profilo dei bisogni",
        "s4_evidence": "Da che cosa emerge",
        "s4_feasibility": "Che cosa è realisticamente possibile",
        "s4_feas_head": "Dimensione|Punteggio|Livello|Dato principale",
        "s5": "5. Obiettivi",
        "s5_head": "Obiettivo|Per chi|Entro|Indicatori",
        "s6": "6. Azioni",
        "s6_head": "Azione|Destinatari|Responsabile|Mesi|Budget|Finanziamento",
        "s6_why": "Perché",
        "s6_what": "Che cosa",
        "s6_who": "Destinatari",
        "s6_owner": "Responsabile",
        "s6_when": "Tempi",
        "s6_money": "Risorse",
        "s6_kpi": "Indicatori",
        "s6_services": "Servizi del territorio",
        "s6_laws": "Riferimenti",
        "s6_watch": "Attenzione",
        "s6_dropped": "Misure valutate e non proposte",
        "s6_dropped_head": "Misura|Motivo",
        "s7": "7. Cronoprogramma",
        "s8": "8. Budget e copertura",
        "s8_head": "Azione|Stima (minimo–massimo)|Stima centrale|Finanziamento",
        "s8_total": "Totale",
        "s8_years_head": "Anno del piano|Importo stimato",
        "s8_note": (
            "Le stime moltiplicano i costi indicativi del catalogo per le persone coinvolte e per gli anni di "
            "attività; vanno confermate con preventivi. Il credito welfare (art. 51 TUIR) e la conversione del premio "
            "di risultato possono coprire i servizi di cura; per le azioni organizzative si possono valutare bandi "
            "regionali e l'art. 9 L. 53/2000."
        ),
        "s9": "9. Indicatori di risultato",
        "s9_head": "Indicatore e formula|Baseline|Target|Frequenza|Fonte dei dati|Responsabile",
        "s10": "10. Monitoraggio e valutazione",
        "s10_text": (
            "Il referente del piano raccoglie gli indicatori con la frequenza indicata e li presenta al gruppo di "
            "pilotaggio. Ogni anno una relazione di monitoraggio confronta i valori con i target, informa i dipendenti "
            "e aggiorna gli obiettivi dei responsabili."
        ),
        "s10_head": "Data|Attività|Chi",
        "s10_mbo": "Obiettivi dei responsabili (valutazione per obiettivi)",
        "s10_mbo_head": "Responsabile|Obiettivo|Indicatore e target|Peso|Verifica",
        "s11": "11. Riferimenti normativi",
        "s11_head": "Riferimento|Perché conta|Natura",
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
        "signature": "Per approvazione: ______________________     Data: ____________",
        "footer": "{{ org.name }} · Piano di conciliazione vita-lavoro · versione {{ version }}",
        "header": "{{ status_label }}",
    },
    "en": {
        "title": "Work-life conciliation plan {{ period_years }}",
        "cover_rows": "Organisation|Location|Version|Date|Consultant|Plan period",
        "s1": "1. Executive summary",
        "s1_needs": "Main needs",
        "s1_actions": "Headline actions",
        "s1_budget": (
            "Estimated budget for the whole period: {{ total_budget }}, i.e. {{ cost_per_employee }} per employee."
        ),
        "s1_not_assessed": "Not assessed for lack of data (to complete before deciding): {{ not_assessed }}.",
        "s1_kpi": "The indicators that will tell whether the plan works",
        "s1_decisions": "What management must decide",
        "s2": "2. The organisation",
        "s2_head": "Item|Value",
        "s2_in_place": "Work-life measures already in place: {{ in_place }}.",
        "s3": "3. Method",
        "s3_text": (
            "The analysis rests on the intake questionnaire filled in with management ({{ questionnaire }}, "
            "{{ date }}), covering {{ coverage }} of the relevant questions. Every 0-100 score is explained by the "
            "answers behind it (annex A); thresholds are estimates to calibrate on the organisation's data. Measures "
            "were chosen from the catalogue by need, organisational feasibility and cost. Next to every score is its "
            "evidence (high, medium or low: how much of the data that count is known, and how precisely); a "
            "dimension with too little data is 'not assessed' and has no score."
        ),
        "s4": "4. Needs profile",
        "s4_evidence": "What shows it",
        "s4_feasibility": "What is realistically possible",
        "s4_feas_head": "Dimension|Score|Level|Main evidence",
        "s5": "5. Objectives",
        "s5_head": "Objective|For whom|By|Indicators",
        "s6": "6. Actions",
        "s6_head": "Action|Target group|Owner|Months|Budget|Funding",
        "s6_why": "Why",
        "s6_what": "What",
        "s6_who": "Target group",
        "s6_owner": "Owner",
        "s6_when": "Timing",
        "s6_money": "Resources",
        "s6_kpi": "Indicators",
        "s6_services": "Local services",
        "s6_laws": "References",
        "s6_watch": "Watch out",
        "s6_dropped": "Measures considered and not proposed",
        "s6_dropped_head": "Measure|Reason",
        "s7": "7. Timeline",
        "s8": "8. Budget and funding",
        "s8_head": "Action|Estimate (min–max)|Central estimate|Funding",
        "s8_total": "Total",
        "s8_years_head": "Plan year|Estimated amount",
        "s8_note": (
            "Estimates multiply the catalogue's indicative costs by the people involved and the years of activity; "
            "confirm them with quotes. The welfare credit (art. 51 TUIR) and the conversion of the productivity bonus "
            "can cover care services; organisational actions may qualify for regional calls and art. 9 L. 53/2000."
        ),
        "s9": "9. Result indicators",
        "s9_head": "Indicator and formula|Baseline|Target|Frequency|Data source|Owner",
        "s10": "10. Monitoring and evaluation",
        "s10_text": (
            "The plan coordinator collects the indicators at the stated frequency and reports to the steering group. "
            "Every year a monitoring report compares values with targets, informs employees and updates managers' "
            "objectives."
        ),
        "s10_head": "Date|Activity|Who",
        "s10_mbo": "Managers' objectives (evaluation by objectives)",
        "s10_mbo_head": "Manager|Objective|Indicator and target|Weight|Review",
        "s11": "11. Legal references",
        "s11_head": "Reference|Why it matters|Nature",
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
        "signature": "Approved by: ______________________     Date: ____________",
        "footer": "{{ org.name }} · Work-life conciliation plan · version {{ version }}",
        "header": "{{ status_label }}",
    },
}


def _styles(doc: DocumentObject) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for name, size in (("Title", 26), ("Heading 1", 16), ("Heading 2", 13), ("Heading 3", 11)):
        style = doc.styles[name]
        style.font.name = "Calibri"
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0x1F, 0x3B, 0x4D)
    for section in doc.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(2)


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
    table.style = doc.styles[TABLE_STYLE]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, title in zip(table.rows[0].cells, titles, strict=True):
        cell.text = title
        for run in cell.paragraphs[0].runs:
            run.bold = True
            run.font.size = TABLE_FONT
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
            for run in cell.paragraphs[0].runs:
                run.bold = True
                run.font.size = TABLE_FONT
    if widths:
        _widths(table, widths)
    return table


def _widths(table: Table, widths: list[float]) -> None:
    """Fixed column widths that Word and LibreOffice both respect (grid, cells and fixed layout)."""
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
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


def build_plan_template(lang: str) -> DocumentObject:
    """The plan template for one language, following the outline in the project's domain notes."""
    x = TEXT[lang]
    doc = Document()
    _styles(doc)
    section = doc.sections[0]
    section.header.paragraphs[0].text = x["header"]
    section.header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer.paragraphs[0]
    footer.text = x["footer"] + " · "
    _page_number(footer)

    # 0. cover
    doc.add_paragraph(x["title"], style="Title")
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
        "{{ version }}",
        "{{ date }}",
        "{{ consultant }}",
        "{{ period }}",
    ]
    table = doc.add_table(rows=len(cover_cells), cols=2)
    table.style = doc.styles[TABLE_STYLE]
    for row, label, value in zip(table.rows, x["cover_rows"].split("|"), cover_cells, strict=True):
        row.cells[0].text = label
        row.cells[1].text = value
    _widths(table, [5, 12])
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # 1. executive summary
    doc.add_heading(x["s1"], level=1)
    doc.add_heading(x["s1_needs"], level=3)
    _loop(
        doc,
        "{%p for n in top_needs %}",
        [("{{ n.label }} ({{ n.score }}/100, {{ n.confidence }}): {{ n.evidence }}", "List Bullet")],
    )
    doc.add_paragraph("{%p if not_assessed %}")
    doc.add_paragraph(x["s1_not_assessed"])
    doc.add_paragraph("{%p endif %}")
    doc.add_heading(x["s1_actions"], level=3)
    _loop(doc, "{%p for a in actions[:8] %}", [("{{ a.name }} ({{ a.months }}; {{ a.budget }})", "List Bullet")])
    doc.add_paragraph(x["s1_budget"])
    doc.add_heading(x["s1_kpi"], level=3)
    _loop(doc, "{%p for k in key_indicators %}", [("{{ k.name }}: {{ k.baseline }} → {{ k.target }}", "List Bullet")])
    doc.add_heading(x["s1_decisions"], level=3)
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
    doc.add_heading("{{ n.label }} ({{ n.score }}/100, {{ n.confidence }})", level=3)
    doc.add_paragraph("{{ n.description }}")
    doc.add_paragraph("{%p for e in n.lines %}")
    doc.add_paragraph("{{ e }}", style="List Bullet")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_heading(x["s4_feasibility"], level=2)
    doc.add_paragraph("{{ feasibility_chart }}")
    _table(
        doc,
        x["s4_feas_head"],
        ["{{ f.label }}", "{{ f.score }}", "{{ f.level }}", "{{ f.evidence }}"],
        "f in feasibility",
        [5, 2, 2, 8],
    )

    # 5. objectives
    doc.add_heading(x["s5"], level=1)
    _table(
        doc,
        x["s5_head"],
        ["{{ o.title }}\n{{ o.actions }}", "{{ o.target_group }}", "{{ o.due }}", "{{ o.indicators }}"],
        "o in objectives",
        [7, 4, 2.5, 4],
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
            "{{ a.months }}",
            "{{ a.budget }}",
            "{{ a.funding }}",
        ],
        "a in actions",
        [4.6, 3, 3.2, 1.8, 2.1, 2.3],
    )
    doc.add_paragraph("{%p for a in actions %}")
    doc.add_heading("{{ a.number }}. {{ a.name }}", level=2)
    for key, tag in (
        ("s6_why", "a.rationale"),
        ("s6_what", "a.description"),
        ("s6_who", "a.target"),
        ("s6_owner", "a.owner"),
        ("s6_when", "a.timing"),
        ("s6_money", "a.money"),
        ("s6_kpi", "a.indicators"),
        ("s6_laws", "a.laws"),
    ):
        paragraph = doc.add_paragraph()
        paragraph.add_run(x[key] + ": ").bold = True
        paragraph.add_run("{{ " + tag + " }}")
    doc.add_paragraph("{%p if a.services %}")
    paragraph = doc.add_paragraph()
    paragraph.add_run(x["s6_services"] + ": ").bold = True
    paragraph.add_run("{{ a.services }}")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p if a.watch %}")
    paragraph = doc.add_paragraph()
    paragraph.add_run(x["s6_watch"] + ": ").bold = True
    paragraph.add_run("{{ a.watch }}")
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
    _table(
        doc,
        x["s8_head"],
        ["{{ b.name }}", "{{ b.range }}", "{{ b.central }}", "{{ b.funding }}"],
        "b in actions",
        [6.5, 4, 3, 3.5],
        total=[x["s8_total"], "{{ total_range }}", "{{ total_budget }}", ""],
    )
    doc.add_paragraph()
    _table(doc, x["s8_years_head"], ["{{ y.label }}", "{{ y.amount }}"], "y in budget_years", [8, 6])
    doc.add_paragraph(x["s8_note"])

    # 9. indicators
    doc.add_heading(x["s9"], level=1)
    _table(
        doc,
        x["s9_head"],
        [
            "{{ i.name }}\n{{ i.formula }}",
            "{{ i.baseline }}",
            "{{ i.target }}",
            "{{ i.frequency }}",
            "{{ i.source }}",
            "{{ i.owner }}",
        ],
        "i in indicators",
        [5.2, 2.5, 2.5, 2.0, 2.4, 2.6],
    )

    # 10. monitoring
    doc.add_heading(x["s10"], level=1)
    doc.add_paragraph(x["s10_text"])
    _table(doc, x["s10_head"], ["{{ m.date }}", "{{ m.what }}", "{{ m.who }}"], "m in monitoring", [2.6, 9.9, 4.5])
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

    # 11. legal references
    doc.add_heading(x["s11"], level=1)
    _table(doc, x["s11_head"], ["{{ r.title }}", "{{ r.summary }}", "{{ r.nature }}"], "r in legal", [5, 9, 3])
    doc.add_paragraph()
    doc.add_paragraph(x["signature"])

    # annexes
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_heading(x["annex_a"], level=1)
    doc.add_paragraph("{%p for s in answer_sections %}")
    doc.add_heading("{{ s.title }}", level=2)
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
        [3.6, 1.8, 2, 1.8, 7.8],
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
    _styles(doc)
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
        "title": "PIAO – Sezione 3 «Organizzazione e capitale umano»",
        "subtitle": "Organizzazione del lavoro agile e azioni positive per la conciliazione · {{ org.name }} · {{ period }}",
        "s1": "3.2 Organizzazione del lavoro agile",
        "s1_level": "Livello di attuazione",
        "s1_level_text": (
            "Livello di maturità {{ level }} su {{ levels }} («{{ level_name }}», punteggio complessivo "
            "{{ overall }}/100). {{ level_description }}"
        ),
        "s1_conditions": "Condizioni abilitanti",
        "s1_conditions_head": "Condizione|Punteggio|Dato principale",
        "s1_next": "Che cosa serve per il livello successivo",
        "s1_mapping": "Attività che possono essere svolte in modalità agile",
        "s1_mapping_text": "Quota delle attività svolgibili da remoto, pesata sul personale coinvolto: {{ activity_share }}.",
        "s1_mapping_head": "Attività|Ufficio|Svolgibile da remoto|Personale",
        "s1_actions": "Modalità attuative",
        "s1_actions_head": "Azione|Responsabile|Tempi|Indicatori",
        "s1_indicators": "Obiettivi e indicatori",
        "s1_indicators_head": "Dimensione|Indicatore|Baseline|Target",
        "s1_training": "Formazione di dirigenti e personale",
        "s1_training_head": "Modulo|Destinatari|Ore|Mese|Perché",
        "s2": "Azioni positive per la conciliazione vita-lavoro",
        "s2_text": (
            "Le azioni seguenti integrano il piano triennale di azioni positive (art. 48 D.Lgs. 198/2006) e vanno "
            "condivise con il CUG."
        ),
        "s2_head": "Azione|Destinatari|Responsabile|Tempi|Indicatori",
        "footer": "{{ org.name }} · PIAO – lavoro agile e azioni positive · {{ date }}",
    },
    "en": {
        "title": "PIAO – Section 3 «Organisation and human capital»",
        "subtitle": "Organisation of agile work and positive actions for work-life balance · {{ org.name }} · {{ period }}",
        "s1": "3.2 Organisation of agile work",
        "s1_level": "Level of implementation",
        "s1_level_text": (
            "Maturity level {{ level }} of {{ levels }} («{{ level_name }}», overall score {{ overall }}/100). "
            "{{ level_description }}"
        ),
        "s1_conditions": "Enabling conditions",
        "s1_conditions_head": "Condition|Score|Main evidence",
        "s1_next": "What the next level takes",
        "s1_mapping": "Activities that can be done remotely",
        "s1_mapping_text": "Share of remotable activities, weighted by the staff involved: {{ activity_share }}.",
        "s1_mapping_head": "Activity|Office|Remotable|Staff",
        "s1_actions": "How it is implemented",
        "s1_actions_head": "Action|Owner|Timing|Indicators",
        "s1_indicators": "Objectives and indicators",
        "s1_indicators_head": "Dimension|Indicator|Baseline|Target",
        "s1_training": "Training for managers and staff",
        "s1_training_head": "Module|Audience|Hours|Month|Why",
        "s2": "Positive actions for work-life balance",
        "s2_text": (
            "The following actions complement the three-year positive-action plan (art. 48 D.Lgs. 198/2006) and are "
            "to be shared with the CUG."
        ),
        "s2_head": "Action|Target group|Owner|Timing|Indicators",
        "footer": "{{ org.name }} · PIAO – agile work and positive actions · {{ date }}",
    },
}


def build_piao_template(lang: str) -> DocumentObject:
    x = PIAO_TEXT[lang]
    doc = Document()
    _styles(doc)
    footer = doc.sections[0].footer.paragraphs[0]
    footer.text = x["footer"] + " · "
    _page_number(footer)
    doc.add_paragraph(x["title"], style="Title")
    doc.add_paragraph(x["subtitle"], style="Subtitle")
    doc.add_heading(x["s1"], level=1)
    doc.add_heading(x["s1_level"], level=2)
    doc.add_paragraph(x["s1_level_text"])
    doc.add_paragraph("{{ maturity_chart }}")
    doc.add_heading(x["s1_conditions"], level=3)
    _table(
        doc,
        x["s1_conditions_head"],
        ["{{ c.label }}", "{{ c.score }}", "{{ c.evidence }}"],
        "c in conditions",
        [5, 2, 10],
    )
    doc.add_paragraph("{%p if steps %}")
    doc.add_heading(x["s1_next"], level=3)
    doc.add_paragraph("{%p for s in steps %}")
    doc.add_paragraph("{{ s }}", style="List Bullet")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p if activity_share %}")
    doc.add_heading(x["s1_mapping"], level=2)
    doc.add_paragraph(x["s1_mapping_text"])
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p if activities %}")
    _table(
        doc,
        x["s1_mapping_head"],
        ["{{ a.activity }}", "{{ a.office }}", "{{ a.remotable }}", "{{ a.staff }}"],
        "a in activities",
        [7, 4, 3.5, 2.5],
    )
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p if agile_actions %}")
    doc.add_heading(x["s1_actions"], level=2)
    _table(
        doc,
        x["s1_actions_head"],
        ["{{ a.name }}", "{{ a.owner }}", "{{ a.timing }}", "{{ a.indicators }}"],
        "a in agile_actions",
        [5.5, 4, 3.5, 4],
    )
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p if indicators %}")
    doc.add_heading(x["s1_indicators"], level=2)
    _table(
        doc,
        x["s1_indicators_head"],
        ["{{ i.section }}", "{{ i.name }}", "{{ i.baseline }}", "{{ i.target }}"],
        "i in indicators",
        [3.5, 7, 3, 3.5],
    )
    doc.add_paragraph("{%p endif %}")
    doc.add_heading(x["s1_training"], level=2)
    _table(
        doc,
        x["s1_training_head"],
        ["{{ m.title }}\n{{ m.topics }}", "{{ m.audience }}", "{{ m.hours }}", "{{ m.month }}", "{{ m.because }}"],
        "m in training",
        [6.5, 3, 1.3, 1.7, 4.5],
    )
    doc.add_paragraph("{%p if positive_actions %}")
    doc.add_heading(x["s2"], level=1)
    doc.add_paragraph(x["s2_text"])
    _table(
        doc,
        x["s2_head"],
        ["{{ a.name }}", "{{ a.target }}", "{{ a.owner }}", "{{ a.timing }}", "{{ a.indicators }}"],
        "a in positive_actions",
        [4.5, 3, 3.2, 2.8, 3.5],
    )
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
