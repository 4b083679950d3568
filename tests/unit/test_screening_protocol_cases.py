"""Specification of the «protocolo» check on answers that follow the protocol in ways the
first rules did not read: a chat opened by a bot, a WhatsApp Business export whose agent
writes as the entity, a letter whose greeting follows a salutation without one, a chat's
welcome, and the usual Colombian closings. Answers that really lack a part keep the alert."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.scheme import load_default_scheme
from auditoria_calidad.domain.screening import (
    Alert,
    ScreeningInput,
    ScreeningSettings,
    screen_population,
)
from auditoria_calidad.domain.screening.answer_parts import (
    name_words,
    speaker_role,
    split_answer,
)
from auditoria_calidad.domain.screening.inputs import (
    DEFAULT_CLOSINGS,
    DEFAULT_GREETINGS,
    EARLIER_DEFAULT_CLOSINGS,
    EARLIER_DEFAULT_GREETINGS,
)
from auditoria_calidad.domain.screening.protocol import entity_identifiers, missing_parts
from auditoria_calidad.domain.spelling import SpellChecker

RECEIVED = datetime(2026, 10, 1, 9, 0)
REQUESTER = "Ana Lucía Sinisterra"
AGENT = "Julián Zapata"
ICETEX = "Instituto Colombiano de Crédito Educativo y Estudios Técnicos en el Exterior – ICETEX"


def settings_for(channel: str) -> ScreeningSettings:
    return ScreeningSettings(entity_names=entity_identifiers(ICETEX)).for_scheme(
        load_default_scheme(channel)
    )


def protocol_of(
    text: str,
    checker: SpellChecker,
    *,
    channel: Channel = Channel.VIRTUAL,
    requester: str | None = REQUESTER,
    agent: str | None = AGENT,
) -> Alert | None:
    """The «protocolo» alert the screening gives to one answer, or None."""
    record = ScreeningInput(
        key="A",
        channel=channel,
        request_type="Petición",
        service="Crédito",
        request_text="Quiero saber si ya giraron mi crédito.",
        answer_text=text,
        received_at=RECEIVED,
        answered_at=RECEIVED + timedelta(hours=2),
        wait_seconds=20,
        registered_in_crm=True,
        requester_name=requester,
        agent=agent,
    )
    settings = settings_for("chat" if channel is Channel.CHAT else "virtual")
    alerts = screen_population([record], settings, checker=checker)["A"]
    return next((a for a in alerts if a.code == "protocolo"), None)


def parts_missing(
    text: str,
    *,
    requester: str | None = REQUESTER,
    agent: str | None = AGENT,
    entity: str = ICETEX,
) -> list[str]:
    """What ``missing_parts`` finds when ``split_answer`` knows the entity's names."""
    settings = ScreeningSettings(entity_names=entity_identifiers(entity))
    parts = split_answer(
        text,
        name_words(requester, agent),
        settings.greeting_phrases,
        agent_words=name_words(agent),
        requester_words=name_words(requester),
        entity_names=settings.entity_names,
    )
    return missing_parts(parts, settings, name_words(agent))


SIGNATURE = f"{AGENT}\nAsesor de Atención al Usuario\nICETEX"
BODY = (
    "El giro de su crédito se hizo el 3 de octubre a la cuenta de la universidad, por el "
    "valor de la matrícula del segundo semestre de 2026."
)


# --- 1. A chat that a bot opens ----------------------------------------------------------


