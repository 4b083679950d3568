"""``respuesta_reutilizada``: the same or nearly the same answer given to requests of
different subjects.

An answer is compared by its body (greeting with the user's name and signature cut off,
see answer_parts.py), folded to lower case without accents, with the requester's and the
agent's names dropped, digits written as 0 and spacing ignored. Then, near-linearly:

1. bodies equal after that normalisation form one group (a dictionary, one pass);
2. one body per group is sketched by one-permutation MinHash over its word 3-grams
   (32 bins, each keeping the smallest hash that falls in it; empty bins take the next
   bin's value) and put in 8 buckets, one per band of 4 bins: two bodies whose 3-gram
   sets have Jaccard similarity s share a bucket with probability 1 − (1 − s⁴)⁸
   (0,985 at 0,8; 0,40 at 0,5);
3. each body, as it comes, is compared in each of its buckets with the bucket's first body
   and with the last one that matched neither; pairs at or over the threshold by the exact Jaccard similarity of
   their 3-grams join one group (union-find). A pair whose numbers of 3-grams differ by more
   than the threshold allows (sets of m <= n elements are at most m / n alike) is passed
   over at once. The exact similarity is computed only when
   a second, finer sketch (256 bins, one byte each, 0 for an empty bin) of the two agrees
   in enough of the bins that are full in either: the share of those that agree estimates
   the similarity, and a pair at the threshold falls under that floor with a probability
   under one in a million. Empty bins are left out of the count, so that two short bodies
   do not look alike for what neither holds. The many chance meetings in a bucket then
   cost a few integer operations (256 bins: operations on integers half as long as with
   512 and hardly more exact comparisons; with 128, too many more).

The sketch of a body (``Sketcher``: band keys, fine bins and the 3-gram hashes, which the
exact similarity reads instead of cutting the body again) needs nothing but the body, so it is computed with the
other per-answer checks (answer_checks.py, possibly in worker processes).

Agents often give the same text behind another opening and closing sentence («Reciba un
cordial saludo…» / «Agradecemos su comunicación…», «Quedamos atentos…» / «Agradecemos su
confianza…»), which lowers the similarity of the whole bodies under the threshold. So each
body's core — the body without a short first paragraph that only opens it and a short
last one that only closes it (``edge_paragraphs``) — is digested too (``core_key``, 64
bits of BLAKE2b, when the core has at least twice ``reuse_min_words`` words), and bodies
with the same core are one group whatever their opening and closing. Only equal cores
join: a core merely alike is judged with its whole body as above, so answers that share
most sentences of a subject's bank but not all keep their distance.

A group whose records have two or more different subjects is reuse; a template used only
for one subject is not. Hashes are CRC-32 of each word combined by the hash of an integer
tuple (cut to 30 bits), so the result does not depend on the interpreter's hash seed.
"""

from __future__ import annotations

import hashlib
import math
import re
import sys
import zlib
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from itertools import filterfalse

from auditoria_calidad.domain.screening.answer_parts import fold

_TOKEN = re.compile(r"[^\W_]+")
_DIGITS = re.compile(r"\d+")
BINS = 32
ROWS = 4
BANDS = BINS // ROWS
_EMPTY = 1 << 62
FINE_BINS = 256  # a finer sketch, only to estimate a pair's similarity before the exact one
_FINE_SHIFT = FINE_BINS.bit_length() - 1


# An opening or a closing paragraph of the body: short, with one of these (folded).
EDGE_PARAGRAPH_CHARS = 160
OPENING_CUES: tuple[str, ...] = (
    "cordial saludo",
    "un saludo",
    "saludos",
    "agradecemos su",
    "agradecemos que",
    "gracias por",
    "recibimos su",
    "hemos recibido su",
    "damos respuesta",
)
CLOSING_CUES: tuple[str, ...] = (
    "esperamos haber",
    "quedamos atent",
    "quedo atent",
    "estamos atent",
    "estaremos atent",
    "cualquier inquietud",
    "alguna inquietud",
    "otra inquietud",
    "inquietud adicional",
    "invitamos a calificar",
    "su confianza",
    "a su disposicion",
)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
# A core (the body without its opening and closing) is grouped by its digest only when it
# has this many times the words a compared body needs: a short core may be a generic
# reminder that follows different answers written in the opening.
CORE_WORDS_FACTOR = 2


