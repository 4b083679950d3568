"""«Nueva sesión…» of the «Calibración» page: an audit, N drawn records (with a seed) or
chosen ones, two or more evaluators, and optionally a reference among them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from auditoria_calidad.services import audits
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.calibration import create_calibration, eligible_evaluators
from auditoria_calidad.services.calibration_dtos import CalibrationSummary
from auditoria_calidad.services.connection import Database, DatabaseError
from auditoria_calidad.services.errors import ServiceError
from auditoria_calidad.ui import messages

USERNAME_ROLE = Qt.ItemDataRole.UserRole


class NewCalibrationDialog(QDialog):
    """Creates the session on «Crear»; ``created`` holds it (None when cancelled)."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Nueva sesión de calibración")
        self.setMinimumWidth(520)
        self._db = db
        self.actor = actor
        self.created: CalibrationSummary | None = None

        self.audit = QComboBox()
        self.audit.currentIndexChanged.connect(self._audit_chosen)
        self.drawn = QRadioButton("&Sortear")
        self.chosen = QRadioButton("&Elegir registros")
        self.drawn.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.drawn)
        group.addButton(self.chosen)
        self.size_box = QSpinBox()
        self.size_box.setRange(1, 1)
        self.size_box.setSuffix(" registros")
        self.seed = QLineEdit()
        self.seed.setPlaceholderText("vacía: una semilla nueva, que queda registrada")
        self.records = QLineEdit()
        self.records.setPlaceholderText("radicados o ids de chat de la muestra, separados por coma")
        self.drawn.toggled.connect(self._mode_changed)
        drawn_line = QHBoxLayout()
        drawn_line.addWidget(self.drawn)
        drawn_line.addWidget(self.size_box)
        drawn_line.addWidget(QLabel("semilla:"))
        drawn_line.addWidget(self.seed, 1)
        chosen_line = QHBoxLayout()
        chosen_line.addWidget(self.chosen)
        chosen_line.addWidget(self.records, 1)

        self.evaluators = QListWidget()
        self.evaluators.setMaximumHeight(130)
        self.evaluators.itemChanged.connect(self._evaluators_changed)
        self.reference = QComboBox()
        self.error = messages.inline_error_label()

        form = QFormLayout()
        form.addRow("&Auditoría:", self.audit)
        form.addRow("Registros:", drawn_line)
        form.addRow("", chosen_line)
        form.addRow("E&valuadores (dos o más):", self.evaluators)
        form.addRow("&Referencia (opcional):", self.reference)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Crear")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Cancelar")
        buttons.accepted.connect(self.create_session)
        buttons.rejected.connect(self.reject)
        note = QLabel(
            "Los evaluadores califican a ciegas los mismos registros con el formato F182; "
            "sus juicios no cambian las evaluaciones de la auditoría."
        )
        note.setWordWrap(True)
        note.setObjectName("formHint")
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._load()
        self._mode_changed(True)

    def _load(self) -> None:
        try:
            options = [a for a in audits.list_audits(self._db, self.actor) if a.sampled]
            people = eligible_evaluators(self._db, self.actor)
        except (ServiceError, DatabaseError) as exc:
            messages.show_inline(self.error, exc)
            return
        for audit in options:
            self.audit.addItem(
                f"{audit.number} · {audit.channel.label} · {audit.provider} · "
                f"{audit.state_label} · {audit.sampled} en la muestra",
                (audit.id, audit.sampled),
            )
        if not options:
            messages.show_inline(
                self.error, "No hay auditorías con muestra: sortee una en «Auditorías»."
            )
        for person in people:
            item = QListWidgetItem(f"{person.name} ({person.username})")
            item.setData(USERNAME_ROLE, person.username)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            mine = person.username == self.actor.username
            item.setCheckState(Qt.CheckState.Checked if mine else Qt.CheckState.Unchecked)
            self.evaluators.addItem(item)
        self._evaluators_changed()

    def _audit_chosen(self, _index: int) -> None:
        data = self.audit.currentData()
        if data:
            sampled = int(data[1])
            self.size_box.setRange(1, sampled)
            self.size_box.setValue(min(sampled, 10))

    def _mode_changed(self, drawn: bool) -> None:
        self.size_box.setEnabled(drawn)
        self.seed.setEnabled(drawn)
        self.records.setEnabled(not drawn)

    def chosen_evaluators(self) -> list[str]:
        return [
            self.evaluators.item(i).data(USERNAME_ROLE)
            for i in range(self.evaluators.count())
            if self.evaluators.item(i).checkState() == Qt.CheckState.Checked
        ]

    def check(self, username: str, on: bool = True) -> None:
        for i in range(self.evaluators.count()):
            item = self.evaluators.item(i)
            if item.data(USERNAME_ROLE) == username:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def _evaluators_changed(self, *_args: object) -> None:
        current = self.reference.currentData()
        self.reference.clear()
        self.reference.addItem("Sin evaluador de referencia", None)
        for name in self.chosen_evaluators():
            self.reference.addItem(name, name)
        index = self.reference.findData(current)
        self.reference.setCurrentIndex(max(index, 0))

    def create_session(self) -> None:
        data = self.audit.currentData()
        if not data:
            messages.show_inline(self.error, "Elija una auditoría con muestra.")
            return
        seed_text = self.seed.text().strip()
        if self.drawn.isChecked() and seed_text and not seed_text.isdigit():
            messages.show_inline(
                self.error, f"La semilla debe ser un entero positivo: «{seed_text}»."
            )
            return
        try:
            self.created = create_calibration(
                self._db,
                self.actor,
                int(data[0]),
                evaluators=self.chosen_evaluators(),
                size=self.size_box.value() if self.drawn.isChecked() else None,
                record_keys=None
                if self.drawn.isChecked()
                else [k.strip() for k in self.records.text().split(",") if k.strip()],
                reference=self.reference.currentData(),
                seed=int(seed_text) if self.drawn.isChecked() and seed_text else None,
            )
        except (ServiceError, DatabaseError) as exc:
            messages.show_inline(self.error, exc)
            return
        self.accept()
