"""First administrator, login and passwords."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from auditoria_calidad.domain.roles import Role
from auditoria_calidad.services import administration, auth
from auditoria_calidad.services.errors import AuthenticationFailed, InvalidInput
from auditoria_calidad.storage.models import User


def test_a_new_database_asks_for_the_first_administrator(db) -> None:
    assert auth.needs_first_admin(db)
    actor = auth.create_first_admin(db, "ana", "contraseña-larga", "Ana Pérez")
    assert actor.role is Role.ADMIN
    assert not auth.needs_first_admin(db)


def test_the_first_administrator_can_be_created_only_once(db, admin) -> None:
    with pytest.raises(InvalidInput, match="ya tiene usuarios"):
        auth.create_first_admin(db, "otro", "contraseña-larga")


def test_passwords_are_stored_as_argon2_hashes(db, admin) -> None:
    with db.sessions() as session:
        stored = session.scalar(select(User.password_hash).where(User.username == "admin"))
    assert stored.startswith("$argon2id$")
    assert "clave-segura-1" not in stored


def test_login_with_the_right_password_returns_the_actor(db, admin) -> None:
    actor = auth.login(db, "admin", "clave-segura-1")
    assert actor.username == "admin" and actor.role is Role.ADMIN


def test_wrong_password_and_unknown_user_get_the_same_message(db, admin) -> None:
    with pytest.raises(AuthenticationFailed) as wrong:
        auth.login(db, "admin", "otra-clave")
    with pytest.raises(AuthenticationFailed) as unknown:
        auth.login(db, "nadie", "otra-clave")
    assert wrong.value.message == unknown.value.message == "Usuario o contraseña incorrectos."


def test_a_deactivated_user_cannot_log_in(db, admin) -> None:
    user = administration.add_user(db, admin, "aud", "clave-del-auditor", Role.AUDITOR)
    administration.set_user_active(db, admin, user.id, False)
    with pytest.raises(AuthenticationFailed):
        auth.login(db, "aud", "clave-del-auditor")


def test_short_passwords_are_refused(db) -> None:
    with pytest.raises(InvalidInput, match="al menos 8"):
        auth.create_first_admin(db, "ana", "corta")


def test_failed_logins_are_recorded_in_the_audit_log(db, admin) -> None:
    from auditoria_calidad.services.audit_trail import history

    with pytest.raises(AuthenticationFailed):
        auth.login(db, "admin", "mala-clave")
    with db.sessions() as session:
        assert "login_failed" in [line.action for line in history(session, "user", admin.id)]
