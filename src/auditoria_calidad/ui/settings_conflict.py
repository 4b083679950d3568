"""The refusal of a save over office settings another administrator changed since they were
read: both versions side by side, the user keeps the stored ones or theirs."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtWidgets import QWidget

from auditoria_calidad.services.edit_conflicts import StaleEdit
from auditoria_calidad.services.office_settings import SETTINGS, setting_text
from auditoria_calidad.ui.conflict_dialog import VersionsDialog, stale_edit_dialog

LABELS = {spec.key: spec.label for spec in SETTINGS}


def open_settings_conflict(
    parent: QWidget,
    refused: StaleEdit,
    changed: Mapping[str, object],
    *,
    keep_saved: Callable[[], None],
    keep_mine: Callable[[], None],
) -> VersionsDialog:
    """Open the two-version dialog for the settings in ``changed`` that were refused."""
    stale = {label for label, _value in refused.saved.fields}
    mine = [
        (LABELS[key], setting_text(key, value))
        for key, value in changed.items()
        if LABELS[key] in stale
    ]
    dialog = stale_edit_dialog(refused, mine, parent)
    dialog.keep_saved.connect(keep_saved)
    dialog.keep_mine.connect(keep_mine)
    dialog.open()
    return dialog
