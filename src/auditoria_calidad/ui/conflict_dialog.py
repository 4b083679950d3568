"""«Otro usuario guardó esto»: both versions side by side, and the user chooses.

`VersionsDialog` shows any two versions (field, the user's, the stored one) with the
differences marked; `ConflictDialog` fills it for an evaluation, the Comité page for a
decision. Opened with ``open()`` (window-modal, never blocking the event loop); the caller
reacts to ``keep_saved`` or ``keep_mine``. Closing it decides nothing: the user's version
stays unsaved until a choice is made. Nothing is overwritten unless asked for.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from auditoria_calidad.domain.scheme import NOT_APPLICABLE, CriterionKind, ScoringScheme
from auditoria_calidad.domain.scoring import Verdict
from auditoria_calidad.services.edit_conflicts import StaleEdit
from auditoria_calidad.services.evaluations import EvaluationDraft, SavedEvaluation

_DIFFERENT = QColor("#fff8e6")


def value_label(scheme: ScoringScheme, key: str, value: str | None) -> str:
    """How a stored answer reads in Spanish («Cumple», «Medio», «N.A.», «—»)."""
    if value is None:
        return "—"
    criterion = scheme.criterion(key)
    if criterion.kind is CriterionKind.LEVEL and value != NOT_APPLICABLE:
        level = criterion.level(value)
        return level.label if level else value
    try:
        return Verdict(value).label
    except ValueError:
        return value


class VersionsDialog(QDialog):
    """The user's version and the stored one, field by field; two buttons to choose."""

    keep_saved = Signal()
    keep_mine = Signal()

    def __init__(
        self,
        title: str,
        explanation: str,
        rows: list[tuple[str, str, str]],
        *,
        saved_title: str,
        keep_saved_label: str,
        keep_mine_label: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        header = QLabel(explanation)
        header.setObjectName("conflictExplanation")
        header.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("conflictVersions")
        self.table.setHorizontalHeaderLabels(["Campo", "Su versión", saved_title])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        for label, own, theirs in rows:
            r = self.table.rowCount()
            self.table.insertRow(r)
            for c, text in enumerate((label, own, theirs)):
                item = QTableWidgetItem(text)
                if own != theirs:
                    item.setBackground(_DIFFERENT)
                self.table.setItem(r, c, item)
        header_view = self.table.horizontalHeader()
        header_view.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header_view.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header_view.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()

        self.keep_saved_button = QPushButton(keep_saved_label)
        self.keep_mine_button = QPushButton(keep_mine_label)
        self.keep_saved_button.setDefault(True)
        self.keep_saved_button.clicked.connect(self._keep_saved)
        self.keep_mine_button.clicked.connect(self._keep_mine)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.keep_mine_button)
        buttons.addWidget(self.keep_saved_button)
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(760, 420)

    def _keep_saved(self) -> None:
        self.keep_saved.emit()
        self.accept()

    def _keep_mine(self) -> None:
        self.keep_mine.emit()
        self.accept()


class ConflictDialog(VersionsDialog):
    """An evaluation saved by another auditor while this one edited it."""

    def __init__(
        self,
        scheme: ScoringScheme,
        mine: EvaluationDraft,
        saved: SavedEvaluation,
        parent: QWidget | None = None,
    ) -> None:
        self.saved = saved
        self.mine = mine
        when = f"{saved.reviewed_at:%H:%M} del {saved.reviewed_at:%d/%m/%Y}"
        rows: list[tuple[str, str, str]] = []
        for criterion in scheme.criteria:
            if criterion.kind is CriterionKind.COMPUTED:
                continue
            rows.append(
                (
                    criterion.label,
                    value_label(scheme, criterion.key, mine.answers.get(criterion.key)),
                    value_label(scheme, criterion.key, saved.answers.get(criterion.key)),
                )
            )
        rows.append(("Observaciones", mine.observations.strip() or "—", saved.observations or "—"))
        super().__init__(
            "Otro usuario guardó este registro",
            f"<b>{saved.reviewer}</b> guardó esta evaluación a las {when} mientras usted la "
            "editaba. No se sobrescribió nada. Compare las dos versiones y elija cuál conservar.",
            rows,
            saved_title=f"La versión guardada por {saved.reviewer} a las {saved.reviewed_at:%H:%M}",
            keep_saved_label=f"Conservar la versión de {saved.reviewer}",
            keep_mine_label="Guardar mi versión encima",
            parent=parent,
        )


def stale_edit_dialog(
    refused: StaleEdit, mine: Sequence[tuple[str, str]], parent: QWidget | None = None
) -> VersionsDialog:
    """Any refused shared edit (conclusions, answer, commitment, settings…): ``mine`` are
    the user's fields (label, value) in the form's order; the stored ones come with the
    refusal. The caller connects ``keep_saved`` (reload) and ``keep_mine`` (save again on
    ``refused.saved.version``)."""
    saved = refused.saved
    rows = [(label, own or "—", saved.value(label) or "—") for label, own in mine]
    return VersionsDialog(
        "Otro usuario guardó esto",
        html.escape(refused.message),
        rows,
        saved_title=f"Guardada por {saved.saved_by}",
        keep_saved_label=f"Conservar la versión de {saved.saved_by}",
        keep_mine_label="Guardar mi versión encima",
        parent=parent,
    )
