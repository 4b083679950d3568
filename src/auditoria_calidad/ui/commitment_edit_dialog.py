"""«Editar compromiso…» on the Comité page: the action, the responsible and the due date of
an open commitment reviewed in the session.

The dialog remembers the version of the commitment it showed; when another member changed
or closed it meanwhile, nothing is overwritten: both versions are shown side by side and
the user keeps the stored one (the page reloads) or saves theirs over it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPlainTextEdit, QWidget

from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.commitment_edits import COMMITMENT_FIELDS, update_commitment
from auditoria_calidad.services.commitments import CommitmentInfo
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.edit_conflicts import StaleEdit
from auditoria_calidad.ui import locale_format
from auditoria_calidad.ui.committee_dialogs import ServiceCall, ServiceDialog
from auditoria_calidad.ui.conflict_dialog import VersionsDialog, stale_edit_dialog
from auditoria_calidad.ui.date_field import DateField
from auditoria_calidad.ui.messages import show_inline


class CommitmentEditDialog(ServiceDialog):
    """Changes ``commitment`` with `update_commitment`, from the version it was shown at."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        session_id: int,
        commitment: CommitmentInfo,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(f"Editar el compromiso N.º {commitment.id}", "Guardar cambios", parent)
        self._db, self._actor, self._session_id = db, actor, session_id
        self.commitment = commitment
        self.expected_version = commitment.version  # the version on screen
        self.conflict_dialog: VersionsDialog | None = None
        where = QLabel(
            f"Acordado en el acta {commitment.acta_number} · "
            f"{commitment.reference or 'Compromiso general'}"
            + (f" · {commitment.organization}" if commitment.organization else "")
        )
        where.setObjectName("formHint")
        where.setWordWrap(True)
        self.action = QPlainTextEdit(commitment.action)
        self.action.setObjectName("commitmentAction")
        self.action.setMaximumHeight(90)
        self.action.setTabChangesFocus(True)
        self.responsible = QLineEdit(commitment.responsible)
        self.responsible.setObjectName("commitmentResponsible")
        self.responsible.setMaxLength(300)
        self.due = DateField("la fecha límite del compromiso", initial=commitment.due_date)
        self.due.setObjectName("commitmentDue")
        self.body.addWidget(where)
        self.form.addRow("Compromiso:", self.action)
        self.form.addRow("Responsable:", self.responsible)
        self.form.addRow("Fecha límite:", self.due)
        self.finish_layout()

    def accept(self) -> None:
        if self.due.require() is None:  # a commitment keeps a due date
            return
        super().accept()

    def call(self) -> ServiceCall:
        db, actor, session_id = self._db, self._actor, self._session_id
        commitment_id, organization = self.commitment.id, self.commitment.organization
        action, responsible, due = (
            self.action.toPlainText(),
            self.responsible.text(),
            self.due.date(),
        )
        expected = self.expected_version
        return lambda: update_commitment(
            db,
            actor,
            session_id,
            commitment_id,
            action=action,
            responsible=responsible,
            organization=organization,
            due_date=due,
            expected_version=expected,
        )

    def failed(self, error: BaseException) -> None:
        if isinstance(error, StaleEdit):
            self.show_conflict(error)
        else:
            super().failed(error)

    def mine(self) -> list[tuple[str, str]]:
        """The user's version, field by field, as the stored one is shown."""
        values = {
            "action": " ".join(self.action.toPlainText().split()),
            "responsible": " ".join(self.responsible.text().split()),
            "organization": self.commitment.organization,
            "due_date": locale_format.day(self.due.date()),
            "state": "Abierto",
        }
        return [(label, values[key]) for key, label in COMMITMENT_FIELDS.items()]

    def show_conflict(self, refused: StaleEdit) -> VersionsDialog:
        """Both versions side by side; the user keeps the stored one or saves theirs."""
        show_inline(self.error, refused)
        dialog = stale_edit_dialog(refused, self.mine(), self)
        dialog.keep_saved.connect(self._keep_saved)
        dialog.keep_mine.connect(lambda: self._keep_mine(refused.saved.version))
        self.conflict_dialog = dialog
        dialog.open()
        return dialog

    def _keep_saved(self) -> None:
        self.saved.emit(None)  # the page reloads and shows the stored commitment
        QDialog.reject(self)

    def _keep_mine(self, version: int) -> None:
        self.expected_version = version  # the user has now seen it: save over it
        self.accept()
