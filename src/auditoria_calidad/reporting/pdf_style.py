"""The look shared by every PDF of the office: palette, paragraph and table styles.

One palette (navy for structure, green / amber / red only for "meets the target or
not"), one type scale, one table look, so an audit report and a monthly report read as
documents of the same office.
"""

from __future__ import annotations

from decimal import Decimal

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import TableStyle

from auditoria_calidad.reporting.fonts import BOLD, REGULAR, register_fonts

NAVY = colors.HexColor("#1F3A5F")
BLUE = colors.HexColor("#3C6E9F")
SKY = colors.HexColor("#9DB9D5")
HEADER_FILL = colors.HexColor("#E6EDF5")
ZEBRA = colors.HexColor("#F5F8FB")
GRID = colors.HexColor("#C5D0DC")
INK = colors.HexColor("#1D2530")
MUTED = colors.HexColor("#5B6775")
GREEN = colors.HexColor("#2E7D32")
AMBER = colors.HexColor("#C98A00")
RED = colors.HexColor("#C62828")
GREEN_FILL = colors.HexColor("#E5F2E6")
RED_FILL = colors.HexColor("#FBE7E7")

PAGE_MARGIN = 18 * mm
TOP_MARGIN = 24 * mm
BOTTOM_MARGIN = 20 * mm


def status_color(value: Decimal | float | None, target: Decimal | float) -> colors.Color:
    """Green when ``value`` reaches the target, amber within 10 points, red below."""
    if value is None:
        return MUTED
    gap = float(value) - float(target)
    if gap >= 0:
        return GREEN
    return AMBER if gap >= -10 else RED


class Styles:
    """Paragraph styles of the documents (DejaVu Sans everywhere)."""

    def __init__(self) -> None:
        register_fonts()
        base = ParagraphStyle(
            "base", fontName=REGULAR, fontSize=9, leading=12.5, textColor=INK, splitLongWords=1
        )
        self.body = ParagraphStyle("body", parent=base, spaceAfter=5)
        self.body_justified = ParagraphStyle("body_justified", parent=self.body, alignment=4)
        self.small = ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5)
        self.note = ParagraphStyle(
            "note", parent=base, fontSize=7.5, leading=9.5, textColor=MUTED, spaceAfter=4
        )
        self.cell = ParagraphStyle("cell", parent=base, fontSize=7.5, leading=9.2)
        self.cell_bold = ParagraphStyle("cell_bold", parent=self.cell, fontName=BOLD)
        self.cell_right = ParagraphStyle("cell_right", parent=self.cell, alignment=TA_RIGHT)
        self.cell_head = ParagraphStyle(
            "cell_head", parent=self.cell, fontName=BOLD, textColor=NAVY
        )
        self.cell_head_white = ParagraphStyle(
            "cell_head_white", parent=self.cell, fontName=BOLD, textColor=colors.white
        )
        self.title = ParagraphStyle(
            "title", parent=base, fontName=BOLD, fontSize=19, leading=24, textColor=NAVY
        )
        self.subtitle = ParagraphStyle(
            "subtitle", parent=base, fontSize=11, leading=15, textColor=BLUE, spaceAfter=2
        )
        self.h1 = ParagraphStyle(
            "h1",
            parent=base,
            fontName=BOLD,
            fontSize=13,
            leading=17,
            textColor=NAVY,
            spaceBefore=10,
            spaceAfter=6,
        )
        self.h2 = ParagraphStyle(
            "h2",
            parent=base,
            fontName=BOLD,
            fontSize=10,
            leading=13,
            textColor=BLUE,
            spaceBefore=8,
            spaceAfter=4,
        )
        self.kpi_value = ParagraphStyle(
            "kpi_value", parent=base, fontName=BOLD, fontSize=17, leading=21, alignment=TA_CENTER
        )
        self.kpi_label = ParagraphStyle(
            "kpi_label",
            parent=base,
            fontSize=7.5,
            leading=9.5,
            alignment=TA_CENTER,
            textColor=MUTED,
        )
        self.center = ParagraphStyle("center", parent=base, alignment=TA_CENTER)
        self.left = ParagraphStyle("left", parent=base, alignment=TA_LEFT)


def data_table_style(
    rows: int, *, header_rows: int = 1, right_columns: tuple[int, ...] = (), zebra: bool = True
) -> TableStyle:
    """The standard table look: navy header, thin grid, zebra rows, numbers right.

    Styles are whole-table commands (one per column group, one background pattern), never
    one command per cell, so that long tables stay cheap to lay out.
    """
    commands: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), REGULAR, 7.5, 9.2),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("FONT", (0, 0), (-1, header_rows - 1), BOLD, 7.5, 9.2),
        ("TEXTCOLOR", (0, 0), (-1, header_rows - 1), colors.white),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), NAVY),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, header_rows - 1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, GRID),
        ("BOX", (0, 0), (-1, -1), 0.6, GRID),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if zebra and rows > header_rows + 1:
        commands.append(("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [colors.white, ZEBRA]))
    for column in right_columns:
        commands.append(("ALIGN", (column, 0), (column, -1), "RIGHT"))
    return TableStyle(commands)


def key_value_style() -> TableStyle:
    """Two-column identification table: label column shaded."""
    return TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), REGULAR, 9, 12),
            ("FONT", (0, 0), (0, -1), BOLD, 8.5, 12),
            ("TEXTCOLOR", (0, 0), (0, -1), NAVY),
            ("BACKGROUND", (0, 0), (0, -1), HEADER_FILL),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, GRID),
            ("BOX", (0, 0), (-1, -1), 0.6, GRID),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ]
    )
