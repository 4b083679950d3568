"""The two decisions on agents that are probably one person: merge them, or record that
they are two people."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.agents import (
    AgentRow,
    KeptApart,
    MergeProposal,
    keep_apart,
    merge_agents,
)
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.errors import ServiceError
from auditoria_calidad.ui import locale_format
from auditoria_calidad.ui.messages import inline_error_label, show_inline


def _records(n: int) -> str:
    return locale_format.plural(n, "registro", "registros")


class MergeDialog(QDialog):
    """Choose the agent that disappears and the one it is merged into, then confirm."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        provider: str,
        agents: list[AgentRow],
        proposal: MergeProposal | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._provider = provider
        self.setWindowTitle("Fusionar agentes")
        self.setMinimumWidth(520)
        self.source = QComboBox()
        self.source.setObjectName("source")
        self.target = QComboBox()
        self.target.setObjectName("target")
        for agent in agents:
            label = f"{agent.name} ({_records(agent.records)})"
            self.source.addItem(label, agent.name)
            self.target.addItem(label, agent.name)
        if proposal is not None:
            self.source.setCurrentIndex(self.source.findData(proposal.source))
            self.target.setCurrentIndex(self.target.findData(proposal.target))
        elif len(agents) > 1:
            self.target.setCurrentIndex(1)
        self.explanation = QLabel()
        self.explanation.setObjectName("formHint")
        self.explanation.setWordWrap(True)
        self.source.currentIndexChanged.connect(self._explain)
        self.target.currentIndexChanged.connect(self._explain)
        form = QFormLayout()
        form.addRow("Agente que se fusiona:", self.source)
        form.addRow("Se conserva:", self.target)
        self.error = inline_error_label()
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton("Fusionar", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Cancelar", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Proveedor: {provider}"))
        layout.addLayout(form)
        layout.addWidget(self.explanation)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._explain()

    def _explain(self) -> None:
        source, target = self.source.currentData(), self.target.currentData()
        same = source is None or source == target
        self.ok.setEnabled(not same)
        if same:
            self.explanation.setText("Elija dos agentes distintos.")
            return
        self.explanation.setText(
            f"Los registros de «{source}» pasarán a «{target}» y «{source}» dejará de aparecer "
            f"como agente. Las importaciones que escriban «{source}» irán a «{target}». "
            "La fusión queda en el registro de auditoría con su usuario y la fecha."
        )

    def accept(self) -> None:
        try:
            self.result_info = merge_agents(
                self._db,
                self._actor,
                self._provider,
                self.source.currentData(),
                self.target.currentData(),
            )
        except ServiceError as exc:
            show_inline(self.error, exc)
            return
        super().accept()


class KeepApartDialog(QDialog):
    """Confirm, with a reason, that the two names of a proposal are two people."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        provider: str,
        proposal: MergeProposal,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._provider = provider
        self._proposal = proposal
        self.result_info: KeptApart | None = None
        self.setWindowTitle("Personas distintas")
        self.setMinimumWidth(520)
        intro = QLabel(
            f"«{proposal.source}» ({_records(proposal.source_records)}) y "
            f"«{proposal.target}» ({_records(proposal.target_records)}) se proponen como la "
            f"misma persona ({proposal.reason}). Si son dos personas, escriba cómo lo sabe: el "
            "par no se volverá a proponer y la decisión queda en el registro de auditoría."
        )
        intro.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("keepApartReason")
        self.reason.setPlaceholderText("Por ejemplo: cédulas distintas según el proveedor")
        self.reason.setFixedHeight(72)
        self.error = inline_error_label()
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(
            "Son personas distintas", QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton("Cancelar", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Proveedor: {provider}"))
        layout.addWidget(intro)
        layout.addWidget(QLabel("Motivo:"))
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def accept(self) -> None:
        try:
            self.result_info = keep_apart(
                self._db,
                self._actor,
                self._provider,
                self._proposal.source,
                self._proposal.target,
                self.reason.toPlainText(),
            )
        except ServiceError as exc:
            show_inline(self.error, exc)
            return
        super().accept()
