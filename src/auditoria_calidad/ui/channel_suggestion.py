"""Importar: the button that offers the channel a file seems to belong to («Cambiar al
canal Chat»), shown under the status line while the file is read as the other one."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QPushButton

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.services.imports import FileInspection


class ChannelSuggestion(QPushButton):
    """Switches ``channel_combo`` to the channel of the file's ``likely_channel``."""

    def __init__(self, channel_combo: QComboBox) -> None:
        super().__init__()
        self.setObjectName("switchChannel")
        self.setToolTip("Vuelve a leer el archivo como una exportación del otro canal")
        self._combo = channel_combo
        self._likely: Channel | None = None
        self.clicked.connect(self._switch)
        self.hide()

    def show_for(self, inspection: FileInspection | None, chosen: set[str]) -> None:
        """Shown while the file seems to be of the other channel and no column was chosen."""
        likely = inspection.likely_channel if inspection is not None and not chosen else None
        self._likely = likely
        if likely is None:
            self.hide()
            return
        self.setText(f"Cambiar al canal {likely.label}")
        self.show()

    def _switch(self) -> None:
        if self._likely is not None:
            self._combo.setCurrentIndex(self._combo.findData(self._likely))
