"""Comité: the sessions of the Comité de Calidad and everything recorded in them.

Top: the sessions (filtered by provider and state). Below, for the selected session:
its inconsistencies with the provider's answers and the committee's decisions, the
attendees, the commitments (its own and earlier ones under follow-up) and the agenda;
«Seguimiento general» lists every commitment (open, overdue) and the audits in committee
with what still keeps each from closing. Issuing the minutes stores the PDF and its hash.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from auditoria_calidad.domain.roles import Permission
from auditoria_calidad.services import approval, committee, findings
from auditoria_calidad.services import committee_minutes as minutes
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.audits import AuditState
from auditoria_calidad.services.committee import (
    AttendeeInfo,
    CommitmentInfo,
    CommitmentState,
    SessionDetail,
    SessionInfo,
    SessionState,
)
from auditoria_calidad.services.committee_conflicts import NO_DECISION
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.errors import ServiceError
from auditoria_calidad.services.findings import DECISION_LABELS, AuditFindingsStatus, FindingInfo
from auditoria_calidad.ui import locale_format, messages
from auditoria_calidad.ui.committee_dialogs import (
    AttendeeDialog,
    CommitmentDialog,
    DecisionDialog,
    NewSessionDialog,
    SessionDetailsForm,
    date_edit,
    picked,
)
from auditoria_calidad.ui.page_header import PageHeader
from auditoria_calidad.ui.provider_filter import fill_provider_filter
from auditoria_calidad.ui.table_models import Column, RowTableModel, RowTableView
from auditoria_calidad.ui.workers import BackgroundCall, ProgressTask

PDF_FILTER = "Documento PDF (*.pdf)"


def _ask_save_path(parent: QWidget, title: str, suggested: str, file_filter: str) -> str:
    return QFileDialog.getSaveFileName(parent, title, suggested, file_filter)[0]


# Replaced by tests, which must never block on a file dialog; "" means cancelled.
ask_save_path: Callable[[QWidget, str, str, str], str] = _ask_save_path


class SessionsModel(RowTableModel[SessionInfo]):
    COLUMNS = (
        Column[SessionInfo]("Acta", lambda s: s.acta_number),
        Column[SessionInfo]("Fecha", lambda s: locale_format.day(s.held_on), lambda s: s.held_on),
        Column[SessionInfo]("Lugar", lambda s: s.place),
        Column[SessionInfo]("Estado", lambda s: s.state_label),
        Column[SessionInfo]("Auditorías", lambda s: ", ".join(s.audit_numbers)),
        Column[SessionInfo](
            "Asistentes", lambda s: str(s.attendees), lambda s: s.attendees, numeric=True
        ),
        Column[SessionInfo](
            "Decisiones", lambda s: f"{s.decided}/{s.findings}", lambda s: s.decided, numeric=True
        ),
        Column[SessionInfo](
            "Compromisos", lambda s: str(s.commitments), lambda s: s.commitments, numeric=True
        ),
    )


# A finding of the session with its decision here (None: not decided in this session).
SessionFinding = tuple[FindingInfo, str]


def _answer_state(f: FindingInfo) -> str:
    if f.answer is None or f.answer.submitted_at is None:
        return "Sin respuesta"
    return "Respondida fuera de plazo" if f.late else "Respondida"


class SessionFindingsModel(RowTableModel[SessionFinding]):
    COLUMNS = (
        Column[SessionFinding](
            "N.º",
            lambda r: str(r[0].number),
            lambda r: (r[0].audit_number, r[0].number),
            numeric=True,
        ),
        Column[SessionFinding]("Auditoría", lambda r: r[0].audit_number),
        Column[SessionFinding]("Radicado / Id.", lambda r: r[0].key),
        Column[SessionFinding]("Criterio incumplido", lambda r: r[0].criterion_label),
        Column[SessionFinding]("Respuesta del proveedor", lambda r: _answer_state(r[0])),
        Column[SessionFinding]("Decisión en esta sesión", lambda r: r[1]),
        Column[SessionFinding]("Estado en el comité", lambda r: r[0].decision_label),
        Column[SessionFinding]("Agente", lambda r: r[0].agent),
    )


class AttendeesModel(RowTableModel[AttendeeInfo]):
    COLUMNS = (
        Column[AttendeeInfo]("Nombre", lambda a: a.name),
        Column[AttendeeInfo]("Cargo", lambda a: a.position),
        Column[AttendeeInfo]("Entidad / dependencia", lambda a: a.organization),
        Column[AttendeeInfo]("Asistencia", lambda a: "Presente" if a.present else "Ausente"),
    )


def _due(c: CommitmentInfo) -> str:
    text = locale_format.day(c.due_date)
    return f"{text} (vencido)" if c.overdue() else text


class CommitmentsModel(RowTableModel[CommitmentInfo]):
    COLUMNS = (
        Column[CommitmentInfo]("N.º", lambda c: str(c.id), lambda c: c.id, numeric=True),
        Column[CommitmentInfo]("Compromiso", lambda c: " ".join(c.action.split())),
        Column[CommitmentInfo]("Responsable", lambda c: c.responsible),
        Column[CommitmentInfo]("Fecha límite", _due, lambda c: c.due_date),
        Column[CommitmentInfo](
            "Estado",
            lambda c: c.state_label + (f" (acta {c.closed_in_acta})" if c.closed_in_acta else ""),
        ),
        Column[CommitmentInfo]("Referencia", lambda c: c.reference or "General"),
        Column[CommitmentInfo]("Acordado en", lambda c: c.acta_number),
        Column[CommitmentInfo]("Entidad / dependencia", lambda c: c.organization),
    )


# An audit in committee and what still keeps it from closing.
Closable = tuple[AuditFindingsStatus, str]


class ClosableModel(RowTableModel[Closable]):
    COLUMNS = (
        Column[Closable]("Auditoría", lambda r: r[0].number),
        Column[Closable]("Proveedor", lambda r: r[0].provider),
        Column[Closable](
            "Decididas",
            lambda r: f"{r[0].decided}/{r[0].findings}",
            lambda r: r[0].decided,
            numeric=True,
        ),
        Column[Closable](
            "En seguimiento", lambda r: str(r[0].follow_up), lambda r: r[0].follow_up, numeric=True
        ),
        Column[Closable]("Para cerrar falta", lambda r: r[1] or "Nada: se puede cerrar"),
    )


_COMMITMENT_CAPS = {1: 380, 2: 200, 4: 170}


def _cap_widths(view: RowTableView, caps: dict[int, int]) -> None:
    """Columns fitted to their contents, but never wider than ``caps``."""
    for column, cap in caps.items():
        if view.columnWidth(column) > cap:
            view.setColumnWidth(column, cap)


def _table(model: RowTableModel[Any], name: str) -> RowTableView:
    view = RowTableView(model)
    view.setObjectName(name)
    return view


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

        self.sessions = _table(SessionsModel(self), "sessionsTable")
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
        self.finding_filter = QComboBox()
        self.finding_filter.setObjectName("decisionFilter")
        for label, value in (
            ("Todas", ""),
            ("Sin decisión en esta sesión", "pending"),
            ("En seguimiento", "follow_up"),
        ):
            self.finding_filter.addItem(label, value)
        self.finding_filter.currentIndexChanged.connect(self._show_findings)
        self.decide_button = self._button("Registrar decisión…", self.decide_selected, manage)
        self.findings_table = _table(SessionFindingsModel(self), "sessionFindings")
        self.findings_table.doubleClicked.connect(lambda _i: self._decide_if_allowed())
        self.findings_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.findings_summary = QLabel()
        self.findings_summary.setObjectName("formHint")
        return self._tab(
            self._bar(self.findings_summary, self.finding_filter, self.decide_button),
            self.findings_table,
        )

    def _attendees_tab(self, manage: bool) -> QWidget:
        self.add_attendee_button = self._button("Agregar asistente…", self.open_attendee, manage)
        self.toggle_button = self._button("Presente / ausente", self.toggle_present, manage)
        self.remove_button = self._button("Quitar", self.remove_attendee, manage)
        self.attendees_table = _table(AttendeesModel(self), "attendeesTable")
        self.attendees_table.selectionModel().selectionChanged.connect(self._update_buttons)
        return self._tab(
            self._bar(self.add_attendee_button, self.toggle_button, self.remove_button),
            self.attendees_table,
        )

    def _commitments_tab(self, manage: bool) -> QWidget:
        self.add_commitment_button = self._button("Nuevo compromiso…", self.open_commitment, manage)
        self.close_commitment_button = self._button(
            "Cerrar compromiso", self.close_selected_commitment, manage
        )
        self.commitments_table = _table(CommitmentsModel(self), "sessionCommitments")
        self.commitments_table.selectionModel().selectionChanged.connect(self._update_buttons)
        note = QLabel(
            "Incluye los compromisos abiertos de sesiones anteriores: se cierran en esta sesión."
        )
        note.setObjectName("formHint")
        return self._tab(
            self._bar(self.add_commitment_button, self.close_commitment_button, note),
            self.commitments_table,
        )

    def _agenda_tab(self, manage: bool) -> QWidget:
        self.held_on = date_edit()
        self.place = QLineEdit()
        self.place.setObjectName("sessionPlace")
        self.agenda = QPlainTextEdit()
        self.agenda.setObjectName("sessionAgenda")
        self.save_agenda_button = self._button("Guardar", self.save_agenda, manage)
        form = QFormLayout()
        form.addRow("Fecha:", self.held_on)
        form.addRow("Lugar:", self.place)
        form.addRow("Orden del día\n(un punto por línea):", self.agenda)
        self.details_form = SessionDetailsForm()
        form.addRow(self.details_form)
        return self._tab(form, self._bar(self.save_agenda_button))

    def _follow_up_tab(self, manage: bool) -> QWidget:
        self.commitment_filter = QComboBox()
        self.commitment_filter.setObjectName("commitmentStateFilter")
        for label, value in (("Abiertos", "open"), ("Todos", ""), ("Cerrados", "closed")):
            self.commitment_filter.addItem(label, value)
        self.overdue_filter = QCheckBox("Solo vencidos")
        self.overdue_filter.setObjectName("overdueFilter")
        self.commitment_filter.currentIndexChanged.connect(self._load_follow_up)
        self.overdue_filter.toggled.connect(self._load_follow_up)
        self.all_commitments = _table(CommitmentsModel(self), "allCommitments")
        self.closable = _table(ClosableModel(self), "auditsInCommittee")
        self.closable.selectionModel().selectionChanged.connect(self._update_buttons)
        self.close_audit_button = self._button("Cerrar auditoría…", self.close_audit, manage)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.all_commitments)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel("Auditorías en comité")
        heading.setObjectName("sectionTitle")
        lower_layout.addLayout(self._bar(heading, self.close_audit_button))
        lower_layout.addWidget(self.closable, 1)
        split.addWidget(lower)
        return self._tab(
            self._bar(QLabel("Compromisos:"), self.commitment_filter, self.overdue_filter), split
        )

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
        actions = QHBoxLayout()
        actions.addWidget(self.session_label, 1)
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
        splitter.setSizes([170, 480])
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
            snapshot = _Snapshot([], None, [], [])
        self._apply(snapshot)

    def _loader(self, session_id: int | None = None) -> Callable[[], _Snapshot]:
        """What the page shows, as a call that touches no widget (the filters are read now)."""
        db, actor = self._db, self._actor
        current = self.session
        selected = session_id if session_id is not None else (current.id if current else None)
        provider_id = self.provider_filter.currentData()
        state = self.state_filter.currentData()
        commitment_state = self.commitment_filter.currentData()
        overdue = self.overdue_filter.isChecked()

        def load() -> _Snapshot:
            rows = committee.list_sessions(
                db, actor, provider_id=provider_id, state=SessionState(state) if state else None
            )
            detail = (
                committee.get_session(db, actor, selected)
                if any(r.id == selected for r in rows)
                else None
            )
            commitments, closable = _follow_up(db, actor, provider_id, commitment_state, overdue)
            return _Snapshot(rows, detail, commitments, closable)

        return load

    def _apply(self, snapshot: _Snapshot) -> None:
        self._prefetched = snapshot.detail
        self.sessions.source.set_rows(snapshot.sessions)
        _cap_widths(self.sessions, {2: 200, 4: 220})
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

        def run() -> tuple[Any, _Snapshot]:
            result = work() if work is not None else None
            return result, load()

        action = BackgroundCall(self, run, controls=self._action_buttons())
        action.succeeded.connect(lambda outcome: self._reloaded(outcome, message))
        action.failed.connect(self._action_failed)
        self.action = action
        return action.start()

    def _reloaded(
        self, outcome: tuple[Any, _Snapshot], message: Callable[[Any], str | None]
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
        self.commitments_table.source.set_rows(
            list(detail.commitments) + list(detail.follow_up) if detail else []
        )
        _cap_widths(self.commitments_table, _COMMITMENT_CAPS)
        self.held_on.setDate(self.held_on.date() if detail is None else _qdate(detail.info.held_on))
        self.place.setText(detail.info.place if detail else "")
        self.agenda.setPlainText(detail.agenda if detail else "")
        self.details_form.show_info(detail.info if detail else None)
        self._show_findings()

    def _session_findings(self) -> list[SessionFinding]:
        if self.detail is None:
            return []
        return [
            (f, DECISION_LABELS[view.decisions[f.id][0]] if f.id in view.decisions else "")
            for view in self.detail.audits
            for f in view.findings
        ]

    def _show_findings(self) -> None:
        rows = self._session_findings()
        total, decided = len(rows), sum(1 for _f, d in rows if d)
        wanted = self.finding_filter.currentData()
        if wanted == "pending":
            rows = [r for r in rows if not r[1]]
        elif wanted == "follow_up":
            rows = [r for r in rows if r[0].committee_state is findings.Decision.FOLLOW_UP]
        self.findings_table.source.set_rows(rows)
        _cap_widths(self.findings_table, {3: 230, 4: 170, 5: 170})
        self.findings_summary.setText(
            f"{decided} de {locale_format.plural(total, 'inconsistencia', 'inconsistencias')} "
            "con decisión en esta sesión."
            if self.detail
            else ""
        )
        self._update_buttons()

    def _load_follow_up(self, *_: object) -> None:
        try:
            commitments, closable = _follow_up(
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
        self.all_commitments.source.set_rows(commitments)
        _cap_widths(self.all_commitments, _COMMITMENT_CAPS)
        self.closable.source.set_rows(closable)
        self._update_buttons()

    def _update_buttons(self) -> None:
        editable = self.editable and not self.busy
        issued = self.detail is not None and not editable
        for button in (
            self.decide_button,
            self.add_attendee_button,
            self.add_commitment_button,
            self.save_agenda_button,
            self.issue_button,
        ):
            button.setEnabled(editable)
        self.held_on.setEnabled(editable)
        self.place.setReadOnly(not editable)
        self.details_form.set_editable(editable)
        self.agenda.setReadOnly(not editable)
        self.toggle_button.setEnabled(editable and self.attendees_table.selected_row() is not None)
        self.remove_button.setEnabled(editable and self.attendees_table.selected_row() is not None)
        chosen: CommitmentInfo | None = self.commitments_table.selected_row()
        self.close_commitment_button.setEnabled(
            editable and chosen is not None and chosen.state is CommitmentState.OPEN
        )
        self.decide_button.setEnabled(editable and self.findings_table.selected_row() is not None)
        manage = self._actor.can(Permission.MANAGE_COMMITTEE)
        self.preview_button.setVisible(not issued)
        self.preview_button.setEnabled(self.detail is not None)
        self.issue_button.setVisible(manage and not issued)
        self.save_minutes_button.setVisible(issued)
        closable: Closable | None = self.closable.selected_row()
        self.close_audit_button.setEnabled(
            closable is not None and not closable[1] and not self.busy
        )

    def _changed(self, message: str | None = None) -> None:
        self.refresh()  # after the minutes are issued (a progress dialog was shown)
        if message:
            messages.show_info(self, message, "Comité de Calidad")
        self.data_changed.emit()

    def _action_buttons(self) -> list[QWidget]:
        return [
            self.decide_button,
            self.add_attendee_button,
            self.toggle_button,
            self.remove_button,
            self.add_commitment_button,
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

    def decide_selected(self) -> DecisionDialog | None:
        row: SessionFinding | None = self.findings_table.selected_row()
        if row is None or self.detail is None:
            return None
        finding = row[0]
        current = next(
            (
                v.decisions.get(finding.id)
                for v in self.detail.audits
                if v.audit_id == finding.audit_id
            ),
            None,
        )
        stamp = next(
            (
                v.stamps.get(finding.id, NO_DECISION)
                for v in self.detail.audits
                if v.audit_id == finding.audit_id
            ),
            NO_DECISION,
        )
        dialog: DecisionDialog = self._open(
            DecisionDialog(
                self._db,
                self._actor,
                self.detail.info.id,
                finding,
                current,
                self,
                expected=stamp,
            )
        )
        return dialog

    def _decide_if_allowed(self) -> None:
        if self.decide_button.isVisible() and self.decide_button.isEnabled():
            self.decide_selected()

    def open_commitment(self) -> CommitmentDialog | None:
        if self.detail is None:
            return None
        audits = [(v.audit_id, v.number) for v in self.detail.audits]
        found = [f for v in self.detail.audits for f in v.findings]
        dialog: CommitmentDialog = self._open(
            CommitmentDialog(self._db, self._actor, self.detail.info.id, audits, found, self)
        )
        return dialog

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
        chosen: CommitmentInfo | None = self.commitments_table.selected_row()
        if chosen is None or self.detail is None:
            return None
        session_id = self.detail.info.id
        return self._guard(
            lambda: committee.close_commitment(self._db, self._actor, session_id, chosen.id),
            None,
        )

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
    def _write(
        self, title: str, suggested: str, work: Callable[[], bytes], done: Callable[[str], None]
    ) -> ProgressTask | None:
        path = ask_save_path(self, title, str(Path.home() / suggested), PDF_FILTER)
        if not path:
            return None
        if not path.lower().endswith(".pdf"):
            path += ".pdf"

        def run(_progress: Any) -> str:
            Path(path).write_bytes(work())
            return path

        task = ProgressTask(self, title, "Escribiendo el acta…", run, unit="pasos")
        task.succeeded.connect(done)
        task.failed.connect(
            lambda exc: messages.show_error(
                self,
                exc
                if not isinstance(exc, OSError)
                else f"No se pudo escribir {path}: {exc.strerror}.",
            )
        )
        self.task = task
        return task.start()

    def save_preview(self) -> ProgressTask | None:
        if self.detail is None:
            return None
        info = self.detail.info
        return self._write(
            "Borrador del acta",
            f"{info.acta_number}-borrador.pdf"
            if info.state is SessionState.DRAFT
            else f"{info.acta_number}.pdf",
            lambda: minutes.minutes_pdf(self._db, self._actor, info.id),
            lambda path: messages.show_info(self, f"Acta escrita en {path}.", "Acta"),
        )

    def save_minutes(self) -> ProgressTask | None:
        return self.save_preview()

    def issue(self) -> ProgressTask | None:
        if self.detail is None or not messages.confirm(
            self,
            f"¿Emitir el acta {self.detail.info.acta_number}? Se guardará el PDF con su huella "
            "SHA-256 y la sesión quedará de solo lectura.",
            "Emitir acta",
            "Emitir acta",
        ):
            return None
        info = self.detail.info
        return self._write(
            "Emitir acta",
            f"{info.acta_number}.pdf",
            lambda: minutes.issue_minutes(self._db, self._actor, info.id)[1],
            lambda path: self._changed(f"Acta {info.acta_number} emitida y guardada en {path}."),
        )


@dataclass(frozen=True)
class _Snapshot:
    """Everything the page shows, fetched in one go (on a pool thread after an action)."""

    sessions: list[SessionInfo]
    detail: SessionDetail | None
    commitments: list[CommitmentInfo]
    closable: list[Closable]


def _follow_up(
    db: Database, actor: Actor, provider_id: int | None, state: str | None, overdue: bool
) -> tuple[list[CommitmentInfo], list[Closable]]:
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


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
