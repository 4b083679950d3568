"""The F182 form of one sampled record: the record (read-only), its computed timeliness,
the criteria of the audit's scheme, the spelling level, observations and the live score.

It holds layout and the record's state only; loading and saving belong to the page.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.observation_rule import criteria_needing_observation
from auditoria_calidad.domain.scheme import CriterionKind, ScoringScheme
from auditoria_calidad.domain.scoring import ScoringError, score_record
from auditoria_calidad.services.answer_spelling import AnswerSpelling
from auditoria_calidad.services.evaluations import EvaluationDraft, EvaluationFormData
from auditoria_calidad.services.observation_templates import templates_for
from auditoria_calidad.services.screening_dtos import RecordAlerts
from auditoria_calidad.ui import locale_format, messages
from auditoria_calidad.ui.answer_view import AnswerView
from auditoria_calidad.ui.criterion_alerts import (
    ACCEPT_KEYS,
    NOT_SCREENED,
    AlertList,
    Proposal,
    observation_from,
    proposal_line,
    proposals_of,
)
from auditoria_calidad.ui.criterion_controls import STYLE, ComputedRow, CriterionRow
from auditoria_calidad.ui.observation_templates_picker import ObservationTemplatePicker
from auditoria_calidad.ui.record_summary import (
    BAD,
    GOOD,
    MUTED,
    RecordSummary,
    computed_detail,
    computed_missing,
)

LEGEND = (
    "<b>Teclado</b> · <b>1</b> Cumple · <b>2</b> No cumple · <b>3</b> N.A. · niveles "
    "<b>1 2 3</b>, <b>0</b> N.A. · <b>↑ ↓</b> o <b>Tab</b>: criterio · "
    "<b>Ctrl+Enter</b>: guardar y siguiente pendiente · <b>Re Pág / Av Pág</b>: registro "
    "anterior / siguiente · <b>Ctrl+P</b>: aceptar propuestas del prefiltrado · <b>Alt+O</b>: "
    "observaciones · <b>F4</b>: plantillas de observación · <b>Alt+↑ ↓</b>: desplazar la "
    "respuesta · <b>Ctrl+S</b>: guardar"
)

OPTIONAL_HINT = "Observaciones de este registro (F4: plantillas)"
REQUIRED_HINT = "Obligatoria: explique qué no cumple (F4: plantillas del criterio que no cumple)"

FORM_STYLE = (
    STYLE
    + """
QLabel#recordTitle { font-size: 12.5pt; font-weight: bold; color: #1f4e79; }
QLabel#saveState { color: #616e7c; }
QLabel#fact { color: #1f2933; }
QLabel#timeliness { background: #ffffff; border: 1px solid #d9e2ec; border-radius: 6px;
                    padding: 6px 8px; }
QLabel#textCaption { font-weight: bold; color: #323f4b; }
QLabel#legend { color: #52606d; font-size: 8.5pt; background: #eef2f6; border-radius: 6px;
                padding: 6px 8px; }
QLabel#scoreValue { font-size: 18pt; font-weight: bold; }
QLabel#readOnlyBanner { color: #8a5a00; background: #fff8e6; border: 1px solid #f0d58c;
                        border-radius: 4px; padding: 4px 8px; }
QFrame#scoreBox { background: #ffffff; border: 1px solid #d9e2ec; border-radius: 6px; }
QTextEdit#answerView, QTextEdit#requestView { background: #ffffff; border: 1px solid #d9e2ec;
                                              border-radius: 6px; font-size: 10.5pt; }
