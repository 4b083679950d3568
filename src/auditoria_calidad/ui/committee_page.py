"""Comité: the sessions of the Comité de Calidad and everything recorded in them.

Top: the sessions (filtered by provider and state). Below, for the selected session:
its inconsistencies with the provider's answers and the committee's decisions, the
attendees, the commitments (its own and earlier ones under follow-up) and the agenda;
«Seguimiento general» lists every commitment (open, overdue) and the audits in committee
with what still keeps each from closing. Issuing the minutes stores the full acta and one
extract per provider, each with its hash; the user chooses which of them to write.

Its parts live beside it: ``committee_decisions_panel`` (deciding one or many),
``committee_commitments_tab``, ``committee_agenda_tab``, ``committee_follow_up_panel``,
``committee_minutes_actions``, ``committee_models``, ``committee_snapshot`` and
``committee_dialogs``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from auditoria_calidad.domain.roles import Permission
from auditoria_calidad.services import approval, committee
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.committee import (
    AttendeeInfo,
    CommitmentInfo,
    SessionDetail,
    SessionInfo,
    SessionState,
)
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.errors import ServiceError
from auditoria_calidad.ui import locale_format, messages
from auditoria_calidad.ui.commitment_edit_dialog import CommitmentEditDialog
from auditoria_calidad.ui.committee_agenda_tab import AgendaTab
from auditoria_calidad.ui.committee_commitments_tab import CommitmentsTab
from auditoria_calidad.ui.committee_decisions_panel import BatchDecisionDialog, DecisionsPanel
from auditoria_calidad.ui.committee_dialogs import (
    AttendeeDialog,
    CommitmentDialog,
    DecisionDialog,
    NewSessionDialog,
    picked,
)
from auditoria_calidad.ui.committee_follow_up_panel import FollowUpPanel, follow_up_rows
from auditoria_calidad.ui.committee_minutes_actions import (
    MinutesActions,
    fill_recipients,
    recipient_choice,
)
from auditoria_calidad.ui.committee_models import (
    AttendeesModel,
    Closable,
    SessionsModel,
    named_table,
)
from auditoria_calidad.ui.committee_snapshot import EMPTY, Snapshot, snapshot_loader
from auditoria_calidad.ui.page_header import PageHeader
from auditoria_calidad.ui.provider_filter import fill_provider_filter
from auditoria_calidad.ui.table_models import RowTableView, cap_widths
from auditoria_calidad.ui.workers import BackgroundCall, ProgressTask


def _ask_save_path(parent: QWidget, title: str, suggested: str, file_filter: str) -> str:
    return QFileDialog.getSaveFileName(parent, title, suggested, file_filter)[0]


# Replaced by tests, which must never block on a file dialog; "" means cancelled.
ask_save_path: Callable[[QWidget, str, str, str], str] = _ask_save_path


class CommitteePage(QWidget):
    """The page of the «Comité» destination."""

    data_changed = Signal()

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.detail: SessionDetail | None = None
        self.dialog: Any = None
        self.task: ProgressTask | None = None
        self.action: BackgroundCall | None = None  # an action (and the reload) on its way
        self._prefetched: SessionDetail | None = None
        manage = actor.can(Permission.MANAGE_COMMITTEE)
        self.header = PageHeader(
            "Comité de Calidad",
            "Cada sesión revisa auditorías enviadas al proveedor: una decisión por "
            "inconsistencia, los compromisos acordados y el acta. Lo que queda en seguimiento "
            "y los compromisos abiertos pasan solos a la sesión siguiente.",
        )
        self.provider_filter = QComboBox()
        self.provider_filter.setObjectName("providerFilter")
        self.state_filter = QComboBox()
        self.state_filter.setObjectName("sessionStateFilter")
        self.state_filter.addItem("Todas las sesiones", None)
        for state in SessionState:
            self.state_filter.addItem(committee.SESSION_LABELS[state], state.value)
        self.provider_filter.currentIndexChanged.connect(self.refresh)
        self.state_filter.currentIndexChanged.connect(self.refresh)
        self.new_button = self._button("Nueva sesión…", self.open_new_session, manage)
        self.preview_button = self._button("Borrador del acta (PDF)…", self.save_preview, True)
        self.issue_button = self._button("Emitir acta…", self.issue, manage)
        self.save_minutes_button = self._button("Guardar acta emitida…", self.save_minutes, True)
        self.recipient = recipient_choice()
        # The test suite replaces ask_save_path; read it when a file is asked for.
        self.minutes_actions = MinutesActions(self, db, actor, lambda *args: ask_save_path(*args))

        self.sessions = named_table(SessionsModel(self), "sessionsTable")
        self.sessions.sortByColumn(1, Qt.SortOrder.DescendingOrder)
        self.sessions.selectionModel().selectionChanged.connect(self._session_changed)
        self.session_label = QLabel()
        self.session_label.setObjectName("sectionTitle")
        self.session_label.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("sessionTabs")
        self.tabs.addTab(self._findings_tab(manage), "Inconsistencias")
        self.tabs.addTab(self._attendees_tab(manage), "Asistentes")
        self.tabs.addTab(self._commitments_tab(manage), "Compromisos")
        self.tabs.addTab(self._agenda_tab(manage), "Orden del día")
        self.tabs.addTab(self._follow_up_tab(manage), "Seguimiento general")
        self._layout()
        self._load_providers()
        self.refresh()

    # Building ---------------------------------------------------------------------------
    def _button(self, text: str, slot: Callable[[], Any], visible: bool) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda _checked=False: slot())
        button.setVisible(visible)
        return button

    def _tab(self, *rows: Any) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        for row in rows:
            if isinstance(row, QWidget):
                layout.addWidget(row, 1 if isinstance(row, RowTableView) else 0)
            else:
                layout.addLayout(row)
        return tab

    def _bar(self, *widgets: QWidget) -> QHBoxLayout:
        bar = QHBoxLayout()
        for widget in widgets:
            bar.addWidget(widget)
        bar.addStretch(1)
        return bar

    def _findings_tab(self, manage: bool) -> QWidget:
        panel = DecisionsPanel(self._db, self._actor, manage, self._open, self._guard, self)
        panel.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.findings_panel = panel
        self.finding_filter = panel.filter
        self.decide_button = panel.decide_button
        self.accept_all_button = panel.accept_all_button
        self.findings_table = panel.table
        self.findings_summary = panel.summary
        return self._tab(panel)

    def _attendees_tab(self, manage: bool) -> QWidget:
        self.add_attendee_button = self._button("Agregar asistente…", self.open_attendee, manage)
        self.toggle_button = self._button("Presente / ausente", self.toggle_present, manage)
        self.remove_button = self._button("Quitar", self.remove_attendee, manage)
        self.attendees_table = named_table(AttendeesModel(self), "attendeesTable")
        self.attendees_table.selectionModel().selectionChanged.connect(self._update_buttons)
        return self._tab(
            self._bar(self.add_attendee_button, self.toggle_button, self.remove_button),
            self.attendees_table,
        )

    def _commitments_tab(self, manage: bool) -> QWidget:
        tab = CommitmentsTab(self._db, self._actor, manage, self._open, self._guard, self)
        tab.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.commitments_tab = tab
        self.add_commitment_button = tab.add_button
        self.edit_commitment_button = tab.edit_button
        self.close_commitment_button = tab.close_button
        self.commitments_table = tab.table
        return tab

    def _agenda_tab(self, manage: bool) -> QWidget:
        self.save_agenda_button = self._button("Guardar", self.save_agenda, manage)
        tab = AgendaTab(self.save_agenda_button)
        self.agenda_tab = tab
        self.held_on, self.place, self.agenda = tab.held_on, tab.place, tab.agenda
        self.details_form = tab.details_form
        return tab

    def _follow_up_tab(self, manage: bool) -> QWidget:
        panel = FollowUpPanel(manage, self._load_follow_up, self.close_audit, self)
        panel.closable.selectionModel().selectionChanged.connect(self._update_buttons)
        self.follow_up_panel = panel
        self.commitment_filter = panel.commitment_filter
        self.overdue_filter = panel.overdue_filter
        self.all_commitments = panel.all_commitments
        self.closable = panel.closable
        self.close_audit_button = panel.close_audit_button
        return self._tab(panel)

    def _layout(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(QLabel("Proveedor:"))
        filters.addWidget(self.provider_filter)
        filters.addWidget(QLabel("Estado:"))
        filters.addWidget(self.state_filter)
        filters.addStretch(1)
        filters.addWidget(self.new_button)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(filters)
        top_layout.addWidget(self.sessions, 1)
        # at least four sessions in sight: the header and four rows
        self.sessions.setMinimumHeight(
            self.sessions.horizontalHeader().sizeHint().height()
            + 4 * self.sessions.verticalHeader().defaultSectionSize()
            + 2 * self.sessions.frameWidth()
        )
        actions = QHBoxLayout()
        actions.addWidget(self.session_label, 1)
        actions.addWidget(self.recipient)
        for button in (self.preview_button, self.issue_button, self.save_minutes_button):
            actions.addWidget(button)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addLayout(actions)
        bottom_layout.addWidget(self.tabs, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setSizes([200, 450])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 16)
        layout.addWidget(self.header)
        layout.addWidget(splitter, 1)

    def _load_providers(self) -> None:
        fill_provider_filter(self.provider_filter, self._db, self._actor)

    # Data -------------------------------------------------------------------------------
    @property
    def session(self) -> SessionInfo | None:
        row: SessionInfo | None = self.sessions.selected_row()
        return row

    @property
    def editable(self) -> bool:
        return self.detail is not None and self.detail.info.state is SessionState.DRAFT

    def refresh(self) -> None:
        """Reload everything now (F5, filters); actions reload on a pool thread instead."""
        try:
            snapshot = self._loader()()
        except ServiceError as exc:
            messages.show_error(self, exc)
            snapshot = EMPTY
        self._apply(snapshot)

    def _loader(self, session_id: int | None = None) -> Callable[[], Snapshot]:
        """What the page shows, as a call that touches no widget (the filters are read now)."""
        current = self.session
        return snapshot_loader(
            self._db,
            self._actor,
            session_id if session_id is not None else (current.id if current else None),
            self.provider_filter.currentData(),
            self.state_filter.currentData(),
            self.commitment_filter.currentData(),
            self.overdue_filter.isChecked(),
        )

    def _apply(self, snapshot: Snapshot) -> None:
        self._prefetched = snapshot.detail
        self.sessions.source.set_rows(snapshot.sessions)
        cap_widths(self.sessions, {2: 200, 4: 220})
        chosen = snapshot.detail.info.id if snapshot.detail else None
        if not (chosen and self.select_session(chosen)):
            self.sessions.selectRow(0)
        self._session_changed()
        self._prefetched = None
        self._show_follow_up(snapshot.commitments, snapshot.closable)

    def _reload(
        self,
        work: Callable[[], Any] | None,
        message: Callable[[Any], str | None],
        session_id: int | None = None,
    ) -> BackgroundCall | None:
        """Run ``work`` (if any) and reload the page on a pool thread, actions disabled."""
        if self.busy:
            return None
        load = self._loader(session_id)

        def run() -> tuple[Any, Snapshot]:
            result = work() if work is not None else None
            return result, load()

        action = BackgroundCall(self, run, controls=self._action_buttons())
        action.succeeded.connect(lambda outcome: self._reloaded(outcome, message))
        action.failed.connect(self._action_failed)
        self.action = action
        return action.start()

    def _reloaded(
        self, outcome: tuple[Any, Snapshot], message: Callable[[Any], str | None]
    ) -> None:
        result, snapshot = outcome
        self._apply(snapshot)
        text = message(result)
        if text:
            messages.show_info(self, text, "Comité de Calidad")
        self.data_changed.emit()

    def select_session(self, session_id: int) -> bool:
        return self.sessions.select_where(lambda s: s.id == session_id)

    def _session_changed(self) -> None:
        info = self.session
        self.detail = None
        if (
            info is not None
            and self._prefetched is not None
            and self._prefetched.info.id == info.id
        ):
            self.detail = self._prefetched
        elif info is not None:
            try:
                self.detail = committee.get_session(self._db, self._actor, info.id)
            except ServiceError as exc:
                messages.show_error(self, exc)
        detail = self.detail
        if detail is None:
            self.session_label.setText(
                "No hay sesiones todavía. Use «Nueva sesión…» cuando el proveedor haya "
                "respondido una auditoría."
                if info is None
                else ""
            )
        else:
            i = detail.info
            self.session_label.setText(
                f"Acta {i.acta_number} · {locale_format.day(i.held_on)} · {i.state_label}"
            )
            self.session_label.setToolTip(
                (i.place or "")
                + (f"\nHuella SHA-256 del acta: {i.minutes_sha256}" if i.minutes_sha256 else "")
            )
        self.attendees_table.source.set_rows(list(detail.attendees) if detail else [])
        self.commitments_tab.set_detail(detail)
        self.agenda_tab.show_detail(detail)
        self._show_recipients()
        self._show_findings()

    def _show_findings(self) -> None:
        self.findings_panel.set_detail(self.detail)
        self._update_buttons()

    def _load_follow_up(self, *_: object) -> None:
        try:
            commitments, closable = follow_up_rows(
                self._db,
                self._actor,
                self.provider_filter.currentData(),
                self.commitment_filter.currentData(),
                self.overdue_filter.isChecked(),
            )
        except ServiceError as exc:
            messages.show_error(self, exc)
            commitments, closable = [], []
        self._show_follow_up(commitments, closable)

    def _show_follow_up(self, commitments: list[CommitmentInfo], closable: list[Closable]) -> None:
        self.follow_up_panel.show_rows(commitments, closable)
        self._update_buttons()

    def _update_buttons(self) -> None:
        editable = self.editable and not self.busy
        issued = self.detail is not None and not editable
        for button in (
            self.add_attendee_button,
            self.save_agenda_button,
            self.issue_button,
        ):
            button.setEnabled(editable)
        self.agenda_tab.set_editable(editable)
        self.toggle_button.setEnabled(editable and self.attendees_table.selected_row() is not None)
        self.remove_button.setEnabled(editable and self.attendees_table.selected_row() is not None)
        self.commitments_tab.update_buttons(editable)
        self.findings_panel.update_buttons(editable)
        manage = self._actor.can(Permission.MANAGE_COMMITTEE)
        self.preview_button.setVisible(not issued)
        self.preview_button.setEnabled(self.detail is not None)
        self.issue_button.setVisible(manage and not issued)
        self.save_minutes_button.setVisible(issued)
        self.follow_up_panel.update_buttons(self.busy)

    def _changed(self, message: str | None = None) -> None:
        self.refresh()  # after the minutes are issued (a progress dialog was shown)
        if message:
            messages.show_info(self, message, "Comité de Calidad")
        self.data_changed.emit()

    def _action_buttons(self) -> list[QWidget]:
        return [
            self.decide_button,
            self.accept_all_button,
            self.add_attendee_button,
            self.toggle_button,
            self.remove_button,
            self.add_commitment_button,
            self.edit_commitment_button,
            self.close_commitment_button,
            self.save_agenda_button,
            self.close_audit_button,
            self.issue_button,
            self.new_button,
        ]

    @property
    def busy(self) -> bool:
        return self.action is not None and self.action.running

    def _guard(self, work: Callable[[], Any], message: str | None = None) -> BackgroundCall | None:
        """Run a direct action on a pool thread, its buttons disabled; then reload."""
        return self._reload(work, lambda _result: message)

    def _action_failed(self, error: BaseException) -> None:
        messages.show_error(self, error)
        self.refresh()  # a refusal on stale data: show what is stored now

    # Dialogs ----------------------------------------------------------------------------
    def _open(self, dialog: Any, message: Callable[[Any], str | None] = lambda _r: None) -> Any:
        self.dialog = dialog
        dialog.saved.connect(lambda result: self._saved(result, message(result)))
        dialog.open()
        return dialog

    def _saved(self, result: Any, message: str | None) -> None:
        """A dialog's call is done: reload on a pool thread, on the new session if one."""
        session_id = result.id if isinstance(result, SessionInfo) else None
        self._reload(None, lambda _r: message, session_id)

    def open_new_session(self) -> NewSessionDialog:
        dialog: NewSessionDialog = self._open(NewSessionDialog(self._db, self._actor, self))
        return dialog

    def open_attendee(self) -> AttendeeDialog | None:
        if self.detail is None:
            return None
        dialog: AttendeeDialog = self._open(
            AttendeeDialog(self._db, self._actor, self.detail.info.id, self)
        )
        return dialog

    def decide_selected(self) -> DecisionDialog | BatchDecisionDialog | None:
        """Decide the selected inconsistency, or the selected ones together."""
        return self.findings_panel.decide_selected()

    def accept_answered(self) -> BackgroundCall | None:
        """Accept every answered inconsistency still undecided here, once confirmed."""
        action: BackgroundCall | None = self.findings_panel.accept_answered()
        return action

    def open_commitment(self) -> CommitmentDialog | None:
        return self.commitments_tab.open_commitment()

    def edit_selected_commitment(self) -> CommitmentEditDialog | None:
        """Change the selected open commitment, from the version shown in the list."""
        return self.commitments_tab.edit_selected()

    # Direct actions ---------------------------------------------------------------------
    def toggle_present(self) -> BackgroundCall | None:
        attendee: AttendeeInfo | None = self.attendees_table.selected_row()
        if attendee is None or self.detail is None:
            return None
        session_id = self.detail.info.id
        return self._guard(
            lambda: committee.set_attendee_present(
                self._db, self._actor, session_id, attendee.id, not attendee.present
            )
        )

    def remove_attendee(self) -> BackgroundCall | None:
        attendee: AttendeeInfo | None = self.attendees_table.selected_row()
        if attendee is None or self.detail is None:
            return None
        session_id = self.detail.info.id
        return self._guard(
            lambda: committee.remove_attendee(self._db, self._actor, session_id, attendee.id)
        )

    def close_selected_commitment(self) -> BackgroundCall | None:
        return self.commitments_tab.close_selected()

    def save_agenda(self) -> BackgroundCall | None:
        if self.detail is None:
            return None
        session_id, db, actor = self.detail.info.id, self._db, self._actor
        held_on, place, agenda = picked(self.held_on), self.place.text(), self.agenda.toPlainText()
        try:
            details = self.details_form.details()  # read on this thread; a bad hour is refused
        except ServiceError as exc:
            messages.show_error(self, exc)
            return None
        return self._guard(
            lambda: committee.update_session(
                db, actor, session_id, held_on=held_on, place=place, agenda=agenda, details=details
            ),
            "Se guardaron la fecha, el lugar, el orden del día y los datos del acta.",
        )

    def close_audit(self) -> BackgroundCall | None:
        row: Closable | None = self.closable.selected_row()
        if row is None or not messages.confirm(
            self,
            f"¿Cerrar la auditoría {row[0].number}? Todas sus inconsistencias están decididas y "
            "no tiene compromisos abiertos.",
            "Cerrar auditoría",
            "Cerrar auditoría",
        ):
            return None
        audit_id = row[0].audit_id
        return self._guard(
            lambda: approval.close_audit(self._db, self._actor, audit_id),
            f"Auditoría {row[0].number} cerrada.",
        )

    # The minutes ------------------------------------------------------------------------
    def _recipient(self) -> tuple[int, str] | None:
        """None for the full acta, or (id, name) of the provider whose extract is chosen."""
        provider_id = self.recipient.currentData()
        if provider_id is None:
            return None
        return provider_id, self.recipient.currentText().removeprefix("Extracto para ")

    def _show_recipients(self) -> None:
        providers = []
        if self.detail is not None:
            for provider_id in self.detail.info.provider_ids:
                index = self.provider_filter.findData(provider_id)
                name = self.provider_filter.itemText(index) if index >= 0 else str(provider_id)
                providers.append((provider_id, name))
        fill_recipients(self.recipient, providers)

    def save_preview(self) -> ProgressTask | None:
        """The chosen document (full acta or a provider's extract): draft or as issued."""
        if self.detail is None:
            return None
        self.task = self.minutes_actions.save(self.detail, self._recipient())
        return self.task

    def save_minutes(self) -> ProgressTask | None:
        return self.save_preview()

    def issue(self) -> ProgressTask | None:
        if self.detail is None:
            return None
        self.task = self.minutes_actions.issue(self.detail, self._recipient(), self._changed)
        return self.task
