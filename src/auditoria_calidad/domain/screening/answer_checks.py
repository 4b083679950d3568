"""The checks that need one answer alone — ``ortografia``, ``lenguaje_claro``,
``protocolo`` — and what the population-wide checks need from it (the normalised body and
its MinHash sketch for ``respuesta_reutilizada``, the content stems for ``incongruente``).

Each answer is cut once (greeting, body, signature) and every check reads those parts;
what a check finds in a paragraph is read from the paragraph memories (paragraphs.py),
so a template's paragraph is looked at once however many answers repeat it. The checks
are independent per answer, so ``AnswerRun`` may spread them over worker
processes (``concurrent.futures.ProcessPoolExecutor``, chunks of answers in order): each
worker loads the spelling dictionary once, when it starts. The answers' results come back
in the order given, whatever the number of workers, so the outcome does not depend on it.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.screening.alerts import (
    LENGUAJE_CLARO,
    ORTOGRAFIA,
    PROTOCOLO,
    Alert,
    criterion_for,
)
from auditoria_calidad.domain.screening.answer_parts import (
    AnswerParts,
    fold,
    folded_phrases,
    name_words,
    split_answer,
    words,
)
from auditoria_calidad.domain.screening.congruence import Stemmer
from auditoria_calidad.domain.screening.inputs import ScreeningSettings
from auditoria_calidad.domain.screening.orthography import SpellingScreen
from auditoria_calidad.domain.screening.paragraphs import (
    ParagraphMemory,
    layout_of,
    legalisms_of,
    names_in,
    spelling_tally,
    tokens_of,
)
from auditoria_calidad.domain.screening.plain_language import (
    body_layout,
    measure,
    plain_language_alert,
)
from auditoria_calidad.domain.screening.protocol import missing_parts, protocol_alert
from auditoria_calidad.domain.screening.reuse import (
    Sketch,
    Sketcher,
    core_key,
    edge_paragraphs,
)
from auditoria_calidad.domain.spelling import SpellChecker

# What one answer needs: (channel, answer text, requester's name, agent's name).
Answer = tuple[Channel, str, str | None, str | None]
# What comes back: the alerts, the sketch of the normalised body (None for a chat
# transcript or a body too short to compare) and the body's content stems, sorted and
# joined by spaces (one string crosses between processes faster than many).
Findings = tuple[tuple[Alert, ...], Sketch | None, str]

T = TypeVar("T")
_NO_NAMES: frozenset[str] = frozenset()

CHUNK = 1_000  # answers sent to a worker at a time
MIN_PER_WORKER = 4_000  # fewer records than this per worker: starting workers costs more


def known_acronyms(settings: ScreeningSettings) -> frozenset[str]:
    entries = (*settings.entity_names, *settings.entity_words, *settings.known_acronyms)
    return frozenset(w for entry in entries for w in words(entry) if w.isupper())


class AnswerChecks:
    """The per-answer checks with their settings, dictionary and memories."""

    def __init__(self, settings: ScreeningSettings, checker: SpellChecker) -> None:
        self.settings = settings
        self.spelling = SpellingScreen(checker, (*settings.entity_words, *settings.entity_names))
        self.known = known_acronyms(settings)
        self.closings = folded_phrases(settings.closing_phrases)
        self.stemmer = Stemmer()
        self.sketcher = Sketcher()
        self.paragraphs = ParagraphMemory(
            settings, self.spelling.checker, self.stemmer, self.sketcher
        )

    def check(self, answer: Answer) -> Findings:
        channel, text, requester, agent = answer
        settings = self.settings
        names = name_words(requester, agent)
        parts = split_answer(
            text,
            names,
            settings.greeting_phrases,
            agent_words=name_words(agent),
            requester_words=name_words(requester),
            entity_names=settings.entity_names,
        )
        # A transcript's turns are read without being kept: they do not recur.
        keep = not parts.is_transcript
        written = self.paragraphs.text(parts.text, keep)
        body = self.paragraphs.body(parts.body, keep)
        alerts: list[Alert] = []
        spelling = self.spelling.alert(
            parts.text,
            tuple(n for n in (requester, agent) if n),
            settings.spelling_bands,
            settings.spelling_criterion or criterion_for(ORTOGRAFIA, channel),
            tally=spelling_tally(written),
        )
        if spelling:
            alerts.append(spelling)
        folded = fold(parts.text)
        clear = plain_language_alert(
            measure(
                parts.body,
                parts.text,
                settings,
                self.known,
                folded_text=folded,
                acronym_text=_without_signature(parts),
                layout=layout_of(body)
                or body_layout(parts.body, settings.line_width, words(parts.body.lower())),
                legalisms=legalisms_of(written),
            ),
            settings,
            criterion_for(LENGUAJE_CLARO, channel),
        )
        if clear:
            alerts.append(clear)
        protocol = protocol_alert(
            missing_parts(parts, settings, name_words(agent), folded_text=folded),
            criterion_for(PROTOCOLO, channel),
        )
        if protocol:
            alerts.append(protocol)
        sketch = None
        if not parts.is_transcript:
            sketch = self._sketch(parts.body, names)
        stems = set().union(*(facts.stems for facts in body))
        if names:
            stems -= self.stemmer.stems_of_words(names, _NO_NAMES)
        return tuple(alerts), sketch, " ".join(sorted(stems))

    def _sketch(self, body: str, names: frozenset[str]) -> Sketch | None:
        """The body's sketch (reuse.py). Its core, without an opening and a closing
        paragraph that agents vary around the same text, is digested too. Tokens do not
        cross paragraphs: the body's are those of its three parts."""
        settings = self.settings
        memory = self.paragraphs
        opening, core, closing = edge_paragraphs(body, self.closings)
        paragraphs = memory.body(core)
        tokens = tokens_of(paragraphs, names)
        key = b""
        if opening or closing:
            key = core_key(tokens, settings.reuse_min_words)
            if opening:
                first = memory.body(opening)
                tokens = tokens_of(first, names) + tokens
                paragraphs = first + paragraphs
            if closing:
                last = memory.body(closing)
                tokens += tokens_of(last, names)
                paragraphs = paragraphs + last
        if not tokens or len(tokens) < settings.reuse_min_words:
            return None
        if names_in(paragraphs, names):  # rare: a name inside the body
            return self.sketcher.of_tokens(tokens, key)
        return self.sketcher.of_runs(((p.tokens, p.shingles) for p in paragraphs), key)


