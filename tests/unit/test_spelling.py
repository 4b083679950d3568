"""Specification of the offline Spanish spelling pre-check (F182 "redacción y ortografía").

The quality measures at the end run on real, well-written paragraphs of the seed documents
(tests/unit/data/spelling_corpus_es.txt) and on the same paragraphs with misspellings
generated from their own words; tests/perf/bench_spelling.py prints the same figures.
"""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from pathlib import Path

import pytest

from auditoria_calidad.domain.scheme import SpellingBand, load_default_scheme
from auditoria_calidad.domain.spelling import (
    SpellChecker,
    SpellReport,
    check_text,
    propose_level,
    suspect_words,
    utf16_index,
)

CORPUS = Path(__file__).parent / "data" / "spelling_corpus_es.txt"
# Proper nouns and loanwords of the corpus that the dictionary does not know (the rest of
# its names are skipped by the capitalisation rule or are in RLA-ES, which lists places).
CORPUS_ENTITY_WORDS = frozenset({"Outsourcing", "Contact center", "ICETEX", "ANM", "GAPCC"})


@pytest.fixture(scope="module")
def checker() -> SpellChecker:
    return SpellChecker.load(entity_words=["ICETEX", "Tú Eliges", "Yuliana", "Pérez"])


def suspects(text: str, checker: SpellChecker) -> list[str]:
    return [s.word for s in check_text(text, checker, suggestions=False).suspects]


# ---------------------------------------------------------------------------
# Words, offsets and what is ignored


def test_suspect_offsets_are_python_string_indices_of_the_original_text(
    checker: SpellChecker,
) -> None:
    text = "😀 Señora: la informacion 👍🏽 fue resivida."
    report = check_text(text, checker)
    # 😀 is one code point; 👍🏽 is two (the thumb and its skin tone).
    assert [(s.word, s.start, s.end) for s in report.suspects] == [
        ("informacion", 13, 24),
        ("resivida", 32, 40),
    ]
    for suspect in report.suspects:
        assert text[suspect.start : suspect.end] == suspect.word


def test_utf16_index_counts_emoji_as_two_units_for_qt() -> None:
    text = "😀 informacion"
    assert utf16_index(text, 2) == 3
    assert utf16_index("información", 5) == 5


def test_decomposed_accents_are_read_as_composed_and_keep_their_offsets(
    checker: SpellChecker,
) -> None:
    text = "La informacio\u0301n esta\u0301 lista, pero la solisitud no."
    report = check_text(text, checker)
    # Two combining accents before it: "solisitud" starts at str index 37, not 35.
    assert [(s.word, s.start) for s in report.suspects] == [("solisitud", 37)]
    assert text.index("solisitud") == 37
    assert report.word_count == 8


def test_word_count_counts_what_a_reader_counts(checker: SpellChecker) -> None:
    text = "El radicado 2026-ER-0123456 — ver www.icetex.gov.co — es socio-económico, y/o 3 %."
    # El, radicado, 2026-ER-0123456, ver, www.icetex.gov.co, es, socio-económico, y/o, 3
    assert check_text(text, checker).word_count == 9


def test_capitalised_word_inside_a_sentence_is_taken_as_a_name(checker: SpellChecker) -> None:
    assert suspects("Le escribió la señora Yeisy Gutiérrez Quintanilla ayer.", checker) == []


def test_capitalised_slip_of_a_common_word_is_suspect_inside_a_sentence(
    checker: SpellChecker,
) -> None:
    text = "Aprobado el Credito de la Univresidad para el Usaurio por la Atencion recibida."
    assert suspects(text, checker) == ["Credito", "Univresidad", "Usaurio", "Atencion"]


def test_names_close_to_no_common_word_still_pass_inside_a_sentence(
    checker: SpellChecker,
) -> None:
    # One plain edit from a common word ("campo", "patio", "liviana", "condonó") is not
    # enough for a short name or one whose first letter differs.
    text = "Firmaron Ocampo, Patiño, Arango, Liliana Londoño y Viviana con la señora Yeisy."
    assert suspects(text, checker) == []


def test_entity_words_pass_even_when_close_to_a_common_word(checker: SpellChecker) -> None:
    other = checker.with_entity_words({"Credito Plus"})
    assert suspects("Pida el Credito Plus hoy.", other) == []


def test_accepted_words_pass_for_one_text_only(checker: SpellChecker) -> None:
    text = "Tuberquia Marleny:\nsu solicitud fue aprobada."
    assert suspects(text, checker) == ["Tuberquia"]
    report = check_text(text, checker, suggestions=False, accepted=["Marleny Tuberquia"])
    assert report.suspects == ()


