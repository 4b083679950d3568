"""``incongruente``: the answer does not address what was asked (the Constitutional
Court's test for the answer to a petition: *de fondo, clara, precisa y congruente*).

The population teaches what each subject's answers talk about. Every answer body is
reduced to its content stems (Spanish Snowball stemmer, stop words and words under four
letters dropped, names dropped); a stem is a *marker* of a subject when it appears in at
least 2 % of that subject's answers and its share there is at least twice its share in the
whole population; its weight is the logarithm of that ratio. An answer's score for a
subject is the sum of the weights of its markers.

An answer is incongruent when another subject scores at least
``congruence_min_evidence`` and the record's own subject less than
``congruence_own_share`` of it, unless the request itself points to that other subject
clearly (at least 2 and twice its own subject's score: the CRM subject is then the likely
mistake, and the answer does address the request). A
subject with fewer than ``congruence_min_subject_answers`` answers has no reliable
profile: its answers are compared with the request alone and flagged only when they share
no content stem with the request and its subject.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, replace

import snowballstemmer

from auditoria_calidad.domain.screening.alerts import quoted_list
from auditoria_calidad.domain.screening.answer_parts import fold, name_words, words

# fmt: off
STOP_WORDS: frozenset[str] = frozenset(fold(w) for w in ["a", "al", "algo", "algún", "alguna", "algunas", "alguno", "algunos", "ante", "antes", "aquel", "aquella", "aquellas", "aquello", "aquellos", "aquí", "así", "aun", "aún", "cada", "cual", "cuales", "cualquier", "cuando", "cuanto", "cuánto", "como", "cómo", "con", "contra", "cual", "cuál", "de", "del", "desde", "donde", "dónde", "durante", "e", "el", "él", "ella", "ellas", "ello", "ellos", "en", "entre", "era", "eran", "es", "esa", "esas", "ese", "eso", "esos", "esta", "está", "están", "estaba", "estado", "estar", "estas", "este", "esto", "estos", "fue", "fueron", "ha", "había", "han", "hasta", "hay", "he", "la", "las", "le", "les", "lo", "los", "más", "me", "mi", "mis", "mucho", "muy", "nada", "ni", "no", "nos", "nosotros", "nuestra", "nuestras", "nuestro", "nuestros", "o", "os", "otra", "otras", "otro", "otros", "para", "pero", "poco", "por", "porque", "puede", "pueden", "qué", "que", "quien", "quién", "se", "sea", "sean", "según", "ser", "si", "sí", "sido", "sin", "sobre", "solo", "sólo", "su", "sus", "también", "tanto", "te", "tiene", "tienen", "todo", "todos", "tu", "tú", "tus", "un", "una", "unas", "uno", "unos", "usted", "ustedes", "va", "van", "y", "ya", "yo", "favor", "gracias", "cordial", "saludo", "buenos", "buenas", "días", "tardes", "noches", "señor", "señora", "señores", "hola", "respetado", "respetada", "estimado", "estimada", "apreciado", "apreciada", "atentamente", "cordialmente", "quedo", "quedamos", "atento", "atenta", "atentos", "respuesta", "solicitud", "caso", "información", "informamos", "informar", "le", "lo", "usuario", "usuaria"])
# fmt: on
MIN_STEM_LETTERS = 4
MARKER_SHARE = 0.02  # a marker appears in at least 2 % of its subject's answers
MARKER_LIFT = 2.0
# A request points to another subject when it scores at least this for it, and at least
# twice what it scores for its own.
REQUEST_EVIDENCE = 2.0


class _StemMemory(dict[str, str]):
    """word -> its content stem ("" for a stop word or a short word)."""

    def __init__(self, stemmer: Stemmer) -> None:
        super().__init__()
        self._stemmer = stemmer

    def __missing__(self, word: str) -> str:
        stem = self._stemmer.stem_word(word)
        self[word] = stem
        return stem


class Stemmer:
    """Content stems of a text, with a memory of every word met."""

    def __init__(self) -> None:
        self._snowball = snowballstemmer.stemmer("spanish")
        self._memory = _StemMemory(self)

    def stem_word(self, word: str) -> str:
        folded = fold(word)
        if len(word) < MIN_STEM_LETTERS or folded in STOP_WORDS:
            return ""
        return fold(self._snowball.stemWord(word))

    def stems(self, text: str, names: frozenset[str]) -> set[str]:
        """Distinct content stems of ``text``; the words in ``names`` (folded) are left out."""
        return self.stems_of_words(words(text.lower()), names)

    def stems_of_words(self, lower_words: Iterable[str], names: frozenset[str]) -> set[str]:
        """``stems`` of a text already cut into its runs of letters, in lower case."""
        memory = self._memory
        if len(memory) > 300_000:
            memory.clear()
        found = set(map(memory.__getitem__, lower_words))
        if names:
            found.difference_update(map(memory.__getitem__, names))
        found.discard("")
        return found

    def surface(self, text: str) -> dict[str, str]:
        """Each content stem of ``text`` with the first word (lower case) that gave it."""
        memory = self._memory
        found: dict[str, str] = {}
        for word in words(text.lower()):
            stem = memory[word]
            if stem and stem not in found:
                found[stem] = word
        return found


@dataclass(frozen=True)
class Incongruence:
    own_subject: str
    answer_subject: str | None  # None: judged against the request alone
    markers: tuple[str, ...]  # stems of the answer that show what it talks about (see
    # ``in_words``)

    def in_words(self, surface: dict[str, str]) -> Incongruence:
        """The same finding with its markers as the answer wrote them (``Stemmer.surface``)."""
        return replace(self, markers=tuple(surface.get(m, m) for m in self.markers))


class SubjectProfiles:
    """Marker stems of each subject, learnt from the population's answers (``learn``: all
    at once; ``ProfileCounts``: one answer at a time)."""

    def __init__(self, sizes: dict[str, int], counts: dict[str, Counter[str]]) -> None:
        """``sizes``: answers learnt per subject; ``counts``: per subject, how many of them
        hold each stem."""
        self.names = sorted(sizes)
        index = {name: i for i, name in enumerate(self.names)}
        self.sizes = [sizes[name] for name in self.names]
        per_subject = [counts[name] for name in self.names]
        overall: Counter[str] = Counter()
        for subject_counts in per_subject:  # once per subject, not once per answer
            overall.update(subject_counts)
        total = sum(self.sizes)
        self.markers: dict[str, list[tuple[int, float]]] = {}
        for i, subject_counts in enumerate(per_subject):
            size = self.sizes[i]
            for stem, n in subject_counts.items():
                if n < max(3, MARKER_SHARE * size):
                    continue
                lift = (n / size) / (overall[stem] / total)
                if lift >= MARKER_LIFT:
                    self.markers.setdefault(stem, []).append((i, math.log(lift)))
        self.index = index
        # Each marker stem's weight for every subject (0.0 where it marks none).
        self._weights: dict[str, tuple[float, ...]] = {}
        for stem, marked in self.markers.items():
            row = [0.0] * len(self.names)
            for i, weight in marked:
                row[i] = weight
            self._weights[stem] = tuple(row)

    @classmethod
    def learn(
        cls, subjects: Sequence[str | None], answers: Iterable[Collection[str] | None]
    ) -> SubjectProfiles:
        counts = ProfileCounts()
        for subject, stems in zip(subjects, answers, strict=True):
            counts.add(subject, stems)
        return counts.profiles()

    def scores(self, stems: Iterable[str]) -> list[float]:
        """Per subject, the weights of its markers among ``stems`` (each stem once), added
        in the order of ``stems``."""
        weights = self._weights
        found = [weights[stem] for stem in stems if stem in weights]
        if not found:
            return [0.0] * len(self.names)
        # Column by column (zeros for the other subjects add nothing): the same sums as
        # adding marker by marker, without a Python loop per marker.
        return list(map(sum, zip(*found, strict=True)))

    def top_markers(self, stems: Iterable[str], subject: int, limit: int = 5) -> list[str]:
        weighted = [
            (w, stem) for stem in stems for i, w in self.markers.get(stem, ()) if i == subject
        ]
        return [stem for _, stem in sorted(weighted, reverse=True)[:limit]]


class ProfileCounts:
    """What ``SubjectProfiles`` are learnt from, counted one answer at a time."""

    def __init__(self) -> None:
        self._sizes: dict[str, int] = {}
        self._counts: dict[str, Counter[str]] = {}

    def add(self, subject: str | None, stems: Collection[str] | None) -> None:
        """One answer's content stems (each once), given to a request of ``subject``."""
        if not subject or not stems:
            return
        counts = self._counts.get(subject)
        if counts is None:
            counts = self._counts[subject] = Counter()
            self._sizes[subject] = 0
        self._sizes[subject] += 1
        counts.update(stems)

    def profiles(self) -> SubjectProfiles:
        return SubjectProfiles(self._sizes, self._counts)