@pytest.mark.parametrize("bot", ["Bot", "Chatbot ICETEX", "Asistente virtual", "Agente virtual"])
def test_the_greeting_is_looked_for_in_the_agent_s_turns_not_the_bot_s(bot, checker) -> None:
    transcript = (
        f"[11:00] {bot}: Bienvenido al chat del ICETEX. En un momento un asesor le atenderá.\n"
        f"[11:00] {bot}: Por favor escriba su número de documento.\n"
        "[11:01] Ana Lucía Sinisterra: 1032456789\n"
        "[11:01] Julián Zapata: Buenos días, le atiende Julián Zapata, del ICETEX. ¿En qué "
        "le puedo ayudar?\n"
        "[11:02] Ana Lucía Sinisterra: quiero saber si ya giraron mi credito\n"
        f"[11:04] Julián Zapata: {BODY}\n"
        "[11:05] Ana Lucía Sinisterra: gracias\n"
        "[11:05] Julián Zapata: Con gusto. Gracias por comunicarse con el ICETEX, que tenga "
        "un buen día.\n"
        f"[11:06] {bot}: La conversación ha finalizado. Lo invitamos a calificar la atención."
    )
    assert protocol_of(transcript, checker, channel=Channel.CHAT) is None


def test_an_agent_may_greet_in_one_message_and_introduce_themself_in_the_next(checker) -> None:
    transcript = (
        "[09:00] Usuario: Hola\n"
        "[09:01] Agente (Julián Zapata): Buenos días.\n"
        "[09:01] Agente (Julián Zapata): Le atiende Julián Zapata, del ICETEX. ¿En qué le "
        "puedo colaborar?\n"
        "[09:02] Usuario: quiero saber si ya giraron mi credito\n"
        f"[09:04] Agente (Julián Zapata): {BODY}\n"
        "[09:05] Agente (Julián Zapata): Gracias por comunicarse. Que tenga un buen día."
    )
    assert protocol_of(transcript, checker, channel=Channel.CHAT) is None


def test_a_bot_s_greeting_and_farewell_are_not_the_agent_s(checker) -> None:
    transcript = (
        "[11:00] Bot: Bienvenido al chat del ICETEX. Buenos días, soy Sofía, su asistente.\n"
        "[11:01] Ana Lucía Sinisterra: quiero saber si ya giraron mi credito\n"
        "[11:02] Julián Zapata: Permítame verifico en el sistema del ICETEX.\n"
        f"[11:04] Julián Zapata: {BODY}\n"
        "[11:05] Ana Lucía Sinisterra: ok\n"
        "[11:05] Julián Zapata: ¿Algo más en lo que pueda ayudarle?\n"
        "Bot: Gracias por comunicarse con el ICETEX. Que tenga un excelente día."
    )
    found = protocol_of(transcript, checker, channel=Channel.CHAT)
    assert found is not None
    assert found.evidence == (
        "Faltan el saludo, la presentación del agente y la despedida del protocolo de respuesta."
    )


def test_a_greeting_after_the_agent_s_second_turn_is_too_late(checker) -> None:
    transcript = (
        "[09:00] Usuario: Hola, quiero saber si ya giraron mi credito\n"
        "[09:01] Agente (Julián Zapata): Permítame un momento, por favor.\n"
        "[09:02] Agente (Julián Zapata): Estoy revisando su solicitud en el ICETEX.\n"
        "[09:03] Agente (Julián Zapata): Buenos días, le atiende Julián Zapata. "
        f"{BODY}\n"
        "[09:05] Agente (Julián Zapata): Gracias por comunicarse. Que tenga un buen día."
    )
    found = protocol_of(transcript, checker, channel=Channel.CHAT)
    assert found is not None
    assert found.evidence == (
        "Faltan el saludo y la presentación del agente del protocolo de respuesta."
    )


@pytest.mark.parametrize(
    ("speaker", "role"),
    [
        ("Bot", None),
        ("ICETEX Bot", None),
        ("Asesor virtual", None),  # a bot, though «asesor» names the agent's role
        ("Mensaje automático", None),
        ("Carlos Botero", None),  # a surname, no bot and no agent
        ("Asesora (Laura Gómez)", True),
        ("Usuario", False),
    ],
)
def test_a_bot_is_neither_the_agent_nor_the_user(speaker, role) -> None:
    assert speaker_role(speaker) is role


