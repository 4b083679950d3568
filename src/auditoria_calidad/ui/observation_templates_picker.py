"""The list of observation templates that F4 (or Ctrl+Espacio) opens in the F182
observations: typed letters filter it, ↑ ↓ choose, Enter inserts, Esc closes."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

TEXT_ROLE = Qt.ItemDataRole.UserRole


class ObservationTemplatePicker(QFrame):
    """A popup; ``chosen`` carries the template's text."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("templatePicker")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.caption = QLabel()
        self.caption.setObjectName("formHint")
        self.caption.setWordWrap(True)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Escriba para filtrar; Enter inserta")
        self.filter.textChanged.connect(self._filter)
        self.filter.installEventFilter(self)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.caption)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)

    def open_at(
        self, entries: Sequence[tuple[str, str]], caption: str, where: QPoint, width: int
    ) -> None:
        """Show ``entries`` ((criterion label, text)) below ``where`` (global position)."""
        self.caption.setText(caption)
        self.list.clear()
        for label, text in entries:
            item = QListWidgetItem(f"{label}: {text.strip()}")
            item.setData(TEXT_ROLE, text)
            item.setToolTip(text)
            self.list.addItem(item)
        self.filter.clear()
        self._filter("")
        self.resize(max(width, 320), 260)
        self.move(where)
        self.show()
        self.filter.setFocus(Qt.FocusReason.PopupFocusReason)

    def visible_texts(self) -> list[str]:
        return [
            self.list.item(i).data(TEXT_ROLE)
            for i in range(self.list.count())
            if not self.list.item(i).isHidden()
        ]

    def _filter(self, typed: str) -> None:
        wanted = typed.casefold().strip()
        first = None
        for i in range(self.list.count()):
            item = self.list.item(i)
            hidden = bool(wanted) and wanted not in item.text().casefold()
            item.setHidden(hidden)
            if not hidden and first is None:
                first = item
        if first is not None:
            self.list.setCurrentItem(first)

    def _step(self, step: int) -> None:
        rows = [i for i in range(self.list.count()) if not self.list.item(i).isHidden()]
        if not rows:
            return
        current = self.list.currentRow()
        position = rows.index(current) + step if current in rows else 0
        self.list.setCurrentRow(rows[max(0, min(position, len(rows) - 1))])

    def insert_current(self) -> None:
        item = self.list.currentItem()
        if item is None or item.isHidden():
            return
        self.hide()
        self.chosen.emit(item.data(TEXT_ROLE))

    def _activated(self, _item: QListWidgetItem) -> None:
        self.insert_current()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.filter and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self._step(1 if key == Qt.Key.Key_Down else -1)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.insert_current()
                return True
        return super().eventFilter(watched, event)
