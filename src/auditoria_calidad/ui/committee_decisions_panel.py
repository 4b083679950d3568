"""The «Inconsistencias» tab of the committee page: the session's inconsistencies with the
provider's answers and the decisions, one at a time or many at once.

Several rows can be selected (Ctrl / Shift) and decided together; «Aceptar todas las
respondidas sin decisión» accepts, after a confirmation that says how many, every answered
inconsistency still undecided in the session. A batch is one transaction: when another
member decided one of them meanwhile, nothing is recorded and the list is reloaded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from auditoria_calidad.services import committee
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.committee import Decision, SessionDetail
from auditoria_calidad.services.committee_conflicts import NO_DECISION, DecisionStamp
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.findings import DECISION_LABELS, FindingInfo
from auditoria_calidad.ui import locale_format, messages
from auditoria_calidad.ui.committee_dialogs import DecisionDialog, ServiceDialog
from auditoria_calidad.ui.table_models import ROW_ROLE, Column, RowTableModel, RowTableView

# A finding of the session with its decision here ("" when not decided in this session).
SessionFinding = tuple[FindingInfo, str]


def answer_state(f: FindingInfo) -> str:
    if f.answer is None or f.answer.submitted_at is None:
        return "Sin respuesta"
    return "Respondida fuera de plazo" if f.late else "Respondida"


def answered(f: FindingInfo) -> bool:
    return f.answer is not None and f.answer.submitted_at is not None


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
        Column[SessionFinding]("Respuesta del proveedor", lambda r: answer_state(r[0])),
        Column[SessionFinding]("Decisión en esta sesión", lambda r: r[1]),
        Column[SessionFinding]("Estado en el comité", lambda r: r[0].decision_label),
        Column[SessionFinding]("Agente", lambda r: r[0].agent),
    )


class BatchDecisionDialog(ServiceDialog):
    """One decision for several inconsistencies, with `committee.record_decisions`."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        session_id: int,
        chosen: list[FindingInfo],
        expected: dict[int, DecisionStamp],
        parent: QWidget | None = None,
    ) -> None:
        count = locale_format.plural(len(chosen), "inconsistencia", "inconsistencias")
        super().__init__(f"Decisión sobre {count}", "Registrar decisiones", parent)
        self._db, self._actor, self._session_id = db, actor, session_id
        self.chosen, self.expected = chosen, expected
        self.setMinimumWidth(640)
        listed = ", ".join(f"{f.audit_number}/{f.number}" for f in chosen[:30])
        header = QLabel(
            f"La misma decisión se registra sobre {count} ({listed}"
            f"{'…' if len(chosen) > 30 else ''}), todas a la vez o ninguna."
        )
        header.setObjectName("dialogHeader")
        header.setWordWrap(True)
        self.body.addWidget(header)
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
        self.radios[Decision.ACCEPTED].setChecked(True)
        self.observation = QPlainTextEdit()
        self.observation.setObjectName("decisionObservation")
        self.observation.setPlaceholderText(
            "Obligatoria si la respuesta no se acepta o queda en seguimiento."
        )
        self.observation.setMaximumHeight(90)
        self.form.addRow("Decisión:", row)
        self.form.addRow("Observación del comité:", self.observation)
        self.finish_layout()

    def choose(self, decision: Decision) -> None:
        self.radios[decision].setChecked(True)

    def decision(self) -> Decision:
        return next(d for d, r in self.radios.items() if r.isChecked())

    def call(self) -> Callable[[], Any]:
        db, actor, session_id = self._db, self._actor, self._session_id
        decision, note = self.decision(), self.observation.toPlainText()
        rows = [(f.id, decision, note) for f in self.chosen]
        expected = dict(self.expected)
        return lambda: committee.record_decisions(db, actor, session_id, rows, expected=expected)