def test_suspect_words_finds_what_check_text_finds(checker: SpellChecker) -> None:
    texts = [
        corpus_text()[:3000],
        "Aprobado el Credito. Resivimos la solisitud de la Univresidad.",
        "[14:03:12] Usuario: hola\n[14:03:40] Agente (Ana): Resivido el documento.",
        "Respetada señora Marleny Tuberquia:\n\nSu caso fue atendido.",
    ]
    for text in texts * 2:  # the second time, from the remembered tokens
        report = check_text(text, checker, suggestions=False, accepted=["Marleny Tuberquia"])
        assert suspect_words(text, checker, ["Marleny Tuberquia"]) == (
            report.word_count,
            tuple(s.word for s in report.suspects),
        )


def test_first_word_of_a_sentence_is_checked_even_capitalised(checker: SpellChecker) -> None:
    text = "Informasion enviada. Resivimos su queja! ¿Quisás mañana?\nAver si llega."
    assert suspects(text, checker) == ["Informasion", "Resivimos", "Quisás", "Aver"]


def test_abbreviation_or_initial_does_not_end_a_sentence(checker: SpellChecker) -> None:
    text = "Atendió el Sr. Yeison y la Dra. Yurany, con J. Ospina Mendivelso."
    assert suspects(text, checker) == []


def test_acronyms_mixed_case_and_one_letter_words_are_ignored(checker: SpellChecker) -> None:
    text = "Consulte el SIIF, el RUT o la DIAN desde su iPhone; el literal b del artículo."
    report = check_text(text, checker)
    assert report.suspects == ()
    assert report.word_count == 16


def test_numbers_radicados_emails_and_urls_are_counted_not_checked(
    checker: SpellChecker,
) -> None:
    text = (
        "Su caso CHAT-2026-000123 y el radicado 2026-ER-0123456 del 3er periodo, por $1.500.000,"
        " se respondió a atencion.usuario@icetex.gov.co; consulte https://portal.icetex.gov.co/"
        "Portal/creditos o www.icetex.gov.co y tambien icetex.gov.co/paz-y-salvo."
    )
    report = check_text(text, checker, suggestions=False)
    assert [s.word for s in report.suspects] == ["tambien"]
    assert report.word_count == 23


def test_transcript_prefixes_are_neither_counted_nor_checked(checker: SpellChecker) -> None:
    text = (
        "[14:03:12] Usuario: Buenas tardes, nesecito ayuda.\n"
        "[14:03:40] Agente (Yurleidy Bohórquez): Con gusto le colaboro.\n"
        "14:05 - Cliente: gracias\n"
        "Asesora Marleny Tuberquia: Bienvenida al chat.\n"
        "Agente: Resivido."
    )
    report = check_text(text, checker)
    assert [s.word for s in report.suspects] == ["nesecito", "Resivido"]
    # Buenas tardes, nesecito ayuda. / Con gusto le colaboro. / gracias /
    # Bienvenida al chat. / Resivido.
    assert report.word_count == 4 + 4 + 1 + 3 + 1


def test_a_line_that_only_starts_like_a_prefix_is_still_text(checker: SpellChecker) -> None:
    text = "Usuario solicita lo siguiente: informasion del credito."
    assert suspects(text, checker) == ["informasion", "credito"]
    # A time stamp is dropped, but six words before ":" are no speaker label.
    report = check_text("10:30 a.m. es la cita en la ofisina: mañana.", checker)
    assert (report.word_count, [s.word for s in report.suspects]) == (7, ["ofisina"])


def test_lower_case_proper_noun_is_suspect_and_suggests_the_capital(
    checker: SpellChecker,
) -> None:
    report = check_text("Viajará a colombia en junio.", checker)
    assert [s.word for s in report.suspects] == ["colombia"]
    assert report.suspects[0].suggestions[0] == "Colombia"


# ---------------------------------------------------------------------------
# Entity word list


def test_entity_words_are_case_insensitive_but_accent_sensitive(checker: SpellChecker) -> None:
    assert suspects("Icetex y la línea tú eliges. Pérez. Perez. Yuliana.", checker) == ["Perez"]


def test_with_entity_words_replaces_the_list_and_reuses_the_dictionary(
    checker: SpellChecker,
) -> None:
    other = checker.with_entity_words({"Condonación Plus", "Mifuturo"})
    assert other._lexicon is checker._lexicon
    assert "mifuturo" in other.entity_words and "icetex" not in other.entity_words
    assert suspects("Mifuturo. Icetex.", other) == ["Icetex"]
    assert SpellChecker.load()._lexicon is checker._lexicon  # loaded once per process


