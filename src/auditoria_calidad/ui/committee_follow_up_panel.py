"""«Seguimiento general» on the committee page: every commitment (open, closed, overdue) and
the audits in committee with what still keeps each from closing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from auditoria_calidad.services import approval, committee, findings
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.audits import AuditState
from auditoria_calidad.services.committee import CommitmentInfo, CommitmentState
from auditoria_calidad.services.connection import Database
from auditoria_calidad.ui.committee_models import (
    COMMITMENT_CAPS,
    Closable,
    ClosableModel,
    CommitmentsModel,
    named_table,
)
from auditoria_calidad.ui.table_models import cap_widths


def follow_up_rows(
    db: Database, actor: Actor, provider_id: int | None, state: str | None, overdue: bool
) -> tuple[list[CommitmentInfo], list[Closable]]:
    """The commitments asked for and the audits in committee (a call that touches no widget)."""
    commitments = committee.list_commitments(
        db,
        actor,
        state=CommitmentState(state) if state else None,
        overdue_only=overdue,
        provider_id=provider_id,
    )
    in_committee = findings.list_audit_status(
        db, actor, provider_id=provider_id, state=AuditState.IN_COMMITTEE
    )
    closable = [
        (a, "; ".join(approval.audit_closure(db, actor, a.audit_id).reasons)) for a in in_committee
    ]
    return commitments, closable


class FollowUpPanel(QWidget):
    """The filters, the two tables and «Cerrar auditoría…»; the page loads and acts."""

    def __init__(
        self,
        manage: bool,
        reload: Callable[..., Any],
        close_audit: Callable[[], Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.commitment_filter = QComboBox()
        self.commitment_filter.setObjectName("commitmentStateFilter")
        for label, value in (("Abiertos", "open"), ("Todos", ""), ("Cerrados", "closed")):
            self.commitment_filter.addItem(label, value)
        self.overdue_filter = QCheckBox("Solo vencidos")
        self.overdue_filter.setObjectName("overdueFilter")
        self.commitment_filter.currentIndexChanged.connect(reload)
        self.overdue_filter.toggled.connect(reload)
        self.all_commitments = named_table(CommitmentsModel(self), "allCommitments")
        self.closable = named_table(ClosableModel(self), "auditsInCommittee")
        self.close_audit_button = QPushButton("Cerrar auditoría…")
        self.close_audit_button.clicked.connect(lambda _checked=False: close_audit())
        self.close_audit_button.setVisible(manage)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.all_commitments)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel("Auditorías en comité")
        heading.setObjectName("sectionTitle")
        lower_layout.addLayout(_bar(heading, self.close_audit_button))
        lower_layout.addWidget(self.closable, 1)
        split.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(_bar(QLabel("Compromisos:"), self.commitment_filter, self.overdue_filter))
        layout.addWidget(split, 1)

    def show_rows(self, commitments: list[CommitmentInfo], closable: list[Closable]) -> None:
        self.all_commitments.source.set_rows(commitments)
        cap_widths(self.all_commitments, COMMITMENT_CAPS)
        self.closable.source.set_rows(closable)

    def update_buttons(self, busy: bool) -> None:
        chosen: Closable | None = self.closable.selected_row()
        self.close_audit_button.setEnabled(chosen is not None and not chosen[1] and not busy)


def _bar(*widgets: QWidget) -> QHBoxLayout:
    bar = QHBoxLayout()
    for widget in widgets:
        bar.addWidget(widget)
    bar.addStretch(1)
    return bar
