"""A date typed as dd/mm/aaaa (digits only, the slashes are already there) or picked.

Unlike QDateEdit, the field can be empty: a date the user must choose (a commitment,
a due date) starts empty, and `require()` refuses an empty or impossible date with a
message right below the field instead of saving today's date without a word.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from auditoria_calidad.ui import locale_format

Day = date  # the type, where the method named `date` hides it
MASK = "99/99/9999;_"
FORMAT_HINT = "dd/mm/aaaa"


def parse_day(text: str) -> date | None:
    """The date of a complete «dd/mm/aaaa» text; None when incomplete or impossible."""
    parts = text.strip().split("/")
    if len(parts) != 3 or not all(p.isdigit() for p in parts) or len(parts[2]) != 4:
        return None
    day, month, year = (int(p) for p in parts)
    try:
        return date(year, month, day)
    except ValueError:
        return None


class DateField(QWidget):
    """A dd/mm/aaaa field with a calendar button and its own message line.

    ``label`` names the field in messages («Falta la fecha de compromiso.»).
    """

    dateChanged = Signal(object)

    def __init__(
        self,
        label: str,
        *,
        required: bool = True,
        initial: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.label = label
        self.required = required
        self.edit = QLineEdit()
        self.edit.setInputMask(MASK)
        self.edit.setToolTip(f"Escriba la fecha como {FORMAT_HINT} (solo los números)")
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance("00/00/00000") + 16)
        self.edit.setMaximumWidth(self.edit.minimumWidth() + 24)
        self.edit.textChanged.connect(self._changed)
        self.edit.installEventFilter(self)
        self.calendar_button = QToolButton()
        self.calendar_button.setText("…")
        self.calendar_button.setToolTip("Elegir en el calendario")
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.calendar_button.clicked.connect(self.show_calendar)
        self.calendar = QCalendarWidget(self)
        self.calendar.setWindowFlags(Qt.WindowType.Popup)
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        self.message = QLabel()
        self.message.setObjectName("formError")
        self.message.setWordWrap(True)
        self.message.hide()
        self.setFocusProxy(self.edit)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit)
        row.addWidget(self.calendar_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.setDate(initial)

    # The value -----------------------------------------------------------------------
    def is_empty(self) -> bool:
        return not any(ch.isdigit() for ch in self.edit.text())

    def date(self) -> Day | None:
        """The typed date, or None when the field is empty, incomplete or impossible."""
        return parse_day(self.edit.text())

    def setDate(self, value: Day | QDate | None) -> None:
        if isinstance(value, QDate):
            value = Day(value.year(), value.month(), value.day()) if value.isValid() else None
        self.edit.setText(locale_format.day(value) if value else "")

    def clear(self) -> None:
        self.setDate(None)

    # Checking ------------------------------------------------------------------------
    def problem(self) -> str | None:
        """Why the field cannot be saved as it is (Spanish), or None."""
        if self.is_empty():
            return f"Falta {self.label}." if self.required else None
        if self.date() is None:
            shown = self.edit.displayText()
            return f"La fecha {shown} no es válida: escríbala como {FORMAT_HINT}."
        return None

    def require(self) -> Day | None:
        """The date when it can be saved; otherwise the message below the field and None.

        An optional empty field also gives None, without a message.
        """
        problem = self.problem()
        if problem:
            self.message.setText(problem)
            self.message.show()
            self.edit.setFocus()
            return None
        self.message.hide()
        return self.date()

    # Internals -----------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # An empty field is typed from its first digit, wherever it was clicked.
        if (
            watched is self.edit
            and event.type() in (QEvent.Type.FocusIn, QEvent.Type.MouseButtonRelease)
            and self.is_empty()
        ):
            QTimer.singleShot(0, lambda: self.edit.setCursorPosition(0))
        return super().eventFilter(watched, event)

    def _changed(self) -> None:
        if self.message.isVisible() and self.problem() is None:
            self.message.hide()
        self.dateChanged.emit(self.date())

    def show_calendar(self) -> None:
        current = self.date() or Day.today()
        self.calendar.setSelectedDate(QDate(current.year, current.month, current.day))
        self.calendar.move(self.edit.mapToGlobal(QPoint(0, self.edit.height())))
        self.calendar.show()
        self.calendar.setFocus()

    def _picked(self, value: QDate) -> None:
        self.setDate(value)
        self.calendar.hide()
        self.edit.setFocus()
