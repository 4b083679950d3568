"""Observation templates: ready sentences per criterion that the auditor inserts in the
F182 observations with the keyboard, kept by the office in the settings table.

Templates are keyed by criterion key (the same in the virtual and chat schemes); the
office edits them in Configuración. Until it does, sensible Spanish defaults apply.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from auditoria_calidad.domain.roles import Permission
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.audit_trail import log_changes
from auditoria_calidad.services.connection import Database
from auditoria_calidad.services.edit_conflicts import SavedVersion, StaleEdit, last_saved
from auditoria_calidad.services.errors import InvalidInput
from auditoria_calidad.storage.models import Setting
from auditoria_calidad.storage.queries.evaluations import setting_version

SETTING_KEY = "observation_templates"
MAX_LENGTH = 500

# Criterion key → (label shown in the editor, default templates).
DEFAULT_TEMPLATES: dict[str, tuple[str, tuple[str, ...]]] = {
    "coherencia": (
        "Coherencia",
        (
            "La respuesta no guarda relación con lo que el usuario solicitó.",
            "La respuesta mezcla trámites distintos y confunde al usuario.",
            "La respuesta se contradice con la información del caso en el CRM.",
        ),
    ),
    "pertinencia": (
        "Pertinencia",
        (
            "La información entregada no corresponde al caso del usuario.",
            "La información entregada no está vigente.",
            "Se remite al usuario a otro canal sin necesidad.",
        ),
    ),
    "solucion": (
        "Solución del problema",
        (
            "No se resuelve la solicitud ni se informa la fecha en que se dará respuesta.",
            "El caso no se escaló al área responsable.",
            "La respuesta no indica los pasos que debe seguir el usuario.",
        ),
    ),
    "oportunidad": (
        "Oportunidad",
        (
            "La respuesta se dio fuera del plazo de 24 horas.",
            "El tiempo de espera del chat superó el límite.",
        ),
    ),
    "redaccion_ortografia": (
        "Redacción y ortografía",
        (
            "La respuesta tiene errores de ortografía: ",
            "La redacción es confusa y dificulta entender la respuesta.",
            "La respuesta no usa un saludo ni una despedida institucional.",
        ),
    ),
    "registro_crm": (
        "Registro en CRM",
        (
            "El caso quedó registrado más de una vez en el CRM.",
            "El caso no quedó registrado en el CRM.",
        ),
    ),
    "registrado_crm": (
        "Registrado en CRM",
        ("La conversación no quedó registrada en el CRM.",),
    ),
}


def criterion_labels() -> dict[str, str]:
    """Criterion key → label, for the criteria that have templates."""
    return {key: label for key, (label, _) in DEFAULT_TEMPLATES.items()}


def default_templates() -> dict[str, list[str]]:
    return {key: list(texts) for key, (_, texts) in DEFAULT_TEMPLATES.items()}


def list_observation_templates(db: Database) -> dict[str, list[str]]:
    """Every criterion's templates: the office's own, or the defaults."""
    with db.sessions() as session:
        row = session.get(Setting, SETTING_KEY)
        stored = row.value if row is not None else None
    return _merged(stored)


def _merged(stored: object) -> dict[str, list[str]]:
    templates = default_templates()
    if isinstance(stored, Mapping):
        for key, texts in stored.items():
            if isinstance(texts, list):
                templates[str(key)] = [str(t) for t in texts if str(t).strip()]
    return templates


def templates_for(templates: Mapping[str, list[str]], keys: Iterable[str]) -> list[tuple[str, str]]:
    """(criterion key, text) of ``keys`` in that order."""
    return [(key, text) for key in keys for text in templates.get(key, [])]


def _clean(key: str, texts: Iterable[str]) -> list[str]:
    cleaned: list[str] = []
    label = criterion_labels().get(key, key)
    for text in texts:
        # A trailing space is kept on purpose: «errores de ortografía: » invites the words.
        text = text.lstrip().rstrip("\r\n\t")
        if not text.strip():
            continue
        if len(text) > MAX_LENGTH:
            raise InvalidInput(
                f"Una plantilla de «{label}» tiene {len(text)} caracteres; el máximo es "
                f"{MAX_LENGTH}."
            )
        if text not in cleaned:
            cleaned.append(text)
    return cleaned


def templates_version(db: Database) -> int:
    """The version of the office's templates (0: never saved), read before an edit."""
    with db.sessions() as session:
        return setting_version(session, SETTING_KEY)


def _conflict(session: Session, key: str, templates: Mapping[str, list[str]]) -> StaleEdit:
    version = setting_version(session, SETTING_KEY)
    who, when = last_saved(session, "settings", None, [f"plantillas.{k}" for k in templates])
    label = criterion_labels().get(key, key)
    fields = ((f"Plantillas de «{label}»", "\n".join(templates.get(key, []))),)
    return StaleEdit("las plantillas de observación", SavedVersion(int(version), who, when, fields))


def save_observation_templates(
    db: Database,
    actor: Actor,
    key: str,
    texts: Iterable[str],
    *,
    expected_version: int | None = None,
) -> dict[str, list[str]]:
    """Replace the templates of criterion ``key`` (blank lines and repeats dropped).

    ``expected_version`` (from `templates_version`) is the one the user read; when someone
    saved the templates since, `StaleEdit` is raised and nothing is written (None: save
    over whatever is stored).
    """
    actor.require(Permission.MANAGE_SETTINGS)
    if key not in DEFAULT_TEMPLATES:
        raise InvalidInput(f"El criterio «{key}» no tiene plantillas de observación.")
    cleaned = _clean(key, texts)
    try:
        with db.transaction() as session:
            row = session.get(Setting, SETTING_KEY)
            current = _merged(row.value if row is not None else None)
            version = row.version if row is not None else 0
            if expected_version is not None and version != expected_version:
                raise _conflict(session, key, current)
            old = list(current.get(key, []))
            current[key] = cleaned
            if row is None:
                session.add(Setting(key=SETTING_KEY, value=current))
            else:
                row.value = current  # UPDATE … WHERE version = the one read (mapper)
            session.flush()
            log_changes(
                session,
                actor,
                "settings",
                None,
                {f"plantillas.{key}": "\n".join(old)},
                {f"plantillas.{key}": "\n".join(cleaned)},
            )
    except (StaleDataError, IntegrityError):
        stored = list_observation_templates(db)
        with db.sessions() as session:
            raise _conflict(session, key, stored) from None
    return current