def test_a_line_of_the_agent_that_mentions_the_virtual_office_starts_no_turn() -> None:
    transcript = (
        "[10:00] Usuario: ¿Dónde descargo el paz y salvo?\n"
        "[10:01] Agente (Julián Zapata): Buenos días, le atiende Julián Zapata, del ICETEX. "
        "Puede descargarlo en la oficina virtual:\n"
        "Oficina virtual: www.icetex.gov.co, opción Certificados.\n"
        "[10:02] Agente (Julián Zapata): Gracias por comunicarse. Que tenga un buen día."
    )
    parts = split_answer(transcript, name_words(AGENT), DEFAULT_GREETINGS)
    assert parts.turns[0].endswith("opción Certificados.")


@pytest.mark.parametrize(
    ("speaker", "role"), [("ICETEX", True), ("Icetex Oficial", True), ("ICETEX Bot", None)]
)
def test_a_label_with_the_entity_s_name_is_the_agent_s_unless_a_bot(speaker, role) -> None:
    assert speaker_role(speaker, entity_names=entity_identifiers(ICETEX)) is role
    assert speaker_role(speaker) is None


# --- 2. WhatsApp Business: the agent writes as the entity --------------------------------

WHATSAPP = (
    "1/10/26, 10:00 - Ana Lucía Sinisterra: Buenas tardes, ¿cómo descargo el paz y salvo?\n"
    "1/10/26, 10:01 - ICETEX: Buenos días, señora Ana. Le saluda Laura Gómez, del ICETEX.\n"
    "1/10/26, 10:02 - ICETEX: El paz y salvo se descarga en www.icetex.gov.co, en la "
    "opción Certificados.\n"
    "1/10/26, 10:03 - Ana Lucía Sinisterra: Listo, muchas gracias\n"
    "1/10/26, 10:03 - ICETEX: Con gusto. Gracias por contactarnos. Que esté muy bien."
)


def test_turns_labelled_with_the_entity_s_name_are_the_agent_s() -> None:
    parts = split_answer(
        WHATSAPP,
        name_words(REQUESTER, "Laura Gómez"),
        DEFAULT_GREETINGS,
        agent_words=name_words("Laura Gómez"),
        requester_words=name_words(REQUESTER),
        entity_names=entity_identifiers(ICETEX),
    )
    assert parts.is_transcript
    assert len(parts.turns) == 3
    assert parts.turns[0].startswith("Buenos días, señora Ana.")
    assert "muchas gracias" not in parts.text
    assert parts_missing(WHATSAPP, agent="Laura Gómez") == []


def test_a_whatsapp_contact_saved_as_a_phone_number_is_not_the_agent() -> None:
    # WhatsApp writes an unsaved contact as its number, wrapped in direction marks; the
    # user's farewell is not the agent's closing.
    transcript = (
        "1/10/26, 10:00 - \u202a+57 310 5551234\u202c: Buenas tardes, ¿ya giraron mi crédito?\n"
        "1/10/26, 10:01 - ICETEX: Buenos días. Le saluda Laura Gómez, del ICETEX.\n"
        f"1/10/26, 10:02 - ICETEX: {BODY}\n"
        "1/10/26, 10:03 - \u202a+57 310 5551234\u202c: Gracias, hasta luego. Que le vaya bien"
    )
    parts = split_answer(
        transcript,
        name_words("Laura Gómez"),
        DEFAULT_GREETINGS,
        agent_words=name_words("Laura Gómez"),
        entity_names=("ICETEX",),
    )
    assert parts.turns == (
        "Buenos días. Le saluda Laura Gómez, del ICETEX.",
        BODY,
    )
    assert parts_missing(transcript, requester=None, agent="Laura Gómez") == ["la despedida"]


def test_without_the_entity_s_name_whatsapp_turns_of_the_entity_are_nobody_s() -> None:
    # What the screening must pass on: the settings' entity names (answer_checks.py).
    parts = split_answer(
        WHATSAPP,
        name_words(REQUESTER, "Laura Gómez"),
        DEFAULT_GREETINGS,
        agent_words=name_words("Laura Gómez"),
        requester_words=name_words(REQUESTER),
    )
    assert parts.is_transcript and parts.turns == ()


