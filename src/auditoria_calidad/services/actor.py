"""The acting user that every service function receives."""

from __future__ import annotations

from dataclasses import dataclass

from auditoria_calidad.domain.roles import PERMISSION_LABELS, Permission, Role, can
from auditoria_calidad.services.errors import PermissionDenied


@dataclass(frozen=True)
class Actor:
    id: int
    username: str
    full_name: str
    role: Role
    provider_id: int | None = None

    @property
    def display_name(self) -> str:
        return self.full_name or self.username

    def can(self, permission: Permission) -> bool:
        return can(self.role, permission)

    def require(self, permission: Permission) -> None:
        """Raise PermissionDenied unless the actor's role grants ``permission``."""
        if not self.can(permission):
            raise PermissionDenied(
                f"El rol {self.role.label} no tiene permiso para {PERMISSION_LABELS[permission]}."
            )

    def require_provider(self, provider_id: int) -> None:
        """A provider manager may only ever touch its own provider's data."""
        if self.role is Role.PROVIDER_MANAGER and self.provider_id != provider_id:
            raise PermissionDenied("Solo puede consultar la información de su propio proveedor.")

    def sees_provider(self, provider_id: int) -> bool:
        return self.role is not Role.PROVIDER_MANAGER or self.provider_id == provider_id


# Used by the demo loader and by `init`, which run before anyone can log in.
SYSTEM = Actor(id=0, username="sistema", full_name="Sistema", role=Role.ADMIN)
