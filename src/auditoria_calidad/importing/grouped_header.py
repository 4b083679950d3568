"""Headers written on two rows: group labels above the column names.

Formatted reports group their columns under a label merged across them («DATOS DE LA
SOLICITUD», «GESTIÓN DE LA RESPUESTA», «Fecha y hora» over «Ingreso» and «Respuesta»).
Read alone, the lower row repeats names («Fecha», «Hora» twice) and the upper one names
groups, not fields. The two rows are read together: each column is named by its own
label with its group in parentheses («Fecha (GESTIÓN DE LA RESPUESTA)»), or by whichever
of the two it has.

Two rows are taken for one header only when the upper row looks like group labels: two
labels or more, text without digits and without a trailing «:» (not a «Fecha de corte:
31/10/2026» line), and at least one of them spans columns that the lower row names.
"""

from __future__ import annotations

from collections.abc import Sequence

from auditoria_calidad.importing.values import Cell

_MIN_GROUPS = 2


def _text(cell: Cell) -> str:
    return cell.strip() if isinstance(cell, str) else ""


def _labels(row: Sequence[Cell]) -> list[str] | None:
    """The row's texts when it can be a row of group labels, else ``None``."""
    texts: list[str] = []
    for cell in row:
        if cell is None or cell == "":
            texts.append("")
            continue
        if not isinstance(cell, str):
            return None
        text = cell.strip()
        if any(c.isdigit() for c in text) or text.endswith(":"):
            return None
        texts.append(text)
    return texts if sum(1 for t in texts if t) >= _MIN_GROUPS else None


def _spans(groups: list[str], names: list[str]) -> bool:
    """True when a group label stands over a blank that the lower row names."""
    width = min(len(groups), len(names))
    return any(groups[i] and not groups[i + 1] and names[i + 1] for i in range(width - 1))


def combined(groups: Sequence[str], names: Sequence[Cell]) -> list[str]:
    """The column names of a two-row header (see the module's docstring)."""
    out: list[str] = []
    carried = ""
    for i, cell in enumerate(names):
        name = _text(cell) if isinstance(cell, str) else ("" if cell in ("", None) else str(cell))
        group = groups[i] if i < len(groups) else ""
        if group:
            carried = group
        elif not name:
            carried = ""
        group = group or carried
        if not group or group == name:
            out.append(name)
        elif not name:
            out.append(group)
        else:
            out.append(f"{name} ({group})")
    return out


def grouped_header(head: Sequence[Sequence[Cell]], index: int) -> tuple[int, list[str]] | None:
    """``(index of the lower row, combined names)`` when the header found at ``index`` is
    one of two rows (the group labels above it, or the column names below it)."""
    if index > 0:
        groups = _labels(head[index - 1])
        names = [_text(c) for c in head[index]]
        if groups is not None and _spans(groups, names):
            return index, combined(groups, head[index])
    if index + 1 < len(head):
        groups = _labels(head[index])
        below = _labels(head[index + 1])
        if groups is not None and below is not None and _spans(groups, below):
            return index + 1, combined(groups, head[index + 1])
    return None