def test_an_entity_chat_that_skips_the_protocol_still_lacks_it() -> None:
    transcript = (
        "1/10/26, 10:00 - Ana Lucía Sinisterra: ¿Cómo descargo el paz y salvo?\n"
        "1/10/26, 10:01 - ICETEX: Se descarga en www.icetex.gov.co, opción Certificados.\n"
        "1/10/26, 10:03 - Ana Lucía Sinisterra: Listo, muchas gracias, hasta pronto"
    )
    assert parts_missing(transcript, agent="Laura Gómez") == [
        "el saludo",
        "la presentación del agente",
        "la despedida",
    ]


# --- 3. A letter greeting on the line after its salutation -------------------------------

HEADING = (
    "Bogotá D.C., 2 de octubre de 2026\n"
    "Radicado de salida: 2026-EE-041275\n\n"
    "Doctora\n"
    "ANA LUCÍA SINISTERRA ROJAS\n"
    "Calle 45 # 13-20, apartamento 301\n"
    "Bogotá D.C.\n\n"
    "Asunto: Respuesta al derecho de petición con radicado 2026-ER-030118\n\n"
)


@pytest.mark.parametrize(
    "opening",
    [
        "Doctora Sinisterra:\n\nReciba un cordial saludo del ICETEX.",
        "Doctora Sinisterra:\nReciba un cordial saludo del ICETEX.",
        f"{HEADING}Doctora Sinisterra:\n\nReciba un cordial saludo del ICETEX.",
        f"{HEADING}Dra. Sinisterra:\nReciba un saludo cordial de parte del ICETEX.",
    ],
)
def test_the_greeting_may_follow_a_salutation_that_has_none(opening, checker) -> None:
    text = f"{opening}\n\n{BODY}\n\nCordialmente,\n\n{SIGNATURE}"
    assert protocol_of(text, checker) is None
    assert protocol_of(text, checker, requester=None) is None  # the title is enough


def test_the_salutation_by_title_ends_the_letter_heading() -> None:
    text = f"{HEADING}Doctora Sinisterra:\n\nReciba un cordial saludo del ICETEX.\n\n{BODY}"
    parts = split_answer(text, frozenset(), DEFAULT_GREETINGS)
    assert parts.greeting.endswith("Doctora Sinisterra:")
    assert parts.body.startswith("Reciba un cordial saludo del ICETEX.")


@pytest.mark.parametrize(
    "opening",
    [
        "Doctora Sinisterra:",
        f"{HEADING}Doctora Sinisterra:",
        # the greeting must be the sentence right after the salutation, not any later one
        "Doctora Sinisterra:\n\nEn atención a su petición le respondemos. Reciba un cordial "
        "saludo.",
    ],
)
def test_a_salutation_without_a_greeting_still_lacks_it(opening, checker) -> None:
    text = f"{opening}\n\n{BODY}\n\nCordialmente,\n\n{SIGNATURE}"
    found = protocol_of(text, checker)
    assert found is not None
    assert found.evidence == "Falta el saludo del protocolo de respuesta."


# --- 4. A chat's welcome ------------------------------------------------------------------


@pytest.mark.parametrize("welcome", ["Bienvenido", "Bienvenida", "Bienvenido(a)"])
def test_a_welcome_is_a_greeting(welcome, checker) -> None:
    transcript = (
        f"[15:20] Agente (Mariana Londoño): {welcome} al chat del ICETEX, mi nombre es "
        "Mariana Londoño. ¿En qué le puedo ayudar?\n"
        "[15:21] Usuario: quiero saber si ya giraron mi credito\n"
        f"[15:23] Agente (Mariana Londoño): {BODY}\n"
        "[15:24] Usuario: gracias\n"
        "[15:24] Agente (Mariana Londoño): A la orden. Que le vaya muy bien."
    )
    assert protocol_of(transcript, checker, channel=Channel.CHAT, agent="Mariana Londoño") is None


