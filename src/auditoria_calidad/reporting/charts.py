"""Bar charts for the PDFs (reportlab.graphics: vector, embedded font, no images).

Bars that measure against the target are coloured like the tables (green meets it,
amber close, red below) and the target is drawn as a dashed line with its value.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from decimal import Decimal

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from auditoria_calidad.reporting import spanish_format as fmt
from auditoria_calidad.reporting.fonts import BOLD, REGULAR, register_fonts
from auditoria_calidad.reporting.pdf_style import BLUE, GRID, INK, MUTED, NAVY, SKY, status_color
from auditoria_calidad.reporting.pdf_text import clean, fit_width

Number = Decimal | float | int | None
_FONT_SIZE = 7


def _fit(text: str, width: float, size: float = _FONT_SIZE) -> str:
    return fit_width(text, REGULAR, size, width)


def _number(value: Number) -> float:
    return 0.0 if value is None else float(value)


def _nice_max(values: Sequence[float]) -> tuple[float, float]:
    """An axis maximum and step a reader likes (1, 2 or 5 × 10^n) above every value."""
    top = max([*values, 1.0])
    magnitude = 10 ** math.floor(math.log10(top))
    for factor in (1, 2, 5, 10):
        step = factor * magnitude / 5
        if step * 5 >= top:
            return step * 5, step
    return top, top / 5


def _target_line(
    drawing: Drawing,
    start: tuple[float, float],
    end: tuple[float, float],
    label: str,
    label_at: tuple[float, float],
    anchor: str,
) -> None:
    """The target as a dashed line, with its value written at ``label_at``."""
    style = {"strokeColor": INK, "strokeWidth": 0.8, "strokeDashArray": [3, 2]}
    drawing.add(Line(*start, *end, **style))
    x, y = label_at
    if anchor == "end":  # a short dashed sample before the text, like a legend entry
        text_width = stringWidth(label, BOLD, 6.5)
        drawing.add(Line(x - text_width - 16, y + 2.2, x - text_width - 3, y + 2.2, **style))
    drawing.add(String(x, y, label, fontName=BOLD, fontSize=6.5, fillColor=INK, textAnchor=anchor))


def horizontal_bars(
    labels: Sequence[str],
    values: Sequence[Number],
    *,
    width: float,
    target: Number = None,
    value_text: Callable[[Number], str] = fmt.percent,
    value_max: float = 100.0,
    row_height: float = 15.0,
    compare: Sequence[Number] | None = None,
    names: Sequence[str] = (),
) -> Drawing:
    """One bar per label, top to bottom in the given order, against ``target``.

    With ``compare`` (e.g. the year to date), each label gets a second, light bar under
    the first, and ``names`` label the two in a legend.
    """
    register_fonts()
    series = [list(values)] + ([list(compare)] if compare is not None else [])
    count = max(len(labels), 1)
    band = row_height * (1 + 0.75 * (len(series) - 1))
    longest = max((stringWidth(clean(t), REGULAR, _FONT_SIZE) for t in labels), default=40)
    label_width = min(longest, width * 0.36) + 4
    legend_room = 14 if len(series) > 1 and names else 0
    height = count * band + 34 + legend_room
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x = label_width + 4
    chart.y = 16
    chart.width = width - chart.x - 44
    chart.height = count * band
    # reportlab draws the first category (and series) at the bottom: reverse both so
    # that the chart reads top-down like the table next to it.
    names_top_down = [_fit(t, label_width) for t in labels][::-1] or [""]
    rows = [row[::-1] or [None] for row in series][::-1]
    chart.data = [[_number(v) for v in row] for row in rows]
    chart.categoryAxis.categoryNames = names_top_down
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = _FONT_SIZE
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.strokeColor = GRID
    chart.categoryAxis.tickLeft = 0
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = value_max
    chart.valueAxis.valueStep = value_max / 5
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = 6.5
    chart.valueAxis.labels.fillColor = MUTED
    chart.valueAxis.labelTextFormat = lambda v: fmt.decimal(v, 0)
    chart.valueAxis.strokeColor = GRID
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = GRID
    chart.valueAxis.gridStrokeWidth = 0.3
    chart.barWidth = row_height * 0.62
    chart.groupSpacing = row_height * 0.38
    chart.barSpacing = 1
    chart.bars.strokeColor = None
    main = len(rows) - 1  # index of the main series after the reversal
    for index in range(len(rows)):
        chart.bars[index].fillColor = (
            (NAVY if compare is not None else BLUE) if index == main else SKY
        )
    if target is not None and compare is None:  # two series: colours tell them apart
        for index, value in enumerate(rows[main]):
            chart.bars[(main, index)].fillColor = status_color(value, target)
    chart.barLabelFormat = "values"
    chart.barLabelArray = [[value_text(v) for v in row] for row in rows]
    chart.barLabels.fontName = REGULAR
    chart.barLabels.fontSize = 6.5
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    chart.barLabels.fillColor = INK
    chart.barLabels.boxFillColor = colors.white  # keeps the target line off the figures
    chart.barLabels.leftPadding = chart.barLabels.rightPadding = 1
    if target is not None:  # behind the bars and their labels
        x = chart.x + chart.width * float(target) / value_max
        top = chart.y + chart.height + 4
        label = f"Meta {fmt.decimal(target, 0)}"
        _target_line(drawing, (x, chart.y), (x, top), label, (x, top + 3), "middle")
    drawing.add(chart)
    if legend_room:
        _legend(drawing, chart.x, height - 5, [(NAVY, names[0]), (SKY, names[1])])
    return drawing


def _legend(
    drawing: Drawing, x: float, y: float, pairs: Sequence[tuple[colors.Color, str]]
) -> None:
    legend = Legend()
    legend.x = x
    legend.y = y
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.fontName = REGULAR
    legend.fontSize = 7
    legend.dx = 8
    legend.dy = 6
    legend.deltax = 110
    legend.colorNamePairs = [(color, clean(name)) for color, name in pairs]
    drawing.add(legend)


def vertical_bars(
    categories: Sequence[str],
    series: Sequence[Sequence[Number]],
    *,
    width: float,
    height: float = 150.0,
    names: Sequence[str] = (),
    target: Number = None,
    value_text: Callable[[Number], str] = fmt.percent,
    value_max: float | None = 100.0,
    series_colors: Sequence[colors.Color] = (NAVY, SKY, BLUE),
) -> Drawing:
    """Grouped columns by category (e.g. months); one colour per series, or by target.

    With a single series and a ``target``, each column is coloured by the target.
    """
    register_fonts()
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    legend_room = 16 if names and len(series) > 1 else 0
    chart.x = 30
    chart.y = 22
    chart.width = width - chart.x - 10
    chart.height = height - chart.y - 16 - legend_room
    data = [[_number(v) for v in row] for row in series] or [[0.0]]
    if value_max is None:
        value_max, step = _nice_max([v for row in data for v in row])
    else:
        step = value_max / 5
    chart.data = data
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = value_max
    chart.valueAxis.valueStep = step
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = 6.5
    chart.valueAxis.labels.fillColor = MUTED
    chart.valueAxis.labelTextFormat = lambda v: fmt.count(round(v))
    chart.valueAxis.strokeColor = GRID
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = GRID
    chart.valueAxis.gridStrokeWidth = 0.3
    slot = chart.width / max(len(categories), 1)
    chart.categoryAxis.categoryNames = [_fit(c, slot - 2, 6.5) for c in categories] or [""]
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 6.5
    chart.categoryAxis.labels.boxAnchor = "n"
    chart.categoryAxis.labels.dy = -3
    chart.categoryAxis.strokeColor = GRID
    chart.bars.strokeColor = None
    chart.groupSpacing = slot * 0.3
    chart.barSpacing = 1
    for index in range(len(data)):
        chart.bars[index].fillColor = series_colors[index % len(series_colors)]
    if target is not None and len(data) == 1:
        for index, value in enumerate(series[0]):
            chart.bars[(0, index)].fillColor = status_color(value, target)
    chart.barLabelFormat = "values"
    chart.barLabelArray = [[value_text(v) for v in row] for row in series] or [[""]]
    chart.barLabels.fontName = REGULAR
    chart.barLabels.fontSize = 6 if len(data) > 1 or len(categories) > 8 else 6.5
    chart.barLabels.boxAnchor = "s"
    chart.barLabels.dy = 2
    chart.barLabels.fillColor = INK
    chart.barLabels.boxFillColor = colors.white
    chart.barLabels.topPadding = chart.barLabels.bottomPadding = 0.5
    if target is not None:  # behind the bars and their labels
        y = chart.y + chart.height * float(target) / value_max
        label = f"Meta {fmt.decimal(target, 0)}"
        right = chart.x + chart.width
        _target_line(
            drawing, (chart.x, y), (right, y), label, (right, chart.y + chart.height + 6), "end"
        )
    drawing.add(chart)
    if legend_room:
        _legend(
            drawing,
            chart.x,
            height - 6,
            [(series_colors[i % len(series_colors)], name) for i, name in enumerate(names)],
        )
    return drawing
