"""Deterministic demo data: one month of virtual (PQRS) and chat records of a provider.

All randomness comes from one ``random.Random(seed)``: the same arguments always give
exactly the same records (same ``RecordData.content_hash()``).
"""

from __future__ import annotations

import calendar
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from auditoria_calidad.demo import texts as t
from auditoria_calidad.domain.fields import Channel, RecordData, RequestType

# Spelling mistakes that the generator injects: (correct word, misspelt form). Every
# misspelt form is a non-word for a Spanish spell checker (checked against hunspell es_CO).
# fmt: off
MISSPELLINGS: tuple[tuple[str, str], ...] = (
    ("información", "informacion"), ("crédito", "credito"), ("también", "tambien"),
    ("deberá", "devera"), ("podrá", "podra"), ("recibir", "recivir"),
    ("necesario", "nesesario"), ("hacer", "aser"), ("solicitud", "slocitud"), ("días", "dias"),
    ("académico", "academico"), ("atención", "atencion"), ("renovación", "renovacion"),
    ("legalización", "legalizacion"), ("condonación", "condonacion"), ("según", "segun"),
    ("próximo", "proximo"), ("teléfono", "telefono"), ("beneficiario", "beneficario"),
    ("proceso", "proseso"), ("electrónico", "electronico"), ("hemos", "emos"),
    ("través", "traves"), ("código", "codigo"), ("requisitos", "requicitos"),
    ("documentos", "docuemntos"), ("hábiles", "habiles"), ("semestre", "semetre"),
    ("desembolso", "desenbolso"), ("realizar", "realisar"), ("garantías", "garantias"),
)
# fmt: on
MISSPELT_WORDS: frozenset[str] = frozenset(wrong for _, wrong in MISSPELLINGS)
_CORRECT_TO_WRONG = dict(MISSPELLINGS)
_CANDIDATE_RE = re.compile(r"\b(" + "|".join(_CORRECT_TO_WRONG) + r")\b")

# CRM request-type label -> Ley 1755 deadline kind.
REQUEST_TYPE_KINDS: dict[str, RequestType] = {
    "Petición": RequestType.PETICION,
    "Queja": RequestType.QUEJA,
    "Reclamo": RequestType.RECLAMO,
    "Consulta": RequestType.CONSULTA,
    "Solicitud de información": RequestType.DOCUMENTOS,
    "Solicitud de documentos": RequestType.DOCUMENTOS,
    "Sugerencia": RequestType.SUGERENCIA,
    "Felicitación": RequestType.FELICITACION,
}
_DEADLINE_DAYS = {"Consulta": 30, "Solicitud de información": 10, "Solicitud de documentos": 10}

MISSPELLING_SHARE = 0.15
LATE_SHARE = 0.12
FAST_SHARE = 0.03
HOSTILE_COUNT = 8


@dataclass
class DemoMonth:
    """One month of demo records of one provider, both channels."""

    seed: int
    provider: str
    period_start: date
    period_end: date
    agents: list[str]
    virtual: list[RecordData]
    chat: list[RecordData]
    # record key -> misspelt words injected into its answer (for tests and the demo).
    misspellings: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def records(self, channel: Channel) -> list[RecordData]:
        return self.virtual if channel is Channel.VIRTUAL else self.chat


@dataclass(frozen=True)
class _Person:
    first_names: str
    surnames: str
    female: bool
    identity: str
    upper_in_crm: bool

    @property
    def full_name(self) -> str:
        name = f"{self.first_names} {self.surnames}"
        return name.upper() if self.upper_in_crm else name

    @property
    def short_name(self) -> str:
        return f"{self.first_names} {self.surnames.split()[0]}"


