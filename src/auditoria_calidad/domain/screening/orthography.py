"""``ortografia``: the words the spelling pre-check (domain/spelling.py) suspects in what
the agent wrote, with the level the scheme's spelling bands propose.

The screening reads the pre-check's suspects once more, with what an answer of a
Colombian public entity holds and the dictionary lacks:

- ``SUPPLEMENTARY_WORDS``, administrative words missing from RLA-ES («desprendible»,
  «semestralidad», «parafiscales», «raizales», «hábeas»), pass like the entity's words;
- two words written as one that are always a slip («Aver», «Osea», «Aveces», «Atravez»,
  «Apesar», «Almenos») are suspect wherever they stand, also those the dictionary knows
  from a rare verb;
- a verb with its pronouns attached passes when the verb is in the dictionary
  («expedirle», «diligenciarlo», «radicarlas», «adjuntárnoslo»; see ``_clitic_form``);
- a capitalised word unknown to the dictionary is judged the same wherever it stands, as
  the pre-check judges it inside a sentence: it is suspect when it looks like a slip of a
  common word («Credito», «Univresidad», «Usaurio», «Porfavor») or like a known proper
  name without its accent («Medellin», «Bogota»), and otherwise taken as a name
  («Colfuturo», «Nequi», «Uniminuto», «Yeimy»), also as the first word of a sentence. A
  written accent that the near common word lacks marks a name too («Bancamía», near
  «bancaria»).

Every verdict is remembered per word (and per token for the accent check), so a month of
answers costs a few set look-ups an answer more.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from auditoria_calidad.domain.plurals import counted
from auditoria_calidad.domain.scheme import SpellingBand
from auditoria_calidad.domain.screening.alerts import ORTOGRAFIA, Alert, decimal_es
from auditoria_calidad.domain.spelling import (
    SpellChecker,
    SpellReport,
    SuspectWord,
    check_text,
    propose_level,
    suspect_words,
    without_accepted,
)

# Words that answers of Colombian public entities hold and the dictionary lacks (checked
# against it: each one is missing): administrative words, verb forms, places, names and
# brands. They pass like the entity's words, case-insensitively.
SUPPLEMENTARY_WORDS: tuple[str, ...] = (
    "bancarizado",
    "bancarizada",
    "bancarizados",
    "bancarizadas",
    "decil",
    "descargable",
    "descargables",
    "desprendible",
    "desprendibles",
    "extemporaneidad",
    "fonoaudiología",
    "habeas",
    "hábeas",
    "interoperabilidad",
    "palenquera",
    "palenqueras",
    "palenquero",
    "palenqueros",
    "parafiscal",
    "parafiscales",
    "posgradual",
    "posgraduales",
    "pregradual",
    "pregraduales",
    "preicfes",
    "raizal",
    "raizales",
    "semestralidad",
    "semestralidades",
    "sisbén",
    "sisbenizado",
    "sisbenizada",
    "tecnóloga",
    "tecnólogas",
    "tecnólogo",
    "tecnólogos",
    "micrositio",
    "micrositios",
    "prejurídico",
    "prejurídica",
    "prejurídicos",
    "prejurídicas",
    "preuniversitario",
    "preuniversitaria",
    "preuniversitarios",
    "preuniversitarias",
    "videollamada",
    "videollamadas",
    "acudiente",
    "acudientes",
    "momentico",
    "momentito",
    "wayuu",
    "selfi",
    "selfis",
    # «reversar» and «aperturar» (DLE), whose forms the dictionary lacks
    "reversa", "reversan", "reversamos", "reversó", "reversaron", "reversado", "reversada",
    "reversados", "reversadas", "reversará", "reversarán", "reversaremos", "reversando",
    "reverse", "reversen", "reversé",
    "aperturar", "apertura", "aperturamos", "aperturó", "aperturaron", "aperturado",
    "aperturada", "aperturará", "aperture", "aperturen",
    # Words of digital services that answers use as everyone says them (no slip of a
    # Spanish word; the plain-language guide may prefer «enlace», «aplicación»)
    "app", "apps", "link", "links", "email", "emails", "mail", "spam", "online", "token",
    "tokens", "wifi",
    # Bogotá's localities and other places the dictionary lacks
    "Bosa", "Usme", "Usaquén", "Fontibón", "Engativá", "Tunjuelito", "Sumapaz",
    # Common Colombian names and surnames one slip away from a common word
    "Camila", "Yesica", "Jessica", "Ludy", "Hilda", "Gilberto", "Libardo", "Barraza", "Prada",
    "Pabón", "Polanía", "Ariza", "Arrechea", "Cortez", "Amaya", "Baquero", "Lasso", "Motta",
    "Umaña", "Peñaloza",
    # Health insurers, credit bureaus, payment services and meeting tools
    "Sura", "Sanitas", "Movii", "Experian", "Chrome", "Teams", "Zoom", "Meet", "Colciencias",
)  # fmt: skip

_UNACCENT = str.maketrans("áéíóú", "aeiou")
_ACCENT = {"a": "á", "e": "é", "i": "í", "o": "ó", "u": "ú", "A": "Á", "E": "É", "I": "Í"}
_ACCENT |= {"O": "Ó", "U": "Ú"}
_ACCENTED = frozenset("áéíóúÁÉÍÓÚ")
# Pronouns attached to a verb: one («expedirle») or two («enviársela», «adjuntárnoslo»).
_ONE_CLITIC = ("lo", "la", "los", "las", "le", "les", "me", "te", "se", "nos", "os")
_TWO_CLITICS = tuple(
    first + second
    for first in ("se", "me", "te", "nos", "os")
    for second in ("lo", "la", "los", "las", "le", "les")
)
_CLITIC_ENDINGS = tuple(
    sorted(((e, True) for e in _TWO_CLITICS), key=lambda e: -len(e[0]))
    + sorted(((e, False) for e in _ONE_CLITIC), key=lambda e: -len(e[0]))
)
# Short words often glued to the next one at the start of a sentence: «Porfavor».
_GLUED_HEADS = ("por", "sin", "con", "de", "en", "tal", "o", "a")
# Two words written as one that are always a slip in an answer, also where the dictionary
# knows the joined form from a rare verb («osea», «aveces»): «a ver», «a través»…
_GLUED_EXPRESSIONS = frozenset({"aver", "atravez", "atravéz", "apesar", "almenos", "osea",
                                "aveces", "sinembargo", "deacuerdo", "porfavor"})  # fmt: skip
_GLUED_EXPRESSION = re.compile(
    r"(?<![^\W\d_])(?:" + "|".join(sorted(_GLUED_EXPRESSIONS)) + r")(?![^\W\d_])", re.IGNORECASE
)
_GLUED_FOLDED = tuple(sorted(_GLUED_EXPRESSIONS))
_WORD = re.compile(r"[^\W\d_]+")
# Colombian places written without their accent or «ñ» that the dictionary takes for
# words (or lists wrongly): always a slip when capitalised («Monteria», «Ocana»).
_ACCENTLESS_PLACES = frozenset({
    "Monteria", "Quibdo", "Itagui", "Ocana", "Covenas", "Cienaga", "Giron", "Bolivar",
    "Choco", "Sopo", "Narino", "Tolu", "Mompos", "Tibu", "Mitu", "Inirida", "Guainia",
    "Vaupes", "Caqueta", "Quindio", "Uraba", "Atlantico",
})  # fmt: skip
# A capitalised word without accents (a word with one is not matched: the «l» of «Medellín»
# is followed by a letter, not a word boundary).
_CAPITALISED = re.compile(r"[A-Z][a-zñ]+\b")
_MEMORY_LIMIT = 100_000


def _glued_expressions(text: str) -> list[tuple[int, str]]:
    """Where ``text`` holds one of ``_GLUED_EXPRESSIONS`` and as written. A substring
    search per expression in the case-folded text sets aside, far faster than the pattern,
    the texts that hold none (nearly all)."""
    folded = text.casefold()
    if not any(map(folded.__contains__, _GLUED_FOLDED)):
        return []
    return [(m.start(), m.group()) for m in _GLUED_EXPRESSION.finditer(text)]


def _capitalised(word: str) -> bool:
    return len(word) > 1 and word[0].isupper() and word[1:].islower()


class SpellingScreen:
    """The spelling pre-check of the screening, with its memories (see module docstring).

    ``checker`` is the checker with the entity's words; ``entity_words`` and
    ``SUPPLEMENTARY_WORDS`` are added to them here."""

    def __init__(self, checker: SpellChecker, entity_words: tuple[str, ...] = ()) -> None:
        self.checker = checker.with_entity_words(
            (*checker.entity_words, *entity_words, *SUPPLEMENTARY_WORDS)
        )
        self._passes: dict[str, bool] = {}  # suspect word as written -> passes after all
        self._plain_words: set[str] = set()  # capitalised words that are no accent-less name
        self._accentless: dict[str, bool] = {}

    # --- the verdicts --------------------------------------------------------------------

    def passes(self, word: str) -> bool:
        """Whether a word the pre-check suspects is right after all (a verb with its
        pronouns, a probable proper name)."""
        verdict = self._passes.get(word)
        if verdict is None:
            verdict = self._judge(unicodedata.normalize("NFC", word))
            if len(self._passes) > _MEMORY_LIMIT:
                self._passes.clear()
            self._passes[word] = verdict
        return verdict

    def _judge(self, word: str) -> bool:
        if word.lower() in _GLUED_EXPRESSIONS:
            return False
        if self._clitic_form(word.lower()):
            return True
        if not _capitalised(word):
            return False
        if self._accentless_name(word) or self._glued(word.lower()):
            return False
        if not self.checker.is_misspelt_common_word(word):
            return True  # close to no common word: a name
        return self._accent_of_a_name(word)

    def _clitic_form(self, lower: str) -> bool:
        """A verb of the dictionary with one or two pronouns attached, accented as written
        Spanish asks: an infinitive with one pronoun keeps its spelling («expedirle»,
        «oírlo»); with two it takes an accent («enviársela»); a gerund or another form
        takes one («informándole», «dígame») unless the form has one («envíeme»)."""
        is_correct = self.checker.is_correct
        for ending, two in _CLITIC_ENDINGS:
            if not lower.endswith(ending) or len(lower) - len(ending) < 3:
                continue
            stem = lower[: -len(ending)]
            plain = stem.translate(_UNACCENT)
            added_accent = plain != stem and not is_correct(stem)
            if plain.endswith(("ar", "er", "ir")):
                if (two and added_accent and is_correct(plain)) or (
                    not two and not added_accent and is_correct(stem)
                ):
                    return True
            elif plain.endswith("ndo"):
                if added_accent and is_correct(plain):
                    return True
            elif (added_accent and is_correct(plain)) or (plain != stem and is_correct(stem)):
                return True
        return False

    def _glued(self, lower: str) -> bool:
        """Two words written as one: «porfavor», «talvez», «sinembargo» (the second one of
        three letters or more, six after «a» or «o»: «Acosta», «Arango» are names)."""
        for head in _GLUED_HEADS:
            rest = lower[len(head) :]
            if (
                lower.startswith(head)
                and len(rest) >= (6 if len(head) == 1 else 3)
                and rest.islower()
                and self.checker.is_correct(rest)
            ):
                return True
        return False

    def _accentless_name(self, word: str) -> bool:
        """A capitalised word not in the dictionary that is a dictionary word (a proper
        name: «Medellín», «Bogotá», «Álvaro») once one of its vowels is accented."""
        verdict = self._accentless.get(word)
        if verdict is None:
            verdict = word in _ACCENTLESS_PLACES
            if (
                not verdict
                and not any(ch in _ACCENTED for ch in word)
                and not self.checker.is_correct(word)
            ):
                for i, ch in enumerate(word):
                    accented = _ACCENT.get(ch)
                    if accented and self.checker.is_correct(word[:i] + accented + word[i + 1 :]):
                        verdict = True
                        break
            if len(self._accentless) > _MEMORY_LIMIT:
                self._accentless.clear()
            self._accentless[word] = verdict
        return verdict

    def _accent_of_a_name(self, word: str) -> bool:
        """A capitalised word near a common word that carries a written accent none of
        the near words has («Bancamía», near «bancaria»): a writer who slips does not add
        a right accent, so it is taken as a name (suggestions: read only for such
        words)."""
        accents = {ch.lower() for ch in word if ch in _ACCENTED}
        if not accents:
            return False
        near = self.checker.suggest(word)
        return not any(accents <= set(form.lower()) for form in near)

    # --- the text ------------------------------------------------------------------------

    def _accentless_names_in(self, text: str, accepted: tuple[str, ...]) -> set[str]:
        """The accent-less proper names of ``text`` («Medellin»), wherever they stand (the
        pre-check passes a capitalised word inside a sentence as a name). Only capitalised
        words without accents are candidates; those seen before without a verdict against
        them are set aside with one set difference."""
        candidates = set(_CAPITALISED.findall(text)).difference(self._plain_words)
        found: set[str] = set()
        for word in candidates:
            if self._accentless_name(word):
                found.add(word)
            else:
                if len(self._plain_words) > _MEMORY_LIMIT:
                    self._plain_words.clear()
                self._plain_words.add(word)
        if found and accepted:
            names = _accepted_words(accepted)
            found = {w for w in found if w.casefold() not in names}
        return found

    def suspects(
        self,
        text: str,
        accepted: tuple[str, ...],
        tally: tuple[int, tuple[str, ...]] | None = None,
    ) -> tuple[int, tuple[str, ...]]:
        """``(word_count, suspect words as written, every occurrence in text order)``.
        ``tally``: ``suspect_words`` of ``text`` without ``accepted``, when the caller has
        it (summed over the text's paragraphs, paragraphs.py)."""
        checker = self.checker
        if tally is None:
            word_count, found = suspect_words(text, checker, accepted)
        else:
            word_count, found = tally[0], without_accepted(tally[1], accepted)
        names = self._accentless_names_in(text, accepted)
        glued = _glued_expressions(text)
        if names or glued:
            # Rare: place their occurrences among the other suspects.
            report = check_text(text, checker, suggestions=False, accepted=accepted)
            placed = [(s.start, s.word) for s in report.suspects] + glued
            for name in names:
                pattern = rf"(?<![^\W\d_]){re.escape(name)}(?![^\W\d_])"
                placed += [(m.start(), name) for m in re.finditer(pattern, text)]
            found = tuple(word for _, word in sorted(set(placed)))
        if found:
            found = tuple(w for w in found if not self.passes(w))
        return word_count, found

    def report(
        self, text: str, accepted: tuple[str, ...] = (), *, suggestions: bool = False
    ) -> SpellReport:
        """``check_text`` of ``text`` with the verdicts of the screening: the words of
        ``suspects``, each occurrence placed in ``text`` (the F182 form underlines them),
        with up to five corrections each when ``suggestions``."""
        base = check_text(text, self.checker, suggestions=False, accepted=accepted)
        placed = {s.start: (s.end, s.word) for s in base.suspects}
        for start, word in _glued_expressions(text):
            placed[start] = (start + len(word), word)
        for name in self._accentless_names_in(text, accepted):
            pattern = rf"(?<![^\W\d_]){re.escape(name)}(?![^\W\d_])"
            for match in re.finditer(pattern, text):
                placed[match.start()] = (match.end(), name)
        suggest = self.checker.suggest
        suspects = tuple(
            SuspectWord(word, start, end, suggest(word) if suggestions else ())
            for start, (end, word) in sorted(placed.items())
            if not self.passes(word)
        )
        return SpellReport(base.word_count, base.checked_count, suspects)

    def alert(
        self,
        text: str,
        accepted: tuple[str, ...],
        bands: tuple[SpellingBand, ...],
        criterion: str,
        tally: tuple[int, tuple[str, ...]] | None = None,
    ) -> Alert | None:
        """Suspect words of ``text`` (the requester's and agent's names pass), or None;
        ``tally`` as for ``suspects``."""
        word_count, found = self.suspects(text, accepted, tally)
        if not found:
            return None
        rate = 100 * len(found) / word_count
        evidence = (
            f"{counted(len(found), 'palabra sospechosa', 'palabras sospechosas')} de "
            f"{word_count} ({decimal_es(rate)} por cada 100 palabras): "
            f"{_listed(found)}."
        )
        return Alert(
            ORTOGRAFIA, criterion, evidence, words=found, proposed=propose_level(rate, bands)
        )


def _accepted_words(accepted: tuple[str, ...]) -> set[str]:
    """The words of the requester's and agent's names, case-folded."""
    return {w.casefold() for name in accepted for w in _WORD.findall(name)}


def _listed(found: tuple[str, ...], limit: int = 8) -> str:
    """Each word once, in order, with how often it occurs when more than once («credito»
    (2 veces)): the listed occurrences add up to the count before them."""
    times = Counter(found)
    distinct = list(times)
    shown = [
        f"«{word}»" + (f" ({counted(times[word], 'vez', 'veces')})" if times[word] > 1 else "")
        for word in distinct[:limit]
    ]
    rest = sum(times[word] for word in distinct[limit:])
    return ", ".join(shown) + (f" y {rest} más" if rest > 0 else "")
