"""Table models of the «Calibración» page: the sessions, the reader's own records, and
the matrix of records × evaluators of one criterion once a session is revealed.

A cell where the evaluators of its record disagree is shaded AND starts with «≠», and
the record's line says so in words: the disagreement never rests on colour alone.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from auditoria_calidad.domain.scheme import ScoringScheme
from auditoria_calidad.services.calibration_dtos import (
    CalibrationRecordRow,
    CalibrationResults,
    CalibrationSummary,
    RecordComparison,
)
from auditoria_calidad.services.calibration_reports import value_label
from auditoria_calidad.ui import locale_format
from auditoria_calidad.ui.table_models import Column, RowTableModel

AnyIndex = QModelIndex | QPersistentModelIndex
DISAGREEMENT_MARK = "≠ "
DISAGREEMENT_FILL = QColor("#fde2e1")
DISAGREEMENT_INK = QColor("#8a1c1c")
MISSING = "—"
DISAGREES_ROLE = Qt.ItemDataRole.UserRole + 20


def _progress(summary: CalibrationSummary) -> str:
    done = sum(e.submitted for e in summary.evaluators)
    return f"{done} de {locale_format.plural(len(summary.evaluators), 'entregó', 'entregaron')}"


def _evaluators(summary: CalibrationSummary) -> str:
    return ", ".join(e.username + (" (ref.)" if e.is_reference else "") for e in summary.evaluators)


class SessionsTableModel(RowTableModel[CalibrationSummary]):
    COLUMNS = (
        Column("N.º", lambda s: str(s.id), sort=lambda s: s.id, numeric=True),
        Column("Estado", lambda s: s.state_label),
        Column("Auditoría", lambda s: s.audit_number),
        Column("Registros", lambda s: locale_format.count(s.size), sort=lambda s: s.size,
               numeric=True),
        Column("Evaluadores", _evaluators),
        Column("Entregas", _progress),
        Column("Creada", lambda s: locale_format.day(s.created_at.date()),
               sort=lambda s: s.created_at),
    )  # fmt: skip


class OwnRecordsModel(RowTableModel[CalibrationRecordRow]):
    """The reader's own records of an open session (their own judgement only)."""

    COLUMNS = (
        Column("Registro", lambda r: r.key),
        Column("Agente", lambda r: r.agent),
        Column("Su juicio", lambda r: "Juzgado" if r.judged else
               ("Incompleto" if r.version is not None else "Pendiente")),
        Column("Puntaje", lambda r: locale_format.score(r.score), sort=lambda r: r.score,
               numeric=True),
    )  # fmt: skip


def disagreeing_usernames(record: RecordComparison, criterion: str) -> set[str]:
    """The evaluators whose value of ``criterion`` differs from the most given one (all of
    them on a tie); empty when everyone who judged it agrees."""
    values = {
        user: j.answers.get(criterion)
        for user, j in record.judgements.items()
        if j.answers.get(criterion) is not None
    }
    if len(set(values.values())) < 2:
        return set()
    counts = Counter(values.values()).most_common()
    if len(counts) > 1 and counts[0][1] == counts[1][1]:
        return set(values)
    return {user for user, value in values.items() if value != counts[0][0]}


class CalibrationMatrixModel(QAbstractTableModel):
    """Rows: the session's records, widest disagreement first; columns: the record, then
    one per evaluator with the value given for the chosen criterion, then the score range."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._records: list[RecordComparison] = []
        self._evaluators: list[tuple[str, str]] = []  # (username, header)
        self._scheme: ScoringScheme | None = None
        self.criterion = ""

    def show_results(
        self,
        summary: CalibrationSummary,
        results: CalibrationResults,
        scheme: ScoringScheme | None,
        criterion: str,
    ) -> None:
        self.beginResetModel()
        self._records = list(results.records)
        self._evaluators = [
            (e.username, e.name + (" (ref.)" if e.is_reference else "")) for e in summary.evaluators
        ]
        self._scheme = scheme
        self.criterion = criterion
        self.endResetModel()

    def set_criterion(self, criterion: str) -> None:
        self.beginResetModel()
        self.criterion = criterion
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._evaluators) + 2

    def _label(self, value: str | None) -> str:
        if value is None:
            return MISSING
        if self._scheme is None:
            return value
        return value_label(self._scheme, self.criterion, value)

    def cell_text(self, row: int, column: int) -> str:
        record = self._records[row]
        if column == 0:
            differs = self.criterion in record.criteria_in_disagreement
            return record.key + (" · en desacuerdo" if differs else "")
        if column == len(self._evaluators) + 1:
            return locale_format.score(record.score_range)
        username = self._evaluators[column - 1][0]
        judgement = record.judgements.get(username)
        value = judgement.answers.get(self.criterion) if judgement else None
        text = self._label(value)
        if username in disagreeing_usernames(record, self.criterion):
            return DISAGREEMENT_MARK + text
        return text

    def disagrees(self, row: int, column: int) -> bool:
        record = self._records[row]
        if column == 0:
            return self.criterion in record.criteria_in_disagreement
        if 1 <= column <= len(self._evaluators):
            username = self._evaluators[column - 1][0]
            return username in disagreeing_usernames(record, self.criterion)
        return False

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell_text(row, column)
        if role == DISAGREES_ROLE:
            return self.disagrees(row, column)
        if role == Qt.ItemDataRole.BackgroundRole and self.disagrees(row, column):
            return QBrush(DISAGREEMENT_FILL)
        if role == Qt.ItemDataRole.ForegroundRole and self.disagrees(row, column):
            return QBrush(DISAGREEMENT_INK)
        if role == Qt.ItemDataRole.ToolTipRole and 1 <= column <= len(self._evaluators):
            judgement = self._records[row].judgements.get(self._evaluators[column - 1][0])
            if judgement and judgement.observation:
                return judgement.observation
        if role == Qt.ItemDataRole.TextAlignmentRole and column == len(self._evaluators) + 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if section == 0:
            return "Registro"
        if section == len(self._evaluators) + 1:
            return "Dif. puntaje"
        if 1 <= section <= len(self._evaluators):
            # Two lines rather than a clipped name: «Auditora de\nPruebas (ref.)».
            words = self._evaluators[section - 1][1].split(" ")
            half = (len(words) + 1) // 2
            return " ".join(words[:half]) + (
                "\n" + " ".join(words[half:]) if half < len(words) else ""
            )
        return None
