"""The inconsistencies of an audit as landscape tables, one per agent.

Every failed criterion of every evaluated record is a row, grouped under its agent (the
provider reviews them with each agent, activity 5.2.21), agents in the order of the
results section (worst first). Thousands of rows and observations of any length must lay
out quickly and never overflow a page:

* one ``LongTable`` per agent, cut every ``ROWS_PER_TABLE`` rows: reportlab re-creates a
  table's remaining rows at every page break, so one 2,000-row table costs time that
  grows with the square of its length;
* whole-table style commands, and plain strings instead of Paragraphs wherever the text
  fits on one line;
* an observation longer than ``PIECE_CHARS`` is spread over continuation rows, each
  shorter than a page, so no cell is ever taller than the frame.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, LongTable, Paragraph

from auditoria_calidad.domain.identity import shown_identity
from auditoria_calidad.reporting import spanish_format as fmt
from auditoria_calidad.reporting.data import Inconsistency
from auditoria_calidad.reporting.fonts import BOLD
from auditoria_calidad.reporting.pdf_blocks import cell, header_row
from auditoria_calidad.reporting.pdf_style import Styles, data_table_style
from auditoria_calidad.reporting.pdf_text import markup, paragraph, pieces

# About 10 lines of the observation column: a piece never leaves much of a page empty.
PIECE_CHARS = 700

ROWS_PER_TABLE = 150

HEADER = (
    "N.º",
    "Radicado / Id.",
    "Fecha de ingreso",
    "Identificación",
    "Criterio incumplido",
    "Observación del auditor",
)
# Shares of the landscape frame width.
_SHARES = (0.045, 0.13, 0.1, 0.1, 0.175, 0.45)


def inconsistency_rows(
    items: Sequence[tuple[int, Inconsistency]],
    styles: Styles,
    widths: Sequence[float],
    show_full: bool,
) -> list[list[object]]:
    """Table rows (continuation rows included) for numbered ``items``."""
    rows: list[list[object]] = []
    note_width = widths[5]
    for number, item in items:
        observation = pieces(item.observation, PIECE_CHARS)
        rows.append(
            [
                str(number),
                cell(item.key, "cell_bold", styles, widths[1]),
                cell(fmt.moment(item.received_at), "cell", styles, widths[2]),
                shown_identity(item.identity_number, show_full) or fmt.MISSING,
                cell(item.criterion, "cell", styles, widths[4]),
                cell(observation[0] or "Sin observación.", "cell", styles, note_width, None),
            ]
        )
        for piece in observation[1:]:
            rows.append(
                [
                    "",
                    cell(f"{item.key} (continuación)", "cell", styles, widths[1]),
                    "",
                    "",
                    "",
                    Paragraph(markup(piece), styles.cell),
                ]
            )
    return rows


def _table(rows: list[list[object]], widths: list[float], styles: Styles) -> LongTable:
    head = header_row(HEADER, widths, styles, (0,))
    table = LongTable([head, *rows], colWidths=widths, repeatRows=1, splitByRow=1)
    style = data_table_style(len(rows) + 1, right_columns=(0,))
    style.add("FONT", (1, 1), (1, -1), BOLD, 7.5, 9.2)
    table.setStyle(style)
    return table


def group_by_agent(
    items: Sequence[Inconsistency], agent_order: Sequence[str]
) -> list[tuple[str, list[tuple[int, Inconsistency]]]]:
    """(agent, numbered items) groups: agents of ``agent_order`` first, then the others
    in order of appearance. An item keeps its own number (the finding's, shown the same
    everywhere) and a group lists its items by that number; items without one are
    numbered in the printed order."""
    groups: dict[str, list[Inconsistency]] = {}
    for item in items:
        groups.setdefault(item.agent, []).append(item)
    known = [a for a in agent_order if a in groups]
    ordered = known + [a for a in groups if a not in set(known)]
    result = []
    printed = 0
    for agent in ordered:
        numbered = []
        for item in groups[agent]:
            printed += 1
            numbered.append((item.number or printed, item))
        if all(item.number for item in groups[agent]):
            numbered.sort(key=lambda pair: pair[0])
        result.append((agent, numbered))
    return result


def inconsistency_tables(
    items: Sequence[Inconsistency],
    agent_order: Sequence[str],
    styles: Styles,
    width: float,
    show_full: bool,
) -> list[Flowable]:
    """A heading and a table (or several, every ``ROWS_PER_TABLE`` rows) per agent."""
    widths = [width * share for share in _SHARES]
    # Not keepWithNext: that would push a heading and its whole long table to a new page.
    heading = styles.h2.clone("agent_heading", spaceBefore=10)
    story: list[Flowable] = []
    for agent, numbered in group_by_agent(items, agent_order):
        label = f"{agent} · {fmt.plural(len(numbered), 'inconsistencia', 'inconsistencias')}"
        story.append(CondPageBreak(35 * mm))  # a heading never ends a page
        story.append(paragraph(label, heading, max_chars=300))
        rows = inconsistency_rows(numbered, styles, widths, show_full)
        for start in range(0, len(rows), ROWS_PER_TABLE):
            story.append(_table(rows[start : start + ROWS_PER_TABLE], widths, styles))
    return story
