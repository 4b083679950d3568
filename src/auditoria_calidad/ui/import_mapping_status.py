"""Importar: what the page says about the columns of the file read — which required fields
still wait for the user's choice, and the status line under the file."""

from __future__ import annotations

from auditoria_calidad.services import imports
from auditoria_calidad.services.imports import ColumnMapping, FileInspection
from auditoria_calidad.ui import locale_format
from auditoria_calidad.ui.mapping_confidence import related_fields


def pending_fields(
    inspection: FileInspection | None, profile: str | None, chosen: set[str]
) -> list[str]:
    """Spanish labels of the required fields whose column is uncertain and not yet chosen
    by the user (the import waits for them)."""
    if inspection is None or profile:
        return []
    labels = {f.name: f.label for f in imports.mapping_fields(inspection.channel)}
    return [
        labels.get(name, name) for name in inspection.uncertain if not related_fields(name) & chosen
    ]


def date_order_pending(
    inspection: FileInspection | None, mapping: ColumnMapping | None, date_order: str | None
) -> bool:
    """True while a mapped column's text dates may be day or month first and the user has
    not chosen the order (the import waits for it)."""
    orders = inspection.guess.date_orders if inspection and inspection.guess else None
    if date_order or orders is None or mapping is None:
        return False
    return any(col.index in orders.undecided for col in mapping.columns.values())


def mapping_status(
    inspection: FileInspection,
    mapping: ColumnMapping,
    profile: str | None,
    chosen: set[str],
) -> tuple[str, bool]:
    """The status line of the columns and whether it is an error (the import waits);
    with a word on the channel when the header looks like the other channel's."""
    text, waits = _columns_status(inspection, mapping, profile, chosen)
    likely = inspection.likely_channel
    if likely is not None and not chosen:
        text = (
            f"El archivo parece una exportación del canal {likely.label}: si lo es, "
            f"cambie el canal. {text}"
        )
    return text, waits


def _columns_status(
    inspection: FileInspection,
    mapping: ColumnMapping,
    profile: str | None,
    chosen: set[str],
) -> tuple[str, bool]:
    pending = pending_fields(inspection, profile, chosen)
    if pending:
        quoted = ", ".join(f"«{label}»" for label in pending)
        what = (
            "Las columnas de {} son dudosas: elíjalas"
            if len(pending) > 1
            else "La columna de {} es dudosa: elíjala"
        )
        return (
            f"{what.format(quoted)} en «Revisar columnas…» (nada se importa sin su elección).",
            True,
        )
    missing = imports.missing_fields(mapping, inspection.channel)
    if missing:
        quoted = ", ".join(f"«{label}»" for label in missing)
        return f"Falta asignar una columna para {quoted}. Use «Revisar columnas…».", True
    if profile:
        source = f"perfil «{profile}»"
    elif mapping.columns == inspection.guessed.columns and not chosen:
        source = "deducidas de los encabezados y los valores"
    else:
        source = "asignadas a mano"
    return (
        f"Columnas {source}: {len(mapping.columns)} de "
        f"{locale_format.plural(len(inspection.headers), 'asignada', 'asignadas')}. "
        "Revíselas antes de importar.",
        False,
    )
