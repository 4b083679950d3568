"""Writing a session's acta from the committee page: the draft preview, the issue, and the
issued documents — the full acta, which stays with the entity, or the extract that one
provider receives (only its own inconsistencies, answers and commitments).

The PDF is produced on a pool thread behind a progress dialog; the user picks the file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QComboBox, QWidget

from auditoria_calidad.services import committee_minutes as minutes
from auditoria_calidad.services import reports
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.committee import SessionDetail, SessionState
from auditoria_calidad.services.connection import Database
from auditoria_calidad.ui import messages
from auditoria_calidad.ui.file_filters import PDF_FILTER
from auditoria_calidad.ui.workers import ProgressTask

ENTITY_COPY = "Acta completa (para la entidad)"

# (parent, title, suggested path, filter) → the chosen path, "" when cancelled.
AskPath = Callable[[QWidget, str, str, str], str]


def recipient_choice() -> QComboBox:
    combo = QComboBox()
    combo.setObjectName("minutesRecipient")
    combo.setToolTip(
        "Qué documento escribir: el acta completa, que conserva la entidad, o el extracto que "
        "recibe un proveedor, con solo sus inconsistencias, respuestas y compromisos."
    )
    combo.addItem(ENTITY_COPY, None)
    return combo


def fill_recipients(combo: QComboBox, providers: list[tuple[int, str]]) -> None:
    """The full acta, then one extract per provider of the session (the choice is kept)."""
    kept = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(ENTITY_COPY, None)
    for provider_id, name in providers:
        combo.addItem(f"Extracto para {name}", provider_id)
    index = combo.findData(kept)
    combo.setCurrentIndex(max(index, 0))
    combo.blockSignals(False)


class MinutesActions:
    """The page's acta buttons: what they write, where, and what they say afterwards."""

    def __init__(self, parent: QWidget, db: Database, actor: Actor, ask_path: AskPath) -> None:
        self._parent, self._db, self._actor, self._ask_path = parent, db, actor, ask_path
        self.task: ProgressTask | None = None

    def _file_name(self, detail: SessionDetail, provider: tuple[int, str] | None) -> str:
        info = detail.info
        draft = "-borrador" if info.state is SessionState.DRAFT else ""
        if provider is None:
            return f"{info.acta_number}{draft}.pdf"
        safe = "".join(c if c.isalnum() else "-" for c in provider[1]).strip("-")
        return f"{info.acta_number}-extracto-{safe}{draft}.pdf"

    def _document(self, detail: SessionDetail, provider: tuple[int, str] | None) -> str:
        if provider is None:
            return f"El acta {detail.info.acta_number}"
        return f"El extracto del acta {detail.info.acta_number} para {provider[1]}"

    def write(
        self, title: str, suggested: str, work: Callable[[], bytes], done: Callable[[str], None]
    ) -> ProgressTask | None:
        path = self._ask_path(self._parent, title, str(Path.home() / suggested), PDF_FILTER)
        if not path:
            return None
        if not path.lower().endswith(".pdf"):
            path += ".pdf"

        def run(_progress: Any) -> str:
            reports.write_bytes(work(), path)  # whole or not at all
            return path

        task = ProgressTask(self._parent, title, "Escribiendo el acta…", run, unit="pasos")
        task.succeeded.connect(done)
        task.failed.connect(
            lambda exc: messages.show_error(
                self._parent,
                exc
                if not isinstance(exc, OSError)
                else f"No se pudo escribir {path}: {exc.strerror}.",
            )
        )
        self.task = task
        return task.start()

    def _work(self, session_id: int, provider: tuple[int, str] | None) -> Callable[[], bytes]:
        db, actor = self._db, self._actor
        if provider is None:
            return lambda: minutes.minutes_pdf(db, actor, session_id)
        provider_id = provider[0]
        return lambda: minutes.provider_minutes_pdf(db, actor, session_id, provider_id)

    def save(self, detail: SessionDetail, provider: tuple[int, str] | None) -> ProgressTask | None:
        """The draft preview of a session in progress, or the issued document as stored."""
        draft = detail.info.state is SessionState.DRAFT
        what = self._document(detail, provider)
        return self.write(
            "Borrador del acta" if draft else "Guardar acta emitida",
            self._file_name(detail, provider),
            self._work(detail.info.id, provider),
            lambda path: messages.show_info(
                self._parent, f"{what} quedó escrito en {path}.", "Acta"
            ),
        )

    def issue(
        self,
        detail: SessionDetail,
        provider: tuple[int, str] | None,
        changed: Callable[[str], None],
    ) -> ProgressTask | None:
        """Issue the acta (the full acta and every provider's extract, each with its hash),
        then write the chosen document."""
        info = detail.info
        if not messages.confirm(
            self._parent,
            f"¿Emitir el acta {info.acta_number}? Se guardarán el acta completa y el extracto "
            "de cada proveedor, cada uno con su huella SHA-256, y la sesión quedará de solo "
            "lectura.",
            "Emitir acta",
            "Emitir acta",
        ):
            return None
        db, actor, session_id = self._db, self._actor, info.id
        then = self._work(session_id, provider)
        what = self._document(detail, provider)

        def issue_and_write() -> bytes:
            full = minutes.issue_minutes(db, actor, session_id)[1]
            return full if provider is None else then()

        return self.write(
            "Emitir acta",
            self._file_name(detail, provider).replace("-borrador", ""),
            issue_and_write,
            lambda path: changed(
                f"Acta {info.acta_number} emitida. {what} quedó guardado en {path}."
            ),
        )
