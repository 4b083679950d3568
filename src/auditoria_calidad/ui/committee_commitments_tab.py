"""The «Compromisos» tab of the Comité page: the commitments agreed in the session and the
open ones of earlier sessions, which are closed in it; agreeing, editing and closing one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from auditoria_calidad.services import committee
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.committee import CommitmentInfo, CommitmentState, SessionDetail
from auditoria_calidad.services.connection import Database
from auditoria_calidad.ui.commitment_edit_dialog import CommitmentEditDialog
from auditoria_calidad.ui.committee_dialogs import CommitmentDialog
from auditoria_calidad.ui.committee_models import (
    COMMITMENT_CAPS,
    CommitmentsModel,
    named_table,
)
from auditoria_calidad.ui.table_models import cap_widths
from auditoria_calidad.ui.workers import BackgroundCall


class CommitmentsTab(QWidget):
    """The session's commitments; dialogs open through ``open_dialog`` and direct changes
    run through ``run`` (the page's, which reload it), both with the page as parent."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        manage: bool,
        open_dialog: Callable[..., Any],
        run: Callable[..., Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db, self._actor = db, actor
        self._open_dialog, self._run = open_dialog, run
        self._dialog_parent = parent
        self.detail: SessionDetail | None = None
        self.add_button = _button("Nuevo compromiso…", self.open_commitment, manage)
        self.edit_button = _button("Editar compromiso…", self.edit_selected, manage)
        self.close_button = _button("Cerrar compromiso", self.close_selected, manage)
        self.table = named_table(CommitmentsModel(self), "sessionCommitments")
        note = QLabel(
            "Incluye los compromisos abiertos de sesiones anteriores: se cierran en esta sesión."
        )
        note.setObjectName("formHint")
        bar = QHBoxLayout()
        for widget in (self.add_button, self.edit_button, self.close_button, note):
            bar.addWidget(widget)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

    def set_detail(self, detail: SessionDetail | None) -> None:
        self.detail = detail
        self.table.source.set_rows(
            list(detail.commitments) + list(detail.follow_up) if detail else []
        )
        cap_widths(self.table, COMMITMENT_CAPS)

    def update_buttons(self, editable: bool) -> None:
        self.add_button.setEnabled(editable)
        chosen: CommitmentInfo | None = self.table.selected_row()
        open_chosen = editable and chosen is not None and chosen.state is CommitmentState.OPEN
        self.close_button.setEnabled(open_chosen)
        self.edit_button.setEnabled(open_chosen)

    def open_commitment(self) -> CommitmentDialog | None:
        if self.detail is None:
            return None
        audits = [(v.audit_id, v.number) for v in self.detail.audits]
        found = [f for v in self.detail.audits for f in v.findings]
        dialog: CommitmentDialog = self._open_dialog(
            CommitmentDialog(
                self._db, self._actor, self.detail.info.id, audits, found, self._dialog_parent
            )
        )
        return dialog

    def edit_selected(self) -> CommitmentEditDialog | None:
        """Change the selected open commitment, from the version shown in the list."""
        chosen: CommitmentInfo | None = self.table.selected_row()
        if chosen is None or self.detail is None:
            return None
        dialog: CommitmentEditDialog = self._open_dialog(
            CommitmentEditDialog(
                self._db, self._actor, self.detail.info.id, chosen, self._dialog_parent
            )
        )
        return dialog

    def close_selected(self) -> BackgroundCall | None:
        chosen: CommitmentInfo | None = self.table.selected_row()
        if chosen is None or self.detail is None:
            return None
        session_id = self.detail.info.id
        action: BackgroundCall | None = self._run(
            lambda: committee.close_commitment(self._db, self._actor, session_id, chosen.id),
            None,
        )
        return action


def _button(text: str, slot: Callable[[], Any], visible: bool) -> QPushButton:
    button = QPushButton(text)
    button.clicked.connect(lambda _checked=False: slot())
    button.setVisible(visible)
    return button
