"""The thresholds of a scheme as a form: hours allowed and clock, chat wait, CRM, target
and the spelling bands (Configuración › Esquemas de calificación)."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from auditoria_calidad.domain.scheme import ScoringScheme
from auditoria_calidad.domain.timeliness import Clock
from auditoria_calidad.services.schemes import WEEKDAY_NAMES
from auditoria_calidad.ui import locale_format
from auditoria_calidad.ui.scheme_criteria_model import plain_number


def _spin(minimum: float, maximum: float, decimals: int) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setLocale(locale_format.COLOMBIA)
    spin.setRange(minimum, maximum)
    spin.setDecimals(decimals)
    return spin


class ThresholdsForm(QWidget):
    """The scheme's thresholds: hours allowed and clock, chat wait, CRM, target, spelling."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hours = _spin(0.5, 720, 1)
        self.clock = QComboBox()
        for clock in Clock:
            self.clock.addItem(clock.label, clock.value)
        self.wait = QSpinBox()
        self.wait.setRange(1, 3600)
        self.wait.setSuffix(" s")
        self.crm = QSpinBox()
        self.crm.setRange(1, 20)
        self.target = _spin(0, 100, 1)
        self.target.setSuffix(" %")
        self.calendar = QLabel()
        self.calendar.setObjectName("formHint")
        self.calendar.setWordWrap(True)
        self.spelling_layout = QHBoxLayout()
        self.spelling_layout.setSpacing(6)
        self.band_spins: list[QDoubleSpinBox] = []
        self._data: dict[str, Any] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        cells = (
            ("Horas para responder:", self.hours), ("Espera máxima del chat:", self.wait),
            ("Forma de contar:", self.clock), ("Máximo de veces en CRM:", self.crm),
            ("Meta del proveedor:", self.target), ("Jornada:", self.calendar),
        )  # fmt: skip
        for index, (text, widget) in enumerate(cells):
            row, column = divmod(index, 2)
            grid.addWidget(QLabel(text), row, column * 2)
            grid.addWidget(widget, row, column * 2 + 1)
        grid.addWidget(QLabel("Ortografía:"), 3, 0)
        grid.addLayout(self.spelling_layout, 3, 1, 1, 3)
        for column in (1, 3):
            grid.setColumnStretch(column, 1)

    def load(self, scheme: ScoringScheme, data: dict[str, Any]) -> None:
        t = scheme.thresholds
        self._data = copy.deepcopy(data)
        self.hours.setValue(float(t.hours_allowed))
        self.clock.setCurrentIndex(self.clock.findData(t.clock.value))
        self.wait.setValue(t.chat_wait_limit_seconds)
        self.crm.setValue(t.max_crm_registrations)
        self.target.setValue(float(t.target_score))
        self.calendar.setText(calendar_text(scheme))
        while self.spelling_layout.count():
            item = self.spelling_layout.takeAt(0)
            if item is not None and (widget := item.widget()):
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        self.band_spins = []
        levels = {}
        if t.spelling_criterion:
            levels = {lv.key: lv.label for lv in scheme.criterion(t.spelling_criterion).levels}
        for band in t.spelling_bands:
            label = levels.get(band.level, band.level)
            if band.max_per_100 is None:
                self.spelling_layout.addWidget(QLabel(f"{label}: más"))
                continue
            spin_label = QLabel(f"{label}: hasta")
            spin_label.setContentsMargins(8, 0, 0, 0)
            spin = _spin(0, 100, 1)
            spin.setValue(float(band.max_per_100))
            self.spelling_layout.addWidget(spin_label)
            self.spelling_layout.addWidget(spin)
            self.band_spins.append(spin)
        unit = QLabel("(por 100 palabras)")
        unit.setObjectName("formHint")
        self.spelling_layout.addWidget(unit)
        self.spelling_layout.addStretch(1)

    def set_editing(self, editing: bool) -> None:
        for widget in (self.hours, self.clock, self.wait, self.crm, self.target, *self.band_spins):
            widget.setEnabled(editing)

    def thresholds(self) -> dict[str, Any]:
        data = copy.deepcopy(self._data)
        data["hours_allowed"] = plain_number(Decimal(str(round(self.hours.value(), 1))))
        data["clock"] = self.clock.currentData()
        data["chat_wait_limit_seconds"] = self.wait.value()
        data["max_crm_registrations"] = self.crm.value()
        data["target_score"] = plain_number(Decimal(str(round(self.target.value(), 1))))
        bands = data.get("spelling", {}).get("bands", [])
        limited = [b for b in bands if "max_per_100" in b]
        for band, spin in zip(limited, self.band_spins, strict=True):
            band["max_per_100"] = plain_number(Decimal(str(round(spin.value(), 1))))
        return data


def calendar_text(scheme: ScoringScheme) -> str:
    cal = scheme.thresholds.calendar
    days = sorted(cal.weekdays)
    if days == list(range(days[0], days[-1] + 1)) and len(days) > 2:
        names = f"{WEEKDAY_NAMES[days[0] - 1]} a {WEEKDAY_NAMES[days[-1] - 1]}"
    else:
        names = ", ".join(WEEKDAY_NAMES[d - 1] for d in days)
    return f"{names.capitalize()}, {cal.start:%H:%M}–{cal.end:%H:%M}"
