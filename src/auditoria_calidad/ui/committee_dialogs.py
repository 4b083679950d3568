"""Dialogs of the Comité page: a new session, an attendee, a decision, a commitment.

Each calls one service function on accept, shows errors inside itself, and emits
``saved`` with what the service returned; none is shown modally by the page in tests.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from auditoria_calidad.services import committee
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.audits import STATE_LABELS
from auditoria_calidad.services.committee import Decision
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.errors import ServiceError
from auditoria_calidad.services.findings import DECISION_LABELS, FindingInfo
from auditoria_calidad.ui import locale_format
from auditoria_calidad.ui.messages import inline_error_label, show_inline


def date_edit(initial: date | None = None) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    day = initial or date.today()
    edit.setDate(QDate(day.year, day.month, day.day))
    return edit


def picked(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


class _ServiceDialog(QDialog):
    """A form with an inline error and «accept_label» / «Cancelar» buttons."""

    saved = Signal(object)

    def __init__(self, title: str, accept_label: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.error = inline_error_label()
        self.buttons = QDialogButtonBox()
        ok = self.buttons.addButton(accept_label, QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setDefault(True)
        self.buttons.addButton("Cancelar", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.form = QFormLayout()
        self.body = QVBoxLayout(self)

    def finish_layout(self) -> None:
        self.body.addLayout(self.form)
        self.body.addWidget(self.error)
        self.body.addWidget(self.buttons)

    def call(self) -> object:  # pragma: no cover - each dialog overrides it
        raise NotImplementedError

    def accept(self) -> None:
        try:
            result = self.call()
        except ServiceError as exc:
            show_inline(self.error, exc)
            return
        self.saved.emit(result)
        super().accept()


class NewSessionDialog(_ServiceDialog):
    """Opens a session with `committee.create_session`."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__("Nueva sesión del Comité de Calidad", "Crear sesión", parent)
        self._db, self._actor = db, actor
        self.setMinimumWidth(640)
        self.acta = QLineEdit()
        self.acta.setObjectName("actaNumber")
        self.acta.setPlaceholderText("Automático (ACTA-AAAA-NNN)")
        self.acta.setMaxLength(40)
        self.held_on = date_edit()
        self.held_on.setObjectName("heldOn")
        self.place = QLineEdit()
        self.place.setObjectName("place")
        self.place.setMaxLength(300)
        self.audits = QListWidget()
        self.audits.setObjectName("sessionAudits")
        self.audits.setMaximumHeight(140)
        for audit_id, number, provider, state in committee.reviewable_audits(db, actor):
            item = QListWidgetItem(f"{number} · {provider} · {STATE_LABELS[state]}")
            item.setData(Qt.ItemDataRole.UserRole, audit_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.audits.addItem(item)
        self.agenda = QPlainTextEdit()
        self.agenda.setObjectName("agenda")
        self.agenda.setPlaceholderText(
            "Vacío: se redacta solo (asistencia, auditorías revisadas, seguimiento, "
            "decisiones y compromisos, proposiciones y varios)."
        )
        self.agenda.setMaximumHeight(90)
        hint = QLabel(
            "Las auditorías con inconsistencias en seguimiento o compromisos abiertos se "
            "agregan solas a la sesión."
        )
        hint.setObjectName("formHint")
        hint.setWordWrap(True)
        self.form.addRow("Acta N.º:", self.acta)
        self.form.addRow("Fecha:", self.held_on)
        self.form.addRow("Lugar:", self.place)
        self.form.addRow("Auditorías:", self.audits)
        self.form.addRow("", hint)
        self.form.addRow("Orden del día:", self.agenda)
        self.finish_layout()

    def check_audit(self, audit_id: int) -> None:
        for row in range(self.audits.count()):
            item = self.audits.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == audit_id:
                item.setCheckState(Qt.CheckState.Checked)

    def chosen(self) -> list[int]:
        return [
            int(self.audits.item(r).data(Qt.ItemDataRole.UserRole))
            for r in range(self.audits.count())
            if self.audits.item(r).checkState() == Qt.CheckState.Checked
        ]

    def call(self) -> object:
        return committee.create_session(
            self._db,
            self._actor,
            picked(self.held_on),
            self.chosen(),
            place=self.place.text(),
            acta_number=self.acta.text() or None,
            agenda=self.agenda.toPlainText() or None,
        )


class AttendeeDialog(_ServiceDialog):
    def __init__(
        self, db: Database, actor: Actor, session_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__("Agregar asistente", "Agregar", parent)
        self._db, self._actor, self._session_id = db, actor, session_id
        self.name = QLineEdit()
        self.name.setObjectName("attendeeName")
        self.position = QLineEdit()
        self.position.setObjectName("attendeePosition")
        self.organization = QLineEdit()
        self.organization.setObjectName("attendeeOrganization")
        self.organization.setPlaceholderText("Vicepresidencia, oficina u Outsourcing")
        self.present = QCheckBox("Asistió a la sesión")
        self.present.setChecked(True)
        self.form.addRow("Nombre:", self.name)
        self.form.addRow("Cargo:", self.position)
        self.form.addRow("Entidad / dependencia:", self.organization)
        self.form.addRow("", self.present)
        self.finish_layout()

    def call(self) -> object:
        return committee.add_attendee(
            self._db,
            self._actor,
            self._session_id,
            self.name.text(),
            self.position.text(),
            self.organization.text(),
            present=self.present.isChecked(),
        )


def answer_text(finding: FindingInfo) -> str:
    a = finding.answer
    if a is None or a.submitted_at is None:
        return "Sin respuesta enviada por el proveedor."
    return (
        f"Análisis de causa: {a.cause_analysis}\nAcción correctiva: {a.corrective_action}\n"
        f"Responsable: {a.responsible} · Fecha de compromiso: "
        f"{locale_format.day(a.commitment_date)}" + ("\n(Fuera de plazo)" if a.late else "")
    )


class DecisionDialog(_ServiceDialog):
    """The committee's decision on one finding, with `committee.record_decision`."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        session_id: int,
        finding: FindingInfo,
        current: tuple[Decision, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(f"Decisión sobre el hallazgo {finding.id}", "Registrar decisión", parent)
        self._db, self._actor, self._session_id, self.finding = db, actor, session_id, finding
        self.setMinimumWidth(760)
        header = QLabel(f"{finding.audit_number} · {finding.key} · {finding.agent}")
        header.setObjectName("dialogHeader")
        header.setWordWrap(True)
        self.body.addWidget(header)
        found = QPlainTextEdit(f"{finding.criterion_label}\n\n{finding.observation}")
        found.setReadOnly(True)
        found.setMaximumHeight(90)
        answer = QPlainTextEdit(answer_text(finding))
        answer.setObjectName("providerAnswer")
        answer.setReadOnly(True)
        answer.setMaximumHeight(110)
        self.choices = QButtonGroup(self)
        row = QHBoxLayout()
        self.radios: dict[Decision, QRadioButton] = {}
        for decision in Decision:
            radio = QRadioButton(DECISION_LABELS[decision])
            radio.setObjectName(f"decision_{decision.value}")
            self.choices.addButton(radio)
            self.radios[decision] = radio
            row.addWidget(radio)
        row.addStretch(1)
        chosen, note = current or (Decision.ACCEPTED, "")
        self.radios[chosen].setChecked(True)
        self.observation = QPlainTextEdit(note)
        self.observation.setObjectName("decisionObservation")
        self.observation.setPlaceholderText(
            "Obligatoria si la respuesta no se acepta o queda en seguimiento."
        )
        self.observation.setMaximumHeight(90)
        self.form.addRow("Inconsistencia:", found)
        self.form.addRow("Respuesta del proveedor:", answer)
        self.form.addRow("Decisión:", row)
        self.form.addRow("Observación del comité:", self.observation)
        self.finish_layout()

    def choose(self, decision: Decision) -> None:
        self.radios[decision].setChecked(True)

    def decision(self) -> Decision:
        return next(d for d, r in self.radios.items() if r.isChecked())

    def call(self) -> object:
        return committee.record_decision(
            self._db,
            self._actor,
            self._session_id,
            self.finding.id,
            self.decision(),
            self.observation.toPlainText(),
        )


class CommitmentDialog(_ServiceDialog):
    """A commitment agreed in the session, with `committee.add_commitment`."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        session_id: int,
        audits: list[tuple[int, str]],
        findings: list[FindingInfo],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Nuevo compromiso", "Agregar compromiso", parent)
        self._db, self._actor, self._session_id = db, actor, session_id
        self._findings = findings
        self.action = QPlainTextEdit()
        self.action.setObjectName("commitmentAction")
        self.action.setMaximumHeight(80)
        self.action.setTabChangesFocus(True)
        self.responsible = QLineEdit()
        self.responsible.setObjectName("commitmentResponsible")
        self.organization = QLineEdit()
        self.organization.setObjectName("commitmentOrganization")
        self.due = date_edit()
        self.due.setObjectName("commitmentDue")
        self.audit = QComboBox()
        self.audit.setObjectName("commitmentAudit")
        self.audit.addItem("General (ninguna auditoría)", None)
        for audit_id, number in audits:
            self.audit.addItem(number, audit_id)
        self.finding = QComboBox()
        self.finding.setObjectName("commitmentFinding")
        self.audit.currentIndexChanged.connect(self._load_findings)
        self._load_findings()
        self.form.addRow("Compromiso:", self.action)
        self.form.addRow("Responsable:", self.responsible)
        self.form.addRow("Entidad / dependencia:", self.organization)
        self.form.addRow("Fecha límite:", self.due)
        self.form.addRow("Auditoría:", self.audit)
        self.form.addRow("Inconsistencia:", self.finding)
        self.finish_layout()

    def _load_findings(self) -> None:
        audit_id = self.audit.currentData()
        self.finding.clear()
        self.finding.addItem("Toda la auditoría" if audit_id else "—", None)
        for f in self._findings:
            if f.audit_id == audit_id:
                self.finding.addItem(f"{f.id} · {f.key} · {f.criterion_label}", f.id)
        self.finding.setEnabled(audit_id is not None)

    def call(self) -> object:
        return committee.add_commitment(
            self._db,
            self._actor,
            self._session_id,
            self.action.toPlainText(),
            self.responsible.text(),
            self.organization.text(),
            picked(self.due),
            audit_id=self.audit.currentData(),
            finding_id=self.finding.currentData(),
        )