def judge(
    subject: str | None,
    answer: Collection[str] | None,
    request: Callable[[], Collection[str]],
    profiles: SubjectProfiles,
    stemmer: Stemmer,
    *,
    min_evidence: float,
    own_share: float,
    min_subject_answers: int,
) -> Incongruence | None:
    """Whether one answer is incongruent with its request (module docstring: the rule).
    ``request()`` gives the request's content stems: most answers are judged without them."""
    if not subject or not answer:
        return None
    own = profiles.index.get(subject)
    if own is None or profiles.sizes[own] < min_subject_answers:
        request_stems = set(request()) | stemmer.stems(subject, frozenset())
        if len(request_stems) >= 4 and len(answer) >= 15 and not request_stems.intersection(answer):
            return Incongruence(subject, None, tuple(sorted(answer)[:5]))
        return None
    scores = profiles.scores(answer)
    best = max((i for i in range(len(scores)) if i != own), key=scores.__getitem__, default=None)
    if best is None or scores[best] < min_evidence or scores[own] >= own_share * scores[best]:
        return None
    asked = profiles.scores(request())
    if asked[best] >= max(REQUEST_EVIDENCE, 2 * asked[own]):
        return None  # the request is about that subject: the CRM subject is the mistake
    markers = profiles.top_markers(answer, best)
    return Incongruence(subject, profiles.names[best], tuple(markers))


