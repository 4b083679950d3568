"""Roles of PRODUCT.md and what each may do.

The services layer asks `can(role, permission)` before every use case; the window only
hides what a role cannot do, it never decides.
"""

from __future__ import annotations

import enum
import unicodedata


class Role(enum.StrEnum):
    AUDITOR = "auditor"
    HEAD = "jefe_oficina"
    PROVIDER_MANAGER = "gerente_outsourcing"
    COMMITTEE = "comite"
    ADMIN = "administrador"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS: dict[Role, str] = {
    Role.AUDITOR: "Auditor",
    Role.HEAD: "Jefe de Oficina",
    Role.PROVIDER_MANAGER: "Gerente Outsourcing",
    Role.COMMITTEE: "Comité de Calidad",
    Role.ADMIN: "Administrador",
}


def role_from_text(text: str) -> Role:
    """Accept the stored value or the Spanish label, ignoring case and accents."""

    def norm(s: str) -> str:
        s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
        return s.strip().lower().replace(" ", "_").replace("-", "_")

    wanted = norm(text)
    for role in Role:
        if wanted in (norm(role.value), norm(role.label)):
            return role
    valid = ", ".join(r.value for r in Role)
    raise ValueError(f"Rol desconocido: «{text}». Roles válidos: {valid}.")


class Permission(enum.StrEnum):
    READ_RECORDS = "read_records"
    IMPORT = "import"
    MANAGE_AUDITS = "manage_audits"  # create audits, draw samples
    EVALUATE = "evaluate"
    WRITE_CONCLUSIONS = "write_conclusions"
    APPROVE = "approve"
    SEND_TO_PROVIDER = "send_to_provider"
    ANSWER_FINDINGS = "answer_findings"
    READ_FINDINGS = "read_findings"
    MANAGE_COMMITTEE = "manage_committee"
    READ_REPORTS = "read_reports"
    MANAGE_USERS = "manage_users"
    MANAGE_PROVIDERS = "manage_providers"
    MANAGE_SCHEMES = "manage_schemes"
    MANAGE_SETTINGS = "manage_settings"
    SEE_FULL_IDENTITY = "see_full_identity"


_P = Permission

PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.AUDITOR: frozenset(
        {
            _P.READ_RECORDS,
            _P.IMPORT,
            _P.MANAGE_AUDITS,
            _P.EVALUATE,
            _P.WRITE_CONCLUSIONS,
            _P.READ_FINDINGS,
            _P.READ_REPORTS,
            _P.SEE_FULL_IDENTITY,
        }
    ),
    Role.HEAD: frozenset(
        {
            _P.READ_RECORDS,
            _P.IMPORT,
            _P.MANAGE_AUDITS,
            _P.EVALUATE,
            _P.WRITE_CONCLUSIONS,
            _P.APPROVE,
            _P.SEND_TO_PROVIDER,
            _P.READ_FINDINGS,
            _P.MANAGE_COMMITTEE,
            _P.READ_REPORTS,
            _P.SEE_FULL_IDENTITY,
        }
    ),
    # Reads only its own provider's data: enforced by scope checks in services.
    Role.PROVIDER_MANAGER: frozenset(
        {_P.READ_RECORDS, _P.READ_FINDINGS, _P.ANSWER_FINDINGS, _P.READ_REPORTS}
    ),
    Role.COMMITTEE: frozenset(
        {_P.READ_RECORDS, _P.READ_FINDINGS, _P.MANAGE_COMMITTEE, _P.READ_REPORTS}
    ),
    Role.ADMIN: frozenset(
        {
            _P.READ_RECORDS,
            _P.READ_FINDINGS,
            _P.READ_REPORTS,
            _P.MANAGE_USERS,
            _P.MANAGE_PROVIDERS,
            _P.MANAGE_SCHEMES,
            _P.MANAGE_SETTINGS,
            _P.SEE_FULL_IDENTITY,
        }
    ),
}


def can(role: Role, permission: Permission) -> bool:
    return permission in PERMISSIONS[role]


PERMISSION_LABELS: dict[Permission, str] = {
    _P.READ_RECORDS: "consultar registros",
    _P.IMPORT: "importar archivos",
    _P.MANAGE_AUDITS: "crear auditorías y muestras",
    _P.EVALUATE: "evaluar registros",
    _P.WRITE_CONCLUSIONS: "redactar conclusiones",
    _P.APPROVE: "aprobar auditorías",
    _P.SEND_TO_PROVIDER: "enviar al proveedor",
    _P.ANSWER_FINDINGS: "responder hallazgos",
    _P.READ_FINDINGS: "consultar hallazgos",
    _P.MANAGE_COMMITTEE: "gestionar el comité",
    _P.READ_REPORTS: "consultar informes",
    _P.MANAGE_USERS: "administrar usuarios",
    _P.MANAGE_PROVIDERS: "administrar proveedores y agentes",
    _P.MANAGE_SCHEMES: "administrar esquemas de calificación",
    _P.MANAGE_SETTINGS: "cambiar la configuración",
    _P.SEE_FULL_IDENTITY: "ver el número de identificación completo",
}
