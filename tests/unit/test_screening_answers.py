"""Specification of the screening on answers as a Colombian public entity writes them: the
closings, signatures and letter headings of the protocol, file codes and spelled-out
acronyms, verbs with pronouns and proper names in the spelling check, and the same body
given to several subjects behind different openings and closings."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from auditoria_calidad.demo import texts as t
from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.scheme import load_default_scheme
from auditoria_calidad.domain.screening import (
    Alert,
    ScreeningInput,
    ScreeningSettings,
    screen_population,
)
from auditoria_calidad.domain.screening.inputs import (
    DEFAULT_CLOSINGS,
    DEFAULT_LEGALISMS,
    DEFAULT_SIGNATURES,
    EARLIER_DEFAULT_CLOSINGS,
    EARLIER_DEFAULT_LEGALISMS,
    EARLIER_DEFAULT_SIGNATURES,
)
from auditoria_calidad.domain.spelling import SpellChecker

RECEIVED = datetime(2026, 3, 2, 9, 0)
REQUESTER = "Laura Gómez"
AGENT = "Diana Rojas"


@pytest.fixture(scope="module")
def settings() -> ScreeningSettings:
    return ScreeningSettings(entity_names=("ICETEX",), entity_words=t.ENTITY_WORDS).for_scheme(
        load_default_scheme("virtual")
    )


def record(
    key: str,
    text: str,
    service: str = "Certificados y paz y salvo",
    requester: str = REQUESTER,
    agent: str = AGENT,
) -> ScreeningInput:
    return ScreeningInput(
        key=key,
        channel=Channel.VIRTUAL,
        request_type="Petición",
        service=service,
        request_text=t.REQUEST_ISSUES[service][0],
        answer_text=text,
        received_at=RECEIVED,
        answered_at=RECEIVED + timedelta(hours=3),
        requester_name=requester,
        agent=agent,
    )


def screen_one(
    text: str, settings: ScreeningSettings, checker: SpellChecker, **changes: str
) -> dict[str, Alert]:
    alerts = screen_population([record("A", text, **changes)], settings, checker=checker)["A"]
    return {a.code: a for a in alerts}


BODY = "Su certificado de deuda fue enviado hoy al correo registrado, en formato PDF."


def letter(
    closing: str, signature: str = f"{AGENT}\nAsesora de Atención al Usuario\nICETEX"
) -> str:
    return (
        f"Buenos días, señora Laura:\n\nReciba un cordial saludo del ICETEX.\n\n{BODY}\n\n"
        f"{closing}\n\n{signature}"
    )


# --- protocolo: closings ---------------------------------------------------------------


@pytest.mark.parametrize(
    "closing",
    [
        "Saludos,",
        "Saludos cordiales,",
        "Cordial saludo,",
        "Un saludo,",
        "Quedo atenta a cualquier inquietud.",
        "Quedo atento a sus comentarios.",
        "Feliz día.",
        "Con gusto seguiremos atendiendo sus inquietudes.\n\nSaludos,",
    ],
)
def test_usual_colombian_closings_count_as_the_closing(closing, settings, checker) -> None:
    found = screen_one(letter(closing), settings, checker)
    assert "protocolo" not in found


def test_an_opening_cordial_saludo_is_not_taken_for_the_closing(settings, checker) -> None:
    text = (
        "Buenos días, señora Laura:\n\nReciba un cordial saludo del ICETEX.\n\n"
        f"{BODY}\n\n{AGENT}\nAsesora de Atención al Usuario"
    )
    found = screen_one(text, settings, checker)
    assert found["protocolo"].evidence == "Falta la despedida del protocolo de respuesta."


def test_a_stored_copy_of_the_earlier_defaults_gets_the_current_ones() -> None:
    earlier = EARLIER_DEFAULT_CLOSINGS[0]
    restored = ScreeningSettings(
        closing_phrases=tuple(p.upper() for p in reversed(earlier)),
        signature_phrases=EARLIER_DEFAULT_SIGNATURES[0],
        legalisms=EARLIER_DEFAULT_LEGALISMS[0],
    )
    assert restored.closing_phrases == DEFAULT_CLOSINGS
    assert restored.signature_phrases == DEFAULT_SIGNATURES
    assert restored.legalisms == DEFAULT_LEGALISMS
    assert {"acuso recibo", "así las cosas"} <= set(DEFAULT_LEGALISMS)
    assert {"saludos", "quedo atenta", "feliz día"} <= set(DEFAULT_CLOSINGS)
    chosen = (*earlier, "hasta pronto")  # edited by the entity: kept as it is
    assert ScreeningSettings(closing_phrases=chosen).closing_phrases == chosen
    assert ScreeningSettings(closing_phrases=("chao",)).closing_phrases == ("chao",)


# --- protocolo: signatures and greetings ------------------------------------------------


@pytest.mark.parametrize(
    "signature",
    [
        "Diana Patricia Salazar Vega\nCoordinadora de Servicio\nOutsourcing Atención Integral S.A.S.",
        "Profesional Universitario\nVicepresidencia de Operaciones y Tecnología\nICETEX",
        "Grupo de Atención al Ciudadano\nICETEX\nwww.icetex.gov.co",
        "Sandra Sofía Buitrago Palacios\nEquipo PQRSD – Icetex",
        "Ana María Ríos Castaño",  # a name under «Atentamente,»
    ],
)
def test_a_signature_by_a_role_an_office_or_another_person_is_a_signature(
    signature, settings, checker
) -> None:
    text = letter("Quedamos atentos a cualquier inquietud.\n\nAtentamente,", signature)
    assert "protocolo" not in screen_one(text, settings, checker)


def test_a_sign_off_with_nobody_after_it_still_lacks_the_signature(settings, checker) -> None:
    found = screen_one(letter("Cordialmente,", ""), settings, checker)
    assert found["protocolo"].evidence == "Falta la firma del protocolo de respuesta."


HEADING = (
    "Bogotá D.C., 14 de abril de 2026\n"
    "Radicado de salida: 2026-EE-034567\n\n"
    "Doctora\n"
    "MARÍA ELENA CASTRO VILLAMIZAR\n"
    "Representante legal\n"
    "Fundación Educar para la Paz\n"
    "Carrera 7 # 71-21, oficina 1002\n"
    "Bogotá D.C.\n\n"
    "Asunto: Respuesta al derecho de petición con radicado 2026-ER-020071\n\n"
)


@pytest.mark.parametrize(
    "salutation", ["Respetada doctora Castro:", "Respetado señor:", "Apreciado ciudadano:"]
)
def test_the_salutation_after_a_letter_heading_is_the_greeting(
    salutation, settings, checker
) -> None:
    text = (
        f"{HEADING}{salutation}\n\nReciba un cordial saludo del ICETEX.\n\n"
        "En atención a su petición, le informamos que el convenio entre la fundación y el "
        "ICETEX se encuentra vigente hasta el 31 de diciembre de 2026.\n\n"
        f"Cordialmente,\n\n{AGENT}\nAsesora de Atención al Usuario\nICETEX"
    )
    found = screen_one(text, settings, checker)
    assert "protocolo" not in found
    # The addressee's block is the heading, not a paragraph of the body; the letters of the
    # radicados are no acronyms.
    assert "lenguaje_claro" not in found


def test_a_letter_heading_without_salutation_lacks_the_greeting(settings, checker) -> None:
    text = (
        f"{HEADING}Reciba un cordial saludo del ICETEX.\n\n{BODY}\n\n"
        f"Cordialmente,\n\n{AGENT}\nAsesora de Atención al Usuario\nICETEX"
    )
    found = screen_one(text, settings, checker)
    assert found["protocolo"].evidence == "Falta el saludo del protocolo de respuesta."


# --- lenguaje_claro ---------------------------------------------------------------------


def test_codes_units_and_the_switchboard_are_not_acronyms(settings, checker) -> None:
    body = (
        "Su caso quedó con el radicado PQR-2026-004512 (entrada 2026-ER-013001, salida "
        "2026-EE-034567). El archivo no debe superar 5 MB ni 2 GB en total."
    )
    signature = f"{AGENT}\nAsesora de Atención al Usuario\nPBX 601 382 1670 – Línea gratuita 01 8000 916 821"
    found = screen_one(letter("Cordialmente,", signature).replace(BODY, body), settings, checker)
    assert "lenguaje_claro" not in found


@pytest.mark.parametrize(
    "sentence",
    [
        "Necesita el certificado de la Dirección de Impuestos y Aduanas Nacionales, DIAN, vigente.",
        "Adjunte la constancia del Servicio Nacional de Aprendizaje – SENA del último año.",
        "El proceso está en el SECOP II (Sistema Electrónico de Contratación Pública).",
        "Sus PQRSD, es decir, peticiones, quejas, reclamos, sugerencias y denuncias, se radican en línea.",
        "Consulte el Sistema Nacional de Información de la Educación Superior (SNIES).",
    ],
)
def test_an_acronym_spelled_out_before_or_after_it_is_explained(
    sentence, settings, checker
) -> None:
    found = screen_one(letter("Cordialmente,").replace(BODY, sentence), settings, checker)
    assert "lenguaje_claro" not in found


def test_an_acronym_after_words_that_do_not_spell_it_is_unexplained(settings, checker) -> None:
    sentence = "Necesita el certificado de la entidad tributaria, DIAN, y el del Servicio – SENA."
    found = screen_one(letter("Cordialmente,").replace(BODY, sentence), settings, checker)
    assert found["lenguaje_claro"].evidence == "Siglas sin explicar: «DIAN», «SENA»."


def test_acronyms_of_the_signature_block_name_the_office_that_signs(settings, checker) -> None:
    signature = f"{AGENT}\nEquipo PQRSD – Icetex"
    assert "lenguaje_claro" not in screen_one(letter("Saludos,", signature), settings, checker)
    in_body = letter("Saludos,", signature).replace(BODY, BODY + " Use el formulario de PQRSD.")
    found = screen_one(in_body, settings, checker)
    assert found["lenguaje_claro"].evidence == "Siglas sin explicar: «PQRSD»."


def test_a_legalism_is_quoted_with_the_accents_of_the_answer(settings, checker) -> None:
    sentence = "Sírvase enviar el formulario a la mayor brevedad."
    found = screen_one(letter("Cordialmente,").replace(BODY, sentence), settings, checker)
    assert "«sírvase», «a la mayor brevedad»" in found["lenguaje_claro"].evidence


def test_stock_formulas_of_official_letters_are_legalisms(settings, checker) -> None:
    sentence = (
        "Acusamos recibo de su comunicación. Así las cosas, el crédito sigue vigente para "
        "los fines pertinentes."
    )
    found = screen_one(letter("Cordialmente,").replace(BODY, sentence), settings, checker)
    evidence = found["lenguaje_claro"].evidence
    assert "«acusamos recibo»" in evidence and "«así las cosas»" in evidence
    assert "«para los fines pertinentes»" in evidence


# --- ortografia -------------------------------------------------------------------------


def spelling_of(body: str, settings, checker, **changes: str) -> tuple[str, ...]:
    found = screen_one(letter("Cordialmente,").replace(BODY, body), settings, checker, **changes)
    return found["ortografia"].words if "ortografia" in found else ()


def test_verbs_with_their_pronouns_attached_pass(settings, checker) -> None:
    body = (
        "Si desea cambiarlo, debe diligenciarlo en el formulario. Con gusto podemos "
        "expedirle el certificado; puede radicarlas en línea, adjuntárnoslo por este canal o "
        "pedir que vuelvan a expedírsela. Estamos verificándolo."
    )
    assert spelling_of(body, settings, checker) == ()


def test_pronoun_forms_without_the_accent_they_need_are_suspect(settings, checker) -> None:
    body = "Puede pedir que vuelvan a expedirsela, verificandolo antes con la entidad."
    assert spelling_of(body, settings, checker) == ("expedirsela", "verificandolo")


def test_colombian_administrative_words_pass(settings, checker) -> None:
    body = (
        "El crédito para tecnólogos cubre la semestralidad. Su deudor debe adjuntar el último "
        "desprendible de nómina y la planilla de aportes parafiscales. Los estudiantes "
        "raizales y las comunidades palenqueras del decil más bajo tienen un fondo especial, "
        "y sus datos se tratan según el derecho de hábeas data."
    )
    assert spelling_of(body, settings, checker) == ()


def test_capitalised_names_pass_also_at_the_start_of_a_sentence(settings, checker) -> None:
    body = (
        "Puede pagar por varios medios. Nequi y Daviplata permiten pagar desde el celular. "
        "Efecty y Bancamía reciben pagos en efectivo. Uniminuto también tiene convenio. "
        "Colfuturo ofrece otras becas. El deudor registrado es:\nYeimy Katherine Cuesta"
    )
    signature = "Diana Rojas\nCoordinadora de Servicio\nOutsourcing Atención Integral S.A.S."
    text = letter("Cordialmente,", signature).replace(BODY, body)
    assert "ortografia" not in screen_one(text, settings, checker)


def test_capitalised_slips_of_common_words_are_suspect_wherever_they_stand(
    settings, checker
) -> None:
    body = (
        "Credito aprobado. Atencion: la Univresidad confirmó la matrícula. Usaurio y deudor "
        "deben firmar. Porfavor revise su correo."
    )
    assert spelling_of(body, settings, checker) == (
        "Credito",
        "Atencion",
        "Univresidad",
        "Usaurio",
        "Porfavor",
    )


def test_two_words_written_as_one_are_suspect_also_where_the_dictionary_has_them(
    settings, checker
) -> None:
    # «osea» and «aveces» are forms of rare verbs in the dictionary; in an answer they are
    # «o sea» and «a veces». Names that begin alike («Avendaño», «Oseas») pass.
    body = (
        "Aver si le llega el correo. Osea que aveces el portal falla. Atravez del portal, y "
        "apesar de la demora, almenos puede pagar. Lo atendió el señor Oseas Avendaño."
    )
    assert spelling_of(body, settings, checker) == (
        "Aver",
        "Osea",
        "aveces",
        "Atravez",
        "apesar",
        "almenos",
    )


def test_proper_names_without_their_accent_are_suspect(settings, checker) -> None:
    body = "Medellin tiene dos oficinas. La Universidad de Bogota y la sede de Medellin abren hoy."
    assert spelling_of(body, settings, checker) == ("Medellin", "Bogota", "Medellin")


def test_the_requester_s_name_written_without_accent_passes(settings, checker) -> None:
    body = "La señora Lopez puede reclamar el certificado en la sede de Bogotá."
    assert spelling_of(body, settings, checker, requester="Maria Lopez") == ()


def test_the_count_of_suspect_words_agrees_with_the_list(settings, checker) -> None:
    body = "La renovacion del credito exige el promedio minimo. El credito se gira después."
    found = screen_one(letter("Cordialmente,").replace(BODY, body), settings, checker)
    evidence = found["ortografia"].evidence
    assert evidence.startswith("4 palabras sospechosas de ")
    assert evidence.endswith(": «renovacion», «credito» (2 veces), «minimo».")
    assert found["ortografia"].words == ("renovacion", "credito", "minimo", "credito")


# --- respuesta_reutilizada --------------------------------------------------------------

CORE = (
    "Su solicitud fue trasladada al área competente, la cual dará respuesta de fondo dentro "
    "de los términos establecidos en la Ley 1755 de 2015. Le recordamos que puede consultar "
    "el estado de su trámite en la opción de consulta de PQRS de la página web "
    "www.icetex.gov.co con el número de radicado."
)
OPENINGS = (
    "Reciba un cordial saludo del ICETEX.",
    "En el Icetex recibimos su comunicación y con gusto le damos respuesta.",
    "Desde el Grupo de Atención al Usuario del ICETEX agradecemos su mensaje.",
    "Agradecemos su comunicación con el ICETEX, entidad adscrita al Ministerio de Educación.",
)
CLOSINGS = (
    "Esperamos haber atendido satisfactoriamente su solicitud.",
    "Quedamos atentos a cualquier inquietud adicional.",
    "Agradecemos su confianza en el ICETEX.",
    "Si tiene alguna inquietud adicional, con gusto la atenderemos por nuestros canales.",
)
SUBJECTS = ("Extractos y pagos", "Becas internacionales", "Condonación", "Legalización")


def varied(i: int, core: str = CORE) -> str:
    return (
        f"Buenos días, señora Laura:\n\n{OPENINGS[i]}\n\n{core}\n\n{CLOSINGS[i]}\n\n"
        f"Cordialmente,\n\n{AGENT}\nAsesora de Atención al Usuario\nICETEX"
    )


def reused(result: dict[str, tuple[Alert, ...]]) -> list[str]:
    return [
        k for k, alerts in result.items() if any(a.code == "respuesta_reutilizada" for a in alerts)
    ]


def test_the_same_body_behind_other_openings_and_closings_is_reuse(settings, checker) -> None:
    records = [record(str(i), varied(i), service=SUBJECTS[i]) for i in range(4)]
    result = screen_population(records, settings, checker=checker)
    assert reused(result) == ["0", "1", "2", "3"]
    assert "4 solicitudes de 4 temas" in result["0"][0].evidence


def test_the_same_body_for_one_subject_is_still_no_reuse(settings, checker) -> None:
    records = [record(str(i), varied(i), service="Legalización") for i in range(4)]
    assert reused(screen_population(records, settings, checker=checker)) == []


def test_a_short_common_reminder_after_different_answers_is_no_reuse(settings, checker) -> None:
    reminder = (
        "Le recordamos que puede consultar el estado de su trámite en la página web con el "
        "número de radicado."
    )
    answers = (
        "Gracias por escribirnos; su certificado fue enviado al correo registrado.",
        "Gracias por escribirnos; el pagaré quedó firmado y el giro sale el lunes.",
    )
    records = [
        record(str(i), varied(0).replace(OPENINGS[0], answer).replace(CORE, reminder), service=s)
        for i, (answer, s) in enumerate(zip(answers, SUBJECTS, strict=False))
    ]
    assert reused(screen_population(records, settings, checker=checker)) == []


# --- lenguaje_claro: one very long sentence ---------------------------------------------


def test_one_sentence_three_times_the_guide_limit_is_enough_on_its_own(settings, checker) -> None:
    sentence = " ".join(["su solicitud de paz y salvo fue revisada por el área de cartera"] * 6)
    long_one = letter("Cordialmente,").replace(BODY, sentence[:1].upper() + sentence[1:] + ".")
    short_ones = letter("Cordialmente,").replace(
        BODY, " ".join(["Su certificado fue enviado al correo registrado con su número."] * 3)
    )

    alert = screen_one(long_one, settings, checker)["lenguaje_claro"]
    assert alert.evidence.startswith("1 oración de más de 30 palabras (la más larga, 78)")
    assert "lenguaje_claro" not in screen_one(short_ones, settings, checker)