def _is_edge(paragraph: str, cues: tuple[str, ...]) -> bool:
    if len(paragraph) > EDGE_PARAGRAPH_CHARS:
        return False
    folded = fold(paragraph)
    return any(map(folded.__contains__, cues))


def edge_paragraphs(body: str, closings: tuple[str, ...] = ()) -> tuple[str, str, str]:
    """``(opening, core, closing)``: the body's first paragraph when it only opens the
    answer («Reciba un cordial saludo del ICETEX.», «Agradecemos su comunicación…»), its
    last one when it only closes it («Quedamos atentos a cualquier inquietud.»;
    ``closings``: the folded closing phrases of the settings count too), "" for each one
    that is not such, and what is between. Agents vary those sentences around the same
    text."""
    # Only the first and the last paragraph are looked at: no split of the whole body.
    first = _PARAGRAPH_BREAK.search(body)
    if first is None:
        return "", body, ""
    last_start, last_end = _last_break(body, first.span())
    start = first.end() if _is_edge(body[: first.start()], OPENING_CUES) else 0
    end = len(body)
    if last_end > start and _is_edge(body[last_end:], CLOSING_CUES + closings):
        end = last_start
    if start == 0 and end == len(body):
        return "", body, ""
    opening = body[: first.start()] if start else ""
    closing = body[last_end:] if end < len(body) else ""
    return opening, body[start:end], closing


def _last_break(body: str, first: tuple[int, int]) -> tuple[int, int]:
    """Start and end of the body's last paragraph break (a line of blanks between two
    line ends), searched back from the end; ``first`` is its first one."""
    end = len(body)
    while True:
        line_end = body.rfind("\n", first[1] - 1, end)
        if line_end < first[1] - 1 or line_end <= first[0]:
            return first
        before = body.rfind("\n", 0, line_end)
        if before >= first[0] and not body[before + 1 : line_end].strip(" \t"):
            return before, line_end + 1
        end = line_end


def core_key(core: list[str], min_words: int) -> bytes:
    """The digest of the ``normalised_tokens`` of a body's core (``edge_paragraphs``), when
    it has at least ``CORE_WORDS_FACTOR * min_words`` words; b"" otherwise. Bodies with the
    same core are grouped whatever their opening and closing."""
    if len(core) < CORE_WORDS_FACTOR * min_words:
        return b""
    return hashlib.blake2b(" ".join(core).encode("utf-8"), digest_size=8).digest()


def normalised_tokens(body: str, names: frozenset[str]) -> list[str]:
    """The body's words and numbers, folded, names dropped, digits as 0."""
    # Digits are word characters: a run of them is replaced inside its token, as it would
    # be in the whole text, and only tokens that are not all letters are looked at.
    digits = _DIGITS.sub
    tokens = [t if t.isalpha() else digits("0", t) for t in _TOKEN.findall(fold(body))]
    return list(filterfalse(names.__contains__, tokens)) if names else tokens


def normalised_body(body: str, names: frozenset[str]) -> str:
    """``normalised_tokens`` one space apart."""
    return " ".join(normalised_tokens(body, names))


class _WordHashes(dict[str, int]):
    def __missing__(self, word: str) -> int:
        value = self[word] = zlib.crc32(word.encode("utf-8"))
        return value


_HASH_BITS = 30
_HASH_MASK = (1 << _HASH_BITS) - 1


