"""Expand the shipped Hunspell dictionary into the word list the spelling pre-check reads.

The application does not run Hunspell: it looks words up in the plain list of every word
form that the ``.dic`` roots and the ``.aff`` affix rules produce (≈ 700 000 forms,
≈ 3 MB once gzip-compressed). Loading that list is much faster than applying the affix
rules on every start, and needs no third-party library on Windows or Linux.

The project's own ``es_CO_supplement.dic`` (Colombian administrative words that RLA-ES
lacks, with the same affix flags) is expanded together with it. Run the script again after
editing the supplement or replacing ``es_CO.dic`` / ``es_CO.aff`` (a newer RLA-ES
release)::

    python scripts/build_spelling_dictionary.py

It writes, next to the dictionary, ``es_CO_words.txt.gz`` (the forms, the roots and a
suggestion index, UTF-8; see ``word_file``) and ``es_CO_words.json`` (the SHA-256 of the
files it was built from and the number of forms; a unit test checks that they match).

Only what this dictionary's ``.aff`` uses is supported: ``SET UTF-8``, ``FLAG UTF-8``
(one character per flag), ``PFX``/``SFX`` with conditions, cross products and suffix
continuation classes (twofold suffixes such as ``-ción/S`` → ``-ciones``). Any other
directive that changes which words are valid stops the script rather than being ignored.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DICTIONARY_DIR = ROOT / "src" / "auditoria_calidad" / "resources" / "dictionaries"
NAME = "es_CO"

# Directives that only tune suggestions (or are documented no-ops for word lists).
_HARMLESS = {"SET", "FLAG", "TRY", "REP", "MAP", "KEY", "WORDCHARS", "LANG", "NAME"}
_HARMLESS |= {"HOME", "VERSION"}


@dataclass(frozen=True)
class Affix:
    strip: str
    add: str
    continuation: str  # flags the produced form can take in turn (twofold suffixes)
    condition: re.Pattern[str] | None


@dataclass(frozen=True)
class AffixClass:
    flag: str
    is_suffix: bool
    cross_product: bool
    entries: tuple[Affix, ...]


def parse_aff(text: str) -> dict[tuple[bool, str], AffixClass]:
    """Affix classes keyed by (is_suffix, flag)."""
    headers: dict[tuple[bool, str], bool] = {}
    entries: dict[tuple[bool, str], list[Affix]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        directive = parts[0]
        if directive in ("PFX", "SFX"):
            key = (directive == "SFX", parts[1])
            if key not in headers:  # header line: PFX flag Y|N count
                headers[key] = parts[2] == "Y"
                entries[key] = []
                continue
            strip, add = parts[2], parts[3]
            condition = parts[4] if len(parts) > 4 else "."
            add, _, continuation = add.partition("/")
            pattern = None
            if condition != ".":
                pattern = re.compile(condition + "$" if key[0] else "^" + condition)
            entries[key].append(
                Affix(
                    "" if strip == "0" else strip, "" if add == "0" else add, continuation, pattern
                )
            )
        elif directive in ("SET", "FLAG"):
            if parts[1].upper() != "UTF-8":
                sys.exit(f".aff line {number}: {line!r} is not supported (only UTF-8).")
        elif directive not in _HARMLESS and not directive.isdigit():
            sys.exit(f".aff line {number}: directive {directive!r} is not supported.")
    return {key: AffixClass(key[1], key[0], headers[key], tuple(entries[key])) for key in headers}


def _apply(affix: Affix, word: str, is_suffix: bool) -> str | None:
    if affix.condition is not None and not affix.condition.search(word):
        return None
    # Hunspell never strips a whole word (no FULLSTRIP in this .aff): some stem must remain.
    if len(affix.strip) >= len(word):
        return None
    if is_suffix:
        if not word.endswith(affix.strip):
            return None
        return word[: len(word) - len(affix.strip)] + affix.add
    if not word.startswith(affix.strip):
        return None
    return affix.add + word[len(affix.strip) :]


def expand_root(root: str, flags: str, classes: dict[tuple[bool, str], AffixClass]) -> set[str]:
    """Every form of one root: suffixes (and their continuation suffixes), prefixes, and
    prefix + suffix where both classes allow the cross product."""
    forms = {root}
    crossable = [root]
    for flag in flags:
        suffixes = classes.get((True, flag))
        if suffixes is None:
            continue
        for affix in suffixes.entries:
            form = _apply(affix, root, True)
            if form is None:
                continue
            forms.add(form)
            if suffixes.cross_product:
                crossable.append(form)
            for next_flag in affix.continuation:
                outer = classes.get((True, next_flag))
                for outer_affix in outer.entries if outer else ():
                    twofold = _apply(outer_affix, form, True)
                    if twofold is not None:
                        forms.add(twofold)
                        if suffixes.cross_product and outer and outer.cross_product:
                            crossable.append(twofold)
    for flag in flags:
        prefixes = classes.get((False, flag))
        if prefixes is None:
            continue
        for affix in prefixes.entries:
            for base in crossable if prefixes.cross_product else [root]:
                form = _apply(affix, base, False)
                if form is not None:
                    forms.add(form)
    return forms


def supplement_entries(text: str) -> list[str]:
    """``word/flags`` lines of the project's supplement, without comments."""
    entries = []
    for line in text.splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            entries.append(entry)
    return entries


