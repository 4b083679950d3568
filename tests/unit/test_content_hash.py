"""The content digest stored with every record: databases filled by earlier versions compare
it on re-import, so its bytes must never change."""

from __future__ import annotations

import hashlib
from datetime import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from auditoria_calidad.domain.fields import Channel, RecordData


def _reference_digest(record: RecordData) -> str:
    """The digest as first defined: each content value as «length:text» ("-" for none),
    in a fixed order, joined by "|", SHA-256 of its UTF-8 bytes."""
    values = [
        record.agent,
        record.received_at.isoformat() if record.received_at else None,
        record.answered_at.isoformat() if record.answered_at else None,
        record.identity_number,
        record.requester_name,
        record.request_type,
        record.service,
        record.crm_registrations,
        record.request_text,
        record.answer_text,
        record.wait_seconds,
        record.registered_in_crm,
        record.user_rating,
    ]
    parts = []
    for value in values:
        if value is None:
            parts.append("-")
            continue
        text = repr(value) if isinstance(value, (bool, int, float)) else str(value)
        parts.append(f"{len(text)}:{text}")
    return hashlib.sha256("|".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def test_known_records_keep_their_stored_digests() -> None:
    virtual = RecordData(
        Channel.VIRTUAL, "2024-001", "Jorge Díaz", datetime(2024, 5, 29, 15, 27),
        answered_at=datetime(2024, 5, 31, 5, 18), identity_number="179233466",
        requester_name="Laura Torres González", request_type="Consulta",
        service="Condonación", crm_registrations=1,
        request_text="Solicito el paz y salvo|3:abc", answer_text="Cordial saludo.\nSe adjunta.",
    )  # fmt: skip
    chat = RecordData(
        Channel.CHAT, "C-9", "Ana", datetime(2024, 1, 2, 3, 4, 5),
        wait_seconds=95, registered_in_crm=True, user_rating=4.5,
    )  # fmt: skip
    odd = RecordData(
        Channel.CHAT, "C-10", "Ana\ud800", datetime(2024, 1, 2, 3, 4, 5, 123456),
        registered_in_crm=False, user_rating=float("nan"), crm_registrations=-3, request_text="",
    )  # fmt: skip
    assert virtual.content_hash() == (
        "7ad229eb3967fa0faf8f968222f3b166174ef03678684bce3a8279972b1273c2"
    )
    assert chat.content_hash() == "842b42a1b64b8c4a7b0ab76455721f304aab4140e8654ed0ef7c961f9d18fa87"
    assert odd.content_hash() == "d4293c68afac943f71cc4cef33536c6e87794c3f96400ff3f6ff34fb521334ca"


def test_provenance_and_extra_columns_are_not_content() -> None:
    one = RecordData(Channel.VIRTUAL, "K", "Ana", datetime(2024, 1, 1, 8, 0))
    other = RecordData(
        Channel.VIRTUAL, "K", "Ana", datetime(2024, 1, 1, 8, 0),
        source_sheet="Hoja2", source_row=99, extra={"Estado": "Cerrado"},
    )  # fmt: skip
    assert one.content_hash() == other.content_hash()
    other.agent = "Ana María"
    assert one.content_hash() != other.content_hash()


_text = st.none() | st.text(max_size=30)
_value = _text | st.integers() | st.floats(allow_nan=True) | st.booleans()


@settings(max_examples=400, deadline=None)
@given(
    agent=st.text(min_size=1, max_size=20),
    received=st.datetimes(min_value=datetime(1950, 1, 1), max_value=datetime(2100, 1, 1)),
    answered=st.none() | st.datetimes(),
    # Any value in any field: a caller may hand over another type than the annotation's.
    values=st.tuples(*[_value] * 10),
)
def test_the_digest_is_the_reference_digest_for_any_content(
    agent, received, answered, values
) -> None:
    record = RecordData(
        Channel.CHAT, "K-1", agent, received, answered_at=answered,
        identity_number=values[0], requester_name=values[1], request_type=values[2],
        service=values[3], crm_registrations=values[4], request_text=values[5],
        answer_text=values[6], wait_seconds=values[7], registered_in_crm=values[8],
        user_rating=values[9],
    )  # fmt: skip
    assert record.content_hash() == _reference_digest(record)