class _Hasher:
    """Word 3-gram hashes: CRC-32 of each word, the three combined by the (deterministic)
    hash of a tuple of integers, cut to 30 bits. Integers of 30 bits are the interpreter's
    fastest (one machine digit), and two of a body's 3-grams share a hash about once in a
    hundred thousand bodies: nothing that moves a similarity."""

    def __init__(self) -> None:
        self._words = _WordHashes()

    def word_hashes(self, tokens: Sequence[str]) -> list[int]:
        if len(self._words) > 500_000:
            self._words.clear()
        return list(map(self._words.__getitem__, tokens))

    def shingles(self, tokens: Sequence[str]) -> set[int]:
        h = self.word_hashes(tokens)
        mask = _HASH_MASK
        return {hash(t) & mask for t in zip(h, h[1:], h[2:], strict=False)}

    def shingles_of_runs(self, runs: Iterable[tuple[Sequence[str], array[int]]]) -> set[int]:
        """``shingles`` of the tokens of ``runs`` one after the other, each run given with
        the 3-grams of its own tokens (``shingles`` of them): only the 3-grams across two
        runs are hashed here."""
        found: set[int] = set()
        tail: list[int] = []  # the hashes of the last two tokens so far
        mask = _HASH_MASK
        for tokens, own in runs:
            if not tokens:
                continue
            found.update(own)
            head = self.word_hashes(tokens[:2])
            if tail:
                window = tail + head
                found.update(
                    hash(tuple(window[i : i + 3])) & mask
                    for i in range(len(tail))
                    if i + 3 <= len(window)
                )
            tail = (tail + head)[-2:] if len(tokens) < 2 else self.word_hashes(tokens[-2:])
        return found


def _bins(ascending: list[int]) -> tuple[list[int], list[int]]:
    """The ``BINS`` values of the band keys (densified) and the ``FINE_BINS`` values of the
    fine sketch (``_packed``) of the 3-gram hashes ``ascending`` (sorted).

    A bin's value is its smallest hash shifted past the bin's bits; the hashes of a bin
    share those bits, so the smallest is the first one met in ascending order, and the
    band bins are all full long before the last hash.
    """
    mins = [_EMPTY] * BINS
    left = BINS
    for h in ascending:
        b = h & (BINS - 1)
        if mins[b] == _EMPTY:
            mins[b] = h >> 5
            left -= 1
            if not left:
                break
    fine = [_EMPTY] * FINE_BINS
    for h in ascending:
        b = h & (FINE_BINS - 1)
        if fine[b] == _EMPTY:
            fine[b] = (h >> _FINE_SHIFT) | 1
    if left:  # densify: an empty bin borrows the next full bin's value
        for i in range(BINS):
            if mins[i] == _EMPTY:
                for step in range(1, BINS):
                    v = mins[(i + step) % BINS]
                    if v != _EMPTY:
                        mins[i] = v + step
                        break
    return mins, fine


# (band keys, one byte per fine bin packed, the 3-gram hashes as machine 32-bit integers:
# one bytes object crosses between processes far faster than a set of integers, and the
# digest of the body's core, ``core_key``, b"" for none)
Sketch = tuple[tuple[int, ...], int, bytes, bytes]

_BYTE_LOW_BITS = int.from_bytes(b"\x01" * FINE_BINS, "big")
_LOW_BYTE_OFFSET = 0 if sys.byteorder == "little" else 7


def _packed(fine: list[int]) -> int:
    """The fine sketch, one byte kept per bin: the low byte of the bin's smallest value,
    made odd, so that a byte 0 marks an empty bin. The values fit in 64 bits: their
    machine form holds the low byte at a fixed offset of every 8 bytes."""
    return int.from_bytes(array("q", fine).tobytes()[_LOW_BYTE_OFFSET::8], "big")


@lru_cache(maxsize=8)
def min_agreeing_bins(similarity: float) -> tuple[int, ...]:
    """For each count of bins full in either of two sketches, the fewest of them that two
    bodies at ``similarity`` show agreeing but for a 5-sigma chance."""
    floors = []
    for full in range(FINE_BINS + 1):
        spread = math.sqrt(full * similarity * (1 - similarity))
        floors.append(max(0, math.floor(full * similarity - 5 * spread)))
    return tuple(floors)


