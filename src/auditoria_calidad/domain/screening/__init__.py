"""Automatic pre-screening, in Spanish and offline, of every answer of a period.

Pure functions over plain data: no database, no Qt. The caller (a service) reads the
population, screens it off the GUI thread and stores each record's alerts with
``RULES_VERSION``; the F182 form shows them beside the criterion they inform.

Use::

    from auditoria_calidad.domain.screening import (
        RULES_VERSION, ScreeningInput, ScreeningSettings, screen_population,
    )

    settings = ScreeningSettings(entity_names=("ICETEX",), entity_words=words).for_scheme(scheme)
    records = [ScreeningInput.from_record(r) for r in population]   # or built field by field
    alerts = screen_population(records, settings, progress=report, cancelled=is_cancelled)
    alerts["2026-ER-0210008"]   # (Alert(code="incongruente", criterion="coherencia",
                                #        evidence="La solicitud es del tema …", proposed="no_cumple"), …)

- ``screen_population(records, settings, *, progress=None, cancelled=None, checker=None,
  workers=None)`` returns ``{key: (Alert, ...)}`` for every record (an empty tuple when
  nothing was found), alerts in the order of ``ALERT_CODES``. Keys are expected unique.
  ``progress(done, total)`` is called now and then; ``cancelled()`` is polled and, when it
  returns True, ``ScreeningCancelled`` is raised and nothing is returned. ``checker``
  is a loaded ``SpellChecker`` to reuse; without it the dictionary is loaded here
  (``SpellingDictionaryError``, a Spanish message, if it cannot be read).
- ``workers``: processes for the per-answer checks (answer_checks.py). None: one per core
  when the population is large enough (a few thousand records per worker), else this
  process alone; 1: this process alone. The result is the same either way. The workers
  start while the records are read, each distinct answer sent as soon as it is met (in
  chunks of ``answer_checks.CHUNK``). Workers are started with "spawn": a frozen program
  must call ``multiprocessing.freeze_support()`` first thing in its entry point
  (launcher.py does).
- Each distinct answer (text, requester, agent) is checked once, however many records
  carry it. As the workers' results come in, chunk by chunk, this process groups the
  reused answers by their sketches and counts their stems for the subjects' profiles,
  while the workers check the next ones; congruence, which needs the profiles of every
  answer, is judged at the end, by this process and a worker (each a part of the
  records). The cyclic garbage collector is paused meanwhile (domain/collector.py).
- The whole population is needed at once: reuse and congruence are judged against the
  other answers of the period (screen one channel's audit population per call, with the
  settings of that channel's scheme: ``ScreeningSettings.for_scheme``).
- ``Alert``: ``code`` (stable, see ``ALERT_CODES`` and ``ALERT_LABELS``), ``criterion``
  (key of the F182 criterion it informs, ``criterion_for(code, channel)``), ``evidence``
  (Spanish), ``words`` (``ortografia``: the suspect words as written, every occurrence),
  ``proposed`` (``"no_cumple"`` or a spelling level key; None when it only informs).

The alerts (modules beside this one say how each is found):

============================  =====================  =======================================
code                          criterion              proposed
============================  =====================  =======================================
plazo_24h (virtual)           oportunidad            no_cumple (none without an answer date)
plazo_legal (virtual)         oportunidad            no_cumple
espera (chat)                 oportunidad            no_cumple
no_registrado_crm (chat)      registrado_crm         no_cumple
respuesta_reutilizada         coherencia             no_cumple when the record's subject is
                                                     not the most frequent of its group
incongruente                  coherencia             no_cumple
ortografia                    redaccion_ortografia   the level of the scheme's bands
lenguaje_claro                redaccion_ortografia   none (informs)
protocolo                     redaccion_ortografia   none (informs)
============================  =====================  =======================================

``RULES_VERSION`` changes whenever a rule or a default changes what is found, so a stored
result says which rules produced it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import TimeoutError as FutureTimeout
from functools import partial

from auditoria_calidad.domain.collector import collector_paused
from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.screening.alerts import (
    ALERT_CODES,
    ALERT_LABELS,
    INCONGRUENTE,
    NO_CUMPLE,
    RESPUESTA_REUTILIZADA,
    Alert,
    criterion_for,
)
from auditoria_calidad.domain.screening.answer_checks import (
    Answer,
    AnswerChecks,
    AnswerRun,
    Findings,
    worker_count,
)
from auditoria_calidad.domain.screening.answer_parts import fold, name_words, split_answer
from auditoria_calidad.domain.screening.congruence import (
    Incongruence,
    Judged,
    ProfileCounts,
    Stemmer,
    evidence,
    find_incongruent,
)
from auditoria_calidad.domain.screening.deadlines import chat_alerts, deadline_alerts
from auditoria_calidad.domain.screening.inputs import ScreeningInput, ScreeningSettings
from auditoria_calidad.domain.screening.reuse import Grouping, subjects_evidence
from auditoria_calidad.domain.spelling import SpellChecker

__all__ = [
    "ALERT_CODES",
    "ALERT_LABELS",
    "RULES_VERSION",
    "Alert",
    "ScreeningCancelled",
    "ScreeningInput",
    "ScreeningSettings",
    "criterion_for",
    "screen_population",
]

RULES_VERSION = "2026.12-9"

ProgressCallback = Callable[[int, int], None]
_ORDER = {code: i for i, code in enumerate(ALERT_CODES)}
_PROGRESS_EVERY = 500
_POLL_SECONDS = 0.1
# With workers, the share of the records whose congruence this process judges; a worker
# judges the rest (it first receives them).
_OWN_SHARE = 0.55


def _order(alert: Alert) -> int:
    return _ORDER[alert.code]


class ScreeningCancelled(Exception):
    """The caller cancelled the screening; nothing was returned."""


def screen_population(
    records: Sequence[ScreeningInput],
    settings: ScreeningSettings,
    *,
    progress: ProgressCallback | None = None,
    cancelled: Callable[[], bool] | None = None,
    checker: SpellChecker | None = None,
    workers: int | None = None,
) -> dict[str, tuple[Alert, ...]]:
    """Alerts of every record of a population (module docstring: the contract)."""
    with collector_paused():  # hundreds of thousands of objects, no reference cycles
        return _screen(records, settings, progress, cancelled, checker, workers)


def _screen(
    records: Sequence[ScreeningInput],
    settings: ScreeningSettings,
    progress: ProgressCallback | None,
    cancelled: Callable[[], bool] | None,
    checker: SpellChecker | None,
    workers: int | None,
) -> dict[str, tuple[Alert, ...]]:
    n = len(records)
    # Progress in steps of a twentieth of the records: reading them the first half step,
    # the answers' checks (most of the time) up to 18, congruence and reuse the rest.
    total = 20 * n

    def step(done: int) -> None:
        if cancelled is not None and cancelled():
            raise ScreeningCancelled
        if progress is not None:
            progress(done, total)

    step(0)
    checks = AnswerChecks(settings, checker or SpellChecker.load())
    stemmer = checks.stemmer
    found: list[list[Alert]] = []
    # Each distinct answer (text and names) is checked once; the checks start (in worker
    # processes) while the records are still being read.
    distinct: dict[Answer, int] = {}
    answer_of: list[int | None] = []
    # Per distinct answer, the records whose congruence is judged (those with a subject and
    # a request type that is judged): the subjects' profiles are learnt from them.
    learnt_from: list[list[int]] = []
    judged_type = _JudgedTypes(settings)
    with AnswerRun(checks, worker_count(n, workers)) as run:
        for i, record in enumerate(records):
            if i % _PROGRESS_EVERY == 0 and i:
                step(i // 2)
            found.append(deadline_alerts(record, settings) + chat_alerts(record, settings))
            text = record.answer_text or ""
            if not text.strip():
                answer_of.append(None)
                continue
            channel = record.channel
            if not isinstance(channel, Channel):
                channel = Channel(channel)
            key = (channel, text, record.requester_name, record.agent)
            size = len(distinct)
            index = distinct.setdefault(key, size)
            if index == size:
                run.add(key)
                learnt_from.append([])
            if record.service and judged_type(record.request_type):
                learnt_from[index].append(i)
            answer_of.append(index)
        answers = len(distinct)
        # While the workers check the next answers, those checked already are grouped by
        # their sketches (reuse) and their stems counted for the subjects' profiles.
        grouping = Grouping(settings.reuse_similarity)
        counts = ProfileCounts()

        def take(chunk: list[Findings]) -> None:
            start = grouping.added
            for a, (_, sketch, stems) in enumerate(chunk, start):
                grouping.add(sketch)
                if learnt_from[a] and stems:
                    words = stems.split()
                    for i in learnt_from[a]:
                        counts.add(records[i].service, words)

        checked = run.results(
            lambda done: step(n // 2 + (18 * n - n // 2) * done // max(1, answers)),
            take,
        )
        del distinct
        results: list[Findings | None] = [None if a is None else checked[a] for a in answer_of]
        del checked
        for alerts, result in zip(found, results, strict=True):
            if result is not None:
                alerts.extend(result[0])
        step(18 * n)
        # Congruence: with workers, one judges the last records while this process judges
        # the others and then marks the reused answers.
        subjects = [r.service for r in records]
        judged = _judged(records, results, judged_type)
        judge = partial(
            find_incongruent,
            min_evidence=settings.congruence_min_evidence,
            own_share=settings.congruence_own_share,
            min_subject_answers=settings.congruence_min_subject_answers,
            profiles=counts.profiles(),
        )
        half = int(n * _OWN_SHARE) if run.pooled else n
        later = run.call(judge, subjects[half:], judged[half:])
        flagged = judge(subjects[:half], judged[:half], tick=lambda done: step(18 * n + done))
        _add_reuse(records, answer_of, grouping, found)
        # The evidence of this process's share is written while the worker may still judge.
        _add_incongruent(records, flagged, found, settings, stemmer)
        step(19 * n)
        while True:
            try:
                later_flagged = [(half + i, finding) for i, finding in later.result(_POLL_SECONDS)]
                break
            except FutureTimeout:
                step(19 * n)  # polls ``cancelled``
    _add_incongruent(records, later_flagged, found, settings, stemmer)
    step(total)
    return {
        record.key: tuple(sorted(alerts, key=_order) if len(alerts) > 1 else alerts)
        for record, alerts in zip(records, found, strict=True)
    }


def _add_incongruent(
    records: Sequence[ScreeningInput],
    flagged: list[tuple[int, Incongruence]],
    found: list[list[Alert]],
    settings: ScreeningSettings,
    stemmer: Stemmer,
) -> None:
    """An ``incongruente`` alert for each record flagged, with what its answer talks of."""
    for i, incongruence in flagged:
        record = records[i]
        names = name_words(record.requester_name, record.agent)
        body = split_answer(
            record.answer_text or "",
            names,
            settings.greeting_phrases,
            agent_words=name_words(record.agent),
            requester_words=name_words(record.requester_name),
            entity_names=settings.entity_names,
        ).body
        found[i].append(
            Alert(
                INCONGRUENTE,
                criterion_for(INCONGRUENTE, record.channel),
                evidence(incongruence.in_words(stemmer.surface(body))),
                proposed=NO_CUMPLE,
            )
        )


class _JudgedTypes:
    """Whether the congruence of a request type is judged (not a suggestion nor a
    congratulation: ``congruence_skip_types``), remembered per type."""

    def __init__(self, settings: ScreeningSettings) -> None:
        self._skipped = tuple(fold(t) for t in settings.congruence_skip_types)
        self._known: dict[str | None, bool] = {}

    def __call__(self, request_type: str | None) -> bool:
        judged = self._known.get(request_type)
        if judged is None:
            folded = fold(request_type or "")
            judged = self._known[request_type] = not any(map(folded.startswith, self._skipped))
        return judged


def _judged(
    records: Sequence[ScreeningInput],
    results: Sequence[Findings | None],
    judged_type: _JudgedTypes,
) -> list[Judged | None]:
    """What congruence judges of each record: None for a record without an answer and for a
    request type that is not judged."""
    return [
        (result[2], record.request_text, record.requester_name, record.agent)
        if result is not None and judged_type(record.request_type)
        else None
        for record, result in zip(records, results, strict=True)
    ]


def _add_reuse(
    records: Sequence[ScreeningInput],
    answer_of: Sequence[int | None],
    grouping: Grouping,
    found: list[list[Alert]],
) -> None:
    """``respuesta_reutilizada`` on the records of each group of (nearly) equal answers given
    to requests of two or more subjects (``grouping``: of the distinct answers, numbered
    as in ``answer_of``)."""
    group_of = grouping.group_of()
    groups: dict[int, list[int]] = {}
    for i, answer in enumerate(answer_of):
        if answer is not None and (number := group_of[answer]) is not None:
            groups.setdefault(number, []).append(i)
    for group in groups.values():
        if len(group) < 2:
            continue
        subjects = Counter(s for i in group if (s := records[i].service))
        if len(subjects) < 2:
            continue
        text = subjects_evidence(subjects, len(group))
        (top, top_count), (_, second_count) = subjects.most_common(2)
        for i in group:
            subject = records[i].service
            dominant = subject == top and top_count > second_count
            found[i].append(
                Alert(
                    RESPUESTA_REUTILIZADA,
                    criterion_for(RESPUESTA_REUTILIZADA, records[i].channel),
                    text,
                    proposed=None if dominant else NO_CUMPLE,
                )
            )
