"""«Muestra y evaluación»: the audit's sampled records beside the F182 form.

Keyboard first (see the legend on screen), and nothing is lost: the form is saved when
the auditor moves to another record, after a few seconds without typing, when the page
is hidden and when the window closes. A save refused because another auditor saved the
same record meanwhile opens a comparison of both versions; nothing is overwritten
silently. The spelling dictionary loads once, off the GUI thread.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.spelling import SpellChecker
from auditoria_calidad.services import audits, entity_words, observation_templates
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.answer_spelling import AnswerSpelling
from auditoria_calidad.services.connection import Database, DatabaseError
from auditoria_calidad.services.errors import ServiceError
from auditoria_calidad.services.evaluations import (
    EVALUATED,
    PENDING,
    EvaluationDraft,
    SavedEvaluation,
    load_form,
    save_evaluation,
)
from auditoria_calidad.services.screening import alerts_for_record
from auditoria_calidad.ui import locale_format, messages
from auditoria_calidad.ui.conflict_dialog import ConflictDialog
from auditoria_calidad.ui.evaluation_form import EvaluationForm
from auditoria_calidad.ui.f182_workbook_actions import F182WorkbookActions
from auditoria_calidad.ui.form_saving import FormSaving
from auditoria_calidad.ui.sample_list_panel import SampleListPanel
from auditoria_calidad.ui.workers import ProgressTask, Worker

AUTOSAVE_MS = 3000
PAGE_STYLE = """
QLabel#pageMessage { color: #1e6b3a; }
QLabel#pageMessage[tone="warning"] { color: #8a5a00; }
QLabel#progressLabel { color: #323f4b; font-weight: bold; }
"""


class EvaluationPage(FormSaving):
    data_changed = Signal()
    spelling_ready = Signal()

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evaluationPage")
        self.setStyleSheet(PAGE_STYLE)
        self._db = db
        self.actor = actor
        self.audit_id: int | None = None
        self.current_id: int | None = None
        self.version: int | None = None
        self.saved: SavedEvaluation | None = None
        self.dirty = False
        self.checker: SpellChecker | None = None
        self.spelling: AnswerSpelling | None = None
        self.conflict_dialog: ConflictDialog | None = None
        self.task: ProgressTask | None = None
        self._filtered_window: QWidget | None = None
        self._sized = False
        self._channels: dict[int, Channel] = {}

        title = QLabel("Evaluación F182")
        title.setObjectName("pageTitle")
        audit_label = QLabel("&Auditoría:")
        self.audit_combo = QComboBox()
        self.audit_combo.setMinimumWidth(200)
        self.audit_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        audit_label.setBuddy(self.audit_combo)
        self.audit_combo.currentIndexChanged.connect(self._audit_chosen)
        self.progress = QLabel()
        self.progress.setObjectName("progressLabel")
        self.workbook = F182WorkbookActions(self, db, actor)
        self.export_button = self.workbook.export_button
        self.import_button = self.workbook.import_button
        # Two lines, so that at 1024 px nothing is squeezed: the title, the progress and the
        # workbook actions; then the audit chooser across the whole width.
        self.title = title
        top = QHBoxLayout()
        top.setSpacing(10)
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.export_button)
        top.addWidget(self.import_button)
        chooser = QHBoxLayout()
        chooser.setSpacing(10)
        chooser.addWidget(audit_label)
        chooser.addWidget(self.audit_combo, 1)
        chooser.addSpacing(8)
        chooser.addWidget(self.progress)
        self.message = QLabel()
        self.message.setObjectName("pageMessage")
        self.message.setWordWrap(True)
        self.message.hide()

        self.sample_list = SampleListPanel()
        self.sample_list.item_chosen.connect(self._row_chosen)
        self.sample_list.pending_only.toggled.connect(self._filter_pending)
        # Short names for what the page and its tests use most.
        self.model = self.sample_list.model
        self.view = self.sample_list.view
        self.pending_only = self.sample_list.pending_only

        self.form = EvaluationForm()
        self.form.changed.connect(self._changed)
        self.form.answer.add_word_requested.connect(self.add_to_dictionary)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.sample_list)
        self.splitter.addWidget(self.form)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([480, 1000])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 10)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addLayout(chooser)
        layout.addWidget(self.message)
        layout.addWidget(self.splitter, 1)

        self.autosave = QTimer(self)
        self.autosave.setSingleShot(True)
        self.autosave.setInterval(AUTOSAVE_MS)
        self.autosave.timeout.connect(lambda: self.save_current(autosave=True))
        self._shortcuts()
        self.refresh()
        # Loading the dictionary the first time keeps Python busy about half a second: it
        # starts once the first record is on screen, not while the page is being opened.
        self._load_spell_checker()

    # Building -----------------------------------------------------------------------------
    def _shortcuts(self) -> None:
        def bind(keys: str, slot: object) -> None:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

        bind("Ctrl+Return", self.save_and_next)
        bind("Ctrl+Enter", self.save_and_next)
        bind("Ctrl+S", lambda: self.save_current(explicit=True))
        bind("PgDown", lambda: self.move(1))
        bind("PgUp", lambda: self.move(-1))
        bind("Alt+Down", lambda: self._scroll_answer(1))
        bind("Alt+Up", lambda: self._scroll_answer(-1))

    def _scroll_answer(self, direction: int) -> None:
        bar = self.form.answer.verticalScrollBar()
        bar.setValue(bar.value() + direction * bar.pageStep() // 2)

    def _load_spell_checker(self) -> None:
        worker = Worker(lambda _progress: entity_words.load_spell_checker(self._db))
        self._spell_signals = worker.signals
        worker.signals.succeeded.connect(self._spell_checker_loaded)
        worker.signals.failed.connect(self._spell_checker_failed)
        worker.start()

    def _spell_checker_loaded(self, checker: SpellChecker) -> None:
        self.checker = checker
        self._check_spelling()
        self.spelling_ready.emit()

    def _spell_checker_failed(self, error: BaseException) -> None:
        self.form.set_spelling(
            None, "Revisión ortográfica no disponible: " + messages.user_message(error)
        )

    # Audits and the list ------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the audits and the list (after an import, a new sample…), keeping the place."""
        if not self.save_current():
            return
        try:
            self.form.set_templates(observation_templates.list_observation_templates(self._db))
            options = [a for a in audits.list_audits(self._db, self.actor)]
        except (ServiceError, DatabaseError) as exc:
            messages.show_error(self, exc)
            return
        wanted = self.audit_id
        self.audit_combo.blockSignals(True)
        self.audit_combo.clear()
        self._channels = {a.id: a.channel for a in options}
        for audit in options:
            text = (
                f"{audit.number} · {audit.state_label} · {audit.channel.label} · "
                f"{audit.period.label} · {audit.provider}"
            )
            self.audit_combo.addItem(text, audit.id)
            self.audit_combo.setItemData(
                self.audit_combo.count() - 1, text, Qt.ItemDataRole.ToolTipRole
            )
        self.audit_combo.blockSignals(False)
        if not options:
            self.audit_id = None
            self.model.clear()
            self.form.clear(
                "No hay auditorías. Cree una auditoría y sortee su muestra en "
                "«Auditorías»; luego evalúe aquí cada registro."
            )
            self._update_progress()
            return
        ids = [a.id for a in options]
        if wanted not in ids:
            usable = [a for a in options if a.sampled and not a.locked]
            wanted = (usable or options)[0].id
        self.audit_combo.setCurrentIndex(ids.index(wanted))
        self.show_audit(wanted, keep=self.current_id)

    def _audit_chosen(self, index: int) -> None:
        audit_id = self.audit_combo.itemData(index)
        if audit_id is None or audit_id == self.audit_id:
            return
        if not self.save_current():
            self.audit_combo.blockSignals(True)
            self.audit_combo.setCurrentIndex(self.audit_combo.findData(self.audit_id))
            self.audit_combo.blockSignals(False)
            return
        self.show_audit(audit_id)

    def show_audit(self, audit_id: int, keep: int | None = None) -> None:
        """Show the audit's sample and open ``keep`` or its first pending record."""
        if self.audit_combo.currentData() != audit_id:
            self.audit_combo.blockSignals(True)
            self.audit_combo.setCurrentIndex(self.audit_combo.findData(audit_id))
            self.audit_combo.blockSignals(False)
        chat = self._channels.get(audit_id) is Channel.CHAT
        self.model.key_header = "Id. del chat" if chat else "Radicado"
        try:
            # Only the order of the rows is read here; the rows come a page at a time.
            self.model.attach(self._db, self.actor, audit_id, keep=keep)
        except (ServiceError, DatabaseError) as exc:
            messages.show_error(self, exc)
            return
        self.audit_id = audit_id
        self.sample_list.refreshed()
        self._update_progress()
        if not self.model.rowCount():
            self.current_id = None
            self.form.clear("Esta auditoría aún no tiene muestra: sortéela en «Auditorías».")
            return
        target = (
            keep
            if self.model.row_of(keep) is not None
            else (self.model.pending_after(None) or self.model.sample_item_id(0))
        )
        self.current_id = None  # reload even when it is the same record
        if target is not None:
            self.open_item(target)

    def _filter_pending(self, on: bool) -> None:
        self.model.keep_visible(self.current_id)
        try:
            self.model.set_pending_only(on)
        except (ServiceError, DatabaseError) as exc:
            messages.show_error(self, exc)
            return
        self.sample_list.select(self.current_id)
        self._update_progress()

    def _update_progress(self) -> None:
        done, total = self.model.counts()
        self.progress.setText(
            f"Evaluados {locale_format.count(done)} de {locale_format.count(total)} de la muestra"
            + (f" ({locale_format.percent(100 * done / total)})" if total else "")
        )
        self.sample_list.update_count()

    def _row_chosen(self, item_id: int) -> None:
        if not self.open_item(item_id, focus=False):
            QTimer.singleShot(0, lambda: self.sample_list.select(self.current_id))

    # Opening and moving -------------------------------------------------------------------
    def open_item(self, sample_item_id: int, *, focus: bool = True) -> bool:
        """Open a sampled record in the form, saving the current one first."""
        if sample_item_id == self.current_id:
            return True
        if not self.save_current():
            return False
        try:
            data = load_form(self._db, self.actor, sample_item_id)
        except (ServiceError, DatabaseError) as exc:
            messages.show_error(self, exc)
            return False
        self.current_id = sample_item_id
        self.version = data.version
        self.saved = data.saved
        self.dirty = False
        self.spelling = None
        self.form.load(data)
        self._show_alerts(data.audit_id, data.record.key)
        self.model.keep_visible(sample_item_id)
        self.sample_list.select(sample_item_id)
        self._check_spelling()
        self._show_save_state()
        self.export_button.setEnabled(True)
        if focus:
            self.form.focus_first_criterion()
        return True

    def _show_alerts(self, audit_id: int, key: str) -> None:
        """The automatic screening's alerts of the open record, beside its criteria."""
        try:
            self.form.set_alerts(alerts_for_record(self._db, self.actor, audit_id, key))
        except (ServiceError, DatabaseError) as exc:
            self.form.set_alerts(
                None,
                "No se pudieron leer las alertas del prefiltrado: " + messages.user_message(exc),
            )

    def move(self, step: int) -> None:  # type: ignore[override]
        """Previous / next record in the list's order (Re Pág / Av Pág)."""
        row = self.model.row_of(self.current_id)
        target = self.model.sample_item_id((row if row is not None else -1) + step)
        if target is not None:
            self.open_item(target)

    def save_and_next(self) -> None:
        """Ctrl+Enter: save this record and open the next pending one."""
        if not self.save_current(explicit=True):
            return
        target = self.model.pending_after(self.current_id)
        if target is None:
            self.say("No quedan registros pendientes en esta auditoría.", warning=True)
            return
        self.open_item(target)

    def say(self, text: str, *, warning: bool = False) -> None:
        self.message.setText(text)
        self.message.setProperty("tone", "warning" if warning else "")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.show()

    # Saving (the rest in FormSaving) ------------------------------------------------------
    def store_draft(self, draft: EvaluationDraft) -> SavedEvaluation:
        assert self.current_id is not None
        return save_evaluation(
            self._db, self.actor, self.current_id, draft, expected_version=self.version
        )

    def stored_notes(self) -> str:
        return self.saved.observations if self.saved else ""

    def reopen_current(self, record_id: int) -> None:
        self.open_item(record_id)

    def stored(self, saved: SavedEvaluation) -> None:
        self.version = saved.version
        self.saved = saved
        self.dirty = False
        self.confirm_saved_proposals(saved.answers)
        self._show_save_state()
        position = self.model.row_of(saved.sample_item_id)
        if position is not None:
            self.model.replace(
                dataclasses.replace(
                    self.model.row_at(position),
                    state=EVALUATED if saved.complete else PENDING,
                    score=saved.score,
                    version=saved.version,
                )
            )
        self._update_progress()

    def _show_save_state(self) -> None:
        saved = self.saved
        if saved is None:
            text = "Sin guardar todavía" if self.form.data and self.form.data.editable else ""
        else:
            text = f"Guardado {saved.reviewed_at:%d/%m/%Y %H:%M} por {saved.reviewer}" + (
                "" if saved.complete else " · incompleto"
            )
        self.form.save_state.setText(text)

    def add_to_dictionary(self, word: str) -> None:
        """«Agregar al diccionario»: the entity's list (shared, logged), then check again."""
        try:
            words = entity_words.add_entity_words(self._db, self.actor, [word])
        except (ServiceError, DatabaseError) as exc:
            messages.show_error(self, exc)
            return
        self.set_entity_words(words)
        self.say(f"«{word}» se agregó al diccionario de la entidad.")

    def set_entity_words(self, words: list[str]) -> None:
        """Use a new entity word list (also when Configuración changes it)."""
        if self.checker is not None:
            self.checker = self.checker.with_entity_words(words)
            self._check_spelling()

    # Workbook -----------------------------------------------------------------------------
    def export_to(self, path: str) -> ProgressTask | None:
        """«Exportar formato F182» to ``path`` (the open record is saved first)."""
        return self.workbook.export_to(path)

    def import_from(self, path: str) -> ProgressTask | None:
        """«Importar formato F182» from ``path``, all or nothing, then reload the list."""
        return self.workbook.import_from(path)

    def reload_after_import(self) -> None:
        keep = self.current_id
        self.current_id = None
        if self.audit_id is not None:
            self.show_audit(self.audit_id, keep=keep)
        self.data_changed.emit()

    # Never losing work --------------------------------------------------------------------
    def hideEvent(self, event: QHideEvent) -> None:
        self.save_current()
        super().hideEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized:
            # The list takes about a third of the width, but no more than its key, date
            # and state columns need; the form the rest.
            self._sized = True
            width = max(self.splitter.width(), 800)
            needed = sum(self.sample_list.column_width(c) for c in range(3)) + 30
            share = max(260, min(int(width * 0.36), needed))
            self.splitter.setSizes([share, width - share])
        if self.form.data is not None and not self.form.isAncestorOf(self.focusWidget()):
            # Arriving on the page: the keyboard goes straight to the first criterion.
            QTimer.singleShot(0, self.form.focus_first_criterion)
        window = self.window()
        if window is not self and window is not self._filtered_window:
            if self._filtered_window is not None:
                self._filtered_window.removeEventFilter(self)
            window.installEventFilter(self)
            self._filtered_window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        closing = event.type() == QEvent.Type.Close and watched is self._filtered_window
        if closing and not self.save_current():
            event.ignore()
            return True
        return super().eventFilter(watched, event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.save_current():
            event.ignore()
            return
        super().closeEvent(event)
