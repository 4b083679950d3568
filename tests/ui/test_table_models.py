"""Table models, tested without a view: display in es-CO, sorting by native values."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from PySide6.QtCore import Qt

from auditoria_calidad.domain.roles import Role
from auditoria_calidad.services.administration import ProviderInfo, UserInfo
from auditoria_calidad.ui.table_models import (
    ROW_ROLE,
    ProvidersTableModel,
    SortProxy,
    UsersTableModel,
)


def user(username: str, last: datetime | None, active: bool = True) -> UserInfo:
    return UserInfo(1, username, username.title(), Role.AUDITOR, None, active, last)


def test_users_model_shows_spanish_labels_and_colombian_dates():
    model = UsersTableModel()
    model.set_rows([user("ana", datetime(2025, 1, 31, 14, 5)), user("beto", None, False)])
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == [
        "Usuario",
        "Nombre",
        "Rol",
        "Proveedor",
        "Activo",
        "Último ingreso",
        "Bloqueado",
    ]
    assert model.data(model.index(0, 2)) == "Auditor"
    assert model.data(model.index(0, 5)) == "31/01/2025 14:05"
    assert model.data(model.index(1, 5)) == "Nunca"
    assert model.data(model.index(1, 4)) == "No"
    assert model.data(model.index(1, 0), ROW_ROLE).username == "beto"


def test_providers_model_uses_a_decimal_comma_and_sorts_by_number():
    model = ProvidersTableModel()
    model.set_rows(
        [
            ProviderInfo(1, "B", Decimal("100"), True, 3),
            ProviderInfo(2, "A", Decimal("92.5"), True, 12),
        ]
    )
    assert model.data(model.index(1, 1)) == "92,5 %"
    assert model.data(model.index(1, 1), Qt.ItemDataRole.TextAlignmentRole) is not None
    proxy = SortProxy(model)
    proxy.sort(1, Qt.SortOrder.AscendingOrder)  # 92,5 before 100, not text order
    assert proxy.index(0, 0).data() == "A"
    proxy.sort(2, Qt.SortOrder.DescendingOrder)  # 12 agents before 3
    assert proxy.index(0, 0).data() == "A"


def test_sort_puts_missing_values_first():
    model = UsersTableModel()
    model.set_rows([user("ana", datetime(2025, 1, 1)), user("beto", None)])
    proxy = SortProxy(model)
    proxy.sort(5, Qt.SortOrder.AscendingOrder)
    assert proxy.index(0, 0).data() == "beto"
