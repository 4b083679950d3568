"""Reading back the findings workbook the provider filled (defined in exchange/findings.py).

Only the finding id and the four answer columns are read, found by their headers whatever
their order; everything else in the sheet is ignored (the provider cannot change what the
auditor found by editing a locked cell). Every row is checked and every problem is
returned with its sheet, row and column, so that the caller applies nothing when
anything is wrong. A row whose four answer cells are blank is a finding not answered yet.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from auditoria_calidad.exchange.findings import (
    ID_HEADER,
    META_SHEET,
    RETURNED_COLUMNS,
    SHEET_TITLE,
    TEXT_LIMITS,
)
from auditoria_calidad.importing.errors import ImportFileError, column_letter
from auditoria_calidad.importing.f182_return import CellProblem, fold
from auditoria_calidad.importing.sheets import WORKBOOK_SUFFIXES, list_sheets, open_rows
from auditoria_calidad.importing.values import Cell, ValueProblem, cell_text, parse_date

_HEADER_SEARCH_ROWS = 20
_COLUMNS = RETURNED_COLUMNS
_TEXT_LIMITS = TEXT_LIMITS


@dataclass(frozen=True)
class ReturnedAnswer:
    """One filled row: the finding it answers and the provider's four answer values."""

    row: int  # as Excel numbers it
    finding_id: int
    cause_analysis: str
    corrective_action: str
    responsible: str
    commitment_date: date | None

    @property
    def blank(self) -> bool:
        return not (
            self.cause_analysis
            or self.corrective_action
            or self.responsible
            or self.commitment_date
        )


@dataclass
class FindingsReturn:
    sheet: str
    metadata: dict[str, str]
    rows: list[ReturnedAnswer] = field(default_factory=list)
    problems: list[CellProblem] = field(default_factory=list)


def _header_key(text: str) -> str:
    return " ".join(fold(word) for word in text.split())


def _metadata(path: Path) -> dict[str, str]:
    if META_SHEET not in list_sheets(path, include_hidden=True):
        return {}
    with open_rows(path, META_SHEET) as source:
        return {
            cell_text(row[0]).strip(): cell_text(row[1]).strip()
            for row in source.rows
            if len(row) >= 2 and cell_text(row[0]).strip()
        }


def read_findings_return(path: str | Path) -> FindingsReturn:
    """Read and check a filled findings workbook.

    Raises ImportFileError when the file is not such a workbook at all (wrong format, no
    «Hallazgos» sheet, headers changed); cell problems are returned, all of them.
    """
    path = Path(path)
    if path.suffix.lower() not in WORKBOOK_SUFFIXES:  # also .ods, saved by LibreOffice Calc
        raise ImportFileError(
            f"{path.name}: las respuestas se importan desde el libro de hallazgos (.xlsx, o "
            ".ods si lo guardó con LibreOffice Calc)."
        )
    if SHEET_TITLE not in list_sheets(path):
        raise ImportFileError(
            f"{path.name}: no tiene la hoja «{SHEET_TITLE}»; importe el libro de hallazgos "
            "que exportó la aplicación."
        )
    wanted = {_header_key(header): key for key, header in _COLUMNS}
    result = FindingsReturn(SHEET_TITLE, _metadata(path))
    seen: dict[int, int] = {}
    with open_rows(path, SHEET_TITLE) as source:
        result.sheet = source.sheet or SHEET_TITLE
        offset = source.column_offset
        positions: dict[str, int] = {}
        for number, row in enumerate(source.rows, start=1):
            if not positions:
                found = {
                    wanted[k]: i
                    for i, cell in enumerate(row)
                    if (k := _header_key(cell_text(cell))) in wanted
                }
                if "finding_id" in found:
                    missing = [h for key, h in _COLUMNS if key not in found]
                    if missing:
                        names = ", ".join(f"«{h}»" for h in missing)
                        raise ImportFileError(
                            f"{path.name}: a la hoja «{SHEET_TITLE}» le faltan las columnas "
                            f"{names} (fila de encabezados {number}). No cambie los "
                            "encabezados."
                        )
                    positions = found
                elif number >= _HEADER_SEARCH_ROWS:
                    break
                continue
            parsed = _row(result.sheet, number, row, positions, offset)
            if isinstance(parsed, ReturnedAnswer):
                first = seen.get(parsed.finding_id)
                if first is not None:
                    result.problems.append(
                        _problem(
                            result.sheet,
                            number,
                            positions,
                            offset,
                            "finding_id",
                            f"el hallazgo {parsed.finding_id} ya está en la fila {first}; "
                            "cada hallazgo va en una sola fila.",
                        )
                    )
                    continue
                seen[parsed.finding_id] = number
                result.rows.append(parsed)
            else:
                result.problems.extend(parsed)
    if not positions:
        raise ImportFileError(
            f"{path.name}: no se encontró la fila de encabezados (con «{ID_HEADER}») en la "
            f"hoja «{SHEET_TITLE}»."
        )
    return result


def _header_of(key: str) -> str:
    return dict(_COLUMNS)[key]


def _problem(
    sheet: str, number: int, positions: dict[str, int], offset: int, key: str, message: str
) -> CellProblem:
    return CellProblem(
        sheet, number, column_letter(positions[key] + offset), _header_of(key), message
    )


def _row(
    sheet: str, number: int, row: Sequence[Cell], positions: dict[str, int], offset: int
) -> ReturnedAnswer | list[CellProblem]:
    def cell(key: str) -> Cell:
        index = positions[key]
        return row[index] if index < len(row) else None

    if all(not cell_text(cell(key)).strip() for key, _ in _COLUMNS):
        return []
    problems: list[CellProblem] = []

    def problem(key: str, message: str) -> None:
        problems.append(_problem(sheet, number, positions, offset, key, message))

    raw_id = cell_text(cell("finding_id")).strip()
    finding_id = int(raw_id) if raw_id.isdigit() else None
    if finding_id is None:
        problem(
            "finding_id",
            "falta el número del hallazgo o no es un número; no borre ni cambie esa columna.",
        )
    texts: dict[str, str] = {}
    for key in ("cause_analysis", "corrective_action", "responsible"):
        text = cell_text(cell(key)).strip()
        if len(text) > _TEXT_LIMITS[key]:
            problem(key, f"el texto supera {_TEXT_LIMITS[key]:,} caracteres.".replace(",", "."))
        texts[key] = text
    commitment: date | None = None
    try:
        commitment = parse_date(cell("commitment_date"))
    except ValueProblem as exc:
        problem("commitment_date", f"{exc}; escriba la fecha como dd/mm/aaaa.")
        commitment = None
        date_bad = True
    else:
        date_bad = False
    filled = any(texts.values()) or commitment is not None or date_bad
    if filled:
        for key in ("cause_analysis", "corrective_action", "responsible"):
            if not texts[key]:
                problem(key, f"falta «{_header_of(key)}»: una respuesta lleva las cuatro columnas.")
        if commitment is None and not date_bad:
            problem("commitment_date", "falta la fecha de compromiso (dd/mm/aaaa).")
    if problems or finding_id is None:
        return problems
    return ReturnedAnswer(
        number,
        finding_id,
        texts["cause_analysis"],
        texts["corrective_action"],
        texts["responsible"],
        commitment,
    )