# ---------------------------------------------------------------------------
# Suggestions


@pytest.mark.parametrize(
    ("wrong", "expected"),
    [
        ("informacion", "información"),  # accent
        ("havilitada", "habilitada"),  # b/v
        ("solisitud", "solicitud"),  # s/c
        ("ubiera", "hubiera"),  # missing h
        ("desicion", "decisión"),  # s/c twice and an accent
        ("porfavor", "por favor"),  # glued words
        ("Informasion", "Información"),  # capital kept
        ("exelente", "excelente"),
    ],
)
def test_first_suggestion_fixes_common_slips(
    checker: SpellChecker, wrong: str, expected: str
) -> None:
    found = checker.suggest(wrong)
    assert found[0] == expected
    assert len(found) <= 5


def test_check_can_skip_suggestions(checker: SpellChecker) -> None:
    report = check_text("Resivimos la solisitud.", checker, suggestions=False)
    assert [s.suggestions for s in report.suspects] == [(), ()]


# ---------------------------------------------------------------------------
# Rate and proposed level


def test_rate_and_level_follow_the_scheme_bands(checker: SpellChecker) -> None:
    bands = load_default_scheme("virtual").thresholds.spelling_bands
    words = ["palabra"] * 98
    report = check_text(" ".join([*words, "informacion", "resivida"]), checker)
    assert report.word_count == 100
    assert report.suspects_per_100 == Decimal(2)
    assert report.proposed_level(bands) == "medio"
    assert check_text(" ".join(words), checker).proposed_level(bands) == "alto"


def test_propose_level_takes_the_first_band_whose_limit_is_not_exceeded() -> None:
    bands = (
        SpellingBand("alto", Decimal(1)),
        SpellingBand("medio", Decimal(3)),
        SpellingBand("bajo", None),
    )
    assert propose_level(Decimal(0), bands) == "alto"
    assert propose_level(Decimal(1), bands) == "alto"
    assert propose_level(1.01, bands) == "medio"
    assert propose_level(3, bands) == "medio"
    assert propose_level(Decimal("3.0001"), bands) == "bajo"
    assert propose_level(1, ()) is None


def test_a_text_without_words_proposes_no_level() -> None:
    report = SpellReport(word_count=0, checked_count=0, suspects=())
    assert report.suspects_per_100 == 0
    assert report.proposed_level(load_default_scheme("chat").thresholds.spelling_bands) is None


# ---------------------------------------------------------------------------
# Shipped dictionary


def test_dictionary_is_shipped_with_its_licence_and_a_current_word_list() -> None:
    folder = resources.files("auditoria_calidad") / "resources" / "dictionaries"
    manifest = json.loads((folder / "es_CO_words.json").read_text(encoding="utf-8"))
    for name_key in ("source_dic", "source_aff", "supplement"):
        # CRLF read as LF, as the build script does: a Windows checkout may convert.
        content = (folder / manifest[name_key]).read_bytes().replace(b"\r\n", b"\n")
        assert hashlib.sha256(content).hexdigest() == manifest[f"{name_key}_sha256"], (
            f"{manifest[name_key]} changed: run python scripts/build_spelling_dictionary.py"
        )
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "RLA-ES" in readme and "MPL" in readme
    assert "Mozilla Public License" in (folder / "LICENSE-MPL-1.1.txt").read_text(encoding="utf-8")
    assert SpellChecker.load().form_count == manifest["forms"]


# ---------------------------------------------------------------------------
# Quality on real text (also printed by tests/perf/bench_spelling.py)


def corpus_text() -> str:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if not line.startswith("#")).strip() + "\n"


_ACCENT_DROP = str.maketrans("áéíóú", "aeiou")
_SOUND_SWAPS = {"b": "v", "v": "b", "s": "c", "c": "s", "z": "s"}


def misspell(word: str, kind: str, rng: random.Random) -> str | None:
    """One misspelling of ``word`` of the given kind, or None if the word has no such."""
    if kind == "accent":
        dropped = word.translate(_ACCENT_DROP)
        return dropped if dropped != word else None
    if kind == "swap":
        spots = [i for i in range(len(word) - 1) if word[i] != word[i + 1]]
        if not spots:
            return None
        i = rng.choice(spots)
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind in ("b/v", "s/c/z"):
        letters = "bv" if kind == "b/v" else "scz"
        spots = [i for i, ch in enumerate(word) if ch in letters]
        if not spots:
            return None
        i = rng.choice(spots)
        return word[:i] + _SOUND_SWAPS[word[i]] + word[i + 1 :]
    if kind == "missing h":
        i = word.find("h")
        if i < 0 or word[i - 1 : i] == "c":  # "ch" is a letter of its own
            return None
        return word[:i] + word[i + 1 :]
    raise ValueError(kind)


