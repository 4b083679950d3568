"""Configuración › Agentes: a provider's agents, the ones that are probably one person,
and merging them (or setting the pair aside as two people) after a confirmation."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.administration import list_providers
from auditoria_calidad.services.agents import (
    AgentRow,
    MergeProposal,
    agents_of,
    can_merge,
    proposals_for,
)
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.errors import ServiceError
from auditoria_calidad.ui import locale_format, messages
from auditoria_calidad.ui.agent_dialogs import KeepApartDialog, MergeDialog
from auditoria_calidad.ui.table_models import AnyIndex, Column, RowTableModel, RowTableView


def _records(n: int) -> str:
    return locale_format.plural(n, "registro", "registros")


def _merged_names(agent: AgentRow) -> str:
    return ", ".join(m.name for m in agent.merged_names)


class AgentRowsModel(RowTableModel[AgentRow]):
    COLUMNS = (
        Column[AgentRow]("Agente", lambda a: a.name),
        Column[AgentRow](
            "Registros", lambda a: locale_format.count(a.records), lambda a: a.records, numeric=True
        ),
        Column[AgentRow]("Nombres fusionados en este agente", _merged_names),
    )

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            agent = self.row_at(index.row())
            return (
                "\n".join(
                    f"«{m.name}»: fusionado por {m.merged_by} el {locale_format.moment(m.merged_at)}"
                    for m in agent.merged_names
                )
                or None
            )
        return super().data(index, role)


class ProposalsModel(RowTableModel[MergeProposal]):
    COLUMNS = (
        Column[MergeProposal](
            "Agente a fusionar", lambda p: f"{p.source} ({_records(p.source_records)})"
        ),
        Column[MergeProposal](
            "Se conserva", lambda p: f"{p.target} ({_records(p.target_records)})"
        ),
        Column[MergeProposal]("Motivo", lambda p: p.reason[:1].upper() + p.reason[1:]),
        Column[MergeProposal]("Observación", lambda p: p.blocked or ""),
    )


class AgentsTab(QWidget):
    data_changed = Signal()

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.dialog: MergeDialog | KeepApartDialog | None = None

        self.provider = QComboBox()
        self.provider.setObjectName("agentsProvider")
        self.provider.setMinimumWidth(280)
        self.provider.currentIndexChanged.connect(self._load)
        top = QHBoxLayout()
        top.addWidget(QLabel("Proveedor:"))
        top.addWidget(self.provider)
        top.addStretch(1)

        self.agents = AgentRowsModel(self)
        self.agents_table = RowTableView(self.agents)
        self.agents_table.setObjectName("agentRowsTable")
        self.agents_title = QLabel("Agentes")
        self.agents_title.setObjectName("sectionTitle")

        self.proposals = ProposalsModel(self)
        self.proposals_table = RowTableView(self.proposals)
        self.proposals_table.setObjectName("proposalsTable")
        self.proposals_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.proposals_title = QLabel("Posibles agentes repetidos")
        self.proposals_title.setObjectName("sectionTitle")
        self.no_proposals = QLabel("No hay posibles agentes repetidos en este proveedor.")
        self.no_proposals.setObjectName("formHint")
        self.no_proposals.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.proposals_stack = QStackedWidget()
        self.proposals_stack.addWidget(self.proposals_table)
        self.proposals_stack.addWidget(self.no_proposals)

        self.merge_button = QPushButton("Fusionar…")
        self.merge_button.setObjectName("mergeProposal")
        self.merge_button.clicked.connect(self.open_merge_dialog)
        self.apart_button = QPushButton("Son personas distintas…")
        self.apart_button.setObjectName("keepApart")
        self.apart_button.setToolTip(
            "Deja constancia, con el motivo, de que los dos nombres son dos personas: el par "
            "ya no se vuelve a proponer."
        )
        self.apart_button.clicked.connect(self.open_keep_apart_dialog)
        self.merge_other_button = QPushButton("Fusionar otros dos agentes…")
        self.merge_other_button.clicked.connect(self.open_free_merge_dialog)
        for button in (self.merge_button, self.apart_button, self.merge_other_button):
            button.setVisible(can_merge(actor))
        buttons = QHBoxLayout()
        buttons.addWidget(self.merge_button)
        buttons.addWidget(self.apart_button)
        buttons.addWidget(self.merge_other_button)
        buttons.addStretch(1)

        note = QLabel(
            "Los nombres que solo difieren en mayúsculas, tildes, espacios o caracteres "
            "invisibles ya son un mismo agente al importar. Los que difieren en una letra o "
            "tienen las mismas palabras en otro orden se proponen aquí y solo se fusionan "
            "cuando usted lo confirma; si son dos personas, «Son personas distintas…» deja "
            "constancia y el par no se vuelve a proponer."
        )
        note.setObjectName("formHint")
        note.setWordWrap(True)

        agents_box = QWidget()
        agents_layout = QVBoxLayout(agents_box)
        agents_layout.setContentsMargins(0, 0, 0, 0)
        agents_layout.addWidget(self.agents_title)
        agents_layout.addWidget(self.agents_table, 1)
        proposals_box = QWidget()
        proposals_layout = QVBoxLayout(proposals_box)
        proposals_layout.setContentsMargins(0, 6, 0, 0)
        proposals_layout.addWidget(self.proposals_title)
        proposals_layout.addWidget(self.proposals_stack, 1)
        proposals_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(agents_box)
        splitter.addWidget(proposals_box)
        splitter.setSizes([260, 220])

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(note)
        self.refresh()

    @property
    def provider_name(self) -> str | None:
        data = self.provider.currentData()
        return str(data) if data else None

    def refresh(self) -> None:
        current = self.provider_name
        try:
            providers = list_providers(self._db, self._actor)
        except ServiceError as exc:
            messages.show_error(self, exc)
            providers = []
        self.provider.blockSignals(True)
        self.provider.clear()
        for p in providers:
            self.provider.addItem(p.name, p.name)
        if not providers:
            self.provider.addItem("No hay proveedores registrados", None)
        index = self.provider.findData(current) if current else 0
        self.provider.setCurrentIndex(max(index, 0))
        self.provider.blockSignals(False)
        self._load()

    def select_provider(self, name: str) -> None:
        self.provider.setCurrentIndex(self.provider.findData(name))

    def _load(self) -> None:
        provider = self.provider_name
        agent_rows: list[AgentRow] = []
        proposal_rows: list[MergeProposal] = []
        if provider:
            try:
                agent_rows = agents_of(self._db, self._actor, provider)
                proposal_rows = proposals_for(self._db, self._actor, provider)
            except ServiceError as exc:
                messages.show_error(self, exc)
        self.agents.set_rows(agent_rows)
        self.proposals.set_rows(proposal_rows)
        self.agents_title.setText(
            f"Agentes de «{provider}» ({locale_format.count(len(agent_rows))})"
            if provider
            else "Agentes"
        )
        count = len(proposal_rows)
        self.proposals_title.setText(
            "Posibles agentes repetidos" + (f" ({locale_format.count(count)})" if count else "")
        )
        self.proposals_stack.setCurrentWidget(
            self.proposals_table if proposal_rows else self.no_proposals
        )
        if proposal_rows:
            self.proposals_table.selectRow(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        proposal: MergeProposal | None = self.proposals_table.selected_row()
        self.merge_button.setEnabled(proposal is not None and proposal.blocked is None)
        self.apart_button.setEnabled(proposal is not None)
        self.merge_other_button.setEnabled(len(self.agents.rows) > 1)

    def open_merge_dialog(self) -> MergeDialog | None:
        proposal = self.proposals_table.selected_row()
        if proposal is None or self.provider_name is None:
            return None
        return self._open(proposal)

    def open_keep_apart_dialog(self) -> KeepApartDialog | None:
        proposal = self.proposals_table.selected_row()
        if proposal is None or self.provider_name is None:
            return None
        dialog = KeepApartDialog(self._db, self._actor, self.provider_name, proposal, self)
        dialog.accepted.connect(self._merged)
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_free_merge_dialog(self) -> MergeDialog | None:
        if self.provider_name is None:
            return None
        return self._open(None)

    def _open(self, proposal: MergeProposal | None) -> MergeDialog:
        assert self.provider_name is not None
        dialog = MergeDialog(
            self._db, self._actor, self.provider_name, self.agents.rows, proposal, self
        )
        dialog.accepted.connect(self._merged)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _merged(self) -> None:
        self._load()
        self.data_changed.emit()


class AgentsDialog(QDialog):
    """The agents of one provider and their merge proposals, opened from Importar.

    Auditors import and so meet repeated agent names first; they reach the same list
    and merge action as Configuración › Agentes without the rest of Configuración.
    """

    def __init__(
        self, db: Database, actor: Actor, provider: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Agentes de «{provider}»")
        self.resize(900, 600)
        self.tab = AgentsTab(db, actor, self)
        self.tab.refresh()
        self.tab.select_provider(provider)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tab)
        layout.addWidget(buttons)
