"""Benchmark of the pre-screening (domain/screening); run by hand, prints JSON.

    python tests/perf/bench_screening.py [--records 200000] [--seed 182] [--compare] [--workers N]

Generates a month of written answers whose truth the generator knows, from the demo phrase
banks (src/auditoria_calidad/demo/texts.py): each answer is a greeting with the user's
name, an opening, 4–6 sentences of its subject's bank and 1–3 general ones, a closing and
the agent's signature. Then:

- ~1 % of the answers are copied, with another greeting, another signature, other spacing
  and sometimes another amount or date, to 1–4 other requests of any subject
  (reuse; truth: records sharing a composition — the same bank sentences — with requests
  of two or more subjects, copies or not);
- ~2 % are answered with another subject's sentences (off-topic; truth for
  ``incongruente``: the sentences' subject is not the request's, copies included);
- ~10 % get one or two misspellings that are not dictionary words (dropped accent,
  swapped letters, b/v, s/c/z, missing h), a third of them capitalised in mid-sentence
  ("Credito", "Univresidad", "Usaurio"); truth for ``ortografia``;
- ~3 % get a long regulation paragraph (sentences over 20 words).

Measured (recall, precision per alert; spelling recall over injected errors and false
flags over the other words; wall time of ``screen_population`` on this machine).

What was compared (``--compare`` also runs these on the same month):

- for ``incongruente``: the engine's subject profiles against the lexical overlap of the
  request and the answer alone (``congruence_min_subject_answers`` set out of reach);

and for reuse:

- exact hashing of the normalised body alone: misses every copy with an edited word;
- the engine: exact hashing + one-permutation MinHash (32 bins, 8 bands of 4) in pure
  Python + exact Jaccard of word 3-grams in each bucket;
- datasketch 1.x/2.0 MinHashLSH (threshold 0,8, 64 permutations, ``MinHash.bulk``):
  needs numpy (45 MB) and scipy (113 MB) installed;
- scikit-learn TF-IDF of character n-grams + nearest neighbours: 51 MB plus numpy and
  scipy (≈ 210 MB in all); its all-pairs cosine on 200 000 answers is quadratic, so it was
  not pursued.

Figures with worker processes (default ``--workers``: one per core), 200 000 answers,
seed 182, 2 Dec 2026 (2 cores). ``screening_cpu_s`` is the calling process,
``screening_workers_cpu_s`` the two workers together:

- 3 Dec 2026, evening, later: the sketch's bins read from the 3-gram hashes in ascending
  order (sorted anyway for the exact comparison), the first hash of a bin being its
  smallest: one body's sketch 37,7 µs instead of 50,6 µs (250 hashes, same process),
  identical on 20 000 random sets and alert by alert on 30 000 records. The machine was at
  a slow hour then (the generation 10,7 and 12,1 s): ``screening_s`` 59,0 and 58,9 s,
  workers 93 s of CPU; the same comparison run side by side (21 032 answers, one process
  each): 10,95 / 10,57 s of CPU against 11,14 / 11,92 s before.

- 3 Dec 2026, evening, a body paragraph met for the first time summed from the facts of
  its sentences when they lie end to end in it (its sentences are the subject's stock
  sentences: in the missed paragraphs 80 % of the characters are in a sentence met
  before; such a paragraph's facts take 35–41 µs instead of 87–93 µs), and the
  incongruence evidence of this process's share written while the worker still judges:
  ``screening_s`` **51,2 s** (the generation 9,8 s; 54,4 s at 10,4 s and 57,2 s at 11,6 s
  with only the first change and with neither), workers 80,5 s of CPU (88,5 s before),
  calling process 20,1 s, peak 1,87 GB. Findings identical answer by answer (21 032
  answers, hostile variants included) and alert by alert (30 000 records); quality figures
  unchanged.

- 3 Dec 2026, afternoon, what the checks find in a paragraph computed once per distinct paragraph
  (paragraphs.py: a month's answers are written from templates; in the first 50 000
  answers of this month 74 % of the characters are in a paragraph met before), reused answers
  grouped and the subjects' profiles counted as the workers' results come in, congruence
  judged by this process and a worker, a fine sketch of 256 bins (integers half as long
  to compare; 128 bins made more exact comparisons than they saved), workers without the
  cyclic collector: ``screening_s`` **48,2 s, 48,4 s, 50,9 s, 56,9 s, 59,6 s** (five runs
  over an hour; the month's generation, a fixed piece of work, took 9,0–14,4 s meanwhile),
  and one outlier at 67,1 s; calling process 17,2–21,5 s of CPU, workers 77–96 s, peak
  1,76–1,90 GB. At a slow hour (the generation 15,1 s) 70,7 s (calling process 25,4 s,
  workers 111,8 s): the target is met at the machine's usual speed, not at its slowest. The code before this work, interleaved with it: 53,0 s and 50,4 s against
  48,2 s and 48,4 s (the last step, congruence in two parts); 94,0 s that morning. One
  process, one answer's checks after 50 000 answers: 390–475 µs against 660–760 µs.
  Findings identical answer by answer (21 032 answers, hostile variants included) and
  alert by alert (30 000 records); quality figures unchanged (below).

- 3 Dec 2026, rules 2026.12-9 (later that day; the glued-word and acronym patterns made
  cheaper, more protocol and plain-language forms): ``screening_s`` 100,0 s at a slow hour
  (a fixed Python loop 1,06 s), workers 166,8 s of CPU, calling process 20,3 s, 1,9 GB;
  69,0 s (117,0 s / 15,1 s) earlier that day with the rules before. One process, 10 000
  answers back to back: 762 µs an answer against 741 µs with the code before. Quality as
  below but ``lenguaje_claro`` precision 58,7 % (Banco «AV» Villas is no acronym), 2,1 %
  of ordinary answers flagged.
- 3 Dec 2026, rules 2026.12-4 (more closings, signatures and greetings recognised, codes
  and units no acronyms, verbs with pronouns and names pass spelling, reuse also compared
  without a varied opening and closing paragraph): ``screening_s`` 74,0 s, workers 130,4 s
  of CPU, calling process 14,0 s, peak 1,9 GB; one answer's checks measured alone cost
  about 7 % more than with 2026.12-3 (383 µs against 358 µs). Quality: reuse 96,8 % /
  94,3 %, ``incongruente`` 98,1 % / 100 %, both 98,3 % / 97,6 %; spelling recall 99,95 %,
  0 false flags.
- 3 Dec 2026, later (the demo phrase banks had one sentence corrected, so the generated
  month differs a little): 3-gram hashes cut to 30 bits, the sketch made from the tokens,
  cheaper speaker and greeting matching. Five runs of the same code: ``screening_s``
  55,1 s, 64,5 s, 71,0 s, 70,6 s, 58,8 s (and 59,7 s / 62,0 s one change before); the workers'
  CPU moved with it (92,5 s to 122,8 s), and so did a fixed Python loop timed between
  runs (0,91 s to 1,21 s): the machine's speed, not the work, varies by ±15 %. Peak
  1,9 GB. Quality: reuse recall 96,5 % / precision 95,3 %, with ``incongruente``
  98,2 % / 98,1 %; spelling recall 100 %, 0 false flags.
- 3 Dec 2026, nearly idle machine (a virtual machine whose speed varies by ±10 % from run
  to run): ``screening_s`` **66,6 s** wall (82,6 s and 90,9 s with the code before, that
  day), 14,2 s of CPU in the calling process (34,8 s before), 115,3 s in the workers (the
  congruence included), 2,0 GB peak. What changed: the cyclic garbage collector is
  paused while screening (with two million objects alive it walked them all again and
  again: ~9 s); congruence is judged in a worker while the calling process groups the
  reused answers; the grouping reads the 3-gram hashes the workers computed with the
  sketch instead of cutting the bodies again, and passes over a pair whose 3-gram counts
  already rule it out. Results unchanged but for reuse (recall 96,8 % / precision 95,1 %,
  from 96,7 % / 95,1 %: equal bodies are now told by their 3-grams). Still over the 60 s
  goal: the per-answer checks take ~0,5 ms of CPU an answer, ~100 s for 200 000 on two
  cores; nothing else is left to overlap.
- before: the calling process starts the workers while it reads the records (deadlines, one
  entry per distinct answer), stems a request only when its answer looks incongruent,
  and computes the exact similarity of two bodies only when a 512-bin sketch (empty bins
  left out) allows it; the stems cross from the workers as one string per answer. The
  run before and a run of this work (two small changes short of its end) side by side on
  the same loaded machine (load 5–8): 37,0 s of
  CPU in the calling process against 66,4 s before; 133,5 s in the workers against
  134,3 s; ``screening_s`` 331 s against 365 s wall; 2,1 GB peak resident against 2,2 GB.
  Results identical (every alert of 20 000 answers compared one by one; the figures
  below unchanged at 200 000). Alone, the machine nearly idle (load 0,6–1,3):
  ``screening_s`` 76,0 s wall (118 s before), 28,9 s of CPU in the calling process, 96,8 s
  in the workers, 2,1 GB peak. Still over the 60 s goal: the per-answer Python of the workers
  (spelling, plain language, protocol, the body's sketch, ~0,5 ms an answer) is most of
  what is left, then the calling process's grouping and congruence after the workers.
- before (118 s wall, idle): 65,6 s of CPU in the calling process (reuse grouping,
  congruence, deadlines, the requests' stems, receiving the workers' results) and
  107,5 s in the two workers together (spelling, plain language, protocol, normalised
  body and its sketch, the answers' stems); 2,2 GB peak resident in the calling process.

Quality unchanged (figures below); ``lenguaje_claro`` (answer-level
rule): recall 100 % of the 5 721 answers given a long regulation paragraph, precision
48,2 %, 3,2 % of the ordinary answers flagged (INFLESZ under 40, a bank paragraph over
5 lines, «AV» of a bank's name); before, 199 361 of 200 000 answers were flagged.

Earlier figures, one process (2 cores shared with other work, load average 5–8), 2 Dec 2026:

- 200 000 answers (seed 182): ``respuesta_reutilizada`` recall 96,7 % / precision 95,1 %;
  ``incongruente`` 98,1 % / 100 %; both together 98,2 % / 97,9 %; spelling recall 100 %
  of 20 000 injected errors, 0 false flags in 37 million correct words; ``screening_s``
  710 s wall clock with the process getting ~40 % of a core (1,2 GB resident).
- 10 000 answers, ``--compare``: screening 7,3 s of CPU (0,73 ms per answer: ~150 s of
  CPU for 200 000, over the 60 s goal; the rest of the work is the per-answer Python of
  spelling, plain language and protocol, see the profile in the closing note).
  Reuse: exact hash alone R 87,7 % / P 100 % (0,01 s); the engine R 99,4 % / P 98,8 %
  (4,5 s wall); datasketch MinHashLSH 64 permutations without the exact check
  R 99,4 % / P 86,6 % (3,1 s, plus 160 MB of numpy and scipy): the engine is kept.
  ``incongruente`` by request/answer overlap alone: R 13,5 % / P 88,3 % against
  R 98,0 % / P 100 % with the subject profiles.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import platform
import random
import re
import resource
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from auditoria_calidad.demo import texts as t
from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.scheme import load_default_scheme
from auditoria_calidad.domain.screening import (
    ScreeningInput,
    ScreeningSettings,
    screen_population,
)
from auditoria_calidad.domain.spelling import SpellChecker

SUBJECTS = [name for name, _, _ in t.SERVICES]
WEIGHTS = [w for _, w, _ in t.SERVICES]
TYPES = [name for name, _, _ in t.REQUEST_TYPES if name not in ("Sugerencia", "Felicitación")]
_ACCENT_DROP = str.maketrans("áéíóú", "aeiou")
_SOUND = {"b": "v", "v": "b", "s": "c", "c": "s", "z": "s"}


@dataclass
class Truth:
    composition: dict[str, tuple] = field(default_factory=dict)
    body_subject: dict[str, str] = field(default_factory=dict)
    misspelt: dict[str, list[str]] = field(default_factory=dict)
    long: set[str] = field(default_factory=set)


def _context(rng: random.Random, name: str, received: datetime) -> dict[str, str]:
    monto = rng.randint(35, 1200) * 10_000
    return {
        "nombre": name,
        "nombre_corto": name.split()[0],
        "semestre": rng.choice(t.ORDINALS),
        "programa": rng.choice(t.PROGRAMS),
        "universidad": rng.choice(t.UNIVERSITIES),
        "periodo": f"{received.year}-2",
        "periodo_siguiente": f"{received.year + 1}-1",
        "banco": rng.choice(t.BANKS),
        "monto": f"$ {monto:,}".replace(",", "."),
        "monto2": f"$ {monto + 50_000:,}".replace(",", "."),
        "fecha": (received - timedelta(days=rng.randint(1, 40))).strftime("%d/%m/%Y"),
        "fecha_limite": f"{rng.randint(1, 28)} de {rng.choice(t.MONTHS)} de {received.year}",
        "fecha_radicado": received.strftime("%d/%m/%Y"),
        "ciudad": rng.choice(t.CITIES),
        "pais": rng.choice(t.COUNTRIES),
        "fondo": rng.choice(t.FUNDS),
        "linea": rng.choice(t.CREDIT_LINES),
        "pariente": rng.choice(t.RELATIVES),
        "numero_credito": str(rng.randint(1_000_000, 9_999_999)),
        "atento": "atento",
        "lo": "lo",
        "plazo": "15",
        "bienvenido": "bienvenido",
    }


def _compose(rng: random.Random, subject: str, rtype: str) -> tuple:
    own = tuple(sorted(rng.sample(range(len(t.ANSWER_BODIES[subject])), rng.randint(4, 6))))
    generic = tuple(sorted(rng.sample(range(len(t.ANSWER_GENERIC)), rng.randint(1, 3))))
    return (
        subject,
        rng.randrange(len(t.ANSWER_OPENINGS)),
        t.ANSWER_TYPE_OPENINGS[rtype][rng.randrange(2)],
        own,
        generic,
        rng.randrange(len(t.ANSWER_CLOSINGS)),
    )


def _render(rng: random.Random, comp: tuple, ctx: dict[str, str], agent: str, long: bool) -> str:
    subject, opening, type_opening, own, generic, closing = comp
    body = [type_opening] + [t.ANSWER_BODIES[subject][i] for i in own]
    body += [t.ANSWER_GENERIC[i] for i in generic]
    paragraphs = [" ".join(body[i : i + 3]) for i in range(0, len(body), 3)]
    if long:
        paragraphs.insert(1, rng.choice(t.LONG_PARAGRAPHS))
    greeting = rng.choice(t.ANSWER_GREETINGS)[0]
    text = "\n\n".join(
        [greeting, t.ANSWER_OPENINGS[opening], *paragraphs, t.ANSWER_CLOSINGS[closing]]
    ).format(**ctx)
    return f"{text}\n\n{rng.choice(t.SIGNATURES).replace('{agente}', agent)}"


def _respace(rng: random.Random, text: str) -> str:
    if rng.random() < 0.5:
        text = text.replace(". ", ".  ")
    if rng.random() < 0.5:
        text = text.replace("\n\n", "\n\n\n", 2)
    return text


def _misspell(rng: random.Random, word: str, checker: SpellChecker) -> str | None:
    for kind in rng.sample(("accent", "swap", "b/v", "s/c/z", "h"), 5):
        wrong = None
        if kind == "accent" and word.translate(_ACCENT_DROP) != word:
            wrong = word.translate(_ACCENT_DROP)
        elif kind == "swap":
            spots = [i for i in range(1, len(word) - 1) if word[i] != word[i + 1]]
            if spots:
                i = rng.choice(spots)
                wrong = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        elif kind in ("b/v", "s/c/z"):
            spots = [i for i, ch in enumerate(word) if ch in ("bv" if kind == "b/v" else "scz")]
            if spots:
                i = rng.choice(spots)
                wrong = word[:i] + _SOUND[word[i]] + word[i + 1 :]
        elif kind == "h" and "h" in word[1:] and "ch" not in word:
            i = word.index("h", 1)
            wrong = word[:i] + word[i + 1 :]
        if wrong and not checker.is_correct(wrong) and not checker.is_correct(wrong.capitalize()):
            return wrong
    return None


def _inject(rng: random.Random, text: str, checker: SpellChecker) -> tuple[str, list[str]]:
    """One or two misspellings in the body (a third capitalised in mid-sentence)."""
    spans = [m for m in re.finditer(r"(?<=[a-záéíóúñ,] )[a-záéíóúñ]{5,}\b", text)]
    made: list[str] = []
    for match in rng.sample(spans, min(len(spans), rng.choice((1, 1, 2)))):
        wrong = _misspell(rng, match.group(), checker)
        if wrong is None or any(m[0] == match.start() for m in []):
            continue
        if rng.random() < 0.33:
            wrong = wrong.capitalize()
        text = text[: match.start()] + wrong + text[match.end() :]
        made.append(wrong)
        break  # offsets changed: one per pass
    return text, made


def generate(n: int, seed: int, checker: SpellChecker) -> tuple[list[ScreeningInput], Truth]:
    rng = random.Random(seed)
    agents = [
        f"{rng.choice(t.FEMALE_FIRST_NAMES + t.MALE_FIRST_NAMES)} {rng.choice(t.SURNAMES)}"
        for _ in range(40)
    ]
    truth = Truth()
    records: list[ScreeningInput] = []
    start = datetime(2026, 10, 1, 8)
    contexts = []
    for i in range(n):
        subject = rng.choices(SUBJECTS, WEIGHTS)[0]
        rtype = rng.choice(TYPES)
        name = (
            f"{rng.choice(t.FEMALE_FIRST_NAMES)} {rng.choice(t.SURNAMES)} {rng.choice(t.SURNAMES)}"
        )
        received = start + timedelta(minutes=rng.randint(0, 30 * 24 * 60))
        ctx = _context(rng, name, received)
        request = " ".join(
            [
                rng.choice(t.REQUEST_GREETINGS),
                rng.choice(t.REQUEST_ISSUES[subject]),
                *rng.sample(t.REQUEST_DETAILS, rng.randint(0, 1)),
            ]
        ).format(**ctx)
        body_subject = subject
        if rng.random() < 0.02:
            body_subject = rng.choice([s for s in SUBJECTS if s != subject])
        comp = _compose(rng, body_subject, rtype)
        agent = rng.choice(agents)
        long = rng.random() < 0.03
        answer = _render(rng, comp, ctx, agent, long)
        key = f"2026-ER-{i:07d}"
        truth.composition[key] = comp
        truth.body_subject[key] = body_subject
        if long:
            truth.long.add(key)
        contexts.append((ctx, agent))
        records.append(
            ScreeningInput(
                key=key,
                channel=Channel.VIRTUAL,
                request_type=rtype,
                service=subject,
                request_text=request,
                answer_text=answer,
                received_at=received,
                answered_at=received + timedelta(hours=rng.uniform(1, 30)),
                requester_name=name,
                agent=agent,
            )
        )
    # Reuse: copy ~1 % of the answers to 1-4 other requests of any subject.
    for source in rng.sample(range(n), n // 100):
        src = records[source]
        comp = truth.composition[src.key]
        for target in rng.sample(range(n), rng.randint(1, 4)):
            if target == source:
                continue
            ctx, agent = contexts[target]
            copy_ctx = dict(contexts[source][0], nombre=ctx["nombre"])
            if rng.random() < 0.5:
                copy_ctx["monto"] = ctx["monto"]
            text = _respace(rng, _render(random.Random(source), comp, copy_ctx, agent, False))
            text = text.replace(contexts[source][1], agent)
            key = records[target].key
            records[target] = _with_answer(records[target], text)
            truth.composition[key] = comp
            truth.body_subject[key] = comp[0]
            truth.long.discard(key)
    # Misspellings in ~10 % of the answers.
    for i in rng.sample(range(n), n // 10):
        text, made = _inject(rng, records[i].answer_text or "", checker)
        if made:
            records[i] = _with_answer(records[i], text)
            truth.misspelt[records[i].key] = made
    return records, truth


def _with_answer(record: ScreeningInput, text: str) -> ScreeningInput:
    from dataclasses import replace

    return replace(record, answer_text=text)


def _score(flagged: set[str], expected: set[str]) -> dict[str, object]:
    hits = len(flagged & expected)
    return {
        "expected": len(expected),
        "flagged": len(flagged),
        "recall_percent": round(100 * hits / len(expected), 2) if expected else None,
        "precision_percent": round(100 * hits / len(flagged), 2) if flagged else None,
    }


def reuse_truth(records: list[ScreeningInput], truth: Truth) -> set[str]:
    groups: dict[tuple, set[str]] = defaultdict(set)
    subjects: dict[tuple, set[str]] = defaultdict(set)
    for r in records:
        comp = truth.composition[r.key]
        groups[comp].add(r.key)
        subjects[comp].add(r.service or "")
    return {k for comp, keys in groups.items() if len(subjects[comp]) > 1 for k in keys}


def measure(records: list[ScreeningInput], truth: Truth, result: dict) -> dict[str, object]:
    by_code: dict[str, set[str]] = defaultdict(set)
    words_flagged: dict[str, list[str]] = {}
    for key, alerts in result.items():
        for alert in alerts:
            by_code[alert.code].add(key)
            if alert.code == "ortografia":
                words_flagged[key] = list(alert.words)
    incongruent = {r.key for r in records if truth.body_subject[r.key] != r.service}
    reused = reuse_truth(records, truth)
    combined_flag = by_code["respuesta_reutilizada"] | by_code["incongruente"]
    injected = sum(len(v) for v in truth.misspelt.values())
    found = sum(
        sum(1 for w in made if w in words_flagged.get(key, ()))
        for key, made in truth.misspelt.items()
    )
    words_total = sum(len((r.answer_text or "").split()) for r in records)
    false_flags = Counter()
    for key, flagged in words_flagged.items():
        rest = Counter(flagged) - Counter(truth.misspelt.get(key, ()))
        false_flags.update(rest)
    return {
        "respuesta_reutilizada": _score(by_code["respuesta_reutilizada"], reused),
        "incongruente": _score(by_code["incongruente"], incongruent),
        "reutilizada_o_incongruente": _score(combined_flag, reused | incongruent),
        "ortografia": {
            "injected_errors": injected,
            "recall_percent": round(100 * found / injected, 2) if injected else None,
            "correct_words": words_total - injected,
            "false_flags": sum(false_flags.values()),
            "false_flag_percent": round(
                100 * sum(false_flags.values()) / (words_total - injected), 4
            ),
            "false_flag_examples": [w for w, _ in false_flags.most_common(10)],
        },
        # Truth: the answers given a long regulation paragraph. Other answers may be flagged
        # rightly too (readability, a bank's long paragraph): the share of the ordinary
        # answers flagged says how noisy the alert is.
        "lenguaje_claro": _score(by_code["lenguaje_claro"], truth.long)
        | {
            "ordinary_answers_flagged_percent": round(
                100
                * len(by_code["lenguaje_claro"] - truth.long)
                / max(1, len(records) - len(truth.long)),
                2,
            )
        },
        "alerts_per_code": {code: len(keys) for code, keys in sorted(by_code.items())},
    }


def compare_reuse(records: list[ScreeningInput], truth: Truth, settings: ScreeningSettings) -> dict:
    """Exact hashing alone, the engine's grouping, and datasketch MinHashLSH when installed."""
    from auditoria_calidad.domain.screening.answer_parts import name_words, split_answer
    from auditoria_calidad.domain.screening.reuse import find_groups, normalised_body

    bodies = []
    for r in records:
        names = name_words(r.requester_name, r.agent)
        parts = split_answer(r.answer_text or "", names, settings.greeting_phrases)
        bodies.append(normalised_body(parts.body, names))
    expected = reuse_truth(records, truth)

    def flagged(groups: list[list[int]]) -> set[str]:
        out: set[str] = set()
        for g in groups:
            if len({records[i].service for i in g}) > 1:
                out |= {records[i].key for i in g}
        return out

    out: dict[str, object] = {}
    t0 = time.perf_counter()
    exact: dict[str, list[int]] = defaultdict(list)
    for i, b in enumerate(bodies):
        exact[b].append(i)
    out["exact_hash_only"] = _score(flagged([g for g in exact.values() if len(g) > 1]), expected)
    out["exact_hash_only"]["seconds"] = round(time.perf_counter() - t0, 2)  # type: ignore[index]
    t0 = time.perf_counter()
    groups = find_groups(bodies, settings.reuse_similarity, settings.reuse_min_words)
    out["engine_oph_lsh"] = _score(flagged(groups), expected)
    out["engine_oph_lsh"]["seconds"] = round(time.perf_counter() - t0, 2)  # type: ignore[index]
    try:
        from datasketch import MinHash, MinHashLSH  # type: ignore[import-not-found]
    except ImportError:
        out["datasketch"] = "not installed"
        return out
    t0 = time.perf_counter()
    unique = list(exact)
    shingles = []
    for b in unique:
        tokens = b.split(" ")
        shingles.append(
            [" ".join(g).encode() for g in zip(tokens, tokens[1:], tokens[2:], strict=False)]
        )
    hashes = MinHash.bulk(shingles, num_perm=64)
    lsh = MinHashLSH(threshold=settings.reuse_similarity, num_perm=64)
    parent = list(range(len(unique)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, mh in enumerate(hashes):
        for j in lsh.query(mh):
            parent[root(j)] = root(i)
        lsh.insert(i, mh)
    merged: dict[int, list[int]] = defaultdict(list)
    for i, b in enumerate(unique):
        merged[root(i)].extend(exact[b])
    out["datasketch_minhash_lsh_64"] = _score(
        flagged([g for g in merged.values() if len(g) > 1]), expected
    )
    out["datasketch_minhash_lsh_64"]["seconds"] = round(time.perf_counter() - t0, 2)  # type: ignore[index]
    return out


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=182)
    parser.add_argument("--compare", action="store_true")
    parser.add_argument("--workers", type=int, default=None, help="default: one per core")
    args = parser.parse_args()
    t0 = time.perf_counter()
    checker = SpellChecker.load()
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    records, truth = generate(args.records, args.seed, checker)
    generate_s = time.perf_counter() - t0
    settings = ScreeningSettings(entity_names=("ICETEX",), entity_words=t.ENTITY_WORDS).for_scheme(
        load_default_scheme("virtual")
    )
    t0, cpu0, children0 = time.perf_counter(), time.process_time(), _children_cpu()
    result = screen_population(records, settings, checker=checker, workers=args.workers)
    screen_s, screen_cpu_s = time.perf_counter() - t0, time.process_time() - cpu0
    for worker in multiprocessing.active_children():  # they end on their own: wait for them
        worker.join()
    workers_cpu_s = _children_cpu() - children0
    report: dict[str, object] = {
        "python": platform.python_version(),
        "machine": platform.platform(),
        "records": len(records),
        "dictionary_load_s": round(load_s, 2),
        "generation_s": round(generate_s, 1),
        "screening_s": round(screen_s, 1),
        "screening_cpu_s": round(screen_cpu_s, 1),  # the machine is shared: CPU time too
        "screening_workers_cpu_s": round(workers_cpu_s, 1),  # worker processes, together
        "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "quality": measure(records, truth, result),
    }
    if not args.compare:
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return 0
    t0 = time.perf_counter()
    overlap_only = screen_population(
        records, ScreeningSettings(congruence_min_subject_answers=10**9), checker=checker
    )
    report["incongruente_by_request_overlap_only"] = measure(records, truth, overlap_only)[
        "incongruente"
    ]
    report["incongruente_by_request_overlap_only"]["screening_s"] = round(  # type: ignore[index]
        time.perf_counter() - t0, 1
    )
    report["reuse_compared"] = compare_reuse(records, truth, settings)
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