class _Builder:
    def __init__(self, seed: int, year: int, month: int, provider: str) -> None:
        self.rng = random.Random(seed)
        self.year, self.month, self.provider = year, month, provider
        self.first = date(year, month, 1)
        self.last = date(year, month, calendar.monthrange(year, month)[1])
        self.people: list[_Person] = []
        self.agent_short: dict[str, str] = {}
        self.identities: set[str] = set()

    # --- people -----------------------------------------------------------------------

    def name(self, female: bool) -> tuple[str, str]:
        rng = self.rng
        pool = t.FEMALE_FIRST_NAMES if female else t.MALE_FIRST_NAMES
        firsts = rng.sample(pool, 2 if rng.random() < 0.7 else 1)
        return " ".join(firsts), " ".join(rng.sample(t.SURNAMES, 2))

    def identity(self) -> str:
        """A new identity number, never given to another person of the month."""
        while (number := self._identity()) in self.identities:
            pass
        self.identities.add(number)
        return number

    def _identity(self) -> str:
        rng, r = self.rng, self.rng.random()
        if r < 0.55:  # born after ~1990: 10 digits starting with 10
            return str(rng.randint(1_000_000_000, 1_030_000_000))
        if r < 0.85:
            return str(rng.choice((52, 79, 80, 39, 43, 71)) * 1_000_000 + rng.randint(0, 999_999))
        if r < 0.95:
            return str(rng.randint(1_000_000, 9_999_999))
        return str(rng.randint(100_000, 999_999))  # cédula de extranjería

    def person(self) -> _Person:
        if self.people and self.rng.random() < 0.1:  # a returning user
            return self.rng.choice(self.people)
        female = self.rng.random() < 0.56
        firsts, surnames = self.name(female)
        upper = self.rng.random() < 0.2
        p = _Person(firsts, surnames, female, self.identity(), upper)
        self.people.append(p)
        return p

    def agents(self, count: int) -> list[str]:
        names: list[str] = []
        while len(names) < count:
            firsts, surnames = self.name(self.rng.random() < 0.6)
            full = f"{firsts} {surnames}"
            if full not in names:
                names.append(full)
                # As the agent signs a chat: first given name and first surname.
                self.agent_short[full] = f"{firsts.split()[0]} {surnames.split()[0]}"
        return names

    def allocation(self, agents: list[str], total: int) -> list[str]:
        """Agent of each record: uneven shares (some agents carry far more records)."""
        weights = [0.82**i for i in range(len(agents))]
        self.rng.shuffle(weights)
        scale = sum(weights)
        counts = [max(1, int(total * w / scale)) for w in weights]
        order = sorted(range(len(agents)), key=lambda i: -weights[i])
        i = 0
        while sum(counts) != total:
            j = order[i % len(order)]
            if sum(counts) < total:
                counts[j] += 1
            elif counts[j] > 1:
                counts[j] -= 1
            i += 1
            if i > 10 * len(order) * (total + 1):
                break
        out = [a for a, c in zip(agents, counts, strict=True) for _ in range(c)][:total]
        self.rng.shuffle(out)
        return out

    # --- time -------------------------------------------------------------------------

    def instant(self, day_weights: Sequence[float], hour_weights: Sequence[float]) -> datetime:
        rng = self.rng
        days = [self.first + timedelta(days=d) for d in range(self.last.day)]
        day = rng.choices(days, weights=[day_weights[d.weekday()] for d in days])[0]
        hour = rng.choices(range(24), weights=hour_weights)[0]
        return datetime(day.year, day.month, day.day, hour, rng.randrange(60), rng.randrange(60))

    # --- texts ------------------------------------------------------------------------

    def context(self, person: _Person, received: datetime, service: str) -> dict[str, str]:
        rng = self.rng
        sem = rng.randint(2, 10)
        term = 2 if received.month >= 6 else 1
        nxt = (received.year + 1, 1) if term == 2 else (received.year, 2)
        monto = rng.randint(35, 1200) * 10_000
        before = received.date() - timedelta(days=rng.randint(1, 40))
        limit = received.date() + timedelta(days=rng.randint(5, 45))
        return {
            "nombre": person.short_name,
            "nombre_corto": person.first_names.split()[0],
            "semestre": t.ORDINALS[sem - 1],
            "programa": rng.choice(t.PROGRAMS),
            "universidad": rng.choice(t.UNIVERSITIES),
            "periodo": f"{received.year}-{term}",
            "periodo_siguiente": f"{nxt[0]}-{nxt[1]}",
            "banco": rng.choice(t.BANKS),
            "monto": pesos(monto),
            "monto2": pesos(monto + rng.randint(5, 300) * 10_000),
            "fecha": before.strftime("%d/%m/%Y"),
            "fecha_limite": f"{limit.day} de {t.MONTHS[limit.month - 1]} de {limit.year}",
            "fecha_radicado": received.strftime("%d/%m/%Y"),
            "ciudad": rng.choice(t.CITIES),
            "pais": rng.choice(t.COUNTRIES),
            "fondo": rng.choice(t.FUNDS),
            "linea": rng.choice(t.CREDIT_LINES),
            "pariente": rng.choice(t.RELATIVES),
            "numero_credito": str(rng.randint(1_000_000, 9_999_999)),
            "atento": "atenta" if person.female else "atento",
            "lo": "la" if person.female else "lo",
            "bienvenido": "bienvenida" if person.female else "bienvenido",
            "cedula": person.identity,
            "cedula_puntos": f"{int(person.identity):,}".replace(",", "."),
            "servicio": service.lower(),
        }

    def request_text(self, rtype: str, service: str, ctx: dict[str, str]) -> str:
        rng = self.rng
        parts: list[str] = []
        if rng.random() < 0.6:
            parts.append(rng.choice(t.REQUEST_GREETINGS))
        if rng.random() < 0.5:
            parts.append(rng.choice(t.REQUEST_OPENERS[rtype]))
        parts.append(rng.choice(t.TYPE_ISSUES.get(rtype) or t.REQUEST_ISSUES[service]))
        if rtype in ("Queja", "Reclamo") and rng.random() < 0.7:
            parts.append(rng.choice(t.COMPLAINT_DETAILS))
        parts += rng.sample(t.REQUEST_DETAILS, rng.choice((0, 0, 1, 1, 1, 2)))
        if rng.random() < 0.55:
            parts.append(rng.choice(t.REQUEST_CLOSINGS))
        parts = parts[:6]
        sep = "\n" if rng.random() < 0.25 else " "
        return sep.join(parts).format(**ctx)

    def answer_text(
        self, rtype: str, service: str, ctx: dict[str, str], agent: str, long: bool
    ) -> str:
        rng = self.rng
        greeting = rng.choice(t.ANSWER_GREETINGS)[1 if ctx["lo"] == "la" else 0]
        size = rng.choices(
            (2, rng.randint(3, 5), rng.randint(6, 8), rng.randint(9, 12)), weights=(10, 50, 30, 10)
        )[0]
        if rtype in ("Sugerencia", "Felicitación"):
            size = min(size, 3)
        body = [rng.choice(t.ANSWER_TYPE_OPENINGS[rtype])]
        own_count = min(size - 1, 3 + rng.randint(0, 4))
        if rtype in ("Sugerencia", "Felicitación"):  # no service details in these answers
            own_count = 0
        own = rng.sample(t.ANSWER_BODIES[service], own_count)
        body += own + rng.sample(t.ANSWER_GENERIC, max(0, size - 1 - len(own)))
        paragraphs: list[str] = []
        while body:
            take = rng.randint(1, 3)
            paragraphs.append(" ".join(body[:take]))
            body = body[take:]
        if long:
            extra = list(t.LONG_PARAGRAPHS)
            rng.shuffle(extra)
            while extra and sum(len(p) for p in paragraphs) < 6000:
                paragraphs.append(extra.pop())
        short = size == 2 and not long
        head = [greeting.format(**ctx)]
        if not short:
            head.append(rng.choice(t.ANSWER_OPENINGS))
        tail = [] if short else [rng.choice(t.ANSWER_CLOSINGS)]
        signature = rng.choice(t.SIGNATURES).replace("{agente}", agent)
        text = "\n\n".join([*head, *paragraphs, *tail]).format(**ctx)
        return f"{text}\n\n{signature}"


