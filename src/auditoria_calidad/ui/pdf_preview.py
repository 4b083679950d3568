"""A PDF shown inside the window, with page count and zoom.

Qt's own PDF viewer (QtPdf / QtPdfWidgets, in the PySide6-Addons wheel: the "preview"
extra) draws the pages on its own threads, so a 30-page report never freezes the window.
When that module is not installed the preview says so and offers the system's PDF viewer
instead; saving the PDF works either way.
"""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

try:
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView
except ImportError:  # PySide6-Essentials alone has no QtPdf
    QTPDF_AVAILABLE = False
else:
    QTPDF_AVAILABLE = True

MISSING_VIEWER = (
    "La vista previa dentro del programa necesita el componente PySide6-Addons, que no está "
    "instalado. El informe se generó: ábralo con el visor de PDF del sistema o guárdelo."
)
ZOOM_STEP = 1.25


def open_with_system(path: Path) -> bool:
    """Open a file with the system's viewer (replaced by tests: it must not launch anything)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class PdfPreview(QWidget):
    """``show_pdf(bytes)`` / ``show_message(text)``; ``page_count`` once a PDF is shown."""

    loaded = Signal(int)  # pages

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPreview")
        self._data = b""
        self._buffer: QBuffer | None = None
        self._temp_file: Path | None = None

        self.message = QLabel("Elija un informe y pulse «Vista previa».")
        self.message.setObjectName("formHint")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setMargin(24)
        self.page_label = QLabel()
        self.page_label.setObjectName("previewPages")
        self.zoom_out = self._tool("−", "Alejar")
        self.zoom_in = self._tool("+", "Acercar")
        self.fit_width = self._tool("Ajustar al ancho", "Ver la página completa de ancho")
        self.open_button = QPushButton("Abrir en el visor del sistema")
        self.open_button.setObjectName("openExternally")
        self.open_button.clicked.connect(self.open_externally)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 4)
        bar.addWidget(self.page_label)
        bar.addStretch(1)
        for button in (self.zoom_out, self.fit_width, self.zoom_in):
            bar.addWidget(button)
        bar.addWidget(self.open_button)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.message)
        self.document: QPdfDocument | None = None
        self.view: QPdfView | None = None
        if QTPDF_AVAILABLE:
            self.document = QPdfDocument(self)
            self.document.statusChanged.connect(self._status_changed)
            self.view = QPdfView(self)
            self.view.setObjectName("pdfView")
            self.view.setDocument(self.document)
            self.view.setPageMode(QPdfView.PageMode.MultiPage)
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            self.view.setPageSpacing(12)
            self.view.pageNavigator().currentPageChanged.connect(self._update_page_label)
            self.stack.addWidget(self.view)
            self.zoom_out.clicked.connect(lambda: self._zoom(1 / ZOOM_STEP))
            self.zoom_in.clicked.connect(lambda: self._zoom(ZOOM_STEP))
            self.fit_width.clicked.connect(self._fit)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        self._set_controls(False)

    def _tool(self, text: str, tip: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        return button

    def _set_controls(self, shown: bool) -> None:
        for button in (self.zoom_out, self.zoom_in, self.fit_width):
            button.setVisible(shown and QTPDF_AVAILABLE)
        self.open_button.setVisible(bool(self._data))
        if not shown:
            self.page_label.clear()

    # Showing ----------------------------------------------------------------------------
    @property
    def has_pdf(self) -> bool:
        return bool(self._data)

    @property
    def page_count(self) -> int:
        return self.document.pageCount() if self.document is not None else 0

    def show_message(self, text: str) -> None:
        """Clear the preview and show ``text`` instead (e.g. why there is nothing to see)."""
        self._data = b""
        if self.document is not None:
            self.document.close()
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)
        self._set_controls(False)

    def show_pdf(self, data: bytes) -> None:
        """Show the PDF ``data`` (kept in memory; nothing is written unless asked)."""
        self._data = data
        if self.document is None or self.view is None:
            self.message.setText(MISSING_VIEWER)
            self.stack.setCurrentWidget(self.message)
            self._set_controls(False)
            self.open_button.setVisible(True)
            return
        self.document.close()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        old, self._buffer = self._buffer, buffer  # the document reads it while it is open
        self.document.load(buffer)
        if old is not None:
            old.deleteLater()
        self.stack.setCurrentWidget(self.view)
        self._set_controls(True)
        self._fit()
        self.view.pageNavigator().jump(0, QPointF())

    def _status_changed(self, status: object) -> None:
        if self.document is None:
            return
        if status == QPdfDocument.Status.Ready:
            self._update_page_label()
            self.loaded.emit(self.document.pageCount())
        elif status == QPdfDocument.Status.Error:
            self.show_message("No se pudo mostrar el PDF; guárdelo y ábralo con otro visor.")

    def _update_page_label(self, *_: object) -> None:
        if self.document is None or self.view is None or not self._data:
            return
        pages = self.document.pageCount()
        current = self.view.pageNavigator().currentPage() + 1
        self.page_label.setText(f"Página {min(current, pages)} de {pages}" if pages else "")

    # Zoom -------------------------------------------------------------------------------
    def _zoom(self, factor: float) -> None:
        if self.view is None:
            return
        current = self.view.zoomFactor()
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.25, min(4.0, current * factor)))

    def _fit(self) -> None:
        if self.view is not None:
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    # Outside the window -----------------------------------------------------------------
    def open_externally(self) -> bool:
        """Write the PDF to a temporary file and open it with the system's viewer."""
        if not self._data:
            return False
        if self._temp_file is not None:
            with contextlib.suppress(OSError):  # still open in a viewer (Windows): leave it
                self._temp_file.unlink(missing_ok=True)
        # Not deleted on close: the system's viewer opens it after this call returns.
        with tempfile.NamedTemporaryFile(prefix="informe-", suffix=".pdf", delete=False) as handle:
            handle.write(self._data)
        self._temp_file = Path(handle.name)
        return open_with_system(self._temp_file)
