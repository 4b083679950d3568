"""Configuración › Diccionario de la entidad: words the spelling pre-check accepts
(programme names, acronyms, names of places) on top of the Spanish dictionary."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from auditoria_calidad.domain.roles import Permission
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.entity_words import (
    add_entity_words,
    list_entity_words,
    remove_entity_words,
)
from auditoria_calidad.services.errors import ServiceError
from auditoria_calidad.ui import locale_format, messages


class EntityWordsEditor(QWidget):
    """Add and remove the entity's words; ``words_changed`` carries the new list."""

    words_changed = Signal(list)

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        editable = actor.can(Permission.EVALUATE) or actor.can(Permission.MANAGE_SETTINGS)

        intro = QLabel(
            "La revisión ortográfica acepta estas palabras además del diccionario de español: "
            "nombres de programas, siglas, municipios. Se comparan sin distinguir mayúsculas "
            "(pero sí tildes). También se agregan desde el formulario F182, con el menú "
            "contextual de una palabra subrayada."
        )
        intro.setWordWrap(True)
        intro.setObjectName("formHint")
        self.new_word = QLineEdit()
        self.new_word.setPlaceholderText("Palabra nueva (p. ej. ICETEX, Sisbén)")
        self.new_word.returnPressed.connect(self.add_typed)
        self.add_button = QPushButton("&Agregar")
        self.add_button.clicked.connect(self.add_typed)
        self.error = messages.inline_error_label()
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Buscar en la lista")
        self.filter.setClearButtonEnabled(True)
        self.model = QStringListModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.view = QListView()
        self.view.setModel(self.proxy)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.remove_button = QPushButton("&Quitar las seleccionadas")
        self.remove_button.clicked.connect(self.remove_selected)
        self.count = QLabel()

        add_row = QHBoxLayout()
        add_row.addWidget(self.new_word, 1)
        add_row.addWidget(self.add_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(add_row)
        layout.addWidget(self.error)
        layout.addWidget(self.filter)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        for widget in (self.new_word, self.add_button, self.remove_button):
            widget.setEnabled(editable)
        self.refresh()

    @property
    def words(self) -> list[str]:
        return self.model.stringList()

    def refresh(self) -> None:
        try:
            self._show(list_entity_words(self._db))
        except ServiceError as exc:
            messages.show_error(self, exc)

    def _show(self, words: list[str]) -> None:
        self.model.setStringList(words)
        self.count.setText(locale_format.plural(len(words), "palabra", "palabras"))

    def add_typed(self) -> None:
        """Add the words typed (several may be separated by commas or semicolons)."""
        typed = [w for w in self.new_word.text().replace(";", ",").split(",") if w.strip()]
        if not typed:
            messages.show_inline(self.error, "Escriba la palabra que desea agregar.")
            return
        try:
            words = add_entity_words(self._db, self._actor, typed)
        except ServiceError as exc:
            messages.show_inline(self.error, exc)
            return
        messages.show_inline(self.error, None)
        self.new_word.clear()
        self._show(words)
        self.words_changed.emit(words)

    def remove_selected(self) -> None:
        chosen = [self.proxy.data(i) for i in self.view.selectionModel().selectedRows()]
        if not chosen:
            messages.show_inline(
                self.error, "Seleccione en la lista las palabras que desea quitar."
            )
            return
        try:
            words = remove_entity_words(self._db, self._actor, chosen)
        except ServiceError as exc:
            messages.show_inline(self.error, exc)
            return
        messages.show_inline(self.error, None)
        self._show(words)
        self.words_changed.emit(words)
