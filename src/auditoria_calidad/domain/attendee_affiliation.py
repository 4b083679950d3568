"""Whose representative a committee attendee is, read from the organisation recorded with
the attendee (attendees carry no link to a provider, only the «Entidad / dependencia» text).

The rule, applied to a provider's extract of an acta:

- The organisation text and every provider's name are compared ignoring case, accents,
  punctuation, spacing and the company form («S.A.S.», «Ltda.»), word by word. The organisation *names* a provider when it
  contains the provider's whole name («Proveedor Andino S.A.S. – Gerencia» names
  «Proveedor Andino S.A.S.») or is itself a run of whole words of that name («Proveedor
  Andino» names «Proveedor Andino S.A.S.»).
- It names only the recipient provider: the attendee is that provider's own representative
  and is listed.
- It names another provider, or several: the attendee is counted, not named.
- It names no provider and is not blank, and says nothing of a provider in general
  («outsourcing», «proveedor», «contratista», «operador», «contact center», «call center»):
  the attendee is the entity's and is listed.
- Blank, or a provider in general without naming one: whose it is cannot be told, so the
  attendee is counted, not named.

When in doubt an attendee is counted rather than named: an extract must never name
another provider's people.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from enum import Enum

# Words that say "a provider" without saying which one.
GENERIC_PROVIDER_WORDS: tuple[tuple[str, ...], ...] = (
    ("outsourcing",),
    ("proveedor",),
    ("proveedora",),
    ("contratista",),
    ("operador",),
    ("contact", "center"),
    ("call", "center"),
)


# Colombian company forms, left out of the comparison («S.A.S.» in the name, not in the text).
LEGAL_FORMS = frozenset({"sas", "sa", "ltda", "limitada", "sca", "scs", "eu", "bic", "esp"})


class Affiliation(Enum):
    ENTITY = "entity"  # the entity's own people: listed in every extract
    RECIPIENT = "recipient"  # the recipient provider's representative: listed
    OTHER = "other"  # another provider's, or unknown: counted, never named


def words(text: str) -> tuple[str, ...]:
    """``text`` as lowercase words without accents, punctuation or legal form: «Andino
    S.A.S.», «ANDINO SAS» and «Andino Ltda.» are all («andino»,)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    merged: list[str] = []
    initials = ""
    # Single letters in a row are one abbreviation: «S.A.S.» and «S A S» are «sas».
    for word in [*re.findall(r"[a-z0-9]+", plain.casefold()), ""]:
        if len(word) == 1 and word.isalpha():
            initials += word
            continue
        if initials:
            merged.append(initials)
            initials = ""
        if word:
            merged.append(word)
    return tuple(w for w in merged if w not in LEGAL_FORMS)


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    size = len(shorter)
    return size > 0 and any(longer[i : i + size] == shorter for i in range(len(longer) - size + 1))


def names_provider(organization: str, provider: str) -> bool:
    """Whether the organisation text names ``provider`` (see the module's rule)."""
    org, name = words(organization), words(provider)
    return _contains(org, name) or _contains(name, org)


def affiliation(organization: str, recipient: str, providers: Iterable[str]) -> Affiliation:
    """Whose attendee this is for the extract that ``recipient`` receives; ``providers``
    are the names of every provider of the entity (the recipient among them or not)."""
    org = words(organization)
    if not org:
        return Affiliation.OTHER
    named = {p for p in {*providers, recipient} if names_provider(organization, p)}
    if named == {recipient}:
        return Affiliation.RECIPIENT
    if named:
        return Affiliation.OTHER
    if any(_contains(org, generic) for generic in GENERIC_PROVIDER_WORDS):
        return Affiliation.OTHER
    return Affiliation.ENTITY
