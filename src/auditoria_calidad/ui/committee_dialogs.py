"""Dialogs of the Comité page: a new session, an attendee, a decision, a commitment.

Each reads its fields on accept (on the GUI thread), runs one service call on a pool thread
with its buttons disabled, shows errors inside itself, and emits ``saved`` with what the
service returned; none is shown modally by the page in tests. A decision recorded by
someone else meanwhile opens the conflict dialog instead.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any

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
from auditoria_calidad.services.committee_conflicts import (
    NO_DECISION,
    DecisionConflict,
    DecisionStamp,
)
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.errors import InvalidInput, ServiceError
from auditoria_calidad.services.findings import DECISION_LABELS, FindingInfo
from auditoria_calidad.ui import locale_format
from auditoria_calidad.ui.conflict_dialog import VersionsDialog
from auditoria_calidad.ui.date_field import DateField
from auditoria_calidad.ui.messages import inline_error_label, show_inline
from auditoria_calidad.ui.workers import BackgroundCall

ServiceCall = Callable[[], Any]


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
        self.task: BackgroundCall | None = None

    def finish_layout(self) -> None:
        self.body.addLayout(self.form)
        self.body.addWidget(self.error)
        self.body.addWidget(self.buttons)

    def call(self) -> ServiceCall:  # pragma: no cover - each dialog overrides it
        """Read the fields now and return the service call to run with those values."""
        raise NotImplementedError

    @property
    def busy(self) -> bool:
        return self.task is not None and self.task.running

    def accept(self) -> None:
        if self.busy:
            return
        try:
            call = self.call()  # widgets are read here, on the GUI thread
        except ServiceError as exc:
            show_inline(self.error, exc)
            return
        show_inline(self.error, None)
        self.task = BackgroundCall(self, call, controls=[self.buttons])
        self.task.succeeded.connect(self._succeeded)
        self.task.failed.connect(self.failed)
        self.task.start()

    def reject(self) -> None:
        if not self.busy:  # the call is on its way: its answer must be shown
            super().reject()

    def _succeeded(self, result: object) -> None:
        self.saved.emit(result)
        super().accept()

    def failed(self, error: BaseException) -> None:
        show_inline(self.error, error)


# Other modules build their dialogs on the same form.
ServiceDialog = _ServiceDialog


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

    def call(self) -> ServiceCall:
        db, actor, held_on, chosen = self._db, self._actor, picked(self.held_on), self.chosen()
        place, acta = self.place.text(), self.acta.text() or None
        agenda = self.agenda.toPlainText() or None
        return lambda: committee.create_session(
            db, actor, held_on, chosen, place=place, acta_number=acta, agenda=agenda
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

    def call(self) -> ServiceCall:
        db, actor, session_id = self._db, self._actor, self._session_id
        name, position = self.name.text(), self.position.text()
        organization, present = self.organization.text(), self.present.isChecked()
        return lambda: committee.add_attendee(
            db, actor, session_id, name, position, organization, present=present
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
        *,
        expected: DecisionStamp = NO_DECISION,
    ) -> None:
        super().__init__(
            f"Decisión sobre el hallazgo N.º {finding.number} de {finding.audit_number}",
            "Registrar decisión",
            parent,
        )
        self.expected = expected  # the decision on screen when the dialog was opened
        self.conflict_dialog: VersionsDialog | None = None
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

    def call(self) -> ServiceCall:
        db, actor, session_id, finding_id = self._db, self._actor, self._session_id, self.finding.id
        decision, note, expected = self.decision(), self.observation.toPlainText(), self.expected
        return lambda: committee.record_decision(
            db, actor, session_id, finding_id, decision, note, expected=expected
        )

    def failed(self, error: BaseException) -> None:
        if isinstance(error, DecisionConflict):
            self.show_conflict(error)
        else:
            super().failed(error)

    def show_conflict(self, conflict: DecisionConflict) -> VersionsDialog:
        """Both decisions side by side; the user keeps the stored one or records theirs."""
        saved = conflict.saved
        who = saved.decided_by or "otro usuario"
        when = f" a las {saved.decided_at:%H:%M}" if saved.decided_at else ""
        dialog = VersionsDialog(
            "Otro miembro del comité decidió este hallazgo",
            conflict.message,
            [
                (
                    "Decisión",
                    DECISION_LABELS[self.decision()],
                    DECISION_LABELS[saved.decision] if saved.decision else "Sin decisión",
                ),
                (
                    "Observación del comité",
                    self.observation.toPlainText().strip() or "—",
                    saved.observation or "—",
                ),
            ],
            saved_title=f"La decisión de {who}{when}",
            keep_saved_label=f"Conservar la decisión de {who}",
            keep_mine_label="Registrar mi decisión encima",
            parent=self,
        )
        dialog.keep_saved.connect(self._keep_saved)
        dialog.keep_mine.connect(lambda: self._keep_mine(saved))
        dialog.finished.connect(dialog.deleteLater)
        self.conflict_dialog = dialog
        show_inline(self.error, conflict)
        dialog.open()
        return dialog

    def _keep_saved(self) -> None:
        self.saved.emit(None)  # the page reloads and shows the stored decision
        QDialog.reject(self)

    def _keep_mine(self, saved: DecisionStamp) -> None:
        self.expected = saved  # the user has now seen it: record over it
        self.accept()


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
        self.due = DateField("la fecha límite del compromiso")  # empty: the committee sets it
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
                self.finding.addItem(f"N.º {f.number} · {f.key} · {f.criterion_label}", f.id)
        self.finding.setEnabled(audit_id is not None)

    def accept(self) -> None:
        if self.due.require() is None:  # a commitment without a due date is not agreed
            return
        super().accept()

    def call(self) -> ServiceCall:
        db, actor, session_id = self._db, self._actor, self._session_id
        action, responsible = self.action.toPlainText(), self.responsible.text()
        organization, due = self.organization.text(), self.due.date()
        audit_id, finding_id = self.audit.currentData(), self.finding.currentData()
        return lambda: committee.add_commitment(
            db,
            actor,
            session_id,
            action,
            responsible,
            organization,
            due,
            audit_id=audit_id,
            finding_id=finding_id,
        )


class SessionDetailsForm(QWidget):
    """What the acta records of the meeting: hours, chair, secretary, quorum, conclusions."""

    QUORUM_CHOICES = (("Sin registrar", None), ("Sí hay quórum", True), ("No hay quórum", False))

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.starts_at = QLineEdit()
        self.starts_at.setObjectName("sessionStartsAt")
        self.ends_at = QLineEdit()
        self.ends_at.setObjectName("sessionEndsAt")
        for edit in (self.starts_at, self.ends_at):
            edit.setPlaceholderText("HH:MM")
            edit.setMaxLength(5)
            edit.setMaximumWidth(90)
        hours = QHBoxLayout()
        hours.addWidget(self.starts_at)
        hours.addWidget(QLabel("a"))
        hours.addWidget(self.ends_at)
        hours.addStretch(1)
        self.chair = QLineEdit()
        self.chair.setObjectName("sessionChair")
        self.chair.setMaxLength(200)
        self.secretary = QLineEdit()
        self.secretary.setObjectName("sessionSecretary")
        self.secretary.setMaxLength(200)
        self.quorum = QComboBox()
        self.quorum.setObjectName("sessionQuorum")
        for label, value in self.QUORUM_CHOICES:
            self.quorum.addItem(label, value)
        self.conclusions = QPlainTextEdit()
        self.conclusions.setObjectName("sessionConclusions")
        self.conclusions.setPlaceholderText("Conclusiones del comité, que el acta recoge.")
        self.conclusions.setMaximumHeight(110)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Hora (inicio a fin):", hours)
        form.addRow("Preside:", self.chair)
        form.addRow("Secretario(a):", self.secretary)
        form.addRow("Quórum:", self.quorum)
        form.addRow("Conclusiones:", self.conclusions)

    def show_info(self, info: committee.SessionInfo | None) -> None:
        def clock(value: time | None) -> str:
            return "" if value is None else value.strftime("%H:%M")

        self.starts_at.setText(clock(info.starts_at) if info else "")
        self.ends_at.setText(clock(info.ends_at) if info else "")
        self.chair.setText(info.chair if info else "")
        self.secretary.setText(info.secretary if info else "")
        quorum = info.quorum if info else None
        self.quorum.setCurrentIndex(
            next(i for i, (_, v) in enumerate(self.QUORUM_CHOICES) if v is quorum)
        )
        self.conclusions.setPlainText(info.conclusions if info else "")

    def set_editable(self, editable: bool) -> None:
        for edit in (self.starts_at, self.ends_at, self.chair, self.secretary):
            edit.setReadOnly(not editable)
        self.conclusions.setReadOnly(not editable)
        self.quorum.setEnabled(editable)

    def details(self) -> committee.SessionDetails:
        """The typed details; a time that is not HH:MM is refused with its field's name."""
        return committee.SessionDetails(
            starts_at=self._clock(self.starts_at, "inicio"),
            ends_at=self._clock(self.ends_at, "finalización"),
            chair=self.chair.text(),
            secretary=self.secretary.text(),
            quorum=self.quorum.currentData(),
            conclusions=self.conclusions.toPlainText(),
        )

    @staticmethod
    def _clock(edit: QLineEdit, which: str) -> time | None:
        text = edit.text().strip()
        if not text:
            return None
        try:
            return datetime.strptime(text, "%H:%M").time()
        except ValueError:
            raise InvalidInput(
                f"La hora de {which} «{text}» no es válida: escríbala como HH:MM (24 h)."
            ) from None
