"""The audited period of an import: two days typed as dd/mm/aaaa, both empty by default."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

DAY_FORMAT = "dd/mm/aaaa"


def typed_day(text: str) -> date | None:
    """The date typed as dd/mm/aaaa (day and month may lack their leading zero); None when
    empty; ValueError when it is not a date."""
    text = text.strip()
    if not text:
        return None
    return datetime.strptime(text, "%d/%m/%Y").date()


class PeriodEdit(QWidget):
    """«desde [dd/mm/aaaa] hasta [dd/mm/aaaa]» and what the period is for."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.start = QLineEdit()
        self.start.setObjectName("periodFrom")
        self.end = QLineEdit()
        self.end.setObjectName("periodTo")
        for edit in (self.start, self.end):
            edit.setPlaceholderText(DAY_FORMAT)
            edit.setMaxLength(10)
            edit.setFixedWidth(120)
            edit.setClearButtonEnabled(True)
        hint = QLabel("opcional: las filas recibidas fuera del periodo se apartan y se informan")
        hint.setObjectName("formHint")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("desde"))
        layout.addWidget(self.start)
        layout.addWidget(QLabel("hasta"))
        layout.addWidget(self.end)
        layout.addWidget(hint, 1)

    def period(self) -> tuple[date, date] | None:
        """Both days, or None when both are empty; ValueError with a Spanish message."""
        days = []
        for edit, what in ((self.start, "desde"), (self.end, "hasta")):
            try:
                days.append(typed_day(edit.text()))
            except ValueError:
                raise ValueError(
                    f"La fecha «{edit.text().strip()}» del periodo ({what}) no es una fecha "
                    f"{DAY_FORMAT}."
                ) from None
        start, end = days
        if start is None and end is None:
            return None
        if start is None or end is None:
            raise ValueError("Escriba las dos fechas del periodo (desde y hasta) o ninguna.")
        if end < start:
            raise ValueError(
                f"El periodo termina ({end:%d/%m/%Y}) antes de empezar ({start:%d/%m/%Y})."
            )
        return start, end
