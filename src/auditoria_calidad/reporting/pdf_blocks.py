"""Building blocks shared by the office's PDFs: letterhead, tables, KPI cards, signatures."""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from typing import TypeAlias

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    Image,
    KeepTogether,
    LongTable,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from auditoria_calidad.reporting import spanish_format as fmt
from auditoria_calidad.reporting.data import DEFAULT_SIGNATURE_ROLES, Letterhead, Signatory
from auditoria_calidad.reporting.fonts import BOLD
from auditoria_calidad.reporting.pdf_style import (
    GRID,
    HEADER_FILL,
    INK,
    NAVY,
    Styles,
    data_table_style,
    key_value_style,
)
from auditoria_calidad.reporting.pdf_text import clean, markup, paragraph

Cell: TypeAlias = str | Flowable
_CELL_PADDING = 8.5  # left + right padding of data tables, plus a hair
_CELL_MAX_CHARS = 400  # short columns never hold more (observations are split instead)


def logo(png: bytes | None, max_width: float, max_height: float) -> Flowable | None:
    """The entity's logo scaled into the box, or None when absent or unreadable."""
    if not png:
        return None
    try:
        reader = ImageReader(io.BytesIO(png))
        width, height = reader.getSize()
    except Exception:  # a broken logo must never stop a report
        return None
    if width <= 0 or height <= 0:
        return None
    scale = min(max_width / width, max_height / height)
    return Image(io.BytesIO(png), width=width * scale, height=height * scale)


def letterhead(head: Letterhead, styles: Styles, width: float) -> Flowable:
    """Logo on the left, entity, office and the document's code and version on the right,
    a navy rule below."""
    text = [
        paragraph(head.entity, styles.h1, max_chars=200),
        paragraph(head.office, styles.subtitle, max_chars=200),
    ]
    if head.document_code:
        text.append(paragraph(head.document_code, styles.note, max_chars=120))
    image = logo(head.logo_png, 38 * mm, 22 * mm)
    if image is None:
        cells, widths = [[text]], [width]
    else:
        cells, widths = [[image, text]], [42 * mm, width - 42 * mm]
    table = Table(cells, colWidths=widths)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ("LINEBELOW", (0, 0), (-1, -1), 1.6, NAVY),
            ]
        )
    )
    return table


def cell(
    text: object,
    style_name: str,
    styles: Styles,
    width: float,
    max_chars: int | None = _CELL_MAX_CHARS,
) -> Cell:
    """A table cell: a plain string when it fits on one line, else a wrapping Paragraph.

    Plain strings are far cheaper for reportlab to lay out than Paragraphs, which is
    what keeps a 2,000-row table fast.
    """
    value = clean(text).strip()
    style = getattr(styles, style_name)
    fits = (
        "\n" not in value
        and len(value) < 120
        and stringWidth(value, style.fontName, style.fontSize) <= width - _CELL_PADDING
    )
    if fits:
        return value
    return paragraph(value, style, max_chars=max_chars)


def header_row(
    header: Sequence[str],
    widths: Sequence[float],
    styles: Styles,
    right_columns: tuple[int, ...] = (),
) -> list[Paragraph]:
    """Header cells in white bold; the font shrinks (down to 6 pt) rather than cut a word."""
    cells = []
    for index, text in enumerate(header):
        value = clean(text)
        longest = max((stringWidth(w, BOLD, 7.5) for w in value.split()), default=0)
        room = widths[index] - _CELL_PADDING
        size = 7.5 if longest <= room else max(6.0, 7.5 * room / longest)
        style = styles.cell_head_white.clone(
            "head",
            fontSize=size,
            leading=size + 1.7,
            alignment=TA_RIGHT if index in right_columns else TA_LEFT,
        )
        cells.append(Paragraph(markup(value), style))
    return cells


