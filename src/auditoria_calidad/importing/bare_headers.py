"""Headers that only their connecting word tells apart from another field's header.

Matching drops connecting words («de», «por», «by»), so «Solicitado por» (the requester,
ServiceNow) and «Solicitado» (the moment of the request, Zendesk in Spanish) would read
alike. These headers are compared whole, before that matching.
"""

from __future__ import annotations

import re
import unicodedata

# The whole header, lower case and without accents → the field it names.
BARE_SYNONYMS: dict[str, str] = {
    "solicitado": "received_at",  # Zendesk in Spanish: «Solicitado» («Requested»)
    "solicitada": "received_at",
    "requested": "received_at",  # Zendesk in English
}

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def bare_field(header: str) -> str | None:
    """The field ``header`` names when it is one of `BARE_SYNONYMS`, else ``None``."""
    text = unicodedata.normalize("NFKD", header.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return BARE_SYNONYMS.get(" ".join(_NON_ALNUM.sub(" ", text).split()))