def pesos(value: int) -> str:
    """Colombian peso amount as written in letters: ``$ 1.250.000``."""
    return "$ " + f"{value:,}".replace(",", ".")


def misspell(rng: random.Random, text: str, count: int) -> tuple[str, tuple[str, ...]]:
    """Replace one occurrence of up to ``count`` distinct words of ``text`` with a mistake."""
    candidates = sorted(set(_CANDIDATE_RE.findall(text)))
    chosen = rng.sample(candidates, min(count, len(candidates)))
    for word in chosen:
        spans = [m.span() for m in re.finditer(rf"\b{word}\b", text)]
        start, end = rng.choice(spans)
        text = text[:start] + _CORRECT_TO_WRONG[word] + text[end:]
    return text, tuple(_CORRECT_TO_WRONG[w] for w in chosen)


def weighted_pick(rng: random.Random, weights: Sequence[float], k: int) -> list[int]:
    """``k`` distinct indices, drawn without replacement with the given weights."""
    keyed = sorted(range(len(weights)), key=lambda i: -(rng.random() ** (1.0 / weights[i])))
    return keyed[:k]


def add_hostile(rng: random.Random, text: str, snippet: str, *, one_line: bool) -> str:
    if snippet.startswith(("=", "+", "-")):
        return f"{snippet} {text}" if one_line else f"{snippet}\n{text}"
    return f"{text} {snippet}" if rng.random() < 0.5 else f"{snippet} {text}"


