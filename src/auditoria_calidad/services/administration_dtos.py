"""What the administrator's use cases return: plain, frozen data for the window and the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from auditoria_calidad.domain.roles import Role


@dataclass(frozen=True)
class ProviderInfo:
    id: int
    name: str
    target_score: Decimal
    active: bool
    agents: int


@dataclass(frozen=True)
class AgentInfo:
    id: int
    name: str
    provider: str
    provider_id: int
    records: int
    active: bool


@dataclass(frozen=True)
class UserInfo:
    id: int
    username: str
    full_name: str
    role: Role
    provider: str | None
    active: bool
    last_login_at: datetime | None
    locked_at: datetime | None = None  # too many failed logins; see services.auth