def _nonzero_bytes(packed: int) -> int:
    """The low bit of each nonzero byte of ``packed`` (a full fine bin)."""
    packed |= packed >> 4
    packed |= packed >> 2
    packed |= packed >> 1
    return packed & _BYTE_LOW_BITS


class Sketcher:
    """The MinHash sketch of normalised bodies (their band keys and packed bins), with a
    memory of the word hashes shared by every body it sees."""

    def __init__(self) -> None:
        self._hasher = _Hasher()

    def __call__(self, body: str) -> Sketch:
        return self.of_tokens(body.split(" "))

    def of_tokens(self, tokens: list[str], core: bytes = b"") -> Sketch:
        """The sketch of the body whose ``normalised_tokens`` are ``tokens`` (``core``: its
        ``core_key``)."""
        return self._of_shingles(self._hasher.shingles(tokens), core)

    def own_shingles(self, tokens: Sequence[str]) -> array[int]:
        """The 3-gram hashes of ``tokens`` alone (a paragraph's, for ``of_runs``)."""
        return array("i", self._hasher.shingles(tokens))

    def shingles_of_runs(self, runs: Iterable[tuple[Sequence[str], array[int]]]) -> array[int]:
        """`own_shingles` of the tokens of ``runs`` one after the other, each run given
        with its own: the pieces of a paragraph."""
        return array("i", self._hasher.shingles_of_runs(runs))

    def of_runs(
        self, runs: Iterable[tuple[Sequence[str], array[int]]], core: bytes = b""
    ) -> Sketch:
        """``of_tokens`` of the tokens of ``runs`` one after the other, each with its
        ``own_shingles``: a body's paragraphs."""
        return self._of_shingles(self._hasher.shingles_of_runs(runs), core)

    @staticmethod
    def _of_shingles(shingles: set[int], core: bytes) -> Sketch:
        # In order of value: equal bodies give equal bytes however their set was built.
        ascending = sorted(shingles)
        mins, fine = _bins(ascending)
        bands = tuple(
            hash((band, *mins[band * ROWS : band * ROWS + ROWS])) for band in range(BANDS)
        )
        return bands, _packed(fine), array("i", ascending).tobytes(), core


def _jaccard(a: set[int], b: set[int]) -> float:
    if not a or not b:
        return 0.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)


def find_groups(
    bodies: Sequence[str | None],
    similarity: float,
    min_words: int,
    *,
    tick: Callable[[], None] | None = None,
) -> list[list[int]]:
    """Groups (of two or more indices into ``bodies``) of equal or nearly equal bodies.

    ``bodies`` come from ``normalised_body`` (None: no answer); bodies shorter than
    ``min_words`` are left out. ``tick`` is called once per distinct body grouped.
    """
    sketcher = Sketcher()
    return group_sketches(
        [sketcher(b) if b and b.count(" ") + 1 >= min_words else None for b in bodies],
        similarity,
        tick=tick,
    )


def group_sketches(
    sketches: Sequence[Sketch | None],
    similarity: float,
    *,
    tick: Callable[[], None] | None = None,
) -> list[list[int]]:
    """``find_groups`` of bodies already sketched (``Sketcher``, e.g. in worker processes);
    None: a body left out. ``tick`` is called once per distinct body."""
    grouping = Grouping(similarity)
    for sketch in sketches:
        if grouping.add(sketch) and tick:
            tick()
    return grouping.groups()