# Relative weights by weekday (Monday first) and by hour of the day.
_VIRTUAL_DAYS = (1.0, 1.0, 1.0, 1.0, 0.95, 0.35, 0.2)
# fmt: off
_VIRTUAL_HOURS = (1, 0.6, 0.4, 0.3, 0.4, 0.8, 2, 5, 9, 11, 11, 10, 7, 8, 10, 10, 9, 7, 5, 4, 3,
                  3, 2, 1.5)
# fmt: on
_CHAT_DAYS = (1.0, 1.0, 1.0, 1.0, 1.0, 0.4, 0.0)
_CHAT_HOURS = (0, 0, 0, 0, 0, 0, 0, 3, 8, 10, 10, 9, 6, 7, 9, 9, 8, 6, 4, 2, 0, 0, 0, 0)
_RATINGS = (5.0, 4.0, 3.0, 2.0, 1.0)


def _pick(rng: random.Random, table: tuple[tuple[str, int, int], ...], channel: Channel) -> str:
    weights = [virtual if channel is Channel.VIRTUAL else chat for _, virtual, chat in table]
    return rng.choices([label for label, _, _ in table], weights=weights)[0]


def _virtual(
    b: _Builder, agents: list[str], n: int, first_number: int | None = None
) -> tuple[list[RecordData], dict[str, tuple[str, ...]]]:
    rng = b.rng
    times = sorted(b.instant(_VIRTUAL_DAYS, _VIRTUAL_HOURS) for _ in range(n))
    assigned = b.allocation(agents, n)
    slowness = {a: rng.uniform(0.4, 2.5) for a in agents}
    carelessness = {a: rng.uniform(0.3, 3.0) for a in agents}
    late = set(weighted_pick(rng, [slowness[a] for a in assigned], round(LATE_SHARE * n)))
    fast = set(rng.sample([i for i in range(n) if i not in late], round(FAST_SHARE * n)))
    long_answers = set(rng.sample(range(n), min(n, max(1, round(n * 0.004)))))
    hostile = {i: k for k, i in enumerate(sorted(rng.sample(range(n), min(n, HOSTILE_COUNT))))}
    number = rng.randint(100_000, 400_000)
    if first_number is not None:
        number = first_number
    records: list[RecordData] = []
    for i, received in enumerate(times):
        number += rng.randint(1, 9)
        person = b.person()
        rtype = _pick(rng, t.REQUEST_TYPES, Channel.VIRTUAL)
        service = _pick(rng, t.SERVICES, Channel.VIRTUAL)
        ctx = b.context(person, received, service)
        ctx["plazo"] = str(_DEADLINE_DAYS.get(rtype, 15))
        request = b.request_text(rtype, service, ctx)
        if i in hostile:
            snippet = t.HOSTILE_SNIPPETS[hostile[i] % len(t.HOSTILE_SNIPPETS)]
            request = add_hostile(rng, request, snippet, one_line=False)
        answer = b.answer_text(rtype, service, ctx, assigned[i], i in long_answers)
        if i in late:
            delay = timedelta(hours=rng.triangular(26, 144, 30))
        elif i in fast:
            delay = timedelta(minutes=rng.uniform(2, 45))
        else:
            delay = timedelta(hours=rng.triangular(0.5, 23.5, 3))
        records.append(
            RecordData(
                channel=Channel.VIRTUAL,
                key=f"{received.year}-ER-{number:07d}",
                agent=assigned[i],
                received_at=received,
                answered_at=received + timedelta(seconds=int(delay.total_seconds())),
                identity_number=person.identity,
                requester_name=person.full_name,
                request_type=rtype,
                service=service,
                crm_registrations=rng.choices((1, 2, 3), weights=(85, 12, 3))[0],
                request_text=request,
                answer_text=answer,
                source_sheet="Demo",
                source_row=i + 2,
            )
        )
    eligible = [i for i, r in enumerate(records) if _CANDIDATE_RE.search(r.answer_text or "")]
    target = min(len(eligible), round(MISSPELLING_SHARE * n))
    chosen = weighted_pick(rng, [carelessness[assigned[i]] for i in eligible], target)
    injected: dict[str, tuple[str, ...]] = {}
    for i in sorted(eligible[j] for j in chosen):
        count = rng.choices((1, 2, 3, 4), weights=(45, 30, 15, 10))[0]
        records[i].answer_text, words = misspell(rng, records[i].answer_text or "", count)
        injected[records[i].key] = words
    return records, injected


