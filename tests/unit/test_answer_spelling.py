"""The form's spelling pre-check of a chat: only the agent's turns are the provider's
writing, whether the prefixes name roles or the people."""

from __future__ import annotations

import pytest

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.scheme import load_default_scheme
from auditoria_calidad.domain.spelling import SpellChecker
from auditoria_calidad.services.answer_spelling import check_answer, transcript_turns

TRANSCRIPT = (
    "[08:02:11] Sistema: Bienvenido al chat.\n"
    "[08:02:40] Diana Rojas: Buenos días, le habla Diana. Requisitos: la cédula.\n"
    "[08:03:05] María Castro: kiero saber el estado de mi credito\n"
    "[08:03:30] Diana Rojas: Su credito está al día.\n"
    "[08:04:00] Juan: grasias"
)


@pytest.fixture(scope="module")
def checker() -> SpellChecker:
    return SpellChecker.load()


def test_turns_are_told_apart_by_the_names_of_the_agent_and_the_requester() -> None:
    turns = transcript_turns(TRANSCRIPT, "Diana Rojas", "María Castro")
    assert [(t.speaker, t.is_agent) for t in turns] == [
        ("Sistema", False),
        ("Diana Rojas", True),
        ("María Castro", False),
        ("Diana Rojas", True),
        ("Juan", False),  # a name the record lacks: a turn of its own, with its time
    ]
    assert TRANSCRIPT[turns[1].prefix_end : turns[1].end].endswith("Requisitos: la cédula.")
    assert transcript_turns(TRANSCRIPT) == []  # without the names: no roles to go by


def test_only_the_agent_s_slips_are_suspect(checker: SpellChecker) -> None:
    scheme = load_default_scheme("chat")
    spelling = check_answer(
        TRANSCRIPT, Channel.CHAT, checker, scheme, agent="Diana Rojas", requester="María Castro"
    )
    assert spelling.suspect_words == ["credito"]
    assert TRANSCRIPT[spelling.suspects[0].start :].startswith("credito está al día")
