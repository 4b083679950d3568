"""Office-wide settings kept in the database, declared once with their defaults."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from auditoria_calidad.domain.roles import Permission
from auditoria_calidad.domain.screening.inputs import DEFAULT_CLOSINGS as CLOSINGS
from auditoria_calidad.domain.screening.inputs import DEFAULT_GREETINGS as GREETINGS
from auditoria_calidad.domain.screening.inputs import DEFAULT_LEGALISMS as LEGALISMS
from auditoria_calidad.domain.screening.inputs import DEFAULT_SIGNATURES as SIGNATURES
from auditoria_calidad.domain.screening.inputs import (
    EARLIER_DEFAULT_CLOSINGS,
    EARLIER_DEFAULT_GREETINGS,
    EARLIER_DEFAULT_LEGALISMS,
    EARLIER_DEFAULT_SIGNATURES,
    ScreeningSettings,
    with_current_defaults,
)
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.audit_trail import log_changes
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.edit_conflicts import SavedVersion, StaleEdit, last_saved
from auditoria_calidad.services.errors import InvalidInput
from auditoria_calidad.storage.models import Setting
from auditoria_calidad.storage.queries.administration import (
    all_settings,
    settings_with_keys,
    stored_setting_versions,
)

DEFAULT_READABILITY = ScreeningSettings().readability_threshold


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
    SettingSpec("paper_size", "Tamaño del papel de los PDF", "carta"),
    # The entity's code and version of each document it files, e.g. «Código: M5-1-01-F01
    # Versión 2»; printed in the document's header (nothing when empty).
    SettingSpec("audit_report_code", "Código y versión del informe de auditoría", ""),
    SettingSpec("minutes_code", "Código y versión del acta del comité", ""),
    SettingSpec("monthly_report_code", "Código y versión del informe mensual", ""),
    SettingSpec("calibration_report_code", "Código y versión del informe de calibración", ""),
    # The automatic screening of the answers (lenguaje claro and protocolo alerts).
    SettingSpec("screening_legalisms", "Expresiones a evitar (lenguaje claro)", list(LEGALISMS)),
    SettingSpec(
        "screening_readability_threshold",
        "Legibilidad mínima (INFLESZ, 0 a 100)",
        DEFAULT_READABILITY,
    ),
    SettingSpec("screening_greetings", "Saludos del protocolo", list(GREETINGS)),
    SettingSpec("screening_closings", "Despedidas del protocolo", list(CLOSINGS)),
    SettingSpec("screening_signatures", "Firmas del protocolo", list(SIGNATURES)),
)
SCREENING_PHRASE_KEYS = (
    "screening_legalisms",
    "screening_greetings",
    "screening_closings",
    "screening_signatures",
)
PAPER_SIZES = {"carta": "Carta (carta de EE. UU., 216 × 279 mm)", "a4": "A4 (210 × 297 mm)"}
DOCUMENT_CODE_KEYS = (
    "audit_report_code",
    "minutes_code",
    "monthly_report_code",
    "calibration_report_code",
)
CODE_MAX_CHARS = 80
_BY_KEY = {s.key: s for s in SETTINGS}


def get_settings(db: Database) -> dict[str, Any]:
    """Every setting, stored value or default (readable by anyone logged in)."""
    with db.sessions() as session:
        stored = {s.key: s.value for s in all_settings(session)}
    values = {spec.key: stored.get(spec.key, spec.default) for spec in SETTINGS}
    # A list equal to the defaults of earlier rules was never chosen: the screening reads
    # the current defaults instead (ScreeningSettings), and so must the window show them.
    for key, earlier, current in (
        ("screening_greetings", EARLIER_DEFAULT_GREETINGS, GREETINGS),
        ("screening_closings", EARLIER_DEFAULT_CLOSINGS, CLOSINGS),
        ("screening_signatures", EARLIER_DEFAULT_SIGNATURES, SIGNATURES),
        ("screening_legalisms", EARLIER_DEFAULT_LEGALISMS, LEGALISMS),
    ):
        if isinstance(values[key], list):
            phrases = tuple(str(p) for p in values[key])
            values[key] = list(with_current_defaults(phrases, earlier, tuple(current)))
    return values


def _check(values: dict[str, Any]) -> None:
    """Refuse a value the documents could not use, naming the setting."""
    if "paper_size" in values and values["paper_size"] not in PAPER_SIZES:
        raise InvalidInput(
            f"Tamaño de papel desconocido: «{values['paper_size']}». Use carta o a4."
        )
    for key in SCREENING_PHRASE_KEYS:
        if key in values:
            phrases = values[key]
            if not isinstance(phrases, list | tuple) or not all(
                isinstance(p, str) for p in phrases
            ):
                raise InvalidInput(f"«{_BY_KEY[key].label}» debe ser una lista de textos.")
            values[key] = [" ".join(p.split()) for p in phrases if p.strip()]
    if "screening_readability_threshold" in values:
        threshold = values["screening_readability_threshold"]
        if (
            isinstance(threshold, bool)
            or not isinstance(threshold, int | float)
            or not 0 <= threshold <= 100
        ):
            raise InvalidInput(
                f"«{_BY_KEY['screening_readability_threshold'].label}» debe ser un número "
                "entre 0 y 100."
            )
    for key in DOCUMENT_CODE_KEYS:
        if key in values:
            if not isinstance(values[key], str):
                raise InvalidInput(f"«{_BY_KEY[key].label}» debe ser un texto.")
            values[key] = " ".join(values[key].split())
            if len(values[key]) > CODE_MAX_CHARS:
                raise InvalidInput(
                    f"«{_BY_KEY[key].label}» admite hasta {CODE_MAX_CHARS} caracteres."
                )


def setting_versions(db: Database) -> dict[str, int]:
    """Every setting's version (0: never saved), read with `get_settings` before an edit."""
    with db.sessions() as session:
        stored = stored_setting_versions(session)
    return {spec.key: int(stored.get(spec.key, 0)) for spec in SETTINGS}


