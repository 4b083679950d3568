"""Every service function checks the acting user's role and provider scope."""

from __future__ import annotations

import pytest

from auditoria_calidad.domain.roles import Role
from auditoria_calidad.services import administration, overview
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.auth import login
from auditoria_calidad.services.errors import InvalidInput, PermissionDenied


@pytest.fixture
def two_providers(db, admin):  # type: ignore[no-untyped-def]
    administration.add_provider(db, admin, "Proveedor Uno", "92,5")
    administration.add_provider(db, admin, "Proveedor Dos")
    administration.add_user(
        db, admin, "gerente1", "clave-gerente-1", Role.PROVIDER_MANAGER, provider="Proveedor Uno"
    )
    administration.add_user(db, admin, "auditora", "clave-auditora", Role.AUDITOR)
    return login(db, "gerente1", "clave-gerente-1"), login(db, "auditora", "clave-auditora")


def test_only_administrators_manage_users(db, two_providers) -> None:
    manager, auditor = two_providers
    for actor in (manager, auditor):
        with pytest.raises(PermissionDenied):
            administration.add_user(db, actor, "x", "clave-larga-x", Role.AUDITOR)
        with pytest.raises(PermissionDenied):
            administration.list_users(db, actor)
        with pytest.raises(PermissionDenied):
            administration.add_provider(db, actor, "Otro")


def test_a_provider_manager_sees_only_its_own_provider(db, two_providers) -> None:
    manager, auditor = two_providers
    assert [p.name for p in administration.list_providers(db, manager)] == ["Proveedor Uno"]
    assert {p.name for p in administration.list_providers(db, auditor)} == {
        "Proveedor Uno",
        "Proveedor Dos",
    }
    assert overview.overview(db, manager).providers == 1


def test_a_provider_manager_cannot_be_created_without_provider(db, admin) -> None:
    with pytest.raises(InvalidInput, match="proveedor"):
        administration.add_user(db, admin, "g", "clave-larga-g", Role.PROVIDER_MANAGER)


def test_targets_accept_a_decimal_comma_and_stay_within_0_and_100(db, admin) -> None:
    info = administration.add_provider(db, admin, "P", "87,5")
    assert str(info.target_score) == "87.5"
    with pytest.raises(InvalidInput):
        administration.add_provider(db, admin, "Q", "120")


def test_require_provider_refuses_other_providers() -> None:
    manager = Actor(1, "g", "G", Role.PROVIDER_MANAGER, provider_id=1)
    manager.require_provider(1)
    with pytest.raises(PermissionDenied):
        manager.require_provider(2)


def test_a_provider_manager_counts_only_the_audits_it_can_open(db, admin) -> None:
    """Inicio and the status bar count, for a provider manager, the audits sent to it."""
    from auditoria_calidad.storage.models import Audit, AuditState
    from f182_data import build_audit

    built = build_audit(db, admin, count=4)
    administration.add_user(
        db,
        admin,
        "gerente",
        "clave-gerente-1",
        Role.PROVIDER_MANAGER,
        provider="Contacto Total S.A.S.",
    )
    manager = login(db, "gerente", "clave-gerente-1")
    assert overview.overview(db, built.auditor).audits == 1
    assert overview.overview(db, manager).audits == 0  # still in evaluation: not its to open
    with db.transaction() as session:
        session.get(Audit, built.audit_id).state = AuditState.SENT
    assert overview.overview(db, manager).audits == 1
