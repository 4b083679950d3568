"""First administrator, login and passwords."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from auditoria_calidad.domain.roles import Role
from auditoria_calidad.services import administration, auth
from auditoria_calidad.services.audit_trail import history
from auditoria_calidad.services.errors import (
    AuthenticationFailed,
    InvalidInput,
    NotFound,
    PermissionDenied,
)
from auditoria_calidad.storage.models import AuditLogEntry, User


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
    with pytest.raises(AuthenticationFailed):
        auth.login(db, "admin", "mala-clave")
    with db.sessions() as session:
        assert "login_failed" in [line.action for line in history(session, "user", admin.id)]


# --- Login protection: growing delay, lockout, unlock, every attempt logged -------------

T0 = datetime(2026, 3, 2, 9, 0, 0)


def _fail(db, username: str, at: datetime) -> AuthenticationFailed:
    with pytest.raises(AuthenticationFailed) as refused:
        auth.login(db, username, "clave-equivocada", now=at)
    return refused.value


def _fail_until_locked(db, username: str) -> datetime:
    """Ten failures, each once the previous delay has passed; the time of the last one."""
    at = T0
    for _ in range(auth.FAILED_BEFORE_LOCK):
        at += timedelta(seconds=20)
        _fail(db, username, at)
    return at


def _log(db, username: str) -> list[tuple[str, str | None]]:
    with db.sessions() as session:
        rows = session.execute(
            select(AuditLogEntry.action, AuditLogEntry.new_value)
            .where(AuditLogEntry.username == username)
            .order_by(AuditLogEntry.id)
        )
        return [(action, new) for action, new in rows]


def test_the_delay_grows_from_the_fifth_failure_and_is_enforced_by_the_service(db, admin) -> None:
    messages = [_fail(db, "admin", T0 + timedelta(seconds=i)).message for i in range(4)]
    assert messages == ["Usuario o contraseña incorrectos."] * 4
    fifth = _fail(db, "admin", T0 + timedelta(seconds=4))
    assert isinstance(fifth, auth.LoginDelayed) and fifth.seconds == 1
    assert fifth.message == (
        "Usuario o contraseña incorrectos. Espere 1 segundo antes de volver a intentarlo."
    )
    # Even the right password is not checked before the second has passed.
    with pytest.raises(auth.LoginDelayed, match="Espere 1 segundo antes"):
        auth.login(db, "admin", "clave-segura-1", now=T0 + timedelta(seconds=4, milliseconds=500))
    sixth = _fail(db, "admin", T0 + timedelta(seconds=5))
    assert isinstance(sixth, auth.LoginDelayed) and sixth.seconds == 2
    early = _fail(db, "admin", T0 + timedelta(seconds=6))
    assert early.message == "Espere 1 segundo antes de volver a intentarlo."
    early = _fail(db, "admin", T0 + timedelta(seconds=5, milliseconds=100))
    assert early.message == "Espere 2 segundos antes de volver a intentarlo."
    assert [auth.delay_after(n).total_seconds() for n in range(4, 10)] == [0, 1, 2, 4, 8, 16]


def test_twenty_wrong_passwords_then_the_right_one_is_refused_while_locked(db, admin) -> None:
    at = T0
    for _ in range(20):
        at += timedelta(seconds=60)
        _fail(db, "admin", at)
    with pytest.raises(auth.LoginLocked) as locked:
        auth.login(db, "admin", "clave-segura-1", now=at + timedelta(hours=1))
    assert "bloqueado" in locked.value.message and "administrador" in locked.value.message
    with db.sessions() as session:
        user = session.scalar(select(User).where(User.username == "admin"))
        assert user.failed_logins == 10 and user.locked_at is not None
        assert user.last_login_at is None


def test_an_administrator_unlocks_and_the_right_password_then_works(db, admin) -> None:
    administration.add_user(db, admin, "aud", "clave-del-auditor", Role.AUDITOR)
    at = _fail_until_locked(db, "aud")
    assert [u.locked_at is not None for u in administration.list_users(db, admin)] == [
        False,
        True,
    ]
    assert auth.unlock_user(db, admin, "aud") is True
    assert auth.login(db, "aud", "clave-del-auditor", now=at + timedelta(seconds=1)).username == (
        "aud"
    )
    assert auth.unlock_user(db, admin, "aud") is False
    with db.sessions() as session:
        aud = session.scalar(select(User).where(User.username == "aud"))
        assert (aud.failed_logins, aud.locked_at, aud.last_failed_login_at) == (0, None, None)
        assert "unlock" in [line.action for line in history(session, "user", aud.id)]


def test_only_an_administrator_unlocks(db, admin) -> None:
    administration.add_user(db, admin, "aud", "clave-del-auditor", Role.AUDITOR)
    auditor = auth.login(db, "aud", "clave-del-auditor")
    with pytest.raises(PermissionDenied):
        auth.unlock_user(db, auditor, "admin")
    with pytest.raises(NotFound, match="No existe el usuario «nadie»"):
        auth.unlock_user(db, admin, "nadie")


def test_a_successful_login_resets_the_count(db, admin) -> None:
    for i in range(4):
        _fail(db, "admin", T0 + timedelta(seconds=i))
    auth.login(db, "admin", "clave-segura-1", now=T0 + timedelta(seconds=5))
    for i in range(4):
        refused = _fail(db, "admin", T0 + timedelta(seconds=10 + i))
        assert not isinstance(refused, auth.LoginDelayed)


def test_an_unknown_name_is_delayed_and_locked_with_the_same_messages(db, admin) -> None:
    administration.add_user(db, admin, "aud", "clave-del-auditor", Role.AUDITOR)
    known, unknown = [], []
    for name, answers in (("aud", known), ("fantasma", unknown)):
        at = T0
        for _ in range(auth.FAILED_BEFORE_LOCK):
            at += timedelta(seconds=20)
            answers.append(_fail(db, name, at).message)
        answers.append(_fail(db, name, at + timedelta(seconds=1)).message)  # locked
        answers.append(_fail(db, name, T0 + timedelta(days=1)).message)  # still locked
    assert known == unknown
    assert known[0] == "Usuario o contraseña incorrectos."
    assert "Espere 16 segundos" in known[8]
    assert known[-1] == auth.LOGIN_LOCKED
    # Delayed, too, before the delay has passed.
    other = [_fail(db, "otro-fantasma", T0 + timedelta(seconds=i / 10)).message for i in range(6)]
    assert other[-1] == "Espere 1 segundo antes de volver a intentarlo."


def test_every_attempt_is_logged_with_the_name_typed_never_the_password(db, admin) -> None:
    auth.login(db, "admin", "clave-segura-1", now=T0)
    for i in range(5):
        _fail(db, " admin ", T0 + timedelta(seconds=1 + i))
    _fail(db, "admin", T0 + timedelta(seconds=5, milliseconds=500))  # before the 1 s delay
    _fail(db, "fantasma", T0)
    assert _log(db, "admin") == [
        ("login", None),
        ("login_failed", "1"),
        ("login_failed", "2"),
        ("login_failed", "3"),
        ("login_failed", "4"),
        ("login_failed", "5"),
        ("login_delayed", "1 s"),
    ]
    assert _log(db, "fantasma") == [("login_failed", "1")]
    _fail_until_locked(db, "fantasma")  # the tenth of these is refused as locked
    _fail(db, "fantasma", T0 + timedelta(days=1))
    assert _log(db, "fantasma")[-4:] == [
        ("login_failed", "10"),
        ("lock", None),
        ("login_locked", None),
        ("login_locked", None),
    ]
    with db.sessions() as session:
        logged = session.scalars(select(AuditLogEntry)).all()
        texts = " ".join(f"{e.username} {e.old_value} {e.new_value} {e.field}" for e in logged)
        unknown = [e for e in logged if e.username == "fantasma"]
    assert "clave-equivocada" not in texts and "clave-segura-1" not in texts
    assert all(e.user_id is None and e.entity_id is None for e in unknown)
