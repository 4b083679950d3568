"""Configuración › Calendario laboral: the working weekdays and hours, the clock and the
entity's own days off of a current scheme, saved as a new version of the scheme."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QDate, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from auditoria_calidad.domain.roles import Permission
from auditoria_calidad.domain.timeliness import Clock
from auditoria_calidad.services import schemes
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.edit_conflicts import StaleEdit
from auditoria_calidad.services.errors import ServiceError
from auditoria_calidad.services.scheme_fields import CALENDAR_LABELS, scheme_fields
from auditoria_calidad.services.schemes import WEEKDAY_NAMES, SchemeDetail
from auditoria_calidad.ui import locale_format, messages
from auditoria_calidad.ui.conflict_dialog import VersionsDialog, stale_edit_dialog
from auditoria_calidad.ui.messages import inline_error_label, show_inline
from auditoria_calidad.ui.new_audit_dialog import date_edit


def _qtime(value: time) -> QTime:
    return QTime(value.hour, value.minute)


class CalendarTab(QWidget):
    """Working weekdays and hours (and the entity's own days off) of a current scheme."""

    data_changed = Signal()

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.detail: SchemeDetail | None = None
        self.expected_latest: int | None = None  # the version shown (the current one)
        self.conflict_dialog: VersionsDialog | None = None
        self.scheme = QComboBox()
        self.scheme.setObjectName("calendarScheme")
        self.scheme.setMinimumWidth(320)
        self.scheme.currentIndexChanged.connect(self._load)
        self.days = [QCheckBox(name.capitalize()) for name in WEEKDAY_NAMES]
        days_row = QHBoxLayout()
        for box in self.days:
            days_row.addWidget(box)
        days_row.addStretch(1)
        self.start = QTimeEdit()
        self.end = QTimeEdit()
        for edit in (self.start, self.end):
            edit.setDisplayFormat("HH:mm")
        hours_row = QHBoxLayout()
        hours_row.addWidget(QLabel("de"))
        hours_row.addWidget(self.start)
        hours_row.addWidget(QLabel("a"))
        hours_row.addWidget(self.end)
        hours_row.addStretch(1)
        self.clock = QComboBox()
        for clock in Clock:
            self.clock.addItem(clock.label, clock.value)
        self.holidays = QListWidget()
        self.holidays.setObjectName("extraHolidays")
        self.holidays.setFixedSize(320, 110)
        self.holiday_date = date_edit(date.today())
        self.add_holiday = QPushButton("Agregar día")
        self.add_holiday.clicked.connect(self._add_holiday)
        self.remove_holiday = QPushButton("Quitar")
        self.remove_holiday.clicked.connect(self._remove_holiday)
        holiday_row = QHBoxLayout()
        holiday_row.addWidget(self.holiday_date)
        holiday_row.addWidget(self.add_holiday)
        holiday_row.addWidget(self.remove_holiday)
        holiday_row.addStretch(1)
        holiday_box = QVBoxLayout()
        holiday_box.addWidget(self.holidays)
        holiday_box.addLayout(holiday_row)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow("Esquema:", self.scheme)
        form.addRow("Días hábiles:", days_row)
        form.addRow("Jornada:", hours_row)
        form.addRow("Forma de contar las horas:", self.clock)
        form.addRow("Otros días no hábiles:", holiday_box)
        note = QLabel(
            "Los festivos nacionales de Colombia se descuentan siempre. La jornada solo cuenta "
            "con «Horas hábiles»; los plazos legales (Ley 1755 de 2015) se cuentan de lunes a "
            "viernes sin festivos, sea cual sea la jornada del proveedor. Guardar crea una nueva "
            "versión del esquema: las auditorías existentes conservan la suya."
        )
        note.setObjectName("formHint")
        note.setWordWrap(True)
        self.error = inline_error_label()
        self.notice = QLabel()
        self.notice.setObjectName("warningNote")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.save_button = QPushButton("Guardar como nueva versión")
        self.save_button.clicked.connect(self.save)
        editable = actor.can(Permission.MANAGE_SCHEMES)
        self.save_button.setVisible(editable)
        for widget in (*self.days, self.start, self.end, self.clock, self.holiday_date,
                       self.add_holiday, self.remove_holiday):  # fmt: skip
            widget.setEnabled(editable)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(self.notice)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        current = self.detail.info.name if self.detail is not None else None
        try:
            versions = [s for s in schemes.list_schemes(self._db, self._actor) if s.is_current]
        except ServiceError as exc:
            messages.show_error(self, exc)
            return
        self.scheme.blockSignals(True)
        self.scheme.clear()
        for info in versions:
            self.scheme.addItem(f"{info.name} (versión {info.version})", info.id)
        index = max(0, next((i for i, v in enumerate(versions) if v.name == current), 0))
        self.scheme.setCurrentIndex(index)
        self.scheme.blockSignals(False)
        self._load()

    def _load(self) -> None:
        show_inline(self.error, None)
        scheme_id = self.scheme.currentData()
        if scheme_id is None:
            return
        try:
            self.detail = schemes.get_scheme(self._db, self._actor, scheme_id)
        except ServiceError as exc:
            messages.show_error(self, exc)
            return
        self.expected_latest = self.detail.info.version
        thresholds = self.detail.scheme.thresholds
        calendar = thresholds.calendar
        for number, box in enumerate(self.days, start=1):
            box.setChecked(number in calendar.weekdays)
        self.start.setTime(_qtime(calendar.start))
        self.end.setTime(_qtime(calendar.end))
        self.clock.setCurrentIndex(self.clock.findData(thresholds.clock.value))
        self.holidays.clear()
        for day in sorted(calendar.extra_holidays):
            self._holiday_item(day)

    def _holiday_item(self, day: date) -> None:
        item = QListWidgetItem(locale_format.day(day))
        item.setData(Qt.ItemDataRole.UserRole, day)
        self.holidays.addItem(item)

    def _days_off(self) -> list[date]:
        return [self.holidays.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.holidays.count())]  # fmt: skip

    def _add_holiday(self) -> None:
        value: QDate = self.holiday_date.date()
        day = date(value.year(), value.month(), value.day())
        if day not in self._days_off():
            self._holiday_item(day)
            self.holidays.sortItems()

    def _remove_holiday(self) -> None:
        for item in self.holidays.selectedItems():
            self.holidays.takeItem(self.holidays.row(item))

    def calendar_input(self) -> schemes.CalendarInput:
        start, end = self.start.time(), self.end.time()
        return schemes.CalendarInput(
            weekdays=frozenset(n for n, box in enumerate(self.days, start=1) if box.isChecked()),
            start=time(start.hour(), start.minute()),
            end=time(end.hour(), end.minute()),
            clock=Clock(self.clock.currentData()),
            extra_holidays=frozenset(self._days_off()),
        )

    def save(self) -> None:
        if self.detail is None:
            return
        calendar = self.calendar_input()
        try:
            saved = schemes.set_working_calendar(
                self._db,
                self._actor,
                self.detail.info.id,
                calendar,
                expected_latest=self.expected_latest,
            )
        except StaleEdit as exc:
            self._show_conflict(exc, calendar)
            return
        except ServiceError as exc:
            show_inline(self.error, exc)
            return
        self.refresh()
        self.notice.setText(
            f"Se guardó la versión {saved.info.version} de «{saved.info.name}» con el nuevo "
            "calendario laboral."
        )
        self.notice.show()
        self.data_changed.emit()

    def _show_conflict(self, refused: StaleEdit, calendar: schemes.CalendarInput) -> None:
        """This calendar beside the one of the version saved meanwhile: keep that one (the
        form shows it) or save this calendar into the next version anyway."""
        show_inline(self.error, refused)
        assert self.detail is not None
        data = self.detail.definition()
        data["thresholds"]["clock"] = calendar.clock.value
        data["thresholds"]["calendar"] = {
            "weekdays": sorted(calendar.weekdays),
            "start": f"{calendar.start:%H:%M}",
            "end": f"{calendar.end:%H:%M}",
            "extra_holidays": [d.isoformat() for d in sorted(calendar.extra_holidays)],
        }
        values = dict(scheme_fields(data))
        mine = [(label, values[label]) for label in CALENDAR_LABELS]  # the form's order
        dialog = stale_edit_dialog(refused, mine, self)

        name = self.detail.info.name

        def keep_mine() -> None:
            # This calendar goes on top of the version saved meanwhile (its criteria and
            # thresholds stay); the form keeps what the user chose.
            try:
                versions = schemes.list_schemes(self._db, self._actor)
                newest = max((v for v in versions if v.name == name), key=lambda v: v.version)
                self.detail = schemes.get_scheme(self._db, self._actor, newest.id)
            except ServiceError as exc:
                show_inline(self.error, exc)
                return
            self.expected_latest = refused.saved.version  # one newer still is refused again
            self.save()

        dialog.keep_saved.connect(self.refresh)
        dialog.keep_mine.connect(keep_mine)
        self.conflict_dialog = dialog
        dialog.open()
