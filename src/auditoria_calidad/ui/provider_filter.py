"""The "Proveedor" filter combo that the Hallazgos and Comité pages share."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from auditoria_calidad.services import administration
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.errors import ServiceError

ALL_PROVIDERS = "Todos los proveedores"


def fill_provider_filter(combo: QComboBox, db: Database, actor: Actor) -> None:
    """Fill with «Todos los proveedores» and each provider the actor may see (a manager: its own).

    A filter that cannot be filled keeps only the first entry: the page still works, it
    just cannot narrow by provider.
    """
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(ALL_PROVIDERS, None)
    try:
        for provider in administration.list_providers(db, actor):
            combo.addItem(provider.name, provider.id)
    except ServiceError:
        pass
    finally:
        combo.blockSignals(False)
