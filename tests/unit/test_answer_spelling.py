"""The form's spelling pre-check of a chat: only the agent's turns are the provider's
writing, whether the prefixes name roles or the people."""

from __future__ import annotations

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.scheme import load_default_scheme
from auditoria_calidad.domain.screening import (
    ScreeningInput,
    ScreeningSettings,
    screen_population,
)
from auditoria_calidad.domain.spelling import SpellChecker
from auditoria_calidad.services.answer_spelling import check_answer, transcript_turns

TRANSCRIPT = (
    "[08:02:11] Sistema: Bienvenido al chat.\n"
    "[08:02:40] Diana Rojas: Buenos días, le habla Diana. Requisitos: la cédula.\n"
    "[08:03:05] María Castro: kiero saber el estado de mi credito\n"
    "[08:03:30] Diana Rojas: Su credito está al día.\n"
    "[08:04:00] Juan: grasias"
)


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


def test_the_form_underlines_the_words_of_the_screening_alert(checker: SpellChecker) -> None:
    """The words underlined in the form, the level it proposes and the ``ortografia``
    alert's words are one reading: administrative words and verbs with pronouns pass,
    accent-less place names and glued words are suspect wherever they stand, the
    requester's and agent's names pass."""
    text = (
        "Estimada Yeimy Ocoró:\n\n"
        "Aver, le informamos que el desprendible de pago es descargable desde el portal. "
        "Para expedirle el certificado de su Credito, acérquese a la sede de Medellin.\n\n"
        "Cordialmente,\nWilmar Asprilla"
    )
    scheme = load_default_scheme("virtual")
    spelling = check_answer(
        text, Channel.VIRTUAL, checker, scheme, agent="Wilmar Asprilla", requester="Yeimy Ocoró"
    )
    record = ScreeningInput(
        key="R1",
        channel=Channel.VIRTUAL,
        answer_text=text,
        agent="Wilmar Asprilla",
        requester_name="Yeimy Ocoró",
    )
    settings = ScreeningSettings().for_scheme(scheme)
    alerts = screen_population([record], settings, workers=1)["R1"]
    (alert,) = [a for a in alerts if a.code == "ortografia"]

    assert spelling.suspect_words == ["Aver", "Credito", "Medellin"]
    assert [s.word for s in spelling.suspects] == list(alert.words)
    assert [text[s.start : s.end] for s in spelling.suspects] == list(alert.words)
    assert "Medellín" in spelling.suspects[2].suggestions


WHATSAPP = (
    "1/10/26, 10:00 - Ana Lucía Sinisterra: Buenas tardes, kiero el paz y salvo\n"
    "1/10/26, 10:01 - ICETEX: Buenos días, señora Ana. Le saluda Laura Gómez.\n"
    "1/10/26, 10:02 - ICETEX: El paz y salvo se descarga en la opcion Certificados.\n"
    "1/10/26, 10:03 - Ana Lucía Sinisterra: grasias"
)


def test_a_chat_whose_agent_writes_as_the_entity_is_read_as_the_screening_reads_it(
    checker: SpellChecker,
) -> None:
    """A WhatsApp Business export labels the agent's messages with the entity's name: the
    form underlines the agent's slips only, as the screening's alert lists them."""
    names = ("ICETEX", "Instituto Colombiano de Crédito Educativo")
    turns = transcript_turns(WHATSAPP, "Laura Gómez", "Ana Lucía Sinisterra", entity_names=names)
    assert [(t.speaker, t.is_agent) for t in turns] == [
        ("Ana Lucía Sinisterra", False),
        ("ICETEX", True),
        ("ICETEX", True),
        ("Ana Lucía Sinisterra", False),
    ]
    scheme = load_default_scheme("chat")
    spelling = check_answer(
        WHATSAPP,
        Channel.CHAT,
        checker,
        scheme,
        agent="Laura Gómez",
        requester="Ana Lucía Sinisterra",
        entity_names=names,
    )
    assert spelling.suspect_words == ["opcion"]
    record = ScreeningInput(
        key="W1",
        channel=Channel.CHAT,
        answer_text=WHATSAPP,
        agent="Laura Gómez",
        requester_name="Ana Lucía Sinisterra",
    )
    settings = ScreeningSettings(entity_names=names).for_scheme(scheme)
    alerts = screen_population([record], settings, checker=checker, workers=1)["W1"]
    assert [a.words for a in alerts if a.code == "ortografia"] == [("opcion",)]