def data_table(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    styles: Styles,
    *,
    right_columns: tuple[int, ...] = (),
    bold_columns: tuple[int, ...] = (),
    extra_style: Sequence[tuple] = (),
    empty: str = "Sin registros.",
) -> Flowable:
    """A table with a repeated navy header row; text wraps, nothing is clipped."""
    if not rows:
        return paragraph(empty, styles.note)
    head = header_row(header, widths, styles, right_columns)
    body = []
    for row in rows:
        body.append(
            [
                cell(
                    value,
                    "cell_right"
                    if i in right_columns
                    else ("cell_bold" if i in bold_columns else "cell"),
                    styles,
                    widths[i],
                )
                for i, value in enumerate(row)
            ]
        )
    table_class = LongTable if len(body) > 60 else Table
    table = table_class([head, *body], colWidths=list(widths), repeatRows=1)
    style = data_table_style(len(body) + 1, right_columns=right_columns)
    for command in extra_style:
        style.add(*command)
    if bold_columns:
        for column in bold_columns:
            style.add("FONT", (column, 1), (column, -1), BOLD, 7.5, 9.2)
    table.setStyle(style)
    return table


def key_values(pairs: Sequence[tuple[str, object]], styles: Styles, width: float) -> Table:
    """Label / value table (identification of the document)."""
    label_width = min(58 * mm, width * 0.36)
    rows = [
        [paragraph(label, styles.cell_head), paragraph(value, styles.body, max_chars=600)]
        for label, value in pairs
    ]
    table = Table(rows, colWidths=[label_width, width - label_width])
    table.setStyle(key_value_style())
    return table


def kpi_cards(
    cards: Sequence[tuple[str, str, colors.Color | None]], styles: Styles, width: float
) -> Table:
    """A row of figure cards: (value, label, colour or None for navy)."""
    cells = []
    for value, label, color in cards:
        value_style = styles.kpi_value.clone("kpi", textColor=color or NAVY)
        cells.append([paragraph(value, value_style), paragraph(label, styles.kpi_label)])
    gap = 4
    card_width = (width - gap * (len(cards) - 1)) / max(len(cards), 1)
    row: list[object] = []
    widths: list[float] = []
    for index, content in enumerate(cells):
        if index:
            row.append("")
            widths.append(gap)
        row.append(content)
        widths.append(card_width)
    table = Table([row], colWidths=widths)
    commands: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 7),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
    ]
    for index in range(0, len(row), 2):
        commands += [
            ("BACKGROUND", (index, 0), (index, 0), HEADER_FILL),
            ("LINEABOVE", (index, 0), (index, 0), 2, NAVY),
        ]
    table.setStyle(TableStyle(commands))
    return table


def verdict(value: Decimal | None, target: Decimal) -> str:
    """ "Cumple la meta" / "Por debajo de la meta" / "Sin datos"."""
    if value is None:
        return "Sin datos"
    return "Cumple la meta" if value >= target else "Por debajo de la meta"


def signature_blocks(signatories: Sequence[Signatory], styles: Styles, width: float) -> Flowable:
    """Elaborado / Revisado / Aprobado por, each with a line to sign on; kept together."""
    given = {s.role: s for s in signatories}
    blocks = [given.get(role, Signatory(role)) for role in DEFAULT_SIGNATURE_ROLES]
    blocks += [s for s in signatories if s.role not in DEFAULT_SIGNATURE_ROLES]
    per_row = 3
    gap = 10
    column = (width - gap * (per_row - 1)) / per_row
    rows = []
    for start in range(0, len(blocks), per_row):
        row: list[object] = []
        for index, block in enumerate(blocks[start : start + per_row]):
            if index:
                row.append("")
            row.append(
                [
                    paragraph(block.role, styles.cell_head),
                    Spacer(1, 14 * mm),
                    HRFlowable(width="100%", thickness=0.6, color=INK, spaceAfter=3),
                    paragraph(block.name or " ", styles.cell_bold, max_chars=120),
                    paragraph(block.position or " ", styles.cell, max_chars=160),
                    paragraph(
                        f"Fecha: {fmt.day(block.signed_on) if block.signed_on else ''}",
                        styles.cell,
                    ),
                ]
            )
        while len(row) < per_row * 2 - 1:
            row.append("")
        rows.append(row)
    widths = []
    for index in range(per_row * 2 - 1):
        widths.append(column if index % 2 == 0 else gap)
    table = Table(rows, colWidths=widths)
    commands: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ("RIGHTPADDING", (0, 0), (-1, -1), 8),
    ]
    for index in range(0, per_row * 2 - 1, 2):
        commands.append(("BOX", (index, 0), (index, -1), 0.6, GRID))
    table.setStyle(TableStyle(commands))
    return KeepTogether([table])


def note(text: str, styles: Styles) -> Paragraph:
    return paragraph(text, styles.note)
