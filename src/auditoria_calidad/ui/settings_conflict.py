"""Editing office settings in a tab: only what the user changed is saved, and a save over
settings another administrator changed since they were read opens both versions side by
side; the user keeps the stored ones or theirs."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtWidgets import QWidget

from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.edit_conflicts import StaleEdit
from auditoria_calidad.services.errors import ServiceError
from auditoria_calidad.services.office_settings import (
    SETTINGS,
    get_settings,
    setting_text,
    setting_versions,
    update_settings,
)
from auditoria_calidad.ui import messages
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


class SettingsEdit:
    """The office settings one tab edits: the values and versions it read, and saving only
    what the user changed (another administrator's change to another setting is kept; a
    change to the same one since it was read opens the two-version dialog)."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self._db, self._actor = db, actor
        self.versions: dict[str, int] = {}
        self.loaded: dict[str, object] = {}
        self.conflict_dialog: VersionsDialog | None = None

    def read(self) -> dict[str, Any]:
        """The stored settings, their versions read first (never newer than what is shown).
        The tab then sets ``loaded`` to the values it shows."""
        self.versions = setting_versions(self._db)
        return get_settings(self._db)

    def changes(self, values: Mapping[str, object]) -> dict[str, object]:
        return {k: v for k, v in values.items() if v != self.loaded.get(k)}

    def save(
        self,
        parent: QWidget,
        values: Mapping[str, object],
        *,
        again: Callable[[], object],
        reread: Callable[[], None],
    ) -> bool:
        """Save what changed in ``values``; True when saved. On a conflict the dialog offers
        ``reread`` (keep the stored settings) or ``again`` (save mine over them)."""
        changed = self.changes(values)
        try:
            update_settings(self._db, self._actor, changed, expected_versions=self.versions)
        except StaleEdit as exc:

            def keep_mine() -> None:
                self.versions = setting_versions(self._db)
                again()

            self.conflict_dialog = open_settings_conflict(
                parent, exc, changed, keep_saved=reread, keep_mine=keep_mine
            )
            return False
        except ServiceError as exc:
            messages.show_error(parent, exc)
            return False
        self.versions = setting_versions(self._db)
        self.loaded = dict(values)
        return True
