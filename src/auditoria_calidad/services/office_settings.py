"""Office-wide settings kept in the database, declared once with their defaults."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from auditoria_calidad.domain.roles import Permission
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.audit_trail import log_changes
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.errors import InvalidInput
from auditoria_calidad.storage.models import Setting


@dataclass(frozen=True)
class SettingSpec:
    key: str
    label: str
    default: Any


SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec("entity_name", "Nombre de la entidad", "Entidad pública"),
    SettingSpec("office_name", "Oficina", "Oficina Comercial y de Mercadeo"),
    SettingSpec("logo_png_base64", "Logo (PNG)", ""),
    SettingSpec("response_business_days", "Días hábiles para la respuesta del proveedor", 5),
)
_BY_KEY = {s.key: s for s in SETTINGS}


def get_settings(db: Database) -> dict[str, Any]:
    """Every setting, stored value or default (readable by anyone logged in)."""
    with db.sessions() as session:
        stored = {s.key: s.value for s in session.query(Setting).all()}
    return {spec.key: stored.get(spec.key, spec.default) for spec in SETTINGS}


def update_settings(db: Database, actor: Actor, values: dict[str, Any]) -> None:
    actor.require(Permission.MANAGE_SETTINGS)
    unknown = set(values) - set(_BY_KEY)
    if unknown:
        raise InvalidInput(f"Configuración desconocida: {', '.join(sorted(unknown))}.")
    with db.transaction() as session:
        old: dict[str, Any] = {}
        for key, value in values.items():
            row = session.get(Setting, key)
            old[key] = row.value if row else _BY_KEY[key].default
            if row is None:
                session.add(Setting(key=key, value=value))
            else:
                row.value = value
        log_changes(session, actor, "settings", None, old, values)
