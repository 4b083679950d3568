"""The revisions the program knows without Alembic are exactly the migration scripts."""

from __future__ import annotations

from alembic.config import Config
from alembic.script import ScriptDirectory

from auditoria_calidad.storage.database import MIGRATIONS_DIR, head_revision, known_revisions


def test_the_revision_list_is_the_chain_of_migration_scripts() -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    scripts = ScriptDirectory.from_config(config)
    chain = [script.revision for script in scripts.walk_revisions()]  # head first
    assert tuple(reversed(chain)) == known_revisions()
    assert scripts.get_current_head() == head_revision()