MISSPELLING_KINDS = ("accent", "swap", "b/v", "s/c/z", "missing h")


@dataclass(frozen=True)
class InjectedText:
    text: str
    errors: dict[tuple[int, int], tuple[str, str, str]]  # span → (wrong, right, kind)


def inject_misspellings(
    text: str, checker: SpellChecker, every: int = 8, seed: int = 182
) -> InjectedText:
    """Replace about one word in ``every`` with a misspelling that is not itself a word.

    Only lower-case words of four letters or more are changed (a capitalised word inside
    a sentence is taken as a name by design). The kind used least so far is tried first,
    so that every kind is represented.
    """
    rng = random.Random(seed)
    out: list[str] = []
    errors: dict[tuple[int, int], tuple[str, str, str]] = {}
    used = dict.fromkeys(MISSPELLING_KINDS, 0)
    position = 0
    for i, piece in enumerate(text.split(" ")):
        word = piece.strip('.,;:()¿?¡!"“”\n')
        if i % every == every // 2 and word.isalpha() and word.islower() and len(word) >= 4:
            for kind in sorted(MISSPELLING_KINDS, key=lambda k: (used[k], rng.random())):
                wrong = misspell(word, kind, rng)
                if wrong and not checker.is_correct(wrong):
                    start = position + piece.index(word)
                    piece = piece.replace(word, wrong, 1)
                    errors[(start, start + len(wrong))] = (wrong, word, kind)
                    used[kind] += 1
                    break
        out.append(piece)
        position += len(piece) + 1
    return InjectedText(" ".join(out), errors)


def quality(checker: SpellChecker) -> dict[str, object]:
    """False flags on clean text, and recall, precision and suggestion hits with errors."""
    clean = corpus_text()
    entity_checker = checker.with_entity_words(CORPUS_ENTITY_WORDS)
    clean_report = check_text(clean, entity_checker, suggestions=False)
    injected = inject_misspellings(clean, entity_checker)
    report = check_text(injected.text, entity_checker)
    flagged = {(s.start, s.end): s for s in report.suspects}
    hits = [span for span in injected.errors if span in flagged]
    by_kind: dict[str, list[int]] = {}
    for span, (_, _, kind) in injected.errors.items():
        by_kind.setdefault(kind, [0, 0])
        by_kind[kind][0] += span in flagged
        by_kind[kind][1] += 1
    top1 = sum(flagged[s].suggestions[:1] == (injected.errors[s][1],) for s in hits)
    top5 = sum(injected.errors[s][1] in flagged[s].suggestions for s in hits)
    return {
        "clean_words": clean_report.word_count,
        "clean_flagged": [s.word for s in clean_report.suspects],
        "false_flag_percent": round(float(clean_report.suspects_per_100), 3),
        "injected_errors": len(injected.errors),
        "recall_percent": round(100 * len(hits) / len(injected.errors), 2),
        "recall_by_kind": {k: f"{hit}/{total}" for k, (hit, total) in sorted(by_kind.items())},
        "precision_percent": round(100 * len(hits) / len(report.suspects), 2),
        "suggestion_top1_percent": round(100 * top1 / len(hits), 1),
        "suggestion_top5_percent": round(100 * top5 / len(hits), 1),
    }


@pytest.fixture(scope="module")
def measured(checker: SpellChecker) -> dict[str, object]:
    return quality(checker)


def test_corpus_is_a_few_thousand_words_of_real_text(measured: dict[str, object]) -> None:
    assert measured["clean_words"] >= 3000
    assert measured["injected_errors"] >= 200
    assert set(measured["recall_by_kind"]) == set(MISSPELLING_KINDS)  # type: ignore[arg-type]


def test_well_written_text_has_at_most_one_percent_of_words_flagged(
    measured: dict[str, object],
) -> None:
    assert measured["false_flag_percent"] <= 1.0, measured["clean_flagged"]


def test_at_least_95_percent_of_dictionary_detectable_misspellings_are_flagged(
    measured: dict[str, object],
) -> None:
    assert measured["recall_percent"] >= 95.0, measured["recall_by_kind"]


def test_flags_on_text_with_errors_are_mostly_the_errors(measured: dict[str, object]) -> None:
    assert measured["precision_percent"] >= 90.0


def test_suggestions_usually_hold_the_right_word(measured: dict[str, object]) -> None:
    assert measured["suggestion_top5_percent"] >= 85.0
