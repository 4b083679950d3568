"""Spanish readability: syllables, the Fernández-Huerta index and the Szigriszt-Pazos
perspicuity read on the INFLESZ scale.

- Fernández-Huerta (1959): ``L = 206,84 − 0,60·P − 1,02·F``, with ``P`` syllables per 100
  words and ``F`` sentences per 100 words.
- Szigriszt-Pazos (1993): ``P = 206,835 − 62,3·S/W − W/F``, with ``S`` syllables, ``W``
  words and ``F`` sentences; Barrio-Cantalejo et al. (2008) read it on the INFLESZ scale:
  under 40 «muy difícil», 40–55 «algo difícil», 55–65 «normal», 65–80 «bastante fácil»,
  80 or more «muy fácil».

Syllables are counted from the vowel nuclei of the written word: a run of vowels is one
syllable unless it holds a hiatus, that is two open vowels together (a, e, o: "le-er",
"a-e-ro"), an accented close vowel (í, ú: "pa-ís", "dí-a"), or the same close vowel twice
("chi-i-ta"). "y" is a vowel at the end of a word after a vowel ("muy", "rey") and as the
word "y"; "u" after "q" and in "gue", "gui" is silent and so joins its neighbour.
"""

from __future__ import annotations

from functools import lru_cache

_OPEN = frozenset("aeoáéóíú")  # accented close vowels behave as open: they break diphthongs
_CLOSE = frozenset("iuü")
_VOWELS = _OPEN | _CLOSE

INFLESZ_BANDS: tuple[tuple[float, str], ...] = (
    (40.0, "muy difícil"),
    (55.0, "algo difícil"),
    (65.0, "normal"),
    (80.0, "bastante fácil"),
)


@lru_cache(maxsize=65_536)
def syllables(word: str) -> int:
    """Syllables of a Spanish word (at least 1 for a word with letters)."""
    w = word.lower()
    if w == "y":
        return 1
    count = 0
    previous = ""  # previous vowel of the current run, "" after a consonant
    for i, ch in enumerate(w):
        vowel = ch in _VOWELS or (ch == "y" and i == len(w) - 1 and i > 0 and w[i - 1] in _VOWELS)
        if not vowel:
            previous = ""
            continue
        if (
            ch == "u"
            and i > 0
            and (w[i - 1] == "q" or (w[i - 1] == "g" and w[i + 1 : i + 2] in ("e", "i")))
        ):
            previous = ""  # silent: "que", "guerra"
            continue
        if not previous:
            count += 1
        elif (previous in _OPEN and ch in _OPEN) or previous == ch:
            count += 1  # hiatus
        previous = "i" if ch == "y" else ch
    return max(count, 1)


class _SyllableMemory(dict[str, int]):
    def __missing__(self, word: str) -> int:
        if len(self) > 200_000:
            self.clear()
        count = self[word] = syllables(word)
        return count


_memory = _SyllableMemory()


def total_syllables(words: list[str]) -> int:
    """Syllables of many words (each distinct word counted once per process)."""
    return sum(map(_memory.__getitem__, words))


def fernandez_huerta(words: int, syllable_count: int, sentences: int) -> float:
    """Fernández-Huerta ease of reading (0–100, higher is easier)."""
    if words <= 0 or sentences <= 0:
        raise ValueError("se necesita al menos una palabra y una oración")
    return 206.84 - 0.60 * (100 * syllable_count / words) - 1.02 * (100 * sentences / words)


def szigriszt_pazos(words: int, syllable_count: int, sentences: int) -> float:
    """Szigriszt-Pazos perspicuity, the index of the INFLESZ scale."""
    if words <= 0 or sentences <= 0:
        raise ValueError("se necesita al menos una palabra y una oración")
    return 206.835 - 62.3 * syllable_count / words - words / sentences


def inflesz_band(index: float) -> str:
    """«muy difícil» … «muy fácil» for a Szigriszt-Pazos value."""
    for limit, label in INFLESZ_BANDS:
        if index < limit:
            return label
    return "muy fácil"
