"""The letterhead and the signature blocks every report of the office prints, from the
office settings and the users.
"""

from __future__ import annotations

import base64
import binascii
from datetime import date

from sqlalchemy.orm import Session

from auditoria_calidad.domain.roles import ROLE_LABELS
from auditoria_calidad.reporting.data import Letterhead, Signatory
from auditoria_calidad.services.office_settings import PAPER_SIZES, SETTINGS
from auditoria_calidad.storage.models import User
from auditoria_calidad.storage.queries.reports import stored_settings

__all__ = ["letterhead", "user_signatory"]


def letterhead(session: Session, document: str | None = None) -> Letterhead:
    """Entity, office, logo, paper size and, for ``document`` (the key of its code setting,
    e.g. "audit_report_code"), its code and version, from the office settings (defaults
    where none is stored)."""
    stored = stored_settings(session)
    values = {spec.key: stored.get(spec.key, spec.default) for spec in SETTINGS}
    logo: bytes | None = None
    encoded = str(values.get("logo_png_base64") or "").strip()
    if encoded:
        try:
            logo = base64.b64decode(encoded, validate=True) or None
        except (binascii.Error, ValueError):
            logo = None  # a damaged logo must not stop a report: it is printed without
    paper = str(values.get("paper_size") or "carta")
    return Letterhead(
        str(values["entity_name"]),
        str(values["office_name"]),
        logo,
        paper=paper if paper in PAPER_SIZES else "carta",
        document_code=str(values.get(document, "") or "") if document else "",
    )


def user_signatory(
    session: Session, role: str, user_id: int | None, signed_on: date | None = None
) -> Signatory:
    """A signature block for a user: full name and, as position, the role in the app."""
    user = session.get(User, user_id) if user_id else None
    if user is None:
        return Signatory(role, signed_on=signed_on)
    return Signatory(
        role, user.full_name or user.username, ROLE_LABELS[user.role], signed_on=signed_on
    )