def _chat_turns(
    b: _Builder, first: str, rtype: str, service: str, ctx: dict[str, str]
) -> list[tuple[bool, str]]:
    """(is_agent, text) turns, alternating, starting with the user: 4 to 14 turns."""
    rng = b.rng
    greeting = rng.choice(t.CHAT_AGENT_GREETINGS)
    main = " ".join(rng.sample(t.ANSWER_BODIES[service], rng.randint(1, 2)))
    if rtype in ("Queja", "Reclamo"):
        main = f"{t.ANSWER_TYPE_OPENINGS[rtype][0]} {main}"
    anything = rng.choice(t.CHAT_AGENT_ANYTHING_ELSE)
    turns: list[tuple[bool, str]] = [(False, first)]
    followups = rng.sample(t.CHAT_FOLLOWUPS, rng.choices(range(5), weights=(25, 25, 25, 15, 10))[0])
    if rng.random() < 0.1:  # a short chat: greeting and answer in one turn
        turns.append((True, f"{greeting.split('.')[0]}. {main} {anything}"))
    else:
        turns += [
            (True, greeting),
            (False, rng.choice(t.CHAT_USER_ID)),
            (True, f"{rng.choice(t.CHAT_AGENT_CHECK)} {main}"),
        ]
        for question, reply in followups:
            turns += [(False, question), (True, reply)]
        turns[-1] = (True, f"{turns[-1][1]} {anything}")
    turns += [(False, rng.choice(t.CHAT_USER_THANKS)), (True, rng.choice(t.CHAT_AGENT_CLOSINGS))]
    # The user's first message is already final text: only the templates are filled.
    return [turns[0]] + [(is_agent, text.format(**ctx)) for is_agent, text in turns[1:]]


