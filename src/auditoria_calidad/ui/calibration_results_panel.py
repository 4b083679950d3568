"""The revealed side of a calibration session: the matrix of records × evaluators of one
criterion, the agreement per criterion and overall, the scores per evaluator and the
alignment with the reference."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from auditoria_calidad.domain.calibration_reading import reliability
from auditoria_calidad.domain.calibration_stats import Agreement
from auditoria_calidad.domain.scheme import ScoringScheme
from auditoria_calidad.services.calibration_dtos import CalibrationView
from auditoria_calidad.ui import locale_format
from auditoria_calidad.ui.calibration_matrix import CalibrationMatrixModel


def coefficient(value: float | None) -> str:
    """Alpha or AC1 as the window and the report show it, three decimals so that the
    thresholds 0,800 and 0,667 can be told apart: «0,823»; «—» where undefined."""
    return "—" if value is None else locale_format.decimal(value, 3)


def share(value: float | None) -> str:
    return "—" if value is None else locale_format.percent(value * 100)


def reading(agreement: Agreement) -> str:
    if agreement.krippendorff_alpha is None and agreement.percent == 1.0:
        return "acuerdo total"
    return reliability(agreement.krippendorff_alpha)


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().setDefaultSectionSize(24)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setWordWrap(False)
    return table


def _fill(table: QTableWidget, rows: list[list[str]], right_from: int = 1) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            if c >= right_from:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the name gives way
    # As tall as its rows: the three small tables share the side without scrolling.
    rows_height = sum(table.rowHeight(r) for r in range(table.rowCount()))
    table.setFixedHeight(header.sizeHint().height() + rows_height + 2 * table.frameWidth())


class CalibrationResultsPanel(QWidget):
    """A revealed session: matrix of one criterion, figures, evaluators."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figures = QLabel()
        self.figures.setObjectName("figures")
        self.figures.setWordWrap(True)
        self.criterion = QComboBox()
        self.criterion.currentIndexChanged.connect(self._criterion_chosen)
        criterion_label = QLabel("&Criterio:")
        criterion_label.setBuddy(self.criterion)
        self.matrix_model = CalibrationMatrixModel(self)
        self.matrix = QTableView()
        self.matrix.setModel(self.matrix_model)
        self.matrix.verticalHeader().hide()
        self.matrix.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.matrix.horizontalHeader().setStretchLastSection(False)
        self.matrix_note = QLabel(
            "Registros del mayor al menor desacuerdo. «≠» y el fondo rojo marcan a quien se "
            "aparta del juicio más dado; pase el puntero por una celda para leer su observación."
        )
        self.matrix_note.setObjectName("formHint")
        self.matrix_note.setWordWrap(True)
        self.agreement = _table(["Criterio", "Acuerdo", "Alfa", "AC1", "Lectura"])
        self.evaluators = _table(["Evaluador", "Media", "Mín.", "Máx.", "Tendencia"])
        self.alignment = _table(["Criterio"])
        self.alignment_caption = QLabel()
        self.alignment_caption.setWordWrap(True)

        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 6, 0)
        chooser = QHBoxLayout()
        chooser.addWidget(criterion_label)
        chooser.addWidget(self.criterion, 1)
        column.addLayout(chooser)
        column.addWidget(self.matrix, 1)
        column.addWidget(self.matrix_note)
        right = QWidget()
        side = QVBoxLayout(right)
        side.setContentsMargins(6, 0, 0, 0)
        side.addWidget(QLabel("<b>Acuerdo por criterio</b>"))
        side.addWidget(self.agreement)
        side.addWidget(QLabel("<b>Puntajes por evaluador</b>"))
        side.addWidget(self.evaluators)
        side.addWidget(self.alignment_caption)
        side.addWidget(self.alignment)
        side.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([660, 540])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.figures)
        layout.addWidget(splitter, 1)
        self._view: CalibrationView | None = None
        self._scheme: ScoringScheme | None = None

    def show_view(self, view: CalibrationView, scheme: ScoringScheme | None) -> None:
        results = view.results
        assert results is not None
        self._view, self._scheme = view, scheme
        overall = results.agreement.overall
        disagreeing = sum(1 for r in results.records if r.criteria_in_disagreement)
        self.figures.setText(
            f"<b>Total</b> · acuerdo {share(overall.percent)} · alfa de Krippendorff "
            f"<b>{coefficient(overall.krippendorff_alpha)}</b> ({reading(overall)}) · AC1 de "
            f"Gwet <b>{coefficient(overall.gwet_ac1)}</b> · "
            f"{locale_format.plural(disagreeing, 'registro', 'registros')} en desacuerdo de "
            f"{locale_format.count(len(results.records))}. Alfa ≥ 0,800: fiable; entre 0,667 y "
            "0,800: provisional; «—»: no definido."
        )
        labels = {c.key: c.label for c in results.criteria}
        current = self.criterion.currentData()
        self.criterion.blockSignals(True)
        self.criterion.clear()
        for c in results.criteria:
            differs = sum(1 for r in results.records if c.key in r.criteria_in_disagreement)
            suffix = f" · {differs} en desacuerdo" if differs else ""
            self.criterion.addItem(c.label + suffix, c.key)
        index = self.criterion.findData(current)
        self.criterion.setCurrentIndex(max(index, 0))
        self.criterion.blockSignals(False)
        self.matrix_model.show_results(
            view.summary, results, scheme, self.criterion.currentData() or ""
        )
        self._size_matrix()
        rows = [
            [labels.get(k, k), share(a.percent), coefficient(a.krippendorff_alpha),
             coefficient(a.gwet_ac1), reading(a)]
            for k, a in results.agreement.by_criterion.items()
        ]  # fmt: skip
        rows.append(
            ["Total", share(overall.percent), coefficient(overall.krippendorff_alpha),
             coefficient(overall.gwet_ac1), reading(overall)]
        )  # fmt: skip
        _fill(self.agreement, rows)
        _fill(
            self.evaluators,
            [
                [
                    f.name + (" (referencia)" if f.is_reference else ""),
                    locale_format.score(f.mean_score),
                    locale_format.score(f.lowest_score),
                    locale_format.score(f.highest_score),
                    "más estricto" if f.strictest else "más benévolo" if f.most_lenient else "—",
                ]
                for f in results.by_evaluator
            ],
        )
        aligned = [f for f in results.by_evaluator if f.alignment is not None]
        reference = view.summary.reference
        self.alignment.setVisible(bool(aligned))
        if not reference:
            self.alignment_caption.setText("La sesión no tiene evaluador de referencia.")
            return
        self.alignment_caption.setText(
            f"<b>Alineación con la referencia</b> ({reference}): registros con su mismo juicio"
        )
        keys = list(aligned[0].alignment or {}) if aligned else []
        # Criteria down, evaluators across: a session has few evaluators, long criteria.
        self.alignment.setColumnCount(len(aligned) + 1)
        self.alignment.setHorizontalHeaderLabels(["Criterio", *[f.name for f in aligned]])
        _fill(
            self.alignment,
            [[labels.get(k, k), *[share((f.alignment or {}).get(k)) for f in aligned]]
             for k in keys],
        )  # fmt: skip

    def _criterion_chosen(self, _index: int) -> None:
        self.matrix_model.set_criterion(self.criterion.currentData() or "")
        self._size_matrix()

    def _size_matrix(self) -> None:
        """The record column as wide as its keys, the evaluators share the rest."""
        header = self.matrix.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(
            self.matrix_model.columnCount() - 1, QHeaderView.ResizeMode.ResizeToContents
        )
