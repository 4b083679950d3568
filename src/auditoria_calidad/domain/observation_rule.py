"""An auditor's «No cumple» must say why: the observation rule of form F182.

Every failed criterion the auditor judges becomes an inconsistency the provider must
answer; without an observation the provider cannot tell what was wrong. So a judged
criterion answered «No cumple», or a level criterion answered with a level that earns
nothing (spelling «Bajo»), requires the record's observation. Computed criteria (24 h,
CRM) explain themselves and do not.
"""

from __future__ import annotations

from collections.abc import Mapping

from auditoria_calidad.domain.scheme import CriterionKind, ScoringScheme
from auditoria_calidad.domain.scoring import Verdict


def criteria_needing_observation(
    scheme: ScoringScheme, answers: Mapping[str, object]
) -> tuple[str, ...]:
    """Keys of the answered criteria that require an observation, in scheme order."""
    needing = []
    for criterion in scheme.criteria:
        value = answers.get(criterion.key)
        if value is None or value == "":
            continue
        if criterion.kind is CriterionKind.JUDGED and value == Verdict.NO_CUMPLE:
            needing.append(criterion.key)
        elif criterion.kind is CriterionKind.LEVEL:
            level = criterion.level(str(value))
            if level is not None and level.credit == 0:
                needing.append(criterion.key)
    return tuple(needing)


def missing_observation(
    scheme: ScoringScheme, answers: Mapping[str, object], observations: str | None
) -> tuple[str, ...]:
    """Keys of the criteria whose failure is left unexplained: empty when the answers can
    be saved (nothing failed, or the observation is written)."""
    if observations is not None and observations.strip():
        return ()
    return criteria_needing_observation(scheme, answers)


def observation_required_message(scheme: ScoringScheme, keys: tuple[str, ...]) -> str:
    """Spanish message naming what failed (e.g. «Coherencia: No cumple»)."""
    parts = []
    for key in keys:
        criterion = scheme.criterion(key)
        if criterion.kind is CriterionKind.LEVEL:
            parts.append(f"{criterion.label}: nivel bajo")
        else:
            parts.append(f"{criterion.label}: {Verdict.NO_CUMPLE.label}")
    listed = "; ".join(parts)
    return (
        f"Escriba una observación que explique el incumplimiento ({listed}): el proveedor "
        "debe saber qué estuvo mal."
    )
