"""Numeral 7 of an acta, the signatures of the attendees present (in an extract: only those
it names, the others counted).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table

from auditoria_calidad.reporting import spanish_format as fmt
from auditoria_calidad.reporting.fonts import BOLD
from auditoria_calidad.reporting.pdf_blocks import cell, header_row
from auditoria_calidad.reporting.pdf_style import GRID, MUTED, Styles, data_table_style
from auditoria_calidad.reporting.pdf_text import paragraph

if TYPE_CHECKING:
    from auditoria_calidad.reporting.minutes_report import MinutesData


def signatures(data: MinutesData, styles: Styles, width: float) -> list[Flowable]:
    present = [a for a in data.attendees if a.present]
    heading = paragraph("7. Firmas de los asistentes", styles.h1)
    roles = "; ".join(
        f"{label}: {name}"
        for label, name in (("preside", data.chair), ("secretario(a)", data.secretary))
        if name
    )
    intro = paragraph(
        f"En constancia se firma por los asistentes a la sesión del {fmt.day(data.held_on)}"
        + (f" ({roles})." if roles else "."),
        styles.body,
        max_chars=800,
    )
    others = [paragraph(data.others_text, styles.note, max_chars=400)] if data.other_present else []
    if not present:
        return [
            CondPageBreak(40 * mm),
            heading,
            paragraph(
                "Sin asistentes presentes."
                if not others
                else "Los asistentes firman el acta completa de la entidad.",
                styles.note,
            ),
            *others,
        ]
    shares = (0.26, 0.22, 0.22, 0.30)
    widths = [width * s for s in shares]
    head = header_row(("Nombre", "Cargo", "Entidad / dependencia", "Firma"), widths, styles)
    rows: list[list[object]] = [
        [
            cell(a.name, "cell_bold", styles, widths[0]),
            cell(a.position or fmt.MISSING, "cell", styles, widths[1]),
            cell(a.organization or fmt.MISSING, "cell", styles, widths[2]),
            "",
        ]
        for a in present
    ]
    table = Table([head, *rows], colWidths=widths, repeatRows=1, rowHeights=None)
    style = data_table_style(len(rows) + 1, zebra=False)
    style.add("VALIGN", (0, 1), (-1, -1), "MIDDLE")
    style.add("TOPPADDING", (0, 1), (-1, -1), 9 * mm / 2)
    style.add("BOTTOMPADDING", (0, 1), (-1, -1), 9 * mm / 2)
    style.add("LINEAFTER", (0, 0), (-2, -1), 0.4, GRID)
    style.add("FONT", (0, 1), (0, -1), BOLD, 7.5, 9.2)
    table.setStyle(style)
    note = paragraph(
        "Las firmas se recogen sobre el acta impresa; el archivo emitido conserva su huella "
        "SHA-256 en la aplicación.",
        styles.note.clone("sign_note", textColor=MUTED),
    )
    return [
        CondPageBreak(60 * mm),
        heading,
        intro,
        KeepTogether([table]),
        Spacer(1, 3 * mm),
        *others,
        note,
    ]
