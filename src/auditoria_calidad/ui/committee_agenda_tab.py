"""The «Orden del día» tab of the Comité page: the session's date, place, agenda and the
acta's details (hours, who presides, quorum, conclusions), editable while it is a draft."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from auditoria_calidad.services.committee import SessionDetail
from auditoria_calidad.ui.committee_dialogs import SessionDetailsForm, date_edit


class AgendaTab(QWidget):
    """The fields of the session's acta; ``save_button`` (the page's) sits under them."""

    def __init__(self, save_button: QPushButton, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.held_on = date_edit()
        self.place = QLineEdit()
        self.place.setObjectName("sessionPlace")
        self.agenda = QPlainTextEdit()
        self.agenda.setObjectName("sessionAgenda")
        form = QFormLayout()
        form.addRow("Fecha:", self.held_on)
        form.addRow("Lugar:", self.place)
        form.addRow("Orden del día\n(un punto por línea):", self.agenda)
        self.details_form = SessionDetailsForm()
        form.addRow(self.details_form)
        bar = QHBoxLayout()
        bar.addWidget(save_button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(bar)

    def show_detail(self, detail: SessionDetail | None) -> None:
        """The session's values (no session: the date stays, the rest is emptied)."""
        self.held_on.setDate(self.held_on.date() if detail is None else _qdate(detail.info.held_on))
        self.place.setText(detail.info.place if detail else "")
        self.agenda.setPlainText(detail.agenda if detail else "")
        self.details_form.show_info(detail.info if detail else None)

    def set_editable(self, editable: bool) -> None:
        self.held_on.setEnabled(editable)
        self.place.setReadOnly(not editable)
        self.details_form.set_editable(editable)
        self.agenda.setReadOnly(not editable)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