class DecisionsPanel(QWidget):
    """The inconsistencies of the selected session and the buttons that decide them.

    ``open_dialog(dialog, message)`` and ``run(work, message)`` are the page's: a dialog
    whose result reloads the page, and a direct action on a pool thread.
    """

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
        self.detail: SessionDetail | None = None
        self.dialog: Any = None
        self.filter = QComboBox()
        self.filter.setObjectName("decisionFilter")
        for label, value in (
            ("Todas", ""),
            ("Sin decisión en esta sesión", "pending"),
            ("Respondidas sin decisión", "answered_pending"),
            ("En seguimiento", "follow_up"),
        ):
            self.filter.addItem(label, value)
        self.filter.currentIndexChanged.connect(self.show_findings)
        self.decide_button = self._button("Registrar decisión…", self.decide_selected, manage)
        self.accept_all_button = self._button(
            "Aceptar todas las respondidas sin decisión", self.accept_answered, manage
        )
        self.accept_all_button.setObjectName("acceptAnswered")
        self.table = RowTableView(SessionFindingsModel(self))
        self.table.setObjectName("sessionFindings")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.doubleClicked.connect(lambda _i: self._decide_if_allowed())
        self.summary = QLabel()
        self.summary.setObjectName("formHint")
        self.summary.setWordWrap(True)
        bar = QHBoxLayout()
        for widget in (self.summary, self.filter, self.decide_button, self.accept_all_button):
            bar.addWidget(widget, 1 if widget is self.summary else 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

    def _button(self, text: str, slot: Callable[[], Any], visible: bool) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda _checked=False: slot())
        button.setVisible(visible)
        return button

    # Showing ----------------------------------------------------------------------------
    def set_detail(self, detail: SessionDetail | None) -> None:
        self.detail = detail
        self.show_findings()

    def rows(self) -> list[SessionFinding]:
        if self.detail is None:
            return []
        return [
            (f, DECISION_LABELS[view.decisions[f.id][0]] if f.id in view.decisions else "")
            for view in self.detail.audits
            for f in view.findings
        ]

    def pending_answered(self) -> list[FindingInfo]:
        """Answered by the provider and without a decision in this session."""
        return [f for f, decided in self.rows() if not decided and answered(f)]

    def show_findings(self) -> None:
        rows = self.rows()
        total, decided = len(rows), sum(1 for _f, d in rows if d)
        waiting = len(self.pending_answered())
        wanted = self.filter.currentData()
        if wanted == "pending":
            rows = [r for r in rows if not r[1]]
        elif wanted == "answered_pending":
            rows = [r for r in rows if not r[1] and answered(r[0])]
        elif wanted == "follow_up":
            rows = [r for r in rows if r[0].committee_state is Decision.FOLLOW_UP]
        self.table.source.set_rows(rows)
        for column, cap in {3: 230, 4: 200, 5: 200}.items():
            if self.table.columnWidth(column) > cap:
                self.table.setColumnWidth(column, cap)
        self.summary.setText(
            f"{decided} de {locale_format.plural(total, 'inconsistencia', 'inconsistencias')} "
            f"con decisión en esta sesión; {waiting} "
            f"{'respondida espera' if waiting == 1 else 'respondidas esperan'} decisión."
            if self.detail
            else ""
        )

    def selected(self) -> list[SessionFinding]:
        return [
            index.data(ROW_ROLE)
            for index in sorted(self.table.selectionModel().selectedRows(), key=lambda i: i.row())
        ]

    def update_buttons(self, editable: bool) -> None:
        self.decide_button.setEnabled(editable and bool(self.selected()))
        self.accept_all_button.setEnabled(editable and bool(self.pending_answered()))
        count = len(self.selected())
        self.decide_button.setText(
            f"Decidir {count} seleccionadas…" if count > 1 else "Registrar decisión…"
        )

    # Deciding ---------------------------------------------------------------------------
    def _stamp(self, finding: FindingInfo) -> DecisionStamp:
        assert self.detail is not None
        for view in self.detail.audits:
            if view.audit_id == finding.audit_id:
                return view.stamps.get(finding.id, NO_DECISION)
        return NO_DECISION

    def decide_selected(self) -> DecisionDialog | BatchDecisionDialog | None:
        chosen = self.selected()
        if not chosen or self.detail is None:
            return None
        session_id = self.detail.info.id
        if len(chosen) > 1:
            found = [f for f, _d in chosen]
            batch = BatchDecisionDialog(
                self._db,
                self._actor,
                session_id,
                found,
                {f.id: self._stamp(f) for f in found},
                self.window(),
            )
            self.dialog = self._open_dialog(batch, _recorded)
            return batch
        finding = chosen[0][0]
        current = next(
            (
                v.decisions.get(finding.id)
                for v in self.detail.audits
                if v.audit_id == finding.audit_id
            ),
            None,
        )
        single = DecisionDialog(
            self._db,
            self._actor,
            session_id,
            finding,
            current,
            self.window(),
            expected=self._stamp(finding),
        )
        self.dialog = self._open_dialog(single)
        return single

    def _decide_if_allowed(self) -> None:
        if self.decide_button.isVisible() and self.decide_button.isEnabled():
            self.decide_selected()

    def accept_answered(self) -> Any:
        """Accept every answered inconsistency without a decision here, once confirmed."""
        pending = self.pending_answered()
        if self.detail is None or not pending:
            return None
        count = locale_format.plural(len(pending), "inconsistencia", "inconsistencias")
        if not messages.confirm(
            self,
            f"¿Aceptar la respuesta del proveedor en {count} que aún no "
            f"{'tiene' if len(pending) == 1 else 'tienen'} decisión en el acta "
            f"{self.detail.info.acta_number}? Se registran todas a la vez, o ninguna si otro "
            "miembro del comité decidió alguna mientras tanto.",
            "Aceptar las respondidas",
            f"Aceptar {len(pending)}",
        ):
            return None
        db, actor, session_id = self._db, self._actor, self.detail.info.id
        rows = [(f.id, Decision.ACCEPTED, "") for f in pending]
        expected = dict.fromkeys((f.id for f in pending), NO_DECISION)
        return self._run(
            lambda: committee.record_decisions(db, actor, session_id, rows, expected=expected),
            f"Respuesta aceptada en {count}.",
        )


def _recorded(result: object) -> str | None:
    if isinstance(result, committee.BatchResult):
        return (
            f"Decisión registrada en "
            f"{locale_format.plural(result.recorded, 'inconsistencia', 'inconsistencias')}."
        )
    return None
