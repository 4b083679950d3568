"""Configuración › Entidad: the names, logo, paper size and document codes printed on
reports and actas."""

from __future__ import annotations

import base64
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.office_settings import (
    CODE_MAX_CHARS,
    DOCUMENT_CODE_KEYS,
    PAPER_SIZES,
)
from auditoria_calidad.ui import messages
from auditoria_calidad.ui.conflict_dialog import VersionsDialog
from auditoria_calidad.ui.settings_conflict import LABELS, SettingsEdit

LOGO_MAX_SIDE = 600  # pixels; reports print it small, no need to keep a huge image


def logo_to_base64(path: Path) -> str:
    """Read an image file (PNG, JPG, SVG…) and return it as base64 PNG, scaled down if big."""
    image = QImage(str(path))
    if image.isNull():
        raise ValueError(f"No se pudo leer la imagen «{path.name}». Use un archivo PNG o JPG.")
    if max(image.width(), image.height()) > LOGO_MAX_SIDE:
        image = image.scaled(
            LOGO_MAX_SIDE,
            LOGO_MAX_SIDE,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stub wants bytes; only str works
    buffer.close()
    return base64.b64encode(bytes(data.data())).decode("ascii")


def logo_pixmap(encoded: str, height: int) -> QPixmap | None:
    if not encoded:
        return None
    pixmap = QPixmap()
    if not pixmap.loadFromData(base64.b64decode(encoded), "PNG"):
        return None
    return pixmap.scaledToHeight(height, Qt.TransformationMode.SmoothTransformation)


class EntityTab(QWidget):
    data_changed = Signal()

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._edit = SettingsEdit(db, actor)
        self._db = db
        self._actor = actor
        self._logo = ""

        self.entity_name = QLineEdit()
        self.entity_name.setObjectName("entityName")
        self.office_name = QLineEdit()
        self.office_name.setObjectName("officeName")
        self.response_days = QSpinBox()
        self.response_days.setObjectName("responseDays")
        self.response_days.setRange(1, 60)
        self.response_days.setSuffix(" días hábiles")
        self.response_days.setMaximumWidth(180)
        self.paper_size = QComboBox()
        self.paper_size.setObjectName("paperSize")
        for key, label in PAPER_SIZES.items():
            self.paper_size.addItem(label, key)
        self.paper_size.setMaximumWidth(320)
        self.codes: dict[str, QLineEdit] = {}
        for key in DOCUMENT_CODE_KEYS:
            edit = QLineEdit()
            edit.setObjectName(key)
            edit.setMaxLength(CODE_MAX_CHARS)
            edit.setPlaceholderText("Por ejemplo: Código: M5-1-01-F01 · Versión 2")
            self.codes[key] = edit
        self.logo_preview = QLabel()
        self.logo_preview.setObjectName("logoPreview")
        self.logo_preview.setFixedSize(220, 80)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        choose = QPushButton("Elegir logo…")
        choose.clicked.connect(self.choose_logo)
        self.remove_logo_button = QPushButton("Quitar logo")
        self.remove_logo_button.clicked.connect(lambda: self._set_logo(""))
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_preview)
        logo_row.addWidget(choose, 0, Qt.AlignmentFlag.AlignVCenter)
        logo_row.addWidget(self.remove_logo_button, 0, Qt.AlignmentFlag.AlignVCenter)
        logo_row.addStretch(1)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(LABELS["entity_name"] + ":", self.entity_name)
        form.addRow(LABELS["office_name"] + ":", self.office_name)
        form.addRow(LABELS["response_business_days"] + ":", self.response_days)
        form.addRow(LABELS["logo_png_base64"] + ":", logo_row)
        form.addRow(LABELS["paper_size"] + ":", self.paper_size)
        for key, edit in self.codes.items():
            form.addRow(LABELS[key] + ":", edit)
        note = QLabel(
            "El nombre de la entidad, la oficina, el logo y el código y la versión de cada "
            "documento encabezan los informes de auditoría, los informes mensuales y las "
            "actas del comité, en el tamaño de papel elegido. Un código vacío no se imprime."
        )
        note.setObjectName("formHint")
        note.setWordWrap(True)
        self.save_button = QPushButton("Guardar")
        self.save_button.clicked.connect(self.save)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)

        # The form keeps a readable width on a wide window.
        column = QWidget()
        column.setMaximumWidth(820)
        inner = QVBoxLayout(column)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(form)
        inner.addWidget(note)
        inner.addLayout(save_row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addWidget(column)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        values = self._edit.read()
        self._edit.loaded = self.values_of(values)
        self.entity_name.setText(str(values["entity_name"]))
        self.office_name.setText(str(values["office_name"]))
        self.response_days.setValue(int(values["response_business_days"]))
        self._set_logo(str(values["logo_png_base64"] or ""))
        index = self.paper_size.findData(str(values["paper_size"]))
        self.paper_size.setCurrentIndex(max(index, 0))
        for key, edit in self.codes.items():
            edit.setText(str(values[key] or ""))

    def choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Elegir el logo de la entidad", "", "Imágenes (*.png *.jpg *.jpeg *.svg *.bmp)"
        )
        if path:
            self.set_logo_from_file(Path(path))

    def set_logo_from_file(self, path: Path) -> bool:
        try:
            self._set_logo(logo_to_base64(path))
        except ValueError as exc:
            messages.show_error(self, str(exc), title="Logo no válido")
            return False
        return True

    def _set_logo(self, encoded: str) -> None:
        self._logo = encoded
        pixmap = logo_pixmap(encoded, 64)
        if pixmap is None:
            self.logo_preview.clear()
            self.logo_preview.setText("Sin logo")
        else:
            self.logo_preview.setPixmap(pixmap)
        self.remove_logo_button.setEnabled(bool(encoded))

    @staticmethod
    def values_of(stored: dict[str, object]) -> dict[str, object]:
        """Stored settings as `values` gives them, to tell what the user changed."""
        return {
            "entity_name": str(stored["entity_name"]).strip(),
            "office_name": str(stored["office_name"]).strip(),
            "response_business_days": int(str(stored["response_business_days"])),
            "logo_png_base64": str(stored["logo_png_base64"] or ""),
            "paper_size": str(stored["paper_size"]),
            **{key: str(stored[key] or "").strip() for key in DOCUMENT_CODE_KEYS},
        }

    @property
    def conflict_dialog(self) -> VersionsDialog | None:
        return self._edit.conflict_dialog

    def values(self) -> dict[str, object]:
        return {
            "entity_name": self.entity_name.text().strip(),
            "office_name": self.office_name.text().strip(),
            "response_business_days": self.response_days.value(),
            "logo_png_base64": self._logo,
            "paper_size": self.paper_size.currentData(),
            **{key: edit.text().strip() for key, edit in self.codes.items()},
        }

    def save(self) -> bool:
        values = self.values()
        if not values["entity_name"] or not values["office_name"]:
            messages.show_error(self, "Escriba el nombre de la entidad y el de la oficina.")
            return False
        if not self._edit.save(self, values, again=self.save, reread=self.refresh):
            return False
        messages.show_info(self, "Se guardó la configuración de la entidad.", "Configuración")
        self.data_changed.emit()
        return True