def expand(
    dic_text: str, aff_text: str, supplement: Sequence[str] = ()
) -> tuple[list[str], list[str]]:
    """All word forms of the dictionary (plus supplement entries), and its roots
    (headwords), both sorted."""
    classes = parse_aff(aff_text)
    forms: set[str] = set()
    roots: set[str] = set()
    # The first line of a .dic is the root count.
    for line in [*dic_text.splitlines()[1:], *supplement]:
        entry = line.strip()
        if not entry:
            continue
        word, _, flags = entry.partition("/")
        flags = flags.split()[0] if flags.strip() else ""
        word = word.strip()
        if " " in word:
            # A few toponyms ("Reino Unido"); the checker looks words up one by one.
            forms.update(word.split())
            continue
        roots.add(word)
        forms |= expand_root(word, flags, classes)
    return sorted(forms), sorted(roots)


_FOLD = str.maketrans("áéíóúüñ", "aeiouun")


def word_file(forms: list[str], roots: list[str]) -> str:
    """The text the checker reads, in four blocks separated by an empty line:

    1. every form, one a line, sorted;
    2. the roots (headwords of the ``.dic``): suggestions prefer them on a tie, since a
       root ("cédula") is usually a commoner word than a derived form ("cedulá");
    3. the keys of the suggestion index: the accent-free lower-case spelling of each form
       that has accents or capitals ("informacion" for "información"), sorted;
    4. for each key, on the same line number, the forms it stands for, space-separated.

    Blocks 3 and 4 let the checker build its index with ``dict(zip(...))`` instead of
    folding 700 000 forms in a Python loop on every start.
    """
    index: dict[str, list[str]] = {}
    for form in forms:
        key = form.lower().translate(_FOLD)
        if key != form:
            index.setdefault(key, []).append(form)
    keys = sorted(index)
    return (
        "\n\n".join(
            [
                "\n".join(forms),
                "\n".join(roots),
                "\n".join(keys),
                "\n".join(" ".join(index[k]) for k in keys),
            ]
        )
        + "\n"
    )


def source_sha256(path: Path) -> str:
    """SHA-256 of a source file with CRLF read as LF (a Windows checkout may convert)."""
    return hashlib.sha256(path.read_bytes().replace(b"\r\n", b"\n")).hexdigest()


def build(source_dir: Path, output_dir: Path) -> dict[str, object]:
    dic = source_dir / f"{NAME}.dic"
    aff = source_dir / f"{NAME}.aff"
    extra = source_dir / f"{NAME}_supplement.dic"
    forms, roots = expand(
        dic.read_text(encoding="utf-8"),
        aff.read_text(encoding="utf-8"),
        supplement_entries(extra.read_text(encoding="utf-8")),
    )
    payload = word_file(forms, roots).encode("utf-8")
    output_dir.mkdir(parents=True, exist_ok=True)
    # gzip rather than xz: 3 MB instead of 2, but it decompresses four times faster.
    (output_dir / f"{NAME}_words.txt.gz").write_bytes(
        gzip.compress(payload, compresslevel=9, mtime=0)
    )
    manifest: dict[str, object] = {
        "source_dic": dic.name,
        "source_dic_sha256": source_sha256(dic),
        "source_aff": aff.name,
        "source_aff_sha256": source_sha256(aff),
        "supplement": extra.name,
        "supplement_sha256": source_sha256(extra),
        "forms": len(forms),
        "roots": len(roots),
        "words_sha256": hashlib.sha256(payload).hexdigest(),
    }
    (output_dir / f"{NAME}_words.json").write_text(
        json.dumps(manifest, indent=2) + "\n", encoding="utf-8"
    )
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DICTIONARY_DIR, help="folder of .dic/.aff")
    parser.add_argument("--output", type=Path, default=DICTIONARY_DIR, help="where to write")
    args = parser.parse_args(argv)
    manifest = build(args.source, args.output)
    print(json.dumps(manifest, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
