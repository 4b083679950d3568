"""Specification of ``lenguaje_claro`` on correctly written Colombian answers: acronyms
spelled out after them («el SENA, Servicio Nacional de Aprendizaje»), words in capitals
that are no acronyms (emphasis, names, brands, document types, file formats), and
sentences that end after «etc.» or «a. m.» (domain/screening/plain_language.py)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from auditoria_calidad.demo import texts as t
from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.scheme import load_default_scheme
from auditoria_calidad.domain.screening import ScreeningInput, ScreeningSettings, screen_population
from auditoria_calidad.domain.screening.plain_language import (
    measure,
    plain_language_alert,
    sentence_words,
    sentences,
)
from auditoria_calidad.domain.spelling import SpellChecker

SETTINGS = ScreeningSettings()


def unexplained(text: str) -> tuple[str, ...]:
    return measure(text, text, SETTINGS, frozenset()).unexplained_acronyms


# --- acronyms explained after them --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # acronym, comma, expansion
        "El SENA, Servicio Nacional de Aprendizaje, ofrece cursos gratuitos.",
        # acronym, dash, expansion (en dash, hyphen, em dash)
        "La DIAN – Dirección de Impuestos y Aduanas Nacionales – informó el cambio.",
        "La DIAN - Dirección de Impuestos y Aduanas Nacionales - informó el cambio.",
        "La DIAN — Dirección de Impuestos y Aduanas Nacionales — informó el cambio.",
        # expansion «o» acronym, acronym «o» expansion
        "Adjunte el Registro Único Tributario o RUT actualizado.",
        "Adjunte el RUT o Registro Único Tributario actualizado.",
        # acronym, «que es» / «que significa» / «es decir» and an expansion in lower case
        "El IPC, que es el índice de precios al consumidor, subió este año.",
        "El IPC, que significa índice de precios al consumidor, se publica cada mes.",
        "El IPC, que es la variación del índice de precios al consumidor, subió.",
        "La cuota se reajusta con el IPC (índice de precios al consumidor).",
        "La cuota se reajusta con el IPC, es decir, la variación del índice de precios.",
    ],
)
def test_an_acronym_followed_by_its_expansion_is_explained(text: str) -> None:
    assert unexplained(text) == ()


def test_an_acronym_explained_where_it_first_appears_needs_no_second_explanation() -> None:
    text = (
        "Adjunte la constancia del Servicio Nacional de Aprendizaje – SENA del último año. "
        "El SENA la expide en línea."
    )
    assert unexplained(text) == ()


@pytest.mark.parametrize(
    ("text", "acronym"),
    [
        ("Consulte en el SNIES.", "SNIES"),
        ("El SENA, sin embargo, no ofrece ese curso.", "SENA"),
        # The words after the dash would spell «DIAN», but an expansion has a capital.
        ("La DIAN – donde ingresa a nuestra página – informó el cambio.", "DIAN"),
        ("La DIAN, Departamento de Impuestos Nacionales, informó el cambio.", "DIAN"),
        ("Adjunte el RUT o el certificado de la cámara de comercio.", "RUT"),
        ("El IPC, que es muy alto este año, afecta su cuota.", "IPC"),
        ("El SNIES, que es la base de datos del ministerio, lo confirma.", "SNIES"),
    ],
)
def test_an_acronym_followed_by_words_that_do_not_spell_it_is_unexplained(
    text: str, acronym: str
) -> None:
    assert unexplained(text) == (acronym,)


# --- words in capitals that are no acronyms -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "NOTA: NO entregue dinero a terceros.",
        "IMPORTANTE: el trámite es gratuito.",
        "ATENCIÓN: RECUERDE que el trámite es gratuito.",
        "OJO: el plazo vence mañana.",
        "AVISO: la oficina cierra el lunes.",
        "SI desea aplazar el semestre, escríbanos.",
        "El trámite SÍ tiene costo.",
        "TENGA en CUENTA que el plazo vence mañana.",
    ],
)
def test_words_in_capitals_for_emphasis_are_no_acronyms(text: str) -> None:
    assert unexplained(text) == ()


@pytest.mark.parametrize(
    "text",
    [
        "El pagaré lo firma JHON QUIÑONES como deudor solidario.",
        "Señora ANA RUIZ, su solicitud fue aprobada.",
    ],
)
def test_a_name_in_capitals_is_no_acronym(text: str) -> None:
    assert unexplained(text) == ()


def test_an_acronym_and_a_roman_numeral_are_no_name() -> None:
    assert unexplained("El proceso está en el SECOP II.") == ("SECOP",)


def test_acronyms_in_a_list_are_no_name() -> None:
    assert unexplained("Pida el certificado a DIAN, SENA o ICBF.") == ("DIAN", "SENA", "ICBF")


@pytest.mark.parametrize(
    "text",
    [
        "Puede pagar en el Banco AV Villas o en BBVA.",
        "Puede pagar en el Banco GNB Sudameris.",
        "Adjunte una factura de EPM, ETB o UNE.",
    ],
)
def test_brands_known_by_their_letters_are_no_acronyms(text: str) -> None:
    assert unexplained(text) == ()


@pytest.mark.parametrize(
    "text",
    [
        "El estudiante con TI 1.000.123.456 ya está inscrito.",
        "El deudor con CC No. 52.123.456 firmó el pagaré.",
        "La empresa con NIT: 900.123.456-7 hizo el pago.",
        "El titular de la CE 1.234.567 debe actualizar sus datos.",
        "El titular del PEP 123456789 debe actualizar sus datos.",
        "El titular del PPT 7654321 debe actualizar sus datos.",
    ],
)
def test_a_document_type_before_its_number_is_no_acronym(text: str) -> None:
    assert unexplained(text) == ()


def test_a_document_type_without_a_number_is_an_acronym() -> None:
    assert unexplained("Adjunte la TI de su hijo.") == ("TI",)


@pytest.mark.parametrize(
    "text",
    [
        "Adjunte el soporte en PDF, JPG, JPEG o PNG.",
        "Escanee el código QR del extracto.",
        "La clave PIN le llegará por SMS.",
        "Copie la URL en el navegador.",
        "No guarde el archivo en una memoria USB ni lo envíe por una red WiFi pública.",
        "Conéctese a la red WIFI de la oficina.",
    ],
)
def test_file_formats_and_everyday_technology_are_no_acronyms(text: str) -> None:
    assert unexplained(text) == ()


def test_an_unexplained_acronym_is_found_among_words_that_are_no_acronyms() -> None:
    text = (
        "NOTA: NO entregue dinero a terceros. JHON QUIÑONES, titular de la TI 1.000.123.456, "
        "puede pagar en el Banco AV Villas. Adjunte el PDF y consulte el SNIES."
    )
    assert unexplained(text) == ("SNIES",)


# --- sentences ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Puede pagar en Efecty, en Baloto, etc. En la oficina no recibimos dinero.",
            ["Puede pagar en Efecty, en Baloto, etc.", "En la oficina no recibimos dinero."],
        ),
        (
            "Puede pagar en Efecty, en Baloto, etc.\nen la oficina no recibimos dinero.",
            ["Puede pagar en Efecty, en Baloto, etc.", "en la oficina no recibimos dinero."],
        ),
        (
            "La oficina abre a las 8:00 a. m. El pago se aplica al día siguiente.",
            ["La oficina abre a las 8:00 a. m.", "El pago se aplica al día siguiente."],
        ),
        (
            "Cerramos a las 5:00 p. m.\nel sábado no hay atención.",
            ["Cerramos a las 5:00 p. m.", "el sábado no hay atención."],
        ),
        (
            "Atendemos hasta las 12:00 m. Después de esa hora no hay turnos.",
            ["Atendemos hasta las 12:00 m.", "Después de esa hora no hay turnos."],
        ),
        (
            "Atendemos hasta las 12 m. «Después» no hay turnos.",
            ["Atendemos hasta las 12 m.", "«Después» no hay turnos."],
        ),
        (
            "Cerramos a las 5 p.m. El pago se aplica al día siguiente.",
            ["Cerramos a las 5 p.m.", "El pago se aplica al día siguiente."],
        ),
    ],
)
def test_a_sentence_ends_after_etc_or_an_hour_before_a_capital_or_a_line_break(
    text: str, expected: list[str]
) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Traiga la cédula, el recibo, etc. y la carta de la universidad.",
        "Atendemos de 8:00 a. m. a 5:00 p. m. de lunes a viernes.",
        "Atendemos de 8 a.m. a 5 p.m. de lunes a viernes.",
        "Atendemos de 7:00 a. m. a 12:00 m. los sábados.",
    ],
)
def test_a_sentence_goes_on_after_etc_or_an_hour_before_a_word_in_lower_case(text: str) -> None:
    assert sentences(text) == [text]


@pytest.mark.parametrize(
    "text",
    [
        "Lo atenderá el Sr. Pérez en la sede.",
        "Lo atenderá la Dra. Castro en la sede.",
        "Consulte la resolución No. 1234 de 2025.",
        "Lo firma J. Ospina como codeudor.",
        "Diríjase a la Av. Boyacá con calle 26.",
        "Diríjase a la Cra. 7 # 32-16 en Bogotá.",
        "Diríjase a la Cll. 26 # 13-19 en Bogotá.",
        "Diríjase a la Kr. 50 # 26-20 en Bogotá.",
        "Diríjase a la Dg. 3 # 5-10 en Bogotá.",
        "Diríjase a la Tv. 5 # 8-20 en Bogotá.",
        "Diríjase a la Mz. 4 casa 9 en Soacha.",
        "Diríjase al apto. 301 del edificio Central.",
        "Suba al piso 3, of. 201 del edificio Central.",
        "Entre por la Cra. 7 int. 4 del edificio Central.",
        "Llame al 601 382 1670 ext. 2210 en horario de oficina.",
        "Escriba al cel. 310 555 1234 en horario de oficina.",
    ],
)
def test_a_dot_after_an_abbreviation_or_an_initial_does_not_end_a_sentence(text: str) -> None:
    assert sentences(text) == [text]


@pytest.mark.parametrize(
    ("sentence", "count"),
    [
        ("8:00 a. m.", 2),
        ("de 8:00 a. m. a 5:00 p. m.", 6),
        ("de 8 a.m. a 5 p.m.", 6),
        ("Lo firma A. M. Pérez.", 5),  # initials in capitals are words
    ],
)
def test_an_hours_a_m_or_p_m_is_one_word(sentence: str, count: int) -> None:
    assert sentence_words(sentence) == count


def test_a_sentence_of_thirty_words_with_an_hour_is_not_long() -> None:
    # 31 tokens, 30 words: «a. m.» is one.
    text = (
        "Le informamos que la oficina de atención de la sede principal abre todos los días "
        "hábiles a las 8:00 a. m. y cierra a las cinco de la tarde sin excepción."
    )
    assert len(text.split()) == 31
    assert measure(text, text, SETTINGS, frozenset()).long_sentences == ()


def test_a_sentence_really_over_the_limit_still_counts() -> None:
    # After «etc.» and «a. m.» in lower case the sentence goes on: one sentence of 44 tokens,
    # 42 words.
    sentence = (
        "Para el trámite debe traer la cédula, el recibo de matrícula, el certificado de "
        "notas, etc. y presentarse en la oficina de atención al usuario de la sede "
        "principal a las 8:00 a. m. o a las 2:00 p. m. en cualquier día hábil."
    )
    text = f"{sentence} {sentence} {sentence}"
    found = measure(text, text, SETTINGS, frozenset())
    assert found.long_sentences == (42, 42, 42)
    alert = plain_language_alert(found, SETTINGS, "Lenguaje claro")
    assert alert is not None
    assert alert.evidence.startswith("3 oraciones de más de 30 palabras (la más larga, 42)")


# --- the whole answer ---------------------------------------------------------------------


def test_a_correct_answer_with_capitals_hours_and_etc_has_no_plain_language_alert(
    checker: SpellChecker,
) -> None:
    settings = ScreeningSettings(entity_names=("ICETEX",), entity_words=t.ENTITY_WORDS).for_scheme(
        load_default_scheme("virtual")
    )
    answer = (
        "Buenos días, señora Laura:\n\nReciba un cordial saludo del ICETEX.\n\n"
        "Su certificado de deuda fue enviado hoy al correo registrado, en formato PDF. "
        "Puede pagar la cuota en el Banco AV Villas, en Efecty, en Baloto, etc. En la "
        "oficina no recibimos dinero. Atendemos de 8:00 a. m. a 5:00 p. m. en la Av. "
        "Boyacá. El SENA, Servicio Nacional de Aprendizaje, expide la constancia.\n\n"
        "NOTA: NO entregue dinero a terceros.\n\n"
        "Cordialmente,\n\nDiana Rojas\nAsesora de Atención al Usuario\nICETEX"
    )
    received = datetime(2026, 3, 2, 9, 0)
    record = ScreeningInput(
        key="A",
        channel=Channel.VIRTUAL,
        request_type="Petición",
        service="Certificados y paz y salvo",
        request_text=t.REQUEST_ISSUES["Certificados y paz y salvo"][0],
        answer_text=answer,
        received_at=received,
        answered_at=received + timedelta(hours=3),
        requester_name="Laura Gómez",
        agent="Diana Rojas",
    )
    alerts = screen_population([record], settings, checker=checker)["A"]
    assert "lenguaje_claro" not in {a.code for a in alerts}
