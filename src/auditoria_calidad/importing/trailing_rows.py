"""Total, footer and notice lines that report tools write below (or inside) the table.

``Total (312)``, «Confidential Information - Do Not Distribute», «© 2026 …», «Generated
By: …», «Página 1 de 3»: these are not records. A row is taken for such a line only when
it would be rejected anyway (it lacks the record's required values) and holds at most a
few cells. Lines that say what they are (total, confidentiality, copyright, generated
by, page) are recognised anywhere; any other short line only below the table, after a
blank row or another such line, and only when no data row follows it (otherwise it is
rejected as usual, never dropped).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from auditoria_calidad.importing.validation import RejectedRow, SkippedRow
from auditoria_calidad.importing.values import Cell, cell_text

MAX_FOOTER_CELLS = 3
_NAMED_LINE = re.compile(
    r"\s*(?:"
    r"(?:sub|gran\s+)?totale?s?\b|total\s+general|grand\s+total|suma\s+total|conteo\b"
    r"|record\s+count|n[uú]mero\s+de\s+registros|registros?\s*:|cantidad\s+de\s+registros"
    r"|confidential|confidencial|informaci[oó]n\s+(?:confidencial|reservada|clasificada)"
    r"|uso\s+interno|internal\s+use|copyright|©|\(c\)\s|todos\s+los\s+derechos"
    r"|all\s+rights\s+reserved|derechos\s+reservados"
    r"|generated\s+(?:by|on|at)|generado\s+(?:por|el)|fecha\s+de\s+(?:generaci[oó]n|impresi[oó]n|corte)"
    r"|reporte\s+generado|informe\s+generado|impreso\s+(?:por|el)|printed\s+(?:by|on)"
    r"|p[aá]gina\s+\d+|page\s+\d+|fin\s+del\s+(?:reporte|informe)|end\s+of\s+report"
    r"|este\s+(?:reporte|informe|documento)\s|this\s+(?:report|document)\s"
    r")",
    re.IGNORECASE,
)


def footer_text(cells: Sequence[Cell]) -> tuple[str, int] | None:
    """The text of a short row and its number of non-blank cells, or ``None``."""
    texts: list[str] = []
    for cell in cells:
        if cell is None or cell == "":
            continue
        text = cell_text(cell).strip()
        if text:
            texts.append(text)
            if len(texts) > MAX_FOOTER_CELLS:
                return None
    return (" | ".join(texts), len(texts)) if texts else None


def names_itself(text: str) -> bool:
    """True when the line says it is a total, a notice or a report footer."""
    return _NAMED_LINE.match(text) is not None


class TrailingLines:
    """Sorts the rejected rows of one file into real rejections and footer lines."""

    def __init__(
        self, sheet: str | None, rejected: list[RejectedRow], skipped: list[SkippedRow]
    ) -> None:
        self._sheet = sheet
        self._rejected = rejected
        self._skipped = skipped
        self._pending: list[tuple[RejectedRow, SkippedRow, bool]] = []
        self._after_blank = False
        self._seen_data = False

    @property
    def watching(self) -> bool:
        """True until the first data row, and while lines are held back."""
        return bool(self._pending) or not self._seen_data

    def blank(self) -> None:
        """A blank row: the lines after it may be the report's footer."""
        self._after_blank = self._seen_data

    def data(self) -> None:
        """A data row (read, repeated or set aside): lines above it were not a footer."""
        self._seen_data = True
        self._after_blank = False
        if self._pending:
            for row, skipped, named in self._pending:
                if named:
                    self._skipped.append(skipped)
                else:
                    self._rejected.append(row)
            self._pending.clear()

    def rejected(self, row: RejectedRow, cells: Sequence[Cell]) -> None:
        """A rejected row: held back if it may be a footer line, else rejected."""
        found = footer_text(cells)
        if found is not None and self._seen_data:
            text, count = found
            named = names_itself(text)
            if named or (count == 1 and (self._after_blank or self._pending)):
                self._pending.append((row, SkippedRow(self._sheet, row.row, text), named))
                return
        self.data()
        self._seen_data = True
        self._rejected.append(row)

    def finish(self) -> None:
        """End of the table: the lines held back are its footer."""
        self._skipped.extend(skipped for _row, skipped, _named in self._pending)
        self._pending.clear()
