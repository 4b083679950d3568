"""Importar: the note, after an import, that some agent names of the provider look like one
person written twice (merged in «Agentes del proveedor…»)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.agents import can_merge, proposals_for
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.errors import ServiceError
from auditoria_calidad.ui import locale_format


class AgentsHint(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importAgentsHint")
        self.setWordWrap(True)
        self.hide()

    def show_for(self, db: Database, actor: Actor, provider: str) -> None:
        """Show how many merge proposals the provider has (hidden when none, or when the
        user may not merge agents)."""
        self.hide()
        if not can_merge(actor):
            return
        try:
            proposals = proposals_for(db, actor, provider)
        except ServiceError:
            return
        if proposals:
            count = locale_format.plural(
                len(proposals), "posible agente repetido", "posibles agentes repetidos"
            )
            self.setText(f"Hay {count} en «{provider}»: revíselos con «Agentes del proveedor…».")
            self.show()
