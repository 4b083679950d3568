"""«Nueva auditoría»: channel, provider and period, the population shown live, and the
sample's fraction and seed; creating the audit draws its sample in the same transaction."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from PySide6.QtCore import QDate, QRegularExpression, QTimer, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.services import audits, sample
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.administration import list_providers
from auditoria_calidad.services.audits import AuditInfo, Period, PopulationPreview
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.errors import ServiceError
from auditoria_calidad.services.sample import DrawResult
from auditoria_calidad.ui import locale_format
from auditoria_calidad.ui.messages import inline_error_label, show_inline, user_message
from auditoria_calidad.ui.workers import ProgressCallback, ProgressTask

MONTHS = (
    "Enero", "Febrero", "Marzo", "Abril", "Mayo", "Junio", "Julio", "Agosto", "Septiembre",
    "Octubre", "Noviembre", "Diciembre",
)  # fmt: skip
WEEK, MONTH, CUSTOM = 0, 1, 2
DATE_FORMAT = "dd/MM/yyyy"
# Kept for callers that set it: every creation now runs on a pool thread (see accept).
LARGE_POPULATION = 20_000


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def date_edit(day: date) -> QDateEdit:
    edit = QDateEdit(_qdate(day))
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setCalendarPopup(True)
    edit.setLocale(locale_format.COLOMBIA)
    return edit


class SampleParameters(QWidget):
    """The fraction (0,50 to 1,00, decimal comma) and the optional seed of a draw."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fraction = QDoubleSpinBox()
        self.fraction.setObjectName("fraction")
        self.fraction.setLocale(locale_format.COLOMBIA)
        self.fraction.setDecimals(2)
        self.fraction.setRange(0.5, 1.0)
        self.fraction.setSingleStep(0.05)
        self.fraction.setValue(0.5)
        self.fraction.setToolTip(
            "Parte de los registros de cada agente que se revisa. El procedimiento M5-1-01 "
            "exige como mínimo el 50 % (0,50)."
        )
        self.seed = QLineEdit()
        self.seed.setObjectName("seed")
        self.seed.setPlaceholderText("Aleatoria (queda registrada en la auditoría)")
        self.seed.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,19}")))
        self.seed.setToolTip(
            "Con la misma población, fracción y semilla cualquiera puede repetir el sorteo "
            "y verificarlo (docs/sampling.md)."
        )
        self.fraction.valueChanged.connect(self.changed)
        self.seed.textChanged.connect(self.changed)

    def fraction_value(self) -> Decimal:
        return Decimal(str(round(self.fraction.value(), 2)))

    def seed_text(self) -> str:
        return self.seed.text().strip()

    def add_rows(self, form: QFormLayout) -> None:
        form.addRow("Fracción de muestreo:", self.fraction)
        form.addRow("Semilla:", self.seed)


class PeriodChooser(QWidget):
    """A week, a month or a custom range of inclusive dates."""

    changed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        last_month = today.replace(day=1) - timedelta(days=1)
        self.kind = QComboBox()
        self.kind.setObjectName("periodKind")
        self.kind.addItems(["Semana", "Mes", "Rango personalizado"])
        self.week_day = date_edit(today)
        self.week_label = QLabel()
        self.week_label.setObjectName("formHint")
        self.month = QComboBox()
        self.month.addItems(list(MONTHS))
        self.month.setCurrentIndex(last_month.month - 1)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(last_month.year)
        self.year.setGroupSeparatorShown(False)
        self.start = date_edit(last_month.replace(day=1))
        self.end = date_edit(last_month)

        week = QWidget()
        week_row = QHBoxLayout(week)
        week_row.setContentsMargins(0, 0, 0, 0)
        week_row.addWidget(self.week_day)
        week_row.addWidget(self.week_label, 1)
        month = QWidget()
        month_row = QHBoxLayout(month)
        month_row.setContentsMargins(0, 0, 0, 0)
        month_row.addWidget(self.month)
        month_row.addWidget(self.year)
        month_row.addStretch(1)
        custom = QWidget()
        custom_row = QHBoxLayout(custom)
        custom_row.setContentsMargins(0, 0, 0, 0)
        custom_row.addWidget(QLabel("Desde"))
        custom_row.addWidget(self.start)
        custom_row.addWidget(QLabel("hasta"))
        custom_row.addWidget(self.end)
        custom_row.addStretch(1)
        self.pages = QStackedWidget()
        for page in (week, month, custom):
            self.pages.addWidget(page)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.kind)
        layout.addWidget(self.pages)
        self.kind.currentIndexChanged.connect(self.pages.setCurrentIndex)
        for signal in (
            self.kind.currentIndexChanged, self.week_day.dateChanged, self.month.currentIndexChanged,
            self.year.valueChanged, self.start.dateChanged, self.end.dateChanged,
        ):  # fmt: skip
            signal.connect(self._changed)
        self.kind.setCurrentIndex(MONTH)
        self._changed()

    def _changed(self) -> None:
        week = audits.week_period(_date(self.week_day.date()))
        self.week_label.setText(f"Lunes {week.start:%d/%m/%Y} a domingo {week.end:%d/%m/%Y}")
        self.changed.emit()

    def period(self) -> Period:
        kind = self.kind.currentIndex()
        if kind == WEEK:
            return audits.week_period(_date(self.week_day.date()))
        if kind == MONTH:
            return audits.month_period(self.year.value(), self.month.currentIndex() + 1)
        return Period(_date(self.start.date()), _date(self.end.date()))


