"""The main window: navigation on the left, one page at a time, menus and status bar.

It holds layout and wiring only; every page talks to the services itself and says when
the data changed (``data_changed``), so that the window can refresh the others.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.data_version import DataVersion, changed_by_others, data_version
from auditoria_calidad.services.office_settings import get_settings
from auditoria_calidad.services.overview import COMMITMENTS, PendingItem, overview
from auditoria_calidad.services.ui_support import backend_label, database_location
from auditoria_calidad.ui import icons, locale_format, messages
from auditoria_calidad.ui.about_dialog import AboutDialog
from auditoria_calidad.ui.audits_page import AuditsPage
from auditoria_calidad.ui.calibration_page import CalibrationPage
from auditoria_calidad.ui.committee_page import CommitteePage
from auditoria_calidad.ui.evaluation_page import EvaluationPage
from auditoria_calidad.ui.findings_page import FindingsPage
from auditoria_calidad.ui.import_page import ImportPage
from auditoria_calidad.ui.navigation import (
    BY_KEY,
    HOME,
    IMPORT,
    SETTINGS,
    Destination,
    NavigationList,
    visible_destinations,
)
from auditoria_calidad.ui.reports_page import ReportsPage
from auditoria_calidad.ui.settings_page import SettingsPage
from auditoria_calidad.ui.welcome_page import WelcomePage

# The screens built so far, by destination key: each takes (db, actor) and may have the
# signals data_changed() and navigate_requested(str). Every destination but home has one.
PAGES: dict[str, Callable[[Database, Actor], QWidget]] = {
    "audits": AuditsPage,
    IMPORT: ImportPage,
    "sample": EvaluationPage,
    "calibration": CalibrationPage,
    "findings": FindingsPage,
    "committee": CommitteePage,
    "reports": ReportsPage,
    SETTINGS: SettingsPage,
}

DEFAULT_SIZE = (1280, 800)
# How often an open window asks the database whether someone else changed the data.
CHANGE_CHECK_MS = 5000
GEOMETRY_KEY = "main_window/geometry"
PAGE_KEY = "main_window/page"


class MainWindow(QMainWindow):
    """``settings`` keeps this user's window geometry and last page (never office data)."""

    logout_requested = Signal()
    closed = Signal()

    def __init__(
        self, db: Database, actor: Actor, settings: QSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._db = db
        self.actor = actor
        self._settings = settings
        self._logging_out = False
        self.about_dialog: AboutDialog | None = None
        self.setWindowTitle("Auditoría de Calidad")
        self.setWindowIcon(icons.icon("app"))
        self.setMinimumSize(800, 520)

        self.destinations = visible_destinations(actor)
        self.pages: dict[str, QWidget] = {}
        # The data version each page last loaded, and the one the window last looked at.
        self._page_versions: dict[str, DataVersion | None] = {}
        self._seen = self._version()
        self.stack = QStackedWidget()
        self.stack.setObjectName("pages")
        self.navigation = NavigationList(self.destinations)
        self.navigation.destination_chosen.connect(self._show)

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self._side_panel())
        content = QVBoxLayout()
        content.setContentsMargins(0, 0, 0, 0)
        content.setSpacing(0)
        content.addWidget(self._changes_bar())
        content.addWidget(self.stack, 1)
        row.addLayout(content, 1)
        self.setCentralWidget(central)
        self._build_menus()
        self._build_status_bar()
        self._restore_state()
        self.change_timer = QTimer(self)
        self.change_timer.setInterval(CHANGE_CHECK_MS)
        self.change_timer.timeout.connect(self.check_for_changes)
        self.change_timer.start()

    # Building ---------------------------------------------------------------------------
    def _side_panel(self) -> QWidget:
        office = get_settings(self._db)
        panel = QWidget()
        panel.setObjectName("sidePanel")
        panel.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        panel.setStyleSheet("#sidePanel { background: #1f4e79; }")
        title = QLabel("Auditoría de Calidad")
        title.setObjectName("navigationHeader")
        subtitle = QLabel(str(office["office_name"]))
        self._office_label = subtitle
        subtitle.setObjectName("navigationSubheader")
        subtitle.setWordWrap(True)
        subtitle.setFixedWidth(self.navigation.width())
        column = QVBoxLayout(panel)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(title)
        column.addWidget(subtitle)
        column.addWidget(self.navigation, 1)
        return panel

    def _changes_bar(self) -> QFrame:
        """The non-modal notice that another user changed the data this page shows."""
        self.changes_bar = QFrame()
        self.changes_bar.setObjectName("changesBar")
        self.changes_bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.changes_bar.setStyleSheet(
            "#changesBar { background: #fff4ce; border-bottom: 1px solid #e0c060; }"
        )
        text = QLabel("Hay cambios hechos por otro usuario.")
        text.setObjectName("changesText")
        self.changes_button = QPushButton("Actualizar")
        self.changes_button.setObjectName("changesRefresh")
        self.changes_button.setToolTip("Volver a cargar los datos de esta página (F5)")
        self.changes_button.clicked.connect(self.refresh_current)
        line = QHBoxLayout(self.changes_bar)
        line.setContentsMargins(28, 6, 28, 6)
        line.addWidget(text, 1)
        line.addWidget(self.changes_button)
        self.changes_bar.hide()
        return self.changes_bar

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&Archivo")
        self.logout_action = QAction("Cerrar sesión", self)
        self.logout_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.logout_action.triggered.connect(self.logout)
        quit_action = QAction("Salir", self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        self.refresh_action = QAction("Actualizar", self)
        self.refresh_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.refresh_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.refresh_action.triggered.connect(self.refresh_current)
        file_menu.addAction(self.refresh_action)
        self.addAction(self.refresh_action)
        file_menu.addSeparator()
        file_menu.addAction(self.logout_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu("Ay&uda")
        about = QAction("Acerca de", self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.user_status = QLabel(f"{self.actor.display_name} · {self.actor.role.label}")
        self.user_status.setObjectName("userStatus")
        location = database_location(self._db)
        self.database_status = QLabel()
        self.database_status.setObjectName("databaseStatus")
        self.database_status.setToolTip(location)
        text = f"{backend_label(self._db)}: {location}"
        self.database_status.setText(
            self.database_status.fontMetrics().elidedText(text, Qt.TextElideMode.ElideMiddle, 460)
        )
        self.counts_status = QLabel()
        self.counts_status.setObjectName("countsStatus")
        bar.addWidget(self.user_status)
        bar.addWidget(self.database_status, 1)
        bar.addPermanentWidget(self.counts_status)
        self.update_status()

    def _page(self, destination: Destination) -> QWidget:
        """The page of ``destination``, built on first visit."""
        page = self.pages.get(destination.key)
        if page is not None:
            return page
        if destination.key == HOME:
            page = WelcomePage(self._db, self.actor, self.destinations)
            page.open_requested.connect(self.open_pending)
        else:
            page = PAGES[destination.key](self._db, self.actor)
        # Pages say when they changed data or want another page; the window does the rest.
        if isinstance(getattr(page, "data_changed", None), SignalInstance):
            page.data_changed.connect(self.refresh)  # type: ignore[attr-defined]
        if isinstance(getattr(page, "navigate_requested", None), SignalInstance):
            page.navigate_requested.connect(self.show_page)  # type: ignore[attr-defined]
        self.pages[destination.key] = page
        self._page_versions[destination.key] = self._version()
        self.stack.addWidget(page)
        self._link_pages()
        return page

    def _link_pages(self) -> None:
        # Words added to the entity dictionary in Configuración reach the open evaluation form.
        settings, evaluation = self.pages.get(SETTINGS), self.pages.get("sample")
        if isinstance(settings, SettingsPage) and isinstance(evaluation, EvaluationPage):
            settings.entity_words_changed.connect(
                evaluation.set_entity_words, Qt.ConnectionType.UniqueConnection
            )

    # Behaviour --------------------------------------------------------------------------
    def show_page(self, key: str) -> None:
        """Go to the page ``key`` (ignored when the role may not see it)."""
        if key in self.navigation.destination_keys():
            self.navigation.select(key)

    def open_pending(self, item: PendingItem) -> None:
        """Open the page of a pending item (from Inicio) with its audit or session selected."""
        self.show_page(item.destination)
        page = self.pages.get(item.destination)
        if page is None or self.current_key != item.destination:
            return
        if isinstance(page, CommitteePage):
            if item.kind == COMMITMENTS:
                page.tabs.setCurrentIndex(page.tabs.count() - 1)  # «Seguimiento general»
            elif item.target_id is not None:
                page.select_session(item.target_id)
            return
        if item.target_id is None:
            return
        if isinstance(page, AuditsPage):
            page.open_audit(item.target_id)
        elif isinstance(page, EvaluationPage):
            page.show_audit(item.target_id)
        elif isinstance(page, FindingsPage):
            page.select_audit(item.target_id)

    def _show(self, key: str) -> None:
        built = key in self.pages
        page = self._page(BY_KEY[key])
        self.stack.setCurrentWidget(page)
        # A page shown again reloads when the data changed since it last loaded.
        if built and self._page_versions.get(key) != self._version():
            self._refresh_page(key)
        self._update_changes_bar()

    @property
    def current_key(self) -> str:
        page = self.stack.currentWidget()
        return next((k for k, p in self.pages.items() if p is page), HOME)

    def refresh(self) -> None:
        """A page changed data: reload the counts and the page shown (unless it said so).

        The other pages reload when they are shown next (their data version is older), so a
        change never makes the window reload every page at once.
        """
        self.update_status()
        self._office_label.setText(str(get_settings(self._db)["office_name"]))
        sender = self.sender()
        version = self._version()
        self._seen = version
        key = self.current_key
        current = self.pages.get(key)
        if current is not None and current is not sender:
            self._refresh_page(key, version)
        for page_key, page in self.pages.items():
            if page is sender:
                self._page_versions[page_key] = version
        self._update_changes_bar()

    def refresh_current(self) -> None:
        """«Actualizar» (F5): reload the page shown and the counts."""
        self.update_status()
        self._seen = self._version()
        self._refresh_page(self.current_key, self._seen)
        self._update_changes_bar()

    def _refresh_page(self, key: str, version: DataVersion | None = None) -> None:
        page = self.pages.get(key)
        refresh = getattr(page, "refresh", None)
        if callable(refresh):
            refresh()
        self._page_versions[key] = version or self._version()

    def _version(self) -> DataVersion | None:
        try:
            return data_version(self._db)
        except Exception:  # a lost connection: the next check or action will say so
            return None

    def check_for_changes(self) -> bool:
        """Compare the data version; offer «Actualizar» when another user changed something.

        Returns whether the bar is shown. Own changes (already shown by the page that made
        them) are taken silently; the other pages reload when shown.
        """
        now = self._version()
        before = self._seen
        if now is None or before is None or now == before:
            return self.changes_bar.isVisible()
        try:
            others = changed_by_others(self._db, self.actor, before, now)
        except Exception:
            return self.changes_bar.isVisible()
        self._seen = now
        if others:
            self.update_status()
            self.changes_bar.show()
        return self.changes_bar.isVisible()

    def _update_changes_bar(self) -> None:
        version = self._page_versions.get(self.current_key)
        if self.changes_bar.isVisible() and version is not None and version == self._seen:
            self.changes_bar.hide()

    def update_status(self) -> None:
        try:
            summary = overview(self._db, self.actor)
        except Exception as exc:
            messages.show_error(self, exc)
            return
        self.counts_status.setText(
            " · ".join(
                (
                    locale_format.plural(summary.providers, "proveedor", "proveedores"),
                    locale_format.plural(summary.virtual_records, "virtual", "virtuales"),
                    locale_format.plural(summary.chat_records, "chat", "chats"),
                    locale_format.plural(summary.audits, "auditoría", "auditorías"),
                )
            )
        )

    def show_about(self) -> AboutDialog:
        self.about_dialog = AboutDialog(self._db, self)
        self.about_dialog.open()
        return self.about_dialog

    def logout(self) -> None:
        self._logging_out = True
        self.close()

    # Remembering the window -------------------------------------------------------------
    def _restore_state(self) -> None:
        geometry = self._settings.value(GEOMETRY_KEY)
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            self._default_geometry()
        page = self._settings.value(PAGE_KEY, HOME)
        self.navigation.select(page if page in self.navigation.destination_keys() else HOME)

    def _default_geometry(self) -> None:
        available = self.screen().availableGeometry()
        width = min(DEFAULT_SIZE[0], available.width())
        # Leave room for the title bar that the window manager adds.
        height = min(DEFAULT_SIZE[1], available.height() - 40)
        self.resize(width, height)
        frame = self.frameGeometry()
        frame.moveCenter(available.center())
        self.move(frame.topLeft())

    def save_state(self) -> None:
        self._settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self._settings.setValue(PAGE_KEY, self.current_key)
        self._settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)
        if self._logging_out:
            self._logging_out = False
            self.logout_requested.emit()
        else:
            self.closed.emit()
