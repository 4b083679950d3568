"""Scoring schemes: defaults stored once, edits make new versions, audits keep theirs."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from audit_data import ENGINES, OCTOBER, open_env, provider, record, store, user
from auditoria_calidad.domain.fields import Channel
from auditoria_calidad.domain.roles import Role
from auditoria_calidad.domain.timeliness import Clock
from auditoria_calidad.services import audits, indicators, schemes
from auditoria_calidad.services.audit_trail import history
from auditoria_calidad.services.errors import InvalidInput, PermissionDenied

FIRST, LAST = date(2026, 10, 1), date(2026, 10, 31)


@pytest.fixture(scope="module", params=ENGINES)
def env(request, tmp_path_factory):  # type: ignore[no-untyped-def]
    yield from open_env(request, tmp_path_factory)


def _current(env, channel: Channel = Channel.VIRTUAL) -> schemes.SchemeDetail:  # type: ignore[no-untyped-def]
    return schemes.current_scheme(env.db, env.auditor, channel)


def test_the_default_schemes_are_stored_once_as_version_one(env) -> None:
    schemes.ensure_default_schemes(env.db)
    schemes.ensure_default_schemes(env.db)
    listed = schemes.list_schemes(env.db, env.auditor)
    firsts = [s for s in listed if s.version == 1]
    assert {(s.name, s.channel, s.created_by) for s in firsts} == {
        ("F182 Atención Virtual", Channel.VIRTUAL, "Sistema"),
        ("F182 Atención Chat", Channel.CHAT, "Sistema"),
    }
    chat = _current(env, Channel.CHAT)
    assert chat.scheme.criteria[0].key == "oportunidad"
    assert chat.scheme.thresholds.chat_wait_limit_seconds == 60


def test_an_edit_makes_a_new_version_and_audits_keep_theirs(env) -> None:
    db, admin, auditor = env.db, env.admin, env.auditor
    pid = provider(db, admin)
    store(db, admin, pid, [record("Ana", "V-1")])
    before = audits.create_audit(db, auditor, "virtual", pid, FIRST, LAST)
    base = _current(env)
    edited = base.definition()
    edited["criteria"][1]["weight"] = 25
    edited["thresholds"]["target_score"] = 92
    saved = schemes.save_scheme_version(db, admin, base.info.id, edited)
    assert saved.info.version == base.info.version + 1 and saved.info.is_current
    assert saved.info.created_by == admin.display_name
    assert saved.scheme.criterion("coherencia").weight == 25
    versions = [s for s in schemes.list_schemes(db, auditor) if s.name == base.info.name]
    assert [(v.version, v.is_current) for v in versions][:2] == [
        (saved.info.version, True),
        (base.info.version, False),
    ]
    assert schemes.get_scheme(db, auditor, base.info.id).scheme.criterion("coherencia").weight == 15
    # The next period's audit (one audit per channel, provider and period).
    store(db, admin, pid, [record("Ana", "V-2", OCTOBER + timedelta(days=31))])
    after = audits.create_audit(
        db, auditor, "virtual", pid, LAST + timedelta(days=1), LAST + timedelta(days=30)
    )
    assert indicators.audit_summary(db, auditor, before.id).scheme_version == base.info.version
    assert indicators.audit_summary(db, auditor, after.id).scheme_version == saved.info.version
    with db.sessions() as session:
        assert [e.action for e in history(session, "scoring_scheme", saved.info.id)] == [
            "new_version"
        ]


def test_an_invalid_definition_is_refused_with_every_problem(env) -> None:
    base = _current(env)
    bad = base.definition()
    bad["criteria"][0]["weight"] = 0
    bad["thresholds"]["hours_allowed"] = -1
    with pytest.raises(InvalidInput) as refused:
        schemes.save_scheme_version(env.db, env.admin, base.info.id, bad)
    assert "el peso ('weight') debe ser mayor que 0" in refused.value.message
    assert "'hours_allowed' debe ser mayor que 0" in refused.value.message
    renamed = base.definition() | {"name": "Otro nombre"}
    with pytest.raises(InvalidInput, match="no se cambia"):
        schemes.save_scheme_version(env.db, env.admin, base.info.id, renamed)
    with pytest.raises(InvalidInput, match="No hay cambios"):
        schemes.save_scheme_version(env.db, env.admin, base.info.id, base.definition())
    assert _current(env).info.id == base.info.id


def test_only_administrators_edit_schemes(env) -> None:
    base = _current(env)
    edited = base.definition()
    edited["thresholds"]["target_score"] = 80
    for actor in (env.auditor, user(env.db, env.admin, Role.HEAD)):
        with pytest.raises(PermissionDenied):
            schemes.save_scheme_version(env.db, actor, base.info.id, edited)


def test_the_working_calendar_is_saved_as_a_new_version(env) -> None:
    base = _current(env, Channel.CHAT)
    calendar = schemes.CalendarInput(
        frozenset({1, 2, 3, 4, 5, 6}),
        time(7, 0),
        time(19, 0),
        Clock.BUSINESS,
        frozenset({date(2026, 12, 24)}),
    )
    saved = schemes.set_working_calendar(env.db, env.admin, base.info.id, calendar)
    thresholds = saved.scheme.thresholds
    assert saved.info.version == base.info.version + 1
    assert thresholds.clock is Clock.BUSINESS
    assert thresholds.calendar.weekdays == frozenset({1, 2, 3, 4, 5, 6})
    assert (thresholds.calendar.start, thresholds.calendar.end) == (time(7), time(19))
    assert thresholds.calendar.extra_holidays == frozenset({date(2026, 12, 24)})
    wrong = schemes.CalendarInput(frozenset({1}), time(18, 0), time(8, 0), Clock.BUSINESS)
    with pytest.raises(InvalidInput, match="debe ser anterior"):
        schemes.set_working_calendar(env.db, env.admin, saved.info.id, wrong)
    with pytest.raises(InvalidInput, match="al menos uno"):
        schemes.set_working_calendar(
            env.db,
            env.admin,
            saved.info.id,
            schemes.CalendarInput(frozenset(), time(8), time(17), Clock.CALENDAR),
        )
