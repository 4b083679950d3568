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

- ``screen_population(records, settings, *, progress=None, cancelled=None, checker=None)``
  returns ``{key: (Alert, ...)}`` for every record (an empty tuple when nothing was
  found), alerts in the order of ``ALERT_CODES``. Keys are expected unique.
  ``progress(done, total)`` is called now and then; ``cancelled()`` is polled and, when it
  returns True, ``ScreeningCancelled`` is raised and nothing is returned. ``checker``
  is a loaded ``SpellChecker`` to reuse; without it the dictionary is loaded here
  (``SpellingDictionaryError``, a Spanish message, if it cannot be read).
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

from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.screening.alerts import (
    ALERT_CODES,
    ALERT_LABELS,
    INCONGRUENTE,
    LENGUAJE_CLARO,
    NO_CUMPLE,
    ORTOGRAFIA,
    PROTOCOLO,
    RESPUESTA_REUTILIZADA,
    Alert,
    criterion_for,
)
from auditoria_calidad.domain.screening.answer_parts import fold, name_words, split_answer, words
from auditoria_calidad.domain.screening.congruence import (
    Stemmer,
    SubjectProfiles,
    evidence,
    judge,
)
from auditoria_calidad.domain.screening.deadlines import chat_alerts, deadline_alerts
from auditoria_calidad.domain.screening.inputs import ScreeningInput, ScreeningSettings
from auditoria_calidad.domain.screening.orthography import spelling_alert
from auditoria_calidad.domain.screening.plain_language import measure, plain_language_alert
from auditoria_calidad.domain.screening.protocol import missing_parts, protocol_alert
from auditoria_calidad.domain.screening.reuse import find_groups, normalised_body, subjects_evidence
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

RULES_VERSION = "2026.12-1"

ProgressCallback = Callable[[int, int], None]
_ORDER = {code: i for i, code in enumerate(ALERT_CODES)}
_PROGRESS_EVERY = 500


class ScreeningCancelled(Exception):
    """The caller cancelled the screening; nothing was returned."""


def _known_acronyms(settings: ScreeningSettings) -> frozenset[str]:
    entries = (*settings.entity_names, *settings.entity_words, *settings.known_acronyms)
    return frozenset(w for entry in entries for w in words(entry) if w.isupper())


def screen_population(
    records: Sequence[ScreeningInput],
    settings: ScreeningSettings,
    *,
    progress: ProgressCallback | None = None,
    cancelled: Callable[[], bool] | None = None,
    checker: SpellChecker | None = None,
) -> dict[str, tuple[Alert, ...]]:
    """Alerts of every record of a population (module docstring: the contract)."""
    n = len(records)
    total = 3 * n

    def step(done: int) -> None:
        if cancelled is not None and cancelled():
            raise ScreeningCancelled
        if progress is not None:
            progress(done, total)

    base = checker or SpellChecker.load()
    checker = base.with_entity_words((*settings.entity_words, *settings.entity_names))
    known = _known_acronyms(settings)
    stemmer = Stemmer()
    found: list[list[Alert]] = []
    bodies: list[str | None] = []
    answer_stems: list[tuple[str, ...] | None] = []
    request_stems: list[tuple[str, ...]] = []
    step(0)
    for i, record in enumerate(records):
        if i % _PROGRESS_EVERY == 0 and i:
            step(i)
        alerts = deadline_alerts(record, settings) + chat_alerts(record, settings)
        channel = Channel(record.channel)
        names = name_words(record.requester_name, record.agent)
        request_stems.append(tuple(stemmer.stems(record.request_text or "", names)))
        text = record.answer_text or ""
        if not text.strip():
            found.append(alerts)
            bodies.append(None)
            answer_stems.append(None)
            continue
        parts = split_answer(text, names, settings.greeting_phrases)
        spelling = spelling_alert(
            parts.text,
            checker,
            tuple(n for n in (record.requester_name, record.agent) if n),
            settings.spelling_bands,
            settings.spelling_criterion or criterion_for(ORTOGRAFIA, channel),
        )
        if spelling:
            alerts.append(spelling)
        clear = plain_language_alert(
            measure(parts.body, parts.text, settings, known),
            settings,
            criterion_for(LENGUAJE_CLARO, channel),
        )
        if clear:
            alerts.append(clear)
        protocol = protocol_alert(
            missing_parts(parts, settings, name_words(record.agent)),
            criterion_for(PROTOCOLO, channel),
        )
        if protocol:
            alerts.append(protocol)
        found.append(alerts)
        bodies.append(None if parts.is_transcript else normalised_body(parts.body, names))
        answer_stems.append(tuple(stemmer.stems(parts.body, names)))

    step(n)
    sketched = 0

    def tick() -> None:
        nonlocal sketched
        sketched += 1
        if sketched % _PROGRESS_EVERY == 0:
            step(n + sketched)

    for group in find_groups(
        bodies, settings.reuse_similarity, settings.reuse_min_words, tick=tick
    ):
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

    step(2 * n)
    subjects_list = [r.service for r in records]
    skipped = tuple(fold(t) for t in settings.congruence_skip_types)
    judged = [not any(fold(r.request_type or "").startswith(t) for t in skipped) for r in records]
    profiles = SubjectProfiles(
        subjects_list, [s if ok else None for s, ok in zip(answer_stems, judged, strict=True)]
    )
    for i, record in enumerate(records):
        if i % _PROGRESS_EVERY == 0 and i:
            step(2 * n + i)
        if not judged[i]:
            continue
        result = judge(
            record.service,
            answer_stems[i],
            request_stems[i],
            profiles,
            stemmer,
            min_evidence=settings.congruence_min_evidence,
            own_share=settings.congruence_own_share,
            min_subject_answers=settings.congruence_min_subject_answers,
        )
        if result is not None:
            found[i].append(
                Alert(
                    INCONGRUENTE,
                    criterion_for(INCONGRUENTE, record.channel),
                    evidence(result),
                    proposed=NO_CUMPLE,
                )
            )
    step(total)
    return {
        record.key: tuple(sorted(alerts, key=lambda a: _ORDER[a.code]))
        for record, alerts in zip(records, found, strict=True)
    }
