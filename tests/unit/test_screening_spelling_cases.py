"""Correct Colombian answers whose words the spelling pre-check used to flag: address
abbreviations, list markers, places, names, brands, verb forms and words of digital
services (the form and the screening read them alike, ``SpellingScreen``)."""

from __future__ import annotations

import pytest

from auditoria_calidad.domain.screening.orthography import SpellingScreen
from auditoria_calidad.domain.spelling import SpellChecker, check_text


@pytest.fixture(scope="module")
def screen() -> SpellingScreen:
    return SpellingScreen(SpellChecker.load(), ("ICETEX",))


@pytest.mark.parametrize(
    "text",
    [
        "Puede radicar su solicitud en la Cra. 3 # 18-32, piso 2, o en la Cll 57 Sur # 24-10.",
        "Nuestra sede queda en la Mz. 14 Cs. 9 del barrio; llame a la ext. 2210 o al cel. "
        "310 555 1234.",
        "Debe presentar: i) la cédula; ii) el recibo; iii) el certificado, y iv) la carta.",
        "El punto de atención de Bosa y el de Usme abren el lunes.",
        "La funcionaria Camila Barraza Prada y el señor Gilberto Pabón Polanía revisaron su caso.",
        "Descargue la app, ingrese al link que le enviamos por email y revise la carpeta de spam.",
        "Reversamos el pago duplicado; el valor reversado se verá en su extracto.",
        "Su EPS Sura o Sanitas debe expedir el certificado; la reunión será por Teams o Zoom.",
        "Consulte el micrositio del cobro prejurídico; el acudiente firma por videollamada.",
    ],
)
def test_correct_answers_have_no_suspect_words(screen: SpellingScreen, text: str) -> None:
    assert screen.suspects(text, ())[1] == ()


def test_slips_next_to_those_words_are_still_found(screen: SpellingScreen) -> None:
    text = "Diríjase a la Cra. 4 con la informacion del Credito; ii) envíe el recivo."
    assert screen.suspects(text, ())[1] == ("informacion", "Credito", "recivo")


def test_the_pre_check_leaves_address_abbreviations_and_list_markers_unchecked() -> None:
    checker = SpellChecker.load()
    report = check_text(
        "ii) Cra. 7 # 32-16, ext. 12. iii) Vaya a la crá.", checker, suggestions=False
    )
    assert [s.word for s in report.suspects] == ["crá"]
    assert [s.word for s in check_text("El ii es raro.", checker, suggestions=False).suspects] == [
        "ii"
    ]


def test_places_without_their_accent_or_enye_are_suspect_even_where_the_dictionary_has_them(
    screen: SpellingScreen,
) -> None:
    text = "La sede de Monteria atiende a Quibdo y Ocana; el Apartado aéreo sigue abierto."
    assert screen.suspects(text, ())[1] == ("Monteria", "Quibdo", "Ocana")
    found = screen.report(text, (), suggestions=True).suspects
    assert "Ocaña" in found[2].suggestions
    assert screen.suspects("La sede de Montería atiende a Quibdó y Ocaña.", ())[1] == ()