"""
)


class EvaluationForm(QWidget):
    """Emits ``changed`` whenever the auditor changes an answer or the observations."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(FORM_STYLE)
        self.data: EvaluationFormData | None = None
        self.rows: list[CriterionRow] = []
        self.computed_rows: list[ComputedRow] = []
        self.spelling_row: CriterionRow | None = None
        self._loading = False
        self.templates: dict[str, list[str]] = {}
        self.record_alerts: RecordAlerts | None = None
        self.proposals: dict[str, Proposal] = {}
        self.accepted: set[str] = set()  # filled by Ctrl+P, pending the auditor's save

        self.title = QLabel()
        self.title.setObjectName("recordTitle")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Wrapped, never elided: the radicado must be readable at any width.
        self.title.setWordWrap(True)
        self.title.setMinimumWidth(1)
        self.save_state = QLabel()
        self.save_state.setObjectName("saveState")
        self.save_state.setWordWrap(True)
        self.save_state.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.read_only_banner = QLabel()
        self.read_only_banner.setObjectName("readOnlyBanner")
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.hide()
        top = QHBoxLayout()
        top.addWidget(self.title, 3)
        top.addWidget(self.save_state, 2)

        self.summary = RecordSummary()
        self.request = QTextEdit()
        self.request.setObjectName("requestView")
        self.request.setReadOnly(True)
        self.request.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.request.setMaximumHeight(96)
        self.request_caption = QLabel("Solicitud del usuario")
        self.request_caption.setObjectName("textCaption")
        self.answer_caption = QLabel("Respuesta del agente")
        self.answer_caption.setObjectName("textCaption")
        self.answer = AnswerView()
        self.answer.note_requested.connect(self.append_observation)

        record_side = QWidget()
        left = QVBoxLayout(record_side)
        left.setContentsMargins(0, 0, 6, 0)
        left.setSpacing(6)
        left.addWidget(self.request_caption)
        left.addWidget(self.request)
        left.addWidget(self.answer_caption)
        left.addWidget(self.answer, 1)

        self.criteria_box = QVBoxLayout()
        self.criteria_box.setSpacing(6)
        self.observations_label = QLabel("&Observaciones generales de calidad")
        self.observations_label.setObjectName("textCaption")
        self.observations_label.setWordWrap(True)
        self.observations = QPlainTextEdit()
        self.observations.setObjectName("observations")
        self.observations.setTabChangesFocus(True)
        self.observations.setPlaceholderText(OPTIONAL_HINT)
        self.observations.setFixedHeight(78)
        self.observations.textChanged.connect(self._observations_changed)
        self.observations_label.setBuddy(self.observations)
        self.observation_error = messages.inline_error_label()
        # Alerts of criteria the audit's scheme does not have, and «not screened yet».
        self.other_alerts = AlertList()
        accept = QShortcut(QKeySequence(ACCEPT_KEYS), self)
        accept.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        accept.activated.connect(self.accept_proposals)
        self.observation_error.setObjectName("formError")
        self.picker = ObservationTemplatePicker(self)
        self.picker.chosen.connect(self.insert_template)
        for keys in ("F4", "Ctrl+Space"):
            shortcut = QShortcut(QKeySequence(keys), self.observations)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.open_templates)
        self.score_value = QLabel("—")
        self.score_value.setObjectName("scoreValue")
        self.score_note = QLabel()
        self.score_note.setObjectName("criterionNote")
        self.score_note.setWordWrap(True)
        score_box = QFrame()
        score_box.setObjectName("scoreBox")
        score_layout = QVBoxLayout(score_box)
        score_layout.setContentsMargins(10, 4, 10, 6)
        score_layout.setSpacing(0)
        caption = QLabel("Puntaje del registro")
        caption.setObjectName("textCaption")
        # The caption wraps and the value keeps its width: in the narrow criteria column a
        # fixed caption cut «100,00» to «10».
        caption.setWordWrap(True)
        score_line = QHBoxLayout()
        score_line.addWidget(caption, 1)
        score_line.addWidget(self.score_value, 0, Qt.AlignmentFlag.AlignRight)
        score_layout.addLayout(score_line)
        score_layout.addWidget(self.score_note)

        criteria_content = QWidget()
        criteria_column = QVBoxLayout(criteria_content)
        criteria_column.setContentsMargins(0, 0, 6, 0)
        criteria_column.setSpacing(6)
        criteria_column.addLayout(self.criteria_box)
        criteria_column.addWidget(self.other_alerts)
        criteria_column.addWidget(self.observations_label)
        criteria_column.addWidget(self.observations)
        criteria_column.addWidget(self.observation_error)
        criteria_column.addStretch(1)
        self.criteria_scroll = QScrollArea()
        self.criteria_scroll.setWidgetResizable(True)
        self.criteria_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.criteria_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.criteria_scroll.setWidget(criteria_content)
        self.legend = QLabel(LEGEND)
        self.legend.setObjectName("legend")
        self.legend.setWordWrap(True)
        criteria_side = QWidget()
        right = QVBoxLayout(criteria_side)
        right.setContentsMargins(6, 0, 0, 0)
        right.setSpacing(6)
        right.addWidget(self.criteria_scroll, 1)
        right.addWidget(score_box)
        criteria_side.setMinimumWidth(290)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(record_side)
        self.splitter.addWidget(criteria_side)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes([640, 320])

        self.empty = QLabel()
        self.empty.setObjectName("formHint")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.read_only_banner)
        # The record's facts span the whole form: at 1024 px a column beside the criteria
        # would be too narrow for a date or a cédula.
        layout.addWidget(self.summary)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.legend)
        self.clear("Elija una auditoría con muestra para empezar a evaluar.")

    # Loading ------------------------------------------------------------------------------
    def clear(self, message: str) -> None:
        self.data = None
        self.title.setText("")
        self.save_state.setText("")
        self.read_only_banner.hide()
        self.summary.hide()
        self.splitter.hide()
        self.empty.setText(message)
        self.empty.show()

    def load(self, data: EvaluationFormData) -> None:
        """Show ``data``: the record, its timeliness, the criteria and the saved answers."""
        self._loading = True
        try:
            self.data = data
            self.empty.hide()
            self.summary.show()
            self.splitter.show()
            record = data.record
            chat = record.channel is Channel.CHAT
            parts = [("Chat " if chat else "Radicado ") + record.key]
            parts += [p for p in (record.request_type, record.service) if p]
            self.title.setText("  ·  ".join(parts))
            self.summary.show_record(data)
            self.request_caption.setText(
                "Registro que hace el usuario" if chat else "Solicitud del usuario"
            )
            self.request.setPlainText(record.request_text or "(sin texto)")
            self.answer_caption.setText(
                "Transcripción del chat (se revisa la ortografía del agente)"
                if chat
                else "Respuesta del agente"
            )
            self.answer.show_text(
                record.answer_text or "(sin texto)",
                record.channel,
                record.agent,
                record.requester_name,
                data.entity_names,
            )
            self.observations_label.setText(
                "Comportamiento histórico CRM – &Observaciones generales"
                if chat
                else "&Observaciones generales de calidad"
            )
            self._build_criteria(data.scheme)
            saved = data.saved
            answers = saved.answers if saved else {}
            for row in self.rows:
                row.set_value(answers.get(row.key))
                row.set_editable(data.editable)
            for computed in self.computed_rows:
                source = computed.criterion.source.value if computed.criterion.source else ""
                computed.set_result(
                    data.computed.get(computed.key),
                    computed_detail(data, source),
                    computed_missing(data, source),
                )
            self.observations.setPlainText(saved.observations if saved else "")
            self.observations.setReadOnly(not data.editable)
            self.clear_observation_required()
            self.read_only_banner.setVisible(not data.editable)
            self.read_only_banner.setText(
                f"La auditoría {data.audit_number} está aprobada o cerrada: el formato se "
                "muestra solo para consulta."
            )
            self.set_alerts(None)
            self.set_spelling(None, "Revisando la ortografía…")
            self.update_score()
            self.answer.verticalScrollBar().setValue(0)
            self.criteria_scroll.verticalScrollBar().setValue(0)
        finally:
            self._loading = False

    def _build_criteria(self, scheme: ScoringScheme) -> None:
        if (self.rows or self.computed_rows) and getattr(self, "_scheme", None) == scheme:
            return  # same scheme as the previous record: keep the widgets
        self._scheme = scheme
        while self.criteria_box.count():
            item = self.criteria_box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.rows, self.computed_rows, self.spelling_row = [], [], None
        for criterion in scheme.criteria:
            if criterion.kind is CriterionKind.COMPUTED:
                computed = ComputedRow(criterion)
                self.computed_rows.append(computed)
                self.criteria_box.addWidget(computed)
                continue
            row = CriterionRow(criterion)
            row.changed.connect(self._row_changed)
            row.move_requested.connect(self._move)
            row.answered.connect(self._answered)
            self.rows.append(row)
            self.criteria_box.addWidget(row)
            if criterion.key == scheme.thresholds.spelling_criterion:
                self.spelling_row = row
        for before, after in zip(self.rows, self.rows[1:], strict=False):
            QWidget.setTabOrder(before, after)
        if self.rows:
            QWidget.setTabOrder(self.rows[-1], self.observations)

    # Answers ------------------------------------------------------------------------------
    def answers(self, *, proposed: bool = True) -> dict[str, str]:
        """The answers shown; without ``proposed``, only those the auditor gave."""
        return {
            row.key: row.value
            for row in self.rows
            if row.value is not None and (proposed or not row.proposed)
        }

    def draft(
        self, spelling: AnswerSpelling | None = None, *, confirm_proposed: bool = True
    ) -> EvaluationDraft:
        """What to save. A proposed spelling level counts only when confirmed: by a key on
        its row, or by Ctrl+Enter / Ctrl+S on the record (not by the autosave)."""
        return EvaluationDraft(
            answers=self.answers(proposed=confirm_proposed),
            observations=self.observations.toPlainText(),
            spelling_suspects=None if spelling is None else len(spelling.suspects),
            word_count=None if spelling is None else spelling.word_count,
            proposals={k: (p.value, p.codes) for k, p in self.proposals.items()} or None,
        )

    def _row_changed(self, _key: str, _value: object) -> None:
        self.update_score()
        self.show_proposals()
        if not self._loading:
            self.changed.emit()

    def _observations_changed(self) -> None:
        if self.observations.toPlainText().strip():
            self.clear_observation_required()
        if not self._loading:
            self.changed.emit()

    # Observations: required for a failure, templates ------------------------------------
    def show_observation_required(self, message: str, *, focus: bool) -> None:
        """Show why the record was not saved next to the observations (and go there)."""
        self.observation_error.setText(message)
        self.observation_error.show()
        self.criteria_scroll.ensureWidgetVisible(self.observation_error, 0, 24)
        if focus:
            self.observations.setFocus(Qt.FocusReason.OtherFocusReason)
            self.criteria_scroll.ensureWidgetVisible(self.observations, 0, 24)

    def clear_observation_required(self) -> None:
        self.observation_error.clear()
        self.observation_error.hide()

    def set_templates(self, templates: dict[str, list[str]]) -> None:
        self.templates = templates

    def template_entries(self) -> list[tuple[str, str]]:
        """(criterion label, text) of the failed criteria's templates, or of every
        criterion of the scheme when nothing failed yet."""
        if self.data is None:
            return []
        scheme = self.data.scheme
        failed = list(criteria_needing_observation(scheme, self.answers()))
        failed += [k for k, ok in self.data.computed.items() if ok is False]
        keys = failed or [c.key for c in scheme.criteria]
        return [
            (scheme.criterion(key).label, text)
            for key, text in templates_for(self.templates, [c.key for c in scheme.criteria])
            if key in keys
        ]

    def open_templates(self) -> None:
        """F4 / Ctrl+Espacio in the observations: the templates of what failed."""
        if self.data is None or not self.data.editable:
            return
        entries = self.template_entries()
        if not entries:
            return
        failed = criteria_needing_observation(self.data.scheme, self.answers())
        caption = (
            "Plantillas de los criterios que no cumplen" if failed else "Plantillas de observación"
        )
        where = self.observations.mapToGlobal(QPoint(0, self.observations.height()))
        self.picker.open_at(entries, caption, where, self.observations.width())

    def insert_template(self, text: str) -> None:
        """Insert ``text`` at the cursor, separated from what is before it."""
        if self.data is None or not self.data.editable:
            return
        cursor = self.observations.textCursor()
        before = self.observations.toPlainText()[: cursor.position()]
        if before and not before[-1].isspace():
            text = " " + text
        cursor.insertText(text)
        self.observations.setTextCursor(cursor)
        self.observations.setFocus(Qt.FocusReason.OtherFocusReason)

    def append_observation(self, line: str) -> None:
        if self.data is None or not self.data.editable:
            return
        text = self.observations.toPlainText().rstrip()
        self.observations.setPlainText(f"{text}\n{line}" if text else line)

    def _move(self, row: CriterionRow, step: int) -> None:
        index = self.rows.index(row) + step
        if 0 <= index < len(self.rows):
            self.rows[index].setFocus(Qt.FocusReason.TabFocusReason)
            self.criteria_scroll.ensureWidgetVisible(self.rows[index], 0, 24)
        elif index >= len(self.rows):
            self.observations.setFocus(Qt.FocusReason.TabFocusReason)
            self.criteria_scroll.ensureWidgetVisible(self.observations, 0, 24)

    def _answered(self, row: CriterionRow) -> None:
        """After an answer key, the next criterion; the last one keeps the focus, so that
        a digit typed once too often never lands in the observations."""
        if row is not self.rows[-1]:
            self._move(row, 1)

    def focus_first_criterion(self) -> None:
        if self.rows:
            self.rows[0].setFocus(Qt.FocusReason.OtherFocusReason)
            self.criteria_scroll.ensureWidgetVisible(self.rows[0])

    def update_score(self) -> None:
        if self.data is None:
            return
        required = criteria_needing_observation(self.data.scheme, self.answers())
        self.observations.setPlaceholderText(REQUIRED_HINT if required else OPTIONAL_HINT)
        try:
            result = score_record(self.data.scheme, self.answers(), self.data.computed)
            # A spelling level the pre-check proposed is not a judgement of the auditor.
            chosen = score_record(
                self.data.scheme, self.answers(proposed=False), self.data.computed
            )
        except ScoringError as exc:
            self.score_value.setText("—")
            self.score_note.setText(str(exc))
            return
        target = self.data.scheme.thresholds.target_score
        shown = result.score if chosen.judged else None  # «—» until the auditor judges
        self.score_value.setText(locale_format.score(shown))
        if shown is None or not (result.complete or result.critical_failed):
            colour = MUTED  # provisional: neither green nor red before the end
        else:
            colour = GOOD if shown >= target else BAD
        self.score_value.setStyleSheet(f"color: {colour}")
        notes = []
        if result.critical_failed:
            without = result.score_without_critical or Decimal(0)
            notes.append(
                "Criterio crítico no cumplido: el puntaje queda en 0 (sin esa regla: "
                f"{locale_format.decimal(without, 2)})."
            )
        if result.unanswered:
            missing = len(result.unanswered)
            notes.append(
                f"{'Falta' if missing == 1 else 'Faltan'} "
                f"{locale_format.plural(missing, 'criterio', 'criterios')} por "
                "calificar: el registro sigue pendiente."
            )
        else:
            notes.append(f"Completo · meta {locale_format.decimal(target, 0)}")
        self.score_note.setText(" ".join(notes))

    # Screening alerts and proposals -------------------------------------------------------
    def set_alerts(self, found: RecordAlerts | None, problem: str = "") -> None:
        """Show the record's alerts beside their criteria (None: none loaded yet, or
        ``problem`` when they could not be read)."""
        self.record_alerts = found
        self.accepted = set()
        alerts = found.alerts if found is not None else ()
        scheme = self.data.scheme if self.data is not None else None
        self.proposals = proposals_of(scheme, alerts) if scheme is not None else {}
        rows: list[CriterionRow | ComputedRow] = [*self.rows, *self.computed_rows]
        keys = {r.key for r in rows}
        for row in rows:
            row.alerts.show_alerts([a for a in alerts if a.criterion == row.key])
        others = [a for a in alerts if a.criterion not in keys]
        self.other_alerts.show_alerts(others)
        if found is not None and not found.screened:
            self.other_alerts.show_alerts(others, NOT_SCREENED)
        elif problem:
            self.other_alerts.show_alerts(others, problem)
        self.show_proposals()

    def show_proposals(self) -> None:
        """Each proposal under its criterion, worded by what the auditor did with it."""
        if self.data is None:
            return
        for row in self.rows:
            proposal = self.proposals.get(row.key)
            pending = row.key in self.accepted and row.proposed
            text = proposal_line(self.data.scheme, proposal, row.value, row.proposed, pending)
            row.alerts.show_alerts(row.alerts.alerts, text)

    def has_pending_proposals(self) -> bool:
        """Proposals accepted with Ctrl+P that the auditor has not saved yet."""
        return any(r.key in self.accepted and r.proposed for r in self.rows)

    def accept_proposals(self) -> None:
        """Ctrl+P: fill the controls with every proposal of the record; nothing is saved
        until the auditor saves. A proposed failure brings its evidence into the
        observations (editable) when they do not hold it yet."""
        if self.data is None or not self.data.editable or not self.proposals:
            return
        by_key = {row.key: row for row in self.rows}
        for key, proposal in self.proposals.items():
            row = by_key.get(key)
            if row is not None and (row.value is None or row.proposed):
                row.set_value(proposal.value, proposed=True)
                self.accepted.add(key)
        offered = observation_from(
            self.data.scheme, [p for k, p in self.proposals.items() if k in self.accepted]
        )
        current = self.observations.toPlainText()
        if offered and offered not in current:
            self._loading = True  # offered, not typed: the auditor's save decides
            try:
                self.observations.setPlainText(f"{current.rstrip()}\n{offered}".strip())
            finally:
                self._loading = False
            self.clear_observation_required()
        self.update_score()
        self.show_proposals()
        self.save_state.setText("Propuestas sin guardar (Ctrl+S)")

    # Spelling -----------------------------------------------------------------------------
    def set_spelling(self, result: AnswerSpelling | None, status: str = "") -> None:
        """Underline the suspects and propose the level (unless the auditor chose one)."""
        row = self.spelling_row
        if result is None:
            self.answer.set_suspects(())
            if row is not None:
                row.set_note(status)
            return
        self.answer.set_suspects(result.suspects)
        if row is None:
            return
        label = None
        if result.proposed_level:
            level = row.criterion.level(result.proposed_level)
            label = level.label if level else result.proposed_level
        words = (
            f"{locale_format.plural(len(result.suspects), 'sospechosa', 'sospechosas')} en "
            f"{locale_format.plural(result.word_count, 'palabra', 'palabras')} "
            f"({locale_format.decimal(result.suspects_per_100, 1)} por cada 100)"
        )
        if label is None:
            row.set_note(f"Revisión ortográfica: {words}.")
            return
        if row.value is None or row.proposed:
            row.set_value(result.proposed_level, proposed=True)
            row.set_note(f"Propuesto: «{label}» — {words}. Confírmelo o cámbielo.", proposed=True)
            self.update_score()
        else:
            row.set_note(f"Revisión ortográfica: {words}; propone «{label}».")
