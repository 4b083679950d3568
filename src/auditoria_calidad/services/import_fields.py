"""The fields a column of an export can feed, as the mapping dialog and the command
line (``--map FIELD=HEADER``) name them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from auditoria_calidad.domain.fields import Channel, fields_for, name_rivals
from auditoria_calidad.importing import ColumnMapping, missing_required
from auditoria_calidad.services.errors import InvalidInput
from auditoria_calidad.services.import_summary import MappingField, day_text


def mapping_fields(channel: Channel | str) -> list[MappingField]:
    """The fields of ``channel`` a column can be assigned to, in form order."""
    out = []
    for spec in fields_for(Channel(channel)):
        hint = ""
        if spec.name == "received_at":
            hint = "o «Fecha de ingreso (solo fecha)» y «Hora de ingreso» por separado"
        elif spec.name == "answered_at":
            hint = "o «Fecha de respuesta (solo fecha)» y «Hora de respuesta» por separado"
        elif spec.name == "requester_name":
            hint = "o sus nombres y sus apellidos, si el archivo los trae en columnas aparte"
        rivals = name_rivals(spec.name)
        out.append(MappingField(spec.name, spec.label, spec.required, hint, rivals))
    return out


def missing_fields(mapping: ColumnMapping, channel: Channel | str) -> list[str]:
    """Spanish labels of the required fields ``mapping`` leaves without a column."""
    return missing_required(mapping, Channel(channel))


def field_names(channel: Channel | str | None = None) -> list[tuple[str, str]]:
    """(name, Spanish label) of the fields ``--map FIELD=HEADER`` accepts, in form order
    (of both channels when ``channel`` is None)."""
    channels = [Channel(channel)] if channel is not None else list(Channel)
    out: list[tuple[str, str]] = []
    for each in channels:
        out += [(s.name, s.label) for s in fields_for(each) if (s.name, s.label) not in out]
    return out


def parse_overrides(pairs: Sequence[str], channel: Channel | str) -> dict[str, str]:
    """``["agent=Asesor", …]`` (``--map FIELD=HEADER``) as {field: header}.

    Raises `InvalidInput` naming the valid fields of the channel for a pair without
    ``=``, an unknown field or a field given twice. Whether the header is in the file is
    checked when the file is read.
    """
    channel = Channel(channel)
    valid = dict(field_names(channel))
    listing = ", ".join(valid)
    out: dict[str, str] = {}
    for pair in pairs:
        name, equals, header = pair.partition("=")
        name, header = name.strip(), header.strip().strip('"').strip()
        if not equals or not name or not header:
            raise InvalidInput(
                f"--map «{pair}»: escríbalo como CAMPO=ENCABEZADO, p. ej. "
                '--map agent="Asesor asignado".'
            )
        if name not in valid:
            raise InvalidInput(
                f"--map «{pair}»: «{name}» no es un campo del canal {channel.label}. "
                f"Campos válidos: {listing}."
            )
        if name in out:
            raise InvalidInput(f"--map: el campo «{name}» se indicó dos veces.")
        out[name] = header
    return out


def period_sentence(period: tuple[date, date]) -> str:
    return f"{day_text(period[0])}–{day_text(period[1])}"
