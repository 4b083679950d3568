"""Where a writer's bytes go: a path, an open binary stream, or only the return value."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

Destination = Path | str | BinaryIO | None


def deliver(data: bytes, out: Destination) -> bytes:
    """Write ``data`` to ``out`` (whole bytes at once) and return it."""
    if isinstance(out, str | Path):
        Path(out).write_bytes(data)
    elif out is not None:
        out.write(data)
    return data
