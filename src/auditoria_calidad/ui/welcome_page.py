"""Inicio: a welcome with two ways to start on an empty database, else a summary with the
work waiting for the user's role («Mis pendientes»), each item one click from its page."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from auditoria_calidad.domain.roles import Permission
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.overview import (
    Overview,
    PendingItem,
    PendingSection,
    overview,
    pending_work,
)
from auditoria_calidad.ui import icons, locale_format, messages
from auditoria_calidad.ui.demo_loading import DemoUsersDialog, start_demo_loading
from auditoria_calidad.ui.navigation import HOME, IMPORT, Destination
from auditoria_calidad.ui.page_header import PageHeader
from auditoria_calidad.ui.workers import ProgressTask


def _big_action(icon_name: str, title: str, detail: str) -> QPushButton:
    button = QPushButton(f"{title}\n{detail}")
    button.setObjectName("bigAction")
    button.setIcon(icons.icon(icon_name))
    button.setIconSize(QSize(40, 40))
    button.setMinimumHeight(96)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    return button


def _card(value: QLabel, caption: str) -> QFrame:
    card = QFrame()
    card.setObjectName("card")
    value.setObjectName("cardValue")
    label = QLabel(caption)
    label.setObjectName("cardLabel")
    label.setWordWrap(True)
    layout = QVBoxLayout(card)
    layout.setContentsMargins(18, 14, 18, 14)
    layout.addWidget(value)
    layout.addWidget(label)
    return card


# The cycle of procedure M5-1-01 (5.2.18–5.2.26), shown as orientation on the summary.
CYCLE = (
    "Importar la exportación del CRM del periodo",
    "Crear la auditoría y sacar la muestra (mínimo 50 % por agente)",
    "Evaluar cada registro con el formato F182",
    "Informe de auditoría y aprobación del Jefe de Oficina",
    "Respuesta del proveedor a cada hallazgo",
    "Comité de Calidad: decisiones, compromisos y acta",
    "Informe mensual de indicadores",
)


def _cycle_card() -> QFrame:
    card = QFrame()
    card.setObjectName("card")
    title = QLabel("El ciclo de una visita de calidad (procedimiento M5-1-01)")
    title.setObjectName("sectionTitle")
    grid = QGridLayout()
    grid.setHorizontalSpacing(24)
    grid.setVerticalSpacing(8)
    rows = (len(CYCLE) + 1) // 2
    for i, step in enumerate(CYCLE):
        number = QLabel(str(i + 1))
        number.setObjectName("stepNumber")
        number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        number.setFixedSize(24, 24)
        text = QLabel(step)
        text.setWordWrap(True)
        line = QHBoxLayout()
        line.setSpacing(10)
        line.addWidget(number)
        line.addWidget(text, 1)
        grid.addLayout(line, i % rows, i // rows)
    layout = QVBoxLayout(card)
    layout.setContentsMargins(18, 14, 18, 14)
    layout.addWidget(title)
    layout.addLayout(grid)
    return card


# Items shown per section; the rest are one click away on the page itself.
PENDING_SHOWN = 5


def _pending_button(item: PendingItem) -> QPushButton:
    button = QPushButton(f"{item.title}\n{item.detail}")
    button.setObjectName("pendingOverdue" if item.overdue else "pendingItem")
    button.setToolTip(f"{item.title}\n{item.detail}")
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.setStyleSheet(
        "QPushButton { text-align: left; padding: 6px 12px; }"
        + ("QPushButton { color: #a4262c; }" if item.overdue else "")
    )
    return button


class WelcomePage(QWidget):
    navigate_requested = Signal(str)
    # A pending item was clicked: the window opens its page with the item selected.
    open_requested = Signal(object)
    data_changed = Signal()

    EMPTY, SUMMARY = 0, 1

    def __init__(
        self,
        db: Database,
        actor: Actor,
        destinations: list[Destination],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._destinations = destinations
        self.demo_task: ProgressTask | None = None
        self.demo_users_dialog: DemoUsersDialog | None = None

        first_name = actor.display_name.split()[0] if actor.display_name else actor.username
        self.header = PageHeader("Inicio", f"Hola, {first_name}.")
        self.views = QStackedWidget()
        self.views.addWidget(self._build_empty_view())
        self.views.addWidget(self._build_summary_view())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.addWidget(self.header)
        layout.addWidget(self.views, 1)
        self.refresh()

    # Empty database -------------------------------------------------------------------
    def _build_empty_view(self) -> QWidget:
        view = QWidget()
        intro = QLabel(
            "La base de datos todavía no tiene registros. Para empezar, traiga la exportación "
            "del CRM de un periodo o pruebe la aplicación con un mes de demostración."
        )
        intro.setWordWrap(True)
        self.import_action = _big_action(
            "import",
            "Importar un archivo del CRM",
            "La exportación de un periodo (xlsx, xls, ods o CSV) de un canal y un proveedor.",
        )
        self.import_action.clicked.connect(lambda: self.navigate_requested.emit(IMPORT))
        if not any(d.key == IMPORT for d in self._destinations):
            self.import_action.setEnabled(False)
            self.import_action.setText(
                "Importar un archivo del CRM\nLo hacen el Auditor y el Jefe de Oficina; "
                "su rol no importa archivos."
            )
        self.demo_action = _big_action(
            "demo",
            "Cargar datos de demostración",
            "Un mes ficticio de un proveedor con sus agentes y un usuario por rol para probar.",
        )
        self.demo_action.clicked.connect(self.load_demo)
        layout = QVBoxLayout(view)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addWidget(intro)
        layout.addWidget(self.import_action)
        layout.addWidget(self.demo_action)
        layout.addStretch(1)
        return view

    def load_demo(self) -> ProgressTask:
        """Load the demo month in a worker; then show its users and refresh."""
        self.demo_action.setEnabled(False)
        self.demo_task = start_demo_loading(self, self._db)
        self.demo_task.succeeded.connect(self._demo_loaded)
        self.demo_task.failed.connect(lambda exc: messages.show_error(self, exc))
        self.demo_task.finished.connect(lambda: self.demo_action.setEnabled(True))
        return self.demo_task

    def _demo_loaded(self, result: Any) -> None:
        self.demo_users_dialog = DemoUsersDialog(result, self)
        self.demo_users_dialog.open()
        self.refresh()
        self.data_changed.emit()

    # Summary ---------------------------------------------------------------------------
    def _build_summary_view(self) -> QWidget:
        view = QWidget()
        self.counts: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setSpacing(14)
        captions = (
            ("providers", "Proveedores"),
            ("virtual_records", "Respuestas virtuales"),
            ("chat_records", "Chats"),
            ("batches", "Archivos importados"),
            ("audits", "Auditorías"),
        )
        for column, (key, caption) in enumerate(captions):
            self.counts[key] = QLabel("0")
            grid.addWidget(_card(self.counts[key], caption), 0, column)

        self.next_step = QLabel()
        self.next_step.setWordWrap(True)
        self.pending_title = QLabel("Mis pendientes")
        self.pending_title.setObjectName("sectionTitle")
        self.pending_box = QVBoxLayout()
        self.pending_box.setSpacing(6)
        self.pending_buttons: list[QPushButton] = []
        self.pending_sections: list[PendingSection] = []
        shortcuts_title = QLabel("Accesos directos")
        shortcuts_title.setObjectName("sectionTitle")
        shortcuts = QGridLayout()
        shortcuts.setSpacing(10)
        targets = [d for d in self._destinations if d.key != HOME]
        for i, destination in enumerate(targets):
            button = QPushButton(destination.label)
            button.setObjectName("shortcut")
            button.setIcon(icons.icon(destination.icon))
            button.setIconSize(QSize(22, 22))
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(
                lambda _=False, key=destination.key: self.navigate_requested.emit(key)
            )
            shortcuts.addWidget(button, i // 3, i % 3)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 12, 0)
        layout.setSpacing(14)
        layout.addLayout(grid)
        layout.addWidget(self.next_step)
        layout.addWidget(self.pending_title)
        layout.addLayout(self.pending_box)
        layout.addSpacing(8)
        layout.addWidget(shortcuts_title)
        layout.addLayout(shortcuts)
        layout.addSpacing(8)
        layout.addWidget(_cycle_card())
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        # The scroll area paints its viewport with the window's button colour (grey):
        # let the page's own background show through, as on every other page.
        scroll.viewport().setAutoFillBackground(False)
        content.setAutoFillBackground(False)
        outer = QVBoxLayout(view)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        return view

    def _show_pending(self) -> None:
        while self.pending_box.count():
            taken = self.pending_box.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.deleteLater()
        self.pending_buttons = []
        try:
            sections = pending_work(self._db, self._actor)
        except Exception as exc:
            messages.show_error(self, exc)
            sections = []
        self.pending_sections = sections
        self.pending_title.setVisible(bool(sections))
        for section in sections:
            heading = QLabel(section.title)
            heading.setObjectName("pendingHeading")
            heading.setStyleSheet("font-weight: 600;")
            self.pending_box.addWidget(heading)
            if not section.items:
                empty = QLabel(section.empty)
                empty.setObjectName("formHint")
                empty.setWordWrap(True)
                self.pending_box.addWidget(empty)
                continue
            for item in section.items[:PENDING_SHOWN]:
                button = _pending_button(item)
                button.clicked.connect(lambda _=False, it=item: self.open_requested.emit(it))
                self.pending_buttons.append(button)
                self.pending_box.addWidget(button)
            rest = len(section.items) - PENDING_SHOWN
            if rest > 0:
                more = QLabel(f"… y {locale_format.count(rest)} más en su página.")
                more.setObjectName("formHint")
                self.pending_box.addWidget(more)

    def refresh(self) -> None:
        try:
            summary = overview(self._db, self._actor)
        except Exception as exc:
            messages.show_error(self, exc)
            return
        self.views.setCurrentIndex(self.EMPTY if summary.is_empty else self.SUMMARY)
        for key, label in self.counts.items():
            label.setText(locale_format.count(getattr(summary, key)))
        self.next_step.setText(self._next_step(summary))
        self.next_step.setVisible(bool(self.next_step.text()))
        if not summary.is_empty:
            self._show_pending()

    def _next_step(self, summary: Overview) -> str:
        if summary.audits == 0 and self._actor.can(Permission.MANAGE_AUDITS):
            return (
                "Siguiente paso: cree una auditoría del periodo importado y saque la "
                "muestra de al menos el 50 % de los registros de cada agente."
            )
        return ""
