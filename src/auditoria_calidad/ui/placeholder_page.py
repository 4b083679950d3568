"""A screen not built yet: it says in Spanish what it will hold."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from auditoria_calidad.ui import icons
from auditoria_calidad.ui.page_header import PageHeader


class PlaceholderPage(QWidget):
    def __init__(
        self,
        title: str,
        icon_name: str,
        promise: str,
        steps: tuple[str, ...] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.header = PageHeader(title)

        card = QFrame()
        card.setObjectName("card")
        picture = QLabel()
        picture.setPixmap(icons.pixmap(icon_name, 56))
        picture.setAlignment(Qt.AlignmentFlag.AlignTop)
        # A non-breaking space keeps «(en construcción)» on one line.
        self.promise = QLabel(promise.replace("(en construcción)", "(en\u00a0construcción)"))
        self.promise.setWordWrap(True)
        self.promise.setObjectName("sectionTitle")
        text = QVBoxLayout()
        text.addWidget(self.promise)
        for step in steps:
            line = QLabel(f"•  {step}")
            line.setWordWrap(True)
            text.addWidget(line)
        text.addStretch(1)
        row = QHBoxLayout(card)
        row.setContentsMargins(24, 24, 24, 24)
        row.setSpacing(20)
        row.addWidget(picture)
        row.addLayout(text, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.addWidget(self.header)
        layout.addWidget(card)
        layout.addStretch(1)
