"""Pages of the office's PDFs: Carta (US Letter) or A4 templates, a running header with
the entity's name and the document's code and version, a footer, "Página X de Y".

The page count is known only at the end, so the canvas keeps each page's state and
draws "Página X de Y" when the document is saved (one layout pass, not two). The PDF is
byte-for-byte reproducible: reportlab's invariant mode, a creation date taken from the
data and no random identifiers.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from reportlab.lib.pagesizes import A4, LETTER, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from auditoria_calidad.reporting.fonts import BOLD, REGULAR, register_fonts
from auditoria_calidad.reporting.output import Destination, deliver
from auditoria_calidad.reporting.pdf_style import (
    BOTTOM_MARGIN,
    GRID,
    MUTED,
    NAVY,
    PAGE_MARGIN,
    TOP_MARGIN,
)
from auditoria_calidad.reporting.pdf_text import clean, fit_width

PORTRAIT = "portrait"
LANDSCAPE = "landscape"

# Paper sizes an entity may choose (office setting «paper_size»); Carta is the default.
CARTA = "carta"
PAPER_SIZES: dict[str, tuple[float, float]] = {CARTA: LETTER, "a4": A4}


def page_size(paper: str = CARTA) -> tuple[float, float]:
    """The portrait page size of ``paper`` ("carta" or "a4")."""
    try:
        return PAPER_SIZES[paper]
    except KeyError:
        raise ValueError(f"unknown paper size {paper!r}") from None


@dataclass(frozen=True)
class PageDecor:
    """What the running header and footer say."""

    entity: str
    office: str
    document: str  # e.g. "Informe de auditoría de calidad N.º 2024-05-V"
    footer: str  # e.g. "F182 · Procedimiento M5-1-01 · Canal Virtual"
    confidentiality: str = "Contiene datos personales protegidos por la Ley 1581 de 2012."
    draft: bool = False
    code: str = ""  # the entity's code and version of the document, e.g. «F182 v3»
    watermark: str = "SIN APROBAR"  # across every page of a draft document

    def draw(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        """onPage callback: header (from page 2), footer, draft watermark."""
        width, height = canvas._pagesize
        canvas.saveState()
        if self.draft:
            _draw_watermark(canvas, width, height, self.watermark)
        if doc.page > 1:
            top = height - 13 * mm
            usable = width - 2 * PAGE_MARGIN
            document = fit_width(self.document, REGULAR, 7.5, usable * 0.4)
            room = usable - stringWidth(document, REGULAR, 7.5) - 12
            canvas.setFont(BOLD, 8)
            canvas.setFillColor(NAVY)
            canvas.drawString(PAGE_MARGIN, top, fit_width(self.entity, BOLD, 8, room))
            canvas.setFont(REGULAR, 7.5)
            canvas.setFillColor(MUTED)
            canvas.drawString(PAGE_MARGIN, top - 10, fit_width(self.office, REGULAR, 7.5, room))
            canvas.drawRightString(width - PAGE_MARGIN, top, document)
            if self.code:  # page 1 shows it in the letterhead block
                code = fit_width(self.code, REGULAR, 7.5, usable * 0.4)
                canvas.drawRightString(width - PAGE_MARGIN, top - 10, code)
            canvas.setStrokeColor(GRID)
            canvas.setLineWidth(0.6)
            canvas.line(PAGE_MARGIN, top - 15, width - PAGE_MARGIN, top - 15)
        bottom = 11 * mm
        canvas.setStrokeColor(GRID)
        canvas.setLineWidth(0.6)
        canvas.line(PAGE_MARGIN, bottom + 12, width - PAGE_MARGIN, bottom + 12)
        canvas.setFont(REGULAR, 7)
        canvas.setFillColor(MUTED)
        footer = fit_width(self.footer, REGULAR, 7, width - 2 * PAGE_MARGIN - 80)
        canvas.drawString(PAGE_MARGIN, bottom + 2, footer)
        canvas.drawString(PAGE_MARGIN, bottom - 7, self.confidentiality)
        canvas.restoreState()


def _draw_watermark(canvas: Canvas, width: float, height: float, text: str) -> None:
    canvas.saveState()
    canvas.setFont(BOLD, 70)
    canvas.setFillColor(NAVY, alpha=0.07)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(40)
    canvas.drawCentredString(0, -25, text)
    canvas.restoreState()


class NumberedCanvas(Canvas):
    """A canvas that writes "Página X de Y" on every page once Y is known."""

    def __init__(self, *args: Any, created: datetime, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        stamp = created.strftime("D:%Y%m%d%H%M%S-05'00'")  # Colombian time, no DST
        self.setDateFormatter(lambda *_parts: stamp)
        self._page_states: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._page_states.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._page_states)
        for state in self._page_states:
            self.__dict__.update(state)
            self._draw_page_number(total)
            super().showPage()
        super().save()

    def _draw_page_number(self, total: int) -> None:
        width, _height = self._pagesize
        self.saveState()
        self.setFont(REGULAR, 7.5)
        self.setFillColor(NAVY)
        self.drawRightString(
            width - PAGE_MARGIN, 11 * mm + 2, f"Página {self._pageNumber} de {total}"
        )
        self.restoreState()


def _frame(pagesize: tuple[float, float], name: str) -> Frame:
    width, height = pagesize
    return Frame(
        PAGE_MARGIN,
        BOTTOM_MARGIN,
        width - 2 * PAGE_MARGIN,
        height - TOP_MARGIN - BOTTOM_MARGIN,
        id=name,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )


def portrait_width(paper: str = CARTA) -> float:
    return page_size(paper)[0] - 2 * PAGE_MARGIN


def landscape_width(paper: str = CARTA) -> float:
    return landscape(page_size(paper))[0] - 2 * PAGE_MARGIN


def build_pdf(
    story: Sequence[Flowable],
    out: Destination,
    *,
    decor: PageDecor,
    title: str,
    author: str,
    subject: str,
    created: datetime,
    paper: str = CARTA,
) -> bytes:
    """Lay out ``story`` on ``paper`` pages (portrait and landscape templates); return bytes.

    Switch orientation inside the story with ``NextPageTemplate(LANDSCAPE)`` followed
    by a ``PageBreak``. The bytes are also written to ``out`` (a path or a binary file).
    """
    register_fonts()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=page_size(paper),
        title=clean(title),
        author=clean(author),
        subject=clean(subject),
        creator="auditoria-calidad",
        producer="auditoria-calidad (ReportLab)",
        invariant=1,
        pageCompression=1,
        leftMargin=PAGE_MARGIN,
        rightMargin=PAGE_MARGIN,
        topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN,
    )
    doc.addPageTemplates(
        [
            PageTemplate(
                PORTRAIT,
                [_frame(page_size(paper), "p")],
                onPage=decor.draw,
                pagesize=page_size(paper),
            ),
            PageTemplate(
                LANDSCAPE,
                [_frame(landscape(page_size(paper)), "l")],
                onPage=decor.draw,
                pagesize=landscape(page_size(paper)),
            ),
        ]
    )
    doc.build(list(story), canvasmaker=partial(NumberedCanvas, created=created))
    return deliver(buffer.getvalue(), out)
