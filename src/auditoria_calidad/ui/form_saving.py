"""Saving the F182 form of a page: autosave after a pause, the observation a «No cumple»
needs, the two-version dialog when someone else saved the same record meanwhile, and the
spelling pre-check of the answer shown.

Shared by the evaluation page (an audit's sample) and the calibration panel (a blind
double review); each says how to store a draft and what to do once it is stored.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from auditoria_calidad.domain.observation_rule import (
    missing_observation,
    observation_required_message,
)
from auditoria_calidad.domain.spelling import SpellChecker
from auditoria_calidad.services.answer_spelling import AnswerSpelling, check_answer
from auditoria_calidad.services.connection import DatabaseError
from auditoria_calidad.services.errors import ServiceError
from auditoria_calidad.services.evaluations import (
    EvaluationConflict,
    EvaluationDraft,
    ObservationRequired,
    SavedEvaluation,
)
from auditoria_calidad.ui import messages
from auditoria_calidad.ui.conflict_dialog import ConflictDialog
from auditoria_calidad.ui.evaluation_form import EvaluationForm


class StoredElsewhere(Exception):
    """Raised by `FormSaving.store_draft` when another window saved the record since it
    was read; ``saved`` is the stored version, ``theirs`` what the dialog shows of it."""

    def __init__(self, saved: Any, theirs: SavedEvaluation) -> None:
        super().__init__("stored elsewhere")
        self.saved = saved
        self.theirs = theirs


class FormSaving(QWidget):
    """The saving half of a page that shows an `EvaluationForm` for one record at a time.

    A subclass builds ``form`` and ``autosave`` and implements `store_draft`, `stored`,
    `show_save_state`, `reopen_current` and `stored_notes`.
    """

    form: EvaluationForm
    autosave: QTimer
    current_id: int | None
    version: int | None
    saved: Any
    dirty: bool
    checker: SpellChecker | None
    spelling: AnswerSpelling | None
    conflict_dialog: ConflictDialog | None
    save_error_title = "No se guardó la evaluación"
    conflict_text = "Conflicto: otro usuario guardó este registro"

    # What each page says (methods of the page) -------------------------------------------
    # Store the draft for the open record; raise `StoredElsewhere` on a stale version.
    store_draft: Callable[[EvaluationDraft], Any]
    # Show what was stored (state line, the row in the list, the progress).
    stored: Callable[[Any], None]
    # Open the record again, as stored.
    reopen_current: Callable[[int], None]
    # The observations stored for the open record ("" when none).
    stored_notes: Callable[[], str]

    def can_save(self) -> bool:
        """Whether a record is open whose form may be saved."""
        data = self.form.data
        return self.current_id is not None and data is not None and data.editable

    # Saving -------------------------------------------------------------------------------
    def _changed(self) -> None:
        if self.form.data is None or not self.form.data.editable:
            return
        self.dirty = True
        self.form.save_state.setText("Cambios sin guardar…")
        self.autosave.start()

    def _has_unsaved_answers(self) -> bool:
        """Whether the form differs from what is stored, counting a proposed level only
        when the user answered something else (Ctrl+Enter confirms what is shown)."""
        draft = self.form.draft()
        stored_answers = self.saved.answers if self.saved else {}
        if draft.answers == stored_answers and draft.observations.strip() == self.stored_notes():
            return False
        return (
            self.dirty
            or self.form.has_pending_proposals()
            or any(r.value is not None and not r.proposed for r in self.form.rows)
        )

    def save_current(self, *, explicit: bool = False, autosave: bool = False) -> bool:
        """Save the open record if it changed; False (and the form kept) when refused."""
        self.autosave.stop()
        data = self.form.data
        if not self.can_save() or data is None:
            return True
        if not (self.dirty or (explicit and self._has_unsaved_answers())):
            return True
        if self.conflict_dialog is not None and self.conflict_dialog.isVisible():
            return False
        draft = self.form.draft(self.spelling, confirm_proposed=explicit)
        unexplained = missing_observation(data.scheme, draft.answers, draft.observations)
        if unexplained:
            # Never stored silently: the draft stays in the form, marked unsaved, and the
            # user is told why (and taken there unless it is the pause autosave).
            self._observation_required(
                observation_required_message(data.scheme, unexplained), focus=not autosave
            )
            return False
        try:
            saved = self.store_draft(draft)
        except (StoredElsewhere, EvaluationConflict) as exc:
            theirs = exc.theirs if isinstance(exc, StoredElsewhere) else exc.saved
            self._show_conflict(draft, exc.saved, theirs)
            return False
        except ObservationRequired as exc:
            self._observation_required(exc.message, focus=not autosave)
            return False
        except (ServiceError, DatabaseError) as exc:
            self.form.save_state.setText("No se pudo guardar")
            messages.show_error(self, exc, title=self.save_error_title)
            return False
        self.stored(saved)
        return True

    def _observation_required(self, message: str, *, focus: bool) -> None:
        self.form.save_state.setText("Sin guardar: falta la observación")
        self.form.show_observation_required(message, focus=focus)

    def confirm_saved_proposals(self, answers: dict[str, Any]) -> None:
        """A proposal the user saved is their answer now: shown as such."""
        self.form.clear_observation_required()
        confirmed = [r for r in self.form.rows if r.proposed and answers.get(r.key) == r.value]
        for row in confirmed:
            row.set_value(row.value)
        if confirmed and self.spelling is not None:
            self.form.set_spelling(self.spelling)
        self.form.show_proposals()

    # Someone else saved the same record ---------------------------------------------------
    def _show_conflict(self, mine: EvaluationDraft, saved: Any, theirs: SavedEvaluation) -> None:
        assert self.form.data is not None
        self.form.save_state.setText(self.conflict_text)
        dialog = ConflictDialog(self.form.data.scheme, mine, theirs, self)
        dialog.keep_saved.connect(self._keep_saved)
        dialog.keep_mine.connect(lambda: self._keep_mine(saved))
        dialog.finished.connect(dialog.deleteLater)
        self.conflict_dialog = dialog
        dialog.open()

    def _keep_saved(self) -> None:
        """Discard this user's changes and show the version stored by the other."""
        record = self.current_id
        self.dirty = False
        self.current_id = None
        if record is not None:
            self.reopen_current(record)

    def _keep_mine(self, theirs: Any) -> None:
        """Save over the other version, on purpose (the log keeps both)."""
        self.version = theirs.version
        self.dirty = True
        if self.conflict_dialog is not None:
            self.conflict_dialog.hide()
        self.save_current()

    # Spelling -----------------------------------------------------------------------------
    def _check_spelling(self) -> None:
        data = self.form.data
        if data is None:
            return
        if self.checker is None:
            self.form.set_spelling(None, "Cargando el diccionario de ortografía…")
            return
        record = data.record
        self.spelling = check_answer(
            record.answer_text,
            record.channel,
            self.checker,
            data.scheme,
            agent=record.agent,
            requester=record.requester_name,
            entity_names=data.entity_names,
        )
        self.form.set_spelling(self.spelling)