def evidence(found: Incongruence) -> str:
    if found.answer_subject is None:
        return (
            f"La solicitud es del tema «{found.own_subject}», pero la respuesta no comparte con "
            f"ella ninguna palabra de contenido (habla de {quoted_list(found.markers)})."
        )
    return (
        f"La solicitud es del tema «{found.own_subject}», pero la respuesta trata de "
        f"«{found.answer_subject}» ({quoted_list(found.markers)})."
    )


_TICK_EVERY = 2_000
# A judged answer: its content stems (joined by spaces, as the per-answer checks give
# them), its request's text and the people named (requester, agent), left out of the
# request's stems.
Judged = tuple[str, str | None, str | None, str | None]


def find_incongruent(
    subjects: Sequence[str | None],
    answers: Sequence[Judged | None],
    *,
    min_evidence: float,
    own_share: float,
    min_subject_answers: int,
    profiles: SubjectProfiles | None = None,
    tick: Callable[[int], None] | None = None,
) -> list[tuple[int, Incongruence]]:
    """The incongruent answers (index, finding) of a population: ``subjects`` of every
    record, ``answers`` what is judged of each (None: not judged), the subjects' profiles
    learnt from them all (or ``profiles``, learnt already from the same answers).
    ``tick(records looked at)`` is called now and then (it may raise to stop)."""
    stemmer = Stemmer()
    if profiles is None:
        profiles = SubjectProfiles.learn(
            subjects, [None if a is None else a[0].split() for a in answers]
        )
    found: list[tuple[int, Incongruence]] = []
    for i, answer in enumerate(answers):
        if tick is not None and i % _TICK_EVERY == 0:
            tick(i)
        if answer is None:
            continue
        stems, request_text, requester, agent = answer

        def request_stems(
            text: str | None = request_text,
            requester: str | None = requester,
            agent: str | None = agent,
        ) -> set[str]:
            return stemmer.stems(text or "", name_words(requester, agent))

        incongruence = judge(
            subjects[i],
            stems.split(),
            request_stems,
            profiles,
            stemmer,
            min_evidence=min_evidence,
            own_share=own_share,
            min_subject_answers=min_subject_answers,
        )
        if incongruence is not None:
            found.append((i, incongruence))
    return found
