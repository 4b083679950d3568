"""Passwords are hashed with argon2id at the OWASP parameters; older hashes keep working."""

from __future__ import annotations

from argon2 import PasswordHasher
from sqlalchemy import select, update

from auditoria_calidad.services import auth
from auditoria_calidad.storage.models import User

OWASP = "$argon2id$v=19$m=19456,t=2,p=1$"


def _stored(db) -> str:  # type: ignore[no-untyped-def]
    with db.sessions() as session:
        return str(session.scalar(select(User.password_hash).where(User.username == "admin")))


def test_new_passwords_use_the_owasp_argon2id_parameters(db, admin) -> None:
    assert _stored(db).startswith(OWASP)


def test_a_hash_with_older_parameters_still_logs_in_and_is_upgraded(db, admin) -> None:
    # The parameters argon2-cffi used by default before (64 MiB, 3 passes, 4 lanes).
    old = PasswordHasher(time_cost=3, memory_cost=65536, parallelism=4).hash("clave-segura-1")
    with db.transaction() as session:
        session.execute(update(User).where(User.username == "admin").values(password_hash=old))
    assert auth.login(db, "admin", "clave-segura-1").username == "admin"
    upgraded = _stored(db)
    assert upgraded.startswith(OWASP) and upgraded != old
    assert auth.login(db, "admin", "clave-segura-1").username == "admin"
