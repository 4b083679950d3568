"""The provider manager's answer to one inconsistency (activity 5.2.21).

The dialog shows what the auditor found (read-only) and the four answer fields. «Guardar
borrador» keeps the answer without sending it; «Guardar y enviar» submits it (late after
the deadline). Errors appear inside the dialog; nothing is lost while it stays open.
An answer saved by someone else since the dialog opened is not overwritten: both versions
are shown side by side and the user keeps one.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.edit_conflicts import StaleEdit
from auditoria_calidad.services.errors import ServiceError
from auditoria_calidad.services.findings import FindingInfo, get_finding
from auditoria_calidad.services.provider_answers import ANSWER_LABELS, AnswerDraft, save_answer
from auditoria_calidad.ui import locale_format
from auditoria_calidad.ui.conflict_dialog import VersionsDialog, stale_edit_dialog
from auditoria_calidad.ui.date_field import DateField
from auditoria_calidad.ui.messages import inline_error_label, show_inline


def _read_only_text(text: str, height: int = 70) -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setReadOnly(True)
    box.setMaximumHeight(height)
    return box


class AnswerDialog(QDialog):
    """Answers ``finding`` with `services.provider_answers.save_answer`; emits ``saved``."""

    saved = Signal(object)  # the FindingInfo after saving

    def __init__(
        self, db: Database, actor: Actor, finding: FindingInfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.finding = finding
        self.result_finding: FindingInfo | None = None
        # The version of the answer the user started from (None: there was none yet).
        self.expected_version = finding.answer.version if finding.answer else None
        self.conflict_dialog: VersionsDialog | None = None
        self.setWindowTitle(f"Respuesta al hallazgo N.º {finding.number}")
        self.setMinimumWidth(620)

        header = QLabel(f"Hallazgo N.º {finding.number} · {finding.key} · {finding.agent}")
        header.setObjectName("dialogHeader")
        header.setWordWrap(True)
        found = QFormLayout()
        found.addRow("Auditoría:", QLabel(f"{finding.audit_number} ({finding.provider})"))
        found.addRow("Fecha de ingreso:", QLabel(locale_format.moment(finding.received_at)))
        criterion = QLabel(finding.criterion_label)
        criterion.setWordWrap(True)
        found.addRow("Criterio incumplido:", criterion)
        self.observation = _read_only_text(finding.observation or "Sin observación.")
        self.observation.setObjectName("auditorObservation")
        found.addRow("Observación del auditor:", self.observation)

        answer = finding.answer
        self.cause = QPlainTextEdit(answer.cause_analysis if answer else "")
        self.cause.setObjectName("causeAnalysis")
        self.cause.setPlaceholderText("¿Por qué ocurrió? (con el personal del canal)")
        self.action = QPlainTextEdit(answer.corrective_action if answer else "")
        self.action.setObjectName("correctiveAction")
        self.action.setPlaceholderText("¿Qué se hará para que no se repita?")
        for box in (self.cause, self.action):
            box.setTabChangesFocus(True)
            box.setMinimumHeight(80)
        self.responsible = QLineEdit(answer.responsible if answer else "")
        self.responsible.setObjectName("responsible")
        self.responsible.setMaxLength(300)
        # Empty until the provider writes it: never today's date by default.
        self.commitment = DateField(
            "la fecha de compromiso", initial=answer.commitment_date if answer else None
        )
        self.commitment.setObjectName("commitmentDate")
        form = QFormLayout()
        form.addRow("Análisis de causa:", self.cause)
        form.addRow("Acción correctiva:", self.action)
        form.addRow("Responsable:", self.responsible)
        form.addRow("Fecha de compromiso:", self.commitment)

        deadline = finding.response_deadline
        note = QLabel(
            f"Plazo de respuesta: {locale_format.day(deadline)}."
            + (
                " El plazo ya venció: la respuesta quedará marcada fuera de plazo."
                if deadline and date.today() > deadline
                else ""
            )
            if deadline
            else ""
        )
        note.setObjectName("formHint")
        note.setWordWrap(True)
        self.error = inline_error_label()

        buttons = QDialogButtonBox()
        self.draft_button = QPushButton("Guardar borrador")
        self.draft_button.setObjectName("saveDraft")
        self.submit_button = QPushButton("Guardar y enviar")
        self.submit_button.setObjectName("saveAndSubmit")
        self.submit_button.setDefault(True)
        buttons.addButton(self.draft_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.submit_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Cancelar", QDialogButtonBox.ButtonRole.RejectRole)
        self.draft_button.clicked.connect(lambda: self.save(submit=False))
        self.submit_button.clicked.connect(lambda: self.save(submit=True))
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addLayout(found)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def draft(self) -> AnswerDraft:
        return AnswerDraft(
            self.cause.toPlainText(),
            self.action.toPlainText(),
            self.responsible.text(),
            self.commitment.date(),
        )

    def save(self, *, submit: bool) -> bool:
        """Save (and submit); on success close the dialog and emit ``saved``.

        A missing commitment date is named below its field (and the other missing fields
        below the form); an impossible one stops here, before anything is sent.
        """
        if self.commitment.require() is None and not self.commitment.is_empty():
            show_inline(self.error, None)
            return False
        try:
            self.result_finding = save_answer(
                self._db,
                self._actor,
                self.finding.id,
                self.draft(),
                submit=submit,
                expected_version=self.expected_version,
            )
        except StaleEdit as exc:
            self._show_conflict(exc, submit=submit)
            return False
        except ServiceError as exc:
            show_inline(self.error, exc)
            return False
        self.saved.emit(self.result_finding)
        self.accept()
        return True

    def _show_conflict(self, refused: StaleEdit, *, submit: bool) -> None:
        """Both answers side by side: keep the stored one (the dialog closes and the page
        shows it) or save this one over it, as the user chose to send it."""
        show_inline(self.error, refused)
        if self.conflict_dialog is not None and self.conflict_dialog.isVisible():
            return
        mine = list(
            zip(
                ANSWER_LABELS,
                (
                    self.cause.toPlainText().strip(),
                    self.action.toPlainText().strip(),
                    " ".join(self.responsible.text().split()),
                    locale_format.day(self.commitment.date()),
                ),
                strict=True,
            )
        )
        dialog = stale_edit_dialog(refused, mine, self)
        saved_version = refused.saved.version if refused.saved.fields else None

        def keep_saved() -> None:
            try:
                current = get_finding(self._db, self._actor, self.finding.id)
            except ServiceError as exc:
                show_inline(self.error, exc)
                return
            self.result_finding = current
            self.saved.emit(current)  # the page reloads and shows the stored answer
            self.accept()

        def keep_mine() -> None:
            self.expected_version = saved_version  # the user has seen it: save over it
            self.save(submit=submit)

        dialog.keep_saved.connect(keep_saved)
        dialog.keep_mine.connect(keep_mine)
        self.conflict_dialog = dialog
        dialog.open()
