"""The answer (or chat transcript) being evaluated, read-only, with its suspect words.

The document holds exactly the record's text, so the offsets of the spelling check map
one to one onto it (after converting to UTF-16 positions). Chat turns are told apart by
colour: the agent's in a light blue block with a blue speaker name, the user's in grey.
Suspect words get a red wavy underline; their context menu offers the suggestions (to note
in the observations) and «Agregar al diccionario».
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QGuiApplication,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QMenu, QTextEdit, QWidget

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.spelling import SuspectWord, utf16_index
from auditoria_calidad.services.answer_spelling import transcript_turns

AGENT_COLOR = "#1f4e79"
AGENT_BACKGROUND = "#eef4fb"
USER_COLOR = "#8a5a00"
USER_TEXT = "#3e4c59"
SUSPECT_COLOR = "#d92d20"


class AnswerView(QTextEdit):
    """Read-only text with transcript colours and spelling underlines."""

    add_word_requested = Signal(str)
    note_requested = Signal(str)  # a line for the observations

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("answerView")
        self.setReadOnly(True)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        # Focus stays on the criteria; a click still selects text to copy.
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.document().setDocumentMargin(10)
        self._text = ""
        self._speakers: tuple[str | None, str | None] = (None, None)
        self._entity_names: tuple[str, ...] = ()
        self._suspects: tuple[SuspectWord, ...] = ()
        self._positions: list[tuple[int, int, SuspectWord]] = []

    # Content ------------------------------------------------------------------------------
    def show_text(
        self,
        text: str,
        channel: Channel,
        agent: str | None = None,
        requester: str | None = None,
        entity_names: tuple[str, ...] = (),
    ) -> None:
        """Show a new record's text (clears the underlines until ``set_suspects``); a chat's
        turns are told apart by their prefixes, which may name ``agent`` and ``requester``
        or, the agent's, the entity (``entity_names``)."""
        self._text = text
        self._channel = channel
        self._speakers = (agent, requester)
        self._entity_names = entity_names
        self._suspects = ()
        self._render()

    def set_suspects(self, suspects: tuple[SuspectWord, ...]) -> None:
        self._suspects = suspects
        self._render()

    @property
    def suspects(self) -> tuple[SuspectWord, ...]:
        return self._suspects

    def _range(self, start: int, end: int) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.setPosition(utf16_index(self._text, start))
        cursor.setPosition(utf16_index(self._text, end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _render(self) -> None:
        scroll = self.verticalScrollBar().value()
        self.setPlainText(self._text)
        if getattr(self, "_channel", None) is Channel.CHAT:
            self._colour_turns()
        underline = QTextCharFormat()
        underline.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        underline.setUnderlineColor(QColor(SUSPECT_COLOR))
        underline.setForeground(QColor("#9b1c1c"))
        self._positions = []
        for suspect in self._suspects:
            self._range(suspect.start, suspect.end).mergeCharFormat(underline)
            self._positions.append(
                (
                    utf16_index(self._text, suspect.start),
                    utf16_index(self._text, suspect.end),
                    suspect,
                )
            )
        self.verticalScrollBar().setValue(scroll)

    def _colour_turns(self) -> None:
        for turn in transcript_turns(self._text, *self._speakers, entity_names=self._entity_names):
            block = QTextBlockFormat()
            block.setTopMargin(4)
            speaker = QTextCharFormat()
            speaker.setFontWeight(QFont.Weight.Bold)
            body = QTextCharFormat()
            if turn.is_agent:
                block.setBackground(QColor(AGENT_BACKGROUND))
                speaker.setForeground(QColor(AGENT_COLOR))
            else:
                speaker.setForeground(QColor(USER_COLOR))
                body.setForeground(QColor(USER_TEXT))
            cursor = self._range(turn.start, turn.end)
            cursor.mergeBlockFormat(block)
            self._range(turn.prefix_end, turn.end).mergeCharFormat(body)
            self._range(turn.start, turn.prefix_end).mergeCharFormat(speaker)

    # Context menu -------------------------------------------------------------------------
    def suspect_at(self, point: QPoint) -> SuspectWord | None:
        position = self.cursorForPosition(point).position()
        for start, end, suspect in self._positions:
            if start <= position <= end:
                return suspect
        return None

    def build_context_menu(self, point: QPoint) -> QMenu:
        """The Spanish context menu at ``point`` (viewport coordinates)."""
        menu = QMenu(self)
        suspect = self.suspect_at(point)
        if suspect is not None:
            title = menu.addAction(f"«{suspect.word}» no está en el diccionario")
            title.setEnabled(False)
            if suspect.suggestions:
                for suggestion in suspect.suggestions:
                    action = menu.addAction(f"Anotar en observaciones: «{suggestion}»")
                    action.triggered.connect(
                        lambda _=False, w=suspect.word, s=suggestion: self.note_requested.emit(
                            f"Ortografía: «{w}» → «{s}»."
                        )
                    )
            else:
                none = menu.addAction("Sin sugerencias")
                none.setEnabled(False)
            add = menu.addAction(f"Agregar «{suspect.word}» al diccionario de la entidad")
            add.setObjectName("addToDictionary")
            add.triggered.connect(lambda _=False, w=suspect.word: self.add_word_requested.emit(w))
            menu.addSeparator()
        copy = menu.addAction("Copiar")
        copy.setEnabled(self.textCursor().hasSelection())
        copy.triggered.connect(self._copy)
        select_all = menu.addAction("Seleccionar todo")
        select_all.triggered.connect(self.selectAll)
        return menu

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(
            self.textCursor().selectedText().replace("\u2029", "\n")
        )

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.build_context_menu(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()
