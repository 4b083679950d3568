"""Where a writer's bytes go: a path, an open binary stream, or only the return value.

A file is written whole or not at all: the bytes go to a temporary file in the same folder,
which is then renamed over the target (`os.replace`, atomic on one file system). A full
disk or a missing permission leaves neither a 0-byte nor a half-written report behind, and
an older file of the same name stays as it was.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import BinaryIO

Destination = Path | str | BinaryIO | None


def write_file(path: Path | str, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file renamed into place."""
    target = Path(path)
    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
        )
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp makes the file private (0600): give it the mode a new file would have.
        os.chmod(temporary, target.stat().st_mode & 0o777 if target.exists() else 0o644)
        os.replace(temporary, target)
    except BaseException as exc:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        if isinstance(exc, OSError):
            exc.filename = str(target)  # the message names the file the user asked for
        raise
    return target


def deliver(data: bytes, out: Destination) -> bytes:
    """Write ``data`` to ``out`` (whole bytes at once) and return it."""
    if isinstance(out, str | Path):
        write_file(out, data)
    elif out is not None:
        out.write(data)
    return data