class NewAuditDialog(QDialog):
    """Creates the audit and draws its sample; ``created`` carries the `DrawResult`."""

    created = Signal(object)

    def __init__(
        self,
        db: Database,
        actor: Actor,
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._preview: PopulationPreview | None = None
        self._existing: AuditInfo | None = None
        self.task: ProgressTask | None = None
        self.result_value: DrawResult | None = None
        self.setWindowTitle("Nueva auditoría")
        self.setMinimumWidth(560)

        header = QLabel("Nueva auditoría")
        header.setObjectName("dialogHeader")
        intro = QLabel(
            "La población son los registros del canal y del proveedor recibidos en el periodo "
            "(fechas inclusivas). La muestra toma al menos el 50 % de los registros de cada "
            "agente, con una semilla que permite repetir y verificar el sorteo."
        )
        intro.setWordWrap(True)
        intro.setObjectName("formHint")
        self.channel = QComboBox()
        self.channel.setObjectName("channel")
        for channel in Channel:
            self.channel.addItem(channel.label, channel.value)
        self.provider = QComboBox()
        self.provider.setObjectName("provider")
        try:
            for provider in list_providers(db, actor):
                if provider.active:
                    self.provider.addItem(provider.name, provider.id)
        except ServiceError as exc:
            intro.setText(user_message(exc))
        self.period = PeriodChooser(today or date.today())
        self.population = QLabel()
        self.population.setObjectName("populationPreview")
        self.population.setWordWrap(True)
        self.parameters = SampleParameters()

        form = QFormLayout()
        form.addRow("Canal:", self.channel)
        form.addRow("Proveedor:", self.provider)
        form.addRow("Periodo:", self.period)
        form.addRow("Población:", self.population)
        self.parameters.add_rows(form)

        self.error = inline_error_label()
        self.buttons = QDialogButtonBox()
        self.create_button = self.buttons.addButton(
            "Crear y sortear la muestra", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.create_button.setDefault(True)
        self.buttons.addButton("Cancelar", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        # The count is a quick query, but typing a date should not run one per keystroke.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.update_population)
        self.channel.currentIndexChanged.connect(self._timer.start)
        self.provider.currentIndexChanged.connect(self._timer.start)
        self.period.changed.connect(self._timer.start)
        self.parameters.changed.connect(self._show_population)
        self.update_population()

    def update_population(self) -> None:
        """Count the records the audit would have, and show it with the sample size."""
        self._timer.stop()
        self._preview = None
        self._existing = None
        if self.provider.currentIndex() < 0:
            self.population.setText("No hay proveedores: créelos en Configuración.")
            self.create_button.setEnabled(False)
            return
        try:
            period = self.period.period()
            self._preview = audits.preview_population(
                self._db,
                self._actor,
                self.channel.currentData(),
                self.provider.currentData(),
                period.start,
                period.end,
            )
            self._existing = audits.find_overlapping(
                self._db,
                self._actor,
                self.channel.currentData(),
                self.provider.currentData(),
                period.start,
                period.end,
            )
        except ServiceError as exc:
            self.population.setText(user_message(exc))
        self._show_population()

    def _show_population(self) -> None:
        preview = self._preview
        self.create_button.setEnabled(bool(preview and preview.records) and not self._existing)
        if preview is None:
            return
        if self._existing is not None:
            existing = self._existing
            self.population.setText(
                f"Ya existe la auditoría {existing.number} de este canal y proveedor para "
                f"{existing.period.label} ({existing.state_label.lower()}). Ábrala desde la "
                "lista o, si se creó por error y sigue en borrador, anúlela antes de crear otra."
            )
            return
        if preview.records == 0:
            self.population.setText(
                f"Ningún registro en {self.period.period().label}. Importe primero el archivo "
                "del periodo o elija otras fechas."
            )
            return
        size = preview.sample_size(self.parameters.fraction_value())
        self.population.setText(
            f"{locale_format.plural(preview.records, 'registro', 'registros')} de "
            f"{locale_format.plural(preview.agents, 'agente', 'agentes')} · "
            f"muestra de {locale_format.plural(size, 'registro', 'registros')}"
        )

    def accept(self) -> None:
        show_inline(self.error, None)
        try:
            period = self.period.period()
            fraction = sample.parse_sample_fraction(self.parameters.fraction_value())
            seed = sample.parse_seed(self.parameters.seed_text())
        except ServiceError as exc:
            show_inline(self.error, exc)
            return
        channel, provider_id = self.channel.currentData(), self.provider.currentData()

        def work(progress: ProgressCallback | None) -> DrawResult:
            return sample.create_audit_and_draw(
                self._db,
                self._actor,
                channel,
                provider_id,
                period.start,
                period.end,
                fraction,
                seed,
                progress,
            )

        if self._existing is not None or not (self._preview and self._preview.records):
            # Refused before any work is done: the service says why at once.
            try:
                self._finish(work(None))
            except ServiceError as exc:
                show_inline(self.error, exc)
            return
        # Every answer of the population is screened with the audit: always off the GUI
        # thread (the first screening also loads the dictionary).
        self.create_button.setEnabled(False)
        self.task = ProgressTask(
            self,
            "Nueva auditoría",
            "Creando la auditoría, analizando las respuestas de la población y sorteando "
            "la muestra…",
            work,
        )
        self.task.succeeded.connect(self._finish)
        self.task.failed.connect(self._failed)
        self.task.finished.connect(lambda: self.create_button.setEnabled(True))
        self.task.start()

    def _failed(self, error: BaseException) -> None:
        show_inline(self.error, error)

    def _finish(self, result: DrawResult) -> None:
        self.result_value = result
        self.created.emit(result)
        super().accept()


class DrawSampleDialog(QDialog):
    """Draw (or draw again, while nothing is evaluated) the sample of an existing audit."""

    drawn = Signal(object)

    def __init__(
        self,
        db: Database,
        actor: Actor,
        audit_id: int,
        number: str,
        parent: QWidget | None = None,
        *,
        additions: int = 0,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._audit_id = audit_id
        self.setWindowTitle(f"Sortear la muestra de {number}")
        self.setMinimumWidth(460)
        self.parameters = SampleParameters()
        note = QLabel(
            "Si la auditoría ya tiene muestra, se reemplaza por la nueva (solo mientras no haya "
            "registros evaluados). El cambio queda en el registro de auditoría."
        )
        note.setObjectName("formHint")
        note.setWordWrap(True)
        # Records added by hand or for their alerts go with the old sample: said before.
        self.additions_note = QLabel(
            f"La muestra actual tiene {locale_format.plural(additions, 'registro agregado', 'registros agregados')} "
            "a mano o por sus alertas: se quitan con ella. Después del sorteo, agréguelos de "
            "nuevo con «Agregar registro…» o «Agregar por alertas…»."
        )
        self.additions_note.setObjectName("warningNote")
        self.additions_note.setWordWrap(True)
        self.additions_note.setVisible(additions > 0)
        form = QFormLayout()
        self.parameters.add_rows(form)
        self.error = inline_error_label()
        buttons = QDialogButtonBox()
        ok = buttons.addButton("Sortear", QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setDefault(True)
        buttons.addButton("Cancelar", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.additions_note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def accept(self) -> None:
        try:
            result = sample.draw_audit_sample(
                self._db,
                self._actor,
                self._audit_id,
                self.parameters.fraction_value(),
                self.parameters.seed_text(),
            )
        except ServiceError as exc:
            show_inline(self.error, exc)
            return
        self.drawn.emit(result)
        super().accept()