def setting_text(key: str, value: Any) -> str:
    """A setting's value as the conflict window shows it."""
    if key == "logo_png_base64":
        return "(imagen cargada)" if value else "(sin logo)"
    if key == "paper_size":
        return PAPER_SIZES.get(str(value), str(value))
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return "" if value is None else str(value)


def settings_conflict(session: Session, keys: list[str]) -> StaleEdit:
    """The refusal of a save over settings someone changed since they were read."""
    rows = {r.key: r for r in settings_with_keys(session, keys)}
    who, when = last_saved(session, "settings", None, keys)
    fields = tuple(
        (
            _BY_KEY[key].label,
            setting_text(key, rows[key].value if key in rows else _BY_KEY[key].default),
        )
        for key in keys
    )
    version = max((rows[k].version for k in keys if k in rows), default=0)
    return StaleEdit("la configuración de la entidad", SavedVersion(version, who, when, fields))


def update_settings(
    db: Database,
    actor: Actor,
    values: dict[str, Any],
    *,
    expected_versions: Mapping[str, int] | None = None,
) -> None:
    """Save office settings; ``expected_versions`` (from `setting_versions`) are the ones
    the user read: a setting saved since with another value raises `StaleEdit` and nothing
    is written (None: save over whatever is stored)."""
    actor.require(Permission.MANAGE_SETTINGS)
    unknown = set(values) - set(_BY_KEY)
    if unknown:
        raise InvalidInput(f"Configuración desconocida: {', '.join(sorted(unknown))}.")
    _check(values)
    try:
        with db.transaction() as session:
            old: dict[str, Any] = {}
            stale: list[str] = []
            rows: dict[str, Setting | None] = {}
            for key, value in values.items():
                row = session.get(Setting, key)
                rows[key] = row
                old[key] = row.value if row else _BY_KEY[key].default
                version = row.version if row else 0
                if (
                    expected_versions is not None
                    and key in expected_versions
                    and version != expected_versions[key]
                    and old[key] != value
                ):
                    stale.append(key)
            if stale:
                raise settings_conflict(session, stale)
            for key, value in values.items():
                row = rows[key]
                if row is None:
                    session.add(Setting(key=key, value=value))
                elif row.value != value:
                    row.value = value  # UPDATE … WHERE version = the one read (mapper)
            session.flush()
            log_changes(session, actor, "settings", None, old, values)
    except (StaleDataError, IntegrityError):
        with db.sessions() as session:
            raise settings_conflict(session, list(values)) from None
