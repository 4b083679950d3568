"""Alembic environment: runs on the engine the application hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from auditoria_calidad.storage.models import full_metadata

config = context.config
target_metadata = full_metadata()


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    if engine is None:  # `alembic` run by hand with -x url=...
        engine = create_engine(context.get_x_argument(as_dictionary=True)["url"])
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # SQLite changes a table by copying it and dropping the old one; with foreign
            # keys enforced, dropping a table that other rows point to fails. They are
            # switched off for the migration (outside its transaction, where SQLite honours
            # the pragma) and every reference is checked before they are switched on again.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=sqlite,
            compare_type=True,
        )
        try:
            with context.begin_transaction():
                context.run_migrations()
            if sqlite:
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"the migration left broken references: {broken[:5]}")
        finally:
            if sqlite:
                connection.rollback()
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()


if context.is_offline_mode():
    raise SystemExit("Offline migrations are not supported; use `auditoria-calidad db upgrade`.")
run_migrations_online()
