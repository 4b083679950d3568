"""The closed sets of words some columns keep, each stored as its value and checked by a
constraint (the audit's own states live in ``domain.audit_lifecycle``)."""

from __future__ import annotations

import enum


class SampleOrigin(enum.StrEnum):
    DRAWN = "drawn"  # drawn at random by the seeded algorithm
    MANUAL = "manual"  # added by hand by the auditor
    REPLACEMENT = "replacement"  # drawn to replace a removed record of the same stratum
    DIRECTED = "directed"  # added with the records of chosen screening alerts, with a reason


class Decision(enum.StrEnum):
    ACCEPTED = "accepted"  # respuesta aceptada
    REJECTED = "rejected"  # respuesta no aceptada
    FOLLOW_UP = "follow_up"  # seguimiento


class CommitmentState(enum.StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class SessionState(enum.StrEnum):
    DRAFT = "draft"
    ISSUED = "issued"


class CalibrationState(enum.StrEnum):
    OPEN = "open"  # evaluators judge blind
    REVEALED = "revealed"  # every evaluator submitted: members see everything
    CLOSED = "closed"  # the creator closed it: no more judgements; members see everything