def _without_signature(parts: AnswerParts) -> str:
    """What the agent wrote without the signature block of a written answer: acronyms
    there name the office that signs («Equipo PQRSD»), a phone line («PBX»)."""
    if parts.is_transcript or not parts.signature:
        return parts.text
    cut = parts.text.rfind(parts.signature)
    return parts.text[:cut] if cut >= 0 else parts.text


# --- Worker processes ----------------------------------------------------------------------

_worker_checks: AnswerChecks | None = None


def _start_worker(settings: ScreeningSettings) -> None:
    global _worker_checks
    # A worker lives for one screening and makes no reference cycles: without the cyclic
    # collector, its growing memories are not walked again and again (domain/collector.py).
    gc.disable()
    _worker_checks = AnswerChecks(settings, SpellChecker.load())


def _check_chunk(answers: list[Answer]) -> list[Findings]:
    assert _worker_checks is not None, "worker started without its initializer"
    return [_worker_checks.check(a) for a in answers]


def worker_count(records: int, workers: int | None) -> int:
    """Processes to use: ``workers`` when given (1: this process alone); otherwise one per
    core, as long as each gets at least ``MIN_PER_WORKER`` records (the workers start
    before the distinct answers are all known)."""
    if workers is not None:
        return max(1, workers)
    return max(1, min(os.cpu_count() or 1, records // MIN_PER_WORKER))


class AnswerRun:
    """The per-answer checks of a population, started while the answers are still being
    read: ``add`` each distinct answer, then ``results`` gives every answer's findings in
    the order added. With more than one worker, each ``CHUNK`` of answers goes to the
    pool as soon as it is complete, so the workers start while the caller reads on. Use
    it as a context manager: leaving it shuts the pool down, dropping waiting chunks."""

    def __init__(self, checks: AnswerChecks, workers: int) -> None:
        self._checks = checks
        self._pending: list[Answer] = []
        self._futures: list[Future[list[Findings]]] = []
        self._answers: list[Answer] = []  # this process alone: checked in ``results``
        self._pool: ProcessPoolExecutor | None = None
        if workers > 1:
            # "spawn" on every system: the worker does not inherit the caller's threads and
            # locks (a window's event loop), and it behaves as it will on Windows.
            self._pool = ProcessPoolExecutor(
                max_workers=workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(checks.settings,),
            )

    def __enter__(self) -> AnswerRun:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if self._pool is not None:
            # The caller does not wait for the workers to end: after an error or a
            # cancellation a worker busy with a task ends on its own when the task does,
            # and after the last result each ends while the caller goes on.
            self._pool.shutdown(wait=False, cancel_futures=True)

    def add(self, answer: Answer) -> None:
        if self._pool is None:
            self._answers.append(answer)
            return
        self._pending.append(answer)
        if len(self._pending) == CHUNK:
            self._submit()

    def _submit(self) -> None:
        assert self._pool is not None
        if self._pending:
            self._futures.append(self._pool.submit(_check_chunk, self._pending))
            self._pending = []

    @property
    def pooled(self) -> bool:
        """Whether the checks run in worker processes."""
        return self._pool is not None

    def call(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> Future[T]:
        """``function(*args, **kwargs)`` in a worker process, while the caller goes on; in
        this process (done when this returns) without workers. ``function`` must be
        importable by name (defined at a module's top level)."""
        if self._pool is not None:
            return self._pool.submit(function, *args, **kwargs)
        done: Future[T] = Future()
        done.set_result(function(*args, **kwargs))
        return done

    def results(
        self,
        tick: Callable[[int], None],
        each: Callable[[list[Findings]], None] | None = None,
    ) -> list[Findings]:
        """The findings of every answer added, in order. After each chunk ``each(chunk's
        findings)`` is called, while the workers go on with the next chunks, and then
        ``tick(done)`` (it may raise to stop)."""
        found: list[Findings] = []
        if self._pool is None:
            answers, self._answers = self._answers, []
            for start in range(0, len(answers), CHUNK):
                chunk = list(map(self._checks.check, answers[start : start + CHUNK]))
                found.extend(chunk)
                if each is not None:
                    each(chunk)
                tick(len(found))
            return found
        self._submit()
        for future in self._futures:
            chunk = future.result()
            found.extend(chunk)
            if each is not None:
                each(chunk)
            tick(len(found))
        return found
