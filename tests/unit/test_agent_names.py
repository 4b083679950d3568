"""Agent names: one key for one agent, proposals for probably one person."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditoria_calidad.domain.agent_names import (
    REASON_ONE_LETTER,
    REASON_SAME_SPELLING,
    REASON_WORD_ORDER,
    agent_key,
    display_name,
    merge_proposals,
    names_no_one,
    probably_same,
)


@pytest.mark.parametrize(
    "variant",
    [
        "Ana Pérez Gómez",
        "ANA PÉREZ GÓMEZ",
        "ana perez gomez",
        "  Ana   Pérez Gómez ",
        "Ana\u00a0Pérez\u00a0Gómez",  # no-break spaces
        "Ana\u202fPérez Gómez",  # narrow no-break space
        "Ana Pé\u200brez Gómez",  # zero-width space
        "\ufeffAna Pérez\u200c Gó\u200dmez",  # BOM, zero-width (non-)joiners
        "Ana Pe\u0301rez Go\u0301mez",  # accents as combining marks (NFD)
        "Ana\tPérez\nGómez",
    ],
)
def test_spellings_that_differ_only_in_how_they_are_written_have_one_key(variant):
    assert agent_key(variant) == "ana perez gomez"


def test_the_enye_is_a_letter_not_an_accent():
    assert agent_key("Luis PEÑA") == agent_key("luis peña") == "luis peña"
    assert agent_key("Luis Peña") != agent_key("Luis Pena")
    assert probably_same("Luis Peña", "Luis Pena")


def test_display_name_drops_invisible_characters_and_keeps_case_and_accents():
    assert display_name("\ufeff Ana\u00a0\u00a0Pérez\u200b Gómez ") == "Ana Pérez Gómez"
    assert display_name("Ana Pe\u0301rez") == "Ana Pérez"  # composed (NFC)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ana Pérez Gómez", "Ana Peres Gómez"),  # one letter changed
        ("Ana Pérez Gómez", "Ana Pérez Gomes"),  # changed, accents aside
        ("Carlos Rojas", "Calros Rojas"),  # two neighbours swapped
        ("Marcela Díaz", "Marcla Díaz"),  # one letter missing
        ("Marcela Díaz", "Marcela Díazz"),  # one letter too many
        ("Pérez Gómez Ana", "Ana Pérez Gómez"),  # same words in another order
        ("PÉREZ GÓMEZ, ANA"[:-5] + " ANA", "ana perez gomez"),
    ],
)
def test_one_typo_or_another_word_order_is_probably_the_same_person(a, b):
    assert probably_same(a, b)
    assert probably_same(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ana Pérez Gómez", "ANA PEREZ GOMEZ"),  # the same agent, not "probably"
        ("Ana Pérez Gómez", "Ana Pérez Gómez"),
        ("Ana Pérez", "Ana Rojas"),
        ("Carlos Rojas", "Carla Rojas Díaz"),
        ("Asesor 01", "Asesor 02"),  # numbered logins are distinct agents
        ("Marcela Díaz", "Marcelo Dias"),  # two letters
        ("", "A"),
    ],
)
def test_other_pairs_are_not_proposed(a, b):
    assert not probably_same(a, b)


def test_merge_proposals_name_each_pair_once_with_its_reason_in_spanish():
    names = [
        "Ana Pérez Gómez",
        "Pérez Gómez Ana",
        "Luis Rojas",
        "Lius Rojas",
        "Marcela Díaz",
        "MARCELA DIAZ",
        "Asesor 01",
        "Asesor 02",
        "Luis Rojas",
    ]
    assert merge_proposals(names) == [
        ("Ana Pérez Gómez", "Pérez Gómez Ana", REASON_WORD_ORDER),
        ("Luis Rojas", "Lius Rojas", REASON_ONE_LETTER),
        ("Marcela Díaz", "MARCELA DIAZ", REASON_SAME_SPELLING),
    ]
    assert REASON_ONE_LETTER == "difieren en una letra"
    assert REASON_WORD_ORDER == "mismas palabras en otro orden"


_letters = st.text(alphabet="abcdefghijklmnopqrstuvwxyzáéíóúñ", min_size=2, max_size=10)
_invisible = st.sampled_from(["", "\u200b", "\u200c", "\u200d", "\ufeff"])
_space = st.sampled_from([" ", "  ", "\u00a0", "\u202f", " \u00a0", "\t"])


@given(st.lists(_letters, min_size=1, max_size=4), st.data())
def test_invisible_characters_spaces_and_case_never_change_the_key(words, data):
    noisy_words = []
    for word in words:
        noisy = ""
        for char in word:
            noisy += data.draw(_invisible) + (char.upper() if data.draw(st.booleans()) else char)
        noisy_words.append(noisy)
    noisy = data.draw(_space) + "".join(w + data.draw(_space) for w in noisy_words)
    name = " ".join(words)
    assert agent_key(noisy) == agent_key(name)
    assert not probably_same(noisy, name)


NO_AGENT = ["Sin asignar", "SIN ASIGNAR", "Unassigned", "(ninguno)", "N/A", "-", "--",
            "No asignado", "[none]", "*", "Sin agente"]  # fmt: skip


@pytest.mark.parametrize("value", NO_AGENT)
def test_values_that_name_no_agent(value: str) -> None:
    assert names_no_one(value)


@pytest.mark.parametrize("value", ["Ana Pérez", "Nadia Ruiz", "NA Gómez", "Bot PQRSD", "agente01"])
def test_people_and_logins_are_agents(value: str) -> None:
    assert not names_no_one(value)