def _chat(
    b: _Builder, agents: list[str], n: int
) -> tuple[list[RecordData], dict[str, tuple[str, ...]]]:
    rng = b.rng
    times = sorted(b.instant(_CHAT_DAYS, _CHAT_HOURS) for _ in range(n))
    assigned = b.allocation(agents, n)
    carelessness = {a: rng.uniform(0.3, 3.0) for a in agents}
    careless = set(
        weighted_pick(rng, [carelessness[a] for a in assigned], round(MISSPELLING_SHARE * n))
    )
    hostile = {i: k for k, i in enumerate(sorted(rng.sample(range(n), min(n, HOSTILE_COUNT))))}
    number = (b.month - 1) * 20_000 + rng.randint(100, 5_000)
    records: list[RecordData] = []
    injected: dict[str, tuple[str, ...]] = {}
    for i, received in enumerate(times):
        number += rng.randint(1, 4)
        key = f"CHAT-{received.year}-{number:06d}"
        agent = assigned[i]
        person = b.person()
        rtype = _pick(rng, t.REQUEST_TYPES, Channel.CHAT)
        service = _pick(rng, t.SERVICES, Channel.CHAT)
        ctx = b.context(person, received, service)
        hour = received.hour
        ctx["saludo_hora"] = (
            "Buenos días" if hour < 12 else "Buenas tardes" if hour < 19 else "Buenas noches"
        )
        ctx["saludo_hora_min"] = ctx["saludo_hora"].lower()
        ctx["agente_nombre"] = agent.split()[0]
        issues = t.TYPE_ISSUES.get(rtype) or t.REQUEST_ISSUES[service]
        first = f"{rng.choice(t.CHAT_OPENERS)} {rng.choice(issues)}".format(**ctx)
        if i in hostile:
            snippet = t.HOSTILE_SNIPPETS[hostile[i] % len(t.HOSTILE_SNIPPETS)]
            first = add_hostile(rng, first, snippet, one_line=True)
        turns = _chat_turns(b, first, rtype, service, ctx)
        if i in careless:
            turns, words = _misspell_agent_turns(rng, turns)
            if words:
                injected[key] = words
        wait = rng.choices(
            (rng.randint(5, 120), rng.randint(121, 179), rng.randint(180, 900)), weights=(85, 5, 10)
        )[0]
        clock = received
        lines: list[str] = []
        agent_label = f"Agente ({b.agent_short[agent]})"
        for k, (is_agent, text) in enumerate(turns):
            if k == 1:
                clock += timedelta(seconds=wait)
            elif k > 1:
                clock += timedelta(seconds=rng.randint(15, 120) if is_agent else rng.randint(8, 95))
            lines.append(f"[{clock:%H:%M:%S}] {agent_label if is_agent else 'Usuario'}: {text}")
        rating: float | None = None
        if rng.random() >= 0.3:
            weights = (45, 25, 12, 8, 10) if wait <= 180 else (15, 20, 20, 20, 25)
            rating = rng.choices(_RATINGS, weights=weights)[0]
        records.append(
            RecordData(
                channel=Channel.CHAT,
                key=key,
                agent=agent,
                received_at=received,
                identity_number=person.identity,
                requester_name=person.full_name,
                request_type=rtype,
                service=service,
                request_text=first,
                answer_text="\n".join(lines),
                wait_seconds=wait,
                registered_in_crm=rng.random() < 0.9,
                user_rating=rating,
                source_sheet="Demo",
                source_row=i + 2,
            )
        )
    return records, injected


def _misspell_agent_turns(
    rng: random.Random, turns: list[tuple[bool, str]]
) -> tuple[list[tuple[bool, str]], tuple[str, ...]]:
    count = rng.choices((1, 2, 3, 4), weights=(45, 30, 15, 10))[0]
    agent_text = "\n".join(text for is_agent, text in turns if is_agent)
    changed, words = misspell(rng, agent_text, count)
    new_agent = iter(changed.split("\n"))
    return [(a, next(new_agent) if a else text) for a, text in turns], words


def generate_month(
    seed: int = 2024,
    *,
    year: int = 2026,
    month: int = 10,
    provider: str = "Outsourcing Atención Integral S.A.S.",
    virtual_count: int = 1500,
    chat_count: int = 800,
    agent_count: int = 10,
    first_number: int | None = None,
) -> DemoMonth:
    """One month of demo records for ``provider``: the same arguments give the same data.

    ``first_number`` starts the month's radicados there (below a later month's, as a CRM
    numbers them) and draws the month's people and texts from a stream of its own, while
    the agents stay those of ``seed``: several months of the same provider's team.
    """
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1..12, got {month}")
    if agent_count < 1 or virtual_count < 0 or chat_count < 0:
        raise ValueError("agent_count must be >= 1 and the counts >= 0")
    b = _Builder(seed, year, month, provider)
    agents = b.agents(agent_count)
    if first_number is not None:
        b.rng.seed(f"{seed}:{year}-{month:02d}")
    virtual, virtual_mistakes = _virtual(b, agents, virtual_count, first_number)
    chat, chat_mistakes = _chat(b, agents, chat_count)
    return DemoMonth(
        seed=seed,
        provider=provider,
        period_start=b.first,
        period_end=b.last,
        agents=agents,
        virtual=virtual,
        chat=chat,
        misspellings={**virtual_mistakes, **chat_mistakes},
    )
