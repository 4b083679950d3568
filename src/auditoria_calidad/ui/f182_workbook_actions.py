"""«Exportar formato F182» and «Importar formato F182» on the evaluation page: file
choice, the work off the GUI thread with a progress dialog, and what the page shows after."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QPushButton

from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.f182_exchange import (
    ExportSummary,
    ImportSummary,
    export_f182,
    import_f182,
)
from auditoria_calidad.ui import locale_format, messages
from auditoria_calidad.ui.file_filters import RETURNED_WORKBOOK_FILTER, XLSX_FILTER
from auditoria_calidad.ui.workers import ProgressTask

if TYPE_CHECKING:
    from auditoria_calidad.ui.evaluation_page import EvaluationPage


class F182WorkbookActions(QObject):
    def __init__(self, page: EvaluationPage, db: Database, actor: Actor) -> None:
        super().__init__(page)
        self._page = page
        self._db = db
        self._actor = actor
        self.task: ProgressTask | None = None
        self.export_button = QPushButton("Exportar formato F182…")
        self.export_button.setToolTip(
            "Escribe la muestra en un libro de Excel con el diseño del F182 para diligenciarlo "
            "fuera de la aplicación."
        )
        self.export_button.clicked.connect(self._ask_export)
        self.import_button = QPushButton("Importar formato F182…")
        self.import_button.setToolTip(
            "Aplica un formato F182 diligenciado. Si alguna celda no es válida no se aplica nada."
        )
        self.import_button.clicked.connect(self._ask_import)

    def _ask_export(self) -> None:
        page = self._page
        if page.audit_id is None:
            return
        name = f"F182-{page.audit_combo.currentText().split(' · ')[0]}.xlsx"
        path, _ = QFileDialog.getSaveFileName(
            page, "Exportar formato F182", str(Path.home() / name), XLSX_FILTER
        )
        if path:
            self.export_to(path if path.lower().endswith(".xlsx") else f"{path}.xlsx")

    def export_to(self, path: str) -> ProgressTask | None:
        page = self._page
        if page.audit_id is None or not page.save_current():
            return None
        audit_id, checker = page.audit_id, page.checker
        task = ProgressTask(
            page,
            "Exportar formato F182",
            "Escribiendo el formato F182…",
            lambda progress: export_f182(
                self._db, self._actor, audit_id, path, checker=checker, progress=progress
            ),
        )
        task.succeeded.connect(self._exported)
        task.failed.connect(lambda exc: messages.show_error(page, exc))
        self.task = task
        return task.start()

    def _exported(self, summary: ExportSummary) -> None:
        self._page.say(
            "Formato F182 exportado: "
            f"{locale_format.plural(summary.rows, 'registro', 'registros')} en {summary.path}."
        )

    def _ask_import(self) -> None:
        page = self._page
        if page.audit_id is None:
            return
        path, _ = QFileDialog.getOpenFileName(
            page, "Importar formato F182", str(Path.home()), RETURNED_WORKBOOK_FILTER
        )
        if path:
            self.import_from(path)

    def import_from(self, path: str) -> ProgressTask | None:
        page = self._page
        if page.audit_id is None or not page.save_current():
            return None
        audit_id = page.audit_id
        task = ProgressTask(
            page,
            "Importar formato F182",
            "Validando y guardando el formato F182…",
            lambda progress: import_f182(self._db, self._actor, audit_id, path, progress=progress),
        )
        task.succeeded.connect(self._imported)
        task.failed.connect(
            lambda exc: messages.show_error(page, exc, title="No se importó el formato F182")
        )
        self.task = task
        return task.start()

    def _imported(self, summary: ImportSummary) -> None:
        self._page.reload_after_import()
        self._page.say(
            "Formato F182 importado: "
            f"{locale_format.plural(summary.saved, 'evaluación guardada', 'evaluaciones guardadas')}, "
            f"{summary.unchanged} sin cambios."
        )