class Grouping:
    """``group_sketches`` one sketch at a time, in the order of the bodies, so that the
    bodies already sketched are grouped while the others are still being sketched.

    Bodies with the same 3-grams in the same order of their hashes (equal bodies) join at
    once, and so do bodies with the same core; a new body is compared, in each of its
    buckets, with the bucket's first body and with the last one that matched neither."""

    def __init__(self, similarity: float) -> None:
        self.similarity = similarity
        self._floors = min_agreeing_bins(similarity)
        self._exact: dict[bytes, int] = {}  # 3-gram hashes -> distinct body
        self._distinct: list[int | None] = []  # per body added: its distinct body
        self._parent: list[int] = []  # union-find over the distinct bodies
        self._packed: list[int] = []
        self._full: list[int] = []  # per distinct body: its full fine bins, a bit per byte
        self._sizes: list[int] = []
        self._hashes: list[bytes] = []
        self._buckets: dict[int, list[int]] = {}  # band key -> [first, last unmatched]
        self._first_with_core: dict[bytes, int] = {}

    @property
    def added(self) -> int:
        """How many bodies were added (left out ones included)."""
        return len(self._distinct)

    def _root(self, i: int) -> int:
        parent = self._parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def add(self, sketch: Sketch | None) -> bool:
        """Group the next body (None: left out); True when it is a body not seen before."""
        if sketch is None:
            self._distinct.append(None)
            return False
        bands, bins, key, core = sketch
        r = self._exact.get(key)
        new = r is None
        if r is None:
            r = self._exact[key] = len(self._parent)
            self._parent.append(r)
            self._packed.append(bins)
            self._full.append(_nonzero_bytes(bins))
            self._sizes.append(len(key) // 4)
            self._hashes.append(key)
        self._distinct.append(r)
        root = self._root
        parent = self._parent
        if core:  # bodies with the same core (opening and closing aside) are one group
            first = root(self._first_with_core.setdefault(core, r))
            if first != root(r):
                parent[root(r)] = first
        if not new:
            return False
        buckets = self._buckets
        similar = self._similar
        for band in bands:
            bucket = buckets.get(band)
            if bucket is None:
                buckets[band] = [r, -1]
                continue
            anchor, other = bucket
            if root(r) == root(anchor):
                continue
            if similar(anchor, r):
                parent[root(r)] = root(anchor)
            elif other >= 0 and root(r) != root(other) and similar(other, r):
                parent[root(r)] = root(other)
            else:
                bucket[1] = r
        return True

    def _similar(self, a: int, b: int) -> bool:
        similarity = self.similarity
        # Two sets of sizes m <= n have a Jaccard similarity of at most m / n.
        m, n = self._sizes[a], self._sizes[b]
        if (m < similarity * n) if m <= n else (n < similarity * m):
            return False
        # Fine bins full in either sketch (a nonzero byte in x | y), and of those how many
        # agree (a zero byte in x ^ y; a byte equal by chance counts too). Written out
        # here: this runs for every pair that meets in a bucket.
        full = (self._full[a] | self._full[b]).bit_count()
        d = self._packed[a] ^ self._packed[b]
        d |= d >> 4
        d |= d >> 2
        d |= d >> 1
        if full - (d & _BYTE_LOW_BITS).bit_count() < self._floors[full]:
            return False
        hashes = self._hashes
        return _jaccard(set(array("i", hashes[a])), set(array("i", hashes[b]))) >= similarity

    def group_of(self) -> list[int | None]:
        """Per body added, in order: a number shared by the bodies of its group (None for
        a body left out)."""
        root = self._root
        return [None if r is None else root(r) for r in self._distinct]

    def groups(self) -> list[list[int]]:
        """Groups (of two or more indices, in order) of equal or nearly equal bodies."""
        grouped: dict[int, list[int]] = {}
        for i, group in enumerate(self.group_of()):
            if group is not None:
                grouped.setdefault(group, []).append(i)
        return [g for g in grouped.values() if len(g) > 1]


def subjects_evidence(subjects: Counter[str], total: int) -> str:
    """«La misma respuesta, o casi, se dio a 5 solicitudes de 3 temas: Condonación (3), …»."""
    listed = ", ".join(f"{name} ({n})" for name, n in subjects.most_common())
    return (
        f"La misma respuesta, o casi, se dio a {total} solicitudes de {len(subjects)} temas "
        f"distintos: {listed}."
    )
