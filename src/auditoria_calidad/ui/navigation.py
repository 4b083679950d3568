"""The window's destinations, who may see each one, and the left navigation list."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from auditoria_calidad.domain.roles import Permission
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.ui import icons

P = Permission


@dataclass(frozen=True)
class Destination:
    key: str
    label: str
    icon: str
    # Visible when the actor has any of these; empty means everyone.
    permissions: tuple[Permission, ...] = ()

    def visible_to(self, actor: Actor) -> bool:
        return not self.permissions or any(actor.can(p) for p in self.permissions)


HOME = "home"
IMPORT = "import"
SETTINGS = "settings"

DESTINATIONS: tuple[Destination, ...] = (
    Destination(HOME, "Inicio", "home"),
    Destination(
        "audits",
        "Auditorías",
        "audits",
        (P.MANAGE_AUDITS, P.APPROVE),
    ),
    Destination(
        IMPORT,
        "Importar",
        "import",
        (P.IMPORT,),
    ),
    Destination(
        "sample",
        "Muestra y evaluación",
        "sample",
        (P.EVALUATE,),
    ),
    Destination(
        "calibration",
        "Calibración",
        "calibration",
        (P.EVALUATE, P.APPROVE),
    ),
    Destination(
        "findings",
        "Hallazgos",
        "findings",
        (P.READ_FINDINGS,),
    ),
    Destination(
        "committee",
        "Comité",
        "committee",
        (P.MANAGE_COMMITTEE,),
    ),
    Destination(
        "reports",
        "Informes",
        "reports",
        (P.READ_REPORTS,),
    ),
    Destination(
        SETTINGS,
        "Configuración",
        "settings",
        (P.MANAGE_USERS, P.MANAGE_PROVIDERS, P.MANAGE_SETTINGS),
    ),
)

BY_KEY = {d.key: d for d in DESTINATIONS}


def visible_destinations(actor: Actor) -> list[Destination]:
    """The destinations the actor's role may use, in menu order."""
    return [d for d in DESTINATIONS if d.visible_to(actor)]


KEY_ROLE = Qt.ItemDataRole.UserRole


class NavigationList(QListWidget):
    """The left column: one item per visible destination; emits the key of the chosen one."""

    destination_chosen = Signal(str)

    def __init__(self, destinations: list[Destination], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navigation")
        self.setIconSize(QSize(22, 22))
        self.setFixedWidth(220)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for destination in destinations:
            item = QListWidgetItem(
                icons.icon(
                    destination.icon, icons.NAVIGATION_COLOR, icons.NAVIGATION_SELECTED_COLOR
                ),
                destination.label,
            )
            item.setData(KEY_ROLE, destination.key)
            self.addItem(item)
        self.currentItemChanged.connect(self._emit_key)

    def destination_keys(self) -> list[str]:
        return [self.item(i).data(KEY_ROLE) for i in range(self.count())]

    def select(self, key: str) -> None:
        for i in range(self.count()):
            if self.item(i).data(KEY_ROLE) == key:
                self.setCurrentRow(i)
                return

    def _emit_key(self, current: QListWidgetItem | None, _previous: object) -> None:
        if current is not None:
            self.destination_chosen.emit(current.data(KEY_ROLE))
