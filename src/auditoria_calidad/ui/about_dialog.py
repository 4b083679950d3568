"""Acerca de: version, where the data is, and the data-protection promise."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from auditoria_calidad import __version__
from auditoria_calidad.services.connection import Database, describe
from auditoria_calidad.services.ui_support import backend_label, database_location
from auditoria_calidad.ui import icons

DATA_PROTECTION = (
    "Protección de datos personales (Ley 1581 de 2012): la aplicación trabaja solo con este "
    "equipo y la base de datos indicada arriba. Ningún dato sale del equipo: no se envía "
    "información a internet ni a servicios externos, y la revisión de ortografía se hace sin "
    "conexión."
)


class AboutDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Acerca de Auditoría de Calidad")
        self.setMinimumWidth(520)
        info = describe(db)

        picture = QLabel()
        picture.setPixmap(icons.pixmap("app", 48))
        title = QLabel("Auditoría de Calidad")
        title.setObjectName("dialogHeader")
        self.version = QLabel(f"Versión {__version__}")
        purpose = QLabel(
            "Auditoría de las respuestas del canal virtual y de los chats del contact center "
            "con el formato F182 «Formato de visita de Calidad Atención Virtual y Chat» "
            "(procedimiento M5-1-01 Atención Virtual)."
        )
        purpose.setWordWrap(True)
        heading = QVBoxLayout()
        heading.addWidget(title)
        heading.addWidget(self.version)
        top = QHBoxLayout()
        top.addWidget(picture, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(heading, 1)

        form = QFormLayout()
        self.location = QLabel(database_location(db))
        self.location.setWordWrap(True)
        self.location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow("Base de datos:", self.location)
        form.addRow("Motor:", QLabel(backend_label(db)))
        form.addRow("Versión del esquema:", QLabel(info.get("revision") or "sin migrar"))

        self.data_protection = QLabel(DATA_PROTECTION)
        self.data_protection.setObjectName("warningNote")
        self.data_protection.setWordWrap(True)

        buttons = QDialogButtonBox()
        close = buttons.addButton("Cerrar", QDialogButtonBox.ButtonRole.AcceptRole)
        close.setDefault(True)
        buttons.accepted.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(purpose)
        layout.addLayout(form)
        layout.addWidget(self.data_protection)
        layout.addWidget(buttons)
