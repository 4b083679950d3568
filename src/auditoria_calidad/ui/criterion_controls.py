"""One row per criterion of the scheme, answered from the keyboard.

A judged row takes 1 = Cumple, 2 = No cumple, 3 (or 0) = N.A.; a level row takes 1… for
its levels in order and 0 = N.A.; Supr/Retroceso clears. After a key the focus moves to
the next criterion, so "1 1 1 1" answers four rows. ↑/↓ and Tab move between rows. A
computed row only shows its result. Every button shows its key. Below, each row shows
what the automatic screening found for its criterion (ui.criterion_alerts).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from auditoria_calidad.domain.scheme import NOT_APPLICABLE, Criterion, CriterionKind
from auditoria_calidad.domain.scoring import Verdict
from auditoria_calidad.ui.criterion_alerts import ALERTS_STYLE, AlertList

STYLE = """
QFrame#criterionRow { background: #ffffff; border: 1px solid #d9e2ec; border-radius: 6px; }
QFrame#criterionRow[focused="true"] { border: 2px solid #1f4e79; background: #eef4fb; }
QFrame#criterionRow[computed="true"] { background: #f5f7fa; }
QLabel#criterionLabel { font-weight: bold; color: #1f2933; }
QLabel#criterionLabel[critical="true"] { color: #7a1d12; }
QLabel#criterionNote { color: #616e7c; font-size: 9pt; }
QLabel#criterionNote[proposed="true"] { color: #8a5a00; font-style: italic; }
QPushButton#choice {
    background: #ffffff; border: 1px solid #c3d2e3; border-radius: 4px;
    padding: 3px 7px;
}
QPushButton#choice:checked { background: #1f4e79; color: #ffffff; border-color: #1f4e79; }
QPushButton#choice[tone="bad"]:checked { background: #b42318; border-color: #b42318; }
QPushButton#choice[tone="neutral"]:checked { background: #616e7c; border-color: #616e7c; }
QPushButton#choice:disabled { color: #9aa5b1; }
QLabel#computedResult { font-weight: bold; padding: 2px 8px; border-radius: 4px; }
QLabel#computedResult[tone="good"] { color: #1e6b3a; background: #e3f4e8; }
QLabel#computedResult[tone="bad"] { color: #b42318; background: #fef3f2; }
QLabel#computedResult[tone="neutral"] { color: #52606d; background: #eef2f6; }
"""
STYLE += ALERTS_STYLE


def _restyle(widget: QWidget) -> None:
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class CriterionRow(QFrame):
    """A judged or level criterion: label, help and one button per answer."""

    changed = Signal(str, object)  # criterion key, value (None: cleared)
    move_requested = Signal(object, int)  # this row, +1 / -1 (arrows, Enter)
    answered = Signal(object)  # this row, answered with a key: go to the next criterion

    def __init__(self, criterion: Criterion, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.criterion = criterion
        self.setObjectName("criterionRow")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setProperty("focused", False)
        self._editable = True
        self._value: str | None = None
        self._proposed = False
        # (key on the keyboard, stored value, button text, tone)
        if criterion.kind is CriterionKind.LEVEL:
            self.choices = [
                (
                    str(i),
                    level.key,
                    level.label,
                    "good" if level.credit == 1 else ("bad" if level.credit == 0 else "neutral"),
                )
                for i, level in enumerate(criterion.levels, start=1)
            ]
            self.choices.append(("0", NOT_APPLICABLE, Verdict.NA.label, "neutral"))
            self._extra_keys = {}
        else:
            self.choices = [
                ("1", Verdict.CUMPLE.value, Verdict.CUMPLE.label, "good"),
                ("2", Verdict.NO_CUMPLE.value, Verdict.NO_CUMPLE.label, "bad"),
                ("3", Verdict.NA.value, Verdict.NA.label, "neutral"),
            ]
            self._extra_keys = {"0": Verdict.NA.value}

        self.label = QLabel(criterion.label + ("  ·  crítico" if criterion.critical else ""))
        self.label.setObjectName("criterionLabel")
        self.label.setProperty("critical", criterion.critical)
        self.label.setWordWrap(True)
        if criterion.help:
            self.setToolTip(criterion.help)
        self.note = QLabel()
        self.note.setObjectName("criterionNote")
        self.note.setWordWrap(True)
        self.note.hide()

        self.group = QButtonGroup(self)
        self.group.setExclusive(False)  # so that a checked button can be cleared
        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        self.buttons: dict[str, QPushButton] = {}
        for key, value, text, tone in self.choices:
            button = QPushButton(f"{key} {text}")
            button.setObjectName("choice")
            button.setProperty("tone", tone)
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setToolTip(f"Tecla {key}: {text}")
            button.clicked.connect(lambda _=False, v=value: self._choose(v, advance=False))
            self.group.addButton(button)
            self.buttons[value] = button
            buttons.addWidget(button)
        buttons.addStretch(1)

        column = QVBoxLayout(self)
        column.setContentsMargins(10, 5, 10, 5)
        column.setSpacing(3)
        self.alerts = AlertList()
        column.addWidget(self.label)
        column.addLayout(buttons)
        column.addWidget(self.note)
        column.addWidget(self.alerts)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

    # State --------------------------------------------------------------------------------
    @property
    def key(self) -> str:
        return self.criterion.key

    @property
    def value(self) -> str | None:
        return self._value

    @property
    def proposed(self) -> bool:
        """The value shown was proposed (spelling pre-check), not chosen by the auditor."""
        return self._proposed

    def set_value(self, value: str | None, *, proposed: bool = False) -> None:
        """Show ``value`` without emitting ``changed`` (loading a saved evaluation)."""
        self._value = value
        self._proposed = proposed and value is not None
        for stored, button in self.buttons.items():
            button.setChecked(stored == value)

    def set_note(self, text: str, *, proposed: bool = False) -> None:
        self.note.setText(text)
        self.note.setProperty("proposed", proposed)
        _restyle(self.note)
        self.note.setVisible(bool(text))

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        for button in self.buttons.values():
            button.setEnabled(editable)

    def _choose(self, value: str | None, *, advance: bool) -> None:
        if not self._editable:
            self.set_value(self._value, proposed=self._proposed)
            return
        if value is not None and value == self._value and not advance and not self._proposed:
            value = None  # clicking the checked button again clears it
        self.set_value(value)
        self.changed.emit(self.key, value)
        if advance:
            self.answered.emit(self)

    # Keyboard -----------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        text = event.text()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers == Qt.KeyboardModifier.NoModifier:
            by_key = {k: v for k, v, _t, _tone in self.choices} | self._extra_keys
            if text in by_key:
                self._choose(by_key[text], advance=True)
                return
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self._choose(None, advance=False)
                return
            if key == Qt.Key.Key_Down or key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.move_requested.emit(self, 1)
                return
            if key == Qt.Key.Key_Up:
                self.move_requested.emit(self, -1)
                return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.setProperty("focused", True)
        _restyle(self)
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.setProperty("focused", False)
        _restyle(self)
        super().focusOutEvent(event)


class ComputedRow(QFrame):
    """A computed criterion: its label and the result, read-only."""

    def __init__(self, criterion: Criterion, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.criterion = criterion
        self.setObjectName("criterionRow")
        self.setProperty("computed", True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        label = QLabel(criterion.label)
        label.setObjectName("criterionLabel")
        label.setWordWrap(True)
        self.result = QLabel()
        self.result.setObjectName("computedResult")
        self.detail = QLabel()
        self.detail.setObjectName("criterionNote")
        self.detail.setWordWrap(True)
        if criterion.help:
            self.setToolTip(criterion.help)
        result_line = QHBoxLayout()
        result_line.setSpacing(8)
        result_line.addWidget(self.result)
        result_line.addWidget(self.detail, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(10, 5, 10, 5)
        column.setSpacing(3)
        self.alerts = AlertList()
        column.addWidget(label)
        column.addLayout(result_line)
        column.addWidget(self.alerts)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

    @property
    def key(self) -> str:
        return self.criterion.key

    def set_result(self, value: bool | None, detail: str = "", missing: str = "sin dato") -> None:
        """Show the computed result; ``missing`` says why there is none (N.A.)."""
        if value is None:
            text, tone = f"N.A. ({missing})", "neutral"
        else:
            text, tone = ("Cumple", "good") if value else ("No cumple", "bad")
        self.result.setText(text)
        self.result.setProperty("tone", tone)
        _restyle(self.result)
        self.detail.setText(f"calculado · {detail}" if detail else "calculado")
