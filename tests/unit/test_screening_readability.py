"""Spanish syllables and readability formulas (domain/screening/readability.py)."""

from __future__ import annotations

import pytest

from auditoria_calidad.domain.screening.readability import (
    fernandez_huerta,
    inflesz_band,
    syllables,
    szigriszt_pazos,
    total_syllables,
)


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("casa", 2),
        ("murciélago", 4),  # mur-cié-la-go
        ("ciudad", 2),  # diphthong iu
        ("aeropuerto", 5),  # a-e-ro-puer-to: hiatus ae, diphthong ue
        ("país", 2),  # accented í breaks the diphthong
        ("día", 2),
        ("leer", 2),  # le-er
        ("chiita", 3),  # chi-i-ta
        ("Uruguay", 3),  # u-ru-guay: triphthong, final y
        ("muy", 1),
        ("y", 1),
        ("ayer", 2),  # y before a vowel is a consonant
        ("que", 1),  # silent u
        ("guerra", 2),
        ("pingüino", 3),  # pin-güi-no
        ("ahora", 3),  # h does not join a-o
        ("información", 4),
        ("oía", 3),
    ],
)
def test_syllables_follow_spanish_diphthongs_and_hiatus(word: str, count: int) -> None:
    assert syllables(word) == count


def test_total_syllables_sums_words() -> None:
    assert total_syllables(["la", "información", "casa"]) == 1 + 4 + 2


def test_szigriszt_pazos_worked_value() -> None:
    # 100 words, 200 syllables, 5 sentences: 206,835 − 62,3·2 − 20 = 62,235 ("normal").
    value = szigriszt_pazos(100, 200, 5)
    assert value == pytest.approx(62.235)
    assert inflesz_band(value) == "normal"


def test_fernandez_huerta_worked_value() -> None:
    # P = 200 syllables per 100 words, F = 5 sentences per 100 words:
    # 206,84 − 0,60·200 − 1,02·5 = 81,74.
    assert fernandez_huerta(100, 200, 5) == pytest.approx(81.74)


@pytest.mark.parametrize(
    ("index", "band"),
    [
        (39.9, "muy difícil"),
        (40, "algo difícil"),
        (55, "normal"),
        (65, "bastante fácil"),
        (80, "muy fácil"),
    ],
)
def test_inflesz_scale_bands(index: float, band: str) -> None:
    assert inflesz_band(index) == band


def test_formulas_refuse_a_text_without_words() -> None:
    with pytest.raises(ValueError):
        szigriszt_pazos(0, 0, 0)


def test_legalisms_are_whole_phrases_and_the_answer_is_measured_once() -> None:
    from auditoria_calidad.domain.screening.inputs import ScreeningSettings
    from auditoria_calidad.domain.screening.plain_language import measure

    settings = ScreeningSettings()
    text = "Le solicitamos allegar el documento. Los documentos allegados fueron revisados."
    found = measure(text, text, settings, frozenset())
    assert found.legalisms == ("allegar",)  # «allegados» is not the listed «allegar»
    # Words and the folded text given by the caller give the same findings.
    again = measure(
        text,
        text,
        settings,
        frozenset(),
        body_words=text.lower().replace(".", "").split(),
        folded_text=text.lower(),
    )
    assert again == found
    other = "Los allegados llegaron."
    assert measure(other, other, settings, frozenset()).legalisms == ()
