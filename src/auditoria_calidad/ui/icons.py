"""The window's line icons: SVG files in resources/ui/icons, tinted when loaded."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from auditoria_calidad.settings import resources_dir

ICONS_DIR: Path = resources_dir() / "ui" / "icons"
NAVIGATION_COLOR = "#e8eef5"
NAVIGATION_SELECTED_COLOR = "#1f4e79"
ACCENT_COLOR = "#1f4e79"


@cache
def _svg(name: str) -> str:
    return (ICONS_DIR / f"{name}.svg").read_text(encoding="utf-8")


def pixmap(name: str, size: int, color: str = ACCENT_COLOR) -> QPixmap:
    """The icon ``name`` drawn at ``size`` logical pixels in ``color`` (2x for sharp screens)."""
    renderer = QSvgRenderer(QByteArray(_svg(name).replace("currentColor", color).encode()))
    scale = 2
    image = QPixmap(size * scale, size * scale)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, size * scale, size * scale))
    painter.end()
    image.setDevicePixelRatio(scale)
    return image


def icon(name: str, color: str = ACCENT_COLOR, selected_color: str | None = None) -> QIcon:
    """A QIcon; ``selected_color`` tints it differently on a selected navigation item."""
    result = QIcon()
    for size in (16, 24, 32, 48):
        result.addPixmap(pixmap(name, size, color), QIcon.Mode.Normal)
        if selected_color:
            result.addPixmap(pixmap(name, size, selected_color), QIcon.Mode.Selected)
    return result
