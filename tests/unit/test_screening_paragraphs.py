"""Specification of the paragraph memories of the per-answer checks
(domain/screening/paragraphs.py): what is summed over an answer's paragraphs is what the
checks find reading the whole text, whatever the paragraphs hold."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from auditoria_calidad.demo import texts as t
from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.scheme import load_default_scheme
from auditoria_calidad.domain.screening import ScreeningSettings
from auditoria_calidad.domain.screening import paragraphs as memory_module
from auditoria_calidad.domain.screening.answer_checks import AnswerChecks
from auditoria_calidad.domain.screening.answer_parts import name_words, words
from auditoria_calidad.domain.screening.congruence import Stemmer
from auditoria_calidad.domain.screening.paragraphs import (
    ParagraphMemory,
    end_to_end,
    layout_of,
    legalisms_of,
    names_in,
    spelling_tally,
    tokens_of,
)
from auditoria_calidad.domain.screening.plain_language import (
    body_layout,
    ends_open,
    measure,
    paragraph_lines,
    sentence_words,
    sentences,
)
from auditoria_calidad.domain.screening.readability import total_syllables
from auditoria_calidad.domain.screening.reuse import Grouping, Sketcher, normalised_tokens
from auditoria_calidad.domain.spelling import SpellChecker, suspect_words, without_accepted

NAMES = ("Laura Gómez Pabón", "Diana Rojas")


@pytest.fixture(scope="module")
def settings() -> ScreeningSettings:
    return ScreeningSettings(entity_names=("ICETEX",), entity_words=t.ENTITY_WORDS).for_scheme(
        load_default_scheme("virtual")
    )


# Pieces that test the edges of a paragraph: abbreviations and initials before a blank line
# (a sentence that may go on), hours, legalisms, capitals, misspellings, names, a letter
# whose lower case is longer («İ»), codes and amounts.
PIECES = [
    "Le informamos que su solicitud fue aprobada.",
    "Atentamente, el Sr.",
    "la vitamina C.",
    "Cra. 7 # 32-16 int. 4, etc.",
    "de 8:00 a. m. a 5:00 p. m.",
    "etc.",
    "En efecto, sírvase allegar los documentos.",
    "Toda vez que el Credito fue girado, la Univresidad confirmará.",
    "Usaurio, su pago de $ 1.250.000 quedó aplicado el 01/10/2026.",
    "La señora Laura Gómez Pabón y la asesora Diana Rojas revisaron el caso.",
    "İSTANBUL queda lejos; el ICETEX, Instituto Colombiano de Crédito Educativo, responde.",
    "«Consulte el SNIES.»",
    "Quedamos atentos a cualquier inquietud adicional.",
    "Reciba un cordial saludo del ICETEX.",
    "",
]
BREAKS = ["\n\n", "\n\n\n", "\n \t\n", "\n", " ", "  "]


@st.composite
def texts(draw: st.DrawFn) -> str:
    count = draw(st.integers(1, 7))
    out = []
    for _ in range(count):
        out.append(draw(st.sampled_from(PIECES)))
        out.append(draw(st.sampled_from(BREAKS)))
    return "".join(out).strip()


def _memory(settings: ScreeningSettings, checker: SpellChecker) -> ParagraphMemory:
    checks = AnswerChecks(settings, checker)
    return ParagraphMemory(settings, checks.spelling.checker, Stemmer(), Sketcher())


@hypothesis_settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=texts())
def test_paragraph_sums_are_what_the_whole_text_gives(settings, checker, text) -> None:
    memory = _memory(settings, checker)
    spelling_checker = AnswerChecks(settings, checker).spelling.checker
    written = memory.text(text)
    tally = spelling_tally(written)
    assert (tally[0], without_accepted(tally[1], NAMES)) == suspect_words(
        text, spelling_checker, NAMES
    )
    whole = measure(text, text, settings, frozenset())
    legalisms = legalisms_of(written)
    assert legalisms is None or legalisms == whole.legalisms
    body = memory.body(text)
    layout = layout_of(body)
    assert layout is None or layout == body_layout(text, settings.line_width, words(text.lower()))
    names = name_words(*NAMES)
    assert tokens_of(body, names) == normalised_tokens(text, names)
    if not names_in(body, names) and normalised_tokens(text, names):
        sketcher = Sketcher()
        runs = [(facts.tokens, facts.shingles) for facts in body]
        assert sketcher.of_runs(runs) == sketcher.of_tokens(normalised_tokens(text, names))
    stems = set().union(*(facts.stems for facts in body))
    stems -= memory._stemmer.stems_of_words(names, frozenset())
    assert stems == Stemmer().stems_of_words(words(text.lower()), names)


def test_a_sentence_that_may_go_on_after_a_blank_line_is_measured_whole(settings, checker) -> None:
    text = "Le escribe el Sr.\n\nPérez, de la oficina de crédito."
    memory = _memory(settings, checker)
    assert layout_of(memory.body(text)) is None  # the caller measures the body whole
    assert body_layout(text, settings.line_width).sentence_words == (10,)


def test_a_text_whose_folding_moves_characters_reads_legalisms_whole(settings, checker) -> None:
    memory = _memory(settings, checker)
    assert legalisms_of(memory.text("İSTANBUL.\n\nEn efecto, sírvase responder.")) is None
    assert legalisms_of(memory.text("Hola.\n\nEn efecto, sírvase responder.")) == ("sírvase",)


def test_findings_do_not_depend_on_what_the_memory_holds(settings, checker, monkeypatch) -> None:
    body = "\n\n".join(PIECES[:4] + PIECES[6:10])
    answers = [
        (
            Channel.VIRTUAL,
            f"Respetada señora {name}:\n\n{body}\n\nCordialmente,\n\n{agent}",
            name,
            agent,
        )
        for name, agent in (NAMES, ("Pedro Ruiz", "Ana Mora"), NAMES)
    ]
    fresh = [AnswerChecks(settings, checker).check(a) for a in answers]
    remembered = AnswerChecks(settings, checker)
    assert [remembered.check(a) for a in answers] == fresh
    monkeypatch.setattr(memory_module, "MEMORY_LIMIT", 2)  # emptied again and again
    small = AnswerChecks(settings, checker)
    assert [small.check(a) for a in answers] == fresh
    monkeypatch.setattr(memory_module, "MEMORY_LIMIT", 1_000)
    monkeypatch.setattr(memory_module, "MEMORY_CHARS", 100)  # emptied by its characters
    monkeypatch.setattr(memory_module, "LONGEST_KEPT", 40)  # long paragraphs not kept
    short = AnswerChecks(settings, checker)
    assert [short.check(a) for a in answers] == fresh


def test_bodies_grouped_one_at_a_time_keep_their_order_and_equal_bodies_join() -> None:
    sketch = Sketcher()
    template = " ".join(["el credito educativo financia programas de pregrado"] * 3)
    other = " ".join(["la beca cubre la matricula y el sostenimiento del estudiante"] * 3)
    bodies = [template, None, other, template + " hoy", template, other]
    grouping = Grouping(0.8)
    for body in bodies:
        grouping.add(None if body is None else sketch(body))
    group_of = grouping.group_of()
    assert group_of[1] is None
    assert group_of[0] == group_of[3] == group_of[4] != group_of[2] == group_of[5]
    assert grouping.groups() == [[0, 3, 4], [2, 5]]


# A body paragraph met for the first time is summed from its sentences when they lie end to
# end in it: the same facts as the paragraph's own, whatever stands between its sentences.
SENTENCE_BREAKS = [" ", "  ", "\n", " \n ", "\t"]
MORE_PIECES = [
    "¿Recibió el correo?",
    "¡Felicitaciones!",
    "Quedamos atentos…",
    "El trámite terminó.» Luego se archivó.",
    "Lo atendió el Sr. Pérez a las 8 a. m. Luego llamó.",
    "Paso 1. Radicar. Paso 2. Esperar.",
    "(Ver el Decreto 1075 de 2015.)",
]


@st.composite
def paragraphs(draw: st.DrawFn) -> str:
    count = draw(st.integers(2, 8))
    out = []
    for _ in range(count):
        out.append(draw(st.sampled_from([p for p in PIECES if p] + MORE_PIECES)))
        out.append(draw(st.sampled_from(SENTENCE_BREAKS)))
    return "".join(out).strip()


@hypothesis_settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(paragraph=paragraphs())
def test_a_paragraph_summed_from_its_sentences_has_its_own_facts(
    settings, checker, paragraph
) -> None:
    memory = _memory(settings, checker)
    memory.body("\n\n".join(MORE_PIECES))  # some of its sentences already met
    facts = memory.body(paragraph)[0]
    cut = sentences(paragraph)
    letters = words(paragraph.lower())
    tokens = normalised_tokens(paragraph, frozenset())
    assert facts.sentence_words == tuple(map(sentence_words, cut))
    assert facts.lines == paragraph_lines(paragraph, settings.line_width)
    assert (facts.letters, facts.syllables) == (len(letters), total_syllables(letters))
    assert set(facts.stems) == Stemmer().stems_of_words(letters, frozenset())
    assert list(facts.tokens) == tokens
    assert set(facts.shingles) == set(Sketcher().own_shingles(tokens))
    assert facts.open_end == ends_open(cut)


def test_sentences_end_to_end_only_with_whitespace_between() -> None:
    assert end_to_end("Uno.  Dos.\nTres.", ["Uno.", "Dos.", "Tres."])
    assert not end_to_end("Uno.» Dos.", ["Uno.", "Dos."])  # a closing quote between
    assert not end_to_end("Uno.Dos.", ["Uno.", "Dos."])  # nothing between
    assert not end_to_end("Sr.\nPérez vino.", ["Sr. Pérez vino."])  # joined with a space
    assert not end_to_end("Uno. Dos. Tres", ["Uno.", "Dos."])  # text left over
