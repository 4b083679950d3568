"""Which column feeds which field: nothing is imported on an uncertain guess; the user's
choice (``overrides``, a saved profile) settles it, and the window gets the candidates."""

from __future__ import annotations

from pathlib import Path

import pytest

from audit_data import user
from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.roles import Role
from auditoria_calidad.services import administration, imports, mapping_profiles
from auditoria_calidad.services.errors import InvalidInput
from auditoria_calidad.services.imports import ImportRequest, UncertainMapping

PROVIDER = "Contacto Total S.A.S."


@pytest.fixture
def auditor(db, admin):  # type: ignore[no-untyped-def]
    administration.add_provider(db, admin, PROVIDER)
    return user(db, admin, Role.AUDITOR)


def two_dates(path: Path, rows: int = 12) -> Path:
    """Two date-time columns with neutral names: which one is the answer is not certain."""
    lines = ["Radicado;Funcionario responsable;Marca A;Marca B"]
    for i in range(1, rows + 1):
        day = 13 + i % 9
        lines.append(f"R-{i};Ana Gómez;{day}/10/2026 08:00;{day}/10/2026 11:30")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def request(path: Path, **options) -> ImportRequest:  # type: ignore[no-untyped-def]
    return ImportRequest(path=path, channel=Channel.VIRTUAL, provider=PROVIDER, **options)


CHOICE = {"received_at": "Marca A", "answered_at": "Marca B"}


def test_an_uncertain_required_field_stops_the_import_with_the_candidates(
    db, auditor, tmp_path
) -> None:
    path = two_dates(tmp_path / "marcas.csv")
    with pytest.raises(UncertainMapping) as stopped:
        imports.run_import(db, auditor, request(path))
    refused = stopped.value
    assert isinstance(refused, InvalidInput)
    assert refused.fields and set(refused.fields) <= {"received_at", "answered_at"}
    field = refused.guess.fields[refused.fields[0]]
    headers = {c.header for c in field.candidates}
    assert {"Marca A", "Marca B"} <= headers
    assert all(c.samples and c.reasons for c in field.candidates if c.header.startswith("Marca"))
    assert refused.message.startswith("marcas.csv") and "--map" in refused.message
    assert imports.list_batches(db, auditor) == []


def test_inspection_shows_the_confidence_of_every_field(db, auditor, tmp_path) -> None:
    path = two_dates(tmp_path / "marcas.csv")
    shown = imports.inspect_file(db, auditor, path, Channel.VIRTUAL)
    assert shown.guess is not None and shown.uncertain
    assert shown.guess.fields["key"].certain and shown.guess.fields["key"].confidence > 0.5
    assert "received_at" not in shown.mapping and "answered_at" not in shown.mapping
    chosen = imports.inspect_file(db, auditor, path, Channel.VIRTUAL, overrides=CHOICE)
    assert chosen.uncertain == []
    assert chosen.mapping.get("received_at").header == "Marca A"


def test_the_users_choice_lets_the_import_proceed(db, auditor, tmp_path) -> None:
    path = two_dates(tmp_path / "marcas.csv")
    summary = imports.run_import(db, auditor, request(path, overrides=CHOICE))
    assert (summary.imported, summary.rejected) == (12, 0)


def test_a_saved_profile_for_the_same_headers_is_used_without_asking(db, auditor, tmp_path) -> None:
    path = two_dates(tmp_path / "marcas.csv")
    shown = imports.inspect_file(db, auditor, path, Channel.VIRTUAL, overrides=CHOICE)
    mapping_profiles.save_profile(
        db, auditor, "Marcas", Channel.VIRTUAL, shown.headers, shown.mapping
    )
    later = two_dates(tmp_path / "marcas noviembre.csv", rows=20)
    summary = imports.run_import(db, auditor, request(later))
    assert (summary.imported, summary.profile) == (20, "Marcas")
    again = imports.inspect_file(db, auditor, later, Channel.VIRTUAL)
    assert again.profile == "Marcas" and again.uncertain == []


def test_an_override_naming_a_header_not_in_the_file_is_refused(db, auditor, tmp_path) -> None:
    path = two_dates(tmp_path / "marcas.csv")
    with pytest.raises(InvalidInput) as refused:
        imports.run_import(db, auditor, request(path, overrides={"received_at": "Llegada"}))
    assert "Llegada" in refused.value.message
    with pytest.raises(InvalidInput) as unknown:
        imports.parse_overrides(["fecha=Marca A"], Channel.VIRTUAL)
    assert "received_at" in unknown.value.message
    assert imports.parse_overrides(['agent="Asesor X"'], "virtual") == {"agent": "Asesor X"}
