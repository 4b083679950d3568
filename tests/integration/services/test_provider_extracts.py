"""What a provider receives of an acta that reviewed two providers: the list of its issued
extracts with their recorded hash, the file it saves, and whose attendees it names.
"""

from __future__ import annotations

import hashlib
import sys
from datetime import date
from pathlib import Path

import pytest

from audit_data import ENGINES, open_env
from auditoria_calidad.domain.attendee_affiliation import Affiliation, affiliation
from auditoria_calidad.services import committee_minutes as minutes
from auditoria_calidad.services import minutes_extracts
from auditoria_calidad.services.errors import InvalidInput, PermissionDenied
from committee_extracts_data import (
    COMMITMENT_A,
    COMMITMENT_B,
    ENTITY_PERSON,
    GENERIC_REP,
    REP_A,
    REP_B,
    UNKNOWN,
    close_everything,
    issued_two_provider_session,
)

sys.path.insert(0, str(Path(__file__).parents[1] / "reporting"))
from reading import flat, page_texts


@pytest.fixture(scope="module", params=ENGINES)
def env(request, tmp_path_factory):  # type: ignore[no-untyped-def]
    yield from open_env(request, tmp_path_factory)


def test_the_manager_lists_and_saves_only_its_own_extract(env, tmp_path) -> None:
    issued = issued_two_provider_session(env.db, env.admin, date(2026, 12, 14))
    who, a, b = issued.who, issued.audit_a, issued.audit_b
    listed = minutes_extracts.issued_extracts(env.db, who.manager)
    assert [(e.session_id, e.provider_id) for e in listed] == [(issued.session_id, a.provider_id)]
    extract = listed[0]
    assert extract.acta_number == issued.acta_number and extract.audits == (a.number,)
    # The office sees both providers' extracts; the manager may not ask for the other's.
    office = minutes_extracts.issued_extracts(env.db, who.head)
    assert {e.provider_id for e in office if e.session_id == issued.session_id} == {
        a.provider_id,
        b.provider_id,
    }
    with pytest.raises(PermissionDenied):
        minutes_extracts.issued_extracts(env.db, who.manager, b.provider_id)
    with pytest.raises(PermissionDenied):
        minutes_extracts.save_extract(
            env.db, who.manager, issued.session_id, b.provider_id, tmp_path / "b.pdf"
        )
    assert not (tmp_path / "b.pdf").exists()

    saved = minutes_extracts.save_extract(
        env.db, who.manager, issued.session_id, a.provider_id, tmp_path / "extracto.pdf"
    )
    data = (tmp_path / "extracto.pdf").read_bytes()
    assert saved.matches and saved.sha256 == extract.sha256 == hashlib.sha256(data).hexdigest()
    assert minutes.verify_minutes(env.db, who.head, issued.session_id, data, a.provider_id).matches

    text = flat(" ".join(page_texts(data)))
    full = flat(" ".join(page_texts(issued.full)))
    own = issued.keys(a) | {REP_A, ENTITY_PERSON, COMMITMENT_A, a.number}
    foreign = issued.keys(b) | {REP_B, COMMITMENT_B, b.number, b.provider, GENERIC_REP, UNKNOWN}
    assert len(issued.keys(b)) >= 4  # three radicados and the failing agent
    for word in map(flat, own):
        assert word in text and word in full, word
    for word in map(flat, foreign):
        assert word not in text, word
        assert word in full, word
    assert flat("Otros asistentes: 3 (3 presentes)") in text
    # The quorum still counts everyone who attended.
    assert flat("asisten 5 de 5 convocados") in text
    close_everything(issued, date(2026, 12, 15))


def test_saving_where_it_cannot_be_written_says_so_in_spanish(env, tmp_path) -> None:
    issued = issued_two_provider_session(env.db, env.admin, date(2026, 12, 16))
    a = issued.audit_a
    missing = tmp_path / "no-existe" / "extracto.pdf"
    with pytest.raises(InvalidInput, match="No se pudo escribir"):
        minutes_extracts.save_extract(
            env.db, issued.who.manager, issued.session_id, a.provider_id, missing
        )
    close_everything(issued, date(2026, 12, 17))


PROVIDERS = ("Contact Center Andino S.A.S.", "Servicios Integrales del Caribe S.A.")


@pytest.mark.parametrize(
    ("organization", "expected"),
    [
        ("Contact Center Andino S.A.S.", Affiliation.RECIPIENT),
        ("CONTACT CENTER ANDINO SAS", Affiliation.RECIPIENT),
        ("Contact Center Andino Ltda.", Affiliation.RECIPIENT),
        ("Contact Center Andino", Affiliation.RECIPIENT),
        ("Gerencia de cuenta — Contact Center Andino S.A.S.", Affiliation.RECIPIENT),
        ("Servicios Integrales del Caribe", Affiliation.OTHER),
        ("Vicepresidencia de Operaciones", Affiliation.ENTITY),
        ("Oficina Comercial y de Mercadeo", Affiliation.ENTITY),
        ("Outsourcing", Affiliation.OTHER),
        ("Proveedor", Affiliation.OTHER),
        ("", Affiliation.OTHER),
        ("   ", Affiliation.OTHER),
        ("Servicios Integrales del Caribe SA", Affiliation.OTHER),
        ("Servicios Integrales del Caribe Ltda. – Gerencia", Affiliation.OTHER),
        ("Call Center", Affiliation.OTHER),
        ("Oficina de Atención al Ciudadano", Affiliation.ENTITY),
    ],
)
def test_whose_attendee_the_organisation_says(organization: str, expected: Affiliation) -> None:
    assert affiliation(organization, PROVIDERS[0], PROVIDERS) is expected