def test_a_stored_copy_of_the_earlier_default_greetings_gets_the_current_ones() -> None:
    earlier = EARLIER_DEFAULT_GREETINGS[-1]
    restored = ScreeningSettings(greeting_phrases=tuple(p.upper() for p in reversed(earlier)))
    assert restored.greeting_phrases == DEFAULT_GREETINGS
    assert {"bienvenido", "bienvenida"} <= set(DEFAULT_GREETINGS)
    chosen = (*earlier, "qué más")  # edited by the entity: kept as it is
    assert ScreeningSettings(greeting_phrases=chosen).greeting_phrases == chosen


# --- 5. Usual Colombian closings ---------------------------------------------------------


@pytest.mark.parametrize(
    "closing",
    [
        "Esperamos que esta información le sea de utilidad.",
        "Sin otro particular, nos despedimos.",
        "Agradecemos su atención.",
        "Gracias por contactarnos. Que esté muy bien.",
        "Quedamos a la orden para cualquier inquietud.",
    ],
)
def test_usual_closings_of_a_letter_count_as_the_closing(closing, checker) -> None:
    text = (
        f"Respetada señora Sinisterra:\n\nReciba un cordial saludo del ICETEX.\n\n{BODY}\n\n"
        f"{closing}\n\n{SIGNATURE}"
    )
    assert protocol_of(text, checker) is None


@pytest.mark.parametrize(
    "closing",
    [
        "Con gusto. Hasta pronto.",
        "Gracias por contactarnos. Que esté muy bien.",
        "A la orden. Que le vaya muy bien.",
    ],
)
def test_usual_closings_of_a_chat_count_as_the_closing(closing, checker) -> None:
    transcript = (
        "[10:00] Usuario: Buenas, quiero saber si ya giraron mi credito\n"
        "[10:01] Agente (Julián Zapata): Buenos días, mi nombre es Julián Zapata, del ICETEX.\n"
        f"[10:03] Agente (Julián Zapata): {BODY}\n"
        "[10:04] Usuario: Gracias\n"
        f"[10:04] Agente (Julián Zapata): {closing}"
    )
    assert protocol_of(transcript, checker, channel=Channel.CHAT) is None


def test_a_letter_that_ends_with_its_body_still_lacks_the_closing(checker) -> None:
    text = (
        "Respetada señora Sinisterra:\n\nReciba un cordial saludo del ICETEX.\n\n"
        f"{BODY} El giro se hizo conforme a la Ordenanza 012 de 2025.\n\n{SIGNATURE}"
    )
    found = protocol_of(text, checker)
    assert found is not None
    assert found.evidence == "Falta la despedida del protocolo de respuesta."


def test_a_chat_whose_last_turn_does_not_close_lacks_the_closing(checker) -> None:
    # «gracias por contactarnos» opens this chat: the closing is looked for in the last turn.
    transcript = (
        "[10:00] Usuario: Buenas, quiero saber si ya giraron mi credito\n"
        "[10:01] Agente (Julián Zapata): Buenos días, gracias por contactarnos. Mi nombre es "
        "Julián Zapata, del ICETEX.\n"
        f"[10:03] Agente (Julián Zapata): {BODY}"
    )
    found = protocol_of(transcript, checker, channel=Channel.CHAT)
    assert found is not None
    assert found.evidence == "Falta la despedida del protocolo de respuesta."


def test_a_stored_copy_of_the_closings_of_rules_2026_12_8_gets_the_current_ones() -> None:
    earlier = EARLIER_DEFAULT_CLOSINGS[-1]
    restored = ScreeningSettings(closing_phrases=tuple(p.upper() for p in reversed(earlier)))
    assert restored.closing_phrases == DEFAULT_CLOSINGS
    assert {"hasta pronto", "que le vaya", "sin otro particular"} <= set(DEFAULT_CLOSINGS)
    assert set(EARLIER_DEFAULT_CLOSINGS[0]) < set(earlier) < set(DEFAULT_CLOSINGS)
