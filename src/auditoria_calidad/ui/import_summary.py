"""What an import did: its counts, its notes, the rows set aside or skipped with why, its
conflicts and its rejected rows (with «Exportar rechazados»), for the import just
finished or for a past one chosen in the list."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from auditoria_calidad.services import imports
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.errors import ServiceError
from auditoria_calidad.services.imports import BatchInfo, ImportSummary, RejectedRow
from auditoria_calidad.ui import locale_format, messages
from auditoria_calidad.ui.batches_model import RejectedRowsModel

EMPTY_TEXT = (
    "Elija un archivo para importarlo, o seleccione una importación anterior en la lista "
    "para ver su resultado y sus filas rechazadas."
)
# (attribute, caption) of the count tiles, in reading order.
TILES = (
    ("imported", "Nuevos"),
    ("unchanged", "Sin cambios"),
    ("updated", "Actualizados"),
    ("conflicts", "Conflictos"),
    ("rejected", "Rechazadas"),
    ("duplicates", "Repetidas"),
    ("set_aside", "Apartadas"),
)


@dataclass
class Shown:
    """What the view shows, whichever way it came (a summary or a past batch)."""

    title: str
    context: str
    counts: dict[str, int]
    message: str
    rejected: list[RejectedRow]
    headers: list[str]
    file_name: str
    batch_id: int | None
    conflicts: list[dict[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    set_aside: list[str] = field(default_factory=list)  # Spanish lines: where and why
    skipped: list[str] = field(default_factory=list)


def _tile(caption: str) -> tuple[QFrame, QLabel]:
    card = QFrame()
    card.setObjectName("card")
    value = QLabel("0")
    value.setObjectName("summaryValue")
    value.setStyleSheet("font-size: 15pt; font-weight: bold; color: #1f4e79;")
    label = QLabel(caption)
    label.setObjectName("cardLabel")
    layout = QVBoxLayout(card)
    layout.setContentsMargins(12, 6, 12, 6)
    layout.setSpacing(0)
    layout.addWidget(value)
    layout.addWidget(label)
    return card, value


def batch_message(batch: BatchInfo) -> str:
    """The Spanish sentence of a past import, as the summary of a fresh one reads."""
    parts = [
        (batch.unchanged, "sin cambios", "sin cambios"),
        (batch.updated, "actualizado", "actualizados"),
        (batch.conflicts, "en conflicto", "en conflicto"),
        (batch.rejected, "fila rechazada", "filas rechazadas"),
        (batch.duplicates, "fila repetida", "filas repetidas"),
        (batch.set_aside, "fila apartada", "filas apartadas"),
        (batch.skipped, "fila de totales o notas omitida", "filas de totales o notas omitidas"),
    ]
    new = locale_format.plural(batch.imported, "registro nuevo", "registros nuevos")
    extra = [f"{locale_format.count(n)} {one if n == 1 else many}" for n, one, many in parts if n]
    return f"{new}" + ("; " + ", ".join(extra) if extra else "") + "."


class ImportSummaryView(QWidget):
    """Counts as tiles, the sentence, conflicts, and the table of rejected rows."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.shown: Shown | None = None
        self.last_export: Path | None = None

        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        self.context = QLabel()
        self.context.setObjectName("formHint")
        self.message = QLabel()
        self.message.setObjectName("summaryMessage")
        self.message.setWordWrap(True)
        self.values: dict[str, QLabel] = {}
        tiles = QHBoxLayout()
        tiles.setSpacing(8)
        for attribute, caption in TILES:
            card, value = _tile(caption)
            self.values[attribute] = value
            tiles.addWidget(card)
        tiles.addWidget(self.message, 1)
        self.conflicts = QLabel()
        self.conflicts.setObjectName("warningNote")
        self.conflicts.setWordWrap(True)
        self.conflicts.hide()
        self.notes = QLabel()
        self.notes.setObjectName("formHint")
        self.notes.setWordWrap(True)
        self.notes.hide()
        self.left_out_title = QLabel()
        self.left_out_title.setObjectName("sectionTitle")
        self.left_out = QListWidget()
        self.left_out.setObjectName("leftOutRows")
        self.left_out.setAlternatingRowColors(True)

        self.rejected_title = QLabel("Filas rechazadas")
        self.rejected_title.setObjectName("sectionTitle")
        self.export_button = QPushButton("Exportar rechazados…")
        self.export_button.setObjectName("exportRejected")
        self.export_button.clicked.connect(lambda: self.export_rejected())
        self.model = RejectedRowsModel(self)
        self.table = QTableView()
        self.table.setObjectName("rejectedTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.no_rejected = QLabel("Ninguna fila rechazada: todas las filas del archivo se leyeron.")
        self.no_rejected.setObjectName("formHint")

        rejected_bar = QHBoxLayout()
        rejected_bar.addWidget(self.rejected_title)
        rejected_bar.addStretch(1)
        rejected_bar.addWidget(self.export_button)

        self.details = QWidget()
        details = QVBoxLayout(self.details)
        details.setContentsMargins(0, 0, 0, 0)
        details.addWidget(self.title)
        details.addWidget(self.context)
        details.addLayout(tiles)
        details.addWidget(self.notes)
        details.addWidget(self.conflicts)
        details.addWidget(self.left_out_title)
        details.addWidget(self.left_out)
        details.addLayout(rejected_bar)
        details.addWidget(self.no_rejected)
        details.addWidget(self.table, 20)
        details.addStretch(1)  # takes the room when there is no table to show

        self.empty = QLabel(EMPTY_TEXT)
        self.empty.setObjectName("formHint")
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.details, 1)
        self.clear()

    # Showing ------------------------------------------------------------------------------
    def clear(self) -> None:
        self.shown = None
        self.model.set_rows([])
        self.details.hide()
        self.empty.show()

    def show_summary(self, summary: ImportSummary) -> None:
        sheet = f", hoja «{summary.sheet}»" if summary.sheet else ""
        when = locale_format.moment(summary.at) if summary.at else ""
        self._show(
            Shown(
                title=f"Resultado de la importación: {summary.file_name}{sheet}",
                context=f"{summary.provider} · canal {summary.channel.label} · {when} · "
                f"{summary.user}",
                counts={a: getattr(summary, a) for a, _ in TILES},
                message=summary.message(with_notes=False),  # the notes are shown below
                rejected=summary.rejected_rows,
                headers=summary.headers,
                file_name=summary.file_name,
                batch_id=None,
                conflicts=summary.conflict_details,
                notes=list(summary.notes),
                set_aside=summary.set_aside_lines(),
                skipped=summary.skipped_lines(),
            )
        )

    def show_batch(self, batch: BatchInfo) -> None:
        try:
            rows = imports.batch_rejected_rows(self._db, self._actor, batch.id)
        except ServiceError as exc:
            messages.show_error(self, exc)
            return
        sheet = f", hoja «{batch.sheet}»" if batch.sheet else ""
        self._show(
            Shown(
                title=f"Importación de {batch.file_name}{sheet}",
                context=f"{batch.provider} · canal {batch.channel.label} · "
                f"{locale_format.moment(batch.started_at)} · {batch.user}",
                counts={a: getattr(batch, a) for a, _ in TILES},
                message=batch_message(batch),
                rejected=rows,
                headers=list(batch.headers),
                file_name=batch.file_name,
                batch_id=batch.id,
                conflicts=list(batch.conflict_details),
                notes=list(batch.notes),
                set_aside=list(batch.set_aside_lines),
                skipped=list(batch.skipped_lines),
            )
        )

    def _show(self, shown: Shown) -> None:
        self.shown = shown
        self.title.setText(shown.title)
        self.title.setToolTip(shown.title)
        self.context.setText(shown.context)
        self.message.setText(shown.message)
        for attribute, label in self.values.items():
            label.setText(locale_format.count(shown.counts.get(attribute, 0)))
        if shown.conflicts:
            keys = ", ".join(
                f"{c.get('key', '')} (fila {c.get('row', '')})" for c in shown.conflicts[:8]
            )
            more = f" y {len(shown.conflicts) - 8} más" if len(shown.conflicts) > 8 else ""
            self.conflicts.setText(
                "Registros que cambiaron en el archivo pero ya estaban evaluados; se conservó "
                f"la versión evaluada: {keys}{more}."
            )
        self.conflicts.setVisible(bool(shown.conflicts))
        self.notes.setText(" ".join(shown.notes))
        self.notes.setVisible(bool(shown.notes))
        self._show_left_out(shown)
        self.model.set_rows(shown.rejected, shown.headers)
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            limit = 420 if column == 3 else 220
            if self.table.columnWidth(column) > limit:
                self.table.setColumnWidth(column, limit)
        count = len(shown.rejected)
        self.rejected_title.setText(f"Filas rechazadas ({locale_format.count(count)})")
        self.table.setVisible(count > 0)
        self.no_rejected.setVisible(count == 0)
        self.export_button.setEnabled(count > 0)
        self.empty.hide()
        self.details.show()

    def _show_left_out(self, shown: Shown) -> None:
        """The rows set aside (another channel, outside the period) and the totals and
        notices skipped, each with where it is and why."""
        self.left_out.clear()
        self.left_out.addItems([f"Apartada — {line}" for line in shown.set_aside])
        self.left_out.addItems([f"Omitida — {line}" for line in shown.skipped])
        parts = []
        if shown.set_aside:
            parts.append(locale_format.plural(len(shown.set_aside), "apartada", "apartadas"))
        if shown.skipped:
            parts.append(
                locale_format.plural(
                    len(shown.skipped), "de totales o notas omitida", "de totales o notas omitidas"
                )
            )
        self.left_out_title.setText("Filas que no se importaron: " + ", ".join(parts))
        shown_rows = min(max(self.left_out.count(), 1), 4)
        row_height = max(self.left_out.sizeHintForRow(0), 18)
        self.left_out.setFixedHeight(shown_rows * row_height + 2 * self.left_out.frameWidth() + 4)
        visible = bool(parts)
        self.left_out_title.setVisible(visible)
        self.left_out.setVisible(visible)

    # Exporting ----------------------------------------------------------------------------
    def export_rejected(self, path: str | Path | None = None) -> Path | None:
        """Write the rejected rows shown to an xlsx (asks where when ``path`` is None)."""
        shown = self.shown
        if shown is None or not shown.rejected:
            return None
        if path is None:
            suggested = f"{Path(shown.file_name).stem} - filas rechazadas.xlsx"
            chosen, _ = QFileDialog.getSaveFileName(
                self, "Exportar filas rechazadas", suggested, "Libro de Excel (*.xlsx)"
            )
            if not chosen:
                return None
            path = chosen if chosen.lower().endswith(".xlsx") else chosen + ".xlsx"
        try:
            if shown.batch_id is not None:
                written = imports.export_batch_rejected(self._db, self._actor, shown.batch_id, path)
            else:
                written = imports.export_rejected(shown.rejected, shown.headers, path)
        except ServiceError as exc:
            messages.show_error(self, exc)
            return None
        self.last_export = written
        messages.show_info(
            self,
            f"Se exportaron {locale_format.plural(len(shown.rejected), 'fila rechazada', 'filas rechazadas')} a {written}.",
            "Filas rechazadas exportadas",
        )
        return written
