"""Fixtures shared by the unit tests."""

from __future__ import annotations

import pytest

from auditoria_calidad.domain.spelling import SpellChecker


@pytest.fixture(scope="module")
def checker() -> SpellChecker:
    """The spelling dictionary without the entity's words (one per test module: its
    memories of words met stay within the module)."""
    return SpellChecker.load()
