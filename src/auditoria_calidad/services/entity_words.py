"""The entity's own word list for the spelling pre-check (programmes, acronyms, names).

Kept in the `settings` table under the key ``entity_words`` as a sorted JSON list, shared
by every user of the database. Auditors add words from the evaluation form ("Agregar al
diccionario"); administrators maintain the list in Configuración. Every change is logged.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from sqlalchemy.exc import IntegrityError

from auditoria_calidad.domain.roles import Permission
from auditoria_calidad.domain.spelling import SpellChecker, SpellingDictionaryError
from auditoria_calidad.services.actor import Actor
from auditoria_calidad.services.audit_trail import log_event
from auditoria_calidad.services.errors import InvalidInput, PermissionDenied, ServiceError
from auditoria_calidad.storage.database import Database
from auditoria_calidad.storage.models import Setting
from auditoria_calidad.storage.queries.administration import setting_for_update

SETTING_KEY = "entity_words"
MAX_WORD_LENGTH = 60
# Letters (any script, accents included), digits, and inner hyphens, dots or apostrophes:
# "ICETEX", "Sisbén", "Más-Familias", "S.A.S".
_WORD = re.compile(r"[^\W_](?:[\w.'’-]*[^\W_])?\.?")


def normalise_word(text: str) -> str:
    """One word, trimmed and in NFC; InvalidInput (Spanish) when it is not one word."""
    word = unicodedata.normalize("NFC", text.strip())
    if not word:
        raise InvalidInput("Escriba la palabra que desea agregar.")
    if len(word) > MAX_WORD_LENGTH or not _WORD.fullmatch(word) or "_" in word:
        raise InvalidInput(
            f"«{word}» no es una palabra: use letras y dígitos, sin espacios "
            f"(máximo {MAX_WORD_LENGTH} caracteres)."
        )
    return word


def _require_edit(actor: Actor) -> None:
    if not (actor.can(Permission.EVALUATE) or actor.can(Permission.MANAGE_SETTINGS)):
        raise PermissionDenied(
            f"El rol {actor.role.label} no puede modificar el diccionario de la entidad."
        )


def list_entity_words(db: Database) -> list[str]:
    """The entity's words, sorted without regard to case or accents."""
    with db.sessions() as session:
        row = session.get(Setting, SETTING_KEY)
        return sorted_words(row.value if row and isinstance(row.value, list) else [])


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def sorted_words(words: Iterable[str]) -> list[str]:
    return sorted({str(w) for w in words}, key=lambda w: (_fold(w), w))


def _change(
    db: Database, actor: Actor, add: Iterable[str] = (), remove: Iterable[str] = ()
) -> list[str]:
    _require_edit(actor)
    added = [normalise_word(w) for w in add]
    removed = {unicodedata.normalize("NFC", w.strip()) for w in remove}
    for attempt in range(2):
        try:
            with db.transaction() as session:
                # FOR UPDATE: two auditors adding words at once on PostgreSQL both keep theirs.
                row = setting_for_update(session, SETTING_KEY)
                old = sorted_words(row.value if row and isinstance(row.value, list) else [])
                new = sorted_words([w for w in old if w not in removed] + added)
                if new == old:
                    return old
                if row is None:
                    session.add(Setting(key=SETTING_KEY, value=new))
                else:
                    row.value = new
                for word in sorted_words(set(new) - set(old)):
                    log_event(
                        session, actor, "settings", None, "add_word", field=SETTING_KEY, new=word
                    )
                for word in sorted_words(set(old) - set(new)):
                    log_event(
                        session, actor, "settings", None, "remove_word", field=SETTING_KEY, old=word
                    )
                return new
        except IntegrityError:
            # Both inserted the first word at once: the second retries on the stored row.
            if attempt:
                raise
    raise AssertionError("unreachable")


def add_entity_words(db: Database, actor: Actor, words: Iterable[str]) -> list[str]:
    """Add words (already present ones are ignored); returns the whole list."""
    return _change(db, actor, add=words)


def remove_entity_words(db: Database, actor: Actor, words: Iterable[str]) -> list[str]:
    """Remove words (absent ones are ignored); returns the whole list."""
    return _change(db, actor, remove=words)


def load_spell_checker(db: Database) -> SpellChecker:
    """The Spanish dictionary plus the entity's words (slow the first time: off the GUI
    thread). A missing or damaged dictionary becomes a ServiceError with a Spanish message."""
    words = list_entity_words(db)
    try:
        return SpellChecker.load(entity_words=words)
    except SpellingDictionaryError as exc:
        raise ServiceError(str(exc)) from exc
